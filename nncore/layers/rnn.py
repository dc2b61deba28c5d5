"""The plain (Elman) RNN: hₜ = tanh(W_ih xₜ + b_ih + W_hh hₜ₋₁ + b_hh), like ``torch.nn.RNN``.

Shapes and performance rules: see :mod:`nncore.layers.recurrent`.
"""
from __future__ import annotations

import numpy as np

from .recurrent import Recurrent, input_projection, weight_grads


def rnn_forward(x, w_ih, w_hh, b_ih, b_hh):
    """hₜ = tanh(W_ih xₜ + b_ih + W_hh hₜ₋₁ + b_hh).

    x: (T, D, N) feature-major.  Returns hs (T+1, H, N) with hs[0] = h₀ = 0.
    """
    T, _, N = x.shape
    H = w_hh.shape[1]
    hs = np.empty((T + 1, H, N), dtype=x.dtype)
    hs[0] = 0
    a = input_projection(w_ih, b_ih + b_hh, x)
    np.tanh(a[0], out=hs[1])
    for t in range(1, T):
        h = hs[t + 1]
        np.dot(w_hh, hs[t], out=h)
        h += a[t]
        np.tanh(h, out=h)
    return hs


def rnn_backward(dh, x, hs, w_ih, w_hh, seq):
    """Backprop through time for :func:`rnn_forward`.

    dh: (T, H, N) gradient from above for every step (``seq``) or, when only the last
    state was returned, an array whose entry T−1 holds it; it is overwritten in place
    and becomes ∂L/∂hₜ for every t.  Returns dx (T, D, N), dW_ih, dW_hh, db (one for both biases).
    Notes: aₜ = pre-activation; ∂L/∂aₜ = ∂L/∂hₜ ⊙ (1 − hₜ²); ∂L/∂hₜ₋₁ += W_hhᵀ · ∂L/∂aₜ.
    """
    T, _, N = x.shape
    H = w_hh.shape[1]
    da = 1 - hs[1:] * hs[1:]                  # tanh' for every step, then ∂L/∂a in place
    whh_t = np.ascontiguousarray(w_hh.T)      # C order: BLAS is faster than on a transposed view
    tmp = np.empty((H, N), dtype=x.dtype)
    for t in range(T - 1, -1, -1):
        da[t] *= dh[t]
        if t:
            if seq:
                np.dot(whh_t, da[t], out=tmp)
                dh[t - 1] += tmp
            else:
                np.dot(whh_t, da[t], out=dh[t - 1])
    dw_ih, dw_hh, db, dx = weight_grads(da, x, hs, w_ih)
    return dx, dw_ih, dw_hh, db


class RNN(Recurrent):
    """Elman RNN with tanh, like ``torch.nn.RNN(batch_first=True)``.

    Notes: hₜ = tanh(W_ih xₜ + b_ih + W_hh hₜ₋₁ + b_hh).
    """

    n_gates = 1

    def _forward(self, x):
        p = self.params
        return rnn_forward(x, p["weight_ih"], p["weight_hh"], p["bias_ih"], p["bias_hh"])

    def _backward(self, dh):
        p = self.params
        dx, dw_ih, dw_hh, db = rnn_backward(dh, self._x, self._hs, p["weight_ih"], p["weight_hh"],
                                            self.return_sequences)
        return dx, {"weight_ih": dw_ih, "weight_hh": dw_hh, "bias_ih": db, "bias_hh": db}
