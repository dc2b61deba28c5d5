"""Claims are checks: every sentence on screen that a run can confirm is a predicate over that run.

A lab module that backs a page declares its claims beside the experiment they are about:

- ``SCENE_CLAIMS = {"<scene id>": fn}`` — one per Home scene (``ui/scenes.py``), run with the scene's exact
  settings through the same lab call the page makes;
- ``TEXT_CLAIMS = {"<text key>": fn}`` — quantitative sentences of a page's texts ("stays at chance",
  "test loss turns up"), keyed by the catalogue key that says them (``"<text key>:<name>"`` when one text
  makes several claims).

``fn(seed) -> (holds, measured)``: ``holds`` is whether the claim is true for that seed, ``measured`` a
flat dict of the numbers it was judged on (printed when a check fails, quoted in reports).

A claim written as a fact must hold on every seed; one written "usually (k of n seeds)" carries its rate
with :func:`rate` and must hold on at least that share. ``tests/lab/test_claims.py`` runs every claim on
:data:`SEEDS` (the default seed 0 and five more) and fails with the claims and seeds that fall short;
``python -m lab.claims`` prints the table of measured rates.
"""
from __future__ import annotations

import importlib
import math
import pkgutil
import sys
from dataclasses import dataclass, field
from typing import Callable

SEEDS = tuple(range(6))


def rate(k: int, n: int = len(SEEDS)):
    """Decorator for a claim shown as "usually (k of n seeds)": it must hold on at least k/n of the seeds."""
    if not 0 < k <= n:
        raise ValueError(f"a claim's rate must be between 1/n and n/n, got {k}/{n}")

    def mark(fn):
        fn.rate = k / n
        return fn
    return mark


@dataclass(frozen=True)
class Claim:
    """One registered claim: where it lives and the share of seeds it must hold on (1.0: a fact)."""

    id: str
    kind: str                      # "scene" or "text"
    module: str
    fn: Callable = field(repr=False)

    @property
    def rate(self) -> float:
        return float(getattr(self.fn, "rate", 1.0))

    def required(self, n_seeds: int) -> int:
        """How many of ``n_seeds`` seeds it must hold on."""
        return math.ceil(self.rate * n_seeds - 1e-9)


@dataclass(frozen=True)
class Verdict:
    """A claim run on several seeds: per seed, whether it held and what was measured."""

    claim: Claim
    results: dict                  # {seed: (holds, measured)}

    @property
    def held(self) -> list[int]:
        return [s for s, (ok, _) in self.results.items() if ok]

    @property
    def failed(self) -> list[int]:
        return [s for s, (ok, _) in self.results.items() if not ok]

    @property
    def ok(self) -> bool:
        return len(self.held) >= self.claim.required(len(self.results))

    def summary(self) -> str:
        n = len(self.results)
        need = self.claim.required(n)
        line = f"{self.claim.kind} {self.claim.id}: holds on {len(self.held)} of {n} seeds (needs {need})"
        for s in self.failed:
            line += f"\n    seed {s} fails: {_fmt(self.results[s][1])}"
        return line


def _fmt(measured: dict) -> str:
    return ", ".join(f"{k} = {v:.3g}" if isinstance(v, float) else f"{k} = {v}" for k, v in measured.items())


def lab_modules() -> list[str]:
    """Every module of the ``lab`` package except this one."""
    import lab
    return sorted(f"lab.{m.name}" for m in pkgutil.iter_modules(lab.__path__) if m.name != "claims")


def _collect(attr: str, kind: str) -> dict[str, Claim]:
    out: dict[str, Claim] = {}
    for name in lab_modules():
        for cid, fn in getattr(importlib.import_module(name), attr, {}).items():
            if cid in out:
                raise ValueError(f"{kind} claim {cid!r} registered twice: {out[cid].module} and {name}")
            out[cid] = Claim(cid, kind, name, fn)
    return out


def scene_claims() -> dict[str, Claim]:
    """{scene id: Claim} from every lab module's ``SCENE_CLAIMS``."""
    return _collect("SCENE_CLAIMS", "scene")


def text_claims() -> dict[str, Claim]:
    """{text key: Claim} from every lab module's ``TEXT_CLAIMS``."""
    return _collect("TEXT_CLAIMS", "text")


def check(claim: Claim, seeds=SEEDS) -> Verdict:
    """Run ``claim`` on every seed."""
    results = {}
    for s in seeds:
        holds, measured = claim.fn(int(s))
        results[int(s)] = (bool(holds), dict(measured))
    return Verdict(claim, results)


def main(argv: list[str]) -> int:
    """``python -m lab.claims [id ...]``: run the claims (all, or those named) and print their rates."""
    claims = {**scene_claims(), **text_claims()}
    chosen = [claims[a] for a in argv] if argv else list(claims.values())
    bad = 0
    for c in chosen:
        v = check(c)
        bad += not v.ok
        print(("ok   " if v.ok else "FAIL ") + v.summary())
        for s, (ok, measured) in v.results.items():
            print(f"       seed {s}: {'holds' if ok else 'fails'}; {_fmt(measured)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
