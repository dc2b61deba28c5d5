"""The server warm-up of the Challenges page's caches: off under tests, and a failure is logged, not raised."""
import logging

from ui import challenges_cache as cc
from ui import warm


def test_the_cache_warm_up_does_not_start_under_pytest():
    assert warm.serving() is False


def test_a_failing_warm_up_is_logged_not_raised(monkeypatch, caplog):
    def broken(*args):
        raise RuntimeError("no digits today")

    monkeypatch.setattr(cc, "attack", broken)
    with caplog.at_level(logging.ERROR, logger=cc.__name__):
        cc.warm_defaults()
    assert any("no digits today" in (r.exc_text or str(r.exc_info)) for r in caplog.records)
