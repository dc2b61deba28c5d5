"""Learning rules: STDP on a spiking neuron, Hebb + normalisation = PCA, and feedback alignment vs backprop.

Three experiments behind the Learning rules page, each a typed config in and a plain result out:

- :func:`run_stdp` — one LIF neuron with 1,000 Poisson inputs, a tenth of them correlated, learning
  by spike-timing-dependent plasticity (Song, Miller & Abbott 2000, Nat Neurosci 3:919);
- :func:`run_oja` — Oja's rule (Oja 1982, J Math Biol 15:267) and plain Hebb on a 2-D cloud or on
  the 8×8 digits, beside the first principal component from NumPy's SVD;
- :func:`run_feedback_alignment` — the same MLP trained on the 8×8 digits with backprop and with
  feedback alignment (Lillicrap et al. 2016, Nat Commun 7:13276), an engine option of ``Dense``.

The live page drives :class:`STDPRun` and :class:`FeedbackAlignmentRun` a time slice at a time
(they follow the trainer protocol of ``ui.live``: ``run``, ``epoch``, ``history``, ``done``); the
``run_*`` functions are the same objects run to the end.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, replace

import numpy as np

from nncore import Sequential, Trainer
from nncore.brain.hebb import first_pc, hebbian_run
from nncore.brain.stdp import STDPNeuron, STDPParams
from nncore.builders import build_mlp
from nncore.callbacks import History
from nncore.datasets import digits_split, load_digits
from nncore.layers import Dense
from nncore.losses import cross_entropy
from nncore.optim import get_optimizer


def _timed_out(t_end):
    return t_end is not None and time.perf_counter() >= t_end


# =============================================================================================
# STDP: a neuron learns what fires together
# =============================================================================================
@dataclass(frozen=True)
class STDPConfig:
    """One neuron learning by STDP.

    The learning rate ``a_plus`` is twice Song et al.'s 0.005 and ``ratio`` = A₋τ₋/(A₊τ₊) is 1.1
    (theirs: 1.05), so what takes them minutes of simulated time settles within 30 s; the input rate,
    20 Hz, lies in their 10–40 Hz range.  The first ``frac_correlated`` of the inputs are correlated
    with each other (pairwise correlation ``c``); all inputs fire at the same rate.
    """
    n_inputs: int = 1000
    frac_correlated: float = 0.1
    c: float = 0.1
    rate_hz: float = 20.0
    duration_s: float = 30.0
    a_plus: float = 0.01
    ratio: float = 1.1
    tau_plus_ms: float = 20.0
    tau_minus_ms: float = 20.0
    seed: int = 0
    n_bins: int = 20              # weight histogram bins over [0, g_max]
    raster_inputs: int = 60       # inputs shown in the raster (half correlated, half not)
    dt_ms: float = 0.5

    def __post_init__(self):
        if not 10 <= self.n_inputs <= 5000:
            raise ValueError(f"the number of inputs must lie in [10, 5000], got {self.n_inputs}")
        if not 0.0 <= self.frac_correlated <= 1.0:
            raise ValueError(f"the correlated fraction must lie in [0, 1], got {self.frac_correlated}")
        if not 0 < self.duration_s <= 600:
            raise ValueError(f"the duration must lie in (0, 600] s, got {self.duration_s}")

    @property
    def params(self) -> STDPParams:
        return STDPParams(a_plus=self.a_plus, ratio=self.ratio, tau_plus=self.tau_plus_ms,
                          tau_minus=self.tau_minus_ms)

    @property
    def n_correlated(self) -> int:
        return int(round(self.frac_correlated * self.n_inputs))


@dataclass
class STDPResult:
    """What an STDP run measured; weights in units of g_max (0 … 1), times in s, rates in Hz."""
    w_final: np.ndarray          # (N,)
    correlated: np.ndarray       # (N,) bool
    t_s: np.ndarray              # (K+1,) snapshot times, 0 first
    hist: np.ndarray             # (K+1, bins) weight histogram at each snapshot
    bin_edges: np.ndarray        # (bins+1,) over [0, 1]
    w_corr_mean: np.ndarray      # (K+1,) mean weight of the correlated inputs
    w_uncorr_mean: np.ndarray    # (K+1,) ... of the uncorrelated ones
    rate_hz: np.ndarray          # (K,) output rate in each second
    raster_t_ms: np.ndarray      # (S,) input spikes of the shown inputs in the latest 250 ms
    raster_row: np.ndarray       # (S,) their rows: correlated inputs first
    raster_n_corr: int           # rows [0, raster_n_corr) are correlated inputs
    raster_post_ms: np.ndarray   # output spikes in the same window
    raster_window_ms: tuple      # (start, end)
    wall_s: float = 0.0
    raster_n_rows: int = 0       # how many inputs the raster shows (rows), spikes or not

    def group_histograms(self):
        """Final weight counts per bin for (correlated, uncorrelated) inputs: two (bins,) int arrays."""
        w, c = self.w_final, self.correlated
        return (np.histogram(w[c], bins=self.bin_edges)[0], np.histogram(w[~c], bins=self.bin_edges)[0])

    @property
    def gap(self) -> float:
        """Mean weight of correlated minus uncorrelated inputs at the end (units of g_max)."""
        return float(self.w_final[self.correlated].mean() - self.w_final[~self.correlated].mean())

    @property
    def settled_rate_hz(self) -> float:
        """The output rate over the last 5 simulated seconds (Hz)."""
        return float(self.rate_hz[-5:].mean()) if len(self.rate_hz) else float("nan")


class STDPRun:
    """An STDP simulation that advances one simulated second per "epoch" (trainer protocol of ``ui.live``)."""

    BLOCK_MS = 250.0
    POST_SHOWN = 500            # output spikes kept for the raster (the last block holds far fewer)

    def __init__(self, config: STDPConfig):
        self.config = cfg = config
        n, k = cfg.n_inputs, cfg.n_correlated
        correlated = np.zeros(n, bool)
        correlated[:k] = True
        half = cfg.raster_inputs // 2
        shown_corr = np.arange(min(half, k))
        shown_free = np.arange(k, min(n, k + cfg.raster_inputs - shown_corr.size))
        self._shown = np.concatenate([shown_corr, shown_free])
        self._row = np.full(n, -1)
        self._row[self._shown] = np.arange(self._shown.size)
        self._raster_n_corr = shown_corr.size
        self.neuron = STDPNeuron(n, rate=cfg.rate_hz, correlated=correlated, c=cfg.c, params=cfg.params,
                                 dt=cfg.dt_ms, block_ms=self.BLOCK_MS, record_inputs=self._shown, rng=cfg.seed)
        self.history = History()
        self.epoch = 0
        self.wall_s = 0.0
        self._hist = [self.neuron.weight_histogram(cfg.n_bins)]
        self._means = [self._group_means()]
        self._rates: list[float] = []

    def _group_means(self):
        w, corr = self.neuron.w / self.neuron.params.g_max, self.neuron.correlated
        return (float(w[corr].mean()) if corr.any() else np.nan, float(w[~corr].mean()) if (~corr).any() else np.nan)

    @property
    def done(self) -> bool:
        return self.history.status in ("finished", "stopped", "diverged")

    def run(self, epochs=None, seconds=None, max_epochs=None):
        """Simulate ``epochs`` more seconds, or for about ``seconds`` of wall time, up to ``max_epochs`` in all."""
        target = self.epoch + epochs if epochs is not None else max_epochs
        if max_epochs is not None and target is not None:
            target = min(target, max_epochs)
        t0 = time.perf_counter()
        t_end = t0 + seconds if seconds is not None else None
        done = 0
        while target is None or self.epoch < target:
            spikes = self.neuron.run(1000.0)
            self.epoch += 1
            done += 1
            self._rates.append(float(spikes.size))
            self._hist.append(self.neuron.weight_histogram(self.config.n_bins))
            self._means.append(self._group_means())
            if _timed_out(t_end):
                break
        self.wall_s += time.perf_counter() - t0
        return done

    def snapshot(self) -> dict:
        """Copies of what :meth:`result` reads now: the page's view of this moment.

        Like :meth:`nncore.Trainer.snapshot`: for showing again (``ui.live``'s replay), not for simulating
        on — the neuron's potential, traces and generator are not in it.
        """
        nr = self.neuron
        return dict(epoch=self.epoch, history=self.history.copy(), wall_s=self.wall_s, w=nr.w.copy(),
                    step_count=nr.step_count, raster=(nr.raster[0].copy(), nr.raster[1].copy()),
                    post_tail=nr.post_steps[-self.POST_SHOWN:], hist=np.array(self._hist), means=list(self._means),
                    rates=list(self._rates))

    def restore(self, snap: dict):
        """Read as when ``snap`` was taken (:meth:`snapshot`); then for showing only, not for simulating on."""
        nr = self.neuron
        nr.w[...] = snap["w"]
        nr.step_count = snap["step_count"]
        nr.raster = (snap["raster"][0].copy(), snap["raster"][1].copy())
        nr.post_steps = list(snap["post_tail"])
        self.epoch, self.wall_s = snap["epoch"], snap["wall_s"]
        self.history.load(snap["history"])
        self._means, self._rates = list(snap["means"]), list(snap["rates"])
        self._hist = list(snap["hist"].copy())

    def result(self) -> STDPResult:
        nr, cfg = self.neuron, self.config
        steps, inputs = nr.raster
        t_end = nr.t
        t_start = max(0.0, t_end - self.BLOCK_MS)
        post = np.asarray(nr.post_steps[-self.POST_SHOWN:], dtype=np.float64) * nr.dt
        means = np.asarray(self._means)
        return STDPResult(
            w_final=nr.w / nr.params.g_max, correlated=nr.correlated.copy(),
            t_s=np.arange(len(self._hist), dtype=np.float64), hist=np.asarray(self._hist),
            bin_edges=np.linspace(0.0, 1.0, cfg.n_bins + 1), w_corr_mean=means[:, 0], w_uncorr_mean=means[:, 1],
            rate_hz=np.asarray(self._rates), raster_t_ms=steps * nr.dt, raster_row=self._row[inputs],
            raster_n_corr=self._raster_n_corr, raster_post_ms=post[post >= t_start],
            raster_window_ms=(t_start, t_end), wall_s=self.wall_s, raster_n_rows=int(self._shown.size))


def run_stdp(config: STDPConfig = STDPConfig()) -> STDPResult:
    """Run the STDP neuron for ``config.duration_s`` simulated seconds; return what it measured."""
    run = STDPRun(config)
    run.run(epochs=int(round(config.duration_s)))
    return run.result()


def stdp_claim(result: STDPResult, min_gap=0.5) -> bool:
    """The page's claim: correlated inputs end with clearly larger weights (by ≥ ``min_gap`` g_max on average)."""
    return result.gap >= min_gap


# =============================================================================================
# Hebb + normalisation = PCA
# =============================================================================================
@dataclass(frozen=True)
class OjaConfig:
    """Oja's rule and plain Hebb on one data set.

    ``data``: "cloud" (a zero-mean 2-D Gaussian, long axis at ``angle_deg``, standard deviations
    ``sd_long`` and ``sd_short``) or "digits" (the 1,797 8×8 digit images, 64-D, centred).
    """
    data: str = "cloud"
    n_samples: int = 500
    angle_deg: float = 30.0
    sd_long: float = 2.0
    sd_short: float = 0.5
    lr: float = 0.01
    epochs: int = 10
    seed: int = 0
    record_every: int = 10

    def __post_init__(self):
        if self.data not in ("cloud", "digits"):
            raise ValueError(f"data must be 'cloud' or 'digits', got {self.data!r}")
        if not (self.sd_long > 0 and self.sd_short > 0):
            raise ValueError("the standard deviations must be positive")


@dataclass
class OjaResult:
    X: np.ndarray                # (n, d) the centred data
    pc1: np.ndarray              # (d,) first principal component from the SVD (unit)
    var1: float                  # its variance λ₁
    oja: dict                    # hebbian_run's trajectory for Oja's rule
    hebb: dict                   # ... for plain Hebb
    cos_oja: np.ndarray          # (K,) |cos| between Oja's w and pc1 at each record
    cos_hebb: np.ndarray         # (K',) the same for plain Hebb (its direction; its length explodes)

    @property
    def final_cos(self) -> float:
        return float(self.cos_oja[-1])


DIGITS_OJA = OjaConfig(data="digits", lr=0.005, epochs=10, record_every=200)


def oja_data(config: OjaConfig) -> np.ndarray:
    """The centred data (n, d) of an :class:`OjaConfig`."""
    if config.data == "digits":
        images, _ = load_digits()
        X = images.reshape(len(images), -1)
    else:
        rng = np.random.default_rng(config.seed)
        z = rng.standard_normal((int(config.n_samples), 2)) * [config.sd_long, config.sd_short]
        a = np.deg2rad(config.angle_deg)
        R = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
        X = z @ R.T
    return X - X.mean(axis=0)


def _abs_cos(W, v):
    norms = np.linalg.norm(W, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.abs(W @ v) / np.where(norms > 0, norms, np.nan)


def run_oja(config: OjaConfig = OjaConfig()) -> OjaResult:
    """Train one linear neuron with Oja's rule and with plain Hebb from the same small random start."""
    X = oja_data(config)
    pc1, var1 = first_pc(X)
    w0 = np.random.default_rng([config.seed, 1]).standard_normal(X.shape[1]) * 0.1
    runs = {rule: hebbian_run(X, w0, config.lr, epochs=config.epochs, rule=rule, rng=[config.seed, 2],
                              record_every=config.record_every) for rule in ("oja", "hebb")}
    return OjaResult(X=X, pc1=pc1, var1=var1, oja=runs["oja"], hebb=runs["hebb"],
                     cos_oja=_abs_cos(runs["oja"]["w"], pc1), cos_hebb=_abs_cos(runs["hebb"]["w"], pc1))


# =============================================================================================
# Backprop vs feedback alignment
# =============================================================================================
@dataclass(frozen=True)
class FeedbackAlignmentConfig:
    """The same MLP (64 → hidden → 10) on the 8×8 digits, trained twice: backprop and feedback alignment."""
    hidden: int = 100
    activation: str = "tanh"
    optimizer: str = "momentum"   # nncore's names: "momentum" (SGD, μ = 0.9) or "adam"
    lr: float = 0.05
    epochs: int = 15              # per Start; claims hold on seeds 0–5 (tests/lab); 20: ≤ 1 pt more, angle ~4° lower
    batch_size: int = 64          # 32: ~0.5 points more for both learners, for twice the steps (and CPU) per Start
    test_fraction: float = 0.3
    seed: int = 0

    def __post_init__(self):
        if self.optimizer not in ("momentum", "adam"):
            raise ValueError(f"optimizer must be 'momentum' or 'adam', got {self.optimizer!r}")
        if self.activation not in ("tanh", "relu"):
            raise ValueError(f"activation must be 'tanh' or 'relu', got {self.activation!r}")
        if not 1 <= self.hidden <= 1024:
            raise ValueError(f"the hidden width must lie in [1, 1024], got {self.hidden}")


MODES = ("backprop", "feedback_alignment")


def _fa_model(cfg: FeedbackAlignmentConfig, mode: str) -> Sequential:
    """64 → hidden → 10, the same initial weights for both modes (each Dense layer has its own seed)."""
    model = build_mlp(64, (cfg.hidden,), cfg.activation, 10, rng=[[cfg.seed, 1], [cfg.seed, 2]])
    return model.set_feedback("random" if mode == "feedback_alignment" else "backprop")


def hidden_update_angle(model: Sequential, X, y) -> float:
    """Angle (degrees) between the first layer's weight update under the model's feedback and the true gradient.

    Both are computed on the same batch at the same weights, from one forward pass: the error is sent
    down once through each Dense layer's own backward matrix (B under feedback alignment) and once
    through its weights W, and each reaches the first layer's gradient dyᵀx. Only that layer's gradient
    is formed (the layers above need none here). The model's ``grads`` are left untouched.
    """
    first, *rest = model.layers
    if not isinstance(first, Dense) or any(layer.params and not isinstance(layer, Dense) for layer in rest):
        raise TypeError("hidden_update_angle needs Dense layers with parameter-free layers between them")
    X = np.asarray(X, dtype=model.dtype)
    out = model.forward(X, training=False)
    _, used = cross_entropy(out, y)
    true = used
    for layer in reversed(rest):
        if isinstance(layer, Dense):
            w = layer.params["weight"]
            used = used @ (layer.feedback_weight if layer.feedback == "random" else w)
            true = true @ w
        else:
            used, true = layer.backward(used), layer.backward(true)
    used = (used.T @ X).astype(np.float64).ravel()
    true = (true.T @ X).astype(np.float64).ravel()
    cos = used @ true / (np.linalg.norm(used) * np.linalg.norm(true) + 1e-300)
    return float(np.degrees(np.arccos(np.clip(cos, -1.0, 1.0))))


@dataclass
class FeedbackAlignmentResult:
    test_acc: dict               # {"backprop": [...], "feedback_alignment": [...]}, one per epoch
    train_loss: dict             # the same keys, mean training loss per epoch
    angle_deg: list              # per epoch: FA's hidden-layer update vs the true gradient
    angle_start_deg: float       # the same before training
    wall_s: float = 0.0

    @property
    def epochs(self) -> int:
        return len(self.angle_deg)

    @property
    def gap(self) -> float:
        """Backprop's final test accuracy minus feedback alignment's (a fraction; 0.02 = 2 points)."""
        return float(self.test_acc["backprop"][-1] - self.test_acc["feedback_alignment"][-1])


class FeedbackAlignmentRun:
    """Backprop and feedback alignment trained in lockstep, batch by batch (trainer protocol of ``ui.live``)."""

    def __init__(self, config: FeedbackAlignmentConfig):
        self.config = cfg = config
        self.X_train, self.X_test, self.y_train, self.y_test = digits_split(cfg.test_fraction, seed=cfg.seed,
                                                                            images=False)
        self.models = {m: _fa_model(cfg, m) for m in MODES}
        self.trainers = {m: Trainer(self.models[m], self.X_train, self.y_train,
                                    optimizer=get_optimizer(cfg.optimizer, lr=cfg.lr),
                                    batch_size=cfg.batch_size, random_state=cfg.seed) for m in MODES}
        self.test_acc = {m: [] for m in MODES}
        self.angle_deg: list[float] = []
        self.angle_start_deg = hidden_update_angle(self.models["feedback_alignment"], self.X_train, self.y_train)
        self.wall_s = 0.0

    @property
    def epoch(self) -> int:
        return min(t.epoch for t in self.trainers.values())

    @property
    def history(self):
        """Backprop's history, unless feedback alignment's has ended differently (e.g. diverged)."""
        bp, fa = self.trainers["backprop"].history, self.trainers["feedback_alignment"].history
        return fa if fa.status == "diverged" else bp

    @property
    def done(self) -> bool:
        return any(t.done for t in self.trainers.values())

    def run(self, epochs=None, seconds=None, max_epochs=None):
        target = self.epoch + epochs if epochs is not None else max_epochs
        if max_epochs is not None and target is not None:
            target = min(target, max_epochs)
        t0 = time.perf_counter()
        t_end = t0 + seconds if seconds is not None else None
        batches = 0
        while not self.done and (target is None or self.epoch < target):
            before = self.epoch
            for trainer in self.trainers.values():
                trainer.step()
            batches += 1
            if self.epoch > before:
                self._record()
            if _timed_out(t_end):
                break
        self.wall_s += time.perf_counter() - t0
        return batches

    def snapshot(self) -> dict:
        """Copies of what :meth:`result` and ``history`` read now (see :meth:`nncore.Trainer.snapshot`)."""
        return dict(trainers={m: tr.snapshot() for m, tr in self.trainers.items()},
                    test_acc={m: list(v) for m, v in self.test_acc.items()}, angle_deg=list(self.angle_deg),
                    wall_s=self.wall_s)

    def restore(self, snap: dict):
        """Read as when ``snap`` was taken; then for showing only, not for training on."""
        for m, tr in self.trainers.items():
            tr.restore(snap["trainers"][m])
        self.test_acc = {m: list(v) for m, v in snap["test_acc"].items()}
        self.angle_deg, self.wall_s = list(snap["angle_deg"]), snap["wall_s"]

    def _record(self):
        for m, model in self.models.items():      # the largest logit is the largest probability: no softmax
            hit = model.forward(self.X_test, training=False).argmax(axis=1) == self.y_test
            self.test_acc[m].append(float(np.count_nonzero(hit)) / len(hit))
        self.angle_deg.append(hidden_update_angle(self.models["feedback_alignment"], self.X_train, self.y_train))

    def result(self) -> FeedbackAlignmentResult:
        return FeedbackAlignmentResult(
            test_acc={m: list(v) for m, v in self.test_acc.items()},
            train_loss={m: list(t.history.get("loss", [])) for m, t in self.trainers.items()},
            angle_deg=list(self.angle_deg), angle_start_deg=self.angle_start_deg, wall_s=self.wall_s)


def run_feedback_alignment(config: FeedbackAlignmentConfig = FeedbackAlignmentConfig()) -> FeedbackAlignmentResult:
    """Train backprop and feedback alignment for ``config.epochs`` epochs; return per-epoch test accuracy and angle."""
    run = FeedbackAlignmentRun(config)
    run.run(epochs=config.epochs)
    return run.result()


def fa_claim(result: FeedbackAlignmentResult, max_gap=0.05) -> bool:
    """The page's claim: FA ends within ``max_gap`` of backprop's test accuracy, its update < 90° from the gradient."""
    return result.gap <= max_gap and result.angle_deg[-1] < 90.0


# =============================================================================================
# Scene claims (the Home scene's on-screen promise, checked through the page's own lab call)
# =============================================================================================
SCENE_STDP = STDPConfig()


def _claim_fire_together(seed: int):
    """On screen: correlated synapses end near the maximum (> 0.9 g_max on average), the others low (< 0.3),
    and the output rate falls to under a third of its first second's."""
    r = run_stdp(replace(SCENE_STDP, seed=int(seed)))
    numbers = {"w_correlated": float(r.w_final[r.correlated].mean()),
               "w_uncorrelated": float(r.w_final[~r.correlated].mean()), "gap": r.gap,
               "rate_first_s_hz": float(r.rate_hz[0]), "rate_last_5s_hz": r.settled_rate_hz}
    ok = (stdp_claim(r) and numbers["w_correlated"] > 0.9 and numbers["w_uncorrelated"] < 0.3
          and r.settled_rate_hz < numbers["rate_first_s_hz"] / 3)
    return ok, numbers


SCENE_CLAIMS = {"fire_together": _claim_fire_together}

__all__ = ["STDPConfig", "STDPResult", "STDPRun", "run_stdp", "stdp_claim", "OjaConfig", "OjaResult", "oja_data",
           "run_oja", "DIGITS_OJA", "FeedbackAlignmentConfig", "FeedbackAlignmentResult", "FeedbackAlignmentRun",
           "run_feedback_alignment", "fa_claim", "hidden_update_angle", "SCENE_CLAIMS", "MODES"]
