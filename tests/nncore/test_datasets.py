"""Toy data: seeded, shaped as promised, no downloads."""
import numpy as np
import pytest

from nncore import datasets as ds


@pytest.mark.parametrize("name", sorted(ds.CLASSIFICATION | ds.REGRESSION))
def test_2d_sets_are_seeded_and_shaped(name):
    X1, y1 = ds.make_2d(name, 120, 0.1, seed=5)
    X2, y2 = ds.make_2d(name, 120, 0.1, seed=5)
    X3, _ = ds.make_2d(name, 120, 0.1, seed=6)
    assert X1.shape == (120, 2) and y1.shape == (120,)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.array_equal(X1, X3)
    assert np.isfinite(X1).all()
    if name in ds.CLASSIFICATION:
        assert y1.dtype.kind == "i" and len(np.unique(y1)) >= 2


def test_xor_labels_follow_quadrants():
    X, y = ds.xor(400, noise=0.0, seed=0)
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] < 0).astype(int))


def test_random_labels_are_the_articles_recipe():
    X, y = ds.random_labels(1000, seed=0)
    assert X.min() >= 0 and X.max() < 1 and set(np.unique(y)) == {0, 1}
    assert abs(y.mean() - 0.5) < 0.05


def test_unknown_name_and_tiny_n():
    with pytest.raises(ValueError, match="unknown data set"):
        ds.make_2d("swiss-roll")
    with pytest.raises(ValueError, match="at least 2"):
        ds.make_2d("xor", 1)


def test_split_is_seeded_and_stratified():
    X, y = ds.make_2d("blobs", 200, 0.1, seed=0)
    a = ds.train_test_split(X, y, 0.25, seed=1, stratify=True)
    b = ds.train_test_split(X, y, 0.25, seed=1, stratify=True)
    for u, v in zip(a, b):
        np.testing.assert_array_equal(u, v)
    Xtr, Xte, ytr, yte = a
    assert len(Xte) == 50 and len(Xtr) == 150
    assert np.bincount(yte).tolist() == [12, 13, 12, 13] or np.ptp(np.bincount(yte)) <= 1


def test_digits_ship_with_sklearn():
    images, labels = ds.load_digits()
    assert images.shape == (1797, 8, 8) and labels.shape == (1797,)
    assert images.min() == 0 and images.max() == 1
    assert set(labels) == set(range(10))
    Xtr, Xte, ytr, yte = ds.digits_split(test_fraction=0.3, seed=0)
    assert Xtr.shape[1:] == (1, 8, 8) and Xtr.dtype == np.float32
    assert len(Xtr) + len(Xte) == 1797


@pytest.mark.parametrize("fn,kwargs,x_shape,y_shape", [
    (ds.delayed_recall, dict(n_samples=10, delay=4, n_symbols=3), (10, 5, 4), (10,)),
    (ds.copy_task, dict(n_samples=10, length=3, delay=2, n_symbols=4), (10, 8, 6), (10, 8)),
    (ds.parity, dict(n_samples=10, length=6), (10, 6, 1), (10, 6)),
    (ds.sine, dict(n_samples=10, length=12), (10, 12, 1), (10, 1)),
])
def test_sequence_tasks(fn, kwargs, x_shape, y_shape):
    X, y = fn(seed=0, **kwargs)
    X2, y2 = fn(seed=0, **kwargs)
    assert X.shape == x_shape and y.shape == y_shape
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)


def test_delayed_recall_answer_is_the_first_symbol():
    X, y = ds.delayed_recall(50, delay=3, n_symbols=4, seed=0)
    np.testing.assert_array_equal(X[:, 0, :4].argmax(1), y)
    assert (X[:, 1:-1] == 0).all() and (X[:, -1, 4] == 1).all()


def test_parity_is_running_xor():
    X, y = ds.parity(20, length=7, seed=1)
    bits = X[..., 0].astype(int)
    np.testing.assert_array_equal(y[:, -1], bits.sum(1) % 2)
