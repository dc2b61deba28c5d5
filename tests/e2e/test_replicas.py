"""Past one process: deploy/replicas.sh puts two Streamlit replicas behind nginx, and every request of a
browser — page, websocket, upload — stays on the replica that holds its session."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

from benchmarks.serve import ROOT, free_port
from tests.e2e.conftest import need_browser, wait_ready

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
    need_browser()
    need_nginx()
    port = free_port()
    proc = subprocess.Popen(["bash", str(ROOT / "deploy" / "replicas.sh"), "2", str(port)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines, ready = [], threading.Event()

    def read():
        for line in proc.stdout:
            lines.append(line)
            if line.startswith("ready:"):
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    if not ready.wait(120):
        proc.kill()
        pytest.fail("replicas.sh did not get ready:\n" + "".join(lines[-30:]))
    run_dir = Path(re.search(r"logs in (\S+)\)", next(x for x in lines if x.startswith("ready:"))).group(1))
    yield f"http://127.0.0.1:{port}", run_dir
    proc.terminate()
    proc.wait(30)
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


def test_upload_reaches_the_session_replica(replicas, browser):
    url, run_dir = replicas
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(90_000)
    page = context.new_page()
    uploads = []
    page.on("response", lambda r: uploads.append((r.status, r.headers.get("x-brainlab-replica")))
            if "/_stcore/upload_file" in r.url else None)
    page.goto(f"{url}/mlp_playground")
    wait_ready(page)
    page.locator("input[type=file]").first.set_input_files(
        files=[{"name": "points.csv", "mimeType": "text/csv", "buffer": CSV}])
    deadline = time.time() + 60
    while not uploads and time.time() < deadline:
        page.wait_for_timeout(200)
    wait_ready(page)
    cookie = {c["name"]: c["value"] for c in context.cookies()}["brainlab_replica"]
    assert uploads and all(200 <= status < 300 and rep == cookie for status, rep in uploads), (cookie, uploads)
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.locator("[data-testid=stAlertContentError]").count() == 0
    context.close()
