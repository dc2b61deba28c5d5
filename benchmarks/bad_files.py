"""The bad-file table: every malformed upload of the corpus through its real page (AppTest).

For each (file, page): the message the page showed, whether it says what is wrong (one of the
page's own messages for that fault), whether the page raised, and whether the previous state (data,
trained epochs, weights) was kept. The corpus is generated in ``tests/fuzz/bad_files.py``.

    python benchmarks/bad_files.py [--markdown] [--width 90]
"""
from __future__ import annotations

import argparse
import logging
import re
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzz import bad_files as B  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    ap.add_argument("--width", type=int, default=90, help="characters of each message to print")
    args = ap.parse_args()
    logging.disable(logging.WARNING)            # AppTest's bare-mode chatter
    warnings.simplefilter("ignore")

    rows, t0 = [], time.perf_counter()
    for page in (B.MLP, B.CMP, B.CNN):
        drv = B.DRIVERS[page]()
        for bad in B.cases(page):
            out = drv.upload(bad)
            shown = out.exceptions[0] if out.exceptions else (out.messages[0] if out.messages else "(nothing)")
            shown = " ".join(re.sub(r"\\(.)", r"\1", shown).replace("\u2060", "").split())   # as a reader sees it
            rows.append((bad.id, page, len(bad.data()), shown, out))
    elapsed = time.perf_counter() - t0

    w = args.width
    if args.markdown:
        print("| file | page | bytes | message shown | says why | exception | state kept |")
        print("|---|---|---:|---|---|---|---|")
        for name, page, size, shown, out in rows:
            print(f"| {name} | {page} | {size:,} | {shown[:w].replace('|', '/')} | "
                  f"{'yes' if out.says_why else 'NO'} | {'YES' if out.exceptions else 'no'} | "
                  f"{'yes' if out.kept else 'NO'} |")
    else:
        print(f"{'file':30s} {'page':15s} {'bytes':>10s}  {'kept':4s} {'why':3s}  message shown")
        for name, page, size, shown, out in rows:
            flag = "EXC " if out.exceptions else ""
            print(f"{name:30s} {page:15s} {size:>10,d}  {'yes' if out.kept else 'NO':4s} "
                  f"{'yes' if out.says_why else 'NO':3s}  {flag}{shown[:w]}")
    n = len(rows)
    n_files = len({r[0] for r in rows})
    print(f"\n{n_files} bad files, {n} (file, page) uploads in {elapsed:.0f} s: "
          f"{sum(not r[4].exceptions for r in rows)}/{n} without exception, "
          f"{sum(r[4].says_why for r in rows)}/{n} with a message naming the fault, "
          f"{sum(r[4].kept for r in rows)}/{n} with the previous state kept.")


if __name__ == "__main__":
    main()
