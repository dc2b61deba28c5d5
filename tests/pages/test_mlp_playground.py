"""MLP Playground page (AppTest), its CSV upload included (the reader itself: tests/ui/test_uploads.py)."""
import re
from dataclasses import replace

import numpy as np
import pytest

from lab.playground import SCENES, train
from tests.conftest import assert_clean, open_page
from ui import uploads
from ui.i18n import t
from ui.safe import user_text

PAGE = "mlp_playground.py"
DATASETS = ["circles", "xor", "gaussians", "spiral", "moons", "blobs", "random_labels", "plane", "bump"]
POINTS = np.random.default_rng(0).uniform(-1, 1, (80, 2))
GOOD_CSV = b"a,b,label\n" + b"".join(f"{x:.3f},{y:.3f},{'yes' if x * y > 0 else 'no'}\n".encode() for x, y in POINTS)


def metrics(at):
    return {m.label: m.value for m in at.metric}


def epoch(at) -> str:
    """The epoch the progress line shows ("Epoch 1,000 / 1,000 — finished" → "1,000")."""
    return re.match(r"\D*([\d,]+) /", at.get("progress")[0].proto.text).group(1)


def button(at, key):
    hits = [b for b in at.button if b.key == key]
    return hits[0] if hits else None


def train_to_end(at, max_runs=60):
    button(at, "mlp_live_start").click().run()
    for _ in range(max_runs):
        if button(at, "mlp_live_pause") is None:
            break
        at.run()
    return at


@pytest.fixture(scope="module")
def fresh():
    return lambda **q: open_page(PAGE, query=q or None)


# -- data sets and scenes -------------------------------------------------------------------------

@pytest.mark.parametrize("name", DATASETS)
def test_each_data_set_renders_and_trains_a_step(fresh, name):
    at = fresh()
    at.selectbox(key="mlp_data").set_value(name).run()
    assert_clean(at)
    button(at, "mlp_live_step").click().run()
    assert_clean(at)
    m = metrics(at)
    assert epoch(at) == "1"
    score = "Test R²" if name in ("plane", "bump") else "Test accuracy"
    assert m[score] != "—"
    assert len(at.get("image")) >= 1  # the decision surface (and unit maps) are images


SCENE_STATE = [("xor", "xor", 0), ("spiral", "spiral", 1), ("overfit", "moons", 3),
               ("keras", "random_labels", 1), ("playground", "circles", 2)]


@pytest.mark.parametrize("scene, data, layers", SCENE_STATE)
def test_each_scene_opens_from_its_url(fresh, scene, data, layers):
    at = fresh(mlp_scene=t(f"mlp.scene.{scene}"))  # Streamlit stores a choice's label in the URL
    assert_clean(at)
    assert at.selectbox(key="mlp_scene").value == scene
    assert at.selectbox(key="mlp_data").value == data
    assert at.number_input(key="mlp_layers").value == layers


@pytest.mark.parametrize("scene, data, layers", SCENE_STATE)
def test_choosing_a_scene_sets_its_controls(fresh, scene, data, layers):
    at = fresh()
    at.selectbox(key="mlp_scene").set_value(scene).run()
    assert_clean(at)
    assert at.selectbox(key="mlp_data").value == data
    assert at.number_input(key="mlp_layers").value == layers
    units = [n.key for n in at.number_input if n.key.startswith("mlp_units_")]
    assert units == [f"mlp_units_{i}" for i in range(layers)]
    assert t(f"mlp.story.{scene}")[:30] in at.info[0].value


# -- live training --------------------------------------------------------------------------------

def test_train_to_end_of_the_default_scene(fresh):
    at = train_to_end(fresh())
    assert_clean(at)
    m = metrics(at)
    assert epoch(at) == "100"
    assert float(m["Test accuracy"].rstrip("%")) >= 90
    assert "finished" in at.get("progress")[0].proto.text
    assert button(at, "mlp_live_start").label == t("live.more")


