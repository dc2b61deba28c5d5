"""LSTM (Hochreiter & Schmidhuber 1997, with a forget gate), PyTorch's gate order i, f, g, o.

Speed tricks (see ``recurrent.py`` for the general rules).  Inside the kernels the
gates are reordered to o, i, f, g and each step's block is followed by the previous
cell state: z[t] = [o, i, f, g, cₜ₋₁] (5, H, N).  Then one ``tanh`` covers all four
pre-activations, the sigmoid gates o, i, f are one contiguous block
(σ(a) = ½(1 + tanh(a/2)) with the ½ folded into the weights), and [i, f] ⊙ [g, cₜ₋₁]
is one multiply.  Backward stacks every forward-only factor so that a step is three
broadcast multiplies and one matmul.
"""
from __future__ import annotations

import numpy as np

from .recurrent import Recurrent, input_projection, weight_grads

# internal block k holds PyTorch's gate PERM[k]: o, i, f, g  <-  i, f, g, o
PERM = np.array([3, 0, 1, 2])


def to_internal(a, H):
    """Reorder the gate blocks (rows) of a PyTorch-layout array (4H, ...) to o, i, f, g."""
    return a.reshape(4, H, *a.shape[1:])[PERM].reshape(a.shape)


def to_torch(a, H):
    """Inverse of :func:`to_internal`."""
    out = np.empty_like(a)
    out.reshape(4, H, *a.shape[1:])[PERM] = a.reshape(4, H, *a.shape[1:])
    return out


def lstm_forward(x, w_ih, w_hh, b_ih, b_hh):
    """One layer over a whole sequence, weights in PyTorch's layout.

    x: (T, D, N).  Returns hs (T+1, H, N) with hs[0] = 0 and the cache
    (z (T+1, 5, H, N) = o, i, f, g after their nonlinearities and cₜ₋₁; tcs (T, H, N) = tanh cₜ).

    Notes: i, f, o = σ(·), g = tanh(W_ih xₜ + b_ih + W_hh hₜ₋₁ + b_hh);
    cₜ = f ⊙ cₜ₋₁ + i ⊙ g;  hₜ = o ⊙ tanh cₜ.
    """
    T, _, N = x.shape
    H = w_hh.shape[1]
    dt = x.dtype
    s = np.full((4 * H, 1), 0.5, dtype=dt)    # ½ on the sigmoid gates' rows (internal order)
    s[3 * H:] = 1
    w_hh_s = to_internal(w_hh, H) * s
    z = np.empty((T + 1, 5, H, N), dtype=dt)
    input_projection(to_internal(w_ih, H) * s, to_internal(b_ih + b_hh, H) * s[:, 0], x,
                     out=z[:T, :4].reshape(T, 4 * H, N))
    z[0, 4] = 0
    hs = np.empty((T + 1, H, N), dtype=dt)
    hs[0] = 0
    tcs = np.empty((T, H, N), dtype=dt)
    gh = np.empty((4, H, N), dtype=dt)
    prod = np.empty((2, H, N), dtype=dt)
    gh2 = gh.reshape(4 * H, N)
    for t in range(T):
        zt = z[t]
        a, sig = zt[:4], zt[:3]
        if t:
            np.dot(w_hh_s, hs[t], out=gh2)
            a += gh
        np.tanh(a, out=a)
        sig *= 0.5
        sig += 0.5
        np.multiply(zt[1:3], zt[3:5], out=prod)       # [i ⊙ g, f ⊙ cₜ₋₁]
        c = z[t + 1, 4]
        np.add(prod[0], prod[1], out=c)
        np.tanh(c, out=tcs[t])
        np.multiply(zt[0], tcs[t], out=hs[t + 1])
    return hs, (z, tcs)


