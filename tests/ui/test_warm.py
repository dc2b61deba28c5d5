"""The once-per-process warm-up import (ui/warm.py) and the server settings that keep a class's
shared process responsive."""
from __future__ import annotations

import subprocess
import sys
import threading
import time
import tomllib
from pathlib import Path

import pytest

from ui import warm
from ui.blas import once_per_process

ROOT = Path(__file__).resolve().parents[2]


def test_every_module_of_the_app_packages_is_warmed():
    names = set(warm.module_names())
    on_disk = set()
    for package in warm.PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            on_disk.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    assert on_disk <= names
    assert set(warm.LIBRARIES) <= names


def test_once_per_process_runs_once_and_late_callers_wait_for_it():
    calls, finished = [], threading.Event()

    @once_per_process
    def setup():
        calls.append(1)
        time.sleep(0.2)
        finished.set()

    seen = []

    def caller():
        setup()
        seen.append(finished.is_set())   # no caller may go on before the set-up has finished

    threads = [threading.Thread(target=caller) for _ in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    setup()
    assert calls == [1] and seen == [True] * 6


def test_a_failed_set_up_is_tried_again():
    calls = []

    @once_per_process
    def flaky():
        calls.append(1)
        if len(calls) == 1:
            raise OSError("first try fails")

    try:
        flaky()
    except OSError:
        pass
    flaky()
    flaky()
    assert len(calls) == 2


@pytest.mark.slow   # a fresh interpreter importing the whole app: ≈ 2.7 s
def test_threads_that_start_together_all_see_fully_imported_modules():
    # A fresh interpreter, so nothing is imported yet. Eight threads at once do what a page does,
    # some through the shell and some as a deep link on a cold server (the page's own imports
    # first), and then use attributes that only exist once each module has finished initialising.
    code = """
import sys, threading
sys.path.insert(0, sys.argv[1])
errors, barrier = [], threading.Barrier(8)
def session(i):
    barrier.wait()
    try:
        if i % 2:
            from ui.warm import warm_imports
            warm_imports()
        from ui import fig_cnn, figures, live, page
        import numpy, pandas, plotly.graph_objects as go, sklearn.neural_network as nn
        assert numpy.isscalar(1.0) and pandas.Series([1]).sum() == 1
        assert go.Figure is not None and nn.MLPClassifier is not None and fig_cnn.stage_label
        assert figures.show and live.live_training and page.ensure_shell
    except Exception as exc:
        errors.append(repr(exc))
threads = [threading.Thread(target=session, args=(i,)) for i in range(8)]
[t.start() for t in threads]; [t.join() for t in threads]
import gc
from ui.warm import GC_THRESHOLDS
print(len(errors), gc.get_freeze_count() > 0 and gc.get_threshold() == GC_THRESHOLDS != (700, 10, 10))
print(errors)
"""
    out = subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    first, second = out.stdout.splitlines()[:2]
    assert first == "0 True", second


@pytest.mark.slow   # a fresh interpreter importing the whole app: ≈ 2.7 s
def test_importing_the_ui_package_warms_the_process():
    code = """
import sys
sys.path.insert(0, sys.argv[1])
import ui
print(all(m in sys.modules for m in ("sklearn.neural_network", "plotly.graph_objects", "ui.fig_cnn",
                                     "lab.cnn", "nncore.sklearn.mlp")))
"""
    out = subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "True"


def test_server_does_not_collect_garbage_after_every_run():
    # Streamlit's default full collection after each script run (fragment reruns included) held
    # the GIL ~100 ms per live refresh and starved a 20-session server.
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["runner"]["postScriptGC"] is False


def test_magic_is_off_and_no_page_needs_it():
    """Streamlit empties its compiled-script cache when a session connects, so every student opening a page
    pays for compiling it; with magic on, the rewrite first cost 25 of the MLP Playground's 29 ms. Off, a
    bare expression would no longer be written to the page: no script has one (calls and docstrings are
    never written by magic)."""
    import ast

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["runner"]["magicEnabled"] is False
    shown = []
    for path in [ROOT / "streamlit_app.py", *sorted((ROOT / "pages").glob("*.py"))]:
        for parent in ast.walk(ast.parse(path.read_text())):
            for field in ("body", "orelse", "finalbody"):
                body = getattr(parent, field, None)
                for i, node in enumerate(body if isinstance(body, list) else ()):
                    if not isinstance(node, ast.Expr) or isinstance(node.value, ast.Call | ast.Await | ast.Yield):
                        continue
                    docstring = (field == "body" and i == 0 and isinstance(node.value, ast.Constant)
                                 and isinstance(parent, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef))
                    if not docstring:
                        shown.append(f"{path.name}:{node.lineno}")
    assert not shown, f"magic would write these expressions to the page: {shown}"
