"""Live training shared by the MLP, CNN and RNN pages.

Training runs in short time slices inside ``st.fragment(run_every=tick)`` while
the run is playing; all state lives in ``st.session_state`` so a widget click,
a Pause or a rerun never loses the model or its history. Controls:
Start / Pause, Step (one epoch), Reset. The caller draws its charts in
``render(run)`` once per tick, with fixed axes.

A trainer is any object with ``run(seconds=..., epochs=..., max_epochs=...)``,
``epoch`` (finished epochs), ``history`` (with ``status``/``message``) and
``done`` — :class:`nncore.Trainer` is one.

One model, one writer. Two script threads of one session can run at once: with
``runner.fastReruns`` (Streamlit's default) a click starts a new script thread at
once and the old one stops only at its next ``st.*`` call, which may come after a
training slice or a forward pass of its own. Both then touch one model, and layer
caches mix — the server log showed ``dense_backward`` given a cached forward of
100 rows (the test set, drawn by the panel) and a gradient of 10 (a training
batch). So every touch of a run's model — a training slice, Step, the charts of
``render``/``render_slow``, and a page's own forward passes on the live model
(wrap them in :func:`hold`) — happens under the run's lock. A thread waits at most
one slice (``slice_s``) plus one drawing.

A run lives in the session, and a reload (F5) starts a new session: the URL keeps
the settings, the run starts over. The controls say so before it happens, and a
session opened from a link says so when it begins — and, when the replay cache
keeps a finished run with these settings, that Start shows it again at once.

Computed once, shown to many (``ui.replay``). A run is fully determined by (key, ``sig``,
epochs), so the first session to Start it from epoch 0 records a snapshot after every
refresh and, at the end, a copy of the trained object; a later session with the same
name restores those snapshots into its own trainer, one per refresh, and trains nothing.

Busy server: drop frames, not answers. A training slice is measured in this thread's
CPU time, not wall time, so when many sessions share the cores a refresh carries the
same training as alone and simply arrives later (at most ``BUSY_WALL_S`` apart): the
refresh rate falls, the number of frames drawn per run does not grow. A replay that
falls behind the pace it was recorded at skips to the frame it should be showing. Either
way every session ends on its run's exact final result.

Start reruns only the controls and the panel (they sit in one fragment): nothing outside
them changes when a run starts from where it stands. Pause, Step and Reset, and the end
of a run, redraw the whole page, whose other views (trained kernels, exports, results)
follow the run — except when the page says (``page_follows``) that those views would show
the same: then the end of a run redraws the controls and the panel only (views that change only
when a run stops, such as its results, can be drawn with them: ``below``). The controls'
own run makes the refresh before drawing the buttons, so a Start that reaches the end at
once (a replay far behind its recording) is a single run. While running, the panel is a
timed fragment under its own name; the controls draw the still panel under another, so a
fragment rerun at the end drops the timed one and Streamlit tells the browser to stop its
timer.

A hall on one link (issue 21): the untrained state every session opens on is drawn once per
run name (:func:`frame_memo`, ``replay.cache.still``), the recorded frames and the final
state once per recording; every script run takes its turn at the process's run gate
(``ui.page.RunGate``).
"""
from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass, field

import numpy as np
import streamlit as st

from nncore.metrics import constant_guess

from . import replay
from .i18n import current_lang, t
from .page import callback, defer_error, error_text, gated, guard, show_error
from .safe import user_text

