"""The replay cache: a live run computed once per process, shown again to every session that asks for it.

A live page's run is fully determined by its settings: ``ui.live`` names it by (page key, ``sig``, epochs
per Start), and the same name always trains to the same numbers (every random thing is seeded). So when a
whole class opens one scene link and presses Start, the first session to start trains and *records*: after
each refresh it keeps a snapshot of what the page shows (``trainer.snapshot()``: parameter and history
copies), and at the end a full private copy of the trained object. Every later session with the same name
*replays*: each refresh restores the next recorded snapshot into its own trainer and draws it, at the pace
the recording was made (frames are skipped, never queued, when a session falls behind), and at the end takes
its own copy of the final object, optimizer state and random generators included, so "Train more" goes on
exactly as if it had trained. Sessions that start while the first one is still recording follow it frame by
frame. A recording left unfinished (its session paused, reset, changed settings, or vanished) is abandoned;
its followers then train for themselves from where they are.

Snapshot protocol: a trainer-like object with ``snapshot() -> object`` and ``restore(snap)`` can be recorded
(:class:`nncore.Trainer` has it; the lab objects delegate to their trainers). ``restore`` makes the object
read as at the snapshot; it is then for showing only, never trained on. Objects without the protocol are
simply not cached.

Bounded by bytes (least recently used recordings go first; a recording in progress counts once filed, and
is dropped when its session goes quiet for ``STALL_S``): 64 MB by default, ``BRAINLAB_REPLAY_MB``
overrides (0 turns the cache off). Why 64 MB: a recorded default run takes 0.2–2 MB on the MLP, CNN, RNN
and Learning-rules pages and about 6 MB on Forgetting (three networks, their data and penalties): snapshots
of a few thousand parameters and a history for each of 5–40 refreshes, plus the final copy with its training
data. So 64 MB keeps every scene of a lecture and dozens of student variations, while Community Cloud's
690 MB floor still leaves room for 200 sessions' own models (a 200-session load peaked at 480 MB RSS). The
size is estimated from the arrays and containers a recording holds (:func:`estimate_nbytes`).

Drawings: a recording also keeps the drawings made of its frames (``ui.live.frame_memo``), and the cache
keeps the drawings of untrained states (:meth:`ReplayCache.still`: what every session opening a scene link
shows first, the same for every session with those settings) within 1/``STILL_SHARE`` of its bytes.

Thread-safe (one lock) and shared by the sessions of one process; invisible to users except in speed.
"""
from __future__ import annotations

import copy
import os
import threading
import time
from collections import OrderedDict

import numpy as np

DEFAULT_MAX_MB = 64
STILL_SHARE = 8     # drawings of untrained states (``ReplayCache.still``) may take 1/8 of the cache
STALL_S = 10.0      # a recording with no new frame for this long is abandoned (its session is gone or stuck)


class Recording:
    """One live run recorded for replay: ``frames`` [(seconds since its Start, snapshot)], then ``final``.

    ``state`` is "recording" (frames still coming), "complete" (``final`` is set) or "abandoned".
    """

    def __init__(self, key, clock=time.perf_counter):
        self.key = key
        self.frames: list[tuple[float, object]] = []
        self.memo: dict = {}            # (frame index, view key) -> a drawing of that frame (``ui.live.frame_memo``)
        self.final = None
        self.state = "recording"
        self.nbytes = 0
        self.counted: set[int] = set()      # ids of the objects its frames hold, each counted once
        self._clock = clock
        self.t0 = clock()
        self.touched = self.t0

    @property
    def complete(self) -> bool:
        return self.state == "complete"

    def stalled(self, stall_s=STALL_S) -> bool:
        """Abandoned, or still recording with no new frame for ``stall_s`` seconds."""
        return self.state == "abandoned" or (self.state == "recording" and self._clock() - self.touched > stall_s)

    def final_copy(self):
        """A private copy of the trained object (the cache's own copy is never handed out)."""
        return copy.deepcopy(self.final)


