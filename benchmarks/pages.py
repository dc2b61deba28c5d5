"""First render of every page with its defaults, through AppTest (the budget is ≤ 1.5 s).

Imports are warmed once (as on a running server); then each page is opened in a
fresh AppTest session several times, interleaved across pages, and the median is printed.

    python benchmarks/pages.py [--repeats 3]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402


def open_page(file):
    """A new AppTest session on the app opened straight at ``file`` (a page's file name, or "home.py"):
    (seconds its first run took, the AppTest), for a benchmark that goes on to click in it."""
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    if file != "home.py":
        at.switch_page(f"pages/{file}")
    t0 = time.perf_counter()
    at.run()
    return time.perf_counter() - t0, at


def first_render(file):
    """Seconds to run the app and switch to ``file`` with its defaults; the switch is what is timed."""
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    t0 = time.perf_counter()
    at.run()
    if file != "home.py":
        t0 = time.perf_counter()
        at.switch_page(f"pages/{file}")
        at.run()
    elapsed = time.perf_counter() - t0
    if at.exception:
        raise RuntimeError(f"{file}: {at.exception[0].value}")
    return elapsed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    # imported here, not at the top: importing ui warms every import, and open_page's callers time a
    # cold process's first render
    from ui.nav import existing_pages

    files = [row[1] for row in existing_pages()]
    first_render("home.py")  # warm imports (plotly, streamlit internals) as a running server has them
    times = {f: [] for f in files}
    for _ in range(args.repeats):
        for f in files:
            times[f].append(first_render(f))
    print(f"{'page':<20} {'median s':>9} {'max s':>7}  budget 1.5 s")
    for f in files:
        med = statistics.median(times[f])
        print(f"{f:<20} {med:9.2f} {max(times[f]):7.2f}  {'ok' if med <= 1.5 else 'OVER'}")


if __name__ == "__main__":
    main()
