"""The Memory page's experiments: Hopfield capacity and recall, Hebbian one-shot vs backprop, timescales.

Built on :mod:`nncore.memory` (the Hopfield network and its batched recall kernels) and nncore's
layers. Every experiment takes a seed and returns plain arrays (dicts of NumPy arrays).
"""
from __future__ import annotations

import numpy as np

from nncore.datasets.digits import load_digits
from nncore.datasets.patterns import corrupt, random_patterns
from nncore.layers import RNN, Dense, ReLU, Tanh
from nncore.memory import async_recall, hebbian_weights, overlaps
from nncore.metrics import accuracy
from nncore.model import Sequential, Trainer
from nncore.optim import Adam


def classify(final, patterns, target, threshold=0.9):
    """Sort recall outcomes: 0 retrieved the target, 1 another stored pattern or a negative, 2 spurious.

    final (..., B, N) with patterns (..., P, N) (or final (N,) with (P, N)); target (..., B) the
    index of the cued pattern. Returns (kind (..., B) int8, overlap with the target (..., B)).
    """
    m = np.matmul(final.astype(np.float64), np.swapaxes(patterns, -1, -2).astype(np.float64)) / final.shape[-1]
    m_target = np.take_along_axis(m, np.asarray(target)[..., None], axis=-1)[..., 0]
    out = np.full(m_target.shape, 2, dtype=np.int8)
    out[np.abs(m).max(axis=-1) >= threshold] = 1
    out[m_target >= threshold] = 0
    return out, m_target


def mixture_state(patterns):
    """sign(ξ¹ + ξ² + ξ³ …), ties to +1: the classic spurious attractor for an odd number of patterns."""
    total = np.asarray(patterns, dtype=np.int64).sum(axis=0)
    return np.where(total >= 0, 1, -1).astype(np.int8)


def capacity_sweep(n_units=100, pattern_counts=None, n_trials=20, noise=0.0, seed=0, max_sweeps=30):
    """Recall quality against load α = P/N, vectorised over trials and probes.

    For each count P: ``n_trials`` independent sets of P random patterns (one weight matrix
    each); every stored pattern, with a fraction ``noise`` of its cells flipped, is a probe.
    Returns a dict of arrays over counts: ``P``, ``alpha``, ``overlap`` (mean overlap with the
    cued pattern after recall), ``overlap_sd``, ``retrieved``/``other``/``spurious`` fractions,
    ``perfect`` (fraction recalled with no wrong unit) and ``sweeps``.
    """
    n = int(n_units)
    if pattern_counts is None:
        pattern_counts = np.unique(np.round(n * np.array(
            [0.03, 0.06, 0.09, 0.12, 0.14, 0.16, 0.18, 0.21, 0.25, 0.3])).astype(int).clip(1))
    counts = [int(p) for p in pattern_counts]
    if n < 2 or n_trials < 1 or min(counts) < 1:
        raise ValueError("need at least 2 units, 1 trial and 1 pattern per count")
    rng = np.random.default_rng(seed)
    keys = ("overlap", "overlap_sd", "retrieved", "other", "spurious", "perfect", "sweeps")
    res = {k: [] for k in keys}
    for p in counts:
        xi = random_patterns(n_trials * p, n, seed=rng).reshape(n_trials, p, n)
        w = hebbian_weights(xi, dtype=np.float32, normalise=False)
        s = corrupt(xi, noise, seed=rng).astype(np.float32)
        sweeps, _, _ = async_recall(w, s, rng, max_sweeps)
        kind, m = classify(s, xi, np.broadcast_to(np.arange(p), (n_trials, p)))
        res["overlap"].append(m.mean())
        res["overlap_sd"].append(m.std())
        for j, k in enumerate(("retrieved", "other", "spurious")):
            res[k].append((kind == j).mean())
        res["perfect"].append((s == xi).all(axis=-1).mean())
        res["sweeps"].append(sweeps)
    out = {k: np.asarray(v, dtype=float) for k, v in res.items()}
    out["P"] = np.asarray(counts)
    out["alpha"] = out["P"] / n
    return out


