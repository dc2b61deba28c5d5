"""Kernels for :class:`nncore.MLPClassifier`: forward, backward, loss and the two stochastic optimizers.

Everything here works on preallocated buffers and updates in place, so a training step allocates
only a few vectors of batch length. The arithmetic follows scikit-learn's ``neural_network``
operation for operation (same products, same order of rounding), which is what lets the
estimator reproduce sklearn's ``loss_curve_`` to ~1e-15 instead of merely "close".

Layout
------
All parameters live in one flat vector ``theta`` (coefficients of every layer first, then every
intercept — the order sklearn's L-BFGS packing uses); ``coefs[i]`` (fan_in, fan_out) and
``intercepts[i]`` (fan_out,) are views into it. The gradient ``grad`` has the same layout, so an
optimizer step is a dozen vector operations whatever the depth of the network.

Performance rules
-----------------
- no Python loop over samples: one matrix product per layer and direction;
- ufunc methods (``np.add.reduce``) rather than the ``np.sum`` wrappers, a few µs less per call;
- ``out=`` everywhere on the hot path; buffers are sized once per batch size (``Workspace``);
- elementwise optimizer updates on the single flat vector.
"""
from __future__ import annotations

import numpy as np
from scipy.special import expit

HIDDEN_ACTIVATIONS = ("identity", "logistic", "tanh", "relu")


# --------------------------------------------------------------------------- parameters
class FlatParams:
    """Coefficients and intercepts as views into one flat vector (and a gradient of the same layout).

    Parameters
    ----------
    units : list of int, ``[n_features, h1, ..., n_outputs]``
    dtype : float32 or float64
    """

    def __init__(self, units, dtype):
        self.units = list(units)
        self.dtype = np.dtype(dtype)
        shapes = list(zip(self.units[:-1], self.units[1:]))
        self.n_coef = sum(a * b for a, b in shapes)
        self.size = self.n_coef + sum(self.units[1:])
        self.theta = np.zeros(self.size, dtype=self.dtype)
        self.grad = np.zeros(self.size, dtype=self.dtype)
        self.coefs, self.intercepts = self._views(self.theta, shapes)
        self.gcoefs, self.gintercepts = self._views(self.grad, shapes)

    def _views(self, flat, shapes):
        coefs, intercepts, start = [], [], 0
        for a, b in shapes:
            coefs.append(flat[start:start + a * b].reshape(a, b))
            start += a * b
        for _, b in shapes:
            intercepts.append(flat[start:start + b])
            start += b
        return coefs, intercepts

    def load(self, coefs, intercepts):
        """Copy arrays (e.g. the estimator's ``coefs_``) into the flat buffer."""
        for dst, src in zip(self.coefs + self.intercepts, list(coefs) + list(intercepts)):
            np.copyto(dst, src, casting="same_kind")
        return self


def glorot_uniform(rng, units, activation, dtype):
    """sklearn's initialisation: per layer, U(±√(f/(fan_in+fan_out))) for the (fan_in, fan_out) weights,
    then the same bound for the intercepts; f = 2 for logistic, 6 otherwise. Drawn in float64 from the
    ``RandomState`` ``rng`` in that order, then cast to ``dtype``."""
    factor = 2.0 if activation == "logistic" else 6.0
    coefs, intercepts = [], []
    for fan_in, fan_out in zip(units[:-1], units[1:]):
        bound = np.sqrt(factor / (fan_in + fan_out))
        coefs.append(rng.uniform(-bound, bound, (fan_in, fan_out)).astype(dtype, copy=False))
        intercepts.append(rng.uniform(-bound, bound, fan_out).astype(dtype, copy=False))
    return coefs, intercepts


# --------------------------------------------------------------------------- workspace
class Workspace:
    """Activation, delta and scratch buffers for one batch size ``m``.

    ``acts[i]`` (m, units[i]) for i ≥ 1 (``acts[0]`` is set to the input batch), ``deltas[i]``
    (m, units[i+1]) = ∂loss/∂z of layer i+1, ``scratch[i]`` and ``mask[i]`` like ``acts[i]``.
    """

    def __init__(self, m, units, dtype, n_features_buffer=True):
        self.m = m
        self.xbuf = np.empty((m, units[0]), dtype=dtype) if n_features_buffer else None
        self.ybuf = np.empty((m, units[-1]), dtype=dtype)
        self.acts = [None] + [np.empty((m, u), dtype=dtype) for u in units[1:]]
        self.deltas = [np.empty((m, u), dtype=dtype) for u in units[1:]]
        self.scratch = [None] + [np.empty((m, u), dtype=dtype) for u in units[1:-1]]
        self.mask = [None] + [np.empty((m, u), dtype=bool) for u in units[1:-1]]
        self.rowbuf = np.empty((m, 1), dtype=dtype)
        self.row_base = np.arange(m) * units[-1]


# --------------------------------------------------------------------------- forward
def hidden_forward(z, activation):
    """Apply the hidden activation to ``z`` (m, h) in place."""
    if activation == "relu":
        np.maximum(z, 0, out=z)
    elif activation == "tanh":
        np.tanh(z, out=z)
    elif activation == "logistic":
        expit(z, out=z)


