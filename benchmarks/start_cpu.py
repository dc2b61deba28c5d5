"""Server CPU per Start on every live page: a fresh configuration, then a second session's replay.

One ``streamlit run`` (benchmarks/serve.py) serves one browser-less session at a time
(benchmarks/ws_load.py's ProtocolSession). For each page of ``ws_load.JOBS``: a warm-up session on
another seed (first imports, caches of the page's data), then session A opens the page with a seed
no session has used and presses Start (the server trains: a fresh configuration), then session B
opens the same link and presses Start (the server's replay cache has A's run). The server process's
CPU time (psutil: user + system, all threads) is read before the click and after the page says
finished, so the figure is what one Start costs the server; opening the page is reported apart.
Both sessions' metrics must be equal. Targets (issue 21): fresh ≤ 0.15 s, replayed ≤ 0.05 s.

    python benchmarks/start_cpu.py [--jobs mlp cnn ...] [--repeats 3] [--seed 4242]
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.serve import start_streamlit, stop  # noqa: E402
from benchmarks.ws_load import ENDED, JOBS, ProtocolSession  # noqa: E402

TARGET_FRESH, TARGET_REPLAY = 0.15, 0.05


def cpu_seconds(proc) -> float:
    t = proc.cpu_times()
    return t.user + t.system


async def one_start(base, job, seed, proc, deadline_s=180.0):
    """Open the job's page with ``seed``, press Start, wait for the end: a dict of CPU and wall seconds."""
    spec = JOBS[job]
    deadline = time.perf_counter() + deadline_s
    s = ProtocolSession(base)
    try:
        c0 = cpu_seconds(proc)
        await s.open(spec["page"], spec["query"].format(seed=seed), deadline)
        await asyncio.sleep(0.3)                       # let the server settle after the page's first run
        c1, t1 = cpu_seconds(proc), time.perf_counter()
        await s.click(spec["button"], deadline)
        await s.pump(lambda: any(w in (s.progress() or "") for w in ENDED), deadline)
        c2, t2 = cpu_seconds(proc), time.perf_counter()
        return dict(open_cpu=c1 - c0, cpu=c2 - c1, wall=t2 - t1, frames=s.frames, metrics=s.metrics(),
                    status=s.progress())
    finally:
        await s.close()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jobs", nargs="*", default=["mlp", "cnn", "rnn", "forgetting", "stdp", "fa"],
                    choices=sorted(JOBS))
    ap.add_argument("--repeats", type=int, default=1, help="fresh/replay pairs per page, each on a new seed")
    ap.add_argument("--seed", type=int, default=4242, help="first seed of the fresh runs (unused elsewhere)")
    ap.add_argument("--log", help="write the server's log here")
    args = ap.parse_args(argv)
    import psutil

    server, base = start_streamlit(log_path=args.log)
    rows = []
    try:
        proc = psutil.Process(server.pid)
        for job in args.jobs:
            asyncio.run(one_start(base, job, 9999, proc))              # warm-up: imports, data caches
            fresh, replay = [], []
            for r in range(args.repeats):
                seed = args.seed + r
                a = asyncio.run(one_start(base, job, seed, proc))
                b = asyncio.run(one_start(base, job, seed, proc))
                fresh.append(a)
                replay.append(b)
                same = a["metrics"] == b["metrics"] and a["status"] == b["status"]
                print(f"{job:>10} seed {seed}: fresh {a['cpu']:.3f} s CPU ({a['wall']:.2f} s wall, "
                      f"{a['frames']} frames) | replay {b['cpu']:.3f} s CPU ({b['wall']:.2f} s wall, "
                      f"{b['frames']} frames) | open {a['open_cpu']:.3f}/{b['open_cpu']:.3f} s | "
                      f"same result: {same}", flush=True)
                if not same:
                    print(f"    fresh  {a['status']} {a['metrics']}\n    replay {b['status']} {b['metrics']}")
            rows.append((job, statistics.median(x["cpu"] for x in fresh), statistics.median(x["cpu"] for x in replay),
                         statistics.median(x["wall"] for x in fresh), statistics.median(x["wall"] for x in replay),
                         statistics.median(x["open_cpu"] for x in fresh),
                         all(a["metrics"] == b["metrics"] for a, b in zip(fresh, replay))))
    finally:
        stop(server)
    print()
    print(f"server CPU per Start (median of {args.repeats}); targets: fresh <= {TARGET_FRESH} s, "
          f"replayed <= {TARGET_REPLAY} s")
    print(f"{'page':>10} | {'fresh CPU':>9} | {'replay CPU':>10} | {'fresh wall':>10} | {'replay wall':>11} | "
          f"{'open CPU':>8} | same")
    for job, cf, cr, wf, wr, co, same in rows:
        over_f, over_r = "*" if cf > TARGET_FRESH else " ", "*" if cr > TARGET_REPLAY else " "
        print(f"{job:>10} | {cf:8.3f}s{over_f}| {cr:9.3f}s{over_r}| {wf:9.2f}s | {wr:10.2f}s | {co:7.3f}s | {same}")
    print("(* = over target)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
