"""Errors an application can translate.

:class:`InputError` is a ``ValueError`` (so ``except ValueError`` still catches it) that also carries a
message ``key`` and the ``params`` that fill it. ``str(err)`` is the English default, formatted here,
so nncore stays free of any UI; an app looks the key up in its own catalogue (the lab's pages use
``engine.<key>``) and falls back to ``str(err)`` for keys it does not know.

>>> raise InputError("rows_mismatch", "{x} has {n} rows but {y} has {m}", x="X", n=3, y="y", m=2)
"""
from __future__ import annotations


class InputError(ValueError):
    """Bad input to the engine: ``key`` names the message, ``params`` fill it, ``str()`` is the English."""

    def __init__(self, key: str, default: str, **params):
        self.key, self.params = key, params
        super().__init__(default.format(**params))
