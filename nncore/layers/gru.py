"""GRU (Cho et al. 2014) exactly as PyTorch computes it, gate order r, z, n.

Speed tricks (see ``recurrent.py`` for the general rules): σ(a) = ½(1 + tanh(a/2)) with the
½ folded into the r and z rows of the weights.  A step is one matmul of a (4H, H+D+1) weight
with [hₜ; xₜ; 1] (see :func:`recurrent.augmented_weight`) giving [a_r, a_z, W_hn h + b_hn,
W_in x + b_in] — input projection and biases included; n's two halves stay apart because the
reset gate multiplies only the first.  In backward, every factor that depends only on forward
values is stacked into one (T, 5, H, N) array, so a time step is one broadcast multiply, one
matmul and one add, and all four weight gradients come from one matmul over the stacked steps.
"""
from __future__ import annotations

import numpy as np

from ..npfast import dot
from .recurrent import Recurrent, augmented_grads, buffer


def gru_weight(w_ih, w_hh, b_ih, b_hh):
    """The (4H, H+D+1) step weight: rows [r, z] = ½[W_h·, W_i·, b_i· + b_h·] (the ½ of σ(a) =
    ½(1 + tanh(a/2))), then [W_hn, 0, b_hn] and [0, W_in, b_in]."""
    H, D = w_hh.shape[1], w_ih.shape[1]
    w = np.zeros((4 * H, H + D + 1), dtype=w_hh.dtype)
    w[:2 * H, :H] = w_hh[:2 * H]
    w[:2 * H, H:H + D] = w_ih[:2 * H]
    w[:2 * H, -1] = b_ih[:2 * H] + b_hh[:2 * H]
    w[:2 * H] *= 0.5
    w[2 * H:3 * H, :H] = w_hh[2 * H:]
    w[2 * H:3 * H, -1] = b_hh[2 * H:]
    w[3 * H:, H:H + D] = w_ih[2 * H:]
    w[3 * H:, -1] = b_ih[2 * H:]
    return w


def gru_forward(x, w_ih, w_hh, b_ih, b_hh, arena=None):
    """One layer over a whole sequence.

    x: (T, D, N).  Returns U (T+1, H+D+1, N) with U[t] = [hₜ; xₜ; 1] (h₀ = 0; the hidden
    states are U[:, :H]) and G (T, 4, H, N) = r, z, W_hn hₜ₋₁ + b_hn, n.  ``arena``: buffers to
    reuse, as in :func:`lstm.lstm_forward`.

    Notes: r, z = σ(W_i· xₜ + b_i· + W_h· hₜ₋₁ + b_h·);
    n = tanh(W_in xₜ + b_in + r ⊙ (W_hn hₜ₋₁ + b_hn));  hₜ = (1 − z) ⊙ n + z ⊙ hₜ₋₁.
    """
    arena = {} if arena is None else arena
    T, D, N = x.shape
    H = w_hh.shape[1]
    w = gru_weight(w_ih, w_hh, b_ih, b_hh)
    U = buffer(arena, "U", (T + 1, H + D + 1, N), x.dtype)
    U[0, :H] = 0
    U[:T, H:H + D] = x
    U[:T, H + D] = 1
    G = buffer(arena, "G", (T, 4, H, N), x.dtype)
    rh = buffer(arena, "rh", (H, N), x.dtype)
    tanh, multiply, add, subtract = np.tanh, np.multiply, np.add, np.subtract
    half = np.array(0.5, dtype=x.dtype)     # 0-d: a Python float is converted on every call
    for u, g2, rz, r, z, hn, n, h_prev, h in _forward_views(arena, U, G):
        dot(w, u, g2)
        tanh(rz, rz)
        multiply(rz, half, rz)
        add(rz, half, rz)
        multiply(r, hn, rh)
        n += rh
        tanh(n, n)
        subtract(h_prev, n, h)
        h *= z
        h += n
    return U, G


def _forward_views(arena, U, G):
    """Per step, the views the forward loop works on, made once per arena."""
    cached = arena.get("forward_views")
    if cached is not None and cached[0] is U and cached[1] is G:
        return cached[2]
    T, _, H, N = G.shape
    views = [(U[t], G[t].reshape(4 * H, N), G[t, :2], G[t, 0], G[t, 1], G[t, 2], G[t, 3], U[t, :H], U[t + 1, :H])
             for t in range(T)]
    arena["forward_views"] = (U, G, views)
    return views