BUSY_WALL_S = 1.0     # the longest a slice may take in wall time when the cores are shared: ≥ 1 refresh/s
# The share of a tick a training slice may take, drawing (measured) aside: the rest is Streamlit's own
# work per refresh (the fragment run, sending its elements), which the drawing time does not include.
# At 0.85 a lone Playground session refreshed 4.7 times a second instead of the 5 the design asks for.
TICK_SHARE = 0.7
FIRST_SLICE_S = 0.2   # CPU seconds the first refresh after a Start may train: one refresh at 5 a second
FIRST_WALL_S = 5.0    # … and the wall seconds it may take for them on a crowded server
# A learning rate too high rarely gives NaN: the loss jumps about, worse than guessing, or the network dies at
# chance (CNN at 0.1: 10 % for 10 epochs on 4 of seeds 0..5). Two rules (measured on seeds 0..5):
# - the loss rule: over the last HINT_WINDOW epochs the training loss averaged more than HINT_LOSS_RATIO × a
#   constant guess's AND rose in at least HINT_RISES of the window's HINT_WINDOW − 1 steps (it is not falling).
#   Playground default at Adam 1: the loss jumps about between 1.0 and 2.5 × the guess (from epoch 10), test
#   accuracy 50 % on 5 of 6 seeds; the window's mean is 1.15–1.31 × at the end of every seed, and the loss
#   rises in 3–5 of 9 steps. The old rule (each of the last 5 epochs above 1.1 ×) showed on only 10–41 of its
#   96 checks there, and at the end on none of the 6 seeds (3 of 6 at Adam 3). Plain RNN at Adam 0.1 on
#   delayed recall, stuck at chance on 4 of 6 seeds: 1.11–1.20 ×, which the old rule missed.
#   What it must not catch: runs meant to stay at guessing level (random labels, XOR without a hidden layer)
#   whose 10-epoch mean reaches at most 1.04 × (XOR seed 3, epoch 10; 1.02 × with 3 rises); a learning rate
#   too LOW (SGD 0.001, seed 4: 1.17 → 1.04 × the guess over its 100 epochs), which falls at every step.
# - the chance rule, for a page whose network ``learns`` at every sane setting: after HINT_EPOCHS epochs the
#   accuracy within HINT_CHANCE_MARGIN of always answering the commonest class.
# tests/ui/test_live_hint.py checks both at the pages' defaults and scenes (no hint at any epoch) and above them.
HINT_EPOCHS = 5
HINT_WINDOW = 10
HINT_LOSS_RATIO = 1.05
HINT_RISES = 3
HINT_CHANCE_MARGIN = 0.05     # test accuracy within 5 points of always answering the commonest class
# Query parameters of the whole app (ui.lecture's sidebar), not settings of a page: a link carrying only these
# (``?lang=zh``) does not say "settings from the link".
APP_PARAMS = frozenset({"lang", "presenter"})


@dataclass
class LiveRun:
    sig: object
    epochs: int
    trainer: object = None
    target: int = 0
    running: bool = False
    error: str = ""
    ticks: int = 0
    started: float = field(default_factory=time.perf_counter)
    render_s: float = 0.0       # CPU seconds the last refresh spent drawing (status + render)
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)
    name: object = None         # (key, sig, epochs) when hashable: the run's name in the replay cache
    make: object = field(default=None, repr=False, compare=False)   # make_trainer of the latest page run
    cache: str = ""             # "" undecided, "record", "replay", "off" (see ui.replay)
    recording: replay.Recording | None = field(default=None, repr=False, compare=False)
    replaying: replay.Recording | None = field(default=None, repr=False, compare=False)
    frame: int = 0              # the next recorded frame to show while replaying
    shows: tuple | None = field(default=None, repr=False, compare=False)   # (recording, frame) the trainer shows
    page_saw: object = field(default=None, repr=False, compare=False)   # page_follows(run) at the last page run
    controls_id: str = ""       # the controls fragment's id (to rerun just them at the end of a run)
    ticked_by: str = ""         # "controls" when the controls' run made this refresh's tick already
    untouched: bool = False     # the trainer is as make_trainer() built it: nothing trained or restored yet
    first_slice: bool = False   # the next refresh is the first after a Start (see live_training's tick_once)

    @property
    def epoch(self) -> int:
        return 0 if self.trainer is None else self.trainer.epoch

    @property
    def at_target(self) -> bool:
        return self.trainer is not None and self.trainer.epoch >= self.target

    @property
    def status(self) -> str:
        if self.trainer is not None and self.trainer.done:
            return self.trainer.history.status
        if self.running:
            return "running"
        return "finished" if self.at_target else ("paused" if self.epoch else "ready")


