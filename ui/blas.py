"""One BLAS thread per call, set once per process.

One process serves the whole class: BLAS threads per call only fight each other (and the GIL-bound
sessions) on a 2-core host, and on the CNN page's small matrices a two-thread OpenBLAS that
spin-waits for a busy core was measured 10–20× slower than one thread. ``BRAINLAB_BLAS_THREADS`` overrides.

threadpoolctl finds the BLAS libraries by walking the loaded shared objects (``dl_iterate_phdr``
with a Python callback). Run while another thread imports an extension module, that walk can
deadlock: the walker holds the loader lock and waits for the GIL, the importer holds the GIL and
waits for the loader lock. It froze the test suite once when it ran on every script run beside a
background scikit-learn import, so it now runs once, at the end of the warm-up (``ui/warm.py``),
when every import is done.
"""
from __future__ import annotations

import functools
import os
import threading


def once_per_process(fn):
    """Decorator for a no-argument set-up step: the first call runs it under a lock (callers that
    arrive meanwhile wait for it to finish), every later call returns at once."""
    lock = threading.Lock()
    done = False

    @functools.wraps(fn)
    def wrapper() -> None:
        nonlocal done
        if done:
            return
        with lock:
            if not done:
                fn()
                done = True
    return wrapper


@once_per_process
def limit_blas_threads() -> None:
    """Set the process-wide BLAS thread count (``BRAINLAB_BLAS_THREADS``, default 1) the first time only."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - scikit-learn always brings it
        return
    threadpool_limits(int(os.environ.get("BRAINLAB_BLAS_THREADS", "1")))
