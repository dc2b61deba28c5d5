"""The Challenges page's experiments: how much data a network needs, what it looks at, how it is fooled.

- :func:`learning_curve`: test and training accuracy against the number of training digits, for the
  CNN page's CNN, its MLP twin and scikit-learn's ``MLPClassifier``, over seeds;
- :func:`train_models`: the CNN and its MLP twin trained once on the 70/30 split, kept as plain
  weight arrays (:class:`TrainedModels` rebuilds a fresh model for every use, so one cached result
  can be shared by many users without two of them writing into the same layer caches);
- :func:`saliency`: input-gradient maps and occlusion maps (Zeiler & Fergus 2014, ECCV) for chosen
  test digits (:func:`saliency_of`: for any 8×8 digit, such as a student's own drawing), with the same
  gradient map under an untrained network (Adebayo et al. 2018, NeurIPS);
- :func:`adversarial`: accuracy under the fast gradient sign method (Goodfellow, Shlens & Szegedy
  2015, ICLR) beside random ±ε noise of the same size.

Pixels are in [0, 1] (the digits' 0–16 divided by 16), so ε is a fraction of the pixel range; every
perturbed image is clipped back to [0, 1]. NumPy + nncore only: scikit-learn's algorithm runs as
``nncore.MLPClassifier``, which reproduces ``sklearn.neural_network.MLPClassifier`` draw for draw
(the tests check the predictions are identical), so this layer never imports scikit-learn itself.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field, replace

import numpy as np

from nncore import Sequential
from nncore.datasets import digits_split
from nncore.metrics import accuracy
from nncore.optim import Adam

from .cnn import CnnConfig, build_cnn, build_twin_mlp

MODELS = ("cnn", "mlp", "sklearn")
TEST_FRACTION = 0.3          # the CNN page's split: 1,258 training and 539 test digits
SIDE = 8                     # the digits are 8×8


def split(seed: int):
    """(X_train, X_test, y_train, y_test): the CNN page's stratified split, NCHW float32 in [0, 1]."""
    return digits_split(test_fraction=TEST_FRACTION, seed=seed)


def flat(X):
    """(N, 1, 8, 8) -> (N, 64): the MLPs' view of the images."""
    return X.reshape(len(X), -1)


def balanced_order(y, seed: int) -> np.ndarray:
    """A seeded order of the rows in which every prefix is as class-balanced as it can be.

    Shuffle, then deal the classes round-robin: the first 10 rows hold one digit of each class,
    the first 20 two of each, and so on. Growing the training set takes a longer prefix, so each
    larger set contains the smaller ones (a smoother curve than fresh draws per size).
    """
    rng = np.random.default_rng(seed)
    perm = rng.permutation(len(y))
    ys = np.asarray(y)[perm]
    classes, inverse = np.unique(ys, return_inverse=True)
    rank = np.empty(len(ys), dtype=np.intp)
    for c in range(len(classes)):
        rows = np.flatnonzero(inverse == c)
        rank[rows] = np.arange(len(rows))
    slot = rng.permutation(len(classes))[inverse]
    return perm[np.argsort(rank * len(classes) + slot, kind="stable")]


