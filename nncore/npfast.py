"""NumPy functions without their ``__array_function__`` dispatch, for the engine's hot loops.

``np.copyto`` and ``np.dot`` first look for an ``__array_function__`` override among their arguments, a
Python-level step that costs more than the work itself on small arrays: ≈ 0.25 µs of a small gradient
copy, ≈ 0.17 µs of the ≈ 6 µs of an LSTM step's matmul. Callers pass plain ndarrays only, so the
implementations underneath give the same results. Where a NumPy build has no ``_implementation``, the
public function is used.
"""
from __future__ import annotations

import numpy as np

copyto = getattr(np.copyto, "_implementation", np.copyto)   # the optimizers' gradient packing; the LIF loop
dot = getattr(np.dot, "_implementation", np.dot)            # the recurrent kernels (39 matmuls a batch, LSTM)
