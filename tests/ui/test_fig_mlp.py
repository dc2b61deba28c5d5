"""ui.fig_mlp: the Playground's saved-model bytes and its loss axis."""
import io

import numpy as np
import pytest

from lab.playground import build_mlp
from nncore import Sequential
from ui.fig_mlp import loss_ceiling, model_npz

X = np.random.default_rng(0).uniform(-1, 1, (50, 2))


def test_saved_model_round_trips_through_bytes():
    model = build_mlp(2, [3], "tanh", 2, seed=0)
    again = Sequential.load(io.BytesIO(model_npz(model)))
    np.testing.assert_array_equal(again.forward(X.astype(np.float32), training=False),
                                  model.forward(X.astype(np.float32), training=False))


@pytest.mark.parametrize("hist, top", [({"loss": [0.7, 0.1], "val_loss": [0.69, 0.2]}, 1.1),
                                       ({"loss": [0.7, 0.1], "val_loss": [0.69, 5.0]}, 8.8),
                                       ({"loss": [2.0, 1.0]}, 2.2), ({}, 1.1)])
def test_loss_axis_ceiling_only_jumps_by_doubling(hist, top):
    assert loss_ceiling(hist) == pytest.approx(top)
