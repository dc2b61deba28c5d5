"""LSTM (Hochreiter & Schmidhuber 1997, with a forget gate), PyTorch's gate order i, f, g, o.

Speed tricks (see ``recurrent.py`` for the general rules).  Inside the kernels the gates are
reordered to g, f, i, o and each step's block follows the previous cell state:
A[t] = [cₜ₋₁, g, 2f, 2i, 2o, tanh cₜ] (6, H, N).  Then one ``tanh`` covers all four
pre-activations, the sigmoid gates f, i, o are one contiguous block, and [2f, 2i] ⊙ [cₜ₋₁, g] is
one multiply.
Its result and 2hₜ are written into U[t+1] = [2f ⊙ cₜ₋₁, 2i ⊙ g, 2hₜ, xₜ₊₁, 1], whose tail
[2hₜ, xₜ₊₁, 1] is the next step's matmul input (input projection and bias included, see
:func:`recurrent.augmented_weight`); cₜ = [½, ½]·[2f ⊙ cₜ₋₁, 2i ⊙ g] is a (1, 2) matmul.
A training forward ends with backward's per-step factors (:func:`lstm_factors`), six H×N blocks
a step written over A itself by five whole-sequence ufuncs; a step of the backward loop is then
three multiplies and one add, in place on those factors (they become the gate gradients), and one
matmul.

Why 2σ and 2h: σ(a) = ½(1 + tanh(a/2)). The ½ inside is folded into the weights; the ½ outside
was a multiply over the three sigmoid gates every step (20 a batch in the benchmark). The
kernels keep 2σ = 1 + tanh(a/2) (one add) and let the powers of two ride along: W_hh's columns
are halved because U holds 2hₜ; ½·2f⊙cₜ₋₁ + ½·2i⊙g is the old f⊙cₜ₋₁ + i⊙g exactly; the
backward's factors and gate gradients come out 2, 4 or 8 times too large, which the backward
matmul's weight and the weight gradients take out again. A power of two only moves the exponent,
so every number is the one the unscaled formulas give, bit for bit (barring float32 subnormals,
below 10⁻³⁸); a test compares them. Step 0 multiplies only [W_ih, b] by [x₀; 1] (h₀ = 0: the
same numbers, 1/34 of the work). Measured (thread CPU, interleaved, loaded machine): forward
≈ 10 µs less a batch, of ≈ 360.

The weight gradients do change the rounding: :func:`weight_grads` leaves out step 0 (h₀ = 0) from
dW_hh and sums per-step products over the steps; see there.
"""
from __future__ import annotations

import functools

import numpy as np

from ..alloc import aligned_empty
from ..npfast import dot
from .recurrent import Recurrent, buffer

# internal block k holds PyTorch's gate PERM[k]: g, f, i, o  <-  i, f, g, o
PERM = np.array([2, 1, 0, 3])


@functools.lru_cache(maxsize=16)
def gate_rows(H):
    """Row indices that reorder a PyTorch-layout (4H, ...) array to the internal gate order
    (``np.take(a, gate_rows(H), axis=0)``); the permutation is its own inverse."""
    rows = (PERM[:, None] * H + np.arange(H)).ravel()
    rows.flags.writeable = False
    return rows


@functools.lru_cache(maxsize=16)
def _sigmoid_rows(H, dtype):
    """(4H, 1): ½ on the sigmoid gates' rows (internal order), 1 on g's — σ(a) = ½(1 + tanh(a/2))."""
    s = np.full((4 * H, 1), 0.5, dtype=dtype)
    s[:H] = 1
    s.flags.writeable = False
    return s


@functools.lru_cache(maxsize=8)
def _consts(dtype):
    """1, 2, ½ as 0-d arrays and [½, ½] (1, 2) of ``dtype``, made once: a Python float is converted on
    every ufunc call (+0.4 µs), a fresh ``np.array`` costs ≈ 0.3 µs."""
    out = tuple(np.array(v, dtype=dtype) for v in (1, 2, 0.5)) + (np.full((1, 2), 0.5, dtype=dtype),)
    for a in out:
        a.flags.writeable = False
    return out