def softmax_inplace(z, rowbuf):
    """Row-wise softmax of ``z`` (m, k) in place; ``rowbuf`` (m, 1) is scratch.

    Notes: p = exp(z − max z) / Σ exp(z − max z), rounded exactly as sklearn rounds it.
    """
    np.maximum.reduce(z, axis=1, keepdims=True, out=rowbuf)
    np.subtract(z, rowbuf, out=z)
    np.exp(z, out=z)
    np.add.reduce(z, axis=1, keepdims=True, out=rowbuf)
    np.divide(z, rowbuf, out=z)


def forward(ws, x, params, activation, out_activation):
    """Forward pass of a batch ``x`` (m, n_features); returns the output buffer (m, n_outputs).

    Notes: a⁽ⁱ⁺¹⁾ = f(a⁽ⁱ⁾ W⁽ⁱ⁾ + b⁽ⁱ⁾), f = the hidden activation, softmax or logistic at the top.
    """
    ws.acts[0] = x
    last = len(params.coefs) - 1
    for i, (w, b) in enumerate(zip(params.coefs, params.intercepts)):
        z = ws.acts[i + 1]
        np.dot(ws.acts[i], w, out=z)
        z += b
        if i < last:
            hidden_forward(z, activation)
    out = ws.acts[-1]
    if out_activation == "softmax":
        softmax_inplace(out, ws.rowbuf)
    else:
        expit(out, out=out)
    return out


def predict_forward(x, coefs, intercepts, activation, out_activation):
    """Allocating forward pass for prediction (any batch length); returns the output probabilities."""
    a = x
    last = len(coefs) - 1
    for i, (w, b) in enumerate(zip(coefs, intercepts)):
        a = a @ w
        a += b
        if i < last:
            hidden_forward(a, activation)
    if out_activation == "softmax":
        a -= a.max(axis=1, keepdims=True)
        np.exp(a, out=a)
        a /= a.sum(axis=1, keepdims=True)
    else:
        expit(a, out=a)
    return a


# --------------------------------------------------------------------------- loss
def _clip_probabilities(p):
    """Clip ``p`` in place to [eps, 1 − eps] of its dtype (what ``np.clip`` does, without its wrapper's cost)."""
    eps = np.finfo(p.dtype).eps
    np.maximum(p, eps, out=p)
    np.minimum(p, 1 - eps, out=p)
    return p


def log_loss(out, y_idx, y_onehot, sample_weight, ws, out_activation):
    """Mean cross-entropy of the batch (before the L2 term), as sklearn's ``log_loss``/``binary_log_loss``.

    ``out`` (m, k) probabilities; ``y_idx`` (m,) class index (softmax only); ``y_onehot`` (m, k)
    0/1 targets. Probabilities are clipped to [eps, 1 − eps] of the dtype first.
    Notes: −(1/Σw) Σᵢ wᵢ log p(yᵢ | xᵢ), summed over the outputs for logistic (binary, multi-label) outputs.
    """
    if out_activation == "softmax":
        m, k = out.shape
        p = out.ravel()[ws.row_base[:m] + y_idx] if m == ws.m else out[np.arange(m), y_idx]
        terms = np.log(_clip_probabilities(p), out=p)
    else:
        p = _clip_probabilities(out.copy())
        q = np.subtract(1, p)
        np.copyto(q, p, where=y_onehot.astype(bool))
        np.log(q, out=q)
        terms = np.add.reduce(q, axis=1) if q.shape[1] > 1 else q.ravel()
    if sample_weight is None:
        return -float(np.add.reduce(terms)) / len(terms)
    return -float(np.dot(sample_weight, terms)) / float(sample_weight.sum())


def l2_term(params, alpha, sw_sum):
    """(α/2) ‖W‖² / Σw — sklearn adds this to every batch loss."""
    if alpha == 0:
        return 0.0
    w = params.theta[:params.n_coef]
    return 0.5 * alpha * float(np.dot(w, w)) / sw_sum


# --------------------------------------------------------------------------- backward
def hidden_backward(delta, a, activation, scratch, mask):
    """Multiply ``delta`` in place by f'(z), written in terms of the activation ``a = f(z)``."""
    if activation == "relu":
        # multiply by the 0/1 mask: a masked assignment (sklearn's delta[a == 0] = 0) gives the same
        # values (up to the sign of zero) but branches per element and runs several times slower
        np.greater(a, 0, out=mask)
        np.multiply(delta, mask, out=delta)
    elif activation == "tanh":
        np.multiply(a, a, out=scratch)
        np.subtract(1, scratch, out=scratch)
        delta *= scratch
    elif activation == "logistic":
        delta *= a
        np.subtract(1, a, out=scratch)
        delta *= scratch


