"""Recurrent layers, batch-first like PyTorch with ``batch_first=True``.

Input (N, T, D) → every hidden state (N, T, H) with ``return_sequences=True``,
else the last one (N, H).  Parameters use PyTorch's names and shapes, so its
weights load directly: ``weight_ih`` (G·H, D), ``weight_hh`` (G·H, H),
``bias_ih`` and ``bias_hh`` (G·H,), with G = 1 (RNN), 4 (LSTM: i, f, g, o) or
3 (GRU: r, z, n).  The initial state is zero.

This module holds the shared shell (:class:`Recurrent`) and the kernels every cell uses; the
cells live in ``rnn.py``, ``lstm.py`` and ``gru.py``.

Performance rules for the kernels (here, ``rnn.py``, ``lstm.py`` and ``gru.py``):

- inside, arrays are time-major and feature-major, (T, features, N): one time step,
  and each gate within it, is a contiguous block — no strided slices on the hot path;
- a step's matmul is [W_hh, W_ih, b] · [hₜ; xₜ; 1] (:func:`augmented_weight`): the input
  projection and the biases ride along (D + 1 more columns), and the step writes hₜ₊₁
  straight into the next step's right-hand side;
- the only Python loop runs over time steps; each step is a handful of ufuncs writing into
  buffers (``out=``) plus one matmul; the per-step views are made once per arena;
- buffers live in a per-shape arena (:class:`Scratch`) reused from batch to batch, so no
  step of training asks the OS for fresh pages;
- everything that depends only on forward values (gate derivatives) is computed for all
  steps at once, outside the backward loop; those whole-sequence ufuncs run on views made of
  one block per step, so the kernels size NumPy's ufunc buffer to one block
  (:func:`block_buffers`; with the default size NumPy copies such views through its buffer);
- weight gradients are one matmul over the stacked (T·N) axis after the loop
  (:func:`augmented_grads`: dW_hh, dW_ih and the bias together); the LSTM's are a stack of
  per-step matmuls summed over the steps instead (lstm.weight_grads: no transposing copy, and
  OpenBLAS's small-matrix kernel);
- a speed-up keeps the numbers to the bit (same operations, same matmul shapes, or rescalings by
  powers of two), so a seeded training run gives exactly the same numbers; test it when you change
  a kernel. The one exception so far, taken on purpose (issue 21: LSTM ≤ 0.5× PyTorch): the
  LSTM's weight gradients (lstm.weight_grads) sum in another order: first they left out step 0
  and split dW_hh from [dW_ih, db], then each step's product became its own matmul, summed over
  the steps afterwards. Seeded LSTM runs then differ from earlier ones in the last bits and,
  through hundreds of Adam steps, visibly; their gradients are checked in float64 (finite
  differences, a plain BPTT at 1e-12, PyTorch) and the benchmark's accuracy did not drop.

Measured on ``benchmarks/rnn_vs_torch.py`` (T = 20, H = 32, batch 64, one thread), forward +
backward of one batch: RNN 472 → 233 µs, LSTM ≈ 1,600 → 1,000 µs, GRU 2,930 → 960 µs
(min of interleaved blocks; before, page faults on fresh buffers took half the time). Then
(block-sized ufunc buffer, LSTM backward in place, no np.dot dispatch; thread CPU time, 10th
percentile of 400 interleaved batches on a busy machine): LSTM ≈ 850 → 797 µs, GRU ≈ 825 →
760 µs, RNN ≈ 227 → 216 µs.
Then (LSTM: 2σ and 2h, step 0 without h₀, dW_hh split and without step 0, see ``lstm.py``;
dW_hh from sample-major hₜ; all cells: the ufunc buffer set through NumPy's context variable;
``benchmarks/fit_step_cpu.py --cell LSTM --epochs 40`` against the previous version, load ≈ 2):
a training step 837 → 804 µs (median; p10 805 → 766), forward 380 → 357 µs; RNN and GRU keep
their numbers bit for bit and lose 1–3 %.
Then (LSTM: weight gradients as stacked per-step matmuls, the factors written over the forward's
own buffer; same command against the previous version, idle machine): a training step 831 → 777 µs
(median; p10 770 → 732), forward 354 → 339 µs; RNN and GRU bit for bit as before.
Then (all buffers from :func:`buffer` and the LSTM's U and A 64-byte aligned, :mod:`nncore.alloc`;
the LSTM backward's dh multiplied into ∂a_o and dh ⊙ q by two same-shape multiplies instead of one
broadcast over both blocks; its weight gradients written straight into the layer's grads; the
optimizers' state aligned too): whole LSTM benchmark fits, this against the previous version
interleaved (thread CPU, 15–21 pairs), 0.90–0.93× in the machine's slower hours and 0.97–0.98× in
its fast ones; a training step p10 765 → 718 µs (slower hours); GRU and RNN ≈ 1 % faster; every
number bit for bit as before.

Backward also keeps ``dh`` — the gradient of the loss with respect to each hidden
state hₜ — so :meth:`Recurrent.step_grad_norms` can show how much gradient reaches
each earlier step (vanishing gradients).
"""
from __future__ import annotations

