"""Start and stop `streamlit run` on a free localhost port, and find Debian's chromium.

Shared by the real-browser tests (tests/e2e) and the load benchmark. Localhost only.
"""
from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
READY = "[data-testid=stApp][data-test-script-state=notRunning]"


def chromium_path():
    return shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_streamlit(log_path=None, timeout=60):
    """Run the app on 127.0.0.1:<free port>; return (process, base_url) once it answers its health check."""
    port = free_port()
    log = open(log_path, "w") if log_path else subprocess.DEVNULL
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=2)
            return proc, url
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited early (code {proc.returncode}); see {log_path}") from None
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"streamlit did not answer within {timeout} s")


def stop(proc):
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@contextlib.contextmanager
def home_page(log_path=None, viewport=(1600, 1200)):
    """A fresh server and a headless chromium page that has loaded Home: yields (page, base_url)."""
    from playwright.sync_api import sync_playwright
    proc, url = start_streamlit(log_path=log_path)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
            page.goto(url, timeout=90_000)
            page.wait_for_selector(READY, timeout=90_000)
            yield page, url
            browser.close()
    finally:
        stop(proc)