@functools.lru_cache(maxsize=16)
def _weight_scale(H, D, dtype):
    """(4H, H+D+1): what :func:`gate_weight` multiplies [W_hh, W_ih, b] (internal row order) by —
    ½ on the sigmoid gates' rows (σ(a) = ½(1 + tanh(a/2))) times ½ on W_hh's columns (the forward
    keeps 2hₜ, not hₜ)."""
    s = np.ones((4 * H, H + D + 1), dtype=dtype)
    s *= _sigmoid_rows(H, dtype)
    s[:, :H] *= np.array(0.5, dtype=dtype)
    s.flags.writeable = False
    return s


@functools.lru_cache(maxsize=16)
def _gate_scale(H, dtype):
    """(4H, 1), internal order: 1 / the power of two by which the backward's gate gradients are too
    large (g 4, f 8, i 8, o 4; see :func:`lstm_factors`)."""
    s = np.full((4 * H, 1), 0.125, dtype=dtype)
    s[:H] = s[3 * H:] = 0.25
    s.flags.writeable = False
    return s


@functools.lru_cache(maxsize=16)
def _grad_scales(H, dtype):
    """(4H, 1) each, PyTorch's row order: what the weight gradients from :func:`weight_grads` are
    multiplied by — dW_hh's also halved (U holds 2hₜ), [dW_ih, db]'s not."""
    xb = np.take(_gate_scale(H, dtype), gate_rows(H), axis=0)
    hh = xb * np.array(0.5, dtype=dtype)
    xb.flags.writeable = hh.flags.writeable = False
    return hh, xb


def gate_weight(w_ih, w_hh, b_ih, b_hh, arena):
    """What the forward matmul multiplies [2hₜ; xₜ; 1] by: [W_hh, W_ih, b_ih + b_hh] (4H, H+D+1) with
    its rows in the internal gate order, the sigmoid gates' rows halved (σ(a) = ½(1 + tanh(a/2))) and
    W_hh's columns halved (U holds 2hₜ).

    The very numbers of ``np.take(augmented_weight(w_hh, w_ih, b_ih + b_hh), gate_rows(H), axis=0) *
    _weight_scale(H, D, dtype)`` (copies, the same sum, ×1 is no change), written into the arena's
    buffers: no fresh arrays."""
    G, H = w_hh.shape
    D = w_ih.shape[1]
    dt = w_hh.dtype
    aug = buffer(arena, "w_aug", (G, H + D + 1), dt)
    aug[:, :H] = w_hh
    aug[:, H:H + D] = w_ih
    np.add(b_ih, b_hh, out=aug[:, -1])
    w = buffer(arena, "w", (G, H + D + 1), dt)
    aug.take(gate_rows(H), axis=0, out=w, mode="clip")  # indices all valid: "clip" skips a buffer; the
                                                        # method, not np.take: ≈ 0.8 µs less
    w *= _weight_scale(H, D, dt)
    return w


def _forward_views(arena, w, w0, U, A):
    """Per step, the views the forward loop works on, made once per arena (views cost
    ≈ 0.1 µs each, a dozen a step). Step 0 multiplies only [W_ih, b] (``w0``) by [x₀; 1]: h₀ = 0."""
    cached = arena.get("forward_views")
    if cached is not None:
        key = cached[0]
        if key[0] is w and key[1] is w0 and key[2] is U and key[3] is A:
            return cached[1]
    T1, _, H, N = A.shape
    T = T1 - 1
    U3 = U[:, :3 * H].reshape(T + 1, 3, H, N)
    views = [(w0 if t == 0 else w, U[t, 3 * H if t == 0 else 2 * H:], A[t, 1:5].reshape(4 * H, N), A[t, 1:5],
              A[t, 2:5], A[t, 2:4], A[t, 0:2], U3[t + 1, :2], U3[t + 1, :2].reshape(2, H * N),
              A[t + 1, 0].reshape(1, H * N), A[t + 1, 0], A[t, 5], A[t, 4], U3[t + 1, 2])
             for t in range(T)]
    arena["forward_views"] = ((w, w0, U, A), views)
    return views