import numpy as np

from ..alloc import aligned_empty
from .base import Layer, as_rng, dtype_name

# -- kernels shared by the cells --------------------------------------------------


class Scratch:
    """Buffers a layer keeps from one call to the next: one arena (a dict of arrays) per
    input shape, for the last few shapes seen.

    Training calls the kernels with the same shapes batch after batch (two shapes: full
    batches and the epoch's last one); fresh arrays of a few hundred kB each time are fresh
    pages from the OS, each faulted in and zeroed, which cost as much as the arithmetic
    (LSTM benchmark: 170,000 page faults, half the CPU time). Arenas bigger than ``MAX_ITEMS``
    numbers per hidden-state array (a large prediction batch) are handed out fresh and not
    kept, so a layer never holds on to more than a few MB.
    """

    KEEP = 3
    MAX_ITEMS = 1 << 18

    def __init__(self):
        self._arenas = {}

    def arena(self, key, items):
        """The arena for ``key`` (e.g. the input shape); ``items``: numbers in one (T, H, N) array."""
        if items > self.MAX_ITEMS:
            return {}
        a = self._arenas.pop(key, None)
        self._arenas[key] = a = {} if a is None else a       # most recent last
        while len(self._arenas) > self.KEEP:
            del self._arenas[next(iter(self._arenas))]
        return a


def buffer(arena, name, shape, dtype):
    """``arena[name]``, allocated (uninitialised, 64-byte aligned: :mod:`nncore.alloc`) on first use."""
    buf = arena.get(name)
    if buf is None or buf.shape != shape or buf.dtype != dtype:
        buf = arena[name] = aligned_empty(shape, dtype)
    return buf


try:        # NumPy 2's own state behind np.errstate/np.setbufsize (numpy is pinned; see block_buffers)
    from numpy._core._ufunc_config import _extobj_contextvar, _make_extobj
    _extobj_contextvar.reset(_extobj_contextvar.set(_make_extobj(bufsize=np.getbufsize())))   # works here?
except Exception:  # pragma: no cover - another NumPy: the public, slower way
    _extobj_contextvar = _make_extobj = None

_DEFAULT_BUFSIZE = np.getbufsize()


def block_buffers(block):
    """Size NumPy's ufunc buffer to one per-step block (``block`` = H·N numbers) so whole-sequence
    ufuncs on per-step views work in place; returns what :func:`restore_buffers` needs to undo it.

    A view such as ``A[:, 2]`` of a (T, k, H, N) array is T contiguous blocks of H·N numbers. With
    the default buffer (8192 items) longer than a block, NumPy copies such operands through its
    buffers; with a buffer of one block it runs its inner loop on each block where it lies —
    measured 1.4× faster on the LSTM's backward factors and 1.3× on a broadcast multiply over
    its four gates (H·N = 2048). Leaves the size alone (returns None) when ``block`` is not a
    multiple of 16 (NumPy's rule) or at least NumPy's default. The size lives in the same context
    variable as ``np.errstate``; setting and resetting it directly costs ≈ 1 µs where
    ``with np.errstate(): np.setbufsize(...)`` costs ≈ 3 (twice a batch per recurrent layer).
    """
    if block % 16 or block >= _DEFAULT_BUFSIZE:
        return None
    if _extobj_contextvar is None:  # pragma: no cover
        state = np.errstate()
        state.__enter__()
        np.setbufsize(block)
        return state
    return _extobj_contextvar.set(_make_extobj(bufsize=block))


