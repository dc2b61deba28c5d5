"""A tiny network, one quantity at a time: the numbers behind the Backprop page.

``TinyNet`` is a 2-input, 1-hidden-layer network (``Dense → activation → Dense →
output head``) built from nncore's own layers in float64.  :func:`trace` runs it
on a batch and records, in order, every forward quantity and every backward
local derivative, chain-rule product and parameter gradient as :class:`Step`
records; the values are read off the layers (``forward``, ``backward``,
``grads``), not recomputed here.  :func:`gradient_check` compares those
gradients with :func:`nncore.gradcheck.numerical_gradient`, entry by entry.

Shapes (N samples, H hidden units, O outputs; PyTorch layout ``weight`` (out, in)):
X (N, 2), W1 (H, 2), b1 (H,), Z1 = X W1ᵀ + b1 (N, H), Hid = f(Z1) (N, H),
W2 (O, H), b2 (O,), Z2 = Hid W2ᵀ + b2 (N, O), Ŷ = g(Z2) (N, O), L scalar (mean
over the batch).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from nncore import gradcheck
from nncore.layers import ACTIVATION_NAMES, Dense, activation
from nncore.losses import get_loss, softmax
from nncore.model import Sequential
from nncore.optim import SGD

N_IN = 2
HIDDEN_SIZES = (2, 3)
OUTPUT_SIZES = (1, 2)
HIDDEN_ACTIVATIONS = ACTIVATION_NAMES
# output head -> (output activation layer, nncore loss name)
HEADS = {
    "sigmoid_bce": ("sigmoid", "binary_cross_entropy"),
    "linear_mse": ("linear", "mse"),
    "sigmoid_mse": ("sigmoid", "mse"),
    "softmax_ce": ("linear", "cross_entropy"),  # softmax lives inside nncore's cross_entropy
}
PARAMS = ("W1", "b1", "W2", "b2")
_LAYER_OF = {"W1": (0, "weight"), "b1": (0, "bias"), "W2": (2, "weight"), "b2": (2, "bias")}

# Hand-picked defaults (largest sizes); smaller networks take the leading block.
DEFAULT_W1 = np.array([[0.4, -0.6], [0.7, 0.2], [-0.3, 0.5]])
DEFAULT_B1 = np.array([0.1, -0.2, 0.05])
DEFAULT_W2 = np.array([[0.6, -0.4, 0.3], [-0.5, 0.8, 0.2]])
DEFAULT_B2 = np.array([0.1, -0.1])
DEFAULT_X = np.array([0.5, -1.0])


@dataclass(frozen=True)
class TinyNet:
    """Parameters and choices of the tiny network (float64 copies are taken)."""

    W1: np.ndarray
    b1: np.ndarray
    W2: np.ndarray
    b2: np.ndarray
    hidden: str = "sigmoid"
    head: str = "sigmoid_bce"

    def __post_init__(self):
        for name in PARAMS:
            a = np.array(getattr(self, name), dtype=np.float64)
            if not np.isfinite(a).all():
                raise ValueError(f"{name} must hold finite numbers")
            object.__setattr__(self, name, a)
        if self.hidden not in HIDDEN_ACTIVATIONS:
            raise ValueError(f"unknown hidden activation {self.hidden!r}; choose from {HIDDEN_ACTIVATIONS}")
        if self.head not in HEADS:
            raise ValueError(f"unknown output head {self.head!r}; choose from {sorted(HEADS)}")
        h, o = self.W1.shape[0], self.W2.shape[0]
        if self.W1.shape != (h, N_IN) or self.b1.shape != (h,) or self.W2.shape != (o, h) \
                or self.b2.shape != (o,):
            raise ValueError(f"parameter shapes do not fit: W1 {self.W1.shape}, b1 {self.b1.shape}, "
                             f"W2 {self.W2.shape}, b2 {self.b2.shape}")
        if self.head == "softmax_ce" and o < 2:
            raise ValueError("softmax with cross-entropy needs at least 2 outputs")

    @property
    def n_hidden(self) -> int:
        return self.W1.shape[0]

    @property
    def n_out(self) -> int:
        return self.W2.shape[0]

    @property
    def loss_name(self) -> str:
        return HEADS[self.head][1]

    def params(self) -> dict:
        return {k: getattr(self, k) for k in PARAMS}

    def build(self) -> Sequential:
        """nncore layers in float64 holding copies of these parameters."""
        d1 = Dense(N_IN, self.n_hidden, dtype=np.float64, rng=0)
        d2 = Dense(self.n_hidden, self.n_out, dtype=np.float64, rng=0)
        d1.params["weight"][...], d1.params["bias"][...] = self.W1, self.b1
        d2.params["weight"][...], d2.params["bias"][...] = self.W2, self.b2
        model = Sequential([d1, activation(self.hidden), d2, activation(HEADS[self.head][0])])
        model.loss = self.loss_name
        return model

    @classmethod
    def from_model(cls, model: Sequential, hidden: str, head: str) -> TinyNet:
        d1, d2 = model.layers[0], model.layers[2]
        return cls(d1.params["weight"], d1.params["bias"], d2.params["weight"], d2.params["bias"],
                   hidden, head)


def default_net(n_hidden=3, n_out=1, hidden="sigmoid", head="sigmoid_bce") -> TinyNet:
    if n_hidden not in HIDDEN_SIZES or n_out not in OUTPUT_SIZES:
        raise ValueError(f"hidden units must be one of {HIDDEN_SIZES}, outputs one of {OUTPUT_SIZES}")
    return TinyNet(DEFAULT_W1[:n_hidden], DEFAULT_B1[:n_hidden], DEFAULT_W2[:n_out, :n_hidden],
                   DEFAULT_B2[:n_out], hidden, head)


def random_net(seed, n_hidden=3, n_out=1, hidden="sigmoid", head="sigmoid_bce", scale=1.0) -> TinyNet:
    """Weights and biases uniform in [−scale, scale], rounded to 2 decimals (easy to read and type)."""
    rng = np.random.default_rng(seed)

    def draw(*shape):
        return np.round(rng.uniform(-scale, scale, size=shape), 2)

    return TinyNet(draw(n_hidden, N_IN), draw(n_hidden), draw(n_out, n_hidden), draw(n_out), hidden, head)


def as_targets(net: TinyNet, y, n: int):
    """Targets in the form nncore's loss expects: class labels (N,) for cross-entropy, else (N, O)."""
    y = np.asarray(y)
    if net.loss_name == "cross_entropy":
        labels = y.reshape(-1).astype(np.int64)
        if labels.shape != (n,) or labels.min() < 0 or labels.max() >= net.n_out:
            raise ValueError(f"class labels must be {n} integers in 0…{net.n_out - 1}")
        return labels
    t = np.asarray(y, dtype=np.float64).reshape(n, net.n_out)
    if not np.isfinite(t).all():
        raise ValueError("targets must be finite numbers")
    if net.loss_name == "binary_cross_entropy" and ((t < 0) | (t > 1)).any():
        raise ValueError("binary cross-entropy targets must lie between 0 and 1")
    return t