def forward_buffers(arena, T, H, D, N, dtype):
    """U (T+1, 3H+D+1, N) and A (T+1, 6, H, N) from the arena, and K = A[:T] (one view, made once:
    the backward's views are cached on its identity). The parts no step writes are set when they are
    allocated: h₀ = 0 (U[0, 2H:3H]) and the bias row of ones (U[:, 3H+D]); c₋₁ = 0 (A[0, 0]) is set
    by every forward, since the factors overwrite it."""
    U = arena.get("U")
    if U is None or U.shape != (T + 1, 3 * H + D + 1, N) or U.dtype != dtype:
        U = arena["U"] = aligned_empty((T + 1, 3 * H + D + 1, N), dtype)
        U[0, 2 * H:3 * H] = 0
        U[:, 3 * H + D] = 1
    A = arena.get("A")
    if A is None or A.shape != (T + 1, 6, H, N) or A.dtype != dtype:
        A = arena["A"] = aligned_empty((T + 1, 6, H, N), dtype)
        arena["K"] = A[:T]
    return U, A, arena["K"]


def lstm_factors(U3, A):
    """Overwrite A (L, 6, H, N) = [cₜ₋₁, g, 2f, 2i, 2o, tanh cₜ] for L steps with what backward
    multiplies by, K = [f, 2k_g, 4k_f, 4k_i, 4k_o, 2q], in five whole-sequence ufuncs.

    U3 (L, 3, H, N) = the steps' [2f ⊙ cₜ₋₁, 2i ⊙ g, 2hₜ] (U[t+1, :3H]).  The first four factors
    multiply dc, the last two dh:  k_f = cₜ₋₁ f(1−f),  k_i = g i(1−i),  k_o = tanh c o(1−o)
    (4× = [2f ⊙ cₜ₋₁, 2i ⊙ g, 2hₜ] ⊙ (2 − [2f, 2i, 2o])),  q = o(1 − tanh²c) (2× = 2o − 2h tanh c),
    k_g = i(1 − g²) (2× = 2i − (2i ⊙ g) g).  Backward's dc then comes out 2× too large, its gate
    gradients g 4×, f 8×, i 8×, o 4× (:func:`_gate_scale`); all exact powers of two.

    In place, every block read before it is written: k_g and q where g and tanh c were (one multiply
    and one subtract for both, [2i, 2o] − [2i ⊙ g, 2h] ⊙ [g, tanh c], on views two blocks apart), f
    where cₜ₋₁ was (backward does not need it), the k's where 2f, 2i, 2o were. Against a separate
    (L, 6, H, N) array and seven ufuncs: the same numbers (the same operations on each number), ≈ 1 MB
    less to stream through the cache on the LSTM benchmark, forward ≈ 3–7 % faster.
    """
    _, two, half, _ = _consts(A.dtype)
    gq = A[:, 1::4]                                                 # [g, tanh c] → [2 k_g, 2q]
    np.multiply(U3[:, 1:3], gq, out=gq)
    np.subtract(A[:, 3:5], gq, out=gq)
    np.multiply(A[:, 2], half, out=A[:, 0])                         # f
    k3 = A[:, 2:5]
    np.subtract(two, k3, out=k3)                                    # 2 − 2σ
    k3 *= U3                                                        # 4 k_f, 4 k_i, 4 k_o


