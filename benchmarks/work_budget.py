"""The vs scikit-learn page's work budget (``lab.compare``): estimated work beside measured fit time.

For settings from light to capped, prints the estimate of ``lab.compare.epoch_work`` (multiply-add
equivalents), the measured fit time of each library (one BLAS thread, as in the app), and the work
done per second — the rate that turns ``AUTO_WORK``/``MAX_WORK`` into seconds. Each fit runs exactly
its epochs (``n_iter_no_change`` huge), sides interleaved, best of ``--repeats``.

Usage:  python benchmarks/work_budget.py [--repeats 2]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from threadpoolctl import threadpool_limits  # noqa: E402

from lab.compare import AUTO_WORK, MAX_WORK, epoch_work, fit_one, page_split  # noqa: E402

# (data, hidden layers, batch, epochs): the defaults, then heavier settings within the cap
CASES = [("moons", (16, 16), "auto", 100), ("digits", (16, 16), "auto", 100), ("digits", (16, 16), 8, 10),
         ("digits", (256, 256), "auto", 20), ("digits", (512,) * 4, "auto", 3), ("moons", (512,) * 4, 8, 1),
         ("digits", (64, 64), 8, 12)]


def split(name):
    X_tr, X_te, y_tr, y_te, _ = page_split(name)          # the page's split at its defaults, seed 0
    return X_tr, y_tr, X_te, y_te


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=2)
    args = ap.parse_args()
    threadpool_limits(1)
    print(f"AUTO_WORK = {AUTO_WORK:.1e}, MAX_WORK = {MAX_WORK:.1e} multiply-add equivalents")
    print(f"{'data':7s} {'hidden':18s} {'batch':>5s} {'ep':>3s} {'work':>8s} {'sk s':>6s} {'nn s':>6s} "
          f"{'sk work/s':>10s} {'nn work/s':>10s}")
    rates = []
    for name, hidden, batch, epochs in CASES:
        X_tr, y_tr, X_te, y_te = split(name)
        work = epochs * epoch_work(len(y_tr), X_tr.shape[1], hidden, len(np.unique(y_tr)), batch)
        params = dict(hidden_layer_sizes=hidden, batch_size=batch, max_iter=epochs, n_iter_no_change=10**6,
                      random_state=0, solver="adam")
        best = {"sklearn": np.inf, "nncore": np.inf}
        for _ in range(args.repeats):
            for side in best:
                best[side] = min(best[side], fit_one(side, params, X_tr, y_tr, X_te, y_te)["fit_s"])
        rates.append(work / best["sklearn"])
        print(f"{name:7s} {str(hidden):18s} {batch!s:>5s} {epochs:3d} {work:8.1e} {best['sklearn']:6.2f} "
              f"{best['nncore']:6.2f} {work / best['sklearn']:10.2e} {work / best['nncore']:10.2e}", flush=True)
    rate = float(np.median(rates))
    print(f"median scikit-learn rate {rate:.2e} work/s: AUTO_WORK ≈ {AUTO_WORK / rate:.1f} s, "
          f"MAX_WORK ≈ {MAX_WORK / rate:.1f} s per library on one core")


if __name__ == "__main__":
    main()
