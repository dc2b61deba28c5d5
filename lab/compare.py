"""The Compare page's experiment: scikit-learn's and nncore's ``MLPClassifier`` fitted side by side.

Same data, same split, same hyper-parameters: the loss curves, predictions and fit times of both,
and the parity figures that say whether they are the same algorithm. scikit-learn is imported on the
first fit, so importing this module stays cheap.
"""
from __future__ import annotations

import time
import warnings

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
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier as SkMLP

    from nncore.sklearn import MLPClassifier

    out = {}
    for name, cls, params in (("sklearn", SkMLP, sk_params), ("nncore", MLPClassifier, nn_params)):
        model = cls(**params)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ConvergenceWarning)
            t0 = time.perf_counter()
            model.fit(X_train, y_train)
            fit_s = time.perf_counter() - t0
        pred_test = model.predict(X_test)
        out[name] = {
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
    a, b = out["sklearn"]["loss_curve"], out["nncore"]["loss_curve"]
    if a is not None and b is not None and len(a) == len(b):
        out["max_rel_loss_diff"] = float(np.max(np.abs(np.subtract(a, b)) / np.abs(a)))
    else:
        out["max_rel_loss_diff"] = float("nan")
    out["same_predictions"] = bool(np.array_equal(out["sklearn"]["pred_test"], out["nncore"]["pred_test"]))
    return out


def twin_fit_seeds(X_train, y_train, X_test, y_test, sk_params, nn_params, seeds):
    """:func:`twin_fit` once per ``random_state`` in ``seeds``; rows of summary numbers (no curves)."""
    rows = []
    for s in seeds:
        r = twin_fit(X_train, y_train, X_test, y_test, {**sk_params, "random_state": int(s)},
                     {**nn_params, "random_state": int(s)})
        for side in ("sklearn", "nncore"):
            x = r[side]
            rows.append({"seed": int(s), "engine": side, "test_acc": x["test_acc"], "train_acc": x["train_acc"],
                         "loss": x["loss"], "n_iter": x["n_iter"], "fit_s": x["fit_s"]})
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