def lstm_forward(x, w_ih, w_hh, b_ih, b_hh, arena=None, training=True):
    """One layer over a whole sequence, weights in PyTorch's layout.

    x: (T, D, N).  Returns U (T+1, 3H+D+1, N), with 2hₜ in U[t, 2H:3H] (h₀ = 0) and the products
    [2f ⊙ cₜ₋₁, 2i ⊙ g] in U[t+1, :2H] (cₜ is their mean, see ``LSTM.cell_states``);
    A (T+1, 6, H, N) = [cₜ₋₁, g, 2f, 2i, 2o, tanh cₜ] after the nonlinearities (A[T, 0] = c_T); and
    K: when ``training``, A[:T] overwritten with the factors backward needs (see
    :func:`lstm_factors`), else None.  ``arena``: a dict of buffers from the previous
    call to reuse (the results live in it until the next call with the same arena).

    Notes: i, f, o = σ(·), g = tanh(W_ih xₜ + b_ih + W_hh hₜ₋₁ + b_hh);
    cₜ = f ⊙ cₜ₋₁ + i ⊙ g;  hₜ = o ⊙ tanh cₜ.
    """
    arena = {} if arena is None else arena
    T, D, N = x.shape
    H = w_hh.shape[1]
    dt = x.dtype
    w = gate_weight(w_ih, w_hh, b_ih, b_hh, arena)
    w0 = buffer(arena, "w0", (w.shape[0], D + 1), dt)    # step 0's weight [W_ih, b]: h₀ = 0 (a
    w0[...] = w[:, H:]                                   # contiguous copy: BLAS is 1.5 µs faster on it)
    U, A, K = forward_buffers(arena, T, H, D, N, dt)
    A[0, 0] = 0                         # c₋₁ (the last training pass's factors overwrote it)
    if x.base is None or x.base is not U.base:  # the layer writes its input straight into U (_input_buffer)
        U[:T, 3 * H:3 * H + D] = x
    tanh, multiply, add = np.tanh, np.multiply, np.add
    one, _, _, halves = _consts(dt)
    for w_t, u, gates2, gates, sig, fi, cg, prod, prod2, c2, c, tc, o, h in _forward_views(arena, w, w0, U, A):
        dot(w_t, u, gates2)
        tanh(gates, gates)
        add(sig, one, sig)              # 2σ = 1 + tanh(a/2)
        multiply(fi, cg, prod)          # [2f ⊙ cₜ₋₁, 2i ⊙ g]
        dot(halves, prod2, c2)          # cₜ = ½·2f ⊙ cₜ₋₁ + ½·2i ⊙ g
        tanh(c, tc)
        multiply(o, tc, h)              # 2hₜ = 2o ⊙ tanh cₜ
    if not training:
        return U, A, None
    lstm_factors(U[1:, :3 * H].reshape(T, 3, H, N), K)    # backward's factors for all steps at once, in
    return U, A, K                                         # place: measured faster than step by step


def _backward_views(arena, dh, K):
    """Per step, from the last, the views the backward loop works on, made once per arena.

    The loop overwrites the factors K (T, 6, H, N) with what they multiply: K[t] becomes
    [dcₜ₋₁, ∂a_g, ∂a_f, ∂a_i, ∂a_o, dc] (K[:, 1:5] the four gates, in the internal order), so a
    step reads and writes the same memory and no second (T, 6, H, N) array is needed."""
    cached = arena.get("backward_views")
    if cached is not None and cached[0][0] is dh and cached[0][1] is K:
        return cached[1]
    T, H, N = dh.shape
    steps = [(dh[t], K[t, 4], K[t, 5], K[t + 1, 0] if t < T - 1 else None, K[t, :4],
              K[t, 1:5].reshape(4 * H, N), dh[t - 1] if t else None) for t in range(T - 1, -1, -1)]
    arena["backward_views"] = ((dh, K), steps)
    return steps