# -- Hebbian one-shot vs backprop ---------------------------------------------
def backprop_memory(patterns, hidden=32, epochs=300, lr=0.01, seed=0):
    """Teach an autoencoder N → hidden → N (tanh, MSE, Adam, full batch) to reproduce ``patterns``.

    Returns (model, dict) with ``loss`` (per epoch), ``bits_wrong`` (wrong output signs per epoch,
    all patterns together) and ``perfect_at`` (first epoch with every sign right, or None).
    One epoch is one gradient step here (the whole set is one batch).
    """

    xi = np.atleast_2d(np.asarray(patterns, dtype=np.float32))
    p, n = xi.shape
    rng = np.random.default_rng(seed)
    model = Sequential([Dense(n, int(hidden), rng=rng), Tanh(), Dense(int(hidden), n, rng=rng), Tanh()])
    trainer = Trainer(model, xi, xi, loss="mse", optimizer=Adam(lr), batch_size=p, random_state=rng)
    wrong, perfect_at = [], None
    for _ in range(int(epochs)):
        trainer.step()
        if trainer.done:
            break
        k = int((np.sign(model.forward(xi, training=False)) != xi).sum())
        wrong.append(k)
        if k == 0 and perfect_at is None:
            perfect_at = trainer.epoch
    trainer.finish()
    return model, {"loss": np.asarray(trainer.history.get("loss", [])), "bits_wrong": np.asarray(wrong),
                   "perfect_at": perfect_at, "status": trainer.history.status}


def recall_vs_noise(net, model, noise_levels, n_probes=10, seed=0, feedback_steps=10):
    """Mean overlap with the cued pattern after recall, for the Hopfield network and the autoencoder.

    Each stored pattern is corrupted ``n_probes`` times at every noise level (fraction of cells
    flipped). The autoencoder answers in one pass (sign of its output), and again with its
    output fed back ``feedback_steps`` times (which makes it an attractor network too).
    Returns a dict of arrays over levels: ``noise``, ``hopfield``, ``autoencoder``, ``feedback``.
    """
    xi = net.patterns
    p, n = xi.shape
    levels = np.asarray(noise_levels, dtype=float)
    rng = np.random.default_rng(seed)
    cued = np.broadcast_to(xi, (len(levels), n_probes, p, n)).reshape(len(levels), n_probes * p, n)
    probes = np.stack([corrupt(c, f, seed=rng) for c, f in zip(cued, levels)]).astype(np.float64)
    hop = probes.copy()
    async_recall(net._counts, hop, rng)
    flat = probes.reshape(-1, n).astype(np.float32)
    ae = np.sign(model.forward(flat, training=False))
    fb = ae.copy()
    for _ in range(int(feedback_steps)):
        fb = np.sign(model.forward(fb, training=False))

    def mean_overlap(s):
        return (s.reshape(cued.shape) * cued).sum(-1).mean(-1) / n

    return {"noise": levels, "hopfield": mean_overlap(hop), "autoencoder": mean_overlap(ae),
            "feedback": mean_overlap(fb)}


