"""Protocol-level load: hundreds of Streamlit sessions without browsers (localhost only).

Each session is a websocket client that speaks Streamlit's own protocol (``streamlit.proto``):
it opens a page URL with its query string, presses a button by its label, answers the live
panel's timer (``auto_rerun``: the fragment rerun a browser would ask for every tick, sent only
once the previous run has finished, as a busy browser would), and reads the page's elements until
the progress bar says ``finished``. Its result is the text of every metric on the page.

Before the concurrent run every distinct job runs once alone, on a server of its own (so the measured
server's replay cache starts empty); each concurrent session's result must equal that single run's.
The measured server gets one warm-up session, then the load waits until the server is idle (its CPU
grows < 0.02 s over 1 s, at most 90 s): under ``streamlit run`` the first visit starts ui/warm.py's
background warm-up (4–14 s of CPU), which is not the load's.
Prints sessions, finished, mismatches, p50/p95 open and Start → finished, server CPU seconds and peak
RSS, and the client's own CPU (it runs on the same cores) with the load average. The client is kept
cheap: it keeps only what it reads (buttons, the progress bar, metrics), as the browser does it drops
elements a rerun did not draw again (all after a full run; under a rerunning fragment's blocks after a
fragment run) and fragment timers (all at a full run's start, or as ``stop_auto_rerun`` says), and uses
uvloop if it is installed. ``--profile FILE`` records the server with py-spy (``--gil``: CPU, not waits)
during the load; ``--dump FILE`` writes every session's figures. Bounded: every session has a deadline;
the run stops by itself.

    python benchmarks/ws_load.py --sessions 200 --same          # one scene link for the whole hall
    python benchmarks/ws_load.py --sessions 100                 # every session its own seed
    python benchmarks/ws_load.py --url http://127.0.0.1:8501    # an already running server
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.serve import start_streamlit, stop  # noqa: E402

JOBS = {
    "mlp": dict(page="mlp_playground", query="mlp_seed={seed}", button="Start"),
    "mlp-xor": dict(page="mlp_playground", query="mlp_scene=XOR+needs+a+hidden+layer&mlp_seed={seed}",
                    button="Start"),
    "cnn": dict(page="cnn", query="cnn_seed={seed}&cnn_epochs=3", button="Start"),
    "rnn": dict(page="rnn", query="rnn_seed={seed}&rnn_epochs=5", button="Start"),
    "forgetting": dict(page="forgetting", query="fg_seed={seed}", button="Start"),
    "stdp": dict(page="learning_rules", query="rules_view=stdp&rules_seed={seed}", button="Start"),
    "fa": dict(page="learning_rules", query="rules_view=Backprop+vs+feedback+alignment&rules_fa_seed={seed}",
               button="Start"),
}
FINISHED = "finished"
ENDED = ("finished", "stopped", "diverged")


class ProtocolSession:
    """One browser-less Streamlit session over the websocket at ``/_stcore/stream``."""

    def __init__(self, base_url: str):
        u = urlsplit(base_url)
        self.ws_url = f"ws://{u.netloc}/_stcore/stream"
        self.ws = None
        self.elements: dict[tuple, tuple] = {}      # delta path -> (element kind, what is read of it)
        self.bars: set[tuple] = set()               # paths holding a progress bar
        self.run_fragments: set[str] = set()        # fragments the run in progress reruns (none: a full run)
        self.fragment_blocks: list[tuple] = []      # paths of the blocks they drew in it
        self.owner: dict[tuple, str] = {}           # delta path -> fragment id that drew it ("" = the script)
        self.fresh: set[tuple] = set()              # paths drawn by the run in progress
        self.query = ""
        self.page_name = ""
        self.page_hash = ""
        self.running = False
        self.timers: dict[str, float] = {}          # fragment id -> auto-rerun interval (s)
        self.due: dict[str, float] = {}             # fragment id -> next time it may rerun
        self.frames = 0                             # fragment reruns answered
        self.bytes = 0

    async def connect(self):
        import websockets
        self.ws = await websockets.connect(self.ws_url, subprotocols=["streamlit"], max_size=None,
                                           open_timeout=60, ping_interval=None)

    async def close(self):
        if self.ws is not None:
            await self.ws.close()

    async def _send_rerun(self, widget_id=None, fragment_id=None, auto=True):
        from streamlit.proto.BackMsg_pb2 import BackMsg
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query
        cs.page_name = self.page_name
        cs.page_script_hash = self.page_hash
        if widget_id is not None:
            w = cs.widget_states.widgets.add()
            w.id = widget_id
            w.trigger_value = True
        if fragment_id is not None:
            cs.fragment_id = fragment_id
            cs.is_auto_rerun = auto
        self.running = True
        await self.ws.send(msg.SerializeToString())

    def _handle(self, raw: bytes):
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
        self.bytes += len(raw)
        f = ForwardMsg()
        f.ParseFromString(raw)
        kind = f.WhichOneof("type")
        if kind == "delta":
            delta = f.delta
            dk = delta.WhichOneof("type")
            path = tuple(f.metadata.delta_path)
            if dk == "add_block":
                if delta.fragment_id in self.run_fragments:
                    self.fragment_blocks.append(path)     # a block drawn by a fragment that is rerunning
                return
            if dk != "new_element":
                return
            el = delta.new_element
            ek = el.WhichOneof("type")
            # Keep only what a session reads (buttons, the progress bar, metrics), as small tuples: a whole
            # Element (an image's data URL, an SVG) is never copied out of the message.
            if ek == "button":
                self.elements[path] = (ek, el.button.label, el.button.id)
            elif ek == "progress":
                self.elements[path] = (ek, el.progress.text)
                self.bars.add(path)
            elif ek == "metric":
                self.elements[path] = (ek, f"{el.metric.label}={el.metric.body}")
            elif ek == "imgs":      # only server-stored files (a browser fetches them); data URLs stay inline
                self.elements[path] = (ek, tuple(i.url for i in el.imgs.imgs if i.url.startswith("/media/")))
            else:
                self.elements[path] = (ek,)
            self.owner[path] = delta.fragment_id
            self.fresh.add(path)
        elif kind == "new_session":
            self.run_fragments = set(f.metadata.run.fragment_ids)
            self.fragment_blocks = []
            if not self.run_fragments:              # a full run: the browser drops every fragment timer
                self.timers.clear()
                self.due.clear()
        elif kind == "navigation":   # the page st.navigation resolved: later reruns name it by hash
            self.page_hash = f.navigation.page_script_hash or self.page_hash
        elif kind == "page_info_changed":
            self.query = f.page_info_changed.query_string
        elif kind == "auto_rerun":
            self.timers[f.auto_rerun.fragment_id] = f.auto_rerun.interval
            self.due.setdefault(f.auto_rerun.fragment_id, time.perf_counter() + f.auto_rerun.interval)
        elif kind == "stop_auto_rerun":
            for fid in f.stop_auto_rerun.fragment_ids or list(self.timers):
                self.timers.pop(fid, None)
                self.due.pop(fid, None)
        elif kind == "script_finished":
            # 2 = finished early for a rerun that follows; anything else ends this run. (The session
            # status messages are not used: one saying "not running" can arrive before our run starts.)
            if f.script_finished != 2:
                self.running = False
            self._drop_stale(f.script_finished)

    def _drop_stale(self, status):
        """Forget the elements a finished run did not draw again, as the browser does: all of them after a
        full run (status 0), the fragment's own after a fragment run (3)."""
        if status in (0, 3):
            fragments = {self.owner[p] for p in self.fresh if self.owner[p]}
            roots = self.fragment_blocks if status == 3 else []

            def inside(p):      # under a block a rerunning fragment drew: the browser drops what it did not
                return self.owner.get(p) and any(p[:len(r)] == r for r in roots)
            for path in [p for p in self.elements if p not in self.fresh
                         and (status == 0 or self.owner.get(p) in fragments or inside(p))]:
                del self.elements[path]
                self.owner.pop(path, None)
                self.bars.discard(path)
        self.fresh = set()      # a run that ended early for a rerun: the next run must draw its elements again

    async def pump(self, until, deadline):
        """Read messages (answering fragment timers like a browser) until ``until()`` holds when idle."""
        while True:
            now = time.perf_counter()
            if now > deadline:
                raise TimeoutError("session deadline")
            if not self.running:
                if until():
                    return
                ready = [fid for fid, t in self.due.items() if t <= now and fid in self.timers]
                if ready:
                    fid = ready[0]
                    self.due[fid] = now + self.timers[fid]
                    self.frames += 1
                    await self._send_rerun(fragment_id=fid)
                    continue
            wait = 0.05 if not self.running and self.due else 5.0
            try:
                raw = await asyncio.wait_for(self.ws.recv(), timeout=min(wait, max(0.01, deadline - now)))
            except asyncio.TimeoutError:
                continue
            self._handle(raw)

    async def open(self, page_name, query, deadline):
        self.page_name, self.query = page_name, query
        await self.connect()
        await self._send_rerun()
        await self.pump(lambda: self.progress() is not None, deadline)

    def button(self, label):
        """(widget id, id of the fragment that drew it or "") of the button labelled ``label``, or None."""
        for path, el in self.elements.items():
            if el[0] == "button" and el[1] == label:
                return el[2], self.owner.get(path, "")
        return None

    def button_id(self, label):
        found = self.button(label)
        return found[0] if found else None

    async def click(self, label, deadline):
        """Press a button as a browser does: a click inside a fragment asks for that fragment's rerun."""
        found = self.button(label)
        if found is None:
            raise LookupError(f"no button {label!r} on the page")
        await self._send_rerun(widget_id=found[0], fragment_id=found[1] or None, auto=False)

    def progress(self):
        """The text of the last progress bar on the page (checked after every message: no sorting)."""
        bars = [p for p in self.bars if self.elements.get(p, ("",))[0] == "progress"]
        return self.elements[max(bars)][1] if bars else None

    def media(self):
        """URLs of the server-stored files (``/media/...``) the page's images show."""
        return [url for el in self.elements.values() if el[0] == "imgs" for url in el[1]]

    def metrics(self):
        return tuple(el[1] for _path, el in sorted(self.elements.items()) if el[0] == "metric")


