"""Load, small: 4 concurrent browser sessions on one server, each on a different page and seed.

All finish, with no exception, and each session's numbers equal the same seed's numbers
from a session run alone (no cross-talk). The full-size run is benchmarks/load.py.
"""
import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from benchmarks.load import JOBS, run
from tests.e2e.conftest import need_browser

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_four_concurrent_sessions_finish_with_their_own_results():
    need_browser()
    jobs = [j for j in JOBS if j["name"] in ("mlp-playground", "cnn", "rnn", "vs-sklearn")]
    # Its own thread: the sync Playwright fixtures of other tests may hold this thread's event loop.
    with ThreadPoolExecutor(1) as pool:
        out = pool.submit(asyncio.run, run(4, 240, jobs)).result()  # re-raises any error here
    print(f"\nload: {out['sessions']} sessions, peak RSS {out['peak_rss_mb']:.0f} MB, "
          f"p95 {out['p95_s']:.1f} s")
    assert out["finished"] == 4, [(r["job"], r["ok"], round(r["seconds"], 1)) for r in out["results"]]
    assert all(r["result"] for r in out["results"])
    assert out["mismatches"] == 0, [(r["job"], r["result"], out["reference"][(r["job"], r["seed"])]["result"])
                                    for r in out["results"]]
