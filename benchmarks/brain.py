"""Brain pages: LIF simulation speed, the cost of each default view, and the pages' first render.

Budget (issue 7): 1,000 LIF neurons × 1 s at dt = 0.1 ms in ≤ 0.5 s; every default
view on the Brain vs ANN and Synchrony pages in ≤ 1 s, first render (AppTest, fresh
session, imports warm) included.  Also prints the cost of a naive per-neuron Python loop
for the same work (small n, scaled) as a ratio, so the vectorisation's gain is measured
rather than claimed, and the Synchrony page's heaviest settings (N = 2,000, full
coupling).  Runs are interleaved and the median of ``--repeats`` is reported.

    python benchmarks/brain.py [--repeats 5] [--no-pages]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from lab import brain as lab_brain  # noqa: E402
from lab import synchrony as sync  # noqa: E402
from nncore import brain  # noqa: E402
from nncore.brain import DEFAULT, PoissonInput  # noqa: E402


def timed(fn):
    """(wall seconds, CPU seconds of this process): on a shared machine CPU time shows the work itself."""
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t0, time.process_time() - c0


def naive_loop(n, duration, dt=0.1, current=0.25):
    """One neuron at a time, one step at a time (the reference the vectorised kernel replaces)."""
    p = DEFAULT
    decay = np.exp(-dt / p.tau_m)
    spikes = 0
    for _ in range(n):
        v, ref = p.v_reset, -1
        for k in range(int(duration / dt)):
            v = decay * v + (p.e_rest + p.r_m * current) * (1 - decay)
            if k <= ref:
                v = p.v_reset
            if v >= p.v_th:
                v, ref, spikes = p.v_reset, k + 20, spikes + 1
    return spikes


CASES = {
    "1000 LIF x 1 s, Poisson input c=0.1 (budget 0.5 s)":
        lambda: brain.simulate(n=1000, duration=1000.0, dt=0.1, inputs=PoissonInput(c=0.1), rng=0),
    "1000 LIF x 1 s, constant current, no noise":
        lambda: brain.simulate(n=1000, duration=1000.0, dt=0.1, current=0.25, rng=0),
    "Synchrony default view: population_run (E-I network, measures, spectrum; 1000 x 1 s, j = 0)":
        lambda: sync.population_run(sync.SyncConfig()),
    "Synchrony full coupling: population_run, 1000 x 1 s, j = 200 mV":
        lambda: sync.population_run(sync.SyncConfig(j=sync.J_MAX)),
    "Synchrony heaviest: population_run, 2000 x 1 s, j = 200 mV":
        lambda: sync.population_run(sync.SyncConfig(n=2000, j=sync.J_MAX)),
    "Synchrony sweep button: 7 values of c x 500 neurons x 2 s (j = 0)":
        lambda: sync.correlation_sweep(sync.SweepConfig()),
    "Brain page single neuron trace (1 x 500 ms, noise 1 mV)":
        lambda: lab_brain.neuron_trace(lab_brain.NeuronConfig()),
    "Brain page f-I bridge with noise (49 currents x 5 trials x 0.5 s)":
        lambda: lab_brain.fi_curves(3.0),
    "Brain page sparsity: 64-64-32-10 ReLU MLP on digits (10 epochs) + 1000 LIF x 300 ms":
        lambda: lab_brain.sparsity_data(lab_brain.SparsityConfig()),
}


_ONE_RENDER = """
import sys
sys.path.insert(0, {root!r})
import time
from benchmarks.pages import first_render
first_render("home.py")             # imports warm, as on a running server
c0 = time.process_time()
wall = first_render({page!r})      # this page's caches are empty: its default view is computed
print(wall, time.process_time() - c0)
"""


def first_renders(repeats):
    """Median seconds of each Brain page's first render (benchmarks/pages.py's measure), each in a fresh
    process whose imports are warmed by Home first, so the page's st.cache_data is empty and its default
    view is computed, as for the first student after a restart."""
    import subprocess
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    times = {f: [] for f in ("brain_vs_ann.py", "synchrony.py")}
    for _ in range(repeats):
        for f in times:
            out = subprocess.run([sys.executable, "-c", _ONE_RENDER.format(root=root, page=f)], capture_output=True,
                                 text=True, check=True)
            times[f].append(tuple(map(float, out.stdout.strip().splitlines()[-1].split())))
    return {f: tuple(statistics.median(x) for x in zip(*ts)) for f, ts in times.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--no-pages", action="store_true", help="skip the AppTest first renders")
    args = ap.parse_args()
    results = {name: [] for name in CASES}
    naive = []
    for _ in range(args.repeats):
        for name, fn in CASES.items():
            results[name].append(timed(fn))
        naive.append(timed(lambda: naive_loop(5, 1000.0)))
    print(f"median of {args.repeats} interleaved runs, {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f}")
    print("     wall      CPU")
    for name, ts in results.items():
        wall, cpu = (statistics.median(x) for x in zip(*ts))
        print(f"  {wall:6.3f} s {cpu:6.3f} s  {name}")
    per_neuron_naive = statistics.median(c for _, c in naive) / 5
    vec = statistics.median(c for _, c in results["1000 LIF x 1 s, constant current, no noise"])
    print(f"  naive Python loop: {per_neuron_naive * 1000:.1f} ms per neuron-second → "
          f"{per_neuron_naive * 1000:.1f} s for 1000 neurons (CPU time); "
          f"vectorised is {per_neuron_naive * 1000 / vec:.0f}× faster")
    if not args.no_pages:
        for f, (sec, cpu) in first_renders(args.repeats).items():
            print(f"  first render {f:<16} {sec:6.2f} s wall, {cpu:5.2f} s CPU (AppTest, fresh process, budget "
                  f"1 s) {'ok' if sec <= 1 else 'OVER'}")


if __name__ == "__main__":
    main()