async def one_session(base, job, seed, deadline_s, start_at=0.0):
    """Open the job's page, press its button, wait for ``finished``: a result dict."""
    if start_at:
        await asyncio.sleep(start_at)
    t_open = time.perf_counter()
    deadline = t_open + deadline_s
    t_begin = t_open
    s = ProtocolSession(base)
    res = dict(job=job, seed=seed, ok=False, open_s=None, run_s=None, result=None, frames=0, error="", bytes=0)
    try:
        spec = JOBS[job]
        await s.open(spec["page"], spec["query"].format(seed=seed), deadline)
        res["open_s"] = time.perf_counter() - t_open
        t_start = time.perf_counter()
        res["start_at"] = t_start - t_begin + start_at
        await s.click(spec["button"], deadline)
        await s.pump(lambda: any(w in (s.progress() or "") for w in ENDED), deadline)
        res.update(ok=FINISHED in s.progress(), run_s=time.perf_counter() - t_start, result=s.metrics(),
                   frames=s.frames, status=s.progress())
    except Exception as exc:  # a timeout or a closed socket is a failed session, not a crash
        res["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        res["bytes"] = s.bytes
        await s.close()
    return res


class Sampler:
    """Peak RSS and CPU seconds of the server process (and its children), sampled every 0.1 s."""

    def __init__(self, pid):
        import psutil
        self.proc = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self.cpu0 = self.cpu()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def cpu(self):
        t = self.proc.cpu_times()
        return t.user + t.system

    def _run(self):
        while not self._stop.is_set():
            try:
                self.peak = max(self.peak, self.proc.memory_info().rss)
            except Exception:
                break
            time.sleep(0.1)

    def stop(self):
        self._stop.set()
        self.thread.join()
        return self.cpu() - self.cpu0, self.peak


def wait_idle(pid, quiet=0.02, window=1.0, bound=90.0):
    """Wait until the server's CPU grows by less than ``quiet`` seconds over ``window`` seconds (at most
    ``bound`` seconds): under ``streamlit run`` the first visit starts ui/warm.py's background warm-up
    (4-14 s of CPU), which must not be counted as the load's. Returns the seconds waited."""
    import psutil
    proc = psutil.Process(pid)
    t0 = time.perf_counter()

    def cpu():
        c = proc.cpu_times()
        return c.user + c.system
    last = cpu()
    while time.perf_counter() - t0 < bound:
        time.sleep(window)
        now = cpu()
        if now - last < quiet:
            break
        last = now
    return time.perf_counter() - t0


def start_profile(pid, out):
    """py-spy recording the server (speedscope JSON at ``out``) until :func:`stop_profile`."""
    import subprocess
    return subprocess.Popen(["py-spy", "record", "-p", str(pid), "--format", "speedscope", "-o", out,
                             "--rate", "50", "--gil", "--nonblocking"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop_profile(prof):
    import signal
    prof.send_signal(signal.SIGINT)
    try:
        prof.wait(60)
    except Exception:  # noqa: BLE001 - a profile is a by-product; never fail the run on it
        prof.kill()


def load_average():
    import os
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))] if values else float("nan")


