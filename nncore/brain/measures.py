"""Measures of spike trains: rates, irregularity, correlation and synchrony.

Spikes are given as two equal-length integer arrays, ``steps`` (time-step
index) and ``neurons`` (neuron index), as returned by
:func:`nncore.brain.simulate`.  All measures are vectorised (no loop over
neurons or pairs).
"""
from __future__ import annotations

import numpy as np


def firing_rates(neurons, n, duration):
    """Mean rate of each of ``n`` neurons (Hz) over ``duration`` ms; shape (n,)."""
    return np.bincount(np.asarray(neurons, dtype=np.intp), minlength=n)[:n] * (1000.0 / duration)


def isi_cv(steps, neurons, n, min_spikes=3):
    """Coefficient of variation of inter-spike intervals per neuron, shape (n,); NaN with too few spikes.

    CV = std(ISI) / mean(ISI): 0 for a clock, ≈ 1 for a Poisson process
    (cortical neurons: CV ≈ 1, Softky & Koch 1993, J Neurosci 13:334).
    """
    steps = np.asarray(steps, dtype=np.float64)
    neurons = np.asarray(neurons, dtype=np.intp)
    order = np.lexsort((steps, neurons))
    s, nn = steps[order], neurons[order]
    same = nn[1:] == nn[:-1]
    isi = np.diff(s)[same]
    owner = nn[1:][same]
    cnt = np.bincount(owner, minlength=n)[:n].astype(np.float64)
    tot = np.bincount(owner, weights=isi, minlength=n)[:n]
    sq = np.bincount(owner, weights=isi * isi, minlength=n)[:n]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = tot / cnt
        var = np.maximum(sq / cnt - mean * mean, 0.0)
        cv = np.sqrt(var) / mean
    cv[cnt < (min_spikes - 1)] = np.nan
    return cv