class ReplayCache:
    """Recordings by name, least recently used first out when they hold more than ``max_bytes``."""

    def __init__(self, max_bytes: int | None = None, stall_s: float = STALL_S, clock=time.perf_counter):
        if max_bytes is None:
            max_bytes = int(float(os.environ.get("BRAINLAB_REPLAY_MB", DEFAULT_MAX_MB)) * 2 ** 20)
        self.max_bytes = int(max_bytes)
        self.stall_s = stall_s
        self._clock = clock
        self._lock = threading.Lock()
        self._done: OrderedDict[object, Recording] = OrderedDict()   # complete recordings, oldest use first
        self._live: dict[object, Recording] = {}                     # recordings in progress
        self._still: OrderedDict[object, tuple[object, int]] = OrderedDict()   # (name, view) -> (drawing, bytes)
        self._still_bytes = 0
        self.hits = self.misses = self.evictions = 0

    @property
    def enabled(self) -> bool:
        return self.max_bytes > 0

    @property
    def nbytes(self) -> int:
        with self._lock:
            return sum(r.nbytes for r in self._done.values())

    def __len__(self):
        with self._lock:
            return len(self._done)

    def has_finished(self, key) -> bool:
        """True when a complete recording of ``key`` is kept: a Start from epoch 0 shows it again at once."""
        with self._lock:
            return key in self._done

    def claim(self, key) -> tuple[str, Recording | None]:
        """At a Start from epoch 0: ("replay", recording) when ``key`` is recorded or being recorded;
        else ("record", a new recording this caller fills); ("off", None) when the cache is off."""
        if not self.enabled:
            return "off", None
        with self._lock:
            self._sweep()
            rec = self._done.get(key)
            if rec is not None:
                self._done.move_to_end(key)
                self.hits += 1
                return "replay", rec
            rec = self._live.get(key)
            if rec is not None:
                self.hits += 1
                return "replay", rec
            self.misses += 1
            rec = self._live[key] = Recording(key, self._clock)
            return "record", rec

    def add_frame(self, rec: Recording, snapshot) -> bool:
        """Append one refresh's snapshot; False (and the recording abandoned) when it cannot be kept."""
        with self._lock:
            if rec.state != "recording":
                return False
            now = self._clock()
            rec.frames.append((now - rec.t0, snapshot))
            rec.touched = now
            rec.nbytes += estimate_nbytes(snapshot, rec.counted)
            if rec.nbytes > self.max_bytes:        # one run bigger than the whole cache: not worth keeping
                self._abandon(rec)
                return False
            return True

    def finish(self, rec: Recording, trainer) -> bool:
        """The recorded run reached its end: keep a private copy of ``trainer`` and file the recording."""
        final = copy.deepcopy(trainer)           # outside the lock: may take a few ms
        size = estimate_nbytes(final)
        with self._lock:
            if rec.state != "recording":
                return False
            rec.final, rec.state = final, "complete"
            rec.nbytes += size
            if self._live.get(rec.key) is rec:
                del self._live[rec.key]
            if rec.nbytes > self.max_bytes:        # followers holding it still finish; nobody else will
                return False
            self._done[rec.key] = rec
            self._done.move_to_end(rec.key)
            self._evict()
            return True

    def keep(self, rec: Recording, key, value):
        """Keep a drawing of one of ``rec``'s frames (an image, an SVG) for the sessions replaying it."""
        with self._lock:
            if key in rec.memo or rec.state == "abandoned":
                return
            rec.memo[key] = value
            rec.nbytes += estimate_nbytes(value) + 100
            if self._done.get(rec.key) is rec:
                self._evict()

    def still(self, name, view, build):
        """A drawing of the untrained state of the run named ``name`` (what every session opening a link
        shows first), made once by ``build()`` and shared; ``view`` names everything else it depends on.
        Least recently used first out past 1/``STILL_SHARE`` of the cache's bytes; two sessions asking at
        once may both build it (the same drawing): no lock is held while drawing."""
        if not self.enabled:
            return build()
        key = (name, view)
        with self._lock:
            hit = self._still.get(key)
            if hit is not None:
                self._still.move_to_end(key)
                return hit[0]
        value = build()
        size = estimate_nbytes(value) + 100
        with self._lock:
            if key not in self._still:
                self._still[key] = (value, size)
                self._still_bytes += size
                while self._still_bytes > self.max_bytes // STILL_SHARE and self._still:
                    _, (_, old) = self._still.popitem(last=False)
                    self._still_bytes -= old
        return value

    def abandon(self, rec: Recording):
        """The recording session stopped (Pause, Reset, new settings): followers go on by themselves."""
        with self._lock:
            self._abandon(rec)

    def _abandon(self, rec):
        if rec.state == "recording":
            rec.state = "abandoned"
        if self._live.get(rec.key) is rec:
            del self._live[rec.key]

    def _sweep(self):
        """Drop the recordings in progress whose sessions went quiet (closed tabs): nobody finishes them."""
        for key, rec in list(self._live.items()):
            if rec.stalled(self.stall_s):
                rec.state = "abandoned"
                del self._live[key]

    def _evict(self):
        total = sum(r.nbytes for r in self._done.values())
        while total > self.max_bytes and self._done:
            _, old = self._done.popitem(last=False)
            total -= old.nbytes
            self.evictions += 1

    def clear(self):
        with self._lock:
            self._done.clear()
            self._live.clear()
            self._still.clear()
            self._still_bytes = 0
            self.hits = self.misses = self.evictions = 0


def estimate_nbytes(obj, seen: set | None = None) -> int:
    """Approximate memory held by ``obj`` and everything it refers to: array buffers (a view counts its
    base once), containers, numbers and strings, and the attributes of plain objects. Functions, classes
    and modules are shared, not owned, and count nothing. Objects whose ids are in ``seen`` (updated)
    were counted before: snapshots of one recording may share arrays that never change."""
    seen = set() if seen is None else seen
    stack = [obj]
    total = 0
    while stack:
        o = stack.pop()
        if id(o) in seen:
            continue
        seen.add(id(o))
        if isinstance(o, np.ndarray):
            if isinstance(o.base, np.ndarray):
                stack.append(o.base)
                total += 112
            else:
                total += o.nbytes + 112
        elif isinstance(o, (str, bytes, bytearray)):
            total += len(o) + 49
            for v in getattr(o, "__dict__", {}).values():   # a str that carries more: ui.svg.Drawing's phone
                total += (len(v) if isinstance(v, str) else len(o)) + 49   # layout, or the function that draws
                                                                           # it later (about as long: counted now)
        elif isinstance(o, (bool, int, float, complex, np.generic)) or o is None:
            total += 32
        elif isinstance(o, dict):
            total += 64 + 24 * len(o)
            stack.extend(o.keys())
            stack.extend(o.values())
        elif isinstance(o, (list, tuple, set, frozenset)):
            total += 56 + 8 * len(o)
            stack.extend(o)
        elif isinstance(o, np.random.Generator):
            total += 1_000
        elif callable(o) and not hasattr(o, "__dict__") or isinstance(o, type) or type(o).__name__ in (
                "function", "builtin_function_or_method", "module", "method"):
            continue
        else:
            total += 56
            attrs = getattr(o, "__dict__", None)
            if attrs is not None:
                stack.append(attrs)
            for name in getattr(type(o), "__slots__", ()):
                if hasattr(o, name):
                    stack.append(getattr(o, name))
    return total


cache = ReplayCache()