def _state_key(key):
    return f"_live_{key}"


def get_run(key):
    """The LiveRun stored for ``key`` in this session, or None."""
    return st.session_state.get(_state_key(key))


def hold(run):
    """``with hold(run):`` — this thread alone touches the run's model until the block ends.

    For a page's own forward passes on a live model (feature maps, predictions, exports); re-entrant,
    and a no-op for ``None``.
    """
    return run.lock if run is not None else contextlib.nullcontext()


def train_slice(run, seconds, wall_cap=BUSY_WALL_S):
    """Train ``run`` for about ``seconds`` of this thread's CPU time (up to its target) under its lock; what
    the panel does per tick. On a busy server the slice takes longer in wall time, at most ``wall_cap``.
    A run that is showing a recording (``run.replaying``) never trains."""
    c_end = time.thread_time() + seconds
    w_end = time.perf_counter() + max(wall_cap, seconds)
    with run.lock:
        trainer = run.trainer
        if run.replaying is None:
            run.shows = None
            run.untouched = False
        while trainer is not None and run.replaying is None and not trainer.done and trainer.epoch < run.target:
            left = c_end - time.thread_time()
            if left <= 0 or time.perf_counter() >= w_end:
                break
            trainer.run(seconds=left, max_epochs=run.target)


def frame_memo(run, key, build):
    """``build()`` — a drawing of what ``run`` shows now — kept with the run's recording when it shows a
    recorded frame (while recording, replaying, or at the end of either), so every session showing that
    frame reuses it instead of drawing it again: the decision surface, the curves as SVG. A run not
    trained yet shows its untrained state, the same for every session with its settings (its name):
    that drawing is shared too (``replay.cache.still``), so a hall opening one link draws it once.

    ``key`` names every input of ``build`` other than the run's state and the page's language and
    presenter view (added here): view toggles, the target epoch. A run that shows no recorded frame
    (a run of its own, or one trained on after its recording) just calls ``build()``.
    """
    view = (key, current_lang(), bool(st.session_state.get("presenter")))
    shows = run.shows
    if shows is None:
        if not (run.untouched and run.name is not None and run.trainer is not None and run.trainer.epoch == 0):
            return build()
        return replay.cache.still(run.name, view, build)
    rec, index = shows
    name = (index, *view)
    value = rec.memo.get(name)
    if value is None:
        value = build()
        replay.cache.keep(rec, name, value)
    return value


def _ensure_trainer(run, make_trainer):
    if run.trainer is None and not run.error:
        try:
            run.trainer = make_trainer()
            run.target = run.epochs
            run.untouched = True
        except (ValueError, MemoryError) as exc:
            run.error = error_text(exc)
            run.running = False


@callback
def _start(key):
    run = get_run(key)
    if run.trainer is not None and run.trainer.done:
        return
    if run.at_target:           # "train more": extend by the page's epoch budget
        run.target += run.epochs
    run.running = True
    run.first_slice = True
    run.started = time.perf_counter()


@callback
def _pause(key):
    run = get_run(key)
    run.running = False
    stop_recording(run)
    st.rerun()                  # the whole page: its other views follow the paused model


def step_epoch(run):
    """Train ``run`` exactly one more epoch under its lock (the Step button)."""
    with run.lock:
        run.shows = None
        run.untouched = False
        stop_recording(run)
        if run.replaying is not None:
            leave_replay(run)
        if run.trainer is not None and not run.trainer.done:
            run.trainer.run(epochs=1)
            run.target = max(run.target, run.trainer.epoch)


@callback
def _step(key):
    run = get_run(key)
    run.running = False
    step_epoch(run)
    st.rerun()


@callback
def _reset(key):
    run = get_run(key)
    stop_recording(run)
    st.session_state[_state_key(key)] = LiveRun(sig=run.sig, epochs=run.epochs, name=run.name, make=run.make)
    st.rerun()


# -- the replay cache ------------------------------------------------------------------------------
def _cache_name(key, sig, epochs):
    """(key, sig, epochs) if it can name a recording (hashable), else None."""
    name = (key, sig, epochs)
    try:
        hash(name)
    except TypeError:
        return None
    return name


