"""The "vs scikit-learn" page: twin training renders clean, parity shows, bad CSVs are refused politely."""
import numpy as np
import pytest

from tests.conftest import assert_clean, open_page
from ui import fig_compare, uploads
from ui.i18n import t
from ui.safe import user_text

PAGE = "vs_sklearn.py"
# selectboxes with a format_func keep their displayed label in the URL
DIGITS, CSV, DIFFERENT = t("compare.data_digits"), t("compare.data_csv"), t("compare.mode_different")


def _csv(rows):
    return ("\n".join(",".join(map(str, r)) for r in rows) + "\n").encode()


def _good_csv(n=60, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, 3))
    y = np.where(X[:, 0] + X[:, 1] > 0, "cat", "dog")
    return _csv([["a", "b", "c", "label"]] + [[*np.round(x, 4), lab] for x, lab in zip(X, y)])


def _labels(at):
    return {m.label for m in at.metric}


def test_defaults_train_both_and_show_parity():
    at = open_page(PAGE)
    assert_clean(at)
    assert at.success and "identical" in at.success[0].value and "NOT" not in at.success[0].value
    values = [m.value for m in at.metric]
    assert len(values) == 8 and values[1] == values[5]          # same test accuracy on both sides
    assert {"Train accuracy", "Test accuracy", "Fit time", "Epochs run"} <= _labels(at)
    assert any("MLPClassifier(" in c.value for c in at.code)
    assert at.get("download_button")


@pytest.mark.parametrize("solver", ["sgd", "adam"])
def test_digits_shows_confusion_matrices_and_parity(solver):
    at = open_page(PAGE, query={"cmp_data": DIGITS, "cmp_solver": solver, "cmp_epochs": "20",
                                "cmp_layers": "32"})
    assert_clean(at)
    assert at.success, "parity badge missing"
    assert any("Rows: true class" in c.value for c in at.caption)


def test_different_algorithms_mode_explains_the_difference():
    at = open_page(PAGE, query={"cmp_mode": DIFFERENT, "cmp_sk_solver": "lbfgs", "cmp_nn_solver": "adam",
                                "cmp_epochs": "50"})
    assert_clean(at)
    assert not at.success
    assert any("L-BFGS" in i.value for i in at.info)
    assert any("lbfgs" in c.value for c in at.code)


def test_changed_setting_marks_results_stale_until_train():
    at = open_page(PAGE)
    at.text_input(key="cmp_layers").set_value("8").run()
    assert any("previous settings" in i.value for i in at.info)
    at.button(key="cmp_train").click().run()
    assert_clean(at)
    assert not any("previous settings" in i.value for i in at.info)


def test_bad_layers_text_gives_a_message_and_hides_nothing():
    """A typo in the hidden layers: the message, every control below it, the last results (not refit),
    and the buttons that would train are off until it is fixed."""
    at = open_page(PAGE)
    before = [m.value for m in at.metric]
    result = at.session_state["_cmp_result"]
    at.text_input(key="cmp_layers").set_value("16, lots").run()
    assert not at.exception
    assert len(at.error) == 1 and "hidden-layer sizes" in at.error[0].value
    for key in ("cmp_act", "cmp_solver", "cmp_alpha", "cmp_batch", "cmp_lr", "cmp_epochs", "cmp_early", "cmp_k"):
        assert at.get_by_key(key) is not None, key
    assert [m.value for m in at.metric] == before and at.session_state["_cmp_result"] is result
    assert any("last settings that worked" in i.value for i in at.info)
    assert at.button(key="cmp_train").disabled and at.button(key="cmp_run_seeds").disabled
    assert any("hidden_layer_sizes=(16, 16)" in c.value for c in at.code)     # the code of what is shown
    at.text_input(key="cmp_layers").set_value("8").run()
    assert_clean(at)
    assert not at.button(key="cmp_train").disabled


def test_k_seeds_gives_mean_and_std():
    at = open_page(PAGE, query={"cmp_epochs": "20"})
    at.number_input(key="cmp_k").set_value(2)
    at.button(key="cmp_run_seeds").click().run()
    assert_clean(at)
    table = at.dataframe[0].value
    assert len(table) == 2 and "±" in str(table.iloc[0, 1])


def test_csv_upload_good_then_bad_keeps_previous_data():
    at = open_page(PAGE, query={"cmp_data": CSV})
    assert_clean(at)
    assert any(t("compare.csv.none_yet") in i.value for i in at.info)
    at.file_uploader[0].set_value(("good.csv", _good_csv(), "text/csv")).run()
    assert_clean(at)
    loaded = t("upload.loaded_classes", name=user_text("good.csv"), n=60, d=3, k=2, target="label")
    assert any(c.value == loaded for c in at.caption), [c.value for c in at.caption]
    at.button(key="cmp_train").click().run()
    assert_clean(at)
    trained = at.session_state["_cmp_result"][0]
    at.file_uploader[0].set_value(("bad.csv", _csv([["a", "label"]] + [[i, "x"] for i in range(30)]), "text/csv"))
    at.run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and user_text("bad.csv") in errors[0], errors
    assert t("upload.one_class", col="label", value="x") in errors[0]
    assert t("upload.kept", name=user_text("good.csv")) in errors[0]
    assert uploads.accepted("cmp_csv", at.session_state).name == "good.csv"
    assert at.session_state["_cmp_result"][0] == trained                # the trained result is the same one


def test_csv_numeric_labels_with_too_many_classes_are_refused_by_the_page_rules():
    data = _csv([["a", "label"]] + [[i, i] for i in range(40)])
    with pytest.raises(uploads.UploadError) as err:
        uploads.read_csv(data, uploads.COMPARE)
    assert err.value.key == "upload.too_many_classes" and err.value.params["limit"] == uploads.COMPARE.max_classes


def test_csv_text_labels_become_classes_in_sorted_order():
    _, table = uploads.read_csv(_good_csv(), uploads.COMPARE)
    assert table.X.shape == (60, 3) and table.X.dtype == np.float64
    assert table.classes == ["cat", "dog"] and set(table.y) == {0, 1}
    assert table.features == ["a", "b", "c"]


@pytest.mark.parametrize("text, expected", [("16, 16", (16, 16)), ("8", (8,)), ("4;4 4", (4, 4, 4))])
def test_parse_layers(text, expected):
    assert fig_compare.parse_layers(text) == expected


@pytest.mark.parametrize("text", ["", "0", "16,x", "1,2,3,4,5", "9999"])
def test_parse_layers_rejects(text):
    with pytest.raises(ValueError):
        fig_compare.parse_layers(text)


def test_the_twins_scene_is_the_page_at_the_settings_its_claim_checks():
    from lab.compare import TWINS_DATA, TWINS_PARAMS, page_split
    from ui.scenes import SCENES
    scene = next(s for s in SCENES if s.id == "twins")
    at = open_page(PAGE, query=scene.query())
    assert_clean(at)
    _, result, mode, sk_params, nn_params, data = at.session_state["_cmp_result"]
    assert mode == "same" and sk_params == nn_params
    assert {**sk_params, "hidden_layer_sizes": tuple(sk_params["hidden_layer_sizes"])} == {**TWINS_PARAMS,
                                                                                           "random_state": 0}
    assert np.array_equal(data["X_tr"], page_split(**TWINS_DATA, seed=0)[0])
    assert result["same_predictions"] and result["max_rel_loss_diff"] <= 1e-14
