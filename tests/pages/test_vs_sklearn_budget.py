"""vs scikit-learn's work budget (issue 22, case 5): a link never starts a heavy fit on opening; heavy
settings train only on a click, one library per slice, within a cap stated on screen.

Asserted on work done (results stored, steps run, epochs fitted), never on wall-clock time."""
import logging

import pytest

from lab.compare import MAX_WORK, twin_budget
from tests.conftest import assert_clean, open_page
from ui.i18n import TABLES, t

logging.getLogger("streamlit").setLevel(logging.ERROR)
PAGE = "vs_sklearn.py"
DIGITS = t("compare.data_digits")
ISSUE_LINK = {"cmp_data": DIGITS, "cmp_layers": "512,512,512,512", "cmp_batch": "8", "cmp_epochs": "500",
              "cmp_lr": "0.0001"}
HEAVY = {"cmp_data": DIGITS, "cmp_layers": "64,64", "cmp_batch": "8", "cmp_epochs": "500"}
_p = dict(hidden_layer_sizes=(64, 64), batch_size=8, max_iter=500, solver="adam")
ALLOWED = twin_budget(1257, 64, 10, _p, _p).allowed     # the digits' 1,257 training rows: epochs under the cap
CAP = f"{MAX_WORK / 1e9:,.1f}"


def job(at, name):
    return at.session_state[f"_job_{name}"] if f"_job_{name}" in at.session_state else None


def stored(at):
    return at.session_state["_cmp_result"] if "_cmp_result" in at.session_state else None


def test_the_issue_link_opens_without_training_and_names_the_cap():
    """The link from the issue started a 45-second fit on opening; now nothing trains and the page says why."""
    at = open_page(PAGE, query=ISSUE_LINK)
    assert not at.exception
    assert stored(at) is None and job(at, "cmp_twin") is None            # no fit ran, none is queued
    assert len(at.error) == 1 and CAP in at.error[0].value and "epoch" in at.error[0].value
    assert [w.key for w in at.text_input] == ["cmp_layers"]                # the controls are there to fix it


def test_a_heavy_link_waits_for_a_click_then_trains_one_library_per_slice_within_the_cap():
    at = open_page(PAGE, query=HEAVY)
    assert_clean(at)
    assert stored(at) is None and job(at, "cmp_twin") is None
    assert 1 < ALLOWED < 500
    assert any(f"{ALLOWED} of the 500 epochs" in w.value and CAP in w.value for w in at.warning)
    assert any(t("budget.press_train", work="").split("(")[0] in i.value for i in at.info)
    assert any(CAP in c.value for c in at.caption)
    at.button(key="cmp_train").click().run()
    running = job(at, "cmp_twin")
    assert running is not None and running.running and len(running.results) == 1    # scikit-learn's side only
    assert stored(at) is None
    for _ in range(20):
        if stored(at) is not None:
            break
        at.run()
    assert_clean(at)
    sig, result, *_ = stored(at)
    assert result["sklearn"]["n_iter"] == result["nncore"]["n_iter"] <= ALLOWED     # cut to the cap, both alike
    assert result["same_predictions"] and result["max_rel_loss_diff"] <= 1e-10      # still the same algorithm
    assert job(at, "cmp_twin") is None


def test_the_defaults_still_train_on_opening():
    for query in ({}, {"cmp_data": DIGITS}):
        at = open_page(PAGE, query=query)
        assert_clean(at)
        assert stored(at) is not None and job(at, "cmp_twin") is None


@pytest.mark.slow
def test_seeds_run_in_slices_one_fit_each():
    """Digits' defaults twice (2 × 6.3 billion per library) are over the budget of a run done at once."""
    at = open_page(PAGE, query={"cmp_k": "2", "cmp_data": DIGITS})
    at.button(key="cmp_run_seeds").click().run()
    running = job(at, "cmp_seeds")
    assert running is not None and len(running.steps) == 4 and len(running.results) == 1
    for _ in range(20):
        if "_cmp_seeds" in at.session_state:
            break
        at.run()
    assert_clean(at)
    _, rows = at.session_state["_cmp_seeds"]
    assert [(r["seed"], r["engine"]) for r in rows] == [(0, "sklearn"), (0, "nncore"), (1, "sklearn"), (1, "nncore")]
    assert rows[0]["test_acc"] == rows[1]["test_acc"] and rows[2]["test_acc"] == rows[3]["test_acc"]


def test_the_cap_is_stated_in_chinese_too():
    at = open_page(PAGE, query={**HEAVY, "cmp_data": TABLES["zh"]["compare.data_digits"], "lang": "zh"})
    assert not at.exception and at.session_state["cmp_data"] == "digits"
    assert any(TABLES["zh"]["budget.capped"].split("{")[0] in w.value for w in at.warning)
