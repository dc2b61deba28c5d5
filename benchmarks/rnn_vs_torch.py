"""nncore vs PyTorch (CPU) on the same recurrent model, data and schedule.

RNN(1→32) then Dense(32→2), 1500 sequences of length 20, cross-entropy, Adam lr 0.01,
batch 64, 10 epochs; the same with LSTM and GRU.  Runs are interleaved (nncore, torch,
nncore, torch, ...) in one process so both see the same machine load, after one short
warm-up run of each per cell; PyTorch gets as many threads as NumPy's BLAS.  Prints median
wall times and the ratio nncore / torch, the same for CPU time (``time.process_time``: all
threads of this process, robust when other programs share the machine, which stretches wall
times but hardly CPU times), and the final training accuracy of each, so "same work" can be
checked. Target (issue 21): ratio ≤ 0.5×.

    python benchmarks/rnn_vs_torch.py [--repeats 3] [--cells RNN LSTM GRU] [--threads N]

``--threads N`` limits NumPy's BLAS (threadpoolctl) and torch to N threads each. On a shared,
oversubscribed machine, 2 spinning BLAS/OpenMP threads per process can slow both sides by 10×;
``--threads 1`` gives steadier figures. Wall times are perf_counter.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nncore import Sequential  # noqa: E402
from nncore.layers import GRU, LSTM, RNN, Dense  # noqa: E402
from nncore.optim import Adam  # noqa: E402

N, T, HIDDEN, BATCH, EPOCHS, LR = 1500, 20, 32, 64, 10, 0.01


def make_data(seed=0):
    """Noisy sequences; the label is whether the first five inputs sum above zero (needs memory)."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((N, T, 1)).astype(np.float32)
    y = (X[:, :5, 0].sum(axis=1) > 0).astype(np.int64)
    return X, y


def blas_threads() -> int:
    try:
        from threadpoolctl import threadpool_info
        counts = [p["num_threads"] for p in threadpool_info() if p.get("user_api") == "blas"]
        return max(counts) if counts else 1
    except ImportError:
        return 1


def run_nncore(cell, X, y, seed):
    layer = {"RNN": RNN, "LSTM": LSTM, "GRU": GRU}[cell]
    model = Sequential([layer(1, HIDDEN, rng=seed), Dense(HIDDEN, 2, init="torch", rng=seed + 1)])
    t0, c0 = time.perf_counter(), time.process_time()
    hist = model.fit(X, y, loss="cross_entropy", optimizer=Adam(LR), epochs=EPOCHS, batch_size=BATCH,
                     random_state=seed)
    return time.perf_counter() - t0, time.process_time() - c0, hist["accuracy"][-1]


def run_torch(cell, X, y, seed):
    import torch
    torch.manual_seed(seed)
    rnn = {"RNN": torch.nn.RNN, "LSTM": torch.nn.LSTM, "GRU": torch.nn.GRU}[cell](1, HIDDEN, batch_first=True)
    head = torch.nn.Linear(HIDDEN, 2)
    params = list(rnn.parameters()) + list(head.parameters())
    opt = torch.optim.Adam(params, lr=LR)
    loss_fn = torch.nn.CrossEntropyLoss()
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    gen = torch.Generator().manual_seed(seed)
    n = len(X)
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(EPOCHS):
        order = torch.randperm(n, generator=gen)
        correct = 0
        for i in range(0, n, BATCH):
            idx = order[i:i + BATCH]
            xb, yb = Xt[idx], yt[idx]
            out = head(rnn(xb)[0][:, -1])
            loss = loss_fn(out, yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            correct += int((out.argmax(1) == yb).sum())
    return time.perf_counter() - t0, time.process_time() - c0, correct / n


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--cells", nargs="+", default=["RNN", "LSTM", "GRU"])
    ap.add_argument("--threads", type=int, default=None, help="limit NumPy BLAS and torch to N threads")
    args = ap.parse_args()
    import torch
    if args.threads:
        from threadpoolctl import threadpool_limits
        threadpool_limits(limits=args.threads, user_api="blas")
    threads = blas_threads()
    torch.set_num_threads(threads)
    X, y = make_data()
    print(f"numpy {np.__version__} (BLAS threads {threads}), torch {torch.__version__} "
          f"(threads {torch.get_num_threads()})")
    print(f"{N} sequences × {T} steps, hidden {HIDDEN}, batch {BATCH}, {EPOCHS} epochs, Adam lr {LR}; "
          f"median of {args.repeats} interleaved runs\n")
    print(f"{'':5} {'wall':-^27}   {'CPU':-^27}")
    print(f"{'cell':5} {'nncore s':>9} {'torch s':>9} {'ratio':>7}   {'nncore s':>9} {'torch s':>9} {'ratio':>7}"
          f"   {'acc nncore':>10} {'acc torch':>9}")
    for cell in args.cells:
        run_nncore(cell, X[:128], y[:128], 0)           # warm-up, both sides alike: imports, BLAS and
        run_torch(cell, X[:128], y[:128], 0)            # torch kernels initialised, first-call caches
        ours, theirs = [], []
        for rep in range(args.repeats):
            ours.append(run_nncore(cell, X, y, rep))
            theirs.append(run_torch(cell, X, y, rep))
        w_ours, w_theirs = (statistics.median(r[0] for r in runs) for runs in (ours, theirs))
        c_ours, c_theirs = (statistics.median(r[1] for r in runs) for runs in (ours, theirs))
        print(f"{cell:5} {w_ours:9.3f} {w_theirs:9.3f} {w_ours / w_theirs:6.2f}×   "
              f"{c_ours:9.3f} {c_theirs:9.3f} {c_ours / c_theirs:6.2f}×   {ours[-1][2]:10.1%} {theirs[-1][2]:9.1%}")


if __name__ == "__main__":
    main()