@dataclass(frozen=True)
class Step:
    """One quantity of the forward or backward pass.

    ``kind`` is "value" (forward), "local" (a local derivative), "chain" (an
    upstream gradient times a local derivative) or "grad" (a parameter gradient).
    For backward steps ``local`` and ``upstream`` hold the two factors whose product
    (summed where noted) is ``value``.  ``nodes`` are diagram node ids ("x0", "h1",
    "y0", "L"), ``edges`` the layer ids whose connections light up ("W1", "W2").
    """

    key: str
    phase: str
    kind: str
    value: np.ndarray
    local: np.ndarray | None = None
    upstream: np.ndarray | None = None
    nodes: tuple = ()
    edges: tuple = ()
    param: str | None = None


@dataclass
class Trace:
    net: TinyNet
    X: np.ndarray
    y: np.ndarray
    steps: list
    q: dict = field(default_factory=dict)       # every named quantity, e.g. q["Z1"], q["delta2"]
    grads: dict = field(default_factory=dict)   # "W1", "b1", "W2", "b2" -> gradient arrays

    @property
    def loss(self) -> float:
        return float(self.q["L"])

    def step(self, i: int) -> Step:
        return self.steps[max(0, min(int(i), len(self.steps) - 1))]


def _ids(prefix, n):
    return tuple(f"{prefix}{i}" for i in range(n))