def begin(run):
    """First refresh of a running run: replay a recording of it, record it, or neither (``run.cache``).

    Only a run starting from epoch 0 towards its first target can be named by its settings, and only a
    trainer with ``snapshot``/``restore`` can be recorded.
    """
    with run.lock:
        if run.cache:
            return
        run.cache = "off"
        trainer = run.trainer
        if (run.name is None or trainer is None or trainer.done or trainer.epoch != 0 or run.target != run.epochs
                or not (hasattr(trainer, "snapshot") and hasattr(trainer, "restore"))):
            return
        mode, rec = replay.cache.claim(run.name)
        if mode == "replay":
            run.cache, run.replaying, run.frame = "replay", rec, 0
        elif mode == "record":
            run.cache, run.recording = "record", rec


def stop_recording(run):
    """This run stops being a clean recording (Pause, Step, Reset, new settings): abandon it."""
    rec, run.recording = run.recording, None
    if rec is not None:
        replay.cache.abandon(rec)


def _record(run):
    """After a training slice: keep the frame; at the end, file the recording with a copy of the trainer."""
    rec = run.recording
    if rec is None:
        return
    with run.lock:
        kept = replay.cache.add_frame(rec, run.trainer.snapshot())
        run.shows = (rec, len(rec.frames) - 1) if kept else None
        if kept and (run.trainer.done or run.at_target):
            replay.cache.finish(rec, run.trainer)
            run.recording = None
    if not kept:
        run.recording = None


def leave_replay(run):
    """Stop showing a recording and own a trainer again, exactly where the shown frame stands.

    When the recording is complete and fully shown, that is a copy of its final object. Otherwise (Step
    in the middle, or the recording session gave up) a fresh trainer is trained to the shown frame's
    epoch — the same numbers, since the run is determined by its settings.
    """
    with run.lock:
        rec, run.replaying = run.replaying, None
        if rec is None:
            return
        run.untouched = False
        if rec.complete and run.frame >= len(rec.frames):
            run.trainer = rec.final_copy()         # shows what the last frame showed
        else:
            epoch = run.trainer.epoch
            trainer = run.make()
            if epoch:
                trainer.run(epochs=epoch)
            run.trainer = trainer
            run.shows = None
        run.cache = "off"


def advance(run, budget, wall_cap=BUSY_WALL_S):
    """One refresh of a running run: the next recorded frame, or a training slice of ``budget`` CPU
    seconds, at most ``wall_cap`` wall seconds (recorded when this run is the one being recorded). True
    when the run has reached its end."""
    run.ticks += 1
    begin(run)
    if run.replaying is not None:
        replay_tick(run)
        if run.replaying is not None:
            return False              # still showing the recording
        # shown to the end (or handed back): the run owns its trainer again and may train on
    if run.trainer.epoch < run.target and not run.trainer.done:
        try:
            train_slice(run, budget, wall_cap)
        except BaseException:
            stop_recording(run)
            raise
        _record(run)
    return run.trainer.done or run.at_target


def replay_tick(run, now=None):
    """Show the next recorded frame (or the one the recorded pace has reached, when this session is
    behind: frames are skipped, not queued). When the recording has been fully shown the run owns a copy
    of the final trainer (``run.replaying`` is None); a recording abandoned by its session (or stalled)
    hands the run back to training once its frames are shown. Returns the index of the frame shown."""
    rec = run.replaying
    with run.lock:
        frames = rec.frames
        n = len(frames)
        if run.frame < n:
            elapsed = (time.perf_counter() if now is None else now) - run.started
            j = run.frame
            while j + 1 < n and frames[j + 1][0] <= elapsed:
                j += 1
            run.trainer.restore(frames[j][1])
            run.untouched = False
            run.frame = j + 1
            run.shows = (rec, j)
        if run.frame >= len(rec.frames) and (rec.complete or rec.stalled(replay.cache.stall_s)):
            leave_replay(run)
    return run.frame - 1


