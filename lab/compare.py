"""The Compare page's experiment: scikit-learn's and nncore's ``MLPClassifier`` fitted side by side.

Same data, same split, same hyper-parameters: the loss curves, predictions and fit times of both,
and the parity figures that say whether they are the same algorithm. scikit-learn is imported on the
first fit, so importing this module stays cheap.

A fit cannot pause half-way, so its size is bounded before it starts (:func:`twin_budget`): a
link's settings train on opening only within ``AUTO_WORK``, and a run never goes past ``MAX_WORK``
(its epochs are cut to fit, the same for both sides so they stay the same algorithm). The page runs
one side per slice (:func:`fit_one`), so a slice stays within ``MAX_WORK``.
"""
from __future__ import annotations

import time
import warnings
from dataclasses import dataclass

import numpy as np

from nncore.datasets import digits_split, make_2d, train_test_split
from nncore.metrics import accuracy

TEST_FRACTION = 0.3


def page_split(name, n=400, noise=0.2, seed=0):
    """The page's split of a built-in data set: 70/30, stratified, seeded; X as float64.

    Returns ``(X_train, X_test, y_train, y_test, class names)``; "digits" ignores ``n`` and ``noise``.
    """
    if name == "digits":
        X_tr, X_te, y_tr, y_te = digits_split(test_fraction=TEST_FRACTION, seed=seed, dtype=np.float64, images=False)
        return X_tr, X_te, y_tr, y_te, [str(i) for i in range(10)]
    X, y = make_2d(name, n_samples=n, noise=noise, seed=seed)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_fraction=TEST_FRACTION, seed=seed, stratify=True)
    return X_tr, X_te, y_tr, y_te, [str(c) for c in np.unique(y)]


# Work in multiply-add equivalents: 3 per connection per row (forward, backward, weight gradient), plus
# a fixed cost per weight update (Python: about 1.4 ms of scikit-learn's time) and a cost per parameter
# per update (the optimizer's moments). Calibrated on scikit-learn 1.9, the slower side, on one core:
# benchmarks/work_budget.py measured a median 2.7e9 work/s on the 2-core development machine under a
# load of ~10 (about 5e9 when quieter), so MAX_WORK is 3–6 s of one library's fit.
STEP_WORK = 8e6
PARAM_STEP_WORK = 190
AUTO_WORK = 8e9          # on opening a link: the defaults of every built-in data set fit (digits: 6.3e9)
MAX_WORK = 1.5e10        # one library's fit, the most a click (or a link) can ask; a page slice runs one


@dataclass(frozen=True)
class TwinBudget:
    """What one side of a twin fit asks for: ``per_epoch`` work, ``epochs`` asked, ``allowed`` under the cap."""
    per_epoch: float
    epochs: int
    allowed: int

    @property
    def work(self) -> float:
        """Work of the run as it will go (epochs cut to ``allowed``)."""
        return self.per_epoch * min(self.epochs, self.allowed)

    @property
    def asked(self) -> float:
        return self.per_epoch * self.epochs

    @property
    def capped(self) -> bool:
        return self.allowed < self.epochs

    @property
    def auto(self) -> bool:
        """Small enough to train as soon as a page opens (no click)."""
        return self.allowed >= 1 and self.work <= AUTO_WORK


