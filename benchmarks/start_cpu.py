"""Server CPU per Start on every live page: a fresh configuration, then a second session's replay.

One ``streamlit run`` (benchmarks/serve.py) serves one browser-less session at a time
(benchmarks/ws_load.py's ProtocolSession). For each page of ``ws_load.JOBS``: a warm-up session on
another seed (first imports, caches of the page's data), then session A opens the page with a seed
no session has used and presses Start (the server trains: a fresh configuration), then session B
opens the same link and presses Start (the server's replay cache has A's run). The server process's
CPU time (psutil: user + system, all threads) is read before the click and after the page says
finished, so the figure is what one Start costs the server; opening the page is reported apart.
Both sessions' metrics must be equal. Targets (issue 21): fresh ≤ 0.15 s, replayed ≤ 0.05 s.

After each page's warm-up session the script waits until the server is idle (its CPU time grows by less
than 0.02 s over 1 s, 90 s at most): under ``streamlit run`` ui/warm.py trains the Challenges page's models
in a background thread on the first visit (4–14 s of CPU), which would otherwise land in the first figures.
Each Start's CPU is also split by phase, from the script runs the session sees (``new_session`` →
``script_finished``, tagged with the fragments each run reruns): ``click`` (the Start click's fragment
rerun, which also trains the first slice), ``ticks`` (the live panels' timed reruns), ``end`` (the
full-page rerun when a run ends: ui/live.py's st.rerun()) and ``other`` (between runs). The psutil clock
ticks at 10 ms, so single figures are coarse; the medians over ``--repeats`` are the ones to compare.

    python benchmarks/start_cpu.py [--jobs mlp cnn ...] [--repeats 3] [--seed 4242]
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.serve import start_streamlit, stop  # noqa: E402
from benchmarks.ws_load import ENDED, JOBS, ProtocolSession  # noqa: E402

TARGET_FRESH, TARGET_REPLAY = 0.15, 0.05
PHASES = ("click", "ticks", "end", "other")


def cpu_seconds(proc) -> float:
    t = proc.cpu_times()
    return t.user + t.system


def wait_idle(proc, below=0.02, window=1.0, limit=90.0) -> tuple[float, float]:
    """Wait until the server's CPU time grows by less than ``below`` s over ``window`` s (at most ``limit`` s
    in all): the background warm-up (ui/warm.py) and any earlier session's work are over. Returns (wall
    seconds waited, CPU seconds the server spent meanwhile)."""
    t0, c0 = time.perf_counter(), cpu_seconds(proc)
    prev = c0
    while time.perf_counter() - t0 < limit:
        time.sleep(window)
        now = cpu_seconds(proc)
        if now - prev < below:
            break
        prev = now
    return time.perf_counter() - t0, cpu_seconds(proc) - c0


class PhaseSession(ProtocolSession):
    """A ProtocolSession that reads the server's CPU time at the start and the end of every script run it
    sees (``new_session`` / ``script_finished``, tagged with the fragments the run reruns) and adds each
    run's CPU to a phase: ``click`` (the run the Start click asks for: the controls fragment), ``ticks``
    (the live panels' timed fragment reruns: training or replay slices and their drawings), ``end`` (full-page
    runs after the click: the st.rerun() that ends a run). ``other`` is the rest of the Start's CPU
    (websocket traffic between runs, other threads)."""

    def __init__(self, base_url, proc):
        super().__init__(base_url)
        self.proc = proc
        self.measuring = False
        self.phase = dict.fromkeys(PHASES, 0.0)
        self.runs = dict.fromkeys(PHASES, 0)
        self._open = None          # (phase, cpu at its start) of the run in progress
        self.click_fragment = None

    def _handle(self, raw: bytes):
        super()._handle(raw)
        if not self.measuring:
            return
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
        f = ForwardMsg()
        f.ParseFromString(raw)
        kind = f.WhichOneof("type")
        if kind not in ("new_session", "script_finished"):
            return
        cpu = cpu_seconds(self.proc)
        if self._open is not None:                  # a run ends (or is replaced by the rerun it asked for)
            phase, c0 = self._open
            self.phase[phase] += cpu - c0
            self._open = None
        if kind == "new_session":
            fragments = list(f.metadata.run.fragment_ids)
            if not fragments:
                phase = "end"
            elif self.runs["click"] == 0 and self.click_fragment in fragments:
                phase = "click"
            else:
                phase = "ticks"
            self.runs[phase] += 1
            self._open = (phase, cpu)

    async def click(self, label, deadline):
        found = self.button(label)
        self.click_fragment = found[1] if found else None
        await super().click(label, deadline)


async def one_start(base, job, seed, proc, deadline_s=180.0):
    """Open the job's page with ``seed``, press Start, wait for the end: a dict of CPU and wall seconds, with
    the Start's CPU split by phase (see PhaseSession)."""
    spec = JOBS[job]
    deadline = time.perf_counter() + deadline_s
    s = PhaseSession(base, proc)
    try:
        c0 = cpu_seconds(proc)
        await s.open(spec["page"], spec["query"].format(seed=seed), deadline)
        await asyncio.sleep(0.3)                       # let the server settle after the page's first run
        c1, t1 = cpu_seconds(proc), time.perf_counter()
        s.measuring = True
        await s.click(spec["button"], deadline)
        await s.pump(lambda: any(w in (s.progress() or "") for w in ENDED), deadline)
        c2, t2 = cpu_seconds(proc), time.perf_counter()
        phase = dict(s.phase)
        phase["other"] = (c2 - c1) - sum(phase[k] for k in PHASES if k != "other")
        return dict(open_cpu=c1 - c0, cpu=c2 - c1, wall=t2 - t1, frames=s.frames, metrics=s.metrics(),
                    status=s.progress(), phase=phase, runs=dict(s.runs))
    finally:
        await s.close()


