"""Real browser: the RNN scene shows its contrast when a lecturer presses Start — the plain RNN at chance and
LSTM and GRU remembering the symbol 20 steps later — on at least 4 of seeds 0–4 (the issue's bar; the lab
claim holds on all of seeds 0–5)."""
from urllib.parse import urlencode

import pytest

from lab.sequences import BRIDGED_MIN, CHANCE_MAX
from tests.e2e.conftest import ARTIFACTS, wait_ready
from tests.e2e.test_interactions import click, wait_text
from ui.scenes import SCENES

pytestmark = pytest.mark.e2e
SCENE = next(s for s in SCENES if s.id == "rnn_forgets")
METRIC = """
(label) => {
  for (const m of document.querySelectorAll('[data-testid=stMetric]')) {
    const l = m.querySelector('[data-testid=stMetricLabel]');
    if (l && l.innerText.trim() === label) return m.querySelector('[data-testid=stMetricValue]').innerText;
  }
  return null;
}
"""


def test_plain_rnn_forgets_while_lstm_and_gru_remember(server, new_page):
    page = new_page()
    shown = {}
    for seed in range(5):
        for cell in ("RNN", "LSTM", "GRU"):
            query = {**SCENE.query(), "rnn_cell": cell, "rnn_seed": str(seed)}
            page.goto(f"{server}/rnn?{urlencode(query)}")
            wait_ready(page)
            click(page, "Start")
            wait_text(page, "[data-testid=stProgress]", "finished")
            wait_ready(page)
            value = page.evaluate(METRIC, "Test accuracy")
            shown[seed, cell] = float(value.rstrip("%")) / 100
    ARTIFACTS.parent.mkdir(parents=True, exist_ok=True)     # the measured table, for the closing note
    (ARTIFACTS.parent / "rnn_scene.txt").write_text("".join(
        f"seed {s}: " + "  ".join(f"{c} {shown[s, c]:.1%}" for c in ("RNN", "LSTM", "GRU")) + "\n" for s in range(5)))
    holds = [s for s in range(5) if shown[s, "RNN"] <= CHANCE_MAX
             and min(shown[s, "LSTM"], shown[s, "GRU"]) >= BRIDGED_MIN]
    assert len(holds) >= 4, shown
