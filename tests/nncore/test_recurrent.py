"""Recurrent layers: naive references, float64 gradient checks, PyTorch gold, save/load, training."""
import numpy as np
import pytest

from nncore import Sequential, Trainer
from nncore.gradcheck import check_layer, check_model, rel_error
from nncore.layers import GRU, LSTM, RNN, Dense, TimeDistributed
from nncore.losses import cross_entropy
from nncore.optim import Adam

CELLS = {"RNN": RNN, "LSTM": LSTM, "GRU": GRU}


def sigmoid(a):
    return 1 / (1 + np.exp(-a))


def naive_forward(cell, p, x):
    """Per-sample, per-step reference written straight from PyTorch's equations. x: (N, T, D) -> (N, T, H)."""
    w_ih, w_hh, b_ih, b_hh = p["weight_ih"], p["weight_hh"], p["bias_ih"], p["bias_hh"]
    H = w_hh.shape[1]
    out = np.zeros(x.shape[:2] + (H,))
    for s in range(x.shape[0]):
        h, c = np.zeros(H), np.zeros(H)
        for t in range(x.shape[1]):
            gi, gh = w_ih @ x[s, t] + b_ih, w_hh @ h + b_hh
            if cell == "RNN":
                h = np.tanh(gi + gh)
            elif cell == "LSTM":
                a = gi + gh
                i, f, g, o = sigmoid(a[:H]), sigmoid(a[H:2 * H]), np.tanh(a[2 * H:3 * H]), sigmoid(a[3 * H:])
                c = f * c + i * g
                h = o * np.tanh(c)
            else:
                r, z = sigmoid(gi[:H] + gh[:H]), sigmoid(gi[H:2 * H] + gh[H:2 * H])
                n = np.tanh(gi[2 * H:] + r * gh[2 * H:])
                h = (1 - z) * n + z * h
            out[s, t] = h
    return out


def data(n=3, t=5, d=2, seed=1):
    return np.random.default_rng(seed).standard_normal((n, t, d))