def weight_grads(da, hx, H, w_ih, arena):
    """dW_hh, [dW_ih, db] and dx from the gate gradients, one step at a time inside two stacked matmuls.

    da: (T, 4H, N);  hx: (T, H+D+1, N), step t's [hₜ; xₜ; 1];  w_ih (4H, D) in the row order of
    ``da`` or None.  Returns dW_hh (4H, H), [dW_ih, db] (4H, D+1) and dx (T, D, N) or None.
    dW_hh = Σₜ ∂aₜ hₜᵀ over steps 1..T−1 (h₀ = 0 adds nothing), [dW_ih, db] = Σₜ ∂aₜ [xₜ; 1]ᵀ.

    Each step's product is one matmul of a stack (``np.matmul`` runs the loop over steps in C), then
    the T products are summed. Against one matmul over the steps side by side (``recurrent.augmented_grads``)
    this needs no transposing copy of the gate gradients (≈ 26–38 µs on the LSTM benchmark), and
    OpenBLAS multiplies each step's (4H × N)·(N × H) without packing (its small-matrix kernel): on the
    benchmark 92 µs against 112 for the one big matmul. The hₜ are copied sample-major first (≈ 15 µs):
    a stack of transposed views is ≈ 50 µs slower; so is [xₜ; 1] for D > 2. All in all ≈ 165 → 140 µs.
    The sums go in another order than in one matmul (step by step, each step's own sum over the
    batch), so the weight gradients differ from it in the last bits; see ``recurrent.py``.
    """
    T, G, N = da.shape
    K = hx.shape[1]
    dt = da.dtype
    h_t = buffer(arena, "h_t", (T - 1, N, H), dt)          # steps 1..T−1, sample-major
    np.copyto(h_t, hx[1:, :H].transpose(0, 2, 1))
    per_hh = buffer(arena, "per_hh", (T - 1, G, H), dt)    # each step's ∂aₜ hₜᵀ
    per_xb = buffer(arena, "per_xb", (T, G, K - H), dt)
    np.matmul(da[1:], h_t, out=per_hh)
    xb_t = hx[:, H:].transpose(0, 2, 1)
    if K - H > 3:                                          # [xₜ; 1] copied sample-major, unless it has few
        xb_t = buffer(arena, "xb_t", (T, N, K - H), dt)    # rows: for D ≤ 2 the view gives the same numbers
        np.copyto(xb_t, hx[:, H:].transpose(0, 2, 1))      # without the copy (LSTM benchmark ≈ 180 → 167 µs)
    np.matmul(da, xb_t, out=per_xb)
    dx = None if w_ih is None else np.matmul(w_ih.T, da)   # (T, D, N)
    add = np.add.reduce                                    # = .sum(axis=0), without its Python wrapper
    return add(per_hh, axis=0), add(per_xb, axis=0), dx


