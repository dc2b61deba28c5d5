"""scikit-learn's ``MLPClassifier`` algorithm on nncore's in-place kernels.

The one part of nncore that imports scikit-learn (and SciPy): :mod:`.mlp` is the estimator,
:mod:`._kernels` its forward/backward passes and optimizers on one flat parameter vector.
"""
from .mlp import MLPClassifier

__all__ = ["MLPClassifier"]
