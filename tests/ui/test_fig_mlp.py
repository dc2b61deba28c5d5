"""ui.fig_mlp: the Playground's saved-model bytes and its loss axis."""
import io

import numpy as np
import pytest

from lab.playground import PlaygroundConfig, PlaygroundData
from nncore import Sequential, build_mlp
from ui.fig_mlp import code_sklearn, loss_ceiling, model_npz

X = np.random.default_rng(0).uniform(-1, 1, (50, 2))


def test_saved_model_round_trips_through_bytes():
    model = build_mlp(2, [3], "tanh", 2, rng=0)
    again = Sequential.load(io.BytesIO(model_npz(model)))
    np.testing.assert_array_equal(again.forward(X.astype(np.float32), training=False),
                                  model.forward(X.astype(np.float32), training=False))


@pytest.mark.parametrize("hist, top", [({"loss": [0.7, 0.1], "val_loss": [0.69, 0.2]}, 1.1),
                                       ({"loss": [0.7, 0.1], "val_loss": [0.69, 5.0]}, 8.8),
                                       ({"loss": [2.0, 1.0]}, 2.2), ({}, 1.1)])
def test_loss_axis_ceiling_only_jumps_by_doubling(hist, top):
    assert loss_ceiling(hist) == pytest.approx(top)


@pytest.mark.filterwarnings("ignore:Stochastic Optimizer")
def test_exported_sklearn_code_runs_on_the_same_scaled_features():
    cfg = PlaygroundConfig(data="xor", n=80, seed=1, features=("x1", "x2", "x1x2"), hidden=(4,),
                           activations=("leaky_relu",), optimizer="momentum", l2=0.001)
    code = code_sklearn(cfg, PlaygroundData.builtin(cfg), 3)
    assert "activation='relu'" in code and "no leaky ReLU" in code
    scope = {}
    exec(compile(code, "<export>", "exec"), scope)  # noqa: S102 - our own generated code
    assert scope["F_train"].shape == (40, 3) and np.abs(scope["F_train"][:, :2]).max() == pytest.approx(1.0)
    assert scope["model"].n_iter_ == 3