async def run_load(base, job, n, same, spread_s, deadline_s, references):
    seeds = [0 if same else i for i in range(n)]
    tasks = [one_session(base, job, seed, deadline_s, start_at=spread_s * i / max(n - 1, 1))
             for i, seed in enumerate(seeds)]
    return await asyncio.gather(*tasks)


def _event_loop_policy():
    """uvloop when it is installed already (no new dependency): a cheaper client on the server's cores."""
    try:
        import uvloop
    except ImportError:
        return
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sessions", type=int, default=50)
    ap.add_argument("--job", choices=sorted(JOBS), default="mlp")
    ap.add_argument("--same", action="store_true", help="every session opens the same link (seed 0)")
    ap.add_argument("--spread", type=float, default=10.0, help="sessions open over this many seconds")
    ap.add_argument("--deadline", type=float, default=240.0, help="seconds each session may take")
    ap.add_argument("--url", help="an already running server (else one is started here)")
    ap.add_argument("--pid", type=int, help="that server's process id, for CPU and RSS")
    ap.add_argument("--dump", metavar="FILE", help="write every session's figures to FILE (JSON lines)")
    ap.add_argument("--profile", metavar="FILE", help="record the server with py-spy during the load (speedscope)")
    args = ap.parse_args(argv)
    args.sessions = max(1, min(args.sessions, 500))            # bounded, loopback only
    _event_loop_policy()

    seeds = [0] if args.same else list(range(args.sessions))

    def references(base):
        """Every distinct seed run once alone (after a warm-up on another seed): {seed: result}, first run."""
        asyncio.run(one_session(base, args.job, 9999, args.deadline))
        t0 = time.perf_counter()
        alone = asyncio.run(one_session(base, args.job, seeds[0], args.deadline))
        refs = {seeds[0]: alone["result"]}
        for seed in seeds[1:]:
            refs[seed] = asyncio.run(one_session(base, args.job, seed, args.deadline))["result"]
        print(f"reference runs alone: {len(refs)} in {time.perf_counter() - t0:.1f} s; "
              f"first Start -> finished {alone['run_s']:.2f} s")
        return refs

    proc = None
    if args.url:
        base, pid = args.url.rstrip("/"), args.pid
        if not base.startswith(("http://127.", "http://localhost")):
            sys.exit("loopback addresses only")
        refs = references(base)      # on the same server: its replay cache then holds every reference run
    else:
        # The references run on a server of their own, so the measured server starts with an empty replay
        # cache: with --same the first session trains and the others replay or follow it; with own seeds
        # nothing is cached (set BRAINLAB_REPLAY_MB=0 to measure a server without the cache at all).
        ref_proc, ref_base = start_streamlit()
        try:
            refs = references(ref_base)
        finally:
            stop(ref_proc)
        proc, base = start_streamlit()
        pid = proc.pid
    try:
        asyncio.run(one_session(base, args.job, 9999, args.deadline))     # warm-up: imports, not the seeds
        idle_s = wait_idle(pid) if pid else 0.0       # ... and the background warm-up it started
        print(f"server idle after {idle_s:.1f} s; {load_average()}")
        sampler = Sampler(pid) if pid else None
        prof = start_profile(pid, args.profile) if args.profile and pid else None
        t0, c0 = time.perf_counter(), time.process_time()
        results = asyncio.run(run_load(base, args.job, args.sessions, args.same, args.spread, args.deadline, refs))
        wall, client_cpu = time.perf_counter() - t0, time.process_time() - c0
        cpu, peak = sampler.stop() if sampler else (float("nan"), 0)
        load = load_average()
        if prof is not None:
            stop_profile(prof)
    finally:
        if proc is not None:
            stop(proc)

    if args.dump:
        import json
        with open(args.dump, "w") as fh:
            for r in results:
                fh.write(json.dumps({k: v for k, v in r.items() if k != "result"}) + "\n")
    ok = [r for r in results if r["ok"]]
    bad = [r for r in ok if r["result"] != refs[r["seed"]]]
    runs = [r["run_s"] for r in ok]
    opens = [r["open_s"] for r in results if r["open_s"] is not None]
    print(f"job {args.job}: {args.sessions} sessions ({'one link' if args.same else 'own seeds'}), "
          f"opened over {args.spread:g} s")
    print(f"finished {len(ok)}/{len(results)}, mismatches {len(bad)}")
    print(f"open p50 {pct(opens, .5):.2f} s  p95 {pct(opens, .95):.2f} s")
    print(f"Start -> finished p50 {pct(runs, .5):.2f} s  p95 {pct(runs, .95):.2f} s  max {max(runs, default=0):.2f} s")
    print(f"frames per session: median {statistics.median([r['frames'] for r in ok]) if ok else 0}")
    print(f"server CPU {cpu:.1f} s over {wall:.1f} s wall ({cpu / max(len(results), 1):.3f} s per session); "
          f"peak RSS {peak / 2**20:.0f} MB")
    print(f"client CPU {client_cpu:.1f} s ({client_cpu / max(len(results), 1):.3f} s per session), "
          f"{sum(r['bytes'] for r in results) / max(len(results), 1) / 2**20:.2f} MB received per session; "
          f"{load} at the end")
    for r in [r for r in results if not r["ok"]][:5]:
        print(f"  failed: seed {r['seed']}: {r['error'] or r.get('status')}")
    for r in bad[:5]:
        print(f"  mismatch: seed {r['seed']}: {r['result']} != {refs[r['seed']]}")
    return 0 if len(ok) == len(results) and not bad else 1


if __name__ == "__main__":
    sys.exit(main())
