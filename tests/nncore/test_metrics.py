"""nncore.metrics: accuracy, the confusion matrix and R² against plain loops."""
import numpy as np
import pytest

from nncore.metrics import accuracy, confusion_matrix, r2_score

RNG = np.random.default_rng(0)


@pytest.mark.parametrize("y, p, expected", [([0, 1, 1, 0], [0, 1, 0, 0], 0.75), ([2, 2], [2, 2], 1.0),
                                            ([[0, 1], [1, 1]], [[0, 0], [1, 1]], 0.75)])
def test_accuracy_is_the_fraction_of_equal_labels(y, p, expected):
    assert accuracy(y, p) == expected


def test_accuracy_of_nothing_is_nan():
    assert np.isnan(accuracy([], []))


def test_r2_score_perfect_mean_and_worse():
    y = np.array([1.0, 2.0, 3.0, 4.0])
    assert r2_score(y, y) == 1.0
    assert r2_score(y, np.full(4, y.mean())) == pytest.approx(0.0)
    assert r2_score(y, y[::-1]) < 0
    assert r2_score(np.ones(3), np.ones(3)) == 1.0 and r2_score(np.ones(3), np.zeros(3)) == 0.0


def test_confusion_matrix_against_a_loop():
    y, p = RNG.integers(0, 3, 100), RNG.integers(0, 3, 100)
    ref = np.zeros((3, 3), int)
    for a, b in zip(y, p):
        ref[a, b] += 1
    np.testing.assert_array_equal(confusion_matrix(y, p, 3), ref)


@pytest.mark.parametrize("y, p", [([0, 3], [0, 0]), ([0, 1], [-1, 0]), ([0, 1, 1], [0, 1])])
def test_confusion_matrix_refuses_labels_out_of_range_or_unmatched(y, p):
    with pytest.raises(ValueError):
        confusion_matrix(y, p, 3)