def live_training(key, sig, make_trainer, render, *, epochs, tick=0.15, slice_s=0.12,
                  autostart=False, diverged_hint=None, render_slow=None, slow_tick=1.0, texts=None,
                  page_follows=None, below=None, learns=False):
    """Controls and a self-refreshing panel for one training run.

    Parameters
    ----------
    key : str
        Unique per page; names the run in ``st.session_state``.
    sig : hashable
        Everything that defines the model and data. When it changes, a new run starts
        (the old one is dropped); view-only settings should stay out of it.
    make_trainer : callable () -> trainer
        Builds a fresh trainer; a ``ValueError`` becomes a message in the page.
    render : callable (LiveRun) -> None
        Draws the charts for the current state; called once per tick.
    epochs : int
        Epochs per Start; Start after the target extends it by this much.
    tick, slice_s : float
        Refresh period and the longest training slice per refresh (seconds; the slice in this
        thread's CPU time). The slice shrinks (to 0.03 s at least) when drawing is slow, so a refresh
        still fits in a tick. The browser's timer asks for a refresh every ``tick`` and a busy browser
        asks later; on a crowded server a slice takes longer in wall time (up to ``BUSY_WALL_S``), so
        a refresh carries as much training as alone and the page gets fewer frames, not a backlog.
        0.15 s gives about 6.7 refreshes a second when the charts are light (images and SVG, not Plotly).
        A run already recorded in this process (same key, ``sig`` and ``epochs``) is replayed: one
        recorded frame per refresh, no training (see ``ui.replay``); drawings made with
        :func:`frame_memo` are shared with it.
    render_slow : callable (LiveRun) -> None, optional
        Charts that need not move five times a second (drawn below ``render``, refreshed every
        ``slow_tick`` seconds while training, and on every full rerun).
    texts : dict, optional
        Text keys replacing ``live.progress``, ``live.start_help``, ``live.step_help``, ``live.reload_note``,
        ``live.from_link`` and ``live.replay_ready`` (keys "progress", "start_help", "step_help",
        "reload_note", "from_link", "replay_ready"), for runs whose "epoch" is something else, such as
        a simulated second; "finished": a caption above the buttons once the run has finished (why
        Start is disabled, for a trainer with a fixed end).
    page_follows : callable (LiveRun) -> hashable, optional
        What the page outside the controls and panel shows of the run (an epoch count in an export
        note, say). At the end of a run the whole page is drawn again so those views follow it — unless
        this returns what it returned at the page's last full run: then only the controls and the panel
        are (the buttons change and the timer stops), which is a third of the work for a crowded hall
        replaying one scene. Without it, the end of a run always redraws the whole page.
    below : callable (LiveRun) -> None, optional
        Views of the run that change only when it stops, such as the results of a finished run: drawn
        under the panels by the controls (on a Start, at the end of a run, on a full run), never by the
        panel's timer, under the run's lock. They move with the panel, so a page that draws its results
        here can say with ``page_follows`` that nothing else follows the run: the end of a short run is
        then drawn in the Start click's own run, results included, instead of by a second, full run.
    learns : bool
        True when the page's network learns at every sane setting (the CNN, and Learning rules' backprop and
        feedback alignment, on digits), so an accuracy still at chance after ``HINT_EPOCHS`` epochs means a
        setting broke it: the learning-rate hint shows. Pages with runs meant to stay at chance (random labels,
        an RNN past its memory) leave it False; their hint needs a loss worse than guessing that is not falling
        (see :func:`lr_hint`).
    """
    keys = {"progress": "live.progress", "start_help": "live.start_help", "step_help": "live.step_help",
            "reload_note": "live.reload_note", "from_link": "live.from_link", "replay_ready": "live.replay_ready",
            **(texts or {})}
    skey = _state_key(key)
    run = st.session_state.get(skey)
    fresh_session = _first_live_page_of_session()
    if run is None or run.sig != sig or run.epochs != epochs:
        if run is not None:
            stop_recording(run)
        run = LiveRun(sig=sig, epochs=epochs, running=autostart, name=_cache_name(key, sig, epochs))
        st.session_state[skey] = run
    run.make = make_trainer
    _ensure_trainer(run, make_trainer)
    if page_follows is not None and run.trainer is not None:
        run.page_saw = page_follows(run)       # what this full run draws outside the panel
    if run.error:
        st.error(t("common.bad_input", msg=run.error))     # error_text: translated, user text escaped
        return run

    def stop(exc):
        """A failure inside the live panel: stop the run (keeping its model) and redraw the page, the
        message on top, so the timer stops and the controls show the paused state."""
        current = st.session_state.get(skey)
        if current is not None and current.running:
            current.running = False
            stop_recording(current)
            defer_error(exc, logged=True)        # the guard logged it
            st.rerun()

    def tick_once(current):
        """One refresh's work (a frame or a training slice); True when the run has just ended. The first
        refresh after a Start may train ``FIRST_SLICE_S`` of CPU (``slice_s`` if longer), for up to
        ``FIRST_WALL_S`` on a crowded server: a short run then ends in the click's own run, one script run
        instead of several, and its recording is one frame, which every session replaying it shows in its
        own click run. (With the plain slice the Playground's default run, 0.08–0.16 s of CPU, now and
        then took a second refresh; every replay then waited a tick for the second frame, and 200 sessions
        on one link queued for those ticks: p95 Start → finished ≤ 5 s in 2 of 8 runs; 8 of 8 with this
        and magic off, 2 of 6 with this alone.) The later refreshes leave room for drawing, so a long run
        refreshes at least five times a second."""
        first, current.first_slice = current.first_slice, False
        budget = max(slice_s, FIRST_SLICE_S) if first else min(slice_s, max(0.03, TICK_SHARE * tick - current.render_s))
        try:
            ended = advance(current, budget, FIRST_WALL_S if first else BUSY_WALL_S)
        except (ValueError, FloatingPointError, MemoryError) as exc:
            current.running = False
            show_error(exc)
            return False
        if ended:
            current.running = False
        return ended

    def draw_panel(current):
        c0 = time.thread_time()
        with current.lock:
            _status(current, diverged_hint, keys["progress"], learns)
            render(current)
        current.render_s = time.thread_time() - c0

    @st.fragment
    @gated
    def controls():
        """Buttons and panel: a Start reruns only this, so nothing else on the page is drawn again."""
        run = st.session_state.get(skey)
        if run is None or run.trainer is None:
            return
        run.controls_id = _current_fragment_id()
        ended = False
        if run.running and run.ticked_by != "controls":
            # this run's refresh comes first, so the buttons below show where it stands: a Start whose
            # run ends in this very refresh (a replay that is behind its recording) needs no second run
            try:
                ended = tick_once(run)
            except Exception as exc:  # noqa: BLE001 - as the panel's guard does: a message, the run stopped
                show_error(exc)
                stop(exc)           # reruns the page
                ended = False
            run.ticked_by = "controls"
            if ended and not _page_shows_the_same(run, page_follows):
                st.rerun()      # views outside the panel follow the run: the whole page
        finished = run.trainer.done
        if finished and not run.running and keys.get("finished") and run.trainer.history.status == "finished":
            st.caption(t(keys["finished"]))
        c1, c2, c3 = st.columns(3, vertical_alignment="center")
        if run.running:
            c1.button(t("live.pause"), key=f"{key}_pause", on_click=_pause, args=(key,),
                      icon=":material/pause:", help=t("live.pause_help"), width="stretch")
        else:
            label = t("live.done") if finished else t("live.more") if run.at_target else t("live.start")
            c1.button(label, key=f"{key}_start",
                      on_click=_start, args=(key,), type="primary", icon=":material/play_arrow:",
                      disabled=finished, help=t(keys["start_help"], n=epochs), width="stretch")
        c2.button(t("live.step"), key=f"{key}_step", on_click=_step, args=(key,), disabled=finished,
                  icon=":material/skip_next:", help=t(keys["step_help"]), width="stretch")
        c3.button(t("live.reset"), key=f"{key}_reset", on_click=_reset, args=(key,),
                  icon=":material/restart_alt:", help=t("live.reset_help"), width="stretch")
        if run.epoch > 0 and not run.running:
            st.caption(t(keys["reload_note"]))
        elif fresh_session and run.epoch == 0 and not run.running and replay.cache.has_finished(run.name):
            st.caption(t(keys["replay_ready"]))        # after a reload: Start shows the kept run again
        elif fresh_session and run.epoch == 0 and not run.running and link_has_settings(st.query_params):
            st.caption(t(keys["from_link"]))

        def panel_body():
            current = st.session_state.get(skey)
            if current is None:
                return
            if current.running:
                if current.ticked_by == "controls":
                    current.ticked_by = ""         # drawn right after the controls' own refresh
                elif tick_once(current):
                    current.ticked_by = ""
                    if _page_shows_the_same(current, page_follows) and current.controls_id:
                        _rerun_fragment(current.controls_id)    # the buttons, and the timer stops
                    st.rerun()  # a full rerun redraws the controls and stops the timer
            draw_panel(current)

        def timed_while_running(body, every):
            """While running, ``body`` is a fragment of its own that reruns every ``every`` seconds; when the
            run stops it is drawn under another name, so Streamlit drops the timed one and tells the browser
            to stop its timer (a fragment rerun does not clear timers; a full run does)."""
            if run.running:
                @st.fragment(run_every=every)
                @gated
                @guard(on_error=stop)
                def timed():
                    body()

                timed()
            else:
                with st.container():
                    guard(body, on_error=stop)()

        if not run.running:
            run.ticked_by = ""
        timed_while_running(panel_body, tick)
        if render_slow is not None:
            def slow_body():
                current = st.session_state.get(skey)
                if current is not None and current.trainer is not None:
                    with current.lock:
                        render_slow(current)

            timed_while_running(slow_body, slow_tick)
        if below is not None:
            with run.lock:
                guard(below)(run)

    controls()
    return run


