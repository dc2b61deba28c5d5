"""Hopfield patterns: letters and digits drawn on a 10×10 grid as ±1 vectors, random ±1 patterns, noise.

A pattern is a vector of ±1 (``+1`` = ink, ``−1`` = paper) of length ``N = rows·cols``;
a set of patterns is an array (P, N). Everything random takes a ``seed`` (an int or a
Generator); the same seed gives the same patterns and the same corrupted cells.
"""
from __future__ import annotations

import numpy as np

GRID = (10, 10)

# Hand-drawn 10×10 glyphs: '#' ink (+1), '.' paper (−1).
_GLYPHS = {
    "A": ["....##....", "...####...", "..##..##..", ".##....##.", ".##....##.",
          ".########.", ".########.", ".##....##.", ".##....##.", ".##....##."],
    "C": ["..######..", ".########.", "##......##", "##........", "##........",
          "##........", "##........", "##......##", ".########.", "..######.."],
    "E": ["#########.", "#########.", "##........", "##........", "#######...",
          "#######...", "##........", "##........", "#########.", "#########."],
    "H": ["##......##", "##......##", "##......##", "##......##", "##########",
          "##########", "##......##", "##......##", "##......##", "##......##"],
    "J": ["....######", "....######", "......##..", "......##..", "......##..",
          "......##..", "##....##..", "##....##..", ".######...", "..####...."],
    "L": ["##........", "##........", "##........", "##........", "##........",
          "##........", "##........", "##........", "##########", "##########"],
    "T": ["##########", "##########", "....##....", "....##....", "....##....",
          "....##....", "....##....", "....##....", "....##....", "....##...."],
    "X": ["##......##", ".##....##.", "..##..##..", "...####...", "....##....",
          "...####...", "..##..##..", ".##....##.", "##......##", "#........#"],
    "Z": ["##########", "##########", ".......##.", "......##..", ".....##...",
          "....##....", "...##.....", "..##......", "##########", "##########"],
    "0": ["...####...", "..##..##..", ".##....##.", ".##....##.", ".##....##.",
          ".##....##.", ".##....##.", ".##....##.", "..##..##..", "...####..."],
    "1": ["....##....", "...###....", "..####....", "....##....", "....##....",
          "....##....", "....##....", "....##....", "..######..", "..######.."],
    "2": ["..#####...", ".##...##..", ".......##.", ".......##.", "......##..",
          ".....##...", "....##....", "...##.....", ".########.", ".########."],
    "3": [".#######..", ".......##.", ".......##.", "......##..", "...####...",
          "......##..", ".......##.", ".......##.", ".##...##..", "..#####..."],
    "4": [".....###..", "....####..", "...##.##..", "..##..##..", ".##...##..",
          ".#########", ".#########", "......##..", "......##..", "......##.."],
    "5": [".########.", ".##.......", ".##.......", ".#######..", ".......##.",
          ".......##.", ".......##.", ".##....##.", "..##..##..", "...####..."],
    "6": ["...#####..", "..##......", ".##.......", ".##.......", ".#######..",
          ".##....##.", ".##....##.", ".##....##.", "..##..##..", "...####..."],
    "7": [".#########", ".#########", ".......##.", "......##..", ".....##...",
          "....##....", "....##....", "...##.....", "...##.....", "...##....."],
    "8": ["...####...", "..##..##..", "..##..##..", "...####...", "..##..##..",
          ".##....##.", ".##....##.", ".##....##.", "..##..##..", "...####..."],
    "9": ["...####...", "..##..##..", ".##....##.", ".##....##.", "..#######.",
          ".......##.", ".......##.", "......##..", ".....##...", "..####...."],
}

LETTERS = [k for k in _GLYPHS if k.isalpha()]
DIGITS = [k for k in _GLYPHS if k.isdigit()]
GLYPH_NAMES = LETTERS + DIGITS


def glyph(name: str) -> np.ndarray:
    """One glyph as a ±1 vector (100,) (row-major on the 10×10 grid; int8)."""
    try:
        rows = _GLYPHS[str(name)]
    except KeyError:
        raise ValueError(f"unknown glyph {name!r}; choose from {''.join(GLYPH_NAMES)}") from None
    return np.array([[1 if c == "#" else -1 for c in row] for row in rows], dtype=np.int8).ravel()


def glyphs(names) -> np.ndarray:
    """Several glyphs stacked: (P, 100) of ±1 (int8)."""
    names = list(names)
    if not names:
        raise ValueError("choose at least one pattern")
    return np.stack([glyph(n) for n in names])


def random_patterns(n_patterns: int, n_units: int = 100, seed=0) -> np.ndarray:
    """(P, N) independent unbiased ±1 patterns (each cell +1 with probability ½; int8)."""
    n_patterns, n_units = int(n_patterns), int(n_units)
    if n_patterns < 1 or n_units < 1:
        raise ValueError(f"need at least one pattern of at least one unit, got ({n_patterns}, {n_units})")
    rng = np.random.default_rng(seed)
    return (2 * rng.integers(0, 2, size=(n_patterns, n_units)) - 1).astype(np.int8)


def corrupt(patterns, fraction: float, seed=0) -> np.ndarray:
    """Flip exactly ``round(fraction·N)`` randomly chosen cells of every pattern.

    patterns: (N,) or (..., N) of ±1 -> the same shape, a new array. Each pattern
    gets its own random cells (vectorised: one argsort of random keys).
    """
    x = np.array(patterns, copy=True)
    fraction = float(fraction)
    if not 0.0 <= fraction <= 1.0:
        raise ValueError(f"noise must be a fraction between 0 and 1, got {fraction}")
    n = x.shape[-1]
    k = int(round(fraction * n))
    if k == 0:
        return x
    rng = np.random.default_rng(seed)
    keys = rng.random(x.shape)
    cells = np.argsort(keys, axis=-1)[..., :k]           # k distinct cells per pattern
    flipped = np.take_along_axis(x, cells, axis=-1)
    np.put_along_axis(x, cells, -flipped, axis=-1)
    return x


def as_grid(pattern, shape=GRID) -> np.ndarray:
    """A ±1 vector (N,) as an image (rows, cols)."""
    return np.asarray(pattern).reshape(shape)