def trace(net: TinyNet, X, y) -> Trace:
    """Run ``net`` on X (N, 2) with targets ``y`` and record every step, forward then backward."""
    X = np.array(X, dtype=np.float64).reshape(-1, N_IN)
    if not np.isfinite(X).all():
        raise ValueError("inputs must be finite numbers")
    n = X.shape[0]
    y = as_targets(net, y, n)
    model = net.build()
    d1, a1, d2, a2 = model.layers
    loss_fn = get_loss(net.loss_name)
    H, O = net.n_hidden, net.n_out
    xs, hs, ys = _ids("x", N_IN), _ids("h", H), _ids("y", O)
    ce = net.loss_name == "cross_entropy"

    q = {"X": X.copy()}
    q["Z1"] = d1.forward(X).copy()
    q["H"] = a1.forward(q["Z1"]).copy()
    q["Z2"] = d2.forward(q["H"]).copy()
    out = a2.forward(q["Z2"])
    q["Yhat"] = softmax(out.copy()) if ce else out.copy()
    loss, dout = loss_fn(out, y)
    q["L"] = np.float64(loss)
    steps = [
        Step("X", "forward", "value", q["X"], nodes=xs),
        Step("Z1", "forward", "value", q["Z1"], nodes=xs + hs, edges=("W1",)),
        Step("H", "forward", "value", q["H"], nodes=hs),
        Step("Z2", "forward", "value", q["Z2"], nodes=hs + ys, edges=("W2",)),
        Step("Yhat", "forward", "value", q["Yhat"], nodes=ys),
        Step("L", "forward", "value", q["L"], nodes=ys + ("L",)),
    ]

    # backward: every value is what nncore's loss and layers return
    if ce:  # softmax + cross-entropy: nncore hands back dL/dZ2 = (softmax − onehot)/N directly
        q["delta2"] = a2.backward(dout).copy()
        steps.append(Step("delta2", "backward", "chain", q["delta2"], nodes=("L",) + ys))
    else:
        q["dL_dYhat"] = dout.copy()
        q["g_prime"] = a2.backward(np.ones_like(q["Z2"])).copy()
        q["delta2"] = a2.backward(dout).copy()
        steps += [
            Step("dL_dYhat", "backward", "local", q["dL_dYhat"], nodes=("L",) + ys),
            Step("g_prime", "backward", "local", q["g_prime"], nodes=ys),
            Step("delta2", "backward", "chain", q["delta2"], local=q["g_prime"], upstream=q["dL_dYhat"],
                 nodes=ys),
        ]
    q["dH"] = d2.backward(q["delta2"]).copy()
    q["dW2"], q["db2"] = d2.grads["weight"].copy(), d2.grads["bias"].copy()
    q["f_prime"] = a1.backward(np.ones_like(q["Z1"])).copy()
    q["delta1"] = a1.backward(q["dH"]).copy()
    d1.backward(q["delta1"])
    q["dW1"], q["db1"] = d1.grads["weight"].copy(), d1.grads["bias"].copy()

    one = n == 1  # with one example every gradient entry is one product of two numbers
    steps += [
        Step("dW2", "backward", "grad", q["dW2"],
             local=np.broadcast_to(q["H"][0], (O, H)) if one else None,
             upstream=np.broadcast_to(q["delta2"][0][:, None], (O, H)) if one else None,
             nodes=hs + ys, edges=("W2",), param="W2"),
        Step("db2", "backward", "grad", q["db2"], local=np.ones(O) if one else None,
             upstream=q["delta2"][0] if one else None, nodes=ys, param="b2"),
        Step("dH", "backward", "chain", q["dH"], local=net.W2, upstream=q["delta2"],
             nodes=ys + hs, edges=("W2",)),
        Step("f_prime", "backward", "local", q["f_prime"], nodes=hs),
        Step("delta1", "backward", "chain", q["delta1"], local=q["f_prime"], upstream=q["dH"], nodes=hs),
        Step("dW1", "backward", "grad", q["dW1"],
             local=np.broadcast_to(X[0], (H, N_IN)) if one else None,
             upstream=np.broadcast_to(q["delta1"][0][:, None], (H, N_IN)) if one else None,
             nodes=xs + hs, edges=("W1",), param="W1"),
        Step("db1", "backward", "grad", q["db1"], local=np.ones(H) if one else None,
             upstream=q["delta1"][0] if one else None, nodes=hs, param="b1"),
    ]
    grads = {"W1": q["dW1"], "b1": q["db1"], "W2": q["dW2"], "b2": q["db2"]}
    return Trace(net, X, y, steps, q, grads)


