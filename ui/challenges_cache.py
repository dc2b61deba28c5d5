"""The Challenges page's cached computations, shared by every session and by the server's warm-up.

They live here, not in ``pages/challenges.py``, so that :func:`warm_defaults` (started once per
server process from ``ui/warm.py``) calls the very same cached functions as the page: the first
student then finds the default networks already trained instead of waiting 4–11 s (and 14 s for the
first "How much data?"). Every result is a pure function of its seeded arguments and is never
modified after it is made.
"""
from __future__ import annotations

import logging

import streamlit as st

from lab import challenges as ch
from lab.cnn import CnnConfig

EPS = tuple(round(0.025 * i, 3) for i in range(13))          # 0 … 0.3 of the pixel range
DEFAULT_PATCH = 2                                             # the occluder the page opens with (2×2)
DEFAULT_REPEATS = 3                                           # seeds averaged on the learning curve
# Default test digits (seed 0): a 7 that the CNN still reads as 7 at ε = 0.05 but as 3 at ε = 0.1 (so the page
# opens on a digit that is fooled), and an 8 whose gradient and occlusion maps both have structure.
FOOL_DIGIT, LOOK_DIGIT = 7, 8

log = logging.getLogger(__name__)


@st.cache_resource(max_entries=8, show_spinner=False)
def trained(seed: int) -> ch.TrainedModels:
    """The CNN page's default CNN and its MLP twin, trained once per process and seed (plain weight arrays)."""
    return ch.train_models(CnnConfig(seed=seed))


@st.cache_data(max_entries=16, show_spinner=False)
def attack(seed: int, kind: str) -> ch.AdversarialResult:
    return ch.adversarial(ch.AdversarialConfig(epsilons=EPS, kind=kind, noise_seed=seed), trained(seed))


@st.cache_data(max_entries=64, show_spinner=False)
def maps(seed: int, kind: str, index: int, patch: int) -> ch.SaliencyMaps:
    return ch.saliency(ch.SaliencyConfig(indices=(index,), kind=kind, patch=patch), trained(seed))


@st.cache_data(max_entries=16, show_spinner=False)
def deletion(seed: int, kind: str) -> ch.DeletionCheck:
    return ch.deletion_check(ch.DeletionConfig(kind=kind, seed=seed), trained(seed))


@st.cache_data(max_entries=32, show_spinner=False)
def curve_for_seed(seed: int) -> ch.LearningCurve:
    return ch.learning_curve(ch.LearningCurveConfig(seeds=(seed,)))


def warm_defaults() -> None:
    """Compute what the page shows first, in the order a visitor meets it: the default view, then the maps,
    then the learning-curve seeds. Any failure is logged, never raised: the page computes it again itself."""
    try:
        attack(0, "cnn")
        maps(0, "cnn", LOOK_DIGIT, DEFAULT_PATCH)
        deletion(0, "cnn")
        for seed in range(DEFAULT_REPEATS):
            curve_for_seed(seed)
    except Exception:  # noqa: BLE001 - a warm-up must never take the server down
        log.exception("warming the Challenges page's caches failed; the page will compute them on first use")
