"""GRU (Cho et al. 2014) exactly as PyTorch computes it, gate order r, z, n.

Speed tricks (see ``recurrent.py`` for the general rules): σ(a) = ½(1 + tanh(a/2))
with the ½ folded into the r and z rows of the weights; in backward, every factor
that depends only on forward values is stacked into one (T, 5, H, N) array, so a
time step is one broadcast multiply, one matmul and one add.
"""
from __future__ import annotations

import numpy as np

from .recurrent import Recurrent, input_projection, stack_time, weight_grads


def gru_forward(x, w_ih, w_hh, b_ih, b_hh):
    """One layer over a whole sequence.

    x: (T, D, N).  Returns hs (T+1, H, N) with hs[0] = 0 and the cache
    (acts (T, 3, H, N) = r, z, n after their nonlinearities; hn (T, H, N) = W_hn hₜ₋₁ + b_hn).

    Notes: r, z = σ(W_i· xₜ + b_i· + W_h· hₜ₋₁ + b_h·);
    n = tanh(W_in xₜ + b_in + r ⊙ (W_hn hₜ₋₁ + b_hn));  hₜ = (1 − z) ⊙ n + z ⊙ hₜ₋₁.
    """
    T, _, N = x.shape
    H = w_hh.shape[1]
    dt = x.dtype
    s = np.ones((3 * H, 1), dtype=dt)
    s[:2 * H] = 0.5
    bias = b_ih.copy()
    bias[:2 * H] += b_hh[:2 * H]
    acts = input_projection(w_ih * s, bias * s[:, 0], x).reshape(T, 3, H, N)
    b_hn = b_hh[2 * H:, None]
    w_hh_s = w_hh * s
    hs = np.empty((T + 1, H, N), dtype=dt)
    hs[0] = 0
    hn = np.empty((T, H, N), dtype=dt)
    gh = np.empty((3, H, N), dtype=dt)
    gh2 = gh.reshape(3 * H, N)
    rh = np.empty((H, N), dtype=dt)
    for t in range(T):
        rz, n = acts[t, :2], acts[t, 2]
        if t:
            np.dot(w_hh_s, hs[t], out=gh2)
            rz += gh[:2]
            np.add(gh[2], b_hn, out=hn[t])
        else:
            hn[t] = b_hn
        np.tanh(rz, out=rz)
        rz *= 0.5
        rz += 0.5
        np.multiply(rz[0], hn[t], out=rh)
        n += rh
        np.tanh(n, out=n)
        h = hs[t + 1]
        np.subtract(hs[t], n, out=h)
        h *= rz[1]
        h += n
    return hs, (acts, hn)


def gru_backward(dh, x, hs, cache, w_ih, w_hh, seq):
    """Backprop through time for :func:`gru_forward`.

    dh: (T, H, N) as in :func:`rnn.rnn_backward` (becomes ∂L/∂hₜ in place).
    Returns dx (T, D, N), dW_ih, dW_hh, db_ih, db_hh.

    Notes: ∂a_n = dh ⊙ (1−z) ⊙ (1−n²);  ∂a_r = ∂a_n ⊙ (W_hn h + b_hn) ⊙ r(1−r);
    ∂a_z = dh ⊙ (hₜ₋₁ − n) ⊙ z(1−z);  dhₜ₋₁ = dh ⊙ z + W_hhᵀ · [∂a_r, ∂a_z, ∂a_n ⊙ r].
    """
    T, _, N = x.shape
    H = w_hh.shape[1]
    acts, hn = cache
    r, z, n = acts[:, 0], acts[:, 1], acts[:, 2]
    # k[t, j] turns dh into: 0 ∂a_r, 1 ∂a_z, 2 ∂(W_hn h + b_hn), 3 ∂a_n, 4 the direct path dh ⊙ z.
    k = np.empty((T, 5, H, N), dtype=x.dtype)
    dn = k[:, 3]
    np.multiply(1 - z, 1 - n * n, out=dn)
    k[:, 0] = dn * hn * r * (1 - r)
    k[:, 1] = (hs[:T] - n) * z * (1 - z)
    k[:, 2] = dn * r
    k[:, 4] = z
    d = np.empty_like(k)
    w_hh_t = np.ascontiguousarray(w_hh.T)
    gh = np.empty((H, N), dtype=x.dtype)
    for t in range(T - 1, -1, -1):
        np.multiply(dh[t], k[t], out=d[t])
        if t:
            dhp = d[t, :3].reshape(3 * H, N)
            if seq:
                np.dot(w_hh_t, dhp, out=gh)
                dh[t - 1] += gh
            else:
                np.dot(w_hh_t, dhp, out=dh[t - 1])
            dh[t - 1] += d[t, 4]
    dhp = d[:, :3].reshape(T, 3 * H, N)            # ∂ of W_hh h + b_hh, all steps
    dxp = d[:, [0, 1, 3]].reshape(T, 3 * H, N)     # ∂ of W_ih x + b_ih
    dw_ih, _, db_ih, dx = weight_grads(dxp, x, None, w_ih)
    dhp2 = stack_time(dhp)
    dw_hh = dhp2[:, N:] @ stack_time(hs[1:T]).T
    return dx, dw_ih, dw_hh, db_ih, dhp2.sum(axis=1)


class GRU(Recurrent):
    """Gated recurrent unit, like ``torch.nn.GRU(batch_first=True)`` (one layer).

    Gates in PyTorch's order r (reset), z (update), n (new) stacked along the rows of
    ``weight_ih`` (3H, D) and ``weight_hh`` (3H, H); the reset gate multiplies
    W_hn h + b_hn, as in PyTorch (not h before the matmul, as in some papers).
    """

    n_gates = 3

    def _forward(self, x):
        p = self.params
        hs, self._cache = gru_forward(x, p["weight_ih"], p["weight_hh"], p["bias_ih"], p["bias_hh"])
        return hs

    def _backward(self, dh):
        p = self.params
        dx, dw_ih, dw_hh, db_ih, db_hh = gru_backward(dh, self._x, self._hs, self._cache, p["weight_ih"],
                                                      p["weight_hh"], self.return_sequences)
        return dx, {"weight_ih": dw_ih, "weight_hh": dw_hh, "bias_ih": db_ih, "bias_hh": db_hh}