# -- memorising vs generalising -----------------------------------------------
def memorisation_sweep(hidden_sizes=(2, 8, 32, 128, 256), n_train=200, n_test=500, epochs=120, lr=0.01,
                       batch_size=50, seed=0, progress=None):
    """The source article's random-label experiment, scaled up (Zhang et al. 2017).

    One-hidden-layer ReLU networks of each width learn 8×8 digits (64 inputs, 10 classes) twice:
    with the real labels, and with labels drawn at random (training and held-out alike, as in the
    article's ``randint``). Returns a dict: ``hidden``, ``n_params``, and for ``real``/``random``
    the final ``train``/``test`` accuracy per width and the training accuracy per epoch (``curves``).
    ``progress(done, total)`` is called after every network, for a progress bar.
    """

    X, y = load_digits(np.float32)
    X = X.reshape(len(X), -1)
    n_train, n_test = int(n_train), int(n_test)
    if n_train < 10 or n_train + n_test > len(X) or n_test < 10:
        raise ValueError(f"need 10 ≤ training and held-out samples, together ≤ {len(X)}")
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(X))
    tr, te = order[:n_train], order[n_train:n_train + n_test]
    labels = {"real": (y[tr], y[te]), "random": (rng.integers(0, 10, n_train), rng.integers(0, 10, n_test))}
    out = {"hidden": np.asarray(hidden_sizes, dtype=int), "chance": 0.1}
    out["n_params"] = np.array([64 * h + h + h * 10 + 10 for h in out["hidden"]])
    total, done = 2 * len(out["hidden"]), 0
    for name, (y_tr, y_te) in labels.items():
        res = {"train": [], "test": [], "curves": []}
        for h in out["hidden"]:
            model = Sequential([Dense(64, int(h), init="he", rng=rng), ReLU(), Dense(int(h), 10, rng=rng)])
            hist = model.fit(X[tr], y_tr, optimizer=Adam(lr), epochs=epochs, batch_size=batch_size,
                             random_state=rng)
            res["curves"].append(np.asarray(hist["accuracy"]))
            res["train"].append(accuracy(y_tr, model.predict(X[tr])))
            res["test"].append(accuracy(y_te, model.predict(X[te])))
            done += 1
            if progress is not None:
                progress(done, total)
        out[name] = {k: np.asarray(v) for k, v in res.items()}
    return out


# -- memory timescales --------------------------------------------------------
def attractor_persistence(n_units=100, n_patterns=5, steps=40, cue_noise=0.2, step_noise=0.05, switch_at=20,
                          seed=0):
    """Working memory as an attractor: cue pattern A, let the network run, cue B at ``switch_at``.

    At t = 0 (and at ``switch_at``) the state is the damaged cue itself; every other time step flips a
    fraction ``step_noise`` of units at random (ongoing noise), then runs one asynchronous sweep.
    Returns ``t`` (steps,) and overlaps ``a``, ``b`` (steps,) with A and B.
    """
    rng = np.random.default_rng(seed)
    xi = random_patterns(n_patterns, n_units, seed=rng)
    w = hebbian_weights(xi, normalise=False)
    s = corrupt(xi[0], cue_noise, seed=rng)[None].astype(np.float64)
    m = np.empty((int(steps), 2))
    for t in range(int(steps)):
        if t == switch_at:
            s[0] = corrupt(xi[1], cue_noise, seed=rng)      # a new cue replaces the state; shown as given
        elif t:
            s[0] = corrupt(s[0], step_noise, seed=rng)
            async_recall(w, s, rng, max_sweeps=1)
        m[t] = overlaps(s[0], xi[:2])
    return {"t": np.arange(int(steps)), "a": m[:, 0], "b": m[:, 1]}


def rnn_pulse_memory(gain=0.9, steps=40, hidden=32, seed=0):
    """How long a plain RNN's hidden state remembers one input pulse.

    An ``nncore.layers.RNN`` with random weights, W_hh scaled to spectral radius ``gain``, gets a
    pulse at t = 0 and zeros after. Returns ``t`` and ``norm`` = ‖hₜ‖ / ‖h₀‖ (steps,), and ``h``
    (steps, hidden).
    """
    rng = np.random.default_rng(seed)
    rnn = RNN(1, int(hidden), return_sequences=True, dtype=np.float64, rng=rng)
    w_hh = rng.standard_normal((int(hidden), int(hidden)))
    w_hh *= float(gain) / np.abs(np.linalg.eigvals(w_hh)).max()
    rnn.params["weight_hh"][...] = w_hh
    rnn.params["weight_ih"][...] = rng.standard_normal(rnn.params["weight_ih"].shape)
    for k in ("bias_ih", "bias_hh"):
        rnn.params[k][...] = 0
    x = np.zeros((1, int(steps), 1))
    x[0, 0, 0] = 1.0
    h = rnn.forward(x, training=False)[0]
    norm = np.linalg.norm(h, axis=1)
    return {"t": np.arange(int(steps)), "norm": norm / norm[0], "h": h}


