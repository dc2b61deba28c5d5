"""nncore: a small, fast NumPy neural-network engine for the Brain & ANN Lab.

Imports only NumPy, except :class:`nncore.MLPClassifier` (scikit-learn's
estimator API), which is loaded lazily on first use.
"""
from . import datasets, gradcheck, layers, losses, optim
from .builders import build_mlp
from .callbacks import Callback, History, LambdaCallback
from .model import Sequential, Trainer

__all__ = ["Sequential", "Trainer", "build_mlp", "Callback", "LambdaCallback", "History", "layers", "losses",
           "optim", "datasets", "gradcheck", "MLPClassifier"]


def __getattr__(name):
    if name == "MLPClassifier":
        from .sklearn import MLPClassifier
        return MLPClassifier
    raise AttributeError(f"module 'nncore' has no attribute {name!r}")
