"""Load: N concurrent browser sessions against one `streamlit run` server (localhost only).

Each session opens a page with its own seed, does the page's main action (train, run),
and waits for the finished result. Before the concurrent run, every distinct job runs
once alone; each concurrent session's result must equal its job's single-session result
(no cross-talk through module globals, caches or the global NumPy random state).

Prints: sessions, finished, mismatches, server peak RSS, p50/p95 time to a finished page.
Bounded: every session has a deadline; the whole run stops by itself.

    python benchmarks/load.py --sessions 20
"""
from __future__ import annotations

import argparse
import asyncio
import re
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.serve import CHROMIUM_FLAGS, READY, ROOT, chromium_path, start_streamlit, stop  # noqa: E402

# Each job: a page URL with a per-session seed, the button that starts its work, and how to
# know it has finished. The result compared with the single-session run is the text of every
# metric on the page (timings excluded: they differ run to run by nature).
LIVE_DONE = dict(done_text="finished", done_in="[data-testid=stProgress]")
JOBS = [
    dict(name="home-article", path="/?home_seed={seed}", button="Run the article's example",
         result="[data-testid=stMetricValue]", done_count=4),
    dict(name="mlp-playground", path="/mlp_playground?mlp_seed={seed}", button="Start",
         result="[data-testid=stMetricValue]", **LIVE_DONE),
    dict(name="cnn", path="/cnn?cnn_seed={seed}&cnn_epochs=3", button="Start",
         result="[data-testid=stMetricValue]", **LIVE_DONE),
    dict(name="rnn", path="/rnn?rnn_seed={seed}&rnn_epochs=5", button="Start",
         result="[data-testid=stMetricValue]", **LIVE_DONE),
    dict(name="vs-sklearn", path="/vs_sklearn?cmp_seed={seed}", button="Train both",
         result="[data-testid=stMetricValue]", done_count=4),
]
TIMING = re.compile(r"\d\s*(ms|s)$")


def rss_sampler(pid, stop_event, out):
    import psutil
    proc = psutil.Process(pid)
    peak = 0
    while not stop_event.is_set():
        try:
            rss = proc.memory_info().rss + sum(c.memory_info().rss for c in proc.children(recursive=True))
        except psutil.Error:
            break
        peak = max(peak, rss)
        time.sleep(0.1)
    out["peak_rss"] = peak


async def run_session(browser, base, job, seed, deadline_s):
    t0 = time.perf_counter()
    context = await browser.new_context(viewport={"width": 1300, "height": 900})
    page = await context.new_page()
    try:
        return await _drive(page, base, job, seed, deadline_s, t0)
    except Exception as exc:  # a timeout anywhere (page load, button) is a failed session, not a crash
        shot = ROOT / "artifacts" / f"load-timeout-{job['name']}-{seed}.png"
        await page.screenshot(path=str(shot))
        print(f"  {job['name']} seed {seed}: {type(exc).__name__}: {str(exc).splitlines()[0]}", file=sys.stderr)
        return dict(job=job["name"], seed=seed, ok=False, seconds=time.perf_counter() - t0, result=None)
    finally:
        await context.close()


async def _drive(page, base, job, seed, deadline_s, t0):
    await page.goto(base + job["path"].format(seed=seed), timeout=deadline_s * 1000)
    await page.wait_for_selector(READY, timeout=deadline_s * 1000)
    await page.get_by_role("button", name=job["button"], exact=True).first.click(timeout=deadline_s * 1000)
    loc = page.locator(job["result"])
    end = t0 + deadline_s
    while time.perf_counter() < end:
        await asyncio.sleep(0.3)
        if not await page.locator(READY).count():
            continue
        if "done_text" in job:
            status = page.locator(job["done_in"])
            if await status.count() and job["done_text"] in (await status.first.inner_text()):
                break
        elif await loc.count() >= job["done_count"]:
            break
    else:
        raise TimeoutError(f"not finished after {deadline_s:.0f} s")
    texts = None
    for _ in range(20):  # the final rerun may still be redrawing: read until two reads agree
        await page.wait_for_selector(READY, timeout=deadline_s * 1000)
        await asyncio.sleep(0.5)
        now = [x for x in await loc.all_inner_texts() if not TIMING.search(x.strip())]
        if now == texts:
            break
        texts = now
    errors = await page.locator("[data-testid=stException]").count()
    return dict(job=job["name"], seed=seed, ok=errors == 0, seconds=time.perf_counter() - t0,
                result=tuple(texts))