def backward(ws, out, y_onehot, sample_weight, sw_sum, params, alpha, activation, tmp):
    """Gradient of the batch loss into ``params.grad``; ``tmp`` is a scratch vector of ``n_coef``.

    Notes: δᴸ = p − y (softmax/logistic with cross-entropy), δ⁽ⁱ⁻¹⁾ = (δ⁽ⁱ⁾ W⁽ⁱ⁾ᵀ) ⊙ f'(a⁽ⁱ⁾),
    ∂W⁽ⁱ⁾ = (a⁽ⁱ⁾ᵀ δ⁽ⁱ⁾ + α W⁽ⁱ⁾) / Σw, ∂b⁽ⁱ⁾ = Σ_rows δ⁽ⁱ⁾ / Σw.
    """
    last = len(params.coefs) - 1
    delta = ws.deltas[last]
    np.subtract(out, y_onehot, out=delta)
    if sample_weight is not None:
        delta *= sample_weight[:, None]
    for i in range(last, -1, -1):
        delta = ws.deltas[i]
        np.dot(ws.acts[i].T, delta, out=params.gcoefs[i])
        np.add.reduce(delta, axis=0, out=params.gintercepts[i])
        if i > 0:
            below = ws.deltas[i - 1]
            np.dot(delta, params.coefs[i].T, out=below)
            hidden_backward(below, ws.acts[i], activation, ws.scratch[i], ws.mask[i])
    if alpha != 0:
        nc = params.n_coef
        np.multiply(params.theta[:nc], alpha, out=tmp)
        params.grad[:nc] += tmp
    params.grad /= sw_sum


# --------------------------------------------------------------------------- optimizers
def _const(value, dtype):
    """A 0-d array holding a constant in the parameters' dtype.

    Same rounding as a Python float (NumPy casts a Python scalar to the array's dtype), but the ufunc
    skips scalar type resolution, which is measurable when the arrays are small; and float32 stays float32.
    """
    return np.array(value, dtype=dtype)


class SGDState:
    """sklearn's SGD with (Nesterov) momentum and its three learning-rate schedules, in place.

    Notes: v ← μv − ηg;  θ ← θ + v, or with Nesterov θ ← θ + μv − ηg.
    """

    def __init__(self, size, dtype, learning_rate_init, schedule, momentum, nesterov, power_t):
        self.learning_rate_init = learning_rate_init
        self.learning_rate = float(learning_rate_init)
        self.schedule, self.momentum, self.nesterov, self.power_t = schedule, momentum, nesterov, power_t
        self.size = size
        self.velocity = np.zeros(size, dtype=dtype)
        self._g = np.empty(size, dtype=dtype)
        self._u = np.empty(size, dtype=dtype)
        self._mu, self._lr = _const(momentum, dtype), _const(0.0, dtype)

    def step(self, theta, grad):
        v, g = self.velocity, self._g
        self._lr[...] = self.learning_rate
        v *= self._mu
        np.multiply(grad, self._lr, out=g)
        v -= g
        if self.nesterov:
            np.multiply(v, self._mu, out=self._u)
            self._u -= g
            theta += self._u
        else:
            theta += v

    def iteration_ends(self, time_step):
        if self.schedule == "invscaling":
            self.learning_rate = float(self.learning_rate_init) / (time_step + 1) ** self.power_t

    def trigger_stopping(self):
        """True to stop; with the adaptive schedule, first divide the rate by 5 until it is ≤ 1e-6."""
        if self.schedule != "adaptive" or self.learning_rate <= 1e-6:
            return True
        self.learning_rate /= 5.0
        return False


class AdamState:
    """sklearn's Adam (Kingma & Ba 2015), in place on the flat parameter vector.

    Notes: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², η_t = η √(1−β₂ᵗ)/(1−β₁ᵗ), θ ← θ − η_t m/(√v + ε).
    """

    def __init__(self, size, dtype, learning_rate_init, beta_1, beta_2, epsilon):
        self.learning_rate_init = learning_rate_init
        self.learning_rate = float(learning_rate_init)
        self.beta_1, self.beta_2, self.epsilon = beta_1, beta_2, epsilon
        self.t = 0
        self.size = size
        self.m = np.zeros(size, dtype=dtype)
        self.v = np.zeros(size, dtype=dtype)
        self._a = np.empty(size, dtype=dtype)
        self._b = np.empty(size, dtype=dtype)
        self._c = {name: _const(value, dtype) for name, value in
                   (("b1", beta_1), ("1-b1", 1 - beta_1), ("b2", beta_2), ("1-b2", 1 - beta_2), ("eps", epsilon),
                    ("-lr", 0.0))}

    def step(self, theta, grad):
        b1, b2, c = self.beta_1, self.beta_2, self._c
        a, b = self._a, self._b
        self.t += 1
        self.m *= c["b1"]
        np.multiply(grad, c["1-b1"], out=a)
        self.m += a
        np.multiply(grad, grad, out=a)
        a *= c["1-b2"]
        self.v *= c["b2"]
        self.v += a
        self.learning_rate = float(self.learning_rate_init * np.sqrt(1 - b2 ** self.t) / (1 - b1 ** self.t))
        c["-lr"][...] = -self.learning_rate
        np.sqrt(self.v, out=a)
        a += c["eps"]
        np.multiply(self.m, c["-lr"], out=b)
        b /= a
        theta += b

    def iteration_ends(self, time_step):
        pass

    def trigger_stopping(self):
        return True