@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("seq", [False, True])
def test_forward_matches_naive_reference(cell, seq):
    layer = CELLS[cell](2, 4, return_sequences=seq, dtype=np.float64, rng=0)
    x = data()
    ref = naive_forward(cell, layer.params, x)
    y = layer.forward(x)
    assert y.shape == ((3, 5, 4) if seq else (3, 4))
    np.testing.assert_allclose(y, ref if seq else ref[:, -1], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(layer.hidden_states(), ref, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("seq", [False, True])
def test_gradients_match_finite_differences(cell, seq):
    layer = CELLS[cell](2, 3, return_sequences=seq, dtype=np.float64, rng=2)
    errors = check_layer(layer, data(n=2, t=4), seed=3, eps=1e-6)
    assert set(errors) == {"x", "weight_ih", "weight_hh", "bias_ih", "bias_hh"}
    assert max(errors.values()) < 1e-5, errors


@pytest.mark.parametrize("cell", CELLS)
def test_model_gradients_with_per_step_head(cell):
    rng = np.random.default_rng(0)
    model = Sequential([CELLS[cell](2, 3, return_sequences=True, dtype=np.float64, rng=1),
                        TimeDistributed(Dense(3, 4, dtype=np.float64, rng=2))])
    X, y = rng.standard_normal((2, 4, 2)), rng.integers(0, 4, (2, 4))
    assert max(check_model(model, X, y, cross_entropy)) < 1e-5


def test_grads_overwritten_and_keys_match_params():
    layer = LSTM(2, 3, rng=0)
    x = data().astype(np.float32)
    for _ in range(2):
        layer.forward(x)
        layer.backward(np.ones((3, 3), np.float32))
    first = {k: g.copy() for k, g in layer.grads.items()}
    layer.forward(x)
    layer.backward(np.ones((3, 3), np.float32))
    assert layer.grads.keys() == layer.params.keys()
    for k in first:
        np.testing.assert_allclose(layer.grads[k], first[k])   # overwritten, not accumulated
        assert layer.grads[k].shape == layer.params[k].shape


@pytest.mark.parametrize("cell,gates", [("RNN", 1), ("LSTM", 4), ("GRU", 3)])
def test_pytorch_parameter_shapes_and_dtype(cell, gates):
    layer = CELLS[cell](5, 7, rng=0)
    assert layer.params["weight_ih"].shape == (gates * 7, 5)
    assert layer.params["weight_hh"].shape == (gates * 7, 7)
    assert layer.params["bias_ih"].shape == layer.params["bias_hh"].shape == (gates * 7,)
    assert all(p.dtype == np.float32 for p in layer.params.values())
    assert layer.forward(np.zeros((2, 3, 5), np.float32)).dtype == np.float32
    bound = 1 / np.sqrt(7)
    assert all(np.abs(p).max() <= bound for k, p in layer.params.items() if k != "bias_ih" or cell != "LSTM")


def test_same_seed_same_weights_and_forget_bias():
    a, b = LSTM(3, 4, rng=5), LSTM(3, 4, rng=5)
    for k in a.params:
        np.testing.assert_array_equal(a.params[k], b.params[k])
    c = LSTM(3, 4, forget_bias=1.0, rng=5)
    np.testing.assert_allclose(c.params["bias_ih"][4:8], a.params["bias_ih"][4:8] + 1, rtol=1e-6)
    np.testing.assert_array_equal(c.params["bias_ih"][:4], a.params["bias_ih"][:4])


@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("bad", [(4, 5), (4, 5, 3), (4, 0, 2)])
def test_bad_input_shape_raises_clear_error(cell, bad):
    with pytest.raises(ValueError, match="expects input|at least one time step"):
        CELLS[cell](2, 3).forward(np.zeros(bad, np.float32))


@pytest.mark.parametrize("cell", CELLS)
def test_step_grad_norms_last_step_and_vanishing(cell):
    layer = CELLS[cell](2, 8, dtype=np.float64, rng=0)
    x = data(n=16, t=30, d=2)
    layer.forward(x)
    dy = np.random.default_rng(4).standard_normal((16, 8))
    layer.backward(dy)
    norms = layer.step_grad_norms()
    assert norms.shape == (30,)
    np.testing.assert_allclose(norms[-1], np.linalg.norm(dy, axis=1).mean())
    if cell == "RNN":   # small random recurrent weights: the signal decays going back in time
        assert norms[0] < 0.1 * norms[-1]


@pytest.mark.parametrize("cell", CELLS)
def test_save_load_roundtrip(tmp_path, cell):
    model = Sequential([CELLS[cell](3, 4, return_sequences=True, rng=0), TimeDistributed(Dense(4, 2, rng=1))])
    x = data(d=3).astype(np.float32)
    path = tmp_path / "m.npz"
    model.save(path)
    loaded = Sequential.load(path)
    assert isinstance(loaded.layers[1], TimeDistributed)
    assert loaded.layers[0].return_sequences
    np.testing.assert_array_equal(loaded.forward(x), model.forward(x))


def test_lstm_forget_bias_survives_save_load(tmp_path):
    model = Sequential([LSTM(2, 3, forget_bias=1.0, rng=0), Dense(3, 2, rng=1)])
    model.save(tmp_path / "l.npz")
    loaded = Sequential.load(tmp_path / "l.npz")
    assert loaded.layers[0].forget_bias == 1.0
    np.testing.assert_array_equal(loaded.layers[0].params["bias_ih"], model.layers[0].params["bias_ih"])


def test_trainer_learns_short_delayed_recall_with_clipping():
    from nncore.datasets import delayed_recall
    X, y = delayed_recall(400, delay=3, seed=0)
    model = Sequential([GRU(X.shape[2], 16, rng=0), Dense(16, 4, rng=1)])
    trainer = Trainer(model, X, y, optimizer=Adam(0.02, clip_norm=1.0), batch_size=32, random_state=0)
    trainer.run(epochs=15)
    assert trainer.history["accuracy"][-1] > 0.9


def test_per_step_labels_through_trainer():
    from nncore.datasets import parity
    X, y = parity(200, length=4, seed=0)
    model = Sequential([RNN(1, 8, return_sequences=True, rng=0), TimeDistributed(Dense(8, 2, rng=1))])
    hist = model.fit(X, y, optimizer=Adam(0.02), epochs=3, batch_size=32, random_state=0)
    assert hist.status == "finished" and len(hist["loss"]) == 3
    assert model.forward(X[:5], training=False).shape == (5, 4, 2)


def test_time_distributed_rejects_non_layers():
    with pytest.raises(TypeError):
        TimeDistributed("dense")
    with pytest.raises(ValueError, match="unknown layer"):
        TimeDistributed({"class": "Nope", "config": {}})


@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("seq", [False, True])
def test_backward_after_an_inference_forward_matches_training(cell, seq):
    """A cache made with training=False (no precomputed factors) gives the same gradients."""
    a = CELLS[cell](2, 4, return_sequences=seq, dtype=np.float64, rng=0)
    b = CELLS[cell](2, 4, return_sequences=seq, dtype=np.float64, rng=0)
    x = data(n=3, t=6)
    ya, yb = a.forward(x, training=True), b.forward(x, training=False)
    dy = np.random.default_rng(2).standard_normal(ya.shape)
    np.testing.assert_array_equal(ya, yb)
    np.testing.assert_allclose(a.backward(dy), b.backward(dy), rtol=1e-12, atol=1e-14)
    for k in a.grads:
        np.testing.assert_allclose(a.grads[k], b.grads[k], rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("hidden", [5, 8])   # H = 8: H·N = 32, 16 take the block-sized ufunc buffer, 24, 8 not
def test_reused_buffers_give_the_numbers_of_a_fresh_layer(cell, hidden):
    """Buffers are kept per input shape and reused: alternating batch sizes and lengths (more shapes
    than the layer keeps) must give exactly what a fresh layer computes for each batch."""
    layer = CELLS[cell](2, hidden, return_sequences=True, dtype=np.float64, rng=3)
    shapes = [(4, 6), (3, 6), (4, 2), (4, 6), (2, 9), (1, 1), (3, 6), (4, 6)]
    for i, (n, t) in enumerate(shapes):
        x = data(n=n, t=t, seed=10 + i)
        dy = np.random.default_rng(i).standard_normal((n, t, hidden))
        fresh = CELLS[cell](2, hidden, return_sequences=True, dtype=np.float64, rng=3)
        np.testing.assert_array_equal(layer.forward(x), fresh.forward(x))
        np.testing.assert_array_equal(layer.backward(dy), fresh.backward(dy))
        for k in layer.grads:
            np.testing.assert_array_equal(layer.grads[k], fresh.grads[k])
        np.testing.assert_array_equal(layer.hidden_states(), fresh.hidden_states())


@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("n", [3, 4])         # H·N = 12: default ufunc buffer; 16: block-sized
def test_a_deep_copy_computes_like_the_original(cell, n):
    """The replay cache hands each session a deep copy of a trained model: the copy's buffers and the
    per-step views cached with them must stay one memory, or its next pass computes garbage."""
    import copy

    layer = CELLS[cell](2, 4, return_sequences=True, dtype=np.float64, rng=0)
    x, dy = data(n=n, t=5), np.random.default_rng(1).standard_normal((n, 5, 4))
    layer.forward(x)
    layer.backward(dy)                      # arenas, buffers and cached views all exist now
    twin = copy.deepcopy(layer)
    np.testing.assert_array_equal(twin.hidden_states(), layer.hidden_states())
    for a in (layer, twin):
        a.forward(x + 0.5)
        a.backward(dy)
    np.testing.assert_array_equal(twin.hidden_states(), layer.hidden_states())
    for k in layer.grads:
        np.testing.assert_array_equal(twin.grads[k], layer.grads[k])


def lstm_reference_grads(p, x, dy, seq):
    """Backprop through time for an LSTM written straight from the equations, batch-major, no
    buffers or fused factors: (dx, {name: grad}). x: (N, T, D); dy: (N, T, H) or (N, H)."""
    w_ih, w_hh, b = p["weight_ih"], p["weight_hh"], p["bias_ih"] + p["bias_hh"]
    H = w_hh.shape[1]
    N, T, _ = x.shape
    h, c, cache = np.zeros((N, H)), np.zeros((N, H)), []
    for t in range(T):
        a = x[:, t] @ w_ih.T + h @ w_hh.T + b
        i, f, g, o = sigmoid(a[:, :H]), sigmoid(a[:, H:2 * H]), np.tanh(a[:, 2 * H:3 * H]), sigmoid(a[:, 3 * H:])
        c_new = f * c + i * g
        cache.append((h, c, i, f, g, o, c_new))
        h, c = o * np.tanh(c_new), c_new
    grads = {k: np.zeros_like(v) for k, v in p.items()}
    dx, dh, dc = np.zeros_like(x), np.zeros((N, H)), np.zeros((N, H))
    for t in range(T - 1, -1, -1):
        h_prev, c_prev, i, f, g, o, c_t = cache[t]
        dh = dh + (dy[:, t] if seq else (dy if t == T - 1 else 0))
        tc = np.tanh(c_t)
        dc = dc + dh * o * (1 - tc ** 2)
        da = np.concatenate([dc * g * i * (1 - i), dc * c_prev * f * (1 - f), dc * i * (1 - g ** 2),
                             dh * tc * o * (1 - o)], axis=1)
        grads["weight_ih"] += da.T @ x[:, t]
        grads["weight_hh"] += da.T @ h_prev
        grads["bias_ih"] += da.sum(axis=0)
        dx[:, t] = da @ w_ih
        dh, dc = da @ w_hh, dc * f
    grads["bias_hh"] = grads["bias_ih"]
    return dx, grads


@pytest.mark.parametrize("seq", [False, True])
@pytest.mark.parametrize("n", [3, 4])         # H·N = 24: default ufunc buffer; 32: block-sized
def test_lstm_fused_backward_equals_plain_bptt(seq, n):
    """The fused backward (factors precomputed in the forward, overwritten in place with the gate
    gradients) gives the straightforward BPTT formulas' numbers, and a second backward after the
    same forward (the factors recomputed) gives the same again."""
    layer = LSTM(3, 8, return_sequences=seq, forget_bias=1.0, dtype=np.float64, rng=4)
    x = data(n=n, t=7, d=3, seed=6)
    y = layer.forward(x)
    dy = np.random.default_rng(7).standard_normal(y.shape)
    dx_ref, g_ref = lstm_reference_grads(layer.params, x, dy, seq)
    for _ in range(2):
        dx = layer.backward(dy)
        np.testing.assert_allclose(dx, dx_ref, rtol=1e-12, atol=1e-13)
        for k in g_ref:
            np.testing.assert_allclose(layer.grads[k], g_ref[k], rtol=1e-12, atol=1e-13)


def test_lstm_second_backward_after_a_weight_change_uses_the_new_weights():
    """The factors live in the forward's own buffer and the first backward uses them up; a second
    backward without a forward runs the forward again, so it is the gradient at the current weights
    (the same as a fresh forward + backward), and the hidden and cell states follow them too."""
    x = data(n=4, t=5, d=3, seed=1)
    layer = LSTM(3, 8, return_sequences=True, dtype=np.float64, rng=2)
    dy = np.random.default_rng(3).standard_normal((4, 5, 8))
    layer.forward(x)
    layer.backward(dy)
    for v in layer.params.values():
        v *= 0.9
    dx = layer.backward(dy)
    fresh = LSTM(3, 8, return_sequences=True, dtype=np.float64, rng=2)
    for k, v in fresh.params.items():
        v[...] = layer.params[k]
    fresh.forward(x)
    np.testing.assert_array_equal(dx, fresh.backward(dy))
    for k in fresh.grads:
        np.testing.assert_array_equal(layer.grads[k], fresh.grads[k])
    np.testing.assert_array_equal(layer.hidden_states(), fresh.hidden_states())
    np.testing.assert_array_equal(layer.cell_states(), fresh.cell_states())


@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_block_sized_ufunc_buffer_changes_no_number(cell, dtype, monkeypatch):
    """The kernels size NumPy's ufunc buffer to one step's H·N block for speed: outputs and gradients
    must be bit-for-bit those computed with NumPy's default buffer."""
    from nncore.layers import recurrent

    def run():
        layer = CELLS[cell](2, 8, return_sequences=True, dtype=dtype, rng=1)
        x = data(n=4, t=6, seed=2).astype(dtype)             # H·N = 32: a block-sized buffer
        dy = np.random.default_rng(3).standard_normal((4, 6, 8)).astype(dtype)
        return layer.forward(x), layer.backward(dy), layer.grads

    seen = []
    real = recurrent.block_buffers
    monkeypatch.setattr(recurrent, "block_buffers", lambda block: (real(block), seen.append(np.getbufsize()))[0])
    y, dx, grads = run()
    assert seen == [32, 32]                                  # forward and backward ran with it
    monkeypatch.setattr(recurrent, "block_buffers", lambda block: None)
    y0, dx0, grads0 = run()
    np.testing.assert_array_equal(y, y0)
    np.testing.assert_array_equal(dx, dx0)
    for k in grads:
        np.testing.assert_array_equal(grads[k], grads0[k])


def test_block_buffers_only_for_blocks_numpy_accepts_and_undone_by_restore_or_errstate():
    from nncore.layers.recurrent import block_buffers, restore_buffers

    default = np.getbufsize()
    with np.errstate(over="ignore"):
        token = block_buffers(2048)
        assert np.getbufsize() == 2048 and np.geterr()["over"] == "ignore"
        assert block_buffers(24) is None                     # not a multiple of 16: left as it was
        assert np.getbufsize() == 2048
        restore_buffers(token)
        assert np.getbufsize() == default and np.geterr()["over"] == "ignore"
        block_buffers(1024)
    assert np.getbufsize() == default                        # an errstate undoes it too
    with np.errstate():
        assert block_buffers(4 * default) is None            # a block at least the default: keep it
        assert np.getbufsize() == default
    layer = LSTM(2, 8, rng=0)                                # a layer leaves the caller's size alone
    with np.errstate():
        np.setbufsize(4096)
        layer.forward(data(n=4).astype(np.float32))
        layer.backward(np.ones((4, 8), np.float32))
        assert np.getbufsize() == 4096
    assert np.getbufsize() == default


# -- PyTorch gold ----------------------------------------------------------------------
@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("seq", [False, True])
def test_matches_pytorch(cell, seq):
    torch = pytest.importorskip("torch")
    layer = CELLS[cell](3, 5, return_sequences=seq, dtype=np.float64, rng=0)
    ref = getattr(torch.nn, cell)(3, 5, batch_first=True).double()
    with torch.no_grad():   # the layer's own parameters, loaded under PyTorch's names
        for k, v in layer.params.items():
            getattr(ref, k + "_l0").copy_(torch.from_numpy(v))
    x = data(n=4, t=7, d=3)
    xt = torch.tensor(x, requires_grad=True)
    out = ref(xt)[0]
    out = out if seq else out[:, -1]
    y = layer.forward(x)
    np.testing.assert_allclose(y, out.detach().numpy(), rtol=1e-10, atol=1e-12)
    dy = np.random.default_rng(5).standard_normal(y.shape)
    (out * torch.from_numpy(dy)).sum().backward()
    dx = layer.backward(dy)
    assert rel_error(dx, xt.grad.numpy()) < 1e-8
    for k in layer.params:
        np.testing.assert_allclose(layer.grads[k], getattr(ref, k + "_l0").grad.numpy(), rtol=1e-8, atol=1e-12)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_lstm_gate_weight_in_buffers_equals_the_plain_expression(dtype):
    """The forward's weight [W_hh, W_ih, b] (gate rows reordered, sigmoid rows halved, W_hh's columns
    halved: the forward keeps 2hₜ) is built in the arena's buffers; it must be bit for bit the plain
    concatenate/take/multiply, also when the buffers are reused after the parameters changed."""
    from nncore.layers.lstm import _weight_scale, gate_rows, gate_weight
    from nncore.layers.recurrent import augmented_weight

    layer = LSTM(3, 8, forget_bias=1.0, dtype=dtype, rng=5)
    p, arena = layer.params, {}
    for step in range(3):
        ref = np.take(augmented_weight(p["weight_hh"], p["weight_ih"], p["bias_ih"] + p["bias_hh"]),
                      gate_rows(8), axis=0) * _weight_scale(8, 3, np.dtype(dtype))
        got = gate_weight(p["weight_ih"], p["weight_hh"], p["bias_ih"], p["bias_hh"], arena)
        assert got.dtype == ref.dtype and got.flags.c_contiguous
        np.testing.assert_array_equal(got, ref)
        for v in p.values():
            v += np.random.default_rng(step).standard_normal(v.shape).astype(dtype)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_lstm_forward_keeps_the_numbers_of_the_unscaled_formulas(dtype):
    """The forward keeps 2σ and 2hₜ and folds the powers of two into its weights (lstm.py): its hidden
    and cell states must be bit for bit those of σ = ½ + ½ tanh(a/2), cₜ = f ⊙ cₜ₋₁ + i ⊙ g,
    hₜ = o ⊙ tanh cₜ with the same matmuls (step 0 without h₀)."""
    from nncore.layers.lstm import _sigmoid_rows, gate_rows
    from nncore.layers.recurrent import augmented_weight

    H, D = 8, 3
    layer = LSTM(D, H, return_sequences=True, forget_bias=1.0, dtype=dtype, rng=5)
    x = data(n=4, t=6, d=D).astype(dtype)
    layer.forward(x)
    p = layer.params
    w = np.take(augmented_weight(p["weight_hh"], p["weight_ih"], p["bias_ih"] + p["bias_hh"]), gate_rows(H),
                axis=0) * _sigmoid_rows(H, np.dtype(dtype))
    half = np.array(0.5, dtype=dtype)
    h, c, hs, cs = np.zeros((H, 4), dtype), np.zeros((H, 4), dtype), [], []
    for t in range(x.shape[1]):
        xt1 = np.vstack([x[:, t].T, np.ones((1, 4), dtype)])
        a = np.ascontiguousarray(w[:, H:]) @ xt1 if t == 0 else w @ np.vstack([h, xt1])
        a = np.tanh(a)
        g, sig = a[:H], a[H:] * half + half
        f, i, o = sig[:H], sig[H:2 * H], sig[2 * H:]
        c = f * c + i * g
        h = o * np.tanh(c)
        hs.append(h.T)
        cs.append(c.T)
    np.testing.assert_array_equal(layer.hidden_states(), np.stack(hs, axis=1))
    np.testing.assert_array_equal(layer.cell_states(), np.stack(cs, axis=1))


@pytest.mark.parametrize("seq", [False, True])
def test_lstm_output_of_one_sample_leaves_the_kernel_state_alone(seq):
    """The layer halves the kernel's 2hₜ into a copy; for one sample (a (1, H) view is contiguous, so a
    "copy if needed" would be no copy) the kernel's states must stay as they were."""
    layer = LSTM(2, 3, return_sequences=seq, dtype=np.float64, rng=0)
    x = data(n=1, t=4)
    y = layer.forward(x)
    np.testing.assert_array_equal(layer.forward(x), y)
    np.testing.assert_array_equal(layer.hidden_states()[:, -1], y[:, -1] if seq else y)
    np.testing.assert_allclose(y, naive_forward("LSTM", layer.params, x)[:, :] if seq else
                               naive_forward("LSTM", layer.params, x)[:, -1], rtol=1e-12, atol=1e-12)
