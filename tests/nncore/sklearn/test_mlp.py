"""nncore.MLPClassifier runs scikit-learn's algorithm: same loss curve (1e-10 relative), same predictions.

Small data and few epochs keep the file fast; ``check_estimator`` runs in full at the end.
"""
import pickle
import warnings

import numpy as np
import pytest
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import GridSearchCV, cross_val_score
from sklearn.neural_network import MLPClassifier as SkMLP
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from nncore import MLPClassifier
from nncore.layers import ACTIVATIONS, SKLEARN_ACTIVATIONS, activation
from nncore.sklearn import _kernels as K

RTOL = 1e-10


def _data(kind, n=120, seed=0):
    rng = np.random.default_rng(seed)
    if kind == "digits":
        X, y = load_digits(return_X_y=True)
        idx = rng.permutation(len(X))[:n]
        return X[idx] / 16.0, y[idx]
    X = rng.standard_normal((n, 4))
    if kind == "binary":
        y = (X[:, 0] * X[:, 1] + 0.3 * X[:, 2] > 0).astype(int)
        return X, np.where(y == 1, "yes", "no")  # string labels on purpose
    if kind == "multiclass":
        return X, (np.arctan2(X[:, 1], X[:, 0]) // (np.pi / 2)).astype(int) + 2   # labels 0..3 shifted
    if kind == "multilabel":
        return X, np.c_[X[:, 0] > 0, X[:, 1] + X[:, 2] > 0, X[:, 3] > 0.5].astype(int)
    raise ValueError(kind)


def _fit_both(X, y, **kw):
    kw.setdefault("random_state", 3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        ours = MLPClassifier(**kw).fit(X, y)
        ref = SkMLP(**kw).fit(X, y)
    return ours, ref


def _assert_same(ours, ref, X):
    if hasattr(ref, "loss_curve_"):
        assert len(ours.loss_curve_) == len(ref.loss_curve_)
        np.testing.assert_allclose(ours.loss_curve_, ref.loss_curve_, rtol=RTOL, atol=0)
    np.testing.assert_allclose(ours.loss_, ref.loss_, rtol=RTOL, atol=0)
    assert ours.n_iter_ == ref.n_iter_
    assert ours.t_ == ref.t_
    np.testing.assert_array_equal(ours.classes_, ref.classes_)
    np.testing.assert_array_equal(ours.predict(X), ref.predict(X))
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), rtol=1e-9, atol=1e-12)
    for a, b in zip(ours.coefs_ + ours.intercepts_, ref.coefs_ + ref.intercepts_):
        assert a.dtype == b.dtype and a.shape == b.shape
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("solver", ["sgd", "adam"])
@pytest.mark.parametrize("activation", ["identity", "logistic", "tanh", "relu"])
@pytest.mark.parametrize("kind", ["binary", "multiclass"])
def test_parity_solver_activation_task(solver, activation, kind):
    X, y = _data(kind)
    ours, ref = _fit_both(X, y, hidden_layer_sizes=(7, 5), activation=activation, solver=solver,
                          learning_rate_init=0.05, batch_size=32, max_iter=12, alpha=1e-3)
    _assert_same(ours, ref, X)


@pytest.mark.parametrize("schedule", ["constant", "invscaling", "adaptive"])
@pytest.mark.parametrize("nesterov", [True, False])
def test_parity_sgd_schedules(schedule, nesterov):
    X, y = _data("digits", n=150)
    # large tol so the stopping rule (and the adaptive rate division) fires within a few epochs
    ours, ref = _fit_both(X, y, hidden_layer_sizes=(12,), solver="sgd", learning_rate=schedule,
                          learning_rate_init=0.2, nesterovs_momentum=nesterov, momentum=0.8, batch_size=40,
                          max_iter=25, tol=0.02, n_iter_no_change=2, power_t=0.3)
    _assert_same(ours, ref, X)
    assert ours._optimizer.learning_rate == pytest.approx(ref._optimizer.learning_rate, rel=RTOL)


@pytest.mark.parametrize("solver", ["sgd", "adam"])
@pytest.mark.parametrize("kind", ["binary", "multiclass"])
def test_parity_early_stopping(solver, kind):
    X, y = _data(kind, n=150)
    ours, ref = _fit_both(X, y, hidden_layer_sizes=(10,), solver=solver, early_stopping=True,
                          validation_fraction=0.2, n_iter_no_change=3, max_iter=40, learning_rate_init=0.02,
                          batch_size=25)
    _assert_same(ours, ref, X)
    np.testing.assert_allclose(ours.validation_scores_, ref.validation_scores_, rtol=RTOL)
    assert ours.best_validation_score_ == ref.best_validation_score_


