"""Forgetting page: the default run, the Fisher information, and the page's first render, in one run.

Budgets (issue 18): the default run (two tasks, the methods on screen) ≤ 3 s; the diagonal Fisher of
1,000 digits on the default network ≤ 0.2 s; first render ≤ 1 s. The Fisher is also computed the
slow way, one example at a time through the model's own backward pass, so the gain of the
vectorised (δ²)ᵀ(x²) form is measured, not claimed. Cases are interleaved over ``--repeats`` rounds
and the median is reported, as wall time and as this process's CPU time (on a shared machine the
CPU time shows the work itself). BLAS runs on one thread, as in the app (ui/blas.py).

    python benchmarks/forgetting.py [--repeats 3] [--no-apptest] [--matrices 6]

``--matrices K`` also prints each method's accuracy matrix R (mean ± std over seeds 0..K−1) and BWT,
for both scenarios with the page's defaults.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, ROOT)

from lab import forgetting as fg  # noqa: E402
from nncore.fisher import diagonal_fisher  # noqa: E402
from nncore.losses import cross_entropy  # noqa: E402
from ui.blas import limit_blas_threads  # noqa: E402

DEFAULT = fg.ForgettingConfig()


def timed(fn):
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t0, time.process_time() - c0


def fisher_inputs(n=1000):
    task = fg.make_tasks("permuted", 2, 0)[0]
    model = fg.build_model(DEFAULT, 0)
    return model, task.X_train[:n], task.y_train[:n]


def fisher_loop(model, X, y):
    """The definition, one example at a time (what the vectorised form replaces)."""
    total = [np.zeros_like(p) for p, _ in model.param_pairs()]
    for n in range(len(X)):
        _, dout = cross_entropy(model.forward(X[n:n + 1], training=False), y[n:n + 1])
        model.backward(dout)
        for acc, (_, g) in zip(total, model.param_pairs()):
            acc += g * g
    return [a / len(X) for a in total]


def cases():
    model, X, y = fisher_inputs()
    return {
        "default run: permuted, naive + EWC + replay, A → B, 5 epochs each (budget 3 s)":
            lambda: fg.compare(DEFAULT),
        "scene run: split, naive + EWC + replay": lambda: fg.compare(fg.ForgettingConfig(scenario="split")),
        "all five methods, permuted, A → B": lambda: fg.compare(DEFAULT, fg.METHODS),
        "A → B → C, permuted, naive + EWC + replay": lambda: fg.compare(fg.ForgettingConfig(n_tasks=3)),
        "worst setting on the page: 3 × 128 units, 20 epochs, A → B → C, all five methods":
            lambda: fg.compare(fg.ForgettingConfig(n_tasks=3, hidden=128, depth=3, epochs=20), fg.METHODS),
        "Fisher, 1,000 digits, default network, vectorised (budget 0.2 s)": lambda: diagonal_fisher(model, X, y),
        "Fisher, 1,000 digits, one example at a time": lambda: fisher_loop(model, X, y),
    }


def apptest():
    """First render (cold process, then a new session) and Start → finished with the defaults."""
    from benchmarks.pages import open_page

    out = {"first render in a cold process (imports included)": open_page("forgetting.py")[0],
           "first render of a new session, Home (baseline)": open_page("home.py")[0]}
    seconds, at = open_page("forgetting.py")
    out["first render of a new session, Forgetting with defaults (budget 1 s)"] = seconds
    t0, c0 = time.perf_counter(), time.process_time()
    at.button(key="fg_start").click().run()
    ticks = 0
    while any(b.key == "fg_pause" for b in at.button) and ticks < 500:
        at.run()
        ticks += 1
    assert not at.exception and not at.error, [e.value for e in list(at.exception) + list(at.error)]
    out[f"Start → finished, defaults ({ticks} refreshes, wall)"] = time.perf_counter() - t0
    out["Start → finished, defaults (this process's CPU)"] = time.process_time() - c0
    return out


def matrices(n_seeds):
    """R[i, j] (rows: after task i; columns: tested on task j) as mean ± std over seeds, and BWT."""
    for scenario in fg.SCENARIOS:
        print(f"\n{scenario}, defaults, seeds 0..{n_seeds - 1}: R (row = after task, column = tested on), BWT")
        for method in fg.METHODS:
            runs = [fg.run(fg.ForgettingConfig(scenario=scenario, method=method, seed=s)) for s in range(n_seeds)]
            R = 100 * np.array([r.R for r in runs])
            bwt = 100 * np.array([r.bwt for r in runs])
            rows = ["  ".join(f"{m:5.1f} ± {sd:4.1f}" for m, sd in zip(R.mean(0)[i], R.std(0)[i]))
                    for i in range(R.shape[1])]
            print(f"  {method:<7} after A: {rows[0]}")
            for i, row in enumerate(rows[1:], start=1):
                print(f"  {'':<7} after {fg.TASK_NAMES[i]}: {row}")
            print(f"  {'':<7} BWT {bwt.mean():+.1f} ± {bwt.std():.1f} percentage points")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--no-apptest", action="store_true")
    ap.add_argument("--matrices", type=int, default=0, metavar="K", help="accuracy matrices over seeds 0..K-1")
    args = ap.parse_args()
    limit_blas_threads()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; BLAS limited to one thread as in the app")
    todo = cases()
    wall = {k: [] for k in todo}
    cpu = {k: [] for k in todo}
    for _ in range(args.repeats):
        for name, fn in todo.items():
            w, c = timed(fn)
            wall[name].append(w)
            cpu[name].append(c)
    width = max(len(k) for k in todo)
    print(f"{'case':<{width}}  wall s   CPU s   (median of {args.repeats})")
    for name in todo:
        print(f"{name:<{width}}  {statistics.median(wall[name]):6.3f}  {statistics.median(cpu[name]):6.3f}")
    names = list(todo)
    print(f"vectorised Fisher: {statistics.median(cpu[names[-1]]) / statistics.median(cpu[names[-2]]):.0f}x less CPU "
          f"than one example at a time")
    if not args.no_apptest:
        for name, seconds in apptest().items():
            print(f"AppTest {name:<62} {seconds:6.3f} s")
    if args.matrices:
        matrices(args.matrices)


if __name__ == "__main__":
    main()
