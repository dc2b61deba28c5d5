"""Sequential.input_gradient against central differences, in float64, for every layer kind."""
import numpy as np
import pytest

from nncore import Sequential
from nncore import layers as nl
from nncore.gradcheck import numerical_gradient, rel_error
from nncore.losses import get_loss

F64 = dict(dtype=np.float64)


def norm_error(a, b):
    """‖a − b‖ / (‖a‖ + ‖b‖): unlike the elementwise maximum it is not thrown by entries near zero,
    where central differences (ε = 1e-6) keep an absolute error of about 1e-10."""
    return float(np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b)))


def _dense(act):
    return [nl.Dense(6, 7, rng=1, **F64), act, nl.Dense(7, 4, rng=2, **F64)]


def _conv(pool, first_input_grad):
    # the first conv is built without an input gradient, as the CNN page builds it
    return [nl.Conv2D(1, 3, 3, padding=1, rng=1, input_grad=first_input_grad, **F64), nl.ReLU(), pool(2),
            nl.Conv2D(3, 4, 3, padding=1, rng=2, **F64), nl.Tanh(), pool(2),
            nl.Flatten(), nl.Dense(16, 4, rng=3, **F64)]


def _recurrent(cell, return_sequences):
    head = [nl.Dense(5, 4, rng=3, **F64)] if not return_sequences else []
    return [cell(3, 5, return_sequences=return_sequences, rng=1, **F64), *head]


# (layers, input shape, loss); every layer kind appears at least once
CASES = {
    "dense_relu": (_dense(nl.ReLU()), (5, 6), "cross_entropy"),
    "dense_tanh": (_dense(nl.Tanh()), (5, 6), "cross_entropy"),
    "dense_sigmoid": (_dense(nl.Sigmoid()), (5, 6), "cross_entropy"),
    "dense_leaky_relu": (_dense(nl.LeakyReLU(0.1)), (5, 6), "cross_entropy"),
    "dense_identity_mse": (_dense(nl.Identity()), (5, 6), "mse"),
    "conv_maxpool": (_conv(nl.MaxPool2D, False), (3, 1, 8, 8), "cross_entropy"),
    "conv_avgpool": (_conv(nl.AvgPool2D, True), (3, 1, 8, 8), "cross_entropy"),
    "rnn": (_recurrent(nl.RNN, False), (4, 6, 3), "cross_entropy"),
    "lstm": (_recurrent(nl.LSTM, False), (4, 6, 3), "cross_entropy"),
    "gru": (_recurrent(nl.GRU, False), (4, 6, 3), "cross_entropy"),
    "lstm_sequences_mse": (_recurrent(nl.LSTM, True), (4, 6, 3), "mse"),
    "gru_sequences_mse": (_recurrent(nl.GRU, True), (4, 6, 3), "mse"),
}


def _targets(model, X, loss, rng):
    out = model.forward(X, training=False)
    if loss == "cross_entropy":
        return rng.integers(0, out.shape[-1], size=out.shape[:-1])
    return rng.standard_normal(out.shape)


@pytest.mark.parametrize("name", sorted(CASES))
def test_input_gradient_matches_finite_differences(name):
    layers, shape, loss = CASES[name]
    model = Sequential(layers)
    rng = np.random.default_rng(0)
    X = rng.standard_normal(shape)
    y = _targets(model, X, loss, rng)
    analytic = model.input_gradient(X, y, loss=loss)
    assert analytic.shape == X.shape and analytic.dtype == np.float64
    numeric = numerical_gradient(lambda: get_loss(loss)(model.forward(X, training=False), y)[0], X)
    assert norm_error(analytic, numeric) < 1e-7, name
    assert rel_error(analytic, numeric) < 1e-4, name
    assert np.abs(analytic).max() > 1e-6, "a zero gradient would pass any tolerance"


def test_a_first_conv_built_without_input_grad_keeps_that_setting():
    model = Sequential(_conv(nl.MaxPool2D, False))
    X = np.random.default_rng(1).standard_normal((2, 1, 8, 8))
    assert model.input_gradient(X, [0, 1]) is not None
    assert model.layers[0].input_grad is False
    model.forward(X)
    assert model.backward(np.ones((2, 4))) is None


def test_dropout_is_off_and_parameters_unchanged():
    model = Sequential([nl.Dense(6, 8, rng=1, **F64), nl.ReLU(), nl.Dropout(0.5, rng=0), nl.Dense(8, 3, rng=2, **F64)])
    X = np.random.default_rng(2).standard_normal((4, 6))
    y = np.array([0, 1, 2, 1])
    before = [p.copy() for p, _ in model.param_pairs()]
    first, second = model.input_gradient(X, y), model.input_gradient(X, y)
    np.testing.assert_array_equal(first, second)        # no random mask from one call to the next
    numeric = numerical_gradient(lambda: get_loss("cross_entropy")(model.forward(X, training=False), y)[0], X)
    assert norm_error(first, numeric) < 1e-7
    for b, (p, _) in zip(before, model.param_pairs()):
        np.testing.assert_array_equal(b, p)


def test_defaults_to_the_training_loss():
    model = Sequential(_dense(nl.Tanh()))
    X = np.random.default_rng(3).standard_normal((5, 6))
    y = np.random.default_rng(4).standard_normal((5, 4))
    model.loss = "mse"
    np.testing.assert_array_equal(model.input_gradient(X, y), model.input_gradient(X, y, loss="mse"))
    assert norm_error(model.input_gradient(X, y), model.input_gradient(X, y.argmax(1), loss="cross_entropy")) > 1e-2
