"""Fuzzing: random sessions on every page through AppTest — no exception, ever.

One example is one student's session: a fresh page, then one to eight rounds, each changing one to three
widgets of the page as it is at that moment (buttons included) and rerunning. Hypothesis draws new
sessions on every run (profiles in tests/conftest.py: ``CI=true`` selects the larger "ci" profile, of which
this file takes ``CI_SESSIONS`` sessions a page: its ≈ 0.4–1.4 s sessions were a third of the whole suite); a
session that fails is kept in the example database under .hypothesis/ and replayed first next time, and,
since it starts from a fresh page, it replays exactly. FUZZ_EXAMPLES, if set, overrides the number of
sessions per page.
"""
import os

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as hs

from tests.conftest import open_page
from tests.fuzz.widgets import perturb, widgets
from ui.nav import existing_pages

pytestmark = pytest.mark.slow
PAGES = [row[1] for row in existing_pages()]
CI_SESSIONS = 24
OVERRIDE = ({"max_examples": int(os.environ["FUZZ_EXAMPLES"])} if os.environ.get("FUZZ_EXAMPLES")
            else {"max_examples": CI_SESSIONS} if os.environ.get("CI", "").lower() == "true" else {})

# One change: (widget fraction, value fraction, value fraction, extreme) — fractions of whatever the page shows.
CHANGE = hs.tuples(hs.floats(0, 1, exclude_max=True), hs.floats(0, 1, exclude_max=True),
                   hs.floats(0, 1, exclude_max=True), hs.sampled_from([None, None, None, "min", "max"]))
ROUND = hs.lists(CHANGE, min_size=1, max_size=3)
SESSION = hs.lists(ROUND, min_size=1, max_size=8)


def play(file, session):
    """Open ``file`` fresh and play ``session``; return the log of what was set, round by round.

    Fails (AssertionError naming the page and the whole log) on the first exception element.
    """
    at = open_page(file)
    log = []
    assert not at.exception, (file, "on opening", [e.value for e in at.exception])
    for changes in session:
        found = widgets(at)
        if not found:
            break
        changed = []
        for pick, u, v, extreme in changes:
            kind, w = found[int(pick * len(found))]
            try:
                changed.append(perturb(w, kind, u, v, extreme))
            except (ValueError, KeyError, IndexError, TypeError) as exc:  # the driver, not the app
                changed.append(f"{kind}: not settable here ({exc})")
        log.append(changed)
        try:
            at.run()
        except ValueError as exc:
            # The app's own errors become exception elements; an error raised out of run() is AppTest's. The
            # driver picks options by their displayed text, and after the language switch AppTest cannot map
            # an English label to the Chinese options any more (a browser sends an index): the session ends.
            if not _raised_in_apptest(exc):
                raise
            log.append([f"AppTest could not send the widget states ({exc}); session ends"])
            break
        assert not at.exception, (file, log, [e.value for e in at.exception])
    return log


def _raised_in_apptest(exc: BaseException) -> bool:
    """True when the innermost frame of ``exc`` is in Streamlit's testing package."""
    tb = exc.__traceback__
    while tb.tb_next is not None:
        tb = tb.tb_next
    return f"{os.sep}streamlit{os.sep}testing{os.sep}" in tb.tb_frame.f_code.co_filename


# Shrinking is left out: each call replays a whole session (seconds), and the failing session is reported in
# full anyway. With @given on the parametrised test itself, each page keeps its own failures in the database.
@pytest.mark.parametrize("file", PAGES)
@settings(phases=[Phase.explicit, Phase.reuse, Phase.generate], suppress_health_check=list(HealthCheck), **OVERRIDE)
@given(session=SESSION)
def test_random_sessions_never_raise(file, session):
    assert play(file, session)                  # at least one round ran