def spike_counts(steps, neurons, n, n_steps, bin_steps):
    """Spike counts in consecutive bins of ``bin_steps`` steps: (n, n_bins), incomplete last bin dropped."""
    n_bins = int(n_steps // bin_steps)
    if n_bins < 1:
        raise ValueError("the counting window is longer than the simulation")
    steps = np.asarray(steps, dtype=np.int64)
    b = steps // int(bin_steps)
    keep = b < n_bins
    flat = np.asarray(neurons, dtype=np.int64)[keep] * n_bins + b[keep]
    return np.bincount(flat, minlength=n * n_bins).reshape(n, n_bins)


def correlation_matrix(counts):
    """Pearson correlation between rows of ``counts`` (n, bins); rows with no variance give NaN."""
    x = np.asarray(counts, dtype=np.float64)
    x = x - x.mean(axis=1, keepdims=True)
    norm = np.sqrt((x * x).sum(axis=1))
    with np.errstate(invalid="ignore", divide="ignore"):
        z = x / norm[:, None]
    z[norm == 0] = np.nan
    return z @ z.T


def mean_pairwise_correlation(counts):
    """Mean spike-count correlation over all distinct pairs of rows that vary (NaN if fewer than 2)."""
    x = np.asarray(counts, dtype=np.float64)
    x = x[x.std(axis=1) > 0]
    if len(x) < 2:
        return float("nan")
    c = correlation_matrix(x)
    m = len(c)
    return float((c.sum() - np.trace(c)) / (m * (m - 1)))


def chi(v):
    """Golomb's synchrony index χ from voltage traces ``v`` (T, n): 0 asynchronous, 1 fully synchronous.

    χ² = Var_t[V̄(t)] / mean_i Var_t[V_i(t)], with V̄ the population mean
    (Golomb & Rinzel 1994, Physica D 72:259; Golomb 2007, Scholarpedia 2:1347).
    """
    v = np.asarray(v, dtype=np.float64)
    return chi_from_moments(v.mean(axis=1), v.sum(axis=0), (v * v).sum(axis=0), len(v))


def chi_from_moments(v_pop, v_sum, v_sqsum, n_t):
    """χ from the population-mean trace (T,) and per-neuron sums Σ_t V and Σ_t V² over ``n_t`` steps."""
    v_pop = np.asarray(v_pop, dtype=np.float64)
    if n_t < 2 or len(v_pop) < 2:
        return float("nan")
    var_i = np.asarray(v_sqsum) / n_t - (np.asarray(v_sum) / n_t) ** 2
    denom = float(np.mean(np.maximum(var_i, 0.0)))
    if denom <= 0:
        return float("nan")
    return float(np.sqrt(min(1.0, max(0.0, float(v_pop.var()) / denom))))


def population_rate(steps, n, n_steps, dt, bin_ms=1.0):
    """Population rate (Hz per neuron) in bins of ``bin_ms``: (bin centres in ms, rates)."""
    bin_steps = max(1, int(round(bin_ms / dt)))
    n_bins = int(np.ceil(n_steps / bin_steps))
    counts = np.bincount(np.asarray(steps, dtype=np.int64) // bin_steps, minlength=n_bins)[:n_bins]
    widths = np.full(n_bins, bin_steps * dt)
    widths[-1] = (n_steps - (n_bins - 1) * bin_steps) * dt
    centres = (np.arange(n_bins) * bin_steps) * dt + widths / 2
    return centres, counts * 1000.0 / (n * widths)


def fraction_active(steps, neurons, n, n_steps, window_steps):
    """Fraction of the ``n`` neurons that spike at least once in each window: (n_windows,)."""
    counts = spike_counts(steps, neurons, n, n_steps, window_steps)
    return (counts > 0).mean(axis=0)


def summarize(sim, window_ms=50.0, max_pairs_neurons=300, rng=0):
    """The page's numbers for one simulation (dict from :func:`simulate`).

    ``rate`` (Hz, mean over neurons), ``cv`` (mean ISI CV over neurons with ≥ 3 spikes),
    ``chi`` (synchrony index), ``corr`` (mean pairwise spike-count correlation in
    ``window_ms`` windows over up to ``max_pairs_neurons`` neurons drawn at random).
    """
    n, dt, n_steps = sim["n"], sim["dt"], sim["n_steps"]
    steps, neurons = sim["spike_steps"], sim["spike_neurons"]
    rates = firing_rates(neurons, n, n_steps * dt)
    cvs = isi_cv(steps, neurons, n)
    k0 = sim.get("chi_from_step", 0)
    bin_steps = max(1, int(round(window_ms / dt)))
    counts = spike_counts(steps, neurons, n, n_steps, bin_steps)
    if n > max_pairs_neurons:
        pick = np.sort(np.random.default_rng(rng).choice(n, max_pairs_neurons, replace=False))
        counts = counts[pick]
    return {
        "rate": float(rates.mean()),
        "cv": float(np.nanmean(cvs)) if np.isfinite(cvs).any() else float("nan"),
        "chi": chi_from_moments(sim["v_pop"][k0:], sim["v_sum"], sim["v_sqsum"], sim["n_chi"]),
        "corr": mean_pairwise_correlation(counts),
    }


def rate_spectrum(rate, bin_ms=1.0, segment_ms=256.0):
    """One-sided power spectrum of a population-rate trace (Welch: Hann windows, half overlap).

    Parameters
    ----------
    rate : (T,) population rate (Hz) in bins of ``bin_ms``.
    segment_ms : length of each averaged segment; the frequency resolution is 1000/segment_ms Hz.

    Returns
    -------
    (freqs (F,) Hz, psd (F,) Hz²/Hz). The mean is removed per segment; integrating the
    psd over frequency gives the variance of the trace. A population of n independent
    Poisson neurons at rate ν has a flat spectrum at 2ν/n (its shot-noise level).
    """
    x = np.asarray(rate, dtype=np.float64)
    seg = int(round(segment_ms / bin_ms))
    if seg < 8 or seg > len(x):
        raise ValueError(f"a {segment_ms} ms segment needs 8 … {len(x)} bins of {bin_ms} ms")
    hop = seg // 2
    starts = np.arange(0, len(x) - seg + 1, hop)
    segs = x[starts[:, None] + np.arange(seg)]
    segs = segs - segs.mean(axis=1, keepdims=True)
    win = np.hanning(seg)
    fs = 1000.0 / bin_ms                                   # samples per second
    spec = np.abs(np.fft.rfft(segs * win, axis=1)) ** 2
    psd = spec.mean(axis=0) / (fs * (win * win).sum())
    psd[1:-1 if seg % 2 == 0 else None] *= 2.0             # fold negative frequencies (not DC, not Nyquist)
    return np.fft.rfftfreq(seg, d=1.0 / fs), psd


def spectral_peak(freqs, psd, fmin=10.0, fmax=150.0):
    """The largest local maximum of ``psd`` with fmin ≤ f ≤ fmax: (frequency Hz, power); (nan, nan) if none.

    A local maximum is higher than both neighbours, so the low-frequency rise of a
    slowly varying rate (a spectrum falling from 0 Hz) is not taken for a rhythm.
    """
    f, p = np.asarray(freqs, dtype=np.float64), np.asarray(psd, dtype=np.float64)
    inner = np.arange(1, len(p) - 1)
    ok = (p[inner] > p[inner - 1]) & (p[inner] >= p[inner + 1]) & (f[inner] >= fmin) & (f[inner] <= fmax)
    if not ok.any():
        return float("nan"), float("nan")
    i = inner[ok][np.argmax(p[inner[ok]])]
    return float(f[i]), float(p[i])