def link_has_settings(query_params) -> bool:
    """True when the URL carries settings of a page, not only the app's language or presenter view."""
    return any(k not in APP_PARAMS for k in query_params)


def _page_shows_the_same(run, page_follows) -> bool:
    """True when the page outside the panel would show what it shows now (see ``page_follows``)."""
    if page_follows is None or run.trainer is None:
        return False
    try:
        return page_follows(run) == run.page_saw
    except Exception:  # noqa: BLE001 - when in doubt, redraw the whole page
        return False


def _current_fragment_id() -> str:
    """The id of the fragment whose body is running ("" outside a fragment, or if Streamlit hides it)."""
    try:
        from streamlit.runtime.scriptrunner_utils.script_run_context import ThreadState
        return ThreadState.get().fragment_id or ""
    except Exception:  # noqa: BLE001 - Streamlit internals (pinned 1.67): without them, full reruns
        return ""


def _rerun_fragment(fragment_id: str):
    """Rerun the fragment ``fragment_id`` (not the one running now) and stop this run, as ``st.rerun``
    does for the whole app. Streamlit's public ``st.rerun(scope=...)`` reruns the running fragment or,
    from callbacks only, a keyed one; this asks its script runner for the same fragment-scoped rerun a
    click inside that fragment would. Returns (having done nothing) if the internals are not there."""
    try:
        from streamlit.runtime.scriptrunner_utils.script_requests import RerunData
        from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
        ctx = get_script_run_ctx()
        data = RerunData(query_string=ctx.query_string, page_script_hash=ctx.page_script_hash,
                         fragment_id_queue=[fragment_id], is_fragment_scoped_rerun=True,
                         cached_message_hashes=ctx.cached_message_hashes, context_info=ctx.context_info)
        requested = ctx.script_requests.request_rerun(data)
    except Exception:  # noqa: BLE001 - the caller falls back to a full rerun
        return
    if requested:
        st.empty()      # a yield point: the script runner stops this run here and starts the requested one