def test_a_start_shows_the_final_numbers_of_the_same_run_made_by_the_lab(fresh):
    """However the run is sliced into refreshes, the page ends on the numbers of lab.playground.train."""
    at = train_to_end(fresh(mlp_seed="7"))
    h = train(replace(SCENES["playground"], seed=7)).history
    m = metrics(at)
    assert epoch(at) == "100"
    assert m[t("mlp.m.train_loss")] == f"{h['loss'][-1]:.3f}" and m[t("mlp.m.test_loss")] == f"{h['val_loss'][-1]:.3f}"
    assert m[t("mlp.m.train_acc")] == f"{h['score'][-1]:.1%}"
    assert m[t("mlp.m.test_acc")] == f"{h['val_score'][-1]:.1%}"


def test_pause_then_step_advances_one_epoch(fresh):
    at = fresh(mlp_epochs="1000")
    button(at, "mlp_live_start").click().run()
    assert button(at, "mlp_live_pause") is not None
    button(at, "mlp_live_pause").click().run()
    assert button(at, "mlp_live_pause") is None
    before = int(epoch(at).replace(",", ""))
    assert 0 < before < 1000
    button(at, "mlp_live_step").click().run()
    assert int(epoch(at).replace(",", "")) == before + 1
    assert_clean(at)


def test_reset_starts_again_from_epoch_zero(fresh):
    at = fresh()
    button(at, "mlp_live_step").click().run()
    button(at, "mlp_live_reset").click().run()
    assert epoch(at) == "0"


def test_diverging_learning_rate_warns_and_stops(fresh):
    at = fresh(mlp_lr="10", mlp_opt=t("mlp.opt.sgd"), mlp_layers="3", mlp_loss=t("mlp.loss.mse"))
    for i in range(3):
        at.number_input(key=f"mlp_units_{i}").set_value(64)
        at.selectbox(key=f"mlp_act_{i}").set_value("relu")
    at.run()
    train_to_end(at)
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert t("mlp.diverged_hint")[:40] in warnings
    assert button(at, "mlp_live_start").disabled


@pytest.mark.parametrize("n", [0, 1, 4, 6])
def test_hidden_layers_are_added_and_removed(fresh, n):
    at = fresh()
    at.number_input(key="mlp_layers").set_value(n).run()
    assert_clean(at)
    assert len([x for x in at.number_input if x.key.startswith("mlp_units_")]) == n
    if n == 0:
        assert any(t("mlp.units_none")[:30] in c.value for c in at.caption)


def test_features_change_the_network_inputs(fresh):
    at = fresh()
    at.button_group(key="mlp_features").set_value(["x1", "x2", "x1sq", "x2sq", "sin_x1"]).run()
    assert_clean(at)
    assert any("weights and biases" in c.value and "40" in c.value for c in at.caption)  # 5·4+4 + 4·2+2 + 2·2+2


def test_no_features_is_a_clear_message(fresh):
    at = fresh()
    at.button_group(key="mlp_features").set_value([]).run()
    assert not at.exception
    assert any(t("mlp.no_features") in w.value for w in at.warning)


def test_classroom_view_locks_the_advanced_controls(fresh):
    at = fresh(mlp_simple="true")
    assert_clean(at)
    assert at.select_slider(key="mlp_batch").disabled
    assert at.selectbox(key="mlp_opt").disabled
    assert not at.select_slider(key="mlp_lr").disabled


def test_exports_offer_model_history_and_code(fresh):
    at = fresh()
    button(at, "mlp_live_step").click().run()
    codes = [c.value for c in at.code]
    assert any("PlaygroundModel" in c for c in codes)
    assert any("MLPClassifier" in c and "hidden_layer_sizes=(4, 2)" in c for c in codes)
    keys = {d.key for d in at.get("download_button")} if at.get("download_button") else set()
    assert {"mlp_dl_model", "mlp_dl_history"} <= keys or len(at.get("download_button")) >= 2


def test_exported_nncore_code_runs():
    from lab.playground import PlaygroundConfig, PlaygroundData
    from ui.fig_mlp import code_nncore
    cfg = PlaygroundConfig(n=100, hidden=(4,), activations=("tanh",))
    scope = {}
    exec(compile(code_nncore(cfg, PlaygroundData.builtin(cfg), 3), "<export>", "exec"), scope)  # noqa: S102
    assert scope["trainer"].epoch == 3


