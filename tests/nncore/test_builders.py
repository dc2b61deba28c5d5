"""nncore.builders.build_mlp: the layer stack, its seeding (shared or per layer)."""
import numpy as np
import pytest

from nncore.builders import build_mlp
from nncore.layers import Dense, Dropout


@pytest.mark.parametrize("hidden, dropout, n_layers", [([], 0.0, 1), ([4, 2], 0.0, 5), ([8], 0.3, 4)])
def test_build_mlp_layer_stack(hidden, dropout, n_layers):
    model = build_mlp(3, hidden, "relu", 2, dropout=dropout, rng=1)
    assert len(model.layers) == n_layers
    dense = [layer for layer in model.layers if isinstance(layer, Dense)]
    assert [d.out_features for d in dense] == list(hidden) + [2]
    assert model.forward(np.zeros((5, 3), np.float32), training=False).shape == (5, 2)


def test_build_mlp_is_seeded():
    a, b = build_mlp(2, [5], "tanh", 2, rng=3), build_mlp(2, [5], "tanh", 2, rng=3)
    np.testing.assert_array_equal(a.layers[0].params["weight"], b.layers[0].params["weight"])


def test_per_layer_seeds_give_each_dense_its_own_generator():
    model = build_mlp(4, [3], "relu", 2, rng=(11, 12))
    alone = [Dense(4, 3, rng=11), Dense(3, 2, rng=12)]
    for got, want in zip([model.layers[0], model.layers[2]], alone):
        np.testing.assert_array_equal(got.params["weight"], want.params["weight"])
    with pytest.raises(ValueError, match="2 Dense layers but 3 seeds"):
        build_mlp(4, [3], "relu", 2, rng=(1, 2, 3))


def test_one_seed_is_shared_in_order_and_dropout_draws_from_it():
    model = build_mlp(4, [3], "tanh", 2, dropout=0.5, rng=5)
    assert isinstance(model.layers[2], Dropout)
    rng = np.random.default_rng(5)
    first, second = Dense(4, 3, rng=rng), Dense(3, 2, rng=rng)
    np.testing.assert_array_equal(model.layers[0].params["weight"], first.params["weight"])
    np.testing.assert_array_equal(model.layers[3].params["weight"], second.params["weight"])
