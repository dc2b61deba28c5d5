"""Import every heavy module once per process, under one lock, before any page runs.

One server process serves the whole class, and when it wakes up many students open the app at
once. Their script runs then import NumPy, pandas, Plotly and scikit-learn at the same moment from
different threads. Python's per-module import locks make that safe for a plain ``import``, but
Plotly and pandas look modules up in ``sys.modules`` directly and so can be handed a module that
another thread is still initialising: "partially initialized module 'numpy' has no attribute
'isscalar'", or "cannot import name 'fig_cnn' from 'ui'", as a traceback on a student's screen
(measured: 4 to 8 of 20 sessions opened together on a fresh server, ``benchmarks/load.py
--no-reference``). So importing the ``ui`` package runs :func:`warm_imports` (``ui/__init__.py``):
the first run imports everything, in order, while every other run waits, and all later runs pass
straight through.

Afterwards it sets the BLAS thread limit (``ui/blas.py``: it must not run beside an import) and
freezes the garbage collector's view of these long-lived objects, so that a full collection no
longer walks every module, function and class of the libraries, and raises its thresholds (``GC_THRESHOLDS``).

Last, under ``streamlit run`` only, it starts :func:`warm_caches` in a background thread: the pure,
seeded results a page shows first and caches for everyone (the Challenges page's default networks
and learning-curve seeds, 4–14 s cold), computed once through the page's own cached functions, so
the first student finds them ready. No page waits for that thread (a page asking for a result the
thread is computing waits only for that result, through Streamlit's per-key cache lock) and its
failures are logged, not raised. Under tests (AppTest's mock runtime, pytest) it does not start.
"""
from __future__ import annotations

import gc
import importlib
import logging
import pkgutil
import sys
import threading

from .blas import limit_blas_threads, once_per_process

# Third-party modules the pages use, leaves first; then every module of the three packages below.
LIBRARIES = ("numpy", "pandas", "PIL.Image", "plotly.graph_objects", "plotly.io", "plotly.subplots",
             "sklearn.neural_network", "sklearn.model_selection", "sklearn.preprocessing")
PACKAGES = ("nncore", "lab", "ui")
# The collector's thresholds for this server (Python's are 700, 10, 10). A script run makes thousands of short-lived
# containers; with a young generation of 700 many are still referenced at a collection and get promoted, and a hall
# of sessions growing the heap then sets off full collections over everything alive. Timed with gc.callbacks over
# a 200-session load after the warm-up (benchmarks/ws_load.py --same, 2 runs each): 0.69-0.74 s collecting, five
# full collections among it (0.38-0.39 s); with 20,000, 0.08-0.10 s and no full one, at no more memory.
GC_THRESHOLDS = (20_000, 20, 10)


def module_names() -> list[str]:
    """The libraries, then every module inside ``nncore``, ``lab`` and ``ui`` (sub-packages included)."""
    names = list(LIBRARIES)
    for package in PACKAGES:
        pkg = importlib.import_module(package)
        names.append(package)
        names += [info.name for info in pkgutil.walk_packages(pkg.__path__, prefix=package + ".")]
    return names


@once_per_process
def warm_imports() -> None:
    """Import all of :func:`module_names` the first time; later calls return at once."""
    for name in module_names():
        importlib.import_module(name)
    limit_blas_threads()
    gc.collect()
    gc.freeze()   # what is alive now (modules, classes, functions) lives as long as the process
    gc.set_threshold(*GC_THRESHOLDS)
    if serving():
        threading.Thread(target=warm_caches, name="brainlab-warm-caches", daemon=True).start()


def serving() -> bool:
    """True inside a real ``streamlit run`` server: not under pytest, not under AppTest's mock runtime."""
    if "pytest" in sys.modules:
        return False
    from streamlit.runtime import Runtime
    return Runtime.exists() and type(Runtime.instance()) is Runtime


def warm_caches() -> None:
    """Fill the shared caches of the pages' default results; log, never raise (the pages compute them anyway)."""
    try:
        from . import challenges_cache
        challenges_cache.warm_defaults()
    except Exception:  # noqa: BLE001 - a background warm-up must never break the server
        logging.getLogger(__name__).exception("warming the caches failed")
