"""Challenges page: first render, an ε slider move, and the learning curve, against their budgets.

Budgets (issue 20): first render ≤ 1 s with the default model trained once per process; each move of
the ε slider ≤ 0.3 s; the learning curve ≤ 3 s to compute per seed (each seed is cached). Wall time
and this process's CPU time are both printed: on a shared machine the CPU time shows the work itself.
With ``--figures`` it also prints the accuracy-against-ε table (FGSM and random noise) and the
learning-curve figures over seeds 0..5, the numbers behind the page's claims.

    python benchmarks/challenges.py [--repeats 3] [--figures]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, ROOT)

from lab import challenges as ch  # noqa: E402
from lab.cnn import CnnConfig  # noqa: E402
from ui.blas import limit_blas_threads  # noqa: E402


def timed(fn):
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - t0, time.process_time() - c0, out


def open_page(query=None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(os.path.join(ROOT, "streamlit_app.py"), default_timeout=300)
    at.switch_page("pages/challenges.py")
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return at


def run(at):
    """Run the script (an AppTest, or a widget whose change is to be sent); raise on a page exception."""
    at = at.run()
    if at.exception:
        raise RuntimeError(at.exception[0].value)
    return at


def line(name, wall, cpu, budget):
    verdict = "ok" if wall <= budget else ("ok by CPU" if cpu <= budget else "OVER")
    print(f"{name:<44} {wall:8.3f} {cpu:8.3f}  budget {budget:g} s  {verdict}")


def pages(repeats):
    print(f"{'what':<44} {'wall s':>8} {'cpu s':>8}")
    wall, cpu, _ = timed(lambda: run(open_page()))
    line("first render, cold process (trains the pair)", wall, cpu, 1.0)
    walls, cpus = [], []
    for _ in range(repeats):
        w, c, _ = timed(lambda: run(open_page()))
        walls.append(w)
        cpus.append(c)
    line("first render, model trained once per process", statistics.median(walls), statistics.median(cpus), 1.0)
    at = run(open_page())
    walls, cpus = [], []
    for eps in (0.1, 0.15, 0.2, 0.075, 0.025, 0.3):
        w, c, _ = timed(lambda e=eps: run(at.select_slider(key="ch_eps").set_value(e)))
        walls.append(w)
        cpus.append(c)
    line("ε slider move (median of 6)", statistics.median(walls), statistics.median(cpus), 0.3)
    w, c, _ = timed(lambda: run(open_page({"ch_view": "What does it look at?"})))
    line("'What does it look at?' view", w, c, 1.0)


def curves():
    ch.split(0)
    from nncore import MLPClassifier  # noqa: F401  (the scikit-learn import, once, outside the timing)

    walls, cpus = [], []
    for seed in range(3):
        w, c, _ = timed(lambda s=seed: ch.learning_curve(ch.LearningCurveConfig(seeds=(s,))))
        walls.append(w)
        cpus.append(c)
    line("learning curve, one seed (median of 3)", statistics.median(walls), statistics.median(cpus), 3.0)
    print(f"{'learning curve, the page default (3 seeds)':<44} {sum(walls):8.3f} {sum(cpus):8.3f}  "
          "once per process; each seed is cached")


def figures():
    eps = (0.0, 0.025, 0.05, 0.1, 0.15, 0.2, 0.3)
    print("\nTest accuracy against ε (fraction of the pixel range), 539 test digits; mean [min–max] over seeds 0..5")
    for kind in ("cnn", "mlp"):
        rs = [ch.adversarial(ch.AdversarialConfig(epsilons=eps, kind=kind, noise_seed=s),
                             ch.train_models(CnnConfig(seed=s))) for s in range(6)]
        print(f"  {kind.upper():<4} {'ε':>6} {'FGSM':>22} {'random ±ε':>22}")
        for e in eps:
            f = [r.acc_fgsm[e] for r in rs]
            n = [r.acc_noise[e] for r in rs]
            print(f"       {e:6.3f} {statistics.mean(f):7.1%} [{min(f):5.1%}–{max(f):5.1%}] "
                  f"{statistics.mean(n):7.1%} [{min(n):5.1%}–{max(n):5.1%}]")
    lc = ch.LearningCurve.combine(ch.learning_curve(ch.LearningCurveConfig(seeds=(s,))) for s in range(6))
    print("\nLearning curve: test accuracy mean ± std over seeds 0..5 (training accuracy in brackets)")
    print(f"  {'digits':>7} " + " ".join(f"{m:>22}" for m in ch.MODELS))
    for i, n in enumerate(lc.sizes):
        cells = [f"{lc.mean(m)[i]:6.1%} ± {lc.std(m)[i]:4.1%} [{lc.mean(m, 'train')[i]:5.1%}]" for m in ch.MODELS]
        print(f"  {n:7,} " + " ".join(f"{c:>22}" for c in cells))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--figures", action="store_true", help="also print the ε table and the learning curve")
    args = ap.parse_args()
    limit_blas_threads()          # as the app does at start-up
    pages(args.repeats)
    curves()
    if args.figures:
        figures()


if __name__ == "__main__":
    main()
