"""A lecture hall on one process (issue 21): what keeps 200 sessions of one scene link cheap.

- the untrained state's drawings are shared by every session with the same run name, and equal a fresh
  drawing; a run that trained even part of an epoch draws its own;
- the run gate lets at most N script runs compute at once, oldest session first, re-entrant, and never
  waits past its bound;
- at the end of a run the whole page is drawn again unless the page says its other views show the same;
- a replayed Playground session ends on the same final elements as the session that trained it.
"""
import threading
import time

import pytest

from tests.conftest import open_page
from tests.ui.test_replay import EPOCHS, make_trainer, play
from ui import live, page, replay


def opened(seed=0, key="t"):
    """A run as a session opening the page has it: built by make_trainer, nothing trained."""
    sig = ("circles", seed)
    run = live.LiveRun(sig=sig, epochs=EPOCHS, name=live._cache_name(key, sig, EPOCHS),
                       make=lambda: make_trainer(seed))
    live._ensure_trainer(run, run.make)
    return run


def drawing(run):
    """Stands for an image drawn from the model: the bytes of every parameter."""
    return b"".join(p.tobytes() for p, _ in run.trainer.model.param_pairs())


def counted(made):
    def draw(run):
        def build():
            made.append(1)
            return drawing(run)
        return live.frame_memo(run, ("surface",), build)
    return draw


# ------------------------------------------------------------------------------ shared untrained drawings
def test_the_untrained_drawing_is_made_once_per_run_name_and_equals_a_fresh_one(replay_cache):
    made = []
    draw = counted(made)
    first = draw(opened())
    second = draw(opened())
    assert len(made) == 1 and second is first                 # the second session drew nothing
    assert first == drawing(opened())                         # and what it shows is what it would draw
    other = draw(opened(seed=1))                              # other settings: their own drawing
    assert len(made) == 2 and other != first


def test_a_run_that_trained_part_of_an_epoch_draws_its_own_state(replay_cache):
    made = []
    draw = counted(made)
    untrained = draw(opened())
    run = opened()
    run.target, run.cache = EPOCHS, "off"                     # trains for itself, records nothing
    live.train_slice(run, 0.0005, wall_cap=0.0005)            # a few batches: still epoch 0
    assert run.trainer.epoch == 0 and not run.untouched
    mine = draw(run)
    assert len(made) == 2 and mine == drawing(run) != untrained


def test_step_and_replay_leave_the_untrained_state(replay_cache):
    run = opened()
    live.step_epoch(run)
    assert not run.untouched
    play(opened())                                            # records the run
    replaying = opened()
    replaying.running, replaying.target = True, EPOCHS
    live.advance(replaying, 0.002)
    assert replaying.replaying is not None and not replaying.untouched


def test_untrained_drawings_are_bounded_by_their_share_of_the_cache():
    c = replay.ReplayCache(max_bytes=replay.STILL_SHARE * 10_000)
    for i in range(50):
        c.still(("run", i), ("v",), lambda: b"x" * 2_000)
    assert c._still_bytes <= 10_000 and ("run", 49) in {k[0] for k in c._still}
    assert ("run", 0) not in {k[0] for k in c._still}       # the oldest went first


