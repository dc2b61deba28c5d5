"""Scores of predictions against targets: accuracy, the confusion matrix, R², and what a constant guess scores.

One home for each: the engine, the lab and the figures all call these.
"""
from __future__ import annotations

import numpy as np


def accuracy(y_true, y_pred) -> float:
    """Fraction of equal labels; ``y_true`` and ``y_pred`` of one shape (N,) or (N, T). NaN when empty."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    return float(np.mean(y_true == y_pred)) if y_true.size else float("nan")


def confusion_matrix(y_true, y_pred, n_classes: int) -> np.ndarray:
    """(C, C) integer counts, true class down, predicted class across.

    Labels are integers in [0, C). One ``bincount`` of ``true · C + predicted`` (no scatter-add).
    """
    n_classes = int(n_classes)
    y_true, y_pred = np.asarray(y_true, dtype=np.intp).ravel(), np.asarray(y_pred, dtype=np.intp).ravel()
    if y_true.shape != y_pred.shape:
        raise ValueError(f"{y_true.size} true labels but {y_pred.size} predictions")
    if y_true.size and (min(y_true.min(), y_pred.min()) < 0 or max(y_true.max(), y_pred.max()) >= n_classes):
        raise ValueError(f"labels must lie in [0, {n_classes})")
    return np.bincount(y_true * n_classes + y_pred, minlength=n_classes * n_classes).reshape(n_classes, n_classes)


def r2_score(y_true, y_pred) -> float:
    """Coefficient of determination R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)² (for a constant target: 1 if exact, else 0)."""
    y_true = np.asarray(y_true, dtype=np.float64).ravel()
    y_pred = np.asarray(y_pred, dtype=np.float64).ravel()
    ss_tot = float(np.sum((y_true - y_true.mean()) ** 2))
    ss_res = float(np.sum((y_true - y_pred) ** 2))
    if ss_tot == 0:
        return 1.0 if ss_res == 0 else 0.0
    return 1.0 - ss_res / ss_tot


def constant_guess(y_train, y_test=None) -> tuple[float, float]:
    """(cross-entropy, accuracy) of the best answers that ignore the input, for integer class labels.

    The best constant probabilities are the training classes' frequencies p; their cross-entropy is the
    entropy −Σ p ln p (nats; ln C for C balanced classes). The best constant label is the commonest class;
    its accuracy ("chance") is that class's share of ``y_test`` (of ``y_train`` when there is no test set).
    A network whose loss stays above the first, or whose accuracy stays at the second, has learned nothing.
    """
    y_train = np.asarray(y_train).ravel()
    y_test = y_train if y_test is None else np.asarray(y_test).ravel()
    if y_train.dtype.kind not in "iu" or y_test.dtype.kind not in "iu" or not y_train.size or not y_test.size:
        raise ValueError("constant_guess needs integer class labels")
    p = np.bincount(y_train) / y_train.size
    p = p[p > 0]
    return float(-(p * np.log(p)).sum()), float(np.bincount(y_test).max() / y_test.size)
