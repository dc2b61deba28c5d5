"""Past one process: deploy/replicas.sh puts two Streamlit replicas behind nginx, and every request of a
browser — page, websocket, upload — stays on the replica that holds its session; and protocol-level sessions
(benchmarks/replica_load.py) all finish there with a lone run's results."""
from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from benchmarks import replica_load
from tests.e2e.conftest import wait_ready

pytestmark = pytest.mark.e2e
SESSIONS = 6
CSV = b"x1,x2,label\n" + b"".join(f"{i % 7},{(i * 3) % 5},{i % 2}\n".encode() for i in range(40))


def need_nginx():
    if shutil.which("nginx") or Path("/usr/sbin/nginx").exists():
        return
    msg = "the replica test needs Debian's nginx (apt-get install nginx)"
    if os.environ.get("CI"):
        pytest.fail(msg)
    pytest.skip(msg)


@pytest.fixture(scope="module")
def replicas():
    """``deploy/replicas.sh 2 PORT`` in the foreground; yields (base url, its run folder); stops it."""
    need_nginx()
    with replica_load.replicas(2) as rep:
        yield rep.url, rep.run_dir
        run_dir, proc = rep.run_dir, rep.proc
    assert proc.returncode is not None
    assert not run_dir.exists(), "replicas.sh left its run folder behind"
    assert subprocess.run(["pgrep", "-f", str(run_dir)], capture_output=True).returncode != 0, \
        "replicas.sh left processes running"


def test_sessions_spread_over_replicas_and_stick(replicas, browser):
    url, run_dir = replicas
    seen = []
    for i in range(SESSIONS):
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        context.set_default_timeout(90_000)
        page = context.new_page()
        served = []
        page.on("response", lambda r, served=served: served.append(r.headers.get("x-brainlab-replica")))
        page.goto(f"{url}/memory")
        wait_ready(page)
        page.locator("[data-testid=stButtonGroup] button", has_text="Capacity").first.click()
        page.wait_for_function("() => /mem_view=Capacity/.test(window.location.search)", timeout=120_000)
        wait_ready(page)
        assert page.locator("[data-testid=stException]").count() == 0
        cookie = {c["name"]: c["value"] for c in context.cookies()}.get("brainlab_replica")
        assert cookie in ("replica0", "replica1"), cookie
        assert set(served) == {cookie}, f"session {i}: pinned to {cookie}, answered by {set(served)}"
        seen.append(cookie)
        context.close()
    assert set(seen) == {"replica0", "replica1"}, seen  # new browsers go round robin

    log = (run_dir / "access.log").read_text().splitlines()
    pinned = [line.split() for line in log if line.split()[0] != "-"]
    moved = [row for row in pinned if row[0] != row[1]]
    assert not moved, f"{len(moved)} requests left their replica: {moved[:5]}"
    streams = {row[1] for row in pinned if row[-1] == "/_stcore/stream"}
    assert streams == {"replica0", "replica1"}, streams  # websockets reached both, each on its pin


def _upload_on_the_playground(url, browser, name, data):
    """A browser opens the Playground through nginx and uploads ``data`` as ``name``; returns its context, the
    page and the (status, replica) of every upload request, once the page has settled after them."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(90_000)
    page = context.new_page()
    uploads = []
    page.on("response", lambda r: uploads.append((r.status, r.headers.get("x-brainlab-replica")))
            if "/_stcore/upload_file" in r.url else None)
    page.goto(f"{url}/mlp_playground")
    wait_ready(page)
    page.locator("input[type=file]").first.set_input_files(files=[{"name": name, "mimeType": "text/csv",
                                                                   "buffer": data}])
    deadline = time.time() + 60
    while not uploads and time.time() < deadline:
        page.wait_for_timeout(200)
    wait_ready(page)
    return context, page, uploads


def test_upload_reaches_the_session_replica(replicas, browser):
    url, run_dir = replicas
    context, page, uploads = _upload_on_the_playground(url, browser, "points.csv", CSV)
    cookie = {c["name"]: c["value"] for c in context.cookies()}["brainlab_replica"]
    assert uploads and all(200 <= status < 300 and rep == cookie for status, rep in uploads), (cookie, uploads)
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.locator("[data-testid=stAlertContentError]").count() == 0
    context.close()


def test_a_file_over_the_readers_limit_passes_nginx_and_is_refused_by_the_page(replicas, browser):
    """7 MB: over the CSV reader's 5 MB, under the server's 20 MB cap. nginx must hand it to the replica (not
    answer 413, nor 500 for a body it could not buffer), so the page itself refuses it with its own message."""
    url, _ = replicas
    big = CSV + b"1,2,0\n" * (7_000_000 // 6)
    context, page, uploads = _upload_on_the_playground(url, browser, "big.csv", big)
    assert uploads and all(200 <= status < 300 for status, _ in uploads), uploads
    error = page.locator("[data-testid=stAlertContentError]").first
    error.wait_for(timeout=30_000)
    assert "big.csv" in error.inner_text()
    assert page.locator("[data-testid=stException]").count() == 0
    context.close()


@pytest.mark.slow
def test_protocol_sessions_stick_and_finish(replicas):
    """Ten browser-less sessions (page GET for the cookie, static file, health check, websocket, Start) open
    together through nginx: every one finishes with the metrics of its seed run alone on a plain server, both
    replicas serve some, and the access log shows no session's request on a second replica."""
    url, run_dir = replicas
    seeds = [i % 3 for i in range(10)]     # round robin alternates: each seed runs on both replicas
    with ThreadPoolExecutor(1) as pool:  # Playwright's sync API (the tests above) runs an event loop in this thread
        refs = pool.submit(replica_load.references, "mlp", seeds, 120).result()
        results = pool.submit(asyncio.run, replica_load.run_sessions(url, "mlp", seeds, 2.0, 120, "t-")).result()
    time.sleep(0.5)     # a websocket's log line is written when it closes
    rows = (run_dir / "access.log").read_text().splitlines()
    rows = [line.split(maxsplit=replica_load.LOG_FIELDS - 1) for line in rows]
    v = replica_load.verdict(rows, results)
    failed = [(r["marker"], r["error"] or r.get("status")) for r in results if not r["ok"]]
    assert not failed and v["finished"] == 10 and not v["lost"], failed
    assert [r["result"] for r in results] == [refs[s] for s in seeds]
    assert all(r["result"] for r in results)                        # metrics were read, not two empty tuples
    assert not v["moved"] and not v["reconnected"] and not v["mixed_connections"] and not v["retried"], v
    assert v["both_used"] and sum(v["per_replica"].values()) == 10, v["per_replica"]
    assert v["requests"] >= 40                                      # page, static, health, websocket each

    # The check can fail: the same log with one request of one session answered by the other replica.
    marker = results[0]["marker"]
    other = {"replica0": "replica1", "replica1": "replica0"}
    i = next(k for k, row in enumerate(rows) if len(row) == replica_load.LOG_FIELDS and row[4] == marker
             and row[-1] == "/_stcore/health")
    rows[i] = [rows[i][0], other[rows[i][1]], *rows[i][2:]]
    assert replica_load.verdict(rows, results)["moved"] == [marker]
