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
  and each gate within it, is a contiguous block, and a step's matmul is W · h with
  h (H, N) — no strided slices on the hot path;
- the input projection x·W_ihᵀ for all T steps is one matmul before the time loop;
- the only Python loop runs over time steps; each step is a handful of ufuncs
  writing into pre-allocated buffers (``out=``) plus one (N, H)·(H, G·H) matmul;
- everything that depends only on forward values (gate derivatives) is computed
  for all steps at once before the backward loop;
- weight gradients are single matmuls over the stacked (T·N) axis after the loop.

Backward also keeps ``dh`` — the gradient of the loss with respect to each hidden
state hₜ — so :meth:`Recurrent.step_grad_norms` can show how much gradient reaches
each earlier step (vanishing gradients).
"""
from __future__ import annotations

import numpy as np

from .base import Layer, as_rng, dtype_name


# -- kernels shared by the cells --------------------------------------------------
def input_projection(w_ih, bias, x, out=None):
    """W_ih xₜ + b for every step before the time loop: x (T, D, N) -> out (T, G·H, N).

    One (G·H, D)·(D, N) BLAS call per step: NumPy's stacked ``matmul`` is far slower
    here (it skips BLAS for these shapes), and one big matmul would need a transposed copy.
    """
    T, _, N = x.shape
    if out is None:
        out = np.empty((T, w_ih.shape[0], N), dtype=x.dtype)
    for t in range(T):
        np.dot(w_ih, x[t], out=out[t])
    out += bias[:, None]
    return out


def stack_time(a):
    """(T, F, N) -> (F, T·N): every step side by side, so a sum over steps and samples is one matmul."""
    T, F, N = a.shape
    return a.transpose(1, 0, 2).reshape(F, T * N)


def weight_grads(da, x, hs, w_ih):
    """The weight gradients as single matmuls over the stacked (T·N) axis, and dx.

    da: (T, G·H, N) ∂L/∂(pre-activations);  x: (T, D, N);  hs: (T+1, H, N) or None.
    Returns dW_ih (G·H, D), dW_hh (G·H, H) (None without ``hs``), db (G·H,), dx (T, D, N).
    Notes: dW_ih = Σₜ ∂aₜ xₜᵀ,  dW_hh = Σₜ ∂aₜ hₜ₋₁ᵀ (h₀ = 0 adds nothing),  dxₜ = W_ihᵀ ∂aₜ.
    """
    T, _, N = da.shape
    da2 = stack_time(da)
    dw_ih = da2 @ stack_time(x).T
    dw_hh = None if hs is None else da2[:, N:] @ stack_time(hs[1:T]).T
    db = da2.sum(axis=1)
    dx = (w_ih.T @ da2).reshape(-1, T, N).transpose(1, 0, 2)
    return dw_ih, dw_hh, db, dx


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

    # subclasses provide the two kernels
    def _forward(self, x):  # pragma: no cover - abstract
        raise NotImplementedError

    def _backward(self, dh):  # pragma: no cover - abstract
        raise NotImplementedError

    def forward(self, x, training=True):
        x = np.asarray(x)
        if x.ndim != 3 or x.shape[2] != self.input_size:
            raise ValueError(f"{type(self).__name__}({self.input_size}→{self.hidden_size}) expects input of "
                             f"shape (N, T, {self.input_size}), got {x.shape}")
        if x.shape[1] < 1:
            raise ValueError("sequences need at least one time step")
        self._x = np.ascontiguousarray(x.transpose(1, 2, 0), dtype=self.dtype)   # (T, D, N)
        self._hs = self._forward(self._x)
        if self.return_sequences:
            return np.ascontiguousarray(self._hs[1:].transpose(2, 0, 1))
        return np.ascontiguousarray(self._hs[-1].T)

    def backward(self, dy):
        T, _, N = self._x.shape
        dy = np.asarray(dy, dtype=self.dtype)
        if self.return_sequences:
            dh = np.ascontiguousarray(dy.transpose(1, 2, 0))
        else:
            dh = np.empty((T, self.hidden_size, N), dtype=self.dtype)
            dh[-1] = dy.T
        dx, grads = self._backward(dh)
        for name, g in grads.items():
            self.grads[name][...] = g
        self._dh = dh
        return dx.transpose(2, 0, 1)

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
