"""``nncore.MLPClassifier``: scikit-learn's multi-layer perceptron algorithm on nncore's in-place kernels.

Same hyper-parameters, defaults, random draws, stopping rules and attributes as
:class:`sklearn.neural_network.MLPClassifier` (scikit-learn 1.9), so with the same
``random_state`` on float64 data the two produce the same ``loss_curve_`` (to rounding, ~1e-15)
and the same predictions; the speed comes from preallocated buffers, one flat parameter vector
and in-place updates (see :mod:`nncore.sklearn._kernels`). This subpackage is the one place in nncore that
imports scikit-learn (and SciPy, for the logistic function and L-BFGS).

Two deliberate differences:

- ``random_state=None`` draws from a fresh, OS-seeded ``RandomState`` instead of NumPy's global one
  (same distribution, no shared hidden state);
- float32 input stays float32 in every solver, L-BFGS included (sklearn's L-BFGS turns the weights
  into float64); sparse input is accepted and densified.
"""
from __future__ import annotations

import warnings
from numbers import Integral, Real

import numpy as np
import scipy.optimize
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin, _fit_context
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import LabelBinarizer
from sklearn.utils import check_random_state, column_or_1d
from sklearn.utils._param_validation import Interval, Options, StrOptions
from sklearn.utils.metaestimators import available_if
from sklearn.utils.multiclass import _check_partial_fit_first_call, type_of_target, unique_labels
from sklearn.utils.validation import _check_sample_weight, check_is_fitted, validate_data

from . import _kernels as K

_STOCHASTIC = ("sgd", "adam")


