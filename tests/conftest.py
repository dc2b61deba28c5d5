"""Shared test fixtures: open any page of the app through Streamlit's AppTest."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Hypothesis: fresh random examples on every run (never derandomised). A failing example is saved in
# the directory database (.hypothesis/, not in git) and replayed first on the next run. CI=true picks the
# "ci" profile, which draws more examples; a page's fuzz example is a whole session, ~1-3 s.
_COMMON = dict(deadline=None, derandomize=False, print_blob=True,
               database=DirectoryBasedExampleDatabase(str(ROOT / ".hypothesis" / "examples")),
               suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("default", max_examples=20, **_COMMON)
settings.register_profile("ci", max_examples=60, **_COMMON)
settings.load_profile("ci" if os.environ.get("CI", "").lower() == "true" else "default")


def open_page(file: str, timeout: float = 60, query: dict | None = None):
    """Open ``pages/<file>`` as a first visit would (query parameters included); return the AppTest."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=timeout)
    if file != "home.py":
        at.switch_page(f"pages/{file}")
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return at.run()


CONTROLS = ("button", "checkbox", "toggle", "slider", "select_slider", "selectbox", "radio", "number_input",
            "text_input", "text_area", "multiselect", "segmented_control", "button_group", "pills", "file_uploader")


def controls_without_help(at):
    """(kind, label) of every control on the page whose ``help`` (the ⓘ tooltip) is empty."""
    missing = []
    for kind in CONTROLS:
        try:
            found = list(getattr(at, kind))
        except (AttributeError, KeyError):     # a kind AppTest does not list by that name
            continue
        missing += [(kind, getattr(w, "label", None)) for w in found if not getattr(w, "help", None)]
    return missing


def assert_clean(at):
    """No exception element, and no error message, on the page."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.fixture
def replay_cache(monkeypatch):
    """A fresh replay cache (64 MB) in place of the process's own, for one test."""
    from ui import replay

    c = replay.ReplayCache(max_bytes=64 * 2 ** 20)
    monkeypatch.setattr(replay, "cache", c)
    return c


@pytest.fixture
def page():
    return open_page


def pytest_configure(config):
    os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")


def parse_percent(text: str) -> float:
    """The fraction ``ui.figures.percent`` wrote: "2 × 10⁻⁵ %" → 2e-7, "8.6 %" → 0.086."""
    body = text.replace("%", "").strip()
    if "10" in body and any(c in body for c in "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"):
        head, _, power = body.rpartition("10")
        exponent = int(power.translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")))
        mantissa = float(head.replace("×", "").strip() or 1)
        return mantissa * 10.0 ** exponent / 100.0
    return float(body) / 100.0
