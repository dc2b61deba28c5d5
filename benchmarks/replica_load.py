"""Sessions through replicas: ``deploy/replicas.sh 2 PORT`` and browser-less sessions that stick (loopback only).

Each session behaves like a browser meeting nginx for the first time: a plain HTTP GET of the page URL
(nginx picks a replica round robin and sets the ``brainlab_replica`` cookie on the answer), then one
static file and the health check with that cookie, then the websocket with that cookie, where it opens
the page link, presses Start and waits until the page says finished (``benchmarks/ws_load.py``'s
ProtocolSession), then the media files the page refers to, if any. Every request also carries a
marker of its own session (header ``X-Brainlab-Client``), which nginx writes into its access log.

The verdict comes from that log, not from the client: each session's requests must all have reached
one replica (the one its cookie names), through exactly one websocket connection, each request through
one upstream try (no fall-back to another replica); every session must appear there (none lost) and
both replicas must hold some. The client side adds: one Streamlit session id per websocket, and a
final result equal to the same seed run alone on a server of its own.

    python benchmarks/replica_load.py                      # 50 sessions, each its own seed, then one link
    python benchmarks/replica_load.py --mode same          # 50 sessions on one scene link only
    python benchmarks/replica_load.py --sessions 10 --mode own

Prints a table per mode: sessions, finished, mismatches, sessions per replica, moved sessions,
p50/p95 Start -> finished, replicas' CPU seconds, and the load average next to the wall figures.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.serve import ROOT, free_port, start_streamlit, stop  # noqa: E402
from benchmarks.ws_load import ENDED, FINISHED, JOBS, ProtocolSession, pct  # noqa: E402

COOKIE = "brainlab_replica"
MARKER = "X-Brainlab-Client"
MAX_SESSIONS = 200
LOG_FIELDS = 8   # deploy/replicas.sh's access log: cookie served_by status method client hops connection uri


@dataclass
class Replicas:
    """A running ``deploy/replicas.sh``: its base URL, run folder (logs) and process."""
    url: str
    run_dir: Path
    proc: subprocess.Popen
    lines: list = field(default_factory=list)

    def streamlit_cpu(self):
        """{replica name: CPU seconds (user + system) so far} of the Streamlit replicas, named by their port."""
        import psutil
        ready = next(x for x in self.lines if x.startswith("ready:"))
        ports = re.search(r"on ports ([\d ]+)", ready).group(1).split()
        out = {}
        try:
            kids = psutil.Process(self.proc.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return out
        for k in kids:
            with contextlib.suppress(psutil.Error):
                cmd = k.cmdline()
                if "streamlit" in " ".join(cmd) and "--server.port" in cmd:
                    port = cmd[cmd.index("--server.port") + 1]
                    if port in ports:
                        t = k.cpu_times()
                        out[f"replica{ports.index(port)}"] = t.user + t.system
        return out

    def cpu(self):
        """CPU seconds (user + system) the Streamlit replicas have used so far, together."""
        return sum(self.streamlit_cpu().values())

    def wait_idle(self, quiet=0.15, window=1.0, timeout=90.0):
        """Wait until the replicas use less than ``quiet`` CPU seconds per second (warm-up threads done)."""
        deadline = time.time() + timeout
        last = self.cpu()
        while time.time() < deadline:
            time.sleep(window)
            now = self.cpu()
            if now - last < quiet * window:
                return True
            last = now
        return False

    def log(self):
        """The nginx access log as rows of LOG_FIELDS fields (the URI, last, may hold spaces)."""
        path = self.run_dir / "access.log"
        if not path.exists():
            return []
        return [line.split(maxsplit=LOG_FIELDS - 1) for line in path.read_text().splitlines() if line.strip()]


@contextlib.contextmanager
def replicas(n=2, port=None, timeout=120.0):
    """``deploy/replicas.sh n PORT`` on a free loopback port; yields :class:`Replicas`; stops it on exit."""
    port = port or free_port()
    proc = subprocess.Popen(["bash", str(ROOT / "deploy" / "replicas.sh"), str(n), str(port)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    lines, ready = [], threading.Event()

    def read():
        for line in proc.stdout:
            lines.append(line)
            if line.startswith("ready:"):
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        if not ready.wait(timeout):
            raise RuntimeError("replicas.sh did not get ready:\n" + "".join(lines[-30:]))
        run_dir = Path(re.search(r"logs in (\S+)\)", next(x for x in lines if x.startswith("ready:"))).group(1))
        yield Replicas(f"http://127.0.0.1:{port}", run_dir, proc, lines)
    finally:
        if proc.poll() is None:
            proc.terminate()          # the script's TERM trap stops nginx and every replica
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)   # its own process group (start_new_session)
                proc.wait(10)


class StickySession(ProtocolSession):
    """A ProtocolSession that first meets nginx like a browser: page GET for the cookie, then every request
    (static file, health check, websocket, media) with that cookie and the session's marker header."""

    def __init__(self, base_url: str, marker: str, cookie: str | None = None):
        super().__init__(base_url)
        self.base = base_url.rstrip("/")
        self.marker = marker
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.pinned = cookie                 # set: skip the cookie-less first GET (warm-up on a chosen replica)
        self.answered: list[tuple[str, int, str]] = []   # (path, status, X-Brainlab-Replica) per request
        self.session_ids: set[str] = set()   # Streamlit session ids seen on the websocket
        self.connections = 0

    # -- plain HTTP, as a browser sends it -----------------------------------------------------------
    def cookie(self):
        if self.pinned:
            return self.pinned
        return next((c.value for c in self.jar if c.name == COOKIE), None)

    def get(self, path):
        req = urllib.request.Request(urljoin(self.base + "/", path.lstrip("/")), headers={MARKER: self.marker})
        if self.pinned:
            req.add_header("Cookie", f"{COOKIE}={self.pinned}")
        with self.opener.open(req, timeout=60) as r:
            body = r.read()
            self.answered.append((urlsplit(r.url).path, r.status, r.headers.get("X-Brainlab-Replica")))
        return body

    def load_page(self, page, query):
        """GET the page (the cookie arrives with it), then one static file it links and the health check."""
        html = self.get(f"/{page}?{query}").decode("utf-8", "replace")
        scripts = re.findall(r'src="([^"]+\.js)"', html)
        if scripts:
            self.get(urljoin(f"/{page}", scripts[0]))
        self.get("/_stcore/health")

    # -- the websocket ---------------------------------------------------------------------------------
    async def connect(self):
        import websockets
        headers = {MARKER: self.marker}
        if self.cookie():
            headers["Cookie"] = f"{COOKIE}={self.cookie()}"
        self.ws = await websockets.connect(self.ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=60,
                                           ping_interval=None, additional_headers=headers)
        self.connections += 1
        self.answered.append(("/_stcore/stream", 101, self.ws.response.headers.get("X-Brainlab-Replica")))

    def _handle(self, raw: bytes):
        super()._handle(raw)
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
        f = ForwardMsg()
        f.ParseFromString(raw)   # parsed twice: ProtocolSession keeps its message to itself
        if f.WhichOneof("type") == "new_session" and f.new_session.initialize.session_id:
            self.session_ids.add(f.new_session.initialize.session_id)


