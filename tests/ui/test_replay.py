"""The replay cache (ui/replay.py) and how the live helper records and replays runs (ui/live.py).

A run named by (key, sig, epochs) is trained once per process; later sessions replay its frames without a
single training step, end on an exact private copy of the trained object, and never share mutable state.
Under load a replay skips frames and a fresh run draws fewer of them; every session still ends on the same
numbers as a run alone.
"""
import copy
import threading
import time

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from nncore import Sequential, Trainer
from nncore.datasets import make_2d
from nncore.layers import Dense, ReLU
from ui import live, replay

EPOCHS = 6


def make_trainer(seed=0):
    X, y = make_2d("circles", 160, 0.1, seed=seed)
    model = Sequential([Dense(2, 16, rng=seed), ReLU(), Dense(16, 2, rng=seed + 1)])
    return Trainer(model, X, y, batch_size=8, random_state=seed, validation_data=(X[:40], y[:40]))


def new_run(seed=0, epochs=EPOCHS, key="t"):
    run = live.LiveRun(sig=("circles", seed), epochs=epochs, target=epochs, running=True,
                       name=live._cache_name(key, ("circles", seed), epochs), make=lambda: make_trainer(seed))
    run.trainer = run.make()
    return run


def view(trainer):
    """What a page draws: epoch, history, status and the parameters (copied)."""
    return (trainer.epoch, copy.deepcopy(dict(trainer.history)), trainer.history.status,
            [p.copy() for p, _ in trainer.model.param_pairs()])


def same(a, b):
    return a[:3] == b[:3] and len(a[3]) == len(b[3]) and all(np.array_equal(p, q) for p, q in zip(a[3], b[3]))


def play(run, budget=0.002, limit=10_000, draw=None):
    """Drive a running run like the panel does (one ``advance`` per refresh); the frames it drew, the
    final one last (drawn after the page's full rerun). ``draw(run)`` stands for the page's render."""
    draw = draw or (lambda run: view(run.trainer))
    frames = []
    for _ in range(limit):
        if live.advance(run, budget):
            run.running = False
            frames.append(draw(run))
            return frames
        frames.append(draw(run))
    raise AssertionError("the run did not end")


@pytest.fixture
def steps(monkeypatch):
    """Counts Trainer.step calls."""
    count = {"n": 0}
    original = Trainer.step

    def counted(self):
        count["n"] += 1
        return original(self)

    monkeypatch.setattr(Trainer, "step", counted)
    return count


def reference(seed=0, epochs=EPOCHS):
    trainer = make_trainer(seed)
    trainer.run(epochs=epochs)
    return view(trainer)


# ------------------------------------------------------------------------------------------ the cache
def test_claims_record_then_replay_and_another_name_misses(replay_cache):
    assert replay_cache.claim("a")[0] == "record"
    mode, rec = replay_cache.claim("a")
    assert mode == "replay" and rec.state == "recording"      # follows the recording in progress
    assert replay_cache.claim("b")[0] == "record"
    assert (replay_cache.hits, replay_cache.misses) == (1, 2)