async def run(n_sessions, deadline_s, jobs, reference=True):
    from playwright.async_api import async_playwright
    (ROOT / "artifacts").mkdir(exist_ok=True)
    proc, base = start_streamlit(log_path=ROOT / "artifacts" / "streamlit-load.log")
    stats = {}
    stop_event = threading.Event()
    sampler = threading.Thread(target=rss_sampler, args=(proc.pid, stop_event, stats), daemon=True)
    sampler.start()
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS)
            plan = [(jobs[i % len(jobs)], 100 + i) for i in range(n_sessions)]
            alone = {}
            for job, seed in (plan if reference else []):  # the single-session reference for every (job, seed)
                alone[(job["name"], seed)] = r = await run_session(browser, base, job, seed, deadline_s)
                print(f"  alone: {job['name']} seed {seed} {'ok' if r['ok'] else 'FAILED'} {r['seconds']:.1f} s",
                      file=sys.stderr, flush=True)
            t0 = time.perf_counter()
            together = await asyncio.gather(*(run_session(browser, base, job, seed, deadline_s)
                                              for job, seed in plan))
            wall = time.perf_counter() - t0
            await browser.close()
    finally:
        stop_event.set()
        sampler.join()
        stop(proc)
    times = sorted(r["seconds"] for r in together)
    mismatches = [r for r in together if reference and r["result"] != alone[(r["job"], r["seed"])]["result"]]
    return dict(sessions=n_sessions, finished=sum(r["ok"] for r in together), mismatches=len(mismatches),
                peak_rss_mb=stats.get("peak_rss", 0) / 2**20, wall_s=wall,
                p50_s=times[len(times) // 2], p95_s=times[min(len(times) - 1, int(0.95 * len(times)))],
                results=together, reference=alone,
                mismatch_details=[dict(r, alone=alone[(r["job"], r["seed"])]["result"]) for r in mismatches])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--deadline", type=float, default=240, help="seconds allowed per session")
    ap.add_argument("--jobs", default="", help="comma-separated job names (default: all)")
    ap.add_argument("--no-reference", action="store_true",
                    help="skip the single-session runs (faster; no cross-talk check, for diagnosing stalls)")
    args = ap.parse_args()
    if chromium_path() is None:
        sys.exit("needs Debian's chromium (apt-get install chromium)")
    (ROOT / "artifacts").mkdir(exist_ok=True)
    jobs = [j for j in JOBS if not args.jobs or j["name"] in args.jobs.split(",")]
    out = asyncio.run(run(min(max(args.sessions, 1), 40), args.deadline, jobs, reference=not args.no_reference))
    print(f"sessions {out['sessions']}, finished {out['finished']}, results differing from single-session "
          f"runs {out['mismatches']}")
    print(f"server peak RSS {out['peak_rss_mb']:.0f} MB; time to a finished page p50 {out['p50_s']:.1f} s, "
          f"p95 {out['p95_s']:.1f} s; all sessions done in {out['wall_s']:.1f} s")
    for r in out["results"]:
        print(f"  {r['job']:<16} seed {r['seed']}: {'ok' if r['ok'] else 'FAILED'} {r['seconds']:.1f} s")
    for r in out["mismatch_details"]:
        print(f"  differs: {r['job']} seed {r['seed']}\n    alone:    {r['alone']}\n    together: {r['result']}")


if __name__ == "__main__":
    main()