# -- CSV upload (a few cases through the page; the whole bad-file corpus: tests/fuzz/test_bad_files.py) -----

@pytest.mark.parametrize("newline", ["\n", "\r"], ids=["lf", "old_mac_cr"])
def test_good_csv_upload_switches_to_it(fresh, newline):
    """Old-Mac line endings (\r alone) used to raise csv.Error in the upload callback: a traceback
    instead of the page."""
    at = fresh()
    at.file_uploader[0].set_value(("points.csv", GOOD_CSV.replace(b"\n", newline.encode()), "text/csv")).run()
    assert_clean(at)
    assert at.selectbox(key="mlp_data").value == "csv"
    assert any(user_text("points.csv") in c.value for c in at.caption)
    button(at, "mlp_live_step").click().run()
    assert epoch(at) == "1"


@pytest.mark.parametrize("content, key, col", [
    (b"", "upload.empty", ""),
    ("a,b,label\n1,2,é\n".encode("latin-1"), "upload.not_utf8", ""),
    (b"a,b,label\n1,2,0\n2,3,0\n", "upload.one_class", "label"),
])
def test_bad_csv_upload_is_a_message_and_the_data_stays(fresh, content, key, col):
    at = fresh()
    at.file_uploader[0].set_value(("bad.csv", content, "text/csv")).run()
    assert not at.exception
    first_words = t(key, col=col, n=1, rows="3", value="0", limit=10, byte="0x", line=2, guess="")[:20]
    assert any(first_words in e.value and user_text("bad.csv") in e.value for e in at.error), \
        [e.value for e in at.error]
    assert at.selectbox(key="mlp_data").value == "circles"
    button(at, "mlp_live_step").click().run()
    assert epoch(at) == "1"  # the previous data still trains


def test_bad_csv_after_a_good_one_keeps_the_good_one_and_the_message_stays_its_own(fresh):
    """Issue 22, case 2: a Latin-1 file after a good one; the message names that file and its
    encoding, still after Step, and never blames the columns of the data in use."""
    at = fresh()
    at.file_uploader[0].set_value(("points.csv", GOOD_CSV, "text/csv")).run()
    at.file_uploader[0].set_value(("latin.csv", "a,b,label\n1,2,é\n".encode("latin-1"), "text/csv")).run()
    for _ in range(2):
        assert not at.exception
        errors = [e.value for e in at.error]
        assert len(errors) == 1 and user_text("latin.csv") in errors[0] and "0xE9" in errors[0], errors
        assert t("upload.kept", name=user_text("points.csv")) in errors[0]
        assert at.selectbox(key="mlp_data").value == "csv"
        assert uploads.accepted("mlp_csv", at.session_state).name == "points.csv"
        button(at, "mlp_live_step").click().run()
    assert epoch(at) == "2"


def test_a_refused_column_choice_goes_back_and_says_why(fresh):
    at = fresh()
    at.file_uploader[0].set_value(("points.csv", GOOD_CSV, "text/csv")).run()
    at.selectbox(key="mlp_csv_x1").set_value("a").run()
    assert not at.exception
    assert any(t("upload.same_column") in e.value for e in at.error), [e.value for e in at.error]
    assert at.selectbox(key="mlp_csv_x1").value == "b"                  # the picker shows what is in use
    assert uploads.accepted("mlp_csv", at.session_state).features == ["a", "b"]
    at.run()
    assert not at.error                                                  # said once, not after every rerun


@pytest.mark.parametrize("scene_id,name", [("xor_hidden", "xor"), ("spiral_depth", "spiral"), ("overfit", "overfit"),
                                           ("article_keras", "keras")])
def test_each_scene_link_opens_exactly_the_settings_its_claim_checks(scene_id, name):
    from lab.playground import SCENES as CONFIGS
    from ui.scenes import SCENES
    scene = next(s for s in SCENES if s.id == scene_id)
    at = open_page("mlp_playground.py", query=scene.query())
    assert_clean(at)
    run = at.session_state["_live_mlp_live"]
    cfg = run.sig[1]
    assert cfg == CONFIGS[name] and run.epochs == CONFIGS[name].epochs