def loss_of(net: TinyNet, X, y) -> float:
    X = np.array(X, dtype=np.float64).reshape(-1, N_IN)
    model = net.build()
    return get_loss(net.loss_name)(model.forward(X), as_targets(net, y, X.shape[0]))[0]


@dataclass(frozen=True)
class CheckRow:
    param: str
    index: tuple
    analytic: float
    numerical: float
    rel_error: float


def gradient_check(net: TinyNet, X, y, eps=1e-6) -> list:
    """Analytic (nncore backward) vs central-difference gradient for every parameter entry."""
    X = np.array(X, dtype=np.float64).reshape(-1, N_IN)
    t = as_targets(net, y, X.shape[0])
    model = net.build()
    loss_fn = get_loss(net.loss_name)
    analytic = trace(net, X, t).grads

    def f():
        return loss_fn(model.forward(X), t)[0]

    rows = []
    for name in PARAMS:
        li, key = _LAYER_OF[name]
        num = gradcheck.numerical_gradient(f, model.layers[li].params[key], eps)
        for idx in np.ndindex(num.shape):
            a, b = float(analytic[name][idx]), float(num[idx])
            rows.append(CheckRow(name, idx, a, b, gradcheck.rel_error(a, b)))
    return rows


def sgd_step(net: TinyNet, X, y, lr) -> tuple:
    """One plain gradient-descent step with nncore's SGD: returns (loss before, loss after, new net)."""
    X = np.array(X, dtype=np.float64).reshape(-1, N_IN)
    t = as_targets(net, y, X.shape[0])
    model = net.build()
    before, dout = get_loss(net.loss_name)(model.forward(X), t)
    model.backward(dout)
    SGD(lr).step(model.param_pairs())
    new = TinyNet.from_model(model, net.hidden, net.head)
    return before, loss_of(new, X, t), new


def descend(net: TinyNet, X, y, lr, steps=20) -> np.ndarray:
    """Loss before each of ``steps`` gradient-descent steps, and after the last (steps + 1 values)."""
    losses = []
    for _ in range(steps):
        before, after, net = sgd_step(net, X, y, lr)
        losses.append(before)
        if not np.isfinite(after):
            break
    losses.append(after)
    return np.array(losses)


LR_GRID = np.logspace(-3, 3, 61)


def lr_sweep(net: TinyNet, X, y, lrs=LR_GRID) -> np.ndarray:
    """Loss after one gradient-descent step, for each learning rate in ``lrs``."""
    with np.errstate(all="ignore"):
        return np.array([sgd_step(net, X, y, lr)[1] for lr in lrs])


def lr_regimes(net: TinyNet, X, y, lrs=LR_GRID, c=0.5) -> dict:
    """Three learning rates for one gradient-descent step, and the sweep behind them.

    "good": the largest rate in ``lrs`` up to which every step keeps the Armijo condition
    L(θ − ηg) ≤ L(θ) − c·η‖g‖² (the loss falls by at least half of what the slope promises);
    "too_small": good / 100; "too_large": the first larger rate whose step ends above the
    starting loss (``rises`` True), or 100 × good when no rate in ``lrs`` does (``rises`` False:
    a saturating output can absorb any overshoot on one example).
    """
    lrs = np.asarray(lrs, dtype=np.float64)
    tr = trace(net, X, y)
    g2 = sum(float(np.vdot(g, g)) for g in tr.grads.values())
    before = tr.loss
    after = lr_sweep(net, tr.X, tr.y, lrs)
    finite = np.isfinite(after)
    fails = ~(finite & (after <= before - c * lrs * g2))
    first_fail = int(np.argmax(fails)) if fails.any() else len(lrs)
    good = float(lrs[max(first_fail - 1, 0)])
    rise = np.flatnonzero((lrs > good) & ~(finite & (after <= before)))
    rises = rise.size > 0
    return {"too_small": good / 100, "good": good,
            "too_large": float(lrs[rise[0]]) if rises else good * 100, "rises": rises,
            "lrs": lrs, "after": after, "before": before, "grad_norm": float(np.sqrt(g2))}


