"""The numbers the Synchrony page's texts quote, measured over seeds 0..5 with the page's own lab calls.

Prints, for each population size the page offers: the E and I rate ranges over the coupling slider, the
ISI CV, χ and correlation at three couplings, where the full-coupling spectrum peaks and how far above the
same run uncoupled (c = 0 and c = 0.1), and the sweeps' correlation at c = 0 and below the diagonal. Slow
(minutes).

    python benchmarks/synchrony_claims.py [--seeds 6] [--coarse]
"""
from __future__ import annotations

import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from lab import synchrony as sync  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=6)
    ap.add_argument("--coarse", action="store_true", help="every 50 mV instead of every slider value")
    args = ap.parse_args()
    seeds = range(args.seeds)
    js = np.arange(0.0, sync.J_MAX + 1, 50.0) if args.coarse else sync.j_grid()
    for n in sync.N_CHOICES:
        runs = {(s, j): sync.population_run(sync.SyncConfig(n=n, j=float(j), seed=s)) for s in seeds for j in js}
        rates = np.array([[r.rate_exc, r.rate_inh] for r in runs.values()])
        print(f"N = {n}: rates over j = 0…{sync.J_MAX:.0f} mV, {len(seeds)} seeds: E {rates[:, 0].min():.1f}–"
              f"{rates[:, 0].max():.1f} Hz, I {rates[:, 1].min():.1f}–{rates[:, 1].max():.1f} Hz")
        for j in (0.0, 100.0, sync.J_MAX):
            rs = [runs[s, j] for s in seeds if (s, j) in runs]
            if not rs:
                continue
            print(f"   j = {j:3.0f} mV, c = 0.1: CV {min(r.cv for r in rs):.2f}–{max(r.cv for r in rs):.2f}; "
                  f"χ {min(r.chi for r in rs):.2f}–{max(r.chi for r in rs):.2f}; "
                  f"corr {min(r.corr for r in rs):.3f}–{max(r.corr for r in rs):.3f}")
        for c in (0.0, 0.1):
            got = [sync.rhythm_claim(s, sync.J_MAX, n, c) for s in seeds]
            gains = [m["gain"] for _, m in got]
            peaks = [m["peak_hz"] for _, m in got]
            print(f"   rhythm at j = {sync.J_MAX:.0f} mV, c = {c}: peak {min(peaks):.0f}–{max(peaks):.0f} Hz, "
                  f"gain over uncoupled {min(gains):.2f}–{max(gains):.2f} "
                  f"(≥ 2 on {sum(g >= 2 for g in gains)}/{len(gains)}, ≥ {sync.RHYTHM_GAIN:.0f} on "
                  f"{sum(g >= sync.RHYTHM_GAIN for g in gains)}/{len(gains)}); claim holds on "
                  f"{sum(ok for ok, _ in got)}/{len(got)}")
    for j in (0.0, 100.0, sync.J_MAX):
        sweeps = [sync.correlation_sweep(sync.SweepConfig(j=j, seed=s)) for s in seeds]
        c0 = [sw["corr"][0] for sw in sweeps]
        below = sum(bool(np.all(sw["corr"][1:-1] < sw["c"][1:-1])) for sw in sweeps)
        rising = sum(bool(np.all(np.diff(sw["chi"]) > 0)) for sw in sweeps)
        top = max(float(sw["rate"].max()) for sw in sweeps)
        print(f"sweep j = {j:3.0f} mV: corr at c = 0 {min(c0):.3f}–{max(c0):.3f}; below the diagonal on "
              f"{below}/{len(sweeps)} seeds; χ rising at every step on {rising}/{len(sweeps)}; max rate {top:.1f} Hz")


if __name__ == "__main__":
    main()
