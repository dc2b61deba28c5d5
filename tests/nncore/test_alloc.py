"""64-byte aligned scratch arrays (nncore.alloc) and the engine buffers built on them."""
import numpy as np
import pytest

from nncore import Sequential
from nncore.alloc import ALIGN, aligned_empty, aligned_zeros
from nncore.layers import GRU, LSTM, RNN, Dense
from nncore.optim import SGD, Adam


@pytest.mark.parametrize("shape", [7, (3, 5), (21, 6, 32, 64), (0, 4), (1,)])
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64])
def test_aligned_arrays_behave_like_numpys(shape, dtype):
    for make, ref in ((aligned_empty, np.empty), (aligned_zeros, np.zeros)):
        a = make(shape, dtype)
        b = ref(shape, dtype)
        assert a.shape == b.shape and a.dtype == b.dtype
        assert a.flags.c_contiguous and a.flags.writeable
        assert a.size == 0 or a.ctypes.data % ALIGN == 0      # (an empty array has no first element)
    assert not aligned_zeros(shape, dtype).any()


def test_many_allocations_are_all_aligned():
    # NumPy's own large arrays start 16 bytes past a boundary; a fixed offset would not survive this
    sizes = np.random.default_rng(0).integers(1, 200_000, size=50)
    assert all(aligned_empty(int(n), np.float32).ctypes.data % ALIGN == 0 for n in sizes)


@pytest.mark.parametrize("cell", [RNN, LSTM, GRU])
def test_recurrent_scratch_and_optimizer_state_are_aligned(cell):
    rng = np.random.default_rng(1)
    X = rng.standard_normal((40, 6, 2)).astype(np.float32)
    y = (X[:, 0, 0] > 0).astype(int)
    model = Sequential([cell(2, 16, rng=0), Dense(16, 2, rng=1)])
    opt = Adam(0.01)
    model.fit(X, y, optimizer=opt, epochs=1, batch_size=16, random_state=0)
    arena = model.layers[0]._arena
    arrays = [a for a in arena.values() if isinstance(a, np.ndarray) and a.size > 1 and a.flags.owndata is False
              and a.base is not None and a.base.dtype == np.uint8]
    assert arrays, "the arena holds no buffers from nncore.alloc"
    assert all(a.ctypes.data % ALIGN == 0 for a in arrays)
    states = [a for st in opt._state for a in st.values()]
    assert states and all(a.ctypes.data % ALIGN == 0 for a in states)


def test_sgd_momentum_state_is_aligned_and_zero_at_start():
    opt = SGD(0.1, momentum=0.9)
    p = np.ones((300, 7), np.float32)
    g = np.full_like(p, 0.5)
    opt.step([(p, g)])
    v = opt._state[0]["v"]
    assert v.ctypes.data % ALIGN == 0
    np.testing.assert_array_equal(v.reshape(p.shape), g)     # v ← 0·μ + g on the first step
