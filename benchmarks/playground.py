"""MLP Playground speed: training the default scene, one page refresh, the 100 × 100 decision grid.

Budgets (issue 4): the default scene trains to a clean boundary in ≤ 3 s; the page refreshes
≥ 5 times a second while training; a 100 × 100 decision grid costs ≤ 20 ms.

    python benchmarks/playground.py             # engine and figure timings (a few seconds)
    python benchmarks/playground.py --browser   # also the real page in chromium (≈ 1 min)

"Clean boundary" = test accuracy ≥ 95 % on the default circles scene. Wall and CPU time are
both printed: on a shared machine wall time includes waiting for the other processes.
"""
from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
logging.disable(logging.WARNING)  # t() outside a Streamlit run would log once per call

import numpy as np  # noqa: E402

from lab.playground import Playground, PlaygroundConfig, PlaygroundData, grid  # noqa: E402
from nncore.metrics import confusion_matrix  # noqa: E402
from ui import fig_mlp  # noqa: E402

DEFAULT = PlaygroundConfig()                       # the page's default scene: circles, 2-4-2 tanh, Adam 0.03
BIG = replace(DEFAULT, data="spiral", n=1000, hidden=(64,) * 6, activations=("relu",) * 6, lr=0.003)
CLEAN = 0.95


def build(cfg):
    playground = Playground(cfg, PlaygroundData.builtin(cfg))
    return playground, playground.data


def clocks():
    return time.perf_counter(), time.process_time()


def train_default():
    """Epoch by epoch until the test accuracy first reaches CLEAN, then to the scene's 100 epochs."""
    tr, _ = build(DEFAULT)
    w0, c0 = clocks()
    clean = None
    while tr.epoch < DEFAULT.epochs and not tr.done:
        tr.run(epochs=1)
        if clean is None and tr.history["val_score"][-1] >= CLEAN:
            w, c = clocks()
            clean = (tr.epoch, w - w0, c - c0)
    w, c = clocks()
    return clean, (tr.epoch, w - w0, c - c0, tr.history["val_score"][-1])


