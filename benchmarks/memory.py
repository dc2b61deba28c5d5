"""Memory page: the capacity sweep, every view's computation and first render, in one run.

Budgets (issue 8): the capacity sweep (N = 100, 10 pattern counts, 20 trials each) in ≤ 2 s;
every default view in ≤ 1 s. Also times the same recalls done one probe at a time, so the gain of
vectorising over trials and probes is measured rather than claimed. Cases are interleaved over
``--repeats`` rounds and the median is reported, as wall time and as this process's CPU time
(on a shared machine the CPU time shows the work itself).

    python benchmarks/memory.py [--repeats 3] [--no-apptest]
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

from lab import memory as mem  # noqa: E402
from nncore.datasets import patterns as pat  # noqa: E402
from nncore.memory import HopfieldNetwork  # noqa: E402


def timed(fn):
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t0, time.process_time() - c0


def one_by_one(n_units=100, p=14, n_trials=20, seed=0):
    """The recalls of one pattern count of the sweep, each probe on its own network call."""
    rng = np.random.default_rng(seed)
    for _ in range(n_trials):
        xi = pat.random_patterns(p, n_units, seed=rng)
        net = HopfieldNetwork(n_units).store(xi)
        for probe in xi:
            net.recall(probe, rng=rng)


def vectorised_one_count(n_units=100, p=14, n_trials=20, seed=0):
    mem.capacity_sweep(n_units, pattern_counts=[p], n_trials=n_trials, seed=seed)


def recall_default():
    net = HopfieldNetwork(100).store(pat.glyphs("ACHX"))
    net.recall(pat.corrupt(pat.glyph("A"), 0.2, seed=0), rng=0, return_trajectory=True)


def hebb_vs_bp_default():
    xi = pat.glyphs("ACHX")
    net = HopfieldNetwork(100).store(xi)
    model, _ = mem.backprop_memory(xi, hidden=16, epochs=300, lr=0.01, seed=0)
    mem.recall_vs_noise(net, model, np.linspace(0, 0.5, 11), n_probes=10, seed=0)


def timescales_default():
    mem.rnn_pulse_memory(0.9, steps=40)
    mem.attractor_persistence(steps=40, step_noise=0.05)
    mem.hebbian_interference(100, n_trials=10, cue_noise=0.1)


CASES = {
    "capacity sweep N=100, 10 counts x 20 trials (budget 2 s)": lambda: mem.capacity_sweep(100, n_trials=20),
    "capacity sweep, cue damage 10 %": lambda: mem.capacity_sweep(100, n_trials=20, noise=0.1),
    "capacity sweep worst setting on the page (N=200, 25 trials, 30 %)":
        lambda: mem.capacity_sweep(200, n_trials=25, noise=0.3),
    "P=14: 280 recalls vectorised": vectorised_one_count,
    "P=14: 280 recalls one probe at a time": one_by_one,
    "store & recall view: one recall with trajectory": recall_default,
    "Hebbian vs backprop view (autoencoder 300 steps + noise curves)": hebb_vs_bp_default,
    "timescales view (RNN pulse, attractor, interference)": timescales_default,
    "memorising view, after the button (10 networks, 200 images, 120 epochs; budget 3 s)":
        lambda: mem.memorisation_sweep(n_train=200, epochs=120, seed=0),
}


def apptest_views():
    """First render of the page with defaults, then each view (AppTest; cached pieces warm after the first)."""
    from benchmarks.pages import open_page as first_render

    out = {"first render in a cold process (imports included)": first_render("memory.py")[0],
           "first render of a new session, Home (baseline)": first_render("home.py")[0]}
    seconds, at = first_render("memory.py")
    out["first render of a new session, Memory default view (budget 1 s)"] = seconds
    t0 = time.perf_counter()
    at.run()
    out["rerun of the default view"] = time.perf_counter() - t0
    labels = {"capacity": "Capacity", "hebb_vs_bp": "Hebbian vs backprop", "memorise": "Memorising vs generalising",
              "timescales": "Timescales", "patterns": "Store & recall"}
    for view in labels:
        t0 = time.perf_counter()
        at.segmented_control(key="mem_view").set_value(view).run()
        assert not at.exception, [e.value for e in at.exception]
        out[f"switch to view '{view}' (first time, computing)"] = time.perf_counter() - t0
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--no-apptest", action="store_true")
    args = ap.parse_args()
    print(f"threads: OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    wall = {k: [] for k in CASES}
    cpu = {k: [] for k in CASES}
    for _ in range(args.repeats):
        for name, fn in CASES.items():
            w, c = timed(fn)
            wall[name].append(w)
            cpu[name].append(c)
    width = max(len(k) for k in CASES)
    print(f"{'case':<{width}}  wall s   CPU s   (median of {args.repeats})")
    for name in CASES:
        print(f"{name:<{width}}  {statistics.median(wall[name]):6.3f}  {statistics.median(cpu[name]):6.3f}")
    one = statistics.median(wall["P=14: 280 recalls one probe at a time"])
    vec = statistics.median(wall["P=14: 280 recalls vectorised"])
    print(f"vectorised over trials and probes: {one / vec:.1f}x faster than one probe at a time")
    if not args.no_apptest:
        for name, seconds in apptest_views().items():
            print(f"AppTest {name:<60} {seconds:6.3f} s")


if __name__ == "__main__":
    main()