def _first_live_page_of_session() -> bool:
    """True on the first run of the first live page this session shows (a new tab, a link, a reload)."""
    if st.session_state.get("_live_session_seen"):
        return False
    st.session_state["_live_session_seen"] = True
    return True


def _status(run, diverged_hint, progress_key="live.progress", learns=False):
    trainer = run.trainer
    frac = min(1.0, trainer.epoch / max(run.target, 1))
    label = t(progress_key, epoch=trainer.epoch, target=run.target, status=t(f"live.status_{run.status}"))
    st.progress(frac, text=label)
    if trainer.history.status == "diverged":
        msg = user_text(trainer.history.message, max_len=300)      # engine text, may quote numbers and names
        st.warning(t("live.diverged", msg=msg) + " " + (diverged_hint or t("live.diverged_hint")),
                   icon=":material/warning:")
        return
    hint = lr_hint(trainer, learns)
    if hint is not None:
        key, params = hint
        st.warning(t(key, **params), icon=":material/warning:")


def _engines(trainer) -> list:
    """The :class:`nncore.Trainer` objects doing a run's work: the run's trainer itself, or the one a lab wrapper
    holds (``trainer``: the Playground's; ``cnn_trainer``: the CNN twin's, whose CNN sets the pace), or every
    learner of a run training several side by side (``trainers``, a dict: Learning rules' backprop and
    feedback alignment); empty when there is none."""
    many = getattr(trainer, "trainers", None)
    cands = (list(many.values()) if isinstance(many, dict)
             else [trainer, getattr(trainer, "trainer", None), getattr(trainer, "cnn_trainer", None)])
    found = [c for c in cands if c is not None and hasattr(c, "loss_name") and hasattr(c, "y")
             and hasattr(c, "history")]
    return found if isinstance(many, dict) else found[:1]


