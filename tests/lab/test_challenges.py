"""lab.challenges: the learning curve, saliency and occlusion maps, FGSM against noise, the scene claims."""
import functools
import subprocess
import sys

import numpy as np
import pytest

from lab import challenges as ch
from lab.cnn import CnnConfig
from nncore.metrics import accuracy
from ui.blas import limit_blas_threads

SEEDS = range(6)


@pytest.fixture(autouse=True, scope="module")
def one_blas_thread():
    limit_blas_threads()    # as the app runs: a two-thread BLAS on a busy 2-core host is many times slower


@functools.lru_cache(maxsize=None)
def trained(seed=0):
    return ch.train_models(CnnConfig(seed=seed))


# -- data --------------------------------------------------------------------------------------------

def test_balanced_order_deals_every_class_in_turn():
    _, _, ytr, _ = ch.split(0)
    order = ch.balanced_order(ytr, seed=3)
    assert sorted(order) == list(range(len(ytr)))
    smallest = np.bincount(ytr).min()
    for n in (10, 20, 50, 100, 10 * smallest):
        counts = np.bincount(ytr[order[:n]], minlength=10)
        assert counts.max() - counts.min() <= 1, (n, counts)
    np.testing.assert_array_equal(order, ch.balanced_order(ytr, seed=3))
    assert not np.array_equal(order, ch.balanced_order(ytr, seed=4))


# -- how much data? ------------------------------------------------------------------------------

def test_a_small_learning_curve_has_its_shape_and_is_seeded():
    cfg = ch.LearningCurveConfig(sizes=(10, 40), seeds=(1,), steps=10)
    a, b = ch.learning_curve(cfg), ch.learning_curve(cfg)
    assert set(a.test_acc) == set(ch.MODELS) and a.test_acc["cnn"].shape == (1, 2)
    for m in ch.MODELS:
        np.testing.assert_array_equal(a.test_acc[m], b.test_acc[m])
        assert np.all((a.train_acc[m] >= 0) & (a.train_acc[m] <= 1))
    both = ch.LearningCurve.combine([a, ch.learning_curve(ch.LearningCurveConfig(sizes=(10, 40), seeds=(2,),
                                                                                  steps=10))])
    assert both.seeds == (1, 2) and both.test_acc["mlp"].shape == (2, 2)
    np.testing.assert_allclose(both.std("mlp"), both.test_acc["mlp"].std(axis=0))


