"""nncore.MLPClassifier vs sklearn.neural_network.MLPClassifier: same algorithm, fit time and accuracy.

Every configuration is fitted by sklearn (float64), nncore (float64) and nncore (float32) with the same
hyper-parameters and ``random_state``; runs are interleaved (sk, nn64, nn32, sk, ...) so machine load
hits all three alike, and the best of ``--repeats`` runs is reported (medians too, in the summary).
``tol=0`` makes every fit run exactly ``max_iter`` epochs, so times compare the same amount of work.

BLAS runs single-threaded for both by default (``--threads 1``): these matrices are small, and on a
shared 2-core machine multi-threaded OpenBLAS mostly measures contention. ``--threads 0`` keeps the
library default.

Usage:  python benchmarks/mlp_vs_sklearn.py [--repeats 5] [--threads 1] [--quick]
"""
from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sklearn.datasets import load_digits, make_classification, make_moons  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402
from sklearn.neural_network import MLPClassifier as SkMLP  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from nncore import MLPClassifier as NnMLP  # noqa: E402


def datasets():
    X, y = load_digits(return_X_y=True)
    yield "digits 1797×64, 10 cl", X / 16.0, y
    X, y = make_moons(1000, noise=0.25, random_state=0)
    yield "moons 1000×2, 2 cl", X, y
    X, y = make_classification(4000, 40, n_informative=20, n_classes=4, random_state=0)
    yield "synth 4000×40, 4 cl", X, y


CONFIGS = {
    "digits 1797×64, 10 cl": [
        dict(hidden_layer_sizes=(100,), solver="adam", max_iter=30),
        dict(hidden_layer_sizes=(64,), solver="sgd", activation="tanh", learning_rate_init=0.05, batch_size=64,
             max_iter=30),
        dict(hidden_layer_sizes=(256, 128), solver="adam", max_iter=10),
    ],
    "moons 1000×2, 2 cl": [
        dict(hidden_layer_sizes=(16, 16), solver="sgd", learning_rate_init=0.05, batch_size=32, max_iter=60),
        dict(hidden_layer_sizes=(8,), solver="adam", activation="logistic", learning_rate_init=0.01,
             batch_size=10, max_iter=20),
    ],
    "synth 4000×40, 4 cl": [
        dict(hidden_layer_sizes=(256, 128), solver="adam", max_iter=10),
        dict(hidden_layer_sizes=(50,), solver="sgd", learning_rate="invscaling", learning_rate_init=0.1,
             max_iter=30),
    ],
}


def label(kw):
    h = "×".join(map(str, kw["hidden_layer_sizes"]))
    return f"{kw['solver']} {kw.get('activation', 'relu')} h={h} b={kw.get('batch_size', 'auto')} ep={kw['max_iter']}"


def timed_fit(cls, kw, X, y):
    t0 = time.perf_counter()
    model = cls(random_state=0, tol=0.0, **kw).fit(X, y)
    return time.perf_counter() - t0, model


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--threads", type=int, default=1, help="BLAS threads (0 = library default)")
    ap.add_argument("--quick", action="store_true", help="halve the epochs (a smoke run)")
    args = ap.parse_args()
    limits = threadpool_limits(args.threads, user_api="blas") if args.threads > 0 else None
    warnings.simplefilter("ignore", ConvergenceWarning)

    rows = []
    for name, X, y in datasets():
        Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
        Xtr32, Xte32 = Xtr.astype(np.float32), Xte.astype(np.float32)
        for kw in CONFIGS[name]:
            if args.quick:
                kw = {**kw, "max_iter": max(2, kw["max_iter"] // 2)}
            times = {"sk": [], "nn64": [], "nn32": []}
            runs = [("sk", SkMLP, Xtr), ("nn64", NnMLP, Xtr), ("nn32", NnMLP, Xtr32)]
            timed_fit(NnMLP, {**kw, "max_iter": 1}, Xtr, ytr)   # warm caches and imports
            for r in range(args.repeats):
                for key, cls, Xfit in runs[r % 3:] + runs[:r % 3]:     # rotate who goes first
                    dt, model = timed_fit(cls, kw, Xfit, ytr)
                    times[key].append(dt)
                    if r == 0:
                        times[key + "_model"] = model
            sk, nn64, nn32 = (times[k + "_model"] for k in ("sk", "nn64", "nn32"))
            med = {k: float(np.min(times[k])) for k in ("sk", "nn64", "nn32")}
            med |= {k + "_med": float(np.median(times[k])) for k in ("sk", "nn64", "nn32")}
            acc_sk = sk.score(Xte, yte)
            rows.append(dict(
                data=name, config=label(kw), **med,
                acc_sk=acc_sk, d_acc64=nn64.score(Xte, yte) - acc_sk, d_acc32=nn32.score(Xte32, yte) - acc_sk,
                max_rel_loss=float(np.max(np.abs(np.subtract(nn64.loss_curve_, sk.loss_curve_))
                                          / np.abs(sk.loss_curve_))),
            ))
            print(".", end="", flush=True)
    print()
    head = (f"{'data':22s} {'config':40s} {'sk f64 s':>9s} {'nn f64 s':>9s} {'nn/sk':>6s} {'nn f32 s':>9s} "
            f"{'f64/f32':>7s} {'test acc':>8s} {'Δacc64':>7s} {'Δacc32':>7s} {'max rel Δloss':>13s}")
    print(head)
    print("-" * len(head))
    for r in rows:
        print(f"{r['data']:22s} {r['config']:40s} {r['sk']:9.3f} {r['nn64']:9.3f} {r['nn64'] / r['sk']:6.2f} "
              f"{r['nn32']:9.3f} {r['nn64'] / r['nn32']:7.2f} {r['acc_sk']:8.3f} {r['d_acc64']:+7.3f} "
              f"{r['d_acc32']:+7.3f} {r['max_rel_loss']:13.1e}")
    sk = np.array([r["sk"] for r in rows])
    n64 = np.array([r["nn64"] for r in rows])
    n32 = np.array([r["nn32"] for r in rows])
    gm = lambda a: float(np.exp(np.mean(np.log(a))))  # noqa: E731
    print("-" * len(head))
    print(f"overall nncore f64 / sklearn:      total time {n64.sum() / sk.sum():.2f}×   geometric mean "
          f"{gm(n64 / sk):.2f}×   (target ≤ 0.80×)")
    print(f"overall nncore f64 / f32 speed-up: total time {n64.sum() / n32.sum():.2f}×   geometric mean "
          f"{gm(n64 / n32):.2f}×   (target ≥ 1.5×)")
    sk_m, n64_m, n32_m = (np.array([r[k + "_med"] for r in rows]) for k in ("sk", "nn64", "nn32"))
    print(f"(same, from medians instead of best runs: nncore/sklearn total {n64_m.sum() / sk_m.sum():.2f}×, "
          f"geo {gm(n64_m / sk_m):.2f}×; f32 speed-up total {n64_m.sum() / n32_m.sum():.2f}×, "
          f"geo {gm(n64_m / n32_m):.2f}×)")
    print(f"BLAS threads: {args.threads or 'library default'}; times are the best of {args.repeats} interleaved runs "
          f"(least disturbed by other load); numpy {np.__version__}")
    if limits is not None:
        limits.restore_original_limits()


if __name__ == "__main__":
    main()