def lstm_backward(dh, x, hs, cache, w_ih, w_hh, seq):
    """Backprop through time for :func:`lstm_forward`.

    dh: (T, H, N) as in :func:`rnn.rnn_backward` (becomes ∂L/∂hₜ in place).
    Returns dx (T, D, N), dW_ih, dW_hh, db in PyTorch's layout.

    Notes: with dc the running ∂L/∂cₜ:  dc += dh ⊙ o ⊙ (1 − tanh²c);
    ∂a_o = dh ⊙ tanh c ⊙ o(1−o),  ∂a_i = dc ⊙ g ⊙ i(1−i),  ∂a_f = dc ⊙ cₜ₋₁ ⊙ f(1−f),
    ∂a_g = dc ⊙ i ⊙ (1−g²);  dcₜ₋₁ = dc ⊙ f;  dhₜ₋₁ += W_hhᵀ · ∂a.
    """
    T, _, N = x.shape
    H = w_hh.shape[1]
    z, tcs = cache
    o, i, f, g = (z[:T, j] for j in range(4))
    # k[t] = [q, k_o | k_i, k_f, k_g, f]: the first two multiply dh, the last four dc.
    k = np.empty((T, 6, H, N), dtype=x.dtype)
    sd = 1 - z[:T, :3]                        # σ′ = s(1 − s) for o, i, f together
    sd *= z[:T, :3]
    np.multiply(tcs, sd[:, 0], out=k[:, 1])                    # tanh c ⊙ o(1−o)
    np.multiply(z[:T, 3:5], sd[:, 1:3], out=k[:, 2:4])         # [g ⊙ i(1−i), cₜ₋₁ ⊙ f(1−f)]
    tt = np.empty((T, 2, H, N), dtype=x.dtype)                 # tanh′ of c and of g
    np.multiply(tcs, tcs, out=tt[:, 0])
    np.multiply(g, g, out=tt[:, 1])
    np.subtract(1, tt, out=tt)
    np.multiply(o, tt[:, 0], out=k[:, 0])                      # ∂hₜ/∂cₜ = o ⊙ (1 − tanh²c)
    np.multiply(i, tt[:, 1], out=k[:, 4])                      # i ⊙ (1 − g²)
    k[:, 5] = f
    # d[t] = [dh ⊙ q → dc, ∂a_o, ∂a_i, ∂a_f, ∂a_g, dcₜ₋₁]; d[t, 1:5] are the four gates.
    d = np.empty_like(k)
    w_hh_t = np.ascontiguousarray(to_internal(w_hh, H).T)
    gh = np.empty((H, N), dtype=x.dtype)
    dc_next = None
    for t in range(T - 1, -1, -1):
        dt_ = d[t]
        np.multiply(dh[t], k[t, :2], out=dt_[:2])
        dc = dt_[0]
        if dc_next is not None:
            dc += dc_next
        np.multiply(dc, k[t, 2:], out=dt_[2:])
        dc_next = dt_[5]
        if t:
            da = dt_[1:5].reshape(4 * H, N)
            if seq:
                np.dot(w_hh_t, da, out=gh)
                dh[t - 1] += gh
            else:
                np.dot(w_hh_t, da, out=dh[t - 1])
    da = d[:, 1:5].reshape(T, 4 * H, N)
    dw_ih, dw_hh, db, dx = weight_grads(da, x, hs, to_internal(w_ih, H))
    return dx, to_torch(dw_ih, H), to_torch(dw_hh, H), to_torch(db, H)


class LSTM(Recurrent):
    """Long short-term memory, like ``torch.nn.LSTM(batch_first=True)`` (one layer).

    Gates in PyTorch's order i (input), f (forget), g (candidate), o (output) stacked
    along the rows of ``weight_ih`` (4H, D) and ``weight_hh`` (4H, H).
    ``forget_bias`` is added to the forget gate's part of ``bias_ih`` at initialisation
    (0 is PyTorch's default; 1 is Keras' ``unit_forget_bias`` and helps long memories,
    Jozefowicz, Zaremba & Sutskever 2015).
    ``cell_states()`` gives the cell states cₜ of the last forward pass.
    """

    n_gates = 4

    def __init__(self, input_size, hidden_size, return_sequences=False, forget_bias=0.0, dtype=np.float32,
                 rng=None):
        super().__init__(input_size, hidden_size, return_sequences=return_sequences, dtype=dtype, rng=rng)
        self.forget_bias = float(forget_bias)
        self.params["bias_ih"][hidden_size:2 * hidden_size] += self.dtype.type(self.forget_bias)

    def get_config(self):
        return {**super().get_config(), "forget_bias": self.forget_bias}

    def _forward(self, x):
        p = self.params
        hs, self._cache = lstm_forward(x, p["weight_ih"], p["weight_hh"], p["bias_ih"], p["bias_hh"])
        return hs

    def _backward(self, dh):
        p = self.params
        dx, dw_ih, dw_hh, db = lstm_backward(dh, self._x, self._hs, self._cache, p["weight_ih"],
                                             p["weight_hh"], self.return_sequences)
        return dx, {"weight_ih": dw_ih, "weight_hh": dw_hh, "bias_ih": db, "bias_hh": db}

    def cell_states(self):
        """(N, T, H): the cell states of the last forward pass."""
        if self._cache is None:
            raise ValueError("run forward first")
        return self._cache[0][1:, 4].transpose(2, 0, 1)
