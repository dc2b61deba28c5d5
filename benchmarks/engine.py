"""Engine throughput: a 784-512-512-10 MLP at batch 256 vs NumPy's own GEMM, in one run.

Prints the achieved GFLOP/s of nncore's training step (forward + backward + Adam)
next to the GFLOP/s of the bare matrix multiplies it needs, and the ratio.
Run: python benchmarks/engine.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nncore import Sequential, Trainer  # noqa: E402
from nncore.layers import Dense, ReLU  # noqa: E402
from nncore.optim import Adam  # noqa: E402

SIZES = [784, 512, 512, 10]
BATCH = 256
N = BATCH * 40


def train_flops(batch):
    # per Dense layer: forward 2·B·in·out, backward dX and dW 2·B·in·out each → 6·B·in·out,
    # less the first layer's dX, which no one needs (neither side computes it)
    return sum(6 * batch * a * b for a, b in zip(SIZES[:-1], SIZES[1:])) - 2 * batch * SIZES[0] * SIZES[1]


def gemm_time(rng, repeats):
    """Mean time of the exact GEMMs of one training step (same shapes, float32), over ``repeats`` steps."""
    mats = []
    for i, (a, b) in enumerate(zip(SIZES[:-1], SIZES[1:])):
        x = rng.standard_normal((BATCH, a), dtype=np.float32)
        w = rng.standard_normal((b, a), dtype=np.float32)
        dy = rng.standard_normal((BATCH, b), dtype=np.float32)
        mats.append((x, w, dy, i > 0))
    t = time.perf_counter()
    for _ in range(repeats):
        for x, w, dy, need_dx in mats:
            x @ w.T
            if need_dx:
                dy @ w
            dy.T @ x
    return (time.perf_counter() - t) / repeats


def main():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((N, SIZES[0]), dtype=np.float32)
    y = rng.integers(0, SIZES[-1], N)
    layers = []
    for i, (a, b) in enumerate(zip(SIZES[:-1], SIZES[1:])):
        layers.append(Dense(a, b, rng=rng))
        if i < len(SIZES) - 2:
            layers.append(ReLU())
    model = Sequential(layers)
    trainer = Trainer(model, X, y, optimizer=Adam(1e-3), batch_size=BATCH, random_state=0)
    trainer.run(epochs=1)  # warm-up
    flops = train_flops(BATCH)
    step_times, gemm_times = [], []
    for _ in range(5):  # interleave engine and GEMM measurements
        t = time.perf_counter()
        trainer.run(epochs=1)
        step_times.append((time.perf_counter() - t) / (N // BATCH))
        gemm_times.append(gemm_time(rng, N // BATCH))  # same number of steps as an epoch
    step, gemm = float(np.median(step_times)), float(np.median(gemm_times))
    print(f"model {'-'.join(map(str, SIZES))}, batch {BATCH}, float32, Adam")
    print(f"nncore training step: {step * 1e3:.2f} ms  → {flops / step / 1e9:.1f} GFLOP/s")
    print(f"NumPy GEMMs alone:    {gemm * 1e3:.2f} ms  → {flops / gemm / 1e9:.1f} GFLOP/s")
    print(f"ratio nncore / GEMM: {gemm / step:.0%} (target ≥ 50 %)")


if __name__ == "__main__":
    main()
