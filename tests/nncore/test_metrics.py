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


def test_a_constant_guess_scores_the_class_entropy_and_the_commonest_class_share():
    from nncore.metrics import constant_guess

    loss, chance = constant_guess([0, 0, 1, 1], [1, 1, 1, 0])
    assert loss == pytest.approx(np.log(2)) and chance == 0.75            # ln C for balanced classes
    loss, chance = constant_guess([2, 2, 2, 0])                            # no test set: the training labels
    assert loss == pytest.approx(-(0.75 * np.log(0.75) + 0.25 * np.log(0.25))) and chance == 0.75
    rng = np.random.default_rng(0)
    y = rng.integers(0, 3, 300)
    p = np.bincount(y) / y.size
    # the frequencies are the best constant answer: any other constant distribution has a larger cross-entropy
    for q in rng.dirichlet(np.ones(3), 20):
        assert constant_guess(y)[0] <= -(p * np.log(q)).sum() + 1e-12
    with pytest.raises(ValueError):
        constant_guess([0.5, 1.5])