def hebbian_interference(n_units=100, later=None, n_trials=10, cue_noise=0.1, seed=0):
    """Long-term memory in the weights: how well a first memory is recalled as more are stored after it.

    Stores pattern A, then ``k`` more random patterns for each k in ``later``; recalls A from a cue
    with ``cue_noise``. Vectorised over k and trials. Returns ``later`` and ``overlap`` (mean over trials).
    """
    n = int(n_units)
    later = np.arange(0, int(0.3 * n) + 1, 2) if later is None else np.asarray(later, dtype=int)
    rng = np.random.default_rng(seed)
    xi = random_patterns(n_trials * (later.max() + 1), n, seed=rng).reshape(n_trials, -1, n)
    # W after A and k later patterns: cumulative sums of outer products, for every k at once.
    outer = np.einsum("tpi,tpj->tpij", xi.astype(np.float32), xi.astype(np.float32), optimize=True)
    w = np.cumsum(outer, axis=1)[:, later]                  # (T, K, N, N)
    idx = np.arange(n)
    w[..., idx, idx] = 0
    cue = corrupt(np.broadcast_to(xi[:, :1], (n_trials, len(later), n)), cue_noise, seed=rng)
    s = cue.reshape(-1, 1, n).astype(np.float32)
    async_recall(w.reshape(-1, n, n), s, rng)
    m = (s.reshape(n_trials, len(later), n) * xi[:, :1]).sum(-1) / n
    return {"later": later, "overlap": m.mean(axis=0), "overlap_sd": m.std(axis=0)}


# -- the page's claims, as checks ---------------------------------------------
CAPACITY_SCENE = {"n_units": 100, "n_trials": 20, "noise": 0.0}    # the Capacity view's defaults
CAPACITY_SIZES = (50, 100, 200)                                     # the view's N slider
MEMORISE_HIDDEN = (2, 8, 32, 128, 256)                              # the Memorising view's widths
MEMORISE_SCENE = {"n_train": 200, "epochs": 120}                    # … and its defaults


def _overlap_at(r, alpha):
    return float(r["overlap"][int(np.argmin(np.abs(r["alpha"] - alpha)))])


def capacity_cliff_scene(seed: int) -> tuple[bool, dict]:
    """Scene "The capacity cliff" (N = 100): recall nearly perfect up to α ≈ 0.12 (mean overlap ≥ 0.98), still
    ≥ 0.95 at 0.14, then a steep decline: ≤ 0.9 at 0.21 and ≤ 0.8 at 0.25 — a steep slope, not a step."""
    r = capacity_sweep(seed=seed, **CAPACITY_SCENE)
    m = {a: _overlap_at(r, a) for a in (0.12, 0.14, 0.21, 0.25)}
    ok = m[0.12] >= 0.98 and m[0.14] >= 0.95 and m[0.21] <= 0.9 and m[0.25] <= 0.8
    return ok, {f"overlap_at_{a}": v for a, v in m.items()}


def steeper_with_size(seed: int) -> tuple[bool, dict]:
    """Page text: the larger N, the lower the overlap at α ≈ 0.25 (the decline sharpens towards N → ∞)."""
    m = [_overlap_at(capacity_sweep(n, n_trials=CAPACITY_SCENE["n_trials"], seed=seed), 0.25) for n in CAPACITY_SIZES]
    return bool(m[0] > m[1] > m[2]), dict(zip((f"overlap_N{n}" for n in CAPACITY_SIZES), m))


def memorise_scene(seed: int) -> tuple[bool, dict]:
    """Scene "Memorising vs generalising": the widest network fits every random training label (100 %), its
    held-out accuracy on random labels stays at chance (10 % ± 5 points), and on real labels it generalises (≥ 85 %)."""
    r = memorisation_sweep(MEMORISE_HIDDEN, seed=seed, **MEMORISE_SCENE)
    train, test, real = r["random"]["train"][-1], r["random"]["test"][-1], r["real"]["test"][-1]
    ok = train >= 0.999 and abs(test - r["chance"]) <= 0.05 and real >= 0.85
    return ok, {"random_train": float(train), "random_test": float(test), "real_test": float(real)}


SCENE_CLAIMS = {"capacity_cliff": capacity_cliff_scene, "memorise": memorise_scene}
TEXT_CLAIMS = {"memory.explain_capacity:steeper": steeper_with_size}