def restore_buffers(token):
    """Undo :func:`block_buffers` (``token``: what it returned)."""
    if token is None:
        return
    if _extobj_contextvar is None:  # pragma: no cover
        token.__exit__(None, None, None)
    else:
        _extobj_contextvar.reset(token)


def augmented_weight(w_hh, w_ih, bias):
    """[W_hh, W_ih, b] side by side: (G·H, H+D+1), so one matmul with [hₜ; xₜ; 1] gives every
    gate's pre-activation, input projection and bias included."""
    return np.concatenate([w_hh, w_ih, bias[:, None]], axis=1)


def augmented_grads(da, hx, w_ih, arena):
    """Weight gradients (and dx) from the gate gradients, as one matmul (two with dx).

    da: (T, G·H, N) ∂L/∂(pre-activations);  hx: (T, H+D+1, N), step t's [hₜ; xₜ; 1];
    w_ih: (G·H, D) in the row order of ``da``, or None when dx is not needed.
    Returns dW (G·H, H+D+1) = [dW_hh, dW_ih, db] side by side and dx (T, D, N) (a view) or None.
    Notes: [dW_hh, dW_ih, db] = Σₜ ∂aₜ [hₜ; xₜ; 1]ᵀ;  dxₜ = W_ihᵀ ∂aₜ.

    (Splitting the matmul into dW_hh and [dW_ih, db], or leaving out step 0 where h₀ = 0, is
    ≈ 20 µs faster on the LSTM benchmark but sums in another order: training from the same seed
    would then drift from today's numbers, chaotically so over hundreds of Adam steps.)
    """
    T, G, N = da.shape
    K = hx.shape[1]
    da2 = buffer(arena, "da2", (G, T * N), da.dtype)      # steps side by side: Σ over t and n
    da2.reshape(G, T, N)[...] = da.transpose(1, 0, 2)     # is then one matmul
    hx2 = buffer(arena, "hx2", (K, T * N), da.dtype)
    hx2.reshape(K, T, N)[...] = hx.transpose(1, 0, 2)
    dx = None if w_ih is None else (w_ih.T @ da2).reshape(-1, T, N).transpose(1, 0, 2)
    return da2 @ hx2.T, dx


