"""Challenges' work budget (issue 22): a link with another seed or more repeats opens without training;
those networks train only on a click, one part per refresh. Asserted on training steps counted, never time."""
import logging

import pytest

from nncore.model import Trainer
from tests.conftest import assert_clean, open_page
from ui.i18n import t

logging.getLogger("streamlit").setLevel(logging.ERROR)
PAGE = "challenges.py"


@pytest.fixture
def steps(monkeypatch):
    """Every nncore training step taken while the test runs (a list that grows)."""
    taken, step = [], Trainer.step
    monkeypatch.setattr(Trainer, "step", lambda self: taken.append(1) or step(self))
    return taken


def waits_for_a_click(at):
    assert_clean(at)
    assert at.button(key=next(b.key for b in at.button if b.key.endswith("_run")))
    assert any(t("jobs.waits", button=t("jobs.run"))[:40] in i.value for i in at.info)


@pytest.mark.slow
def test_a_link_to_more_learning_curve_seeds_trains_nothing_until_asked_then_one_seed_per_refresh(steps):
    at = open_page(PAGE, query={"ch_view": t("challenges.view_data"), "ch_lc_seed": "77", "ch_repeats": "2"})
    waits_for_a_click(at)
    assert steps == [] and "_job_ch_curves" not in at.session_state
    at.button(key="ch_curves_run").click().run()
    job = at.session_state["_job_ch_curves"]
    assert len(job.steps) == 2 and len(job.results) == 1 and steps       # one seed in this refresh
    for _ in range(10):
        if job.done:
            break
        at.run()
    at.run()
    assert_clean(at)
    assert job.done and at.get("plotly_chart")                             # the learning curve is drawn


def test_a_link_to_another_seeds_networks_trains_nothing_on_opening(steps):
    at = open_page(PAGE, query={"ch_seed": "1234"})
    waits_for_a_click(at)
    assert steps == [] and "_job_ch_models" not in at.session_state