class MLPClassifier(ClassifierMixin, BaseEstimator):
    """Multi-layer perceptron classifier trained on the log-loss — scikit-learn's algorithm.

    Parameters
    ----------
    hidden_layer_sizes : int or tuple of int, default=(100,)
        Units in each hidden layer.
    activation : {'identity', 'logistic', 'tanh', 'relu'}, default='relu'
        Hidden-layer activation. The output is softmax (multi-class) or logistic (binary, multi-label).
    solver : {'lbfgs', 'sgd', 'adam'}, default='adam'
    alpha : float, default=1e-4
        L2 penalty; (α/2)‖W‖² / n is added to each batch's mean loss.
    batch_size : int or 'auto', default='auto'
        'auto' = min(200, n_samples).
    learning_rate : {'constant', 'invscaling', 'adaptive'}, default='constant'
        Schedule for ``solver='sgd'``: η₀; η₀ / (t+1)^power_t with t the number of samples seen
        (updated at the end of each epoch); or η₀ divided by 5 whenever ``n_iter_no_change``
        epochs fail to improve by ``tol``.
    learning_rate_init, power_t, momentum, nesterovs_momentum, beta_1, beta_2, epsilon
        Step sizes and optimizer constants, as in scikit-learn.
    max_iter : int, default=200
        Epochs for the stochastic solvers, iterations for L-BFGS.
    shuffle : bool, default=True
        Reshuffle the samples at every epoch.
    random_state : None, int or RandomState
        Seeds the weight initialisation, the early-stopping split and the shuffles, in that order.
    tol : float, default=1e-4
    n_iter_no_change : int, default=10
        Stop (or, with 'adaptive', divide the rate) after more than this many epochs without an
        improvement of ``tol`` in the training loss (or the validation accuracy with early stopping).
    early_stopping : bool, default=False
        Hold out ``validation_fraction`` of the training data (stratified for binary problems),
        track its accuracy each epoch and keep the best weights.
    validation_fraction : float, default=0.1
    warm_start : bool, default=False
        Continue from the previous fit's weights.
    verbose : bool, default=False
    max_fun : int, default=15000
        Maximum loss evaluations for L-BFGS.

    Attributes
    ----------
    classes_ : ndarray (n_classes,)
    coefs_ : list of ndarray, ``coefs_[i]`` (units[i], units[i+1])
    intercepts_ : list of ndarray, ``intercepts_[i]`` (units[i+1],)
    loss_ : float — the last epoch's mean training loss (L-BFGS: the final loss)
    loss_curve_ : list of float — mean training loss per epoch (stochastic solvers)
    best_loss_, validation_scores_, best_validation_score_ : as in scikit-learn
    n_iter_ : int — epochs run (L-BFGS: iterations)
    t_ : int — training samples seen
    n_layers_, n_outputs_, out_activation_, n_features_in_, feature_names_in_

    Notes
    -----
    Weights start at U(±√(6/(fan_in+fan_out))) (Glorot & Bengio 2010; 2 instead of 6 for logistic).
    """

    _parameter_constraints: dict = {
        "hidden_layer_sizes": ["array-like", Interval(Integral, 1, None, closed="left")],
        "activation": [StrOptions({"identity", "logistic", "tanh", "relu"})],
        "solver": [StrOptions({"lbfgs", "sgd", "adam"})],
        "alpha": [Interval(Real, 0, None, closed="left")],
        "batch_size": [StrOptions({"auto"}), Interval(Integral, 1, None, closed="left")],
        "learning_rate": [StrOptions({"constant", "invscaling", "adaptive"})],
        "learning_rate_init": [Interval(Real, 0, None, closed="neither")],
        "power_t": [Interval(Real, 0, None, closed="left")],
        "max_iter": [Interval(Integral, 1, None, closed="left")],
        "shuffle": ["boolean"],
        "random_state": ["random_state"],
        "tol": [Interval(Real, 0, None, closed="left")],
        "verbose": ["verbose"],
        "warm_start": ["boolean"],
        "momentum": [Interval(Real, 0, 1, closed="both")],
        "nesterovs_momentum": ["boolean"],
        "early_stopping": ["boolean"],
        "validation_fraction": [Interval(Real, 0, 1, closed="left")],
        "beta_1": [Interval(Real, 0, 1, closed="left")],
        "beta_2": [Interval(Real, 0, 1, closed="left")],
        "epsilon": [Interval(Real, 0, None, closed="neither")],
        "n_iter_no_change": [Interval(Integral, 1, None, closed="left"), Options(Real, {np.inf})],
        "max_fun": [Interval(Integral, 1, None, closed="left")],
    }

    def __init__(self, hidden_layer_sizes=(100,), activation="relu", *, solver="adam", alpha=0.0001,
                 batch_size="auto", learning_rate="constant", learning_rate_init=0.001, power_t=0.5,
                 max_iter=200, shuffle=True, random_state=None, tol=1e-4, verbose=False, warm_start=False,
                 momentum=0.9, nesterovs_momentum=True, early_stopping=False, validation_fraction=0.1,
                 beta_1=0.9, beta_2=0.999, epsilon=1e-8, n_iter_no_change=10, max_fun=15000):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.solver = solver
        self.alpha = alpha
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.learning_rate_init = learning_rate_init
        self.power_t = power_t
        self.max_iter = max_iter
        self.shuffle = shuffle
        self.random_state = random_state
        self.tol = tol
        self.verbose = verbose
        self.warm_start = warm_start
        self.momentum = momentum
        self.nesterovs_momentum = nesterovs_momentum
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.n_iter_no_change = n_iter_no_change
        self.max_fun = max_fun

    # ------------------------------------------------------------------ public API
    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y, sample_weight=None):
        """Fit the network to ``X`` (n_samples, n_features) and labels ``y``; returns self."""
        return self._fit(X, y, sample_weight, incremental=False)

    def _check_solver(self):
        if self.solver not in _STOCHASTIC:
            raise AttributeError(f"partial_fit is only available for stochastic optimizers. "
                                 f"{self.solver} is not stochastic.")
        return True

    @available_if(lambda est: est._check_solver())
    @_fit_context(prefer_skip_nested_validation=True)
    def partial_fit(self, X, y, sample_weight=None, classes=None):
        """One epoch over ``X, y``; ``classes`` (every label that will ever be seen) on the first call."""
        if _check_partial_fit_first_call(self, classes):
            self._label_binarizer = LabelBinarizer()
            if type_of_target(y).startswith("multilabel"):
                self._label_binarizer.fit(y)
            else:
                self._label_binarizer.fit(classes)
        return self._fit(X, y, sample_weight, incremental=True)

    def predict_proba(self, X):
        """Class probabilities (n_samples, n_classes), columns in the order of ``classes_``."""
        check_is_fitted(self)
        out = self._forward_checked(X)
        if self.n_outputs_ == 1:
            p = out.ravel()
            return np.vstack([1 - p, p]).T
        return out

    def predict_log_proba(self, X):
        """log of :meth:`predict_proba`."""
        proba = self.predict_proba(X)
        return np.log(proba, out=proba)

    def predict(self, X):
        """Predicted labels (n_samples,), or (n_samples, n_labels) for multi-label targets."""
        check_is_fitted(self)
        return self._labels(self._forward_checked(X))

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        tags.classifier_tags.multi_label = True
        return tags

    # ------------------------------------------------------------------ helpers
    def _forward_checked(self, X):
        X = validate_data(self, X, accept_sparse=["csr", "csc"], reset=False)
        if sp.issparse(X):
            X = X.toarray()
        return K.predict_forward(X, self.coefs_, self.intercepts_, self.activation, self.out_activation_)

    def _labels(self, out):
        if self.n_outputs_ == 1:
            out = out.ravel()
        return self._label_binarizer.inverse_transform(out)

    def _validate_input(self, X, y, incremental, reset):
        X, y = validate_data(self, X, y, accept_sparse=["csr", "csc"], multi_output=True,
                             dtype=(np.float64, np.float32), reset=reset)
        if sp.issparse(X):
            X = X.toarray()
        if y.ndim == 2 and y.shape[1] == 1:
            y = column_or_1d(y, warn=True)
        if not hasattr(self, "classes_") or (not self.warm_start and not incremental):
            self._label_binarizer = LabelBinarizer().fit(y)
            self.classes_ = self._label_binarizer.classes_
        else:
            classes = unique_labels(y)
            if self.warm_start:
                if set(classes) != set(self.classes_):
                    raise ValueError("warm_start can only be used where `y` has the same classes as in the "
                                     f"previous call to fit. Previously got {self.classes_}, `y` has {classes}")
            elif len(np.setdiff1d(classes, self.classes_, assume_unique=True)):
                raise ValueError(f"`y` has classes not in `self.classes_`. `self.classes_` has {self.classes_}. "
                                 f"'y' has {classes}.")
        return X, self._label_binarizer.transform(y).astype(bool)

    def _initialize(self, Y, units, dtype, rng):
        self.n_iter_ = 0
        self.t_ = 0
        self.n_outputs_ = Y.shape[1]
        self.n_layers_ = len(units)
        self.out_activation_ = "softmax" if self._label_binarizer.y_type_ == "multiclass" else "logistic"
        self.coefs_, self.intercepts_ = K.glorot_uniform(rng, units, self.activation, dtype)
        self._best_coefs = [c.copy() for c in self.coefs_]
        self._best_intercepts = [b.copy() for b in self.intercepts_]
        if self.solver in _STOCHASTIC:
            self.loss_curve_ = []
            self._no_improvement_count = 0
            if self.early_stopping:
                self.validation_scores_ = []
                self.best_validation_score_ = -np.inf
                self.best_loss_ = None
            else:
                self.best_loss_ = np.inf
                self.validation_scores_ = None
                self.best_validation_score_ = None

    def _fit(self, X, y, sample_weight, incremental):
        hidden = self.hidden_layer_sizes
        hidden = list(hidden) if hasattr(hidden, "__iter__") else [hidden]
        if np.any(np.array(hidden) <= 0):
            raise ValueError(f"hidden_layer_sizes must be > 0, got {hidden}.")
        first_pass = not hasattr(self, "coefs_") or (not self.warm_start and not incremental)
        X, Y = self._validate_input(X, y, incremental, reset=first_pass)
        if sample_weight is not None:
            sample_weight = _check_sample_weight(sample_weight, X)
        units = [X.shape[1]] + hidden + [Y.shape[1]]
        rs = self.random_state
        rng = np.random.RandomState() if rs is None else check_random_state(rs)
        if first_pass:
            self._initialize(Y, units, X.dtype, rng)
        elif [c.shape for c in self.coefs_] != list(zip(units[:-1], units[1:])):
            raise ValueError("warm_start/partial_fit need the same layer sizes as the previous fit: had "
                             f"{[c.shape for c in self.coefs_]}, now {list(zip(units[:-1], units[1:]))}.")
        self.n_outputs_ = Y.shape[1]
        dtype = self.coefs_[0].dtype
        X = np.ascontiguousarray(X, dtype=dtype)
        params = K.FlatParams(units, dtype).load(self.coefs_, self.intercepts_)
        self.coefs_, self.intercepts_ = params.coefs, params.intercepts
        if self.solver in _STOCHASTIC:
            self._fit_stochastic(X, Y, sample_weight, params, rng, incremental)
        else:
            self._fit_lbfgs(X, Y, sample_weight, params)
        if not all(np.isfinite(w).all() for w in self.coefs_ + self.intercepts_):
            raise ValueError("Solver produced non-finite parameter weights. The input data may contain "
                             "large values and need to be preprocessed.")
        return self

    def _targets(self, Y, dtype):
        """0/1 targets in the working dtype and, for softmax, the class index of each row."""
        Yf = np.ascontiguousarray(Y, dtype=dtype)
        y_idx = Y.argmax(axis=1) if self.out_activation_ == "softmax" else None
        return Yf, y_idx

    def _make_optimizer(self, size, dtype):
        if self.solver == "sgd":
            return K.SGDState(size, dtype, self.learning_rate_init, self.learning_rate, self.momentum,
                              self.nesterovs_momentum, self.power_t)
        return K.AdamState(size, dtype, self.learning_rate_init, self.beta_1, self.beta_2, self.epsilon)

    # ------------------------------------------------------------------ stochastic solvers
    def _fit_stochastic(self, X, Y, sample_weight, params, rng, incremental):
        dtype = params.dtype
        if not incremental or not hasattr(self, "_optimizer") or self._optimizer.size != params.size:
            self._optimizer = self._make_optimizer(params.size, dtype)
        opt = self._optimizer
        if self.early_stopping and incremental:
            raise ValueError("partial_fit does not support early_stopping=True")
        early = self.early_stopping
        sw_val = None
        if early:
            stratify = Y if self.n_outputs_ == 1 else None
            train, val = train_test_split(np.arange(len(X)), random_state=rng,
                                          test_size=self.validation_fraction, stratify=stratify)
            if len(val) < 2:
                raise ValueError("The validation set is too small. Increase 'validation_fraction' or the size "
                                 "of your dataset.")
            X_val, y_val = X[val], self._label_binarizer.inverse_transform(Y[val])
            if sample_weight is not None:
                sw_val, sample_weight = sample_weight[val], sample_weight[train]
            X, Y = np.ascontiguousarray(X[train]), Y[train]
        n = len(X)
        if sample_weight is not None:
            sample_weight = np.ascontiguousarray(sample_weight, dtype=dtype)
        Yf, y_idx = self._targets(Y, dtype)
        if self.batch_size == "auto":
            batch = min(200, n)
        else:
            if self.batch_size > n:
                warnings.warn("Got `batch_size` less than 1 or larger than sample size. It is going to be clipped",
                              stacklevel=2)
            batch = int(np.clip(self.batch_size, 1, n))
        slices = [slice(s, min(s + batch, n)) for s in range(0, n, batch)]
        spaces = {m: K.Workspace(m, params.units, dtype, False) for m in {s.stop - s.start for s in slices}}
        tmp = np.empty(params.n_coef, dtype=dtype)
        # the epoch's shuffled copy of the data, filled in place
        order = np.arange(n)
        perm = np.empty(n, dtype=order.dtype)
        if self.shuffle:
            Xs, Ys = np.empty_like(X), np.empty_like(Yf)
            ys = np.empty_like(y_idx) if y_idx is not None else None
            sws = np.empty_like(sample_weight) if sample_weight is not None else None
        else:
            Xs, Ys, ys, sws = X, Yf, y_idx, sample_weight
        # per batch: its workspace and views of the (shuffled in place) data, built once
        batches = [(spaces[sl.stop - sl.start], Xs[sl], Ys[sl], None if ys is None else ys[sl],
                    None if sws is None else sws[sl]) for sl in slices]
        act, out_act, alpha = self.activation, self.out_activation_, self.alpha
        try:
            self.n_iter_ = 0
            for _ in range(self.max_iter):
                if self.shuffle:
                    perm[:] = np.arange(n)
                    rng.shuffle(perm)
                    order = order[perm]
                    np.take(X, order, axis=0, out=Xs)
                    np.take(Yf, order, axis=0, out=Ys)
                    if ys is not None:
                        np.take(y_idx, order, out=ys)
                    if sws is not None:
                        np.take(sample_weight, order, out=sws)
                total = 0.0
                for ws, xb, yb, ib, swb in batches:
                    sw_sum = ws.m if swb is None else swb.sum()
                    out = K.forward(ws, xb, params, act, out_act)
                    loss = K.log_loss(out, ib, yb, swb, ws, out_act) + K.l2_term(params, alpha, sw_sum)
                    K.backward(ws, out, yb, swb, sw_sum, params, alpha, act, tmp)
                    opt.step(params.theta, params.grad)
                    total += loss * ws.m
                self.n_iter_ += 1
                self.loss_ = total / n
                self.t_ += n
                self.loss_curve_.append(self.loss_)
                if self.verbose:
                    print(f"Iteration {self.n_iter_}, loss = {self.loss_:.8f}")
                self._update_no_improvement(early, X_val if early else None, y_val if early else None, sw_val)
                opt.iteration_ends(self.t_)
                if self._no_improvement_count > self.n_iter_no_change:
                    if opt.trigger_stopping():
                        if self.verbose:
                            what = "Validation score" if early else "Training loss"
                            print(f"{what} did not improve more than tol={self.tol:f} for "
                                  f"{self.n_iter_no_change} consecutive epochs. Stopping.")
                        break
                    self._no_improvement_count = 0
                if incremental:
                    break
                if self.n_iter_ == self.max_iter:
                    warnings.warn(f"Stochastic Optimizer: Maximum iterations ({self.max_iter}) reached and the "
                                  "optimization hasn't converged yet.", ConvergenceWarning, stacklevel=2)
        except KeyboardInterrupt:
            warnings.warn("Training interrupted by user.", stacklevel=2)
        if early:
            self.coefs_, self.intercepts_ = self._best_coefs, self._best_intercepts

    def _update_no_improvement(self, early, X_val, y_val, sw_val):
        if early:
            score = self._validation_score(X_val, y_val, sw_val)
            self.validation_scores_.append(score)
            if self.verbose:
                print(f"Validation score: {score:f}")
            if score < self.best_validation_score_ + self.tol:
                self._no_improvement_count += 1
            else:
                self._no_improvement_count = 0
            if score > self.best_validation_score_:
                self.best_validation_score_ = score
                self._best_coefs = [c.copy() for c in self.coefs_]
                self._best_intercepts = [b.copy() for b in self.intercepts_]
        else:
            last = self.loss_curve_[-1]
            if last > self.best_loss_ - self.tol:
                self._no_improvement_count += 1
            else:
                self._no_improvement_count = 0
            if last < self.best_loss_:
                self.best_loss_ = last

    def _validation_score(self, X, y, sample_weight):
        """Accuracy on the held-out split (NaN if the labels come out non-finite), like sklearn's ``score``."""
        out = K.predict_forward(X, self.coefs_, self.intercepts_, self.activation, self.out_activation_)
        pred = self._labels(out)
        if np.issubdtype(pred.dtype, np.floating) and not np.isfinite(pred).all():
            return np.nan
        correct = (pred == y).all(axis=1) if pred.ndim == 2 else pred == y
        return float(np.average(correct, weights=sample_weight))

    # ------------------------------------------------------------------ L-BFGS
    def _fit_lbfgs(self, X, Y, sample_weight, params):
        dtype = params.dtype
        if sample_weight is not None:
            sample_weight = np.ascontiguousarray(sample_weight, dtype=dtype)
        Yf, y_idx = self._targets(Y, dtype)
        ws = K.Workspace(len(X), params.units, dtype, False)
        sw_sum = len(X) if sample_weight is None else sample_weight.sum()
        tmp = np.empty(params.n_coef, dtype=dtype)

        def loss_grad(theta):
            np.copyto(params.theta, theta, casting="same_kind")
            out = K.forward(ws, X, params, self.activation, self.out_activation_)
            loss = K.log_loss(out, y_idx, Yf, sample_weight, ws, self.out_activation_)
            loss += K.l2_term(params, self.alpha, sw_sum)
            K.backward(ws, out, Yf, sample_weight, sw_sum, params, self.alpha, self.activation, tmp)
            return loss, params.grad.astype(np.float64)

        res = scipy.optimize.minimize(loss_grad, params.theta.astype(np.float64), method="L-BFGS-B", jac=True,
                                      options={"maxfun": self.max_fun, "maxiter": self.max_iter, "gtol": self.tol})
        self.n_iter_ = min(res.nit, self.max_iter)
        if res.status != 0:
            warnings.warn(f"lbfgs failed to converge after {self.n_iter_} iteration(s) (status={res.status}):\n"
                          f"{res.message}\n", ConvergenceWarning, stacklevel=2)
        self.loss_ = float(res.fun)
        np.copyto(params.theta, res.x, casting="same_kind")