def schedule(n: int, steps: int, batch_size: int) -> tuple[int, int]:
    """(batch, epochs) giving about ``steps`` mini-batch updates on n samples: small sets get more epochs."""
    b = min(batch_size, n)
    per_epoch = -(-n // b)
    return b, max(1, -(-steps // per_epoch))


def _fit_sequential(model, X, y, steps, batch_size, lr, seed):
    """Adam for about ``steps`` mini-batch updates, whatever the size of X."""
    b, epochs = schedule(len(X), steps, batch_size)
    model.fit(X, y, optimizer=Adam(lr), epochs=epochs, batch_size=b, random_state=seed)
    return model


def _fit_sklearn(X, y, steps, batch_size, lr, seed):
    """scikit-learn's MLPClassifier (its defaults: 100 ReLU units, Adam, L2 α = 1e-4, its stopping rule)
    with the same learning rate, batch size and budget of updates as the nncore models."""
    from nncore import MLPClassifier  # loads scikit-learn through nncore, on first use

    b, epochs = schedule(len(X), steps, batch_size)
    clf = MLPClassifier(learning_rate_init=lr, batch_size=b, max_iter=epochs, random_state=seed)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Stochastic Optimizer")   # "max_iter reached": intended
        return clf.fit(X, y)


# -- how much data? ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LearningCurveConfig:
    """A learning curve: every model is trained afresh on the first ``n`` digits of a balanced order,
    for each ``n`` in ``sizes`` and each seed (the seed sets the split, the order and the weights).

    All models get the same budget: about ``steps`` mini-batch updates of ``batch_size`` at every size.
    """

    sizes: tuple[int, ...] = (10, 30, 100, 300, 1258)
    seeds: tuple[int, ...] = (0,)
    models: tuple[str, ...] = MODELS
    steps: int = 200
    batch_size: int = 32
    lr: float = 0.01
    cnn: CnnConfig = field(default_factory=CnnConfig)

    def __post_init__(self):
        if not self.sizes or min(self.sizes) < 1 or list(self.sizes) != sorted(set(self.sizes)):
            raise ValueError(f"sizes must be increasing positive integers, got {self.sizes}")
        unknown = set(self.models) - set(MODELS)
        if unknown or not self.models:
            raise ValueError(f"models must be among {MODELS}, got {self.models}")
        if not self.seeds:
            raise ValueError("at least one seed")


@dataclass
class LearningCurve:
    """Accuracy against training-set size.

    ``sizes`` (S,) training digits; ``seeds`` (R,); ``test_acc[model]`` and ``train_acc[model]``
    arrays (R, S): accuracy on the 539 test digits and on the digits the model was trained on.
    """

    sizes: np.ndarray
    seeds: tuple[int, ...]
    test_acc: dict[str, np.ndarray]
    train_acc: dict[str, np.ndarray]

    def mean(self, model: str, which: str = "test") -> np.ndarray:
        return self._acc(which)[model].mean(axis=0)

    def std(self, model: str, which: str = "test") -> np.ndarray:
        """Spread over seeds (population std; 0 for a single seed)."""
        return self._acc(which)[model].std(axis=0)

    def gap(self, model: str) -> np.ndarray:
        """(R, S) training minus test accuracy: how much of the training score is memorised."""
        return self.train_acc[model] - self.test_acc[model]

    def gain_per_example(self, model: str) -> np.ndarray:
        """(S − 1,) what one more training digit was worth between neighbouring sizes: the rise of the
        mean test accuracy divided by the number of digits added."""
        return np.diff(self.mean(model)) / np.diff(self.sizes)

    def mean_gap(self, model: str) -> np.ndarray:
        """(S,) training minus test accuracy, averaged over seeds."""
        return self.gap(model).mean(axis=0)

    def _acc(self, which):
        return {"test": self.test_acc, "train": self.train_acc}[which]

    @classmethod
    def combine(cls, curves) -> LearningCurve:
        """Stack single-seed curves (same sizes and models) into one, so each seed can be cached alone."""
        curves = list(curves)
        first = curves[0]
        if any(not np.array_equal(c.sizes, first.sizes) or c.test_acc.keys() != first.test_acc.keys()
               for c in curves):
            raise ValueError("curves to combine need the same sizes and models")
        stack = {w: {m: np.concatenate([getattr(c, w)[m] for c in curves]) for m in first.test_acc}
                 for w in ("test_acc", "train_acc")}
        return cls(first.sizes.copy(), tuple(s for c in curves for s in c.seeds), **stack)


def learning_curve(config: LearningCurveConfig) -> LearningCurve:
    """Train every model at every size for every seed; return test and training accuracy."""
    R, S = len(config.seeds), len(config.sizes)
    test = {m: np.empty((R, S)) for m in config.models}
    train = {m: np.empty((R, S)) for m in config.models}
    fit = dict(steps=config.steps, batch_size=config.batch_size, lr=config.lr)
    for r, seed in enumerate(config.seeds):
        Xtr, Xte, ytr, yte = split(seed)
        if config.sizes[-1] > len(Xtr):
            raise ValueError(f"the largest size is {config.sizes[-1]} but the split has {len(Xtr)} training digits")
        order = balanced_order(ytr, seed)
        cnn_cfg = replace(config.cnn, seed=seed)
        n_params = build_cnn(cnn_cfg).n_params
        for s, n in enumerate(config.sizes):
            X, y = Xtr[order[:n]], ytr[order[:n]]
            for m in config.models:
                if m == "cnn":
                    model = _fit_sequential(build_cnn(cnn_cfg), X, y, seed=seed, **fit)
                    train[m][r, s], test[m][r, s] = accuracy(y, model.predict(X)), accuracy(yte, model.predict(Xte))
                elif m == "mlp":
                    model = _fit_sequential(build_twin_mlp(n_params, seed), flat(X), y, seed=seed, **fit)
                    train[m][r, s] = accuracy(y, model.predict(flat(X)))
                    test[m][r, s] = accuracy(yte, model.predict(flat(Xte)))
                else:
                    X64 = flat(X).astype(np.float64)
                    clf = _fit_sklearn(X64, y, seed=seed, **fit)
                    train[m][r, s] = accuracy(y, clf.predict(X64))
                    test[m][r, s] = accuracy(yte, clf.predict(flat(Xte).astype(np.float64)))
    return LearningCurve(np.asarray(config.sizes), tuple(config.seeds), test, train)


# -- the trained pair ----------------------------------------------------------------------------


@dataclass
class TrainedModels:
    """The CNN and its MLP twin after training, as plain arrays.

    ``weights[kind]``: every parameter array in ``model.param_pairs()`` order; ``model(kind)`` builds
    a fresh :class:`Sequential` holding copies of them. ``test_acc[kind]`` on the 539 test digits.
    """

    cnn_config: CnnConfig
    weights: dict[str, list[np.ndarray]]
    test_acc: dict[str, float]

    def model(self, kind: str) -> Sequential:
        cnn = build_cnn(self.cnn_config)
        model = cnn if kind == "cnn" else build_twin_mlp(cnn.n_params, self.cnn_config.seed)
        for (p, _), w in zip(model.param_pairs(), self.weights[kind], strict=True):
            p[...] = w
        model.loss = "cross_entropy"
        return model


def view(kind: str, X):
    """The input as model ``kind`` takes it: images for the CNN, flat rows for the MLP."""
    return X if kind == "cnn" else flat(X)


def train_models(config: CnnConfig = CnnConfig()) -> TrainedModels:
    """Train the CNN of ``config`` and its MLP twin (same split, epochs, batch, rate and seed)."""
    Xtr, Xte, ytr, yte = split(config.seed)
    weights, test_acc = {}, {}
    cnn = build_cnn(config)
    for kind, model in (("cnn", cnn), ("mlp", build_twin_mlp(cnn.n_params, config.seed))):
        model.fit(view(kind, Xtr), ytr, optimizer=Adam(config.lr), epochs=config.epochs,
                  batch_size=config.batch_size, random_state=config.seed)
        weights[kind] = [p.copy() for p, _ in model.param_pairs()]
        test_acc[kind] = accuracy(yte, model.predict(view(kind, Xte)))
    return TrainedModels(config, weights, test_acc)


def sample_gradients(model: Sequential, X, y) -> np.ndarray:
    """∂ℓₙ/∂xₙ for each sample's own loss (input_gradient is of the batch mean, so times N)."""
    return model.input_gradient(X, y, loss="cross_entropy") * len(X)


# -- what does it look at? -----------------------------------------------------------------------


@dataclass(frozen=True)
class SaliencyConfig:
    """Which test digits to explain, with which model, and the occluder's size (pixels) and value."""

    indices: tuple[int, ...] = (0,)
    kind: str = "cnn"
    patch: int = 2
    fill: float = 0.0          # the digits' background

    def __post_init__(self):
        if self.kind not in ("cnn", "mlp"):
            raise ValueError(f"kind must be 'cnn' or 'mlp', got {self.kind!r}")
        if not 1 <= self.patch <= SIDE:
            raise ValueError(f"patch must be 1..{SIDE}, got {self.patch}")


@dataclass
class SaliencyMaps:
    """Maps (K, 8, 8) for K test digits.

    ``gradient``: |∂ℓ/∂x| of the digit's own loss (true label) — which pixels would change the
    loss fastest; ``occlusion``: drop in the true class's probability when a patch covering the
    pixel is blanked (mean over the patches that cover it) — which pixels the answer needs;
    ``gradient_untrained``: the gradient map of the same architecture before training;
    ``agreement`` (K,) correlation of gradient and occlusion maps; ``untrained_similarity`` (K,)
    correlation of the trained and untrained gradient maps (a sanity check: a map that explains
    the model should change when the weights do).
    """

    indices: np.ndarray
    images: np.ndarray
    labels: np.ndarray
    predicted: np.ndarray
    confidence: np.ndarray
    gradient: np.ndarray
    occlusion: np.ndarray
    gradient_untrained: np.ndarray
    agreement: np.ndarray
    untrained_similarity: np.ndarray


def occlusion_masks(patch: int) -> np.ndarray:
    """(P, 8, 8) boolean: every patch×patch window at stride 1 (P = (8 − patch + 1)²)."""
    n = SIDE - patch + 1
    masks = np.zeros((n * n, SIDE, SIDE), dtype=bool)
    for k in range(n * n):
        i, j = divmod(k, n)
        masks[k, i:i + patch, j:j + patch] = True
    return masks


def _corr(a, b) -> np.ndarray:
    """Row-wise Pearson correlation of (K, ...) arrays (0 where a map is constant)."""
    a = a.reshape(len(a), -1) - a.reshape(len(a), -1).mean(axis=1, keepdims=True)
    b = b.reshape(len(b), -1) - b.reshape(len(b), -1).mean(axis=1, keepdims=True)
    den = np.sqrt((a * a).sum(axis=1) * (b * b).sum(axis=1))
    return np.divide((a * b).sum(axis=1), den, out=np.zeros(len(a)), where=den > 0)


def saliency(config: SaliencyConfig, trained: TrainedModels | None = None) -> SaliencyMaps:
    """Gradient and occlusion maps of ``config.indices`` (test digits) under the trained model."""
    trained = trained or train_models()
    _, Xte, _, yte = split(trained.cnn_config.seed)
    idx = np.asarray(config.indices, dtype=np.intp)
    if idx.size == 0 or idx.min() < 0 or idx.max() >= len(Xte):
        raise ValueError(f"test digit indices must be in [0, {len(Xte)}), got {config.indices}")
    return _maps(Xte[idx], yte[idx], idx, config, trained)


def saliency_of(images, labels=None, config: SaliencyConfig = SaliencyConfig(),
                trained: TrainedModels | None = None) -> SaliencyMaps:
    """The same maps for digits that are not in the test set — a student's own drawing.

    ``images``: (K, 8, 8) in [0, 1], light ink on black like the training digits; ``labels``: the digit each
    one shows, or None to explain the network's own answer. ``config.indices`` is ignored (the maps'
    ``indices`` are −1).
    """
    trained = trained or train_models()
    X = np.asarray(images, dtype=np.float32)
    if X.ndim != 3 or X.shape[1:] != (SIDE, SIDE) or not len(X):
        raise ValueError(f"images must be (K, {SIDE}, {SIDE}), got {X.shape}")
    if not np.isfinite(X).all() or X.min() < 0 or X.max() > 1:
        raise ValueError("image pixels must be finite and in [0, 1]")
    X = X[:, None]
    if labels is None:
        labels = trained.model(config.kind).predict_proba(view(config.kind, X)).argmax(axis=1)
    y = np.asarray(labels, dtype=np.intp).reshape(-1)
    if len(y) != len(X) or y.min() < 0 or y.max() > 9:
        raise ValueError(f"need one label 0..9 per image, got {labels}")
    return _maps(X, y, np.full(len(X), -1, dtype=np.intp), config, trained)


def _maps(X, y, idx, config: SaliencyConfig, trained: TrainedModels) -> SaliencyMaps:
    """Gradient and occlusion maps of digits X (K, 1, 8, 8) for the classes y (K,)."""
    kind = config.kind
    model = trained.model(kind)
    proba = model.predict_proba(view(kind, X))
    grad = np.abs(sample_gradients(model, view(kind, X), y)).reshape(len(X), SIDE, SIDE)

    cnn_untrained = build_cnn(trained.cnn_config)
    untrained = cnn_untrained if kind == "cnn" else build_twin_mlp(cnn_untrained.n_params, trained.cnn_config.seed)
    grad0 = np.abs(sample_gradients(untrained, view(kind, X), y)).reshape(len(X), SIDE, SIDE)

    masks = occlusion_masks(config.patch)                                  # (P, 8, 8)
    images = X[:, 0]                                                       # (K, 8, 8)
    occluded = np.where(masks[None], np.float32(config.fill), images[:, None])   # (K, P, 8, 8)
    p_occ = model.predict_proba(view(kind, occluded.reshape(-1, 1, SIDE, SIDE)))
    p_true = p_occ[np.arange(len(p_occ)), np.repeat(y, len(masks))].reshape(len(X), len(masks))
    drop = proba[np.arange(len(X)), y][:, None] - p_true                    # (K, P)
    occ = np.einsum("kp,pij->kij", drop, masks.astype(float), optimize=True) / masks.sum(axis=0)

    return SaliencyMaps(idx, images.astype(float), y, proba.argmax(axis=1), proba.max(axis=1), grad, occ, grad0,
                        _corr(grad, occ), _corr(grad, grad0))


@dataclass(frozen=True)
class DeletionConfig:
    """Is the gradient map right? Blank the ``k`` ink pixels it ranks highest in each of the first
    ``n_digits`` test digits, and as many random ink pixels (drawn with ``seed``) for comparison."""

    k: int = 4
    n_digits: int = 100
    kind: str = "cnn"
    seed: int = 0


@dataclass
class DeletionCheck:
    """Mean drop in the true class's probability (0–1) after blanking the salient or the random pixels."""

    drop_salient: float
    drop_random: float
    k: int
    n_digits: int


def deletion_check(config: DeletionConfig, trained: TrainedModels | None = None) -> DeletionCheck:
    """Blank the top-k pixels of the gradient map (among pixels with ink) against k random ink pixels."""
    trained = trained or train_models()
    _, Xte, _, yte = split(trained.cnn_config.seed)
    X, y = Xte[:config.n_digits], yte[:config.n_digits]
    n, rows = len(X), np.arange(len(X))[:, None]
    model, kind = trained.model(config.kind), config.kind
    x = X.reshape(n, -1)
    ink = x > 0
    grad = np.abs(sample_gradients(model, view(kind, X), y)).reshape(n, -1)
    salient = np.argsort(np.where(ink, -grad, np.inf), axis=1, kind="stable")[:, :config.k]
    noise = np.random.default_rng(config.seed).random(x.shape)
    chosen = np.argsort(np.where(ink, noise, np.inf), axis=1)[:, :config.k]    # k random ink pixels per digit
    p_true = model.predict_proba(view(kind, X))[rows[:, 0], y]

    def drop(pixels):
        blanked = x.copy()
        blanked[rows, pixels] = 0.0
        return float(np.mean(p_true - model.predict_proba(view(kind, blanked.reshape(X.shape)))[rows[:, 0], y]))

    return DeletionCheck(drop(salient), drop(chosen), config.k, n)


# -- can it be fooled? ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AdversarialConfig:
    """ε grid (fractions of the pixel range), the model attacked, and the seed of the random noise."""

    epsilons: tuple[float, ...] = (0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3)
    kind: str = "cnn"
    noise_seed: int = 0

    def __post_init__(self):
        if self.kind not in ("cnn", "mlp"):
            raise ValueError(f"kind must be 'cnn' or 'mlp', got {self.kind!r}")
        if not self.epsilons or min(self.epsilons) < 0 or max(self.epsilons) > 1:
            raise ValueError(f"epsilons must lie in [0, 1], got {self.epsilons}")


@dataclass
class AdversarialResult:
    """Test accuracy with and without perturbations of size ε (L∞, clipped to [0, 1]).

    ``acc_fgsm[ε]``: after x + ε·sign(∂ℓ/∂x), the fast gradient sign method; ``acc_noise[ε]``:
    after x + ε·s with random signs s = ±1. ``fgsm_sign`` and ``noise_sign`` (N, 1, 8, 8) are those
    directions for every test digit, so any other ε costs one forward pass (:func:`perturb`).
    """

    epsilons: np.ndarray
    acc_clean: float
    acc_fgsm: dict[float, float]
    acc_noise: dict[float, float]
    fgsm_sign: np.ndarray
    noise_sign: np.ndarray


def perturb(X, sign, eps: float) -> np.ndarray:
    """clip(X + ε·sign, 0, 1): a step of size ε in every pixel, kept inside the pixel range."""
    return np.clip(X + np.float32(eps) * sign, 0.0, 1.0).astype(np.float32, copy=False)


def adversarial(config: AdversarialConfig, trained: TrainedModels | None = None) -> AdversarialResult:
    """FGSM against random sign noise of the same size, on all test digits."""
    trained = trained or train_models()
    _, Xte, _, yte = split(trained.cnn_config.seed)
    model, kind = trained.model(config.kind), config.kind
    fgsm_sign = np.sign(sample_gradients(model, view(kind, Xte), yte)).reshape(Xte.shape).astype(np.float32)
    noise_sign = np.random.default_rng(config.noise_seed).choice(np.float32([-1, 1]), size=Xte.shape)

    def acc(X):
        return accuracy(yte, model.predict(view(kind, X)))

    acc_fgsm = {float(e): acc(perturb(Xte, fgsm_sign, e)) for e in config.epsilons}
    acc_noise = {float(e): acc(perturb(Xte, noise_sign, e)) for e in config.epsilons}
    return AdversarialResult(np.asarray(config.epsilons, dtype=float), acc(Xte), acc_fgsm, acc_noise,
                             fgsm_sign, noise_sign)


def fooled_example(trained: TrainedModels, result: AdversarialResult, kind: str, index: int, eps: float,
                   attack: str = "fgsm") -> dict:
    """One test digit before and after a perturbation of size ε: the images, the added change, and the
    model's answer and confidence for each (one forward pass of two images)."""
    _, Xte, _, yte = split(trained.cnn_config.seed)
    sign = (result.fgsm_sign if attack == "fgsm" else result.noise_sign)[index:index + 1]
    x = Xte[index:index + 1]
    x_adv = perturb(x, sign, eps)
    proba = trained.model(kind).predict_proba(view(kind, np.concatenate([x, x_adv])))
    return {"label": int(yte[index]), "original": x[0, 0].astype(float), "perturbed": x_adv[0, 0].astype(float),
            "change": (x_adv - x)[0, 0].astype(float),
            "pred": int(proba[0].argmax()), "conf": float(proba[0].max()),
            "pred_adv": int(proba[1].argmax()), "conf_adv": float(proba[1].max())}


# -- scene claims (the Home page's promises, checked on seeds) --------------------------------------

NUDGE_EPS = 0.1


def _claim_tiny_nudge(seed: int):
    """"A tiny nudge fools the network": at ε = 0.1 FGSM takes the CNN from over 95 % test accuracy to
    at most 65 %, while random ±0.1 noise costs it at most 5 points."""
    trained = train_models(CnnConfig(seed=seed))
    r = adversarial(AdversarialConfig(kind="cnn", noise_seed=seed), trained)
    fgsm, noise = r.acc_fgsm[NUDGE_EPS], r.acc_noise[NUDGE_EPS]
    holds = r.acc_clean > 0.95 and fgsm <= 0.65 and noise >= r.acc_clean - 0.05
    return holds, {"acc_clean": r.acc_clean, "acc_fgsm": fgsm, "acc_noise": noise}


def _claim_cnn_looks(seed: int):
    """"Where the CNN looks": blanking the 4 ink pixels the gradient map ranks highest costs the CNN
    at least 1.5× as much of the true class's probability as blanking 4 random ink pixels."""
    check = deletion_check(DeletionConfig(seed=seed), train_models(CnnConfig(seed=seed)))
    return check.drop_salient >= 1.5 * check.drop_random, {"drop_salient": check.drop_salient,
                                                             "drop_random": check.drop_random}


SCENE_CLAIMS = {"tiny_nudge": _claim_tiny_nudge, "cnn_looks": _claim_cnn_looks}
