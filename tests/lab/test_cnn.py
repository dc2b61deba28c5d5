"""lab.cnn: the CNN and its MLP twin, the feature maps, the convolution explorer's arithmetic."""
import numpy as np
import pytest

from lab import cnn
from nncore.datasets import digits_split


def test_default_run_reaches_93_percent_and_the_mlp_twin_matches_its_size():
    cfg = cnn.CnnConfig()
    twin = cnn.TwinTrainer(cfg, digits_split(test_fraction=0.3, seed=cfg.seed))
    twin.run(epochs=cfg.epochs)
    assert twin.epoch == cfg.epochs and twin.mlp_trainer.epoch == cfg.epochs
    assert twin.cnn_trainer.history["val_accuracy"][-1] >= 0.93
    assert abs(twin.mlp.n_params - twin.cnn.n_params) <= 0.05 * twin.cnn.n_params


@pytest.mark.parametrize("blocks,channels,kernel,pool", [(1, 4, 3, "max"), (2, 8, 5, "avg"), (2, 16, 3, "max")])
def test_every_architecture_builds_and_maps_digits_to_ten_logits(blocks, channels, kernel, pool):
    model = cnn.build_cnn(cnn.CnnConfig(blocks=blocks, channels=channels, kernel=kernel, pool=pool))
    x = np.zeros((3, 1, 8, 8), np.float32)
    assert model.forward(x, training=False).shape == (3, 10)
    stages = cnn.feature_maps(model, x[0])
    assert len(stages) == 1 + 2 * blocks
    assert stages[-1].maps.shape == (channels * 2 ** (blocks - 1), 8 // 2 ** blocks, 8 // 2 ** blocks)


@pytest.mark.parametrize("stride,padding,i,j", [(1, 0, 0, 0), (1, 1, 3, 5), (2, 1, 2, 1), (2, 2, 4, 4)])
def test_explorer_arithmetic_adds_up_to_the_output_pixel(stride, padding, i, j):
    img = np.random.default_rng(0).random((8, 8))
    kernel = cnn.PRESETS["edge_v"]
    info = cnn.explain_pixel(img, kernel, stride, padding, i, j)
    assert info["out"].shape[0] == (8 + 2 * padding - 3) // stride + 1
    assert info["products"].sum() == pytest.approx(info["value"])
    assert info["value"] == pytest.approx(info["out"][info["i"], info["j"]])


SOBEL = np.array([[1, 0, -1], [2, 0, -2], [1, 0, -1]], dtype=float)


@pytest.mark.parametrize("k", [0, 1, 2, 3])
def test_a_sobel_kernel_is_an_edge_at_every_orientation(k):
    assert cnn.edge_score(np.rot90(SOBEL, k)) == pytest.approx(8 / 9)
    diagonal = np.array([[2, 1, 0], [1, 0, -1], [0, -1, -2]], dtype=float)
    assert cnn.edge_score(np.rot90(diagonal, k)) == pytest.approx(1.0)


def test_bars_blobs_and_flat_kernels_are_not_edges():
    bar = np.array([[-1, 2, -1]] * 3, dtype=float)
    blob = np.array([[0, -1, 0], [-1, 4, -1], [0, -1, 0]], dtype=float)
    assert cnn.edge_score(bar) == pytest.approx(0) and cnn.edge_score(blob) == pytest.approx(0)
    assert cnn.edge_score(np.full((3, 3), 0.7)) == 0.0
    assert cnn.edge_score(SOBEL * 5 + 3) == pytest.approx(8 / 9)      # scale and offset do not matter


def test_random_kernels_pass_the_edge_test_about_one_time_in_eight():
    scores = np.array([cnn.edge_score(k) for k in np.random.default_rng(0).standard_normal((4000, 3, 3))])
    assert scores.mean() == pytest.approx(0.25, abs=0.02)              # 2 of 8 directions of variation
    assert np.mean(scores >= cnn.EDGE_R2) == pytest.approx(1 / 8, abs=0.02)


def test_edge_score_needs_a_square_odd_kernel():
    with pytest.raises(ValueError):
        cnn.edge_score(np.zeros((2, 2)))
    with pytest.raises(ValueError):
        cnn.edge_score(np.zeros((3, 5)))


def test_edge_kernels_reads_a_conv_weight():
    w = np.stack([SOBEL, np.ones((3, 3)), SOBEL.T])[:, None]
    assert cnn.edge_kernels(w).tolist() == [True, False, True]
