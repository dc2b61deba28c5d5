"""nncore vs PyTorch (CPU): the same small CNN trained the same way on the 8×8 digits.

Model: conv 1→8 3×3 pad 1, ReLU, maxpool 2, conv 8→16 3×3 pad 1, ReLU, maxpool 2, flatten,
dense 64→10. Adam lr 0.01, batch 64, 10 epochs on the training split of
``nncore.datasets.digits_split()`` (seed 0, 30 % held out).

Both models start from the SAME initial weights (nncore's, copied into torch) and see the
SAME mini-batches (one seeded permutation per epoch, as ``nncore.Trainer`` draws them), so
their accuracies should agree to float32 round-off. Runs are interleaved (nncore, torch,
nncore, torch, ...) in one process; the median of each is reported with the ratio.
PyTorch uses as many threads as NumPy's BLAS.

    python benchmarks/cnn_vs_torch.py [--repeats 5] [--epochs 10] [--threads N]

``--threads N`` limits NumPy's BLAS (threadpoolctl) and torch to N threads each. On a shared,
busy machine multithreaded BLAS/OpenMP spin-waits badly; compare the minimum times there.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from nncore import Sequential, Trainer  # noqa: E402
from nncore.datasets import digits_split  # noqa: E402
from nncore.layers import Conv2D, Dense, Flatten, MaxPool2D, ReLU  # noqa: E402
from nncore.optim import Adam  # noqa: E402

LR, BATCH = 0.01, 64


def blas_threads() -> int:
    """Threads NumPy's BLAS uses (threadpoolctl ships with scikit-learn); fall back to the CPU count."""
    try:
        from threadpoolctl import threadpool_info
        counts = [d["num_threads"] for d in threadpool_info() if d.get("user_api") == "blas"]
        if counts:
            return int(max(counts))
    except ImportError:
        pass
    return os.cpu_count() or 1


def nncore_model(seed=0, first_input_grad=False):
    return Sequential([
        Conv2D(1, 8, 3, padding=1, rng=seed, input_grad=first_input_grad), ReLU(), MaxPool2D(2),
        Conv2D(8, 16, 3, padding=1, rng=seed + 1), ReLU(), MaxPool2D(2),
        Flatten(), Dense(64, 10, rng=seed + 2)])


def torch_model_from(model):
    """The same architecture in PyTorch with the nncore model's weights (same names, same layouts)."""
    import torch
    from torch import nn
    net = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Flatten(), nn.Linear(64, 10))
    ours = [l for l in model.layers if l.params]
    theirs = [m for m in net if isinstance(m, (nn.Conv2d, nn.Linear))]
    with torch.no_grad():
        for a, b in zip(ours, theirs):
            b.weight.copy_(torch.from_numpy(a.params["weight"]))
            b.bias.copy_(torch.from_numpy(a.params["bias"]))
    return net


def run_nncore(Xtr, ytr, Xte, yte, epochs, seed, first_input_grad=False):
    model = nncore_model(seed, first_input_grad)
    t0 = time.perf_counter()
    trainer = Trainer(model, Xtr, ytr, optimizer=Adam(LR), batch_size=BATCH, random_state=seed)
    trainer.run(epochs=epochs)
    trainer.finish()
    seconds = time.perf_counter() - t0
    return seconds, float((model.predict(Xte) == yte).mean())


def run_torch(Xtr, ytr, Xte, yte, epochs, seed):
    import torch
    import torch.nn.functional as F
    net = torch_model_from(nncore_model(seed))
    xt, yt = torch.from_numpy(Xtr), torch.from_numpy(ytr.astype(np.int64))
    rng = np.random.default_rng(seed)           # the same batch order as nncore.Trainer
    t0 = time.perf_counter()
    opt = torch.optim.Adam(net.parameters(), lr=LR)
    net.train()
    for _ in range(epochs):
        order = torch.from_numpy(rng.permutation(len(Xtr)))
        for i in range(0, len(Xtr), BATCH):
            idx = order[i:i + BATCH]
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(net(xt[idx]), yt[idx])
            loss.backward()
            opt.step()
    seconds = time.perf_counter() - t0
    net.train(False)  # inference mode (the same switch as Module.eval)
    with torch.no_grad():
        pred = net(torch.from_numpy(Xte)).argmax(1).numpy()
    return seconds, float((pred == yte).mean())


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=None, help="limit NumPy BLAS and torch to N threads")
    args = ap.parse_args(argv)
    try:
        import torch
    except ImportError:
        print("PyTorch is not installed: pip install torch==2.13.0")
        return 1
    if args.threads:
        from threadpoolctl import threadpool_limits
        threadpool_limits(limits=args.threads, user_api="blas")
    threads = blas_threads()
    torch.set_num_threads(threads)
    Xtr, Xte, ytr, yte = digits_split(seed=args.seed)
    print(f"data: {len(Xtr)} train / {len(Xte)} test digits, NCHW {Xtr.shape[1:]} float32")
    print(f"threads: NumPy BLAS {threads}, torch {torch.get_num_threads()}; "
          f"numpy {np.__version__}, torch {torch.__version__}")
    # warm-up (imports, allocator, BLAS threads) — not timed
    run_nncore(Xtr, ytr, Xte, yte, 1, args.seed)
    run_torch(Xtr, ytr, Xte, yte, 1, args.seed)
    times = {"nncore": [], "nncore (dx of first conv too)": [], "torch": []}
    accs = {k: [] for k in times}
    for _ in range(args.repeats):
        for name, fn in [("nncore", lambda: run_nncore(Xtr, ytr, Xte, yte, args.epochs, args.seed)),
                         ("torch", lambda: run_torch(Xtr, ytr, Xte, yte, args.epochs, args.seed)),
                         ("nncore (dx of first conv too)",
                          lambda: run_nncore(Xtr, ytr, Xte, yte, args.epochs, args.seed, True))]:
            s, a = fn()
            times[name].append(s)
            accs[name].append(a)
    print(f"\n{args.epochs} epochs, batch {BATCH}, Adam lr {LR}; {args.repeats} interleaved runs each")
    base, base_min = statistics.median(times["torch"]), min(times["torch"])
    for name in times:
        med, best = statistics.median(times[name]), min(times[name])
        print(f"  {name:30s} median {med * 1000:8.1f} ms  min {best * 1000:8.1f} ms   "
              f"test accuracy {accs[name][-1]:.2%}   "
              f"ratio to torch: median {med / base:.2f}×  min {best / base_min:.2f}×")
    ratio = statistics.median(times["nncore"]) / base
    print(f"\nnncore / PyTorch time ratio (medians): {ratio:.2f}× (target ≤ 0.5×, issue 21); "
          f"minimums: {min(times['nncore']) / base_min:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