def gru_backward(dh, U, G, w_ih, w_hh, seq, arena=None, need_dx=True):
    """Backprop through time for :func:`gru_forward`.

    dh: (T, H, N) as in :func:`rnn.rnn_backward` (becomes ∂L/∂hₜ in place).
    Returns dx (T, D, N) (None without ``need_dx``), dW_ih, dW_hh, db_ih, db_hh.

    Notes: ∂a_n = dh ⊙ (1−z) ⊙ (1−n²);  ∂a_r = ∂a_n ⊙ (W_hn h + b_hn) ⊙ r(1−r);
    ∂a_z = dh ⊙ (hₜ₋₁ − n) ⊙ z(1−z);  dhₜ₋₁ = dh ⊙ z + W_hhᵀ · [∂a_r, ∂a_z, ∂a_n ⊙ r].
    """
    arena = {} if arena is None else arena
    T, H, N = dh.shape
    D = U.shape[1] - H - 1
    dt = dh.dtype
    r, z, hn, n = G[:, 0], G[:, 1], G[:, 2], G[:, 3]
    # k[t, j] turns dh into: 0 ∂a_r, 1 ∂a_z, 2 ∂(W_hn h + b_hn), 3 ∂a_n, 4 the direct path dh ⊙ z.
    k = buffer(arena, "k", (T, 5, H, N), dt)
    t1, t2 = buffer(arena, "t1", (T, H, N), dt), buffer(arena, "t2", (T, H, N), dt)
    dn = k[:, 3]
    np.multiply(n, n, out=t1)
    np.subtract(1, t1, out=t1)                 # 1 − n²
    np.subtract(1, z, out=t2)                  # 1 − z
    np.multiply(t1, t2, out=dn)
    t2 *= z                                    # z(1 − z)
    np.subtract(U[:T, :H], n, out=t1)
    np.multiply(t1, t2, out=k[:, 1])           # (hₜ₋₁ − n) z(1 − z)
    np.multiply(dn, r, out=k[:, 2])
    np.subtract(1, r, out=t1)
    t1 *= k[:, 2]                              # dn ⊙ r(1 − r)
    np.multiply(t1, hn, out=k[:, 0])
    k[:, 4] = z
    d = buffer(arena, "d", (T, 5, H, N), dt)
    w_hh_t = np.ascontiguousarray(w_hh.T)
    gh = buffer(arena, "gh", (H, N), dt)
    for t in range(T - 1, -1, -1):
        np.multiply(dh[t], k[t], out=d[t])
        if t:
            dhp = d[t, :3].reshape(3 * H, N)
            if seq:
                dot(w_hh_t, dhp, gh)
                dh[t - 1] += gh
            else:
                dot(w_hh_t, dhp, dh[t - 1])
            dh[t - 1] += d[t, 4]
    # one matmul: rows [∂a_r, ∂a_z, ∂hn, ∂a_n] against [hₜ; xₜ; 1]
    w_ext = None
    if need_dx:                                # dxₜ = W_ihᵀ [∂a_r, ∂a_z, ∂a_n]: rows of ∂hn get zeros
        w_ext = np.zeros((4 * H, D), dtype=dt)
        w_ext[:2 * H], w_ext[3 * H:] = w_ih[:2 * H], w_ih[2 * H:]
    dw, dx = augmented_grads(d[:, :4].reshape(T, 4 * H, N), U[:T], w_ext, arena)
    dw_hh, db_hh = dw[:3 * H, :H], dw[:3 * H, -1]
    rows_ih = np.r_[0:2 * H, 3 * H:4 * H]
    dw_ih, db_ih = dw[rows_ih, H:H + D], dw[rows_ih, -1]
    return dx, dw_ih, dw_hh, db_ih, db_hh


class GRU(Recurrent):
    """Gated recurrent unit, like ``torch.nn.GRU(batch_first=True)`` (one layer).

    Gates in PyTorch's order r (reset), z (update), n (new) stacked along the rows of
    ``weight_ih`` (3H, D) and ``weight_hh`` (3H, H); the reset gate multiplies
    W_hn h + b_hn, as in PyTorch (not h before the matmul, as in some papers).
    """

    n_gates = 3

    def _forward(self, x, arena, training):
        p = self.params
        self._cache = gru_forward(x, p["weight_ih"], p["weight_hh"], p["bias_ih"], p["bias_hh"], arena)
        return self._cache[0][:, :self.hidden_size]

    def _backward(self, dh, arena, need_dx):
        p = self.params
        dx, dw_ih, dw_hh, db_ih, db_hh = gru_backward(dh, *self._cache, p["weight_ih"], p["weight_hh"],
                                                      self.return_sequences, arena, need_dx)
        return dx, {"weight_ih": dw_ih, "weight_hh": dw_hh, "bias_ih": db_ih, "bias_hh": db_hh}