def example_batch(net: TinyNet, x, y, n=4, seed=0) -> tuple:
    """A mini-batch: the chosen example first, then ``n − 1`` seeded random ones with valid targets."""
    rng = np.random.default_rng(seed)
    x = np.asarray(x, dtype=np.float64).reshape(1, N_IN)
    X = np.vstack([x, np.round(rng.uniform(-1, 1, size=(n - 1, N_IN)), 2)])
    first = as_targets(net, y, 1)
    if net.loss_name == "cross_entropy":
        Y = np.concatenate([first, rng.integers(0, net.n_out, size=n - 1)])
    elif net.loss_name == "binary_cross_entropy":
        Y = np.vstack([first, rng.integers(0, 2, size=(n - 1, net.n_out)).astype(np.float64)])
    else:
        Y = np.vstack([first, np.round(rng.uniform(-1, 1, size=(n - 1, net.n_out)), 2)])
    return X, Y


def article_gradients(tr: Trace) -> dict:
    """The article's §3.2.3 formulas evaluated on a trace, beside what nncore computes.

    The article writes ∂L/∂W = Hᵀ(Y − Ŷ) with Y the prediction and Ŷ the truth, and
    ∂L/∂b = Σ over the m hidden units of (Y − Ŷ).  Returned (in nncore's (out, in) layout):
    ``article_W`` = (Hᵀ(pred − truth))ᵀ, the true ``dW2``, ``dW1``, ``db2`` for comparison, and
    ``relation``: "equal" (the formula gives ∂L/∂W₂), "proportional" (δ₂ is a constant multiple
    of Ŷ − Y, e.g. linear + MSE: 2/(N·O)) or "different" (e.g. sigmoid + MSE).
    """
    truth = tr.y if tr.y.ndim == 2 else np.eye(tr.net.n_out)[tr.y]
    diff = tr.q["Yhat"] - truth
    article_W = (tr.q["H"].T @ diff).T
    delta2 = tr.q["delta2"]
    n, o = diff.shape
    # the constant that Ŷ − Y would need for δ₂: 1/N for softmax+CE, 1/(N·O) for sigmoid+BCE,
    # 2/(N·O) for linear+MSE; sigmoid+MSE has no constant (its δ₂ also carries Ŷ(1 − Ŷ))
    factor = {"softmax_ce": 1 / n, "sigmoid_bce": 1 / (n * o), "linear_mse": 2 / (n * o)}.get(tr.net.head)
    if factor is not None and np.allclose(delta2, factor * diff, rtol=1e-9, atol=1e-12):
        relation = "equal" if np.allclose(article_W, tr.grads["W2"], rtol=1e-9, atol=1e-12) else "proportional"
    else:
        relation = "different"
    return {"article_W": article_W, "dW2": tr.grads["W2"], "dW1": tr.grads["W1"], "db2": tr.grads["b2"],
            "delta2": delta2, "diff": diff, "relation": relation}


def with_params(net: TinyNet, **changes) -> TinyNet:
    return replace(net, **changes)


# -- the Home scene "The chain rule, one factor at a time" ---------------------------------------------

CHAIN_STEP = 9      # the scene's step (1-based, as the page's slider): δ⁽²⁾ = ∂L/∂ŷ · g′(z⁽²⁾)


def chain_rule_claim(seed: int):
    """At the page's default network (seed 0) and at random networks (seeds 1–5, the "Random weights"
    button's draws): step 9 of the trace is the backward pass's chain-rule product δ⁽²⁾, the number shown
    equals local derivative × upstream derivative, and every gradient agrees with finite differences to
    10⁻⁶ (relative), as the page says."""
    net = default_net() if seed == 0 else random_net(seed)
    y = np.array([1.0])
    tr = trace(net, DEFAULT_X, y)
    s = tr.step(CHAIN_STEP - 1)
    product_err = float(np.max(np.abs(s.value - s.local * s.upstream))) if s.kind == "chain" else float("inf")
    worst = max(r.rel_error for r in gradient_check(net, DEFAULT_X, y))
    return (s.key == "delta2" and s.phase == "backward" and s.kind == "chain" and product_err <= 1e-15
            and worst <= 1e-6, {"step": s.key, "product error": product_err, "worst gradient check": worst})


SCENE_CLAIMS = {"backprop_chain": chain_rule_claim}
