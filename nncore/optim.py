"""Optimizers that own their state and update parameters in place.

``step(pairs)`` takes a list of ``(param, grad)`` arrays; state buffers are
allocated once, on the first step, and updated with ``out=`` afterwards.
Global gradient-norm clipping (``clip_norm``) rescales all gradients together.
"""
from __future__ import annotations

import numpy as np

from .errors import InputError


def global_norm(grads) -> float:
    """‖g‖ over every gradient array taken together."""
    return float(np.sqrt(sum(float(np.vdot(g, g)) for g in grads)))


def clip_grad_norm(grads, max_norm) -> float:
    """Scale all ``grads`` in place so their global norm is at most ``max_norm``; return the old norm."""
    norm = global_norm(grads)
    if max_norm is not None and norm > max_norm > 0:
        scale = max_norm / (norm + 1e-12)
        for g in grads:
            g *= scale
    return norm


class Optimizer:
    def __init__(self, lr, clip_norm=None):
        if not np.isfinite(lr) or lr <= 0:
            raise InputError("bad_lr", "learning rate must be a positive number, got {lr}", lr=lr)
        self.lr = float(lr)
        self.clip_norm = clip_norm
        self.t = 0
        self._state: list | None = None

    def step(self, pairs):
        grads = [g for _, g in pairs]
        if self.clip_norm is not None:
            clip_grad_norm(grads, self.clip_norm)
        if self._state is None:
            self._state = [self._init_state(p) for p, _ in pairs]
        self.t += 1
        for (p, g), s in zip(pairs, self._state):
            self._update(p, g, s)

    def reset(self):
        self.t, self._state = 0, None


class SGD(Optimizer):
    """SGD with PyTorch-style momentum:  v ← μv + g;  p ← p − η v  (Nesterov: p ← p − η(g + μv))."""

    def __init__(self, lr=0.01, momentum=0.0, nesterov=False, clip_norm=None):
        super().__init__(lr, clip_norm)
        if nesterov and momentum <= 0:
            raise ValueError("Nesterov momentum needs momentum > 0")
        self.momentum, self.nesterov = float(momentum), bool(nesterov)

    def _init_state(self, p):
        return {"v": np.zeros_like(p), "tmp": np.empty_like(p)} if self.momentum else {"tmp": np.empty_like(p)}

    def _update(self, p, g, s):
        tmp = s["tmp"]
        if not self.momentum:
            np.multiply(g, self.lr, out=tmp)
            p -= tmp
            return
        v = s["v"]
        v *= self.momentum
        v += g
        if self.nesterov:
            np.multiply(v, self.momentum, out=tmp)
            tmp += g
            tmp *= self.lr
        else:
            np.multiply(v, self.lr, out=tmp)
        p -= tmp


class Adam(Optimizer):
    """Adam (Kingma & Ba 2015): m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;
    p ← p − η·√(1−β₂ᵗ)/(1−β₁ᵗ) · m / (√v + ε)."""

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8, clip_norm=None):
        super().__init__(lr, clip_norm)
        self.beta1, self.beta2, self.eps = float(beta1), float(beta2), float(eps)

    def _init_state(self, p):
        return {"m": np.zeros_like(p), "v": np.zeros_like(p), "tmp": np.empty_like(p)}

    # Twelve elementwise passes per parameter: on large arrays they run chunk by chunk, so each
    # chunk's p, g, m, v and tmp stay in cache across all twelve instead of streaming from memory.
    CHUNK = 1 << 16

    def _update(self, p, g, s):
        step = self.lr * np.sqrt(1 - self.beta2 ** self.t) / (1 - self.beta1 ** self.t)
        arrays = (p, g, s["m"], s["v"], s["tmp"])
        if p.size <= self.CHUNK or not all(a.flags.c_contiguous for a in arrays):
            self._adam_kernel(*arrays, step)
            return
        flat = [a.reshape(-1) for a in arrays]
        for i in range(0, p.size, self.CHUNK):
            self._adam_kernel(*(a[i:i + self.CHUNK] for a in flat), step)

    def _adam_kernel(self, p, g, m, v, tmp, step):
        b1, b2 = self.beta1, self.beta2
        m *= b1
        np.multiply(g, 1 - b1, out=tmp)
        m += tmp
        v *= b2
        np.multiply(g, g, out=tmp)
        tmp *= 1 - b2
        v += tmp
        np.sqrt(v, out=tmp)
        tmp += self.eps
        np.divide(m, tmp, out=tmp)
        tmp *= step
        p -= tmp


def _momentum(lr=0.01, clip_norm=None):
    """SGD with heavy-ball momentum μ = 0.9 (the usual choice)."""
    return SGD(lr, momentum=0.9, clip_norm=clip_norm)


OPTIMIZERS = {"sgd": SGD, "momentum": _momentum, "adam": Adam}


def get_optimizer(opt=None, lr=None, clip_norm=None) -> Optimizer:
    """An optimizer by name — ``"sgd"`` (plain), ``"momentum"`` (SGD, μ = 0.9) or ``"adam"`` — or ``opt`` itself.

    ``lr`` (default: the optimizer's own) and ``clip_norm`` (global gradient-norm clipping, None = off) apply
    to a name; an :class:`Optimizer` instance is returned as it is. ``None`` means Adam with its defaults.
    """
    if isinstance(opt, Optimizer):
        return opt
    kwargs = {"clip_norm": clip_norm} | ({} if lr is None else {"lr": lr})
    try:
        factory = OPTIMIZERS["adam" if opt is None else opt]
    except (KeyError, TypeError):
        raise ValueError(f"unknown optimizer {opt!r}; choose from {sorted(OPTIMIZERS)}") from None
    return factory(**kwargs)
