"""The plain (Elman) RNN: hₜ = tanh(W_ih xₜ + b_ih + W_hh hₜ₋₁ + b_hh), like ``torch.nn.RNN``.

Shapes and performance rules: see :mod:`nncore.layers.recurrent`.  A step is one matmul on
[hₜ; xₜ; 1] (input projection and bias included, :func:`recurrent.augmented_weight`) writing
straight into the next step's input, and one ``tanh`` in place.
"""
from __future__ import annotations

import numpy as np

from ..npfast import dot
from .recurrent import Recurrent, augmented_grads, augmented_weight, buffer


def rnn_forward(x, w_ih, w_hh, b_ih, b_hh, arena=None):
    """hₜ = tanh(W_ih xₜ + b_ih + W_hh hₜ₋₁ + b_hh).

    x: (T, D, N) feature-major.  Returns U (T+1, H+D+1, N) with U[t] = [hₜ; xₜ; 1] (h₀ = 0;
    the hidden states are U[:, :H]).  ``arena``: buffers to reuse, as in :func:`lstm.lstm_forward`.
    """
    arena = {} if arena is None else arena
    T, D, N = x.shape
    H = w_hh.shape[1]
    w = augmented_weight(w_hh, w_ih, b_ih + b_hh)
    U = buffer(arena, "U", (T + 1, H + D + 1, N), x.dtype)
    U[0, :H] = 0
    U[:T, H:H + D] = x
    U[:T, H + D] = 1
    tanh = np.tanh
    for u, h in _forward_views(arena, U, H):
        dot(w, u, h)
        tanh(h, h)
    return U


def _forward_views(arena, U, H):
    """Per step (U[t], U[t+1, :H]), made once per arena."""
    cached = arena.get("forward_views")
    if cached is not None and cached[0] is U:
        return cached[1]
    views = [(U[t], U[t + 1, :H]) for t in range(len(U) - 1)]
    arena["forward_views"] = (U, views)
    return views


def rnn_backward(dh, U, w_ih, w_hh, seq, arena=None, need_dx=True):
    """Backprop through time for :func:`rnn_forward`.

    dh: (T, H, N) gradient from above for every step (``seq``) or, when only the last
    state was returned, an array whose entry T−1 holds it; it is overwritten in place
    and becomes ∂L/∂hₜ for every t.  Returns dx (T, D, N) (None without ``need_dx``),
    dW_ih, dW_hh, db (one for both biases).
    Notes: aₜ = pre-activation; ∂L/∂aₜ = ∂L/∂hₜ ⊙ (1 − hₜ²); ∂L/∂hₜ₋₁ += W_hhᵀ · ∂L/∂aₜ.
    """
    arena = {} if arena is None else arena
    T, H, N = dh.shape
    hs = U[1:, :H]
    da = buffer(arena, "da", (T, H, N), dh.dtype)   # tanh' for every step, then ∂L/∂a in place
    np.multiply(hs, hs, out=da)
    np.subtract(1, da, out=da)
    whh_t = np.ascontiguousarray(w_hh.T)      # C order: BLAS is faster than on a transposed view
    tmp = buffer(arena, "gh", (H, N), dh.dtype)
    for t in range(T - 1, -1, -1):
        da[t] *= dh[t]
        if t:
            if seq:
                dot(whh_t, da[t], tmp)
                dh[t - 1] += tmp
            else:
                dot(whh_t, da[t], dh[t - 1])
    dw, dx = augmented_grads(da, U[:T], w_ih if need_dx else None, arena)
    return dx, dw[:, H:-1], dw[:, :H], dw[:, -1]


class RNN(Recurrent):
    """Elman RNN with tanh, like ``torch.nn.RNN(batch_first=True)``.

    Notes: hₜ = tanh(W_ih xₜ + b_ih + W_hh hₜ₋₁ + b_hh).
    """

    n_gates = 1

    def _forward(self, x, arena, training):
        p = self.params
        self._cache = rnn_forward(x, p["weight_ih"], p["weight_hh"], p["bias_ih"], p["bias_hh"], arena)
        return self._cache[:, :self.hidden_size]

    def _backward(self, dh, arena, need_dx):
        p = self.params
        dx, dw_ih, dw_hh, db = rnn_backward(dh, self._cache, p["weight_ih"], p["weight_hh"],
                                            self.return_sequences, arena, need_dx)
        return dx, {"weight_ih": dw_ih, "weight_hh": dw_hh, "bias_ih": db, "bias_hh": db}