def lstm_backward(dh, U, A, K, w_ih, w_hh, seq, arena=None, need_dx=True, out=None):
    """Backprop through time for :func:`lstm_forward`.

    dh: (T, H, N) as in :func:`rnn.rnn_backward` (becomes ∂L/∂hₜ in place); U, A, K from
    :func:`lstm_forward` (K None, a pass with ``training=False``: the factors are made here, in A).
    K is used up: it holds the gate gradients afterwards (see :func:`_backward_views`).
    Returns dx (T, D, N) (None without ``need_dx``), dW_ih, dW_hh, db in PyTorch's layout; with
    ``out`` (a dict of arrays named like the layer's parameters, e.g. its ``grads``) the weight
    gradients are written there and returned (``bias_hh`` gets a copy of db), saving the caller's copies.

    Notes: with dc the running ∂L/∂cₜ:  dc += dh ⊙ o ⊙ (1 − tanh²c);
    ∂a_o = dh ⊙ tanh c ⊙ o(1−o),  ∂a_i = dc ⊙ g ⊙ i(1−i),  ∂a_f = dc ⊙ cₜ₋₁ ⊙ f(1−f),
    ∂a_g = dc ⊙ i ⊙ (1−g²);  dcₜ₋₁ = dc ⊙ f;  dhₜ₋₁ += W_hhᵀ · ∂a.
    """
    arena = {} if arena is None else arena
    T, H, N = dh.shape
    if K is None:                       # a cache made with training=False
        K = A[:T]
        lstm_factors(U[1:, :3 * H].reshape(T, 3, H, N), K)
    steps = _backward_views(arena, dh, K)
    rows = gate_rows(H)
    scale = _gate_scale(H, dh.dtype)              # the gate gradients below are 1/scale too large
    w_hh_t = buffer(arena, "w_hh_t", (H, 4 * H), dh.dtype)      # (H, 4H), internal order, C-contiguous
    np.multiply(w_hh.take(rows, axis=0).T, scale.T, out=w_hh_t)  # a row gather: ≈ 2 µs faster than a column one
    gh = buffer(arena, "gh", (H, N), dh.dtype)
    multiply = np.multiply
    for dh_t, k_o, dc, dc_next, k_dc, da, dh_prev in steps:
        multiply(dh_t, k_o, k_o)            # k_o → ∂a_o   (two multiplies: cheaper than one that
        multiply(dh_t, dc, dc)              # q → dh ⊙ q    broadcasts dh over both blocks)
        if dc_next is not None:
            dc += dc_next                   # dc = dh ⊙ q + dcₜ₊₁ ⊙ fₜ₊₁
        multiply(dc, k_dc, k_dc)            # [f, k_g, k_f, k_i] → [dcₜ₋₁, ∂a_g, ∂a_f, ∂a_i]
        if dh_prev is not None:
            if seq:
                dot(w_hh_t, da, gh)
                dh_prev += gh
            else:
                dot(w_hh_t, da, dh_prev)
    dw_hh, dw_xb, dx = weight_grads(K[:, 1:5].reshape(T, 4 * H, N), U[:T, 2 * H:], H,
                                    w_ih.take(rows, axis=0) * scale if need_dx else None, arena)
    s_hh, s_xb = _grad_scales(H, dh.dtype)
    dw_xb = dw_xb.take(rows, axis=0)               # back to PyTorch's gate order, and to scale (powers
    if out is None:                                # of two: exact)
        dw_hh = dw_hh.take(rows, axis=0)
        dw_hh *= s_hh
        dw_xb *= s_xb
        return dx, dw_xb[:, :-1], dw_hh, dw_xb[:, -1]
    g_hh, g_ih, g_b = out["weight_hh"], out["weight_ih"], out["bias_ih"]
    dw_hh.take(rows, axis=0, out=g_hh, mode="clip")       # "clip": no buffer (the rows are all valid)
    g_hh *= s_hh
    np.multiply(dw_xb[:, :-1], s_xb, out=g_ih)
    np.multiply(dw_xb[:, -1], s_xb[:, 0], out=g_b)
    np.copyto(out["bias_hh"], g_b)
    return dx, g_ih, g_hh, g_b


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

    def _input_buffer(self, arena, T, D, N):
        U, _, _ = forward_buffers(arena, T, self.hidden_size, D, N, self.dtype)
        return U[:T, 3 * self.hidden_size:3 * self.hidden_size + D]

    def _forward(self, x, arena, training):
        p = self.params
        H = self.hidden_size
        self._cache = lstm_forward(x, p["weight_ih"], p["weight_hh"], p["bias_ih"], p["bias_hh"], arena, training)
        return self._cache[0][:, 2 * H:3 * H]

    def _backward(self, dh, arena, need_dx):
        p = self.params
        if self._cache is None:     # a second backward after one forward: the first used up the factors,
            self._forward(self._x, arena, True)     # so run the forward again (with the current weights)
        dx, _, _, _ = lstm_backward(dh, *self._cache, p["weight_ih"], p["weight_hh"], self.return_sequences, arena,
                                    need_dx, out=self.grads)     # the gradients straight into self.grads
        self._cache = None          # A (K) now holds gate gradients
        return dx, self.grads

    def _output(self, hs):
        out = np.array(hs, order="C")               # the kernels keep 2hₜ (see lstm_forward): a copy (always,
        out *= _consts(hs.dtype)[2]                  # also of a (1, H) view), then halved in place: ≈ 1 µs faster
                                                    # than one multiply across the two layouts
        return out

    def hidden_states(self):
        """(N, T, H): every hidden state of the last forward pass."""
        if self._hs is None:
            raise ValueError("run forward first")
        return self._output(self._hs[1:].transpose(2, 0, 1))

    def cell_states(self):
        """(N, T, H): the cell states of the last forward pass, cₜ = ½·(2f ⊙ cₜ₋₁ + 2i ⊙ g) from the
        products the forward keeps in U (A holds the backward's factors after a training pass). The
        forward's own numbers: halving is exact, so ½·fl(a + b) = fl(½a + ½b)."""
        if self._hs is None:
            raise ValueError("run forward first")
        H = self.hidden_size
        U = self._arena["U"]
        c = U[1:, :H] + U[1:, H:2 * H]
        c *= _consts(c.dtype)[2]
        return c.transpose(2, 0, 1)