# ------------------------------------------------------------------------------------------ the run gate
def test_the_gate_lets_at_most_its_slots_run_at_once():
    gate = page.RunGate(2, wait_s=30)
    inside, peak, lock = [0], [0], threading.Lock()
    together = threading.Barrier(8)         # all eight ask at once, however slowly a loaded machine starts them

    def work():
        together.wait(10)
        with gate(0.0):
            with lock:
                inside[0] += 1
                peak[0] = max(peak[0], inside[0])
            time.sleep(0.05)
            with lock:
                inside[0] -= 1

    threads = [threading.Thread(target=work) for _ in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(10)
    assert peak[0] == 2 and gate.waited > 0 and not gate._holders and not gate._waiting


def test_the_oldest_session_goes_first():
    gate = page.RunGate(1, wait_s=30)
    order = []
    holding = threading.Event()
    release = threading.Event()

    def holder():
        with gate(0.0):
            holding.set()
            release.wait(10)

    def waiter(age):
        with gate(age):
            order.append(age)

    h = threading.Thread(target=holder)
    h.start()
    holding.wait(10)
    waiters = []
    for age in (5.0, 1.0, 3.0):                               # arrive youngest first
        w = threading.Thread(target=waiter, args=(age,))
        w.start()
        waiters.append(w)
        deadline = time.time() + 10
        while len(gate._waiting) < len(waiters) and time.time() < deadline:
            time.sleep(0.001)
    release.set()
    for th in [h, *waiters]:
        th.join(10)
    assert order == [1.0, 3.0, 5.0] and not gate._holders


def test_the_gate_is_re_entrant_and_never_waits_past_its_bound():
    gate = page.RunGate(1, wait_s=0.05, long_s=60, poll_s=0.01)
    with gate(0.0):
        with gate(0.0):                                       # a fragment inside the page's own run
            pass
        t0 = time.perf_counter()
        th = threading.Thread(target=lambda: gate._release(gate._acquire(1.0)))
        th.start()
        th.join(10)
        assert not th.is_alive() and time.perf_counter() - t0 < 5     # ran after the bound, slot or not
    assert not gate._holders and not gate._waiting


def test_a_run_that_holds_its_slot_long_lets_the_next_one_go():
    gate = page.RunGate(1, wait_s=60, long_s=0.05, poll_s=0.01)
    release = threading.Event()
    holding = threading.Event()

    def blocked():                                            # waits on a cache another run computes
        with gate(0.0):
            holding.set()
            release.wait(10)

    th = threading.Thread(target=blocked)
    th.start()
    holding.wait(10)
    t0 = time.perf_counter()
    with gate(1.0):
        waited = time.perf_counter() - t0
    release.set()
    th.join(10)
    assert 0.04 < waited < 5 and gate.waited == 1


def test_no_slots_means_no_gate():
    gate = page.RunGate(0)
    with gate(0.0), gate(1.0):
        assert gate.waited == 0


# ------------------------------------------------------------------------------ the end of a run
def test_the_end_of_a_run_redraws_the_page_unless_it_shows_the_same():
    run = opened()
    assert not live._page_shows_the_same(run, None)           # no word from the page: redraw it
    follows = lambda r: r.epoch or EPOCHS                     # noqa: E731 - an export note's epoch count
    run.page_saw = follows(run)
    run.trainer.run(epochs=EPOCHS)
    assert live._page_shows_the_same(run, follows)            # 0 -> "6 epochs", at the end 6: the same
    run.trainer.run(epochs=1)
    assert not live._page_shows_the_same(run, follows)        # trained on: the notes change
    assert not live._page_shows_the_same(run, lambda r: 1 / 0)   # a failing hint: redraw


@pytest.mark.slow
def test_a_replayed_playground_session_ends_on_the_trained_sessions_elements(replay_cache):
    def finish(at):
        next(b for b in at.button if b.key == "mlp_live_start").click().run()
        for _ in range(400):
            if any("finished" in (p.proto.text or "") for p in at.get("progress")):
                break
            at.run()
        return ([(m.label, m.value) for m in at.metric] + [p.proto.text for p in at.get("progress")],
                [b.label for b in at.button if b.key.startswith("mlp_live")],
                [i.proto.imgs[0].url for i in at.get("image")])   # surface, curves, network, unit maps

    trained = finish(open_page("mlp_playground.py"))
    assert replay_cache.has_finished(next(iter(replay_cache._done)))          # the first session recorded its run
    replayed = finish(open_page("mlp_playground.py"))
    assert replayed == trained
    assert trained[1][0] == "Train more" and "Epoch 100 / 100 — finished" in trained[0]
    assert len(trained[2]) >= 5 and any("svg" in u for u in trained[2])
