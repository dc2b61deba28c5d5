"""The RNN scene "A plain RNN forgets", measured: per seed and cell, held-out accuracy, the error signal
reaching the first step, and the CPU time of one run (the page's budget is ≤ 3 s a run).

    python benchmarks/rnn_scene.py [--seeds 0 1 2 3 4 5]      # the scene (lab.sequences.RNN_FORGETS)
    python benchmarks/rnn_scene.py --adam                     # the same scene with Adam (lr 0.01)
    python benchmarks/rnn_scene.py --span                     # the memory-span tab at the scene's settings
    python benchmarks/rnn_scene.py --search                   # the grid the scene's settings were chosen from

``--search`` trains every cell on every seed for each combination of optimizer, learning rate, clipping,
delay, distractor level and epochs (a few minutes per line on one core) and prints per-cell accuracies, so
a reader can see where the textbook contrast holds and where it does not. One BLAS thread, as on the server;
times are CPU seconds of this process (steady on a shared machine), not wall-clock.
"""
from __future__ import annotations

import argparse
import itertools
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from threadpoolctl import threadpool_limits  # noqa: E402

from lab import sequences as sm  # noqa: E402

SPAN_DELAYS = (2, 5, 10, 20, 30)
SEARCH = dict(optimizer=["adam", "sgd"], lr=[0.01, 0.1, 0.3, 0.7, 1.0], clip=[0.0, 1.0], memory=[20, 30, 40],
              noise=[0.0, 0.5, 1.0, 1.5], epochs=[15, 30, 50])


def run(cfg):
    """(held-out accuracy, CPU seconds) of one page run of ``cfg``."""
    t0 = time.process_time()
    acc = sm.held_out_accuracy(cfg)
    return acc, time.process_time() - t0


def scene(base, seeds):
    print(f"{base}\n")
    print("seed " + "".join(f"{c:>8} acc {c:>5} s" for c in sm.CELLS) + "   signal at step 0: RNN / LSTM / GRU")
    for seed in seeds:
        cfg = replace(base, seed=seed)
        row = [run(replace(cfg, cell=c)) for c in sm.CELLS]
        sig = sm.first_step_signal(sm.init_gradient_profiles(sm.page_task(cfg), hidden_size=cfg.hidden, seed=seed,
                                                             n=sm.GRADIENT_SEQUENCES))
        print(f"{seed:>4} " + "".join(f"{a:>12.0%} {s:>7.2f}" for a, s in row)
              + "   " + " / ".join(f"{sig[c]:.1e}" for c in sm.CELLS))


def span(base, seed):
    cfg = replace(base, seed=seed)
    print(f"memory span (the page's tab: one Start per cell and delay), {cfg}")
    for cell in sm.CELLS:
        accs = [run(sm.span_config(cfg, cell, d))[0] for d in SPAN_DELAYS]
        print(f"  {cell:>4}: " + "  ".join(f"{d:>2}: {a:4.0%}" for d, a in zip(SPAN_DELAYS, accs)), flush=True)


def search(seeds):
    keys = list(SEARCH)
    for values in itertools.product(*SEARCH.values()):
        change = dict(zip(keys, values))
        if (change["optimizer"] == "adam") != (change["lr"] == 0.01):
            continue                                  # Adam at 0.01 only; SGD at its larger rates
        cfg = replace(sm.RNN_FORGETS, **change)
        accs = {c: [run(replace(cfg, cell=c, seed=s))[0] for s in seeds] for c in sm.CELLS}
        print(change, " ".join(f"{c}:" + "/".join(f"{a:.0%}" for a in v) for c, v in accs.items()), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, nargs="+", default=list(range(6)))
    ap.add_argument("--adam", action="store_true", help="the scene with Adam instead of plain SGD")
    ap.add_argument("--span", action="store_true", help="the memory-span tab at the scene's settings (seed 0)")
    ap.add_argument("--search", action="store_true", help="the search grid (slow)")
    args = ap.parse_args()
    with threadpool_limits(1):
        base = sm.RNN_FORGETS_ADAM if args.adam else sm.RNN_FORGETS
        if args.search:
            search(args.seeds)
        elif args.span:
            span(base, args.seeds[0])
        else:
            scene(base, args.seeds)


if __name__ == "__main__":
    main()