@pytest.mark.parametrize("kw", [
    dict(shuffle=False),
    dict(batch_size=1000),                 # larger than the data: clipped, full batch
    dict(batch_size=17),                   # a ragged last batch
    dict(alpha=0.0),
    dict(hidden_layer_sizes=3),            # an int, not a tuple
    dict(hidden_layer_sizes=(9, 7, 5), activation="tanh"),
    dict(beta_1=0.5, beta_2=0.9, epsilon=1e-6),
], ids=str)
def test_parity_options(kw):
    X, y = _data("multiclass")
    kw = {"hidden_layer_sizes": (8,), "max_iter": 8, "learning_rate_init": 0.03, **kw}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        ours, ref = _fit_both(X, y, **kw)
    _assert_same(ours, ref, X)


def test_parity_sample_weight():
    X, y = _data("binary")
    w = np.random.default_rng(1).uniform(0.2, 3.0, len(y))
    kw = dict(hidden_layer_sizes=(6,), max_iter=10, batch_size=30, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        ours = MLPClassifier(**kw).fit(X, y, sample_weight=w)
        ref = SkMLP(**kw).fit(X, y, sample_weight=w)
    _assert_same(ours, ref, X)


def test_parity_multilabel():
    X, Y = _data("multilabel")
    ours, ref = _fit_both(X, Y, hidden_layer_sizes=(10,), max_iter=10, learning_rate_init=0.02)
    _assert_same(ours, ref, X)
    assert ours.predict(X).shape == Y.shape


@pytest.mark.parametrize("solver", ["sgd", "adam"])
def test_parity_warm_start(solver):
    X, y = _data("multiclass")
    kw = dict(hidden_layer_sizes=(8,), solver=solver, max_iter=5, warm_start=True, random_state=2,
              learning_rate="invscaling", learning_rate_init=0.05)
    ours, ref = MLPClassifier(**kw), SkMLP(**kw)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for _ in range(3):
            ours.fit(X, y)
            ref.fit(X, y)
    assert len(ours.loss_curve_) == 15
    _assert_same(ours, ref, X)


@pytest.mark.parametrize("solver", ["sgd", "adam"])
def test_parity_partial_fit(solver):
    X, y = _data("multiclass", n=150)
    classes = np.unique(y)
    kw = dict(hidden_layer_sizes=(8,), solver=solver, random_state=4, batch_size=20, learning_rate_init=0.05)
    ours, ref = MLPClassifier(**kw), SkMLP(**kw)
    for start in range(0, 150, 50):
        chunk = slice(start, start + 50)
        ours.partial_fit(X[chunk], y[chunk], classes=classes)
        ref.partial_fit(X[chunk], y[chunk], classes=classes)
    _assert_same(ours, ref, X)


@pytest.mark.parametrize("activation", ["relu", "logistic"])
@pytest.mark.parametrize("kind", ["binary", "multiclass"])
def test_parity_lbfgs(activation, kind):
    X, y = _data(kind)
    ours, ref = _fit_both(X, y, hidden_layer_sizes=(6,), solver="lbfgs", activation=activation, max_iter=30)
    # L-BFGS follows the same path; tiny rounding in the loss can shift a line search only at the end
    assert ours.n_iter_ == ref.n_iter_
    np.testing.assert_allclose(ours.loss_, ref.loss_, rtol=1e-8)
    np.testing.assert_array_equal(ours.predict(X), ref.predict(X))


def test_initialisation_matches_sklearn_draws():
    rng_a, rng_b = np.random.RandomState(5), np.random.RandomState(5)
    coefs, intercepts = K.glorot_uniform(rng_a, [4, 3, 2], "logistic", np.float64)
    bound0 = np.sqrt(2.0 / 7)
    np.testing.assert_array_equal(coefs[0], rng_b.uniform(-bound0, bound0, (4, 3)))
    np.testing.assert_array_equal(intercepts[0], rng_b.uniform(-bound0, bound0, 3))


# ---------------------------------------------------------------- dtype, errors, API
def test_float32_stays_float32_and_learns():
    X, y = _data("digits", n=300)
    kw = dict(hidden_layer_sizes=(20,), max_iter=40, learning_rate_init=0.01, batch_size=50, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf = MLPClassifier(**kw).fit(X.astype(np.float32), y)
        ref = SkMLP(**kw).fit(X, y)
    assert all(c.dtype == np.float32 for c in clf.coefs_ + clf.intercepts_)
    assert clf.predict_proba(X.astype(np.float32)).dtype == np.float32
    assert abs(clf.score(X, y) - ref.score(X, y)) <= 0.03
    assert clf.score(X, y) > 0.9


@pytest.mark.parametrize("kw, match", [
    (dict(hidden_layer_sizes=(0,)), "hidden_layer_sizes"),
    (dict(learning_rate_init=-1.0), "learning_rate_init"),
    (dict(solver="newton"), "solver"),
    (dict(momentum=1.5), "momentum"),
    (dict(early_stopping=True, validation_fraction=0.01), "validation set is too small"),
])
def test_bad_parameters_raise_like_sklearn(kw, match):
    X, y = _data("multiclass", n=60)
    with pytest.raises(ValueError, match=match):
        MLPClassifier(max_iter=2, **kw).fit(X, y)
    with pytest.raises(ValueError, match=match):
        SkMLP(max_iter=2, **kw).fit(X, y)


def test_bad_inputs_raise():
    X, y = _data("binary", n=60)
    bad = X.copy()
    bad[0, 0] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        MLPClassifier(max_iter=2).fit(bad, y)
    with pytest.raises(ValueError, match="Unknown label type"):
        MLPClassifier(max_iter=2).fit(X, X[:, 0])
    clf = MLPClassifier(max_iter=2, solver="lbfgs")
    assert not hasattr(clf, "partial_fit")
    with pytest.raises(ValueError, match="early_stopping"):
        MLPClassifier(early_stopping=True).partial_fit(X, y, classes=np.unique(y))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        fitted = MLPClassifier(max_iter=2, warm_start=True).fit(X, y)
    with pytest.raises(ValueError, match="same classes"):
        fitted.fit(X, np.where(y == "yes", "maybe", y))


def test_convergence_warning_and_pickle_roundtrip():
    X, y = _data("multiclass")
    with pytest.warns(ConvergenceWarning):
        clf = MLPClassifier(hidden_layer_sizes=(5,), max_iter=3, random_state=0).fit(X, y)
    clone = pickle.loads(pickle.dumps(clf))
    np.testing.assert_array_equal(clone.predict_proba(X), clf.predict_proba(X))
    # the unpickled model keeps training (its coefficients are re-packed into one flat vector)
    clone.partial_fit(X, y)
    assert clone.n_iter_ == 1 and len(clone.loss_curve_) == 4


def test_works_in_pipeline_gridsearch_and_cross_val():
    X, y = _data("multiclass", n=90)
    pipe = make_pipeline(StandardScaler(), MLPClassifier(hidden_layer_sizes=(6,), max_iter=30, random_state=0))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        scores = cross_val_score(pipe, X, y, cv=3)
        grid = GridSearchCV(pipe, {"mlpclassifier__alpha": [1e-4, 1e-1]}, cv=2).fit(X, y)
    assert scores.shape == (3,) and np.all((scores >= 0) & (scores <= 1))
    assert grid.best_params_["mlpclassifier__alpha"] in (1e-4, 1e-1)


@pytest.mark.slow   # every scikit-learn estimator check: ≈ 2.3 s
def test_check_estimator_in_full():
    from sklearn.utils.estimator_checks import check_estimator
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = check_estimator(MLPClassifier(), on_fail=None)
    failed = [(r["check_name"], repr(r["exception"])[:200]) for r in results if r["status"] == "failed"]
    assert not failed, failed
    assert sum(r["status"] == "passed" for r in results) >= 60


@pytest.mark.parametrize("name", [n for n, spec in ACTIVATIONS.items() if spec.sklearn])
def test_the_registry_names_sklearns_twin_of_each_activation(name):
    from sklearn.neural_network._base import ACTIVATIONS as SK_FUNCTIONS

    z = np.linspace(-4, 4, 17).reshape(1, -1)
    expected = z.copy()
    SK_FUNCTIONS[ACTIVATIONS[name].sklearn](expected)          # scikit-learn applies it in place
    np.testing.assert_allclose(activation(name).forward(z, training=False), expected, rtol=1e-12, atol=1e-15)
    assert set(SKLEARN_ACTIVATIONS) == set(K.HIDDEN_ACTIVATIONS)
