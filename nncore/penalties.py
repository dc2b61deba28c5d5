"""Extra penalties on the parameters, for :class:`nncore.Trainer`'s ``penalty=`` hook.

A penalty is any callable ``penalty(pairs) -> float`` that takes the model's ``[(param, grad), ...]``
(the order of ``Sequential.param_pairs``), adds ∂P/∂θ to each ``grad`` in place and returns P. The
trainer calls it after the backward pass of every batch, so P joins the loss the optimizer sees.

- :class:`QuadraticPenalty` — P(θ) = (λ/2) Σᵢ Fᵢ (θᵢ − θ*ᵢ)², pulling the weights back towards an
  anchor θ*. With F the diagonal Fisher information of an earlier task this is elastic weight
  consolidation (Kirkpatrick et al. 2017, PNAS 114:3521); with F = 1 it is plain L2 to the old weights.
"""
from __future__ import annotations

import numpy as np


class QuadraticPenalty:
    """P(θ) = (λ/2) Σᵢ Fᵢ (θᵢ − θ*ᵢ)²;  ∂P/∂θᵢ = λ Fᵢ (θᵢ − θ*ᵢ).

    Parameters
    ----------
    anchor : list of arrays
        θ*, one array per parameter, in ``param_pairs`` order (copied).
    strength : float
        λ ≥ 0.
    importance : list of arrays, optional
        F ≥ 0 with the anchor's shapes (copied); ``None`` weighs every parameter 1 (L2 to θ*).
    """

    def __init__(self, anchor, strength, importance=None):
        strength = float(strength)
        if not np.isfinite(strength) or strength < 0:
            raise ValueError(f"penalty strength must be a finite number ≥ 0, got {strength}")
        self.anchor = [np.array(a, copy=True) for a in anchor]
        self.strength = strength
        if importance is None:
            self.importance = None
        else:
            self.importance = [np.array(f, dtype=a.dtype, copy=True) for f, a in zip(importance, self.anchor)]
            if len(self.importance) != len(self.anchor) or any(
                    f.shape != a.shape for f, a in zip(self.importance, self.anchor)):
                raise ValueError("importance must have one array per anchor array, with the same shapes")
            if any((f < 0).any() or not np.isfinite(f).all() for f in self.importance):
                raise ValueError("importance must be finite and ≥ 0")
        self._diff = [np.empty_like(a) for a in self.anchor]

    def __call__(self, pairs) -> float:
        if len(pairs) != len(self.anchor):
            raise ValueError(f"penalty anchored on {len(self.anchor)} arrays, the model has {len(pairs)}")
        if not self.strength:
            return 0.0
        total = 0.0
        for k, ((p, g), a, d) in enumerate(zip(pairs, self.anchor, self._diff)):
            np.subtract(p, a, out=d)                          # d = θ − θ*
            if self.importance is None:
                total += float(np.vdot(d, d))
            else:
                d *= self.importance[k]                        # d = F (θ − θ*)
                total += float(np.vdot(d, p - a))
            d *= self.strength
            g += d                                             # ∂P/∂θ = λ F (θ − θ*)
        return 0.5 * self.strength * total


def apply_penalties(penalties, pairs) -> float:
    """Call each penalty on ``pairs`` (their gradients add up); return the summed value."""
    return float(sum(p(pairs) for p in penalties))