async def sticky_session(base, job, seed, marker, deadline_s, start_at=0.0, cookie=None):
    """One browser-like session through nginx: a result dict (ws_load's, plus what stickiness needs)."""
    if start_at:
        await asyncio.sleep(start_at)
    t_open = time.perf_counter()
    deadline = t_open + deadline_s
    s = StickySession(base, marker, cookie)
    res = dict(job=job, seed=seed, marker=marker, ok=False, open_s=None, run_s=None, result=None, error="",
               cookie=None, answered=s.answered, session_ids=s.session_ids, connections=0, media=0)
    spec = JOBS[job]
    query = spec["query"].format(seed=seed)
    try:
        if cookie is None:
            await asyncio.to_thread(s.load_page, spec["page"], query)
        await s.open(spec["page"], query, deadline)
        res["open_s"] = time.perf_counter() - t_open
        t_start = time.perf_counter()
        await s.click(spec["button"], deadline)
        await s.pump(lambda: any(w in (s.progress() or "") for w in ENDED), deadline)
        res.update(ok=FINISHED in s.progress(), run_s=time.perf_counter() - t_start, result=s.metrics(),
                   status=s.progress())
        media = s.media()
        for url in media[:3]:
            await asyncio.to_thread(s.get, url)
        res["media"] = len(media[:3])
    except Exception as exc:  # a timeout or a closed socket is a failed session, not a crash
        res["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        await s.close()
        res.update(cookie=s.cookie(), connections=s.connections)
    return res


async def run_sessions(base, job, seeds, spread_s, deadline_s, prefix):
    tasks = [sticky_session(base, job, seed, f"{prefix}{i}", deadline_s, start_at=spread_s * i / max(len(seeds) - 1, 1))
             for i, seed in enumerate(seeds)]
    return await asyncio.gather(*tasks)


def verdict(rows, results, replica_names=("replica0", "replica1")):
    """What the nginx log (``rows``) says about the sessions in ``results``: a dict of counts and offenders.

    moved: a session whose requests reached more than one replica, or a replica other than its cookie's.
    lost: a session of which nginx logged no websocket, or that did not finish.
    reconnected: a session with more than one websocket (or more than one Streamlit session id).
    retried: requests that needed more than one upstream try (nginx's fall-back to another replica).
    """
    markers = {r["marker"] for r in results}
    by_marker, by_conn = defaultdict(list), defaultdict(set)
    for row in rows:
        if len(row) == LOG_FIELDS and row[4] in markers:
            by_marker[row[4]].append(row)
            by_conn[row[6]].add(row[1])     # nginx's connection serial number -> replicas it reached
    out = dict(sessions=len(results), finished=sum(r["ok"] for r in results), per_replica=Counter(),
               moved=[], lost=[], reconnected=[], retried=0, mixed_connections=0, requests=0)
    for r in results:
        mine = by_marker.get(r["marker"], [])
        out["requests"] += len(mine)
        streams = [row for row in mine if row[-1] == "/_stcore/stream"]
        served = {row[1] for row in mine}
        pinned_rows = [row for row in mine if row[0] != "-"]       # sent with the cookie
        client_seen = {rep for _p, _s, rep in r["answered"]}
        if not r["ok"] or not streams:
            out["lost"].append(r["marker"])
        if len(served) != 1 or any(row[0] != row[1] for row in pinned_rows) or len(client_seen) > 1 \
                or (r["cookie"] and served != {r["cookie"]}):
            out["moved"].append(r["marker"])
        if len(streams) != 1 or r["connections"] != 1 or len(r["session_ids"]) != 1:
            out["reconnected"].append(r["marker"])
        out["retried"] += sum(row[5] not in ("0", "1") for row in mine)
        if len(served) == 1:
            out["per_replica"][served.pop()] += 1
    out["mixed_connections"] = sum(len(reps) > 1 for reps in by_conn.values())
    out["both_used"] = all(out["per_replica"][name] > 0 for name in replica_names)
    return out


def references(job, seeds, deadline_s):
    """Each distinct seed run alone, one after another, on a plain server of its own: {seed: metrics}."""
    from benchmarks.ws_load import one_session
    proc, base = start_streamlit()
    try:
        asyncio.run(one_session(base, job, 9999, deadline_s))        # warm-up: imports, not the seeds
        refs = {}
        for seed in dict.fromkeys(seeds):
            r = asyncio.run(one_session(base, job, seed, deadline_s))
            if not r["ok"]:
                raise RuntimeError(f"reference run for seed {seed} failed: {r['error'] or r.get('status')}")
            refs[seed] = r["result"]
        return refs
    finally:
        stop(proc)


def warm(rep: Replicas, job, deadline_s, n=2):
    """One session pinned to each replica (imports, the page's first run), then wait for the replicas' idle CPU
    (ui/warm.py trains the Challenges models in a background thread after the first visit)."""
    async def go():
        return await asyncio.gather(*[sticky_session(rep.url, job, 9999, f"warm{i}", deadline_s,
                                                     cookie=f"replica{i}") for i in range(n)])
    asyncio.run(go())
    return rep.wait_idle()


def measure(rep: Replicas, job, seeds, refs, spread_s, deadline_s, prefix):
    """Run the sessions through ``rep`` and judge them: (results, verdict dict with timings added)."""
    cpu0, t0 = rep.streamlit_cpu(), time.perf_counter()
    results = asyncio.run(run_sessions(rep.url, job, seeds, spread_s, deadline_s, prefix))
    wall, cpu1 = time.perf_counter() - t0, rep.streamlit_cpu()
    cpu = {name: cpu1[name] - cpu0.get(name, 0.0) for name in cpu1}
    load = os.getloadavg()
    time.sleep(0.5)     # nginx writes a websocket's log line when it closes
    v = verdict(rep.log(), results)
    ok = [r for r in results if r["ok"]]
    v.update(mismatches=[r["marker"] for r in ok if r["result"] != refs[r["seed"]]],
             p50=pct([r["run_s"] for r in ok], .5), p95=pct([r["run_s"] for r in ok], .95),
             wall=wall, cpu=cpu, load=load, failed=[(r["marker"], r["error"] or r.get("status")) for r in results
                                                   if not r["ok"]],
             media=sum(r["media"] for r in results))
    return results, v


def table(label, v):
    cpu = sum(v["cpu"].values())
    reps = "  ".join(f"{k} {c} sessions, {v['cpu'].get(k, float('nan')):.1f} s CPU"
                     for k, c in sorted(v["per_replica"].items()))
    return "\n".join([
        f"== {label}",
        f"  sessions {v['sessions']}  finished {v['finished']}  mismatches {len(v['mismatches'])}  "
        f"lost {len(v['lost'])}  moved {len(v['moved'])}  reconnected {len(v['reconnected'])}  "
        f"upstream retries {v['retried']}  connections on >1 replica {v['mixed_connections']}",
        f"  per replica: {reps}   (requests logged {v['requests']}, media fetched {v['media']})",
        f"  Start -> finished p50 {v['p50']:.2f} s  p95 {v['p95']:.2f} s;  replicas' CPU {cpu:.1f} s "
        f"over {v['wall']:.1f} s wall;  load average {v['load'][0]:.2f} {v['load'][1]:.2f} {v['load'][2]:.2f}",
    ])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sessions", type=int, default=50)
    ap.add_argument("--replicas", type=int, default=2)
    ap.add_argument("--job", choices=sorted(JOBS), default="mlp")
    ap.add_argument("--mode", choices=("own", "same", "both"), default="both",
                    help="own: every session its own seed; same: one scene link for all")
    ap.add_argument("--spread", type=float, default=10.0, help="sessions open over this many seconds")
    ap.add_argument("--deadline", type=float, default=240.0, help="seconds each session may take")
    args = ap.parse_args(argv)
    n = max(1, min(args.sessions, MAX_SESSIONS))          # bounded, loopback only
    modes = ("own", "same") if args.mode == "both" else (args.mode,)
    plans = {"own": list(range(n)), "same": [n] * n}      # the one link: a seed no other session used
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))   # so the replicas are stopped on TERM too

    t0 = time.perf_counter()
    refs = references(args.job, [s for m in modes for s in plans[m]], args.deadline)
    print(f"reference runs alone, on a server of their own: {len(refs)} seeds in {time.perf_counter() - t0:.0f} s")
    bad = False
    with replicas(args.replicas) as rep:
        idle = warm(rep, args.job, args.deadline, args.replicas)
        print(f"{args.replicas} replicas behind nginx at {rep.url}; warmed up, idle: {idle}")
        names = tuple(f"replica{i}" for i in range(args.replicas))
        for mode in modes:
            results, v = measure(rep, args.job, plans[mode], refs, args.spread, args.deadline, f"{mode}-")
            v["both_used"] = all(v["per_replica"][x] > 0 for x in names)
            label = (f"job {args.job}, {n} sessions, {'each its own seed' if mode == 'own' else 'one link'}, "
                     f"opened over {args.spread:g} s")
            print(table(label, v))
            for marker, why in v["failed"][:5]:
                print(f"  failed: {marker}: {why}")
            bad |= bool(v["failed"] or v["mismatches"] or v["lost"] or v["moved"] or v["reconnected"]
                        or v["mixed_connections"] or not v["both_used"])
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