def refresh_cost(spec, repeats=15):
    """Server work for one live refresh as the page does it.

    every refresh (≈ 6.7/s): grid forward pass, decision image + JPEG, loss and accuracy curves (SVG);
    every 2 s: network diagram and confusion matrix (SVG), unit-map JPEGs.
    """
    pm, data = build(spec)
    Xtr, Xte, ytr, yte = data.X_train, data.X_test, data.y_train, data.y_test
    pm.run(epochs=3)
    n = spec.grid_size()
    xs, ys, points = grid((-1.2, 1.2), (-1.2, 1.2), n)
    classes = list(data.classes)

    def fast():
        out, hidden = pm.output(points, hidden=True)
        img = fig_mlp.decision_image(xs, ys, out, (Xtr, ytr), (Xte, yte), task="classification", classes=classes)
        size = len(fig_mlp.image_bytes(img))
        for keys in (("loss", "val_loss"), ("score", "val_score")):
            size += len(fig_mlp.curves_svg(pm.history, 100, keys, (0, 1), "y", ("train", "test")))
        return size

    def slow():
        hidden = pm.output(points, hidden=True)[1]
        weights = [layer.params["weight"] for layer in pm.model.layers if "weight" in layer.params]
        size = len(fig_mlp.network_svg(weights, ["x₁", "x₂"], classes))
        size += len(fig_mlp.confusion_svg(confusion_matrix(yte, pm.predict(Xte), data.n_classes), classes))
        return size + sum(len(fig_mlp.image_bytes(im)) for im in fig_mlp.unit_map_images(hidden, n))

    return _time(fast, repeats), _time(slow, max(3, repeats // 3))


def grid_cost(spec, repeats=30, n=100):
    """An n × n decision grid: features, forward pass, colouring, drawing the points, JPEG."""
    pm, data = build(spec)
    Xtr, Xte, ytr, yte = data.X_train, data.X_test, data.y_train, data.y_test
    pm.run(epochs=1)
    xs, ys, points = grid((-1.2, 1.2), (-1.2, 1.2), n)
    classes = list(data.classes)

    def once():
        out = pm.output(points)
        img = fig_mlp.decision_image(xs, ys, out, (Xtr, ytr), (Xte, yte), task="classification", classes=classes)
        return len(fig_mlp.image_bytes(img))

    return _time(once, repeats)


def _time(fn, repeats):
    fn()
    walls, cpus, size = [], [], 0
    for _ in range(repeats):
        w0, c0 = clocks()
        size = fn()
        w1, c1 = clocks()
        walls.append(w1 - w0)
        cpus.append(c1 - c0)
    return statistics.median(walls) * 1e3, statistics.median(cpus) * 1e3, size


# -- the real page ----------------------------------------------------------------------------------

_OBSERVER = """
() => {
  window.__ticks = [];
  const read = () => {
    const p = document.querySelector('[data-testid=stProgress]');
    const m = [...document.querySelectorAll('[data-testid=stMetricValue]')].map(e => e.innerText);
    return [p ? p.innerText : '', m.join('|')];
  };
  let last = '';
  new MutationObserver(() => {
    const [p, m] = read();
    const key = p + '#' + m;
    if (key !== last) { last = key; window.__ticks.push([performance.now(), p, m]); }
  }).observe(document.body, {subtree: true, childList: true, characterData: true});
}
"""


def browser_run(query="", wait=20.0, watch=None):
    """Open the page in chromium (by its URL, after Home has loaded), press Start,
    and record every change of the progress bar and metrics until "finished" (or ``watch`` seconds)."""
    from benchmarks.serve import READY, home_page
    with home_page(log_path="/tmp/playground_bench_streamlit.log") as (page, url):
        page.goto(f"{url}/mlp_playground{query or ''}", timeout=90_000)
        page.wait_for_selector(READY, timeout=90_000)
        page.wait_for_selector("text=Decision surface", timeout=90_000, state="attached")
        time.sleep(1.0)
        page.evaluate(_OBSERVER)
        t_click = page.evaluate("performance.now()")
        page.get_by_role("button", name="Start", exact=True).click(timeout=30_000)
        if watch:
            time.sleep(watch)
        else:
            page.wait_for_selector("text=finished", timeout=wait * 1000)
            time.sleep(0.5)
        ticks = page.evaluate("window.__ticks")
    return t_click, ticks


def parse_ticks(t_click, ticks):
    epochs, times, clean_at = [], [], None
    for ts, prog, metrics in ticks:
        try:
            ep = int(prog.split("Epoch")[1].split("/")[0])
        except (IndexError, ValueError):
            continue
        if epochs and ep == epochs[-1]:
            continue
        epochs.append(ep)
        times.append((ts - t_click) / 1000)
        vals = metrics.split("|")
        if clean_at is None and len(vals) == 5 and vals[4].endswith("%") and float(vals[4][:-1]) >= CLEAN * 100:
            clean_at = (ep, (ts - t_click) / 1000)
    return epochs, times, clean_at


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--browser", action="store_true", help="also measure the real page in chromium")
    ap.add_argument("--browser-only", action="store_true", help="only the chromium measurements")
    args = ap.parse_args()

    if args.browser_only:
        return browser_report()
    clean, end = train_default()
    print("Default scene (circles, 2-4-2 tanh, Adam 0.03, batch 10, 100 training points), engine only:")
    if clean:
        print(f"  test accuracy ≥ {CLEAN:.0%} after epoch {clean[0]}: {clean[1]:.3f} s wall, {clean[2]:.3f} s CPU")
    print(f"  {end[0]} epochs: {end[1]:.3f} s wall, {end[2]:.3f} s CPU, final test accuracy {end[3]:.1%}")

    cases = [("default 2-4-2", DEFAULT, 100), ("6 × 64 ReLU", BIG, 100), ("6 × 64 ReLU", BIG, BIG.grid_size())]
    for name, spec, n in cases:
        w, c, _ = grid_cost(spec, n=n)
        print(f"{n}×{n} decision grid + image, {name}: {w:.1f} ms wall, {c:.1f} ms CPU (budget 20 ms for 100×100)")
    for name, spec in [("default 2-4-2", DEFAULT), ("6 × 64 ReLU", BIG)]:
        (fw, fc, fsize), (sw, sc, ssize) = refresh_cost(spec)
        print(f"live refresh, {name} (grid {spec.grid_size()}²): fast panel {fw:.1f} ms wall / {fc:.1f} ms CPU "
              f"({fsize / 1024:.0f} KiB); slow panel {sw:.1f} ms wall / {sc:.1f} ms CPU ({ssize / 1024:.0f} KiB)")

    if args.browser:
        browser_report()


def browser_report():
    t_click, ticks = browser_run()
    epochs, times, clean_at = parse_ticks(t_click, ticks)
    if len(times) >= 2:
        span = times[-1] - times[0]
        gaps = np.diff(times)
        print(f"Real page (chromium): {len(times)} refreshes with new epochs in {span:.2f} s after the first "
              f"→ {(len(times) - 1) / max(span, 1e-9):.1f} refreshes/s; median gap {np.median(gaps) * 1e3:.0f} ms")
    if times:
        print(f"  Start → epoch {epochs[-1]} finished: {times[-1]:.2f} s")
    if clean_at:
        print(f"  Start → test accuracy ≥ {CLEAN:.0%} on screen: {clean_at[1]:.2f} s (epoch {clean_at[0]})")
    t2, ticks2 = browser_run("?mlp_epochs=1000", watch=8.0)
    e2, tm2, _ = parse_ticks(t2, ticks2)
    end = tm2[e2.index(1000)] if 1000 in e2 else float("inf")
    steady = [x for x, e in zip(tm2, e2) if 1.0 < x < end]   # after the Start click's rerun settled
    if len(steady) >= 2:
        print(f"Steady refresh, default scene with 1000 epochs, from 1 s after Start to the last epoch: "
              f"{(len(steady) - 1) / (steady[-1] - steady[0]):.1f} refreshes/s, "
              f"median gap {np.median(np.diff(steady)) * 1e3:.0f} ms, epoch {e2[-1]} at {tm2[-1]:.1f} s")

if __name__ == "__main__":
    main()