def epoch_work(n_rows, n_features, hidden, n_classes, batch_size="auto", solver="adam"):
    """Work of one epoch (multiply-add equivalents; see the module docstring for the model)."""
    widths = [int(n_features), *map(int, hidden), int(n_classes) if n_classes > 2 else 1]
    connections = sum(a * b for a, b in zip(widths[:-1], widths[1:]))
    n = max(int(n_rows), 1)
    batch = n if solver == "lbfgs" else min(200, n) if batch_size == "auto" else max(1, min(int(batch_size), n))
    steps = -(-n // batch)
    return 3.0 * n * connections + steps * (STEP_WORK + PARAM_STEP_WORK * connections)


def twin_budget(n_rows, n_features, n_classes, sk_params, nn_params, max_work=MAX_WORK) -> TwinBudget:
    """The budget of a twin fit: the heavier side's epoch work, and the epochs both may run under ``max_work``."""
    per_epoch = max(epoch_work(n_rows, n_features, p.get("hidden_layer_sizes", (100,)), n_classes,
                               p.get("batch_size", "auto"), p.get("solver", "adam")) for p in (sk_params, nn_params))
    epochs = int(max(sk_params.get("max_iter", 200), nn_params.get("max_iter", 200)))
    return TwinBudget(per_epoch=per_epoch, epochs=epochs, allowed=int(max_work // per_epoch))


def fit_one(side, params, X_train, y_train, X_test, y_test, grid=None):
    """Fit one side (``"sklearn"`` or ``"nncore"``) and report it (the entries of :func:`twin_fit`'s sides)."""
    from sklearn.exceptions import ConvergenceWarning

    if side == "sklearn":
        from sklearn.neural_network import MLPClassifier
    else:
        from nncore.sklearn import MLPClassifier
    model = MLPClassifier(**params)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        t0 = time.perf_counter()
        model.fit(X_train, y_train)
        fit_s = time.perf_counter() - t0
    pred_test = model.predict(X_test)
    return {
        "loss_curve": list(map(float, getattr(model, "loss_curve_", None) or [])) or None,
        "loss": float(model.loss_),
        "n_iter": int(model.n_iter_),
        "fit_s": fit_s,
        "train_acc": accuracy(y_train, model.predict(X_train)),
        "test_acc": accuracy(y_test, pred_test),
        "pred_test": pred_test,
        "converged": not any(issubclass(w.category, ConvergenceWarning) for w in caught),
        "proba_grid": None if grid is None else model.predict_proba(grid),
    }


def parity(sk, nn):
    """``max_rel_loss_diff`` (NaN when the curves are not comparable) and ``same_predictions`` of two sides."""
    a, b = sk["loss_curve"], nn["loss_curve"]
    diff = float(np.max(np.abs(np.subtract(a, b)) / np.abs(a))) if a is not None and b is not None and \
        len(a) == len(b) else float("nan")
    return {"max_rel_loss_diff": diff, "same_predictions": bool(np.array_equal(sk["pred_test"], nn["pred_test"]))}


def seed_rows(seed, sk, nn):
    """The summary rows of one seed's twin fit (no curves), sklearn first."""
    return [{"seed": int(seed), "engine": side, "test_acc": x["test_acc"], "train_acc": x["train_acc"],
             "loss": x["loss"], "n_iter": x["n_iter"], "fit_s": x["fit_s"]} for side, x in (("sklearn", sk),
                                                                                          ("nncore", nn))]


def twin_fit(X_train, y_train, X_test, y_test, sk_params, nn_params, grid=None):
    """Fit scikit-learn's and nncore's ``MLPClassifier`` on the same split and compare them.

    Parameters
    ----------
    X_train, X_test : (n, d) float arrays; y_train, y_test : (n,) labels
    sk_params, nn_params : dict of hyper-parameters for each side (same dict = the same algorithm)
    grid : optional (g, d) points where both report ``predict_proba`` (decision surfaces)

    Returns
    -------
    dict with ``"sklearn"`` and ``"nncore"`` (each: ``loss_curve`` list or None, ``loss``, ``n_iter``,
    ``fit_s``, ``train_acc``, ``test_acc``, ``pred_test``, ``converged``, ``proba_grid``) and the parity
    figures ``max_rel_loss_diff`` (NaN when the curves are not comparable) and ``same_predictions``.
    """
    sk = fit_one("sklearn", sk_params, X_train, y_train, X_test, y_test, grid)
    nn = fit_one("nncore", nn_params, X_train, y_train, X_test, y_test, grid)
    return {"sklearn": sk, "nncore": nn, **parity(sk, nn)}


def twin_fit_seeds(X_train, y_train, X_test, y_test, sk_params, nn_params, seeds):
    """:func:`twin_fit` once per ``random_state`` in ``seeds``; rows of summary numbers (no curves)."""
    rows = []
    for s in seeds:
        sk = fit_one("sklearn", {**sk_params, "random_state": int(s)}, X_train, y_train, X_test, y_test)
        nn = fit_one("nncore", {**nn_params, "random_state": int(s)}, X_train, y_train, X_test, y_test)
        rows += seed_rows(s, sk, nn)
    return rows


# -- the Home scene "Twins": the page at its defaults ----------------------------------------------------

TWINS_DATA = dict(name="moons", n=400, noise=0.2)
TWINS_PARAMS = dict(hidden_layer_sizes=(16, 16), activation="relu", alpha=1e-4, batch_size="auto",
                    learning_rate_init=0.01, max_iter=100, early_stopping=False, solver="adam")


def twins_claim(seed: int):
    """Same data, split, seed and settings: the two loss curves agree to 10⁻¹⁴ (relative) or better at every
    epoch and the test-set predictions are identical."""
    X_tr, X_te, y_tr, y_te, _ = page_split(**TWINS_DATA, seed=seed)
    params = {**TWINS_PARAMS, "random_state": seed}
    r = twin_fit(X_tr, y_tr, X_te, y_te, params, params)
    diff = r["max_rel_loss_diff"]
    return (bool(diff <= 1e-14) and r["same_predictions"] and r["nncore"]["n_iter"] == r["sklearn"]["n_iter"],
            {"max relative loss difference": diff, "identical predictions": r["same_predictions"],
             "epochs": r["nncore"]["n_iter"]})


SCENE_CLAIMS = {"twins": twins_claim}
