"""Fuzzing: random widget configurations on every page through AppTest — no exception, ever.

FUZZ_EXAMPLES sets the number of configurations per page (default 200). Each example
changes one to three widgets of the page as it currently is (buttons included), reruns,
and checks that no exception element appeared; the page keeps its state between
examples, as a student's session would.
"""
import os

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as hs

from tests.conftest import open_page
from tests.fuzz.widgets import perturb, widgets
from ui.nav import existing_pages

pytestmark = pytest.mark.slow
N_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))
PAGES = [row[1] for row in existing_pages()]


# One configuration: up to three (widget fraction, value fraction, value fraction, extreme) draws.
CHANGE = hs.tuples(hs.floats(0, 1, exclude_max=True), hs.floats(0, 1, exclude_max=True),
                   hs.floats(0, 1, exclude_max=True), hs.sampled_from([None, None, None, "min", "max"]))
CONFIG = hs.lists(CHANGE, min_size=1, max_size=3)


@pytest.mark.parametrize("file", PAGES)
def test_random_widget_configurations(file):
    at = open_page(file)
    assert not at.exception
    log = []

    @settings(max_examples=N_EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
    @given(CONFIG)
    def one_configuration(config):
        found = widgets(at)
        if not found:
            return
        changed = []
        for pick, u, v, extreme in config:
            kind, w = found[int(pick * len(found))]
            try:
                changed.append(perturb(w, kind, u, v, extreme))
            except (ValueError, KeyError, IndexError, TypeError) as exc:  # the driver, not the app
                changed.append(f"{kind}: not settable here ({exc})")
        at.run()
        log.append(changed)
        assert not at.exception, (file, changed, [e.value for e in at.exception])

    one_configuration()
    assert len(log) >= N_EXAMPLES * 0.9  # every configuration really ran