def phase_text(r) -> str:
    p, n = r["phase"], r["runs"]
    return " ".join(f"{k} {p[k]:.3f}" + (f"/{n[k]}" if k != "other" else "") for k in PHASES)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jobs", nargs="*", default=["mlp", "cnn", "rnn", "forgetting", "stdp", "fa"],
                    choices=sorted(JOBS))
    ap.add_argument("--repeats", type=int, default=1, help="fresh/replay pairs per page, each on a new seed")
    ap.add_argument("--seed", type=int, default=4242, help="first seed of the fresh runs (unused elsewhere)")
    ap.add_argument("--log", help="write the server's log here")
    args = ap.parse_args(argv)
    import psutil

    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    server, base = start_streamlit(log_path=args.log)
    rows = []
    try:
        proc = psutil.Process(server.pid)
        for job in args.jobs:
            asyncio.run(one_start(base, job, 9999, proc))              # warm-up: imports, data caches
            waited, busy = wait_idle(proc)                             # ...and ui/warm.py's background thread
            print(f"{job:>10} warm-up done; waited {waited:.1f} s for an idle server ({busy:.2f} s CPU meanwhile)",
                  flush=True)
            fresh, replay = [], []
            for r in range(args.repeats):
                seed = args.seed + r
                a = asyncio.run(one_start(base, job, seed, proc))
                wait_idle(proc, limit=10.0)
                b = asyncio.run(one_start(base, job, seed, proc))
                wait_idle(proc, limit=10.0)
                fresh.append(a)
                replay.append(b)
                same = a["metrics"] == b["metrics"] and a["status"] == b["status"]
                print(f"{job:>10} seed {seed}: fresh {a['cpu']:.3f} s CPU ({a['wall']:.2f} s wall, "
                      f"{a['frames']} frames) | replay {b['cpu']:.3f} s CPU ({b['wall']:.2f} s wall, "
                      f"{b['frames']} frames) | open {a['open_cpu']:.3f}/{b['open_cpu']:.3f} s | "
                      f"same result: {same}", flush=True)
                print(f"{'':>10}   fresh  by phase (s CPU/runs): {phase_text(a)}\n"
                      f"{'':>10}   replay by phase (s CPU/runs): {phase_text(b)}", flush=True)
                if not same:
                    print(f"    fresh  {a['status']} {a['metrics']}\n    replay {b['status']} {b['metrics']}")
            med = statistics.median
            rows.append(dict(job=job, cf=med(x["cpu"] for x in fresh), cr=med(x["cpu"] for x in replay),
                             wf=med(x["wall"] for x in fresh), wr=med(x["wall"] for x in replay),
                             co=med(x["open_cpu"] for x in fresh),
                             pf={k: med(x["phase"][k] for x in fresh) for k in PHASES},
                             pr={k: med(x["phase"][k] for x in replay) for k in PHASES},
                             same=all(a["metrics"] == b["metrics"] for a, b in zip(fresh, replay))))
    finally:
        stop(server)
    print()
    print(f"server CPU per Start (median of {args.repeats}); targets: fresh <= {TARGET_FRESH} s, "
          f"replayed <= {TARGET_REPLAY} s")
    print(f"{'page':>10} | {'fresh CPU':>9} | {'replay CPU':>10} | {'fresh wall':>10} | {'replay wall':>11} | "
          f"{'open CPU':>8} | same")
    for r in rows:
        over_f, over_r = "*" if r["cf"] > TARGET_FRESH else " ", "*" if r["cr"] > TARGET_REPLAY else " "
        print(f"{r['job']:>10} | {r['cf']:8.3f}s{over_f}| {r['cr']:9.3f}s{over_r}| {r['wf']:9.2f}s | "
              f"{r['wr']:10.2f}s | {r['co']:7.3f}s | {r['same']}")
    print("(* = over target)")
    print()
    print("where a Start's CPU goes (median s): click = the Start click's fragment rerun, ticks = the timed "
          "panel reruns, end = the full-page rerun(s) at the end of the run, other = between runs")
    print(f"{'page':>10} | {'':>6} | " + " | ".join(f"{k:>6}" for k in PHASES))
    for r in rows:
        for name, ph in (("fresh", r["pf"]), ("replay", r["pr"])):
            print(f"{r['job']:>10} | {name:>6} | " + " | ".join(f"{ph[k]:6.3f}" for k in PHASES))
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
