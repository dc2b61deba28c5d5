"""Learning rules page: run times of its default runs, its first render, and the figures its claims rest on.

    python benchmarks/learning_rules.py             # times (budgets: each default run ≤ 3 s, first render ≤ 1 s)
    python benchmarks/learning_rules.py --figures   # also the claims over seeds 0..5 (mean ± std)

Times are wall-clock medians of ``--repeats`` runs on this machine, measured interleaved, with one BLAS
thread as the app runs (``ui/blas.py``).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lab import learning_rules as lr  # noqa: E402
from ui.blas import limit_blas_threads  # noqa: E402  (the app's one-BLAS-thread setting; importing ui warms it)
from ui.i18n import TABLES  # noqa: E402

VIEW = {v: TABLES["en"][f"rules.view_{v}"] for v in ("stdp", "hebb", "fa")}   # the URL holds the shown label


def timed(fn):
    """(wall s, CPU s of this process, result): on a shared machine the CPU time is the cost, the wall time the wait."""
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - t0, time.process_time() - c0, out


def first_render(view=None):
    """Seconds for the page's first run in a fresh AppTest session, after the shell has run (as on a server)."""
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/learning_rules.py")
    if view:
        at.query_params["rules_view"] = VIEW[view]
    t0 = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - t0
    if at.exception:
        raise RuntimeError(at.exception[0].value)
    return elapsed


def live_start_to_end(view, key):
    """Seconds from pressing Start to the end of the default run, through AppTest reruns (no browser)."""
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/learning_rules.py")
    at.query_params["rules_view"] = VIEW[view]
    at.run()
    t0 = time.perf_counter()
    next(b for b in at.button if b.key == f"{key}_start").click().run()
    while any(b.key == f"{key}_pause" for b in at.button):
        at.run()
    return time.perf_counter() - t0


def mean_sd(xs):
    xs = np.asarray(xs, dtype=float)
    return f"{xs.mean():.3f} ± {xs.std(ddof=1):.3f}"


def figures(seeds):
    rows = {"stdp": [], "oja_cloud": [], "oja_digits": [], "fa": []}
    for s in seeds:
        r = lr.run_stdp(lr.STDPConfig(seed=s))
        rows["stdp"].append((r.w_final[r.correlated].mean(), r.w_final[~r.correlated].mean(), r.gap,
                             r.rate_hz[0], r.settled_rate_hz))
        rows["oja_cloud"].append(lr.run_oja(lr.OjaConfig(seed=s)).final_cos)
        rows["oja_digits"].append(lr.run_oja(replace(lr.DIGITS_OJA, seed=s)).final_cos)
        f = lr.run_feedback_alignment(lr.FeedbackAlignmentConfig(seed=s))
        rows["fa"].append((f.test_acc["backprop"][-1], f.test_acc["feedback_alignment"][-1], f.gap,
                           f.angle_start_deg, f.angle_deg[-1]))
    st = np.asarray(rows["stdp"])
    fa = np.asarray(rows["fa"])
    print(f"\nclaims over seeds {list(seeds)} (mean ± sd)")
    print(f"  STDP  w correlated {mean_sd(st[:, 0])} g_max, w independent {mean_sd(st[:, 1])} g_max, "
          f"gap {mean_sd(st[:, 2])}; output rate 1st s {mean_sd(st[:, 3])} Hz → last 5 s {mean_sd(st[:, 4])} Hz")
    print(f"  Oja   |cos(w, PC1)| cloud {mean_sd(rows['oja_cloud'])}, digits {mean_sd(rows['oja_digits'])} "
          f"(min {min(rows['oja_cloud'] + rows['oja_digits']):.4f})")
    print(f"  FA    test acc backprop {mean_sd(fa[:, 0])}, feedback alignment {mean_sd(fa[:, 1])}, "
          f"gap {mean_sd(fa[:, 2] * 100)} points; angle {mean_sd(fa[:, 3])}° at start → {mean_sd(fa[:, 4])}° "
          f"after {lr.FeedbackAlignmentConfig().epochs} epochs")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--figures", action="store_true")
    ap.add_argument("--no-app", action="store_true", help="skip the AppTest timings")
    args = ap.parse_args()
    limit_blas_threads()
    runs = {
        "STDP default (1,000 inputs, 30 s simulated)": lambda: lr.run_stdp(lr.STDPConfig()),
        "Oja 2-D cloud default": lambda: lr.run_oja(lr.OjaConfig()),
        "Oja on the 8×8 digits": lambda: lr.run_oja(lr.DIGITS_OJA),
        "backprop + feedback alignment (20 epochs each)": lambda: lr.run_feedback_alignment(),
    }
    times = {k: [] for k in runs}
    for _ in range(args.repeats):
        for k, fn in runs.items():
            times[k].append(timed(fn)[:2])
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'lab run':<52} {'wall s':>7} {'CPU s':>6}  budget 3 s")
    for k, v in times.items():
        wall, cpu = statistics.median(w for w, _ in v), statistics.median(c for _, c in v)
        print(f"{k:<52} {wall:7.2f} {cpu:6.2f}  {'ok' if wall <= 3 else 'over (wall)'}")
    if not args.no_app:
        from streamlit import logger
        logger.set_log_level("error")   # AppTest's bare-mode warnings, one per run
        first_render()   # warm imports as a running server has them
        print(f"\n{'page (AppTest, wall s)':<52} {'median':>7} {'max':>6}  budget")
        for view in ("stdp", "hebb", "fa"):
            v = [first_render(view) for _ in range(args.repeats)]
            print(f"{'first render, view ' + view:<52} {statistics.median(v):7.2f} {max(v):6.2f}  1 s")
        for view, key in (("stdp", "rules_stdp"), ("fa", "rules_fa")):
            v = [live_start_to_end(view, key) for _ in range(args.repeats)]
            print(f"{'Start → end of the default run, view ' + view:<52} {statistics.median(v):7.2f} {max(v):6.2f}"
                  f"  3 s")
    if args.figures:
        figures(range(6))


if __name__ == "__main__":
    main()
