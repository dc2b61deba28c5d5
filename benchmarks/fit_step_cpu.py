"""Per-step thread CPU of nncore training: this checkout against another git revision, interleaved.

The rnn_vs_torch model (RNN/LSTM/GRU(1→32) + Dense(32→2), batch 64, Adam lr 0.01, 20-step
sequences; ``--cell Dense`` an MLP 20→32→2 on the same data flattened) is trained by two
``Trainer``s side by side: this checkout's nncore and the one at ``--ref`` (copied out of git
into a temporary directory and imported under another name). They take turns epoch by epoch
(24 steps each), so both see the same machine load; each step is timed with
``time.thread_time`` (this thread's CPU: robust when other programs share the machine). Prints
the median and 10th percentile per step, the same for the parts of a step (layer forward and
backward, loss, optimizer, accuracy count, on a fixed batch), and whether both ended on the
same weights and history bit for bit.

    python benchmarks/fit_step_cpu.py [--ref main] [--cell LSTM] [--epochs 30] [--dtype float32]
"""
from __future__ import annotations

import argparse
import importlib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

N, T, HIDDEN, BATCH, LR = 1500, 20, 32, 64, 0.01


def load_ref(ref: str, tmp: str):
    """nncore as of git revision ``ref``, imported as the package ``nncore_ref`` (its imports are relative)."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "nncore"], check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
    Path(tmp, "nncore").rename(Path(tmp, "nncore_ref"))
    sys.path.insert(0, tmp)
    return importlib.import_module("nncore_ref")


def make_data(seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((N, T, 1)).astype(np.float32)
    return X, (X[:, :5, 0].sum(axis=1) > 0).astype(np.int64)


def build(pkg, cell, dtype, X, y):
    L = pkg.layers
    if cell == "Dense":
        layers = [L.Dense(T, HIDDEN, dtype=dtype, rng=0), L.Tanh(), L.Dense(HIDDEN, 2, dtype=dtype, rng=1)]
        X = X.reshape(len(X), -1)
    else:
        layers = [getattr(L, cell)(1, HIDDEN, dtype=dtype, rng=0), L.Dense(HIDDEN, 2, init="torch", dtype=dtype, rng=1)]
    model = pkg.Sequential(layers)
    return pkg.model.Trainer(model, X, y, optimizer=pkg.optim.Adam(LR), batch_size=BATCH, random_state=0)


def parts(trainer):
    """name -> zero-argument callable: the pieces of one step, on the epoch's first batch."""
    model = trainer.model
    xb, yb = trainer.X[:BATCH], trainer.y[:BATCH]
    out = model.forward(xb)
    return {
        "forward": lambda: model.forward(xb),
        "fwd+loss+bwd": lambda: model.backward(trainer.loss_fn(model.forward(xb), yb)[1], need_input_grad=False),
        "loss": lambda: trainer.loss_fn(out, yb),
        "optimizer": lambda: trainer.optimizer.step(model.param_pairs()),
        "accuracy count": lambda: trainer._n_correct(out, yb),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ref", default="main", help="git revision to compare with (default: main)")
    ap.add_argument("--cell", default="LSTM", choices=["RNN", "LSTM", "GRU", "Dense"])
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--dtype", default="float32", choices=["float32", "float64"])
    args = ap.parse_args()
    from threadpoolctl import threadpool_limits
    threadpool_limits(limits=1, user_api="blas")
    import nncore
    clock = time.thread_time_ns
    with tempfile.TemporaryDirectory() as tmp:
        ref = load_ref(args.ref, tmp)
        X, y = make_data()
        pkgs = {args.ref: ref, "this checkout": nncore}
        trainers = {k: build(p, args.cell, np.dtype(args.dtype), X, y) for k, p in pkgs.items()}
        steps = {k: [] for k in pkgs}
        for epoch in range(args.epochs):
            for k in (list(pkgs) if epoch % 2 else list(pkgs)[::-1]):
                for _ in range(24):
                    t0 = clock()
                    trainers[k].step()
                    steps[k].append(clock() - t0)
        same = dict(trainers[args.ref].history) == dict(trainers["this checkout"].history) and all(
            np.array_equal(p, q) for (p, _), (q, _) in zip(trainers[args.ref].model.param_pairs(),
                                                           trainers["this checkout"].model.param_pairs()))
        pieces = {k: parts(t) for k, t in trainers.items()}
        times = {(k, name): [] for k in pkgs for name in pieces[k]}
        for rep in range(20):
            for name in pieces["this checkout"]:
                for k in (list(pkgs) if rep % 2 else list(pkgs)[::-1]):
                    f = pieces[k][name]
                    for _ in range(24):
                        t0 = clock()
                        f()
                        times[(k, name)].append(clock() - t0)
    print(f"{args.cell} ({args.dtype}), batch {BATCH}, {args.epochs} epochs each, interleaved; thread CPU µs per call")
    print(f"{'':18} {args.ref + ' median':>16} {'p10':>8}   {'this median':>12} {'p10':>8}   {'ratio (median)':>14}")
    rows = [("whole step", steps[args.ref][48:], steps["this checkout"][48:])]
    rows += [(name, times[(args.ref, name)], times[("this checkout", name)]) for name in pieces["this checkout"]]
    for name, a, b in rows:
        a, b = np.array(a) / 1000, np.array(b) / 1000
        print(f"{name:18} {np.median(a):16.1f} {np.percentile(a, 10):8.1f}   {np.median(b):12.1f} "
              f"{np.percentile(b, 10):8.1f}   {np.median(b) / np.median(a):13.3f}×")
    print(f"same weights and history bit for bit: {same}")


if __name__ == "__main__":
    main()