def test_the_cache_evicts_the_least_recently_used_by_bytes():
    kb = 2 ** 10
    c = replay.ReplayCache(max_bytes=700 * kb)

    def record(name):
        mode, rec = c.claim(name)
        assert mode == "record"
        c.add_frame(rec, np.zeros(100 * kb // 8))                # 100 kB per frame, 3 frames
        c.add_frame(rec, np.zeros(100 * kb // 8))
        c.add_frame(rec, np.zeros(100 * kb // 8))
        assert c.finish(rec, {"final": np.zeros(10)})
        return rec

    first = record("first")
    record("second")
    assert 600 * kb < c.nbytes <= 700 * kb and len(c) == 2
    assert c.claim("first")[1] is first                          # used again: now the most recent
    record("third")                                              # 900 kB over the limit: one must go
    assert c.evictions == 1 and len(c) == 2 and c.nbytes <= 700 * kb
    assert c.claim("first")[1] is first
    assert c.claim("second")[0] == "record"                      # the least recently used went


def test_a_run_bigger_than_the_cache_is_not_kept(replay_cache):
    small = replay.ReplayCache(max_bytes=50_000)
    mode, rec = small.claim("big")
    assert not small.add_frame(rec, np.zeros(10_000))            # 80 kB: abandoned, followers go on alone
    assert rec.stalled() and small.claim("big")[0] == "record"


def test_a_silent_recording_is_abandoned_after_the_stall_time():
    clock = [0.0]
    c = replay.ReplayCache(max_bytes=2 ** 20, stall_s=10.0, clock=lambda: clock[0])
    _, rec = c.claim("x")
    c.add_frame(rec, np.zeros(3))
    clock[0] = 5.0
    assert c.claim("x") == ("replay", rec)
    clock[0] = 16.0                                               # the recording session vanished
    mode, newer = c.claim("x")
    assert mode == "record" and newer is not rec and rec.state == "abandoned"
    assert not c.add_frame(rec, np.zeros(3))                      # a late frame of the old one is ignored
    _, orphan = c.claim("z")                                      # a tab closed mid-run; nobody asks for "z"
    clock[0] = 40.0
    c.claim("w")
    assert orphan.state == "abandoned" and "z" not in c._live    # swept, not kept forever


def test_size_estimate_counts_a_drawings_phone_layout_drawn_or_not():
    """A kept drawing (ui.svg.Drawing) may be asked for its phone layout after it was counted: it counts as
    about twice its own length from the start, and exactly its two SVGs once the phone one is drawn."""
    from ui.svg import Drawing

    wide, narrow = "<svg>" + "x" * 5000 + "</svg>", "<svg>" + "y" * 3000 + "</svg>"
    lazy = Drawing(wide, lambda: narrow)
    assert replay.estimate_nbytes(lazy) >= 2 * len(wide)
    assert lazy.narrow == narrow
    assert len(wide) + len(narrow) <= replay.estimate_nbytes(lazy) < len(wide) + len(narrow) + 400
    assert replay.estimate_nbytes(wide) < len(wide) + 100


def test_size_estimate_counts_array_buffers_once():
    a = np.zeros(1000)
    assert 8000 <= replay.estimate_nbytes([a, a, a[10:]]) < 9000
    assert replay.estimate_nbytes(make_trainer()) > 160 * 2 * 8


def test_a_disabled_cache_never_records():
    c = replay.ReplayCache(max_bytes=0)
    assert c.claim("a") == ("off", None)


# ------------------------------------------------------------------------------------------ live runs
def test_a_replay_draws_the_recorded_frames_without_training_and_ends_on_the_same_result(replay_cache, steps):
    first = new_run()
    frames_1 = play(first)
    assert first.cache == "record" and len(replay_cache) == 1 and steps["n"] > 0
    assert same(frames_1[-1], reference())

    steps["n"] = 0
    second = new_run()
    second.started = time.perf_counter() + 1e6                   # never behind: one recorded frame per refresh
    frames_2 = play(second)
    assert second.cache == "off" and second.replaying is None    # replayed, and now owns its trainer
    assert steps["n"] == 0                                        # not one training step
    assert len(frames_2) == len(frames_1)
    assert all(same(a, b) for a, b in zip(frames_1, frames_2))


def test_sessions_share_nothing_after_a_replay(replay_cache):
    first = new_run()
    play(first)
    second = new_run()
    play(second)
    assert second.trainer is not first.trainer and second.trainer.model is not first.trainer.model
    before = view(first.trainer)
    for p, _ in second.trainer.model.param_pairs():              # a student draws on their copy
        p *= -3.0
    second.trainer.history["loss"][-1] = 99.0
    assert same(view(first.trainer), before)
    third = new_run()
    play(third)
    assert same(view(third.trainer), before)                     # the cache's copy was not touched either


def test_train_more_after_a_replay_goes_on_exactly_like_a_real_run(replay_cache, steps):
    play(new_run())
    second = new_run()
    play(second)
    second.target += EPOCHS                                       # what Start after the target does
    second.running = True
    steps["n"] = 0
    play(second)
    assert steps["n"] > 0                                         # these epochs are new: trained for real
    assert same(view(second.trainer), reference(epochs=2 * EPOCHS))


def test_a_different_setting_trains(replay_cache, steps):
    play(new_run(seed=0))
    steps["n"] = 0
    other = new_run(seed=1)
    play(other)
    assert other.cache == "record" and steps["n"] > 0
    assert same(view(other.trainer), reference(seed=1))


def test_a_session_starting_during_the_recording_follows_it_frame_by_frame(replay_cache, steps):
    leader, follower = new_run(), new_run()
    follower.started = time.perf_counter() + 1e6
    assert not live.advance(leader, 0.0002)                        # a few steps: the run is 5–7 ms of CPU
    seen, counted = [], 0
    leader_done = False
    for _ in range(10_000):
        before = steps["n"]
        ended = live.advance(follower, 0.002)
        counted += steps["n"] - before
        seen.append(follower.frame)
        if ended:
            break
        if not leader_done:
            leader_done = live.advance(leader, 0.002)
    assert follower.cache == "off" and counted == 0
    assert seen == sorted(seen)                                    # in order; waits when it has caught up
    assert same(view(follower.trainer), view(leader.trainer))


def test_when_the_recording_session_gives_up_its_followers_compute_the_same_result(replay_cache):
    leader, follower = new_run(), new_run()
    follower.started = time.perf_counter() + 1e6
    for _ in range(3):                   # a few steps each: the whole run takes only 5–7 ms of CPU, so three 2 ms
        live.advance(leader, 0.0002)     # slices sometimes finished it, and nothing was left to give up (flaky)
    assert not leader.trainer.done and leader.trainer.epoch < EPOCHS
    live.advance(follower, 0.002)
    assert follower.cache == "replay"
    live.stop_recording(leader)                                   # the leader pressed Pause
    play(follower)
    assert same(view(follower.trainer), reference())
    assert replay_cache.claim(leader.name)[0] == "record"                # nothing half-done was filed


def test_step_in_the_middle_of_a_replay_trains_the_next_epoch_exactly(replay_cache):
    play(new_run())
    second = new_run()
    second.started = time.perf_counter() + 1e6
    live.advance(second, 0.002)
    live.advance(second, 0.002)
    shown = second.trainer.epoch
    second.running = False
    live.step_epoch(second)
    assert second.replaying is None and second.trainer.epoch == shown + 1
    assert same(view(second.trainer), reference(epochs=shown + 1))


def test_drawings_of_recorded_frames_are_made_once_and_shared(replay_cache):
    made = {"n": 0}

    def draw(run):
        def build():                         # stands for an SVG or an image drawn from the trainer
            made["n"] += 1
            return f"epoch {run.trainer.epoch}: {run.trainer.history.get('loss', [None])[-1]!r}"
        return live.frame_memo(run, ("curve",), build)

    drawn_1 = play(new_run(), draw=draw)
    made_1 = made["n"]
    assert made_1 == len(drawn_1)            # one drawing per recorded frame, the last one the final
    second = new_run()
    second.started = time.perf_counter() + 1e6
    assert play(second, draw=draw) == drawn_1 and made["n"] == made_1
    second.target += EPOCHS                  # trained on: its own drawings again
    second.running = True
    play(second, draw=draw)
    assert made["n"] > made_1


# ------------------------------------------------------------------------------------------ overload
def test_a_replay_that_falls_behind_skips_frames_and_still_ends_on_the_result(replay_cache, steps):
    frames_1 = play(new_run())
    steps["n"] = 0
    late = new_run()
    late.started = time.perf_counter() - 1e6                      # far behind the recorded pace
    frames_2 = play(late)
    assert len(frames_2) == 1 < len(frames_1) and steps["n"] == 0
    assert same(frames_2[-1], frames_1[-1])


def test_under_cpu_contention_a_fresh_run_ends_on_the_result_of_a_run_alone(replay_cache):
    stop = threading.Event()

    def hog():                                                    # a busy neighbour holding the GIL
        x = 0
        while not stop.is_set():
            x += 1

    hogs = [threading.Thread(target=hog) for _ in range(3)]
    for h in hogs:
        h.start()
    try:
        run = new_run(seed=3)
        frames = play(run, budget=0.01)
    finally:
        stop.set()
        for h in hogs:
            h.join()
    assert same(frames[-1], reference(seed=3))


def test_a_slice_is_budgeted_in_this_threads_cpu_time():
    run = new_run(epochs=10 ** 6)
    c0 = time.thread_time()
    live.train_slice(run, 0.05, wall_cap=60.0)
    used = time.thread_time() - c0
    assert run.trainer.epoch > 0 or len(run.trainer._batch_losses) > 0
    assert used >= 0.05                                           # it trained until its CPU budget was spent


# ------------------------------------------------------------------------------------------ two sessions
def app():
    import streamlit as st

    from nncore import Sequential, Trainer
    from nncore.datasets import make_2d
    from nncore.layers import Dense, ReLU
    from ui.live import live_training

    seed = st.session_state.get("seed", 0)
    X, y = make_2d("moons", 120, 0.2, seed=seed)

    def make():
        model = Sequential([Dense(2, 12, rng=seed), ReLU(), Dense(12, 2, rng=seed + 1)])
        return Trainer(model, X, y, batch_size=8, random_state=seed)

    def render(run):
        w = sum(float(abs(p).sum()) for p, _ in run.trainer.model.param_pairs())
        st.markdown(f"epoch={run.epoch} status={run.status} loss={run.trainer.history.get('loss', [None])[-1]} "
                    f"w={w!r}")

    live_training("two", ("moons", seed), make, render, epochs=8)


def session():
    at = AppTest.from_function(app, default_timeout=30)
    return at.run()


def finish(at):
    next(b for b in at.button if b.label == "Start").click()
    at.run()
    for _ in range(500):
        if "status=finished" in at.markdown[-1].value:
            return at.markdown[-1].value
        at.run()
    raise AssertionError("no finish")


def test_two_sessions_one_training(replay_cache, steps):
    first = finish(session())
    trained = steps["n"]
    steps["n"] = 0
    second = finish(session())
    assert trained > 0 and steps["n"] == 0
    assert second == first and "epoch=8" in first