def guess_baseline(engine):
    """(loss of a constant guess, chance accuracy) for a run's cross-entropy classifier
    (:func:`nncore.metrics.constant_guess` of its training and test labels), else None."""
    if getattr(engine, "loss_name", None) != "cross_entropy":
        return None
    try:
        return constant_guess(engine.y, engine.val[1] if getattr(engine, "val", None) is not None else None)
    except (TypeError, ValueError, AttributeError, IndexError):
        return None


def lr_hint(trainer, learns=False):
    """(text key, parameters) of the learning-rate hint, or None.

    For a cross-entropy classifier (each learner of the run, see :func:`_engines`; the first hint found):
    ``live.lr_worse`` when over the last ``HINT_WINDOW`` epochs the training loss averaged above
    ``HINT_LOSS_RATIO`` × a constant guess's and rose in at least ``HINT_RISES`` of the window's steps (worse
    than guessing, and not falling: a rate too low falls at every step); or, for a page whose network
    ``learns``, ``live.lr_chance`` when after ``HINT_EPOCHS`` epochs the test accuracy (the training accuracy
    without a test set) is within ``HINT_CHANCE_MARGIN`` of chance. A loss that is no longer finite counts as
    worse."""
    for engine in _engines(trainer):
        hint = _learner_hint(engine, learns)
        if hint is not None:
            return hint
    return None


def _learner_hint(engine, learns):
    history = engine.history
    losses = np.asarray(history.get("loss", []), dtype=np.float64)
    n = len(losses)
    if n < HINT_EPOCHS:             # no rule speaks before this (HINT_EPOCHS ≤ HINT_WINDOW)
        return None
    base = guess_baseline(engine)
    if base is None:
        return None
    guess, chance = base
    window = losses[-HINT_WINDOW:]
    if n >= HINT_WINDOW:
        mean = float(window.mean())
        rises = int(np.count_nonzero(np.diff(window) > 0))
        if not np.isfinite(mean) or (mean > HINT_LOSS_RATIO * guess and rises >= HINT_RISES):
            return "live.lr_worse", dict(k=HINT_WINDOW, loss=mean, guess=guess)
    acc = history.get("val_accuracy") or history.get("accuracy")
    if learns and acc and float(acc[-1]) <= chance + HINT_CHANCE_MARGIN:
        return "live.lr_chance", dict(n=n, acc=float(acc[-1]), chance=chance)
    return None