@pytest.mark.parametrize("n", [1, 10, 31, 32, 100, 1258])
def test_every_size_gets_about_the_same_number_of_updates(n):
    b, epochs = ch.schedule(n, steps=200, batch_size=32)
    per_epoch = -(-n // b)
    assert b == min(32, n) and 200 <= epochs * per_epoch < 200 + per_epoch


@pytest.mark.parametrize("bad", [dict(sizes=(50, 10)), dict(sizes=()), dict(models=("svm",)), dict(seeds=())])
def test_learning_curve_config_refuses_nonsense(bad):
    with pytest.raises(ValueError):
        ch.LearningCurveConfig(**bad)


def test_sizes_beyond_the_training_set_are_refused():
    with pytest.raises(ValueError, match="training digits"):
        ch.learning_curve(ch.LearningCurveConfig(sizes=(10, 5000), models=("mlp",), steps=1))


def test_the_sklearn_column_is_scikit_learns_algorithm():
    """lab/ runs scikit-learn's MLPClassifier through nncore's twin; here, the real one gives the same answers."""
    from sklearn.neural_network import MLPClassifier as SkMLP

    Xtr, Xte, ytr, yte = ch.split(2)
    idx = ch.balanced_order(ytr, 2)[:100]
    X, Xt = ch.flat(Xtr[idx]).astype(np.float64), ch.flat(Xte).astype(np.float64)
    ours = ch._fit_sklearn(X, ytr[idx], steps=60, batch_size=32, lr=0.01, seed=2)
    ref = SkMLP(learning_rate_init=0.01, batch_size=32, max_iter=ours.max_iter, random_state=2)
    with pytest.warns(Warning):       # it stops at max_iter, as intended
        ref.fit(X, ytr[idx])
    np.testing.assert_array_equal(ours.predict(Xt), ref.predict(Xt))
    np.testing.assert_allclose(ours.loss_curve_, ref.loss_curve_, rtol=1e-9)


@pytest.mark.slow
def test_the_learning_curve_rises_with_data_and_the_overfitting_gap_closes():
    """The page's claims: more data, better test accuracy; with least data the network is perfect on its
    training digits and the train−test gap is widest."""
    lc = ch.LearningCurve.combine(ch.learning_curve(ch.LearningCurveConfig(seeds=(s,))) for s in SEEDS)
    failures = []
    for m in ch.MODELS:
        test = lc.test_acc[m]
        if not np.all(test[:, -1] >= test[:, 0] + 0.15):
            failures.append((m, "largest vs smallest", test[:, [0, -1]]))
        if not np.all(np.diff(lc.mean(m)) >= -0.01):
            failures.append((m, "mean curve falls", lc.mean(m)))
        gap = lc.gap(m)
        if not np.all(gap[:, 0] > gap[:, -1] + 0.1):
            failures.append((m, "gap", gap[:, [0, -1]]))
        if not np.all(lc.train_acc[m][:, 0] == 1.0):       # "perfect on what it has seen"
            failures.append((m, "training accuracy with least data", lc.train_acc[m][:, 0]))
    assert not failures, failures


# -- the trained pair --------------------------------------------------------------------------------

def test_trained_models_rebuild_fresh_copies():
    tm = trained(0)
    _, Xte, _, yte = ch.split(0)
    a, b = tm.model("cnn"), tm.model("cnn")
    assert a is not b and not np.shares_memory(a.layers[0].params["weight"], tm.weights["cnn"][0])
    assert accuracy(yte, a.predict(Xte)) == tm.test_acc["cnn"] > 0.9
    assert accuracy(yte, tm.model("mlp").predict(ch.flat(Xte))) == tm.test_acc["mlp"] > 0.9


# -- what does it look at? ---------------------------------------------------------------------------

def test_saliency_maps():
    s = ch.saliency(ch.SaliencyConfig(indices=(0, 5, 7), patch=2), trained(0))
    _, Xte, _, yte = ch.split(0)
    for name in ("images", "gradient", "occlusion", "gradient_untrained"):
        assert getattr(s, name).shape == (3, 8, 8), name
    np.testing.assert_array_equal(s.labels, yte[[0, 5, 7]])
    assert np.all(s.gradient >= 0) and s.gradient.max() > 0
    # a pixel whose every covering 2×2 patch is already blank cannot matter to occlusion
    img = s.images
    padded = np.pad(img, ((0, 0), (1, 1), (1, 1)))
    blank = np.ones_like(img, dtype=bool)
    for di in range(3):
        for dj in range(3):
            blank &= padded[:, di:di + 8, dj:dj + 8] == 0
    assert blank.any()
    np.testing.assert_allclose(s.occlusion[blank], 0.0, atol=1e-6)
    assert np.abs(s.occlusion).max() > 0.01
    assert np.all(np.abs(s.agreement) <= 1) and np.all(np.abs(s.untrained_similarity) <= 1)
    assert not np.allclose(s.gradient, s.gradient_untrained)


@pytest.mark.parametrize("kind", ["cnn", "mlp"])
def test_maps_of_any_digit_equal_the_test_digits_own(kind):
    """saliency_of (a student's drawing) is the same computation as saliency (a test digit)."""
    config = ch.SaliencyConfig(indices=(3, 11), kind=kind, patch=3)
    s = ch.saliency(config, trained(0))
    own = ch.saliency_of(s.images, s.labels, config, trained(0))
    for name in ("gradient", "occlusion", "gradient_untrained", "agreement", "untrained_similarity",
                 "predicted", "confidence"):
        np.testing.assert_array_equal(getattr(own, name), getattr(s, name), err_msg=name)
    assert list(own.indices) == [-1, -1]


def test_maps_of_a_drawing_without_a_label_explain_the_networks_answer():
    _, Xte, _, _ = ch.split(0)
    own = ch.saliency_of(Xte[[4, 9, 20], 0], None, ch.SaliencyConfig(), trained(0))
    np.testing.assert_array_equal(own.labels, own.predicted)
    forced = ch.saliency_of(Xte[[4], 0], [(int(own.predicted[0]) + 1) % 10], ch.SaliencyConfig(), trained(0))
    assert not np.allclose(forced.gradient[0], own.gradient[0])     # another class, another map


@pytest.mark.parametrize("images, labels", [
    (np.zeros((1, 7, 8)), None), (np.full((1, 8, 8), np.nan), None), (np.full((1, 8, 8), 2.0), None),
    (np.zeros((0, 8, 8)), None), (np.zeros((1, 8, 8)), [10]), (np.zeros((2, 8, 8)), [1]),
])
def test_maps_of_a_drawing_refuse_what_is_not_one_8x8_digit_in_0_1(images, labels):
    with pytest.raises(ValueError):
        ch.saliency_of(images, labels, ch.SaliencyConfig(), trained(0))


def test_occlusion_masks_cover_the_image():
    masks = ch.occlusion_masks(3)
    assert masks.shape == (36, 8, 8) and np.all(masks.sum(axis=(1, 2)) == 9) and np.all(masks.any(axis=0))


def test_saliency_refuses_indices_outside_the_test_set():
    with pytest.raises(ValueError):
        ch.saliency(ch.SaliencyConfig(indices=(539,)), trained(0))


def test_blanking_salient_pixels_hurts_more_than_random_ones():
    check = ch.deletion_check(ch.DeletionConfig(k=4, n_digits=100), trained(0))
    assert check.drop_salient > check.drop_random > 0
    assert check.n_digits == 100


# -- can it be fooled? -------------------------------------------------------------------------------

def test_perturb_stays_in_range_and_within_eps():
    X = np.random.default_rng(0).random((5, 1, 8, 8)).astype(np.float32)
    sign = np.random.default_rng(1).choice(np.float32([-1, 1]), size=X.shape)
    out = ch.perturb(X, sign, 0.2)
    assert out.min() >= 0 and out.max() <= 1 and np.abs(out - X).max() <= 0.2 + 1e-6
    assert np.abs(out - X).max() > 0.19


def test_adversarial_result_and_example():
    r = ch.adversarial(ch.AdversarialConfig(), trained(0))
    assert {0.05, 0.1, 0.2} <= set(r.acc_fgsm) == set(r.acc_noise)
    assert r.acc_fgsm[0.0] == r.acc_noise[0.0] == r.acc_clean
    fgsm = [r.acc_fgsm[e] for e in sorted(r.acc_fgsm)]
    assert np.all(np.diff(fgsm) <= 0.005), fgsm
    assert set(np.unique(r.noise_sign)) == {-1.0, 1.0}
    ex0 = ch.fooled_example(trained(0), r, "cnn", 3, 0.0)
    assert ex0["pred"] == ex0["pred_adv"] and np.all(ex0["change"] == 0)
    ex = ch.fooled_example(trained(0), r, "cnn", 3, 0.1)
    assert np.abs(ex["change"]).max() == pytest.approx(0.1, abs=1e-6) and ex["conf_adv"] < ex["conf"]


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["cnn", "mlp"])
def test_fgsm_lowers_accuracy_far_more_than_noise_of_the_same_size(kind):
    """Done-when: at ε = 0.1 the gradient's sign costs at least 5× the accuracy random signs cost, on every seed."""
    failures = []
    for seed in SEEDS:
        r = ch.adversarial(ch.AdversarialConfig(kind=kind, noise_seed=seed), trained(seed))
        fgsm_drop, noise_drop = r.acc_clean - r.acc_fgsm[0.1], r.acc_clean - r.acc_noise[0.1]
        if not (fgsm_drop >= 0.25 and fgsm_drop >= 5 * max(noise_drop, 0.0)):
            failures.append((seed, r.acc_clean, r.acc_fgsm[0.1], r.acc_noise[0.1]))
    assert not failures, failures


# -- scene claims ------------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("scene", sorted(ch.SCENE_CLAIMS))
def test_scene_claims_hold_on_every_seed(scene):
    results = {seed: ch.SCENE_CLAIMS[scene](seed) for seed in SEEDS}
    assert all(ok for ok, _ in results.values()), {s: m for s, (ok, m) in results.items() if not ok}


# -- floors ------------------------------------------------------------------------------------------

def test_lab_challenges_imports_neither_ui_nor_sklearn():
    code = "import sys, lab.challenges; print(sorted(m for m in sys.modules if m.split('.')[0] in " \
           "('sklearn', 'ui', 'streamlit', 'plotly', 'pandas')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