# -- the shared layer shell -------------------------------------------------------
class Recurrent(Layer):
    """Base for RNN, LSTM and GRU: parameters, shapes, caching and the step gradients.

    Parameters
    ----------
    input_size, hidden_size : int
    return_sequences : bool
        True → output (N, T, H), every hidden state; False → (N, H), the last one.
    dtype : numpy dtype, default float32
    rng : int, Generator or None
        Seed for the initial weights, PyTorch's default U(−1/√H, 1/√H) for all four arrays.
    """

    n_gates = 1

    def __init__(self, input_size, hidden_size, return_sequences=False, dtype=np.float32, rng=None):
        super().__init__()
        input_size, hidden_size = int(input_size), int(hidden_size)
        if input_size < 1 or hidden_size < 1:
            raise ValueError(f"{type(self).__name__} needs positive sizes, got ({input_size}, {hidden_size})")
        self.input_size, self.hidden_size = input_size, hidden_size
        self.return_sequences = bool(return_sequences)
        self.dtype = np.dtype(dtype)
        rng = as_rng(rng)
        k = 1.0 / np.sqrt(hidden_size)
        G = self.n_gates * hidden_size
        shapes = {"weight_ih": (G, input_size), "weight_hh": (G, hidden_size), "bias_ih": (G,), "bias_hh": (G,)}
        self.params = {name: rng.uniform(-k, k, size=s).astype(self.dtype) for name, s in shapes.items()}
        self.grads = {name: np.zeros_like(p) for name, p in self.params.items()}
        self._x = None       # (T, D, N) input of the last forward
        self._cache = None   # the kernel's cache
        self._hs = None      # (T+1, H, N) hidden states, hs[0] = 0
        self._dh = None      # (T, H, N) ∂L/∂hₜ from the last backward
        self._ws = Scratch()  # the kernels' buffers, reused from batch to batch
        self._arena = None    # the arena of the last forward (its buffers hold the cache)

    def __getstate__(self):
        # The arena's buffers and the per-step views cached with them are views of one another; a
        # copy (copy.deepcopy: the replay cache hands each session its own model) would make them
        # separate arrays and the copy's next pass would write where it does not read. The copy
        # starts with empty arenas instead; the cache of its last pass is copied as plain data.
        state = self.__dict__.copy()
        state["_ws"], state["_arena"] = Scratch(), {}
        return state

    # subclasses provide the two kernels
    def _forward(self, x, arena, training):  # pragma: no cover - abstract
        """x (T, D, N) -> hidden states (T+1, H, N) with h₀ = 0; sets ``self._cache``."""
        raise NotImplementedError

    def _backward(self, dh, arena, need_dx):  # pragma: no cover - abstract
        """dh (T, H, N) -> dx (T, D, N) or None, and a dict of weight gradients."""
        raise NotImplementedError

    def _input_buffer(self, arena, T, D, N):
        """Where forward puts its input, time-major (T, D, N); a kernel may keep it inside its own buffers."""
        return buffer(arena, "x", (T, D, N), self.dtype)

    def forward(self, x, training=True):
        x = np.asarray(x)
        if x.ndim != 3 or x.shape[2] != self.input_size:
            raise ValueError(f"{type(self).__name__}({self.input_size}→{self.hidden_size}) expects input of "
                             f"shape (N, T, {self.input_size}), got {x.shape}")
        if x.shape[1] < 1:
            raise ValueError("sequences need at least one time step")
        N, T, D = x.shape
        self._arena = self._ws.arena((T, N), T * N * max(self.hidden_size, D))
        self._x = self._input_buffer(self._arena, T, D, N)
        self._x[...] = x.transpose(1, 2, 0)
        token = block_buffers(self.hidden_size * N)
        try:
            self._hs = self._forward(self._x, self._arena, training)
        finally:
            restore_buffers(token)
        if self.return_sequences:
            return self._output(self._hs[1:].transpose(2, 0, 1))
        return self._output(self._hs[-1].T)

    def _output(self, hs):
        """A C-contiguous copy of (a view of) the kernel's hidden states, as the layer returns them."""
        return np.ascontiguousarray(hs)

    def backward(self, dy):
        if self._hs is None:
            raise RuntimeError(f"{type(self).__name__}.backward needs a forward pass first")
        T, _, N = self._x.shape
        dy = np.asarray(dy, dtype=self.dtype)
        dh = buffer(self._arena, "dh", (T, self.hidden_size, N), self.dtype)
        if self.return_sequences:
            dh[...] = dy.transpose(1, 2, 0)
        else:
            dh[-1] = dy.T
        token = block_buffers(self.hidden_size * N)
        try:
            dx, grads = self._backward(dh, self._arena, not self.skip_input_grad)
        finally:
            restore_buffers(token)
        for name, g in grads.items():
            if g is not self.grads[name]:       # a kernel may have written there already
                self.grads[name][...] = g
        self._dh = dh
        return None if dx is None else dx.transpose(2, 0, 1)

    # -- what the RNN page shows -------------------------------------------------
    def hidden_states(self):
        """(N, T, H): every hidden state of the last forward pass."""
        if self._hs is None:
            raise ValueError("run forward first")
        return self._hs[1:].transpose(2, 0, 1)

    def step_grad_norms(self):
        """(T,): mean over the batch of ‖∂L/∂hₜ‖ from the last backward pass.

        With a loss on the last step only, this is how much gradient reaches each
        earlier step; a plain RNN's curve falls off roughly geometrically (vanishing gradients).
        """
        if self._dh is None:
            raise ValueError("run backward first")
        return np.sqrt(np.einsum("thn,thn->tn", self._dh, self._dh, optimize=True)).mean(axis=1)

    def get_config(self):
        return {"input_size": self.input_size, "hidden_size": self.hidden_size,
                "return_sequences": self.return_sequences, "dtype": dtype_name(self.dtype)}
