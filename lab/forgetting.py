"""Forgetting and consolidation: a network learns task A, then task B, and loses A — unless it replays
or consolidates.

Scenarios (van de Ven & Tolias 2019, arXiv:1904.07734), on the 8×8 digits:

- ``permuted``: every task is all ten digits; task A is the plain images, each later task has its own
  fixed random permutation of the 64 pixels (a domain shift: same labels, new inputs).
- ``split``: the ten classes in consecutive groups (0–4 and 5–9 for two tasks), one shared 10-way
  output and no task label at test time (class-incremental learning).

Methods:

- ``naive``: train on each task in turn.
- ``l2``: plus (λ/2)‖θ − θ*‖², pulling every weight back to where the previous task left it.
- ``ewc``: plus (λ/2) Σᵢ Fᵢ (θᵢ − θ*ᵢ)² for each earlier task, F its diagonal Fisher information
  (elastic weight consolidation, Kirkpatrick et al. 2017, PNAS 114:3521).
- ``replay``: a buffer of stored examples of earlier tasks; a batch of them joins every new batch.
- ``joint``: train on all tasks so far together — not continual learning, the upper bound.

``R[i, j]`` is the test accuracy on task j after training on task i (Lopez-Paz & Ranzato 2017,
NeurIPS); backward transfer BWT = mean over j < T−1 of R[T−1, j] − R[j, j] (negative: forgetting).

:class:`TaskSequence` trains one method a batch at a time (so a page can train it live) and
:class:`Comparison` several methods side by side; :func:`run` is one method start to finish. Every
random choice (split, permutation, weights, batch order, buffer) follows ``seed``; a run advanced in
time slices gives the same numbers as one call.
"""
from __future__ import annotations

import copy
import functools
import time
from dataclasses import dataclass, replace

import numpy as np

from nncore import History, Sequential, Trainer, build_mlp
from nncore.datasets import digits_split
from nncore.fisher import diagonal_fisher
from nncore.optim import Adam
from nncore.penalties import QuadraticPenalty
from nncore.replay import ReplayBuffer

SCENARIOS = ("permuted", "split")
METHODS = ("naive", "l2", "ewc", "replay", "joint")
TASK_NAMES = ("A", "B", "C", "D", "E")
N_CLASSES = 10
N_PIXELS = 64
BUFFER_ALL = 1797          # the whole digits set: a buffer this large keeps every example it is offered


@dataclass(frozen=True)
class ForgettingConfig:
    """One continual-learning run.

    scenario : "permuted" or "split";  method : one of ``METHODS``;  seed : everything random.
    n_tasks : tasks learned in turn (2 = A → B, 3 = A → B → C; at most 5).
    hidden, depth : units per hidden layer and hidden layers (ReLU) of the MLP 64 → … → 10.
    epochs : epochs per task;  lr : Adam's learning rate (a fresh Adam for each task);  batch_size.
    buffer : replay buffer capacity in examples (0 = no replay, ``BUFFER_ALL`` = keep everything).
    ewc_lambda, l2_lambda : λ of the EWC and the L2-to-old-weights penalties.
    test_fraction : share of the digits held out for testing (stratified).
    """

    scenario: str = "permuted"
    method: str = "naive"
    seed: int = 0
    n_tasks: int = 2
    hidden: int = 64
    depth: int = 2
    epochs: int = 5
    lr: float = 0.01
    batch_size: int = 64
    buffer: int = 200
    ewc_lambda: float = 1000.0
    l2_lambda: float = 0.1
    test_fraction: float = 0.3

    def __post_init__(self):
        if self.scenario not in SCENARIOS:
            raise ValueError(f"scenario must be one of {SCENARIOS}, got {self.scenario!r}")
        if self.method not in METHODS:
            raise ValueError(f"method must be one of {METHODS}, got {self.method!r}")
        if not 2 <= self.n_tasks <= len(TASK_NAMES):
            raise ValueError(f"n_tasks must be 2 to {len(TASK_NAMES)}, got {self.n_tasks}")
        if self.hidden < 1 or self.depth < 1 or self.epochs < 1 or self.batch_size < 1:
            raise ValueError("hidden, depth, epochs and batch_size must be ≥ 1")
        if self.buffer < 0:
            raise ValueError(f"buffer must be ≥ 0, got {self.buffer}")
        for name in ("lr", "ewc_lambda", "l2_lambda"):
            v = getattr(self, name)
            if not np.isfinite(v) or v < 0 or (name == "lr" and v == 0):
                raise ValueError(f"{name} must be a finite number {'> 0' if name == 'lr' else '≥ 0'}, got {v}")
        if not 0.05 <= self.test_fraction <= 0.5:
            raise ValueError(f"test_fraction must be in [0.05, 0.5], got {self.test_fraction}")


@dataclass(frozen=True)
class Task:
    """One task's data: flat images (N, 64) float32 and labels (N,); ``classes`` it contains."""
    name: str
    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    classes: tuple


@dataclass
class ForgettingResult:
    """What a run measured (rows of ``R`` and entries of the curves stay NaN until reached).

    task_names : ("A", "B", …);  task_classes : the digits each task contains.
    R : (T, T) test accuracy on task j after training task i;  bwt : backward transfer (NaN until done).
    acc : (E, T) test accuracy on every task after each epoch of the whole sequence (E = T × epochs).
    loss : (E,) mean training loss of each epoch (penalty included);  task_of_epoch : (E,) task trained.
    fisher_a : diagonal Fisher of task A at the end of A, every parameter flattened (None before).
    delta : θ_now − θ_end of A, flattened like ``fisher_a`` (None before A ends).
    status, message : how the run ended ("running", "finished", "diverged");  seconds : compute time,
    fisher_seconds : of it, the time spent on Fisher information.
    """
    config: ForgettingConfig
    task_names: tuple
    task_classes: tuple
    R: np.ndarray
    bwt: float
    acc: np.ndarray
    loss: np.ndarray
    task_of_epoch: np.ndarray
    fisher_a: np.ndarray | None
    delta: np.ndarray | None
    status: str
    message: str
    seconds: float
    fisher_seconds: float

    @property
    def epochs_done(self) -> int:
        return int(np.isfinite(self.loss).sum())


def backward_transfer(R) -> float:
    """BWT = (1/(T−1)) Σ_{j<T−1} (R[T−1, j] − R[j, j]); NaN if the last row is not reached."""
    R = np.asarray(R, dtype=float)
    T = len(R)
    d = R[T - 1, :T - 1] - np.diag(R)[:T - 1]
    return float(d.mean()) if np.isfinite(d).all() else float("nan")


def _seeds(seed: int) -> dict:
    names = ("split", "perm", "init", "order", "buffer")
    values = np.random.default_rng(seed).integers(0, 2 ** 31 - 1, size=len(names))
    return dict(zip(names, (int(v) for v in values)))


@functools.lru_cache(maxsize=32)
def make_tasks(scenario: str, n_tasks: int, seed: int, test_fraction: float = 0.3) -> tuple:
    """The task sequence for a scenario, seeded (read-only arrays, cached: pure data)."""
    s = _seeds(seed)
    Xtr, Xte, ytr, yte = digits_split(test_fraction=test_fraction, seed=s["split"], images=False)
    tasks = []
    if scenario == "permuted":
        rng = np.random.default_rng(s["perm"])
        for k in range(n_tasks):
            perm = np.arange(N_PIXELS) if k == 0 else rng.permutation(N_PIXELS)
            tasks.append(Task(TASK_NAMES[k], Xtr[:, perm], ytr, Xte[:, perm], yte, tuple(range(N_CLASSES))))
    else:
        for k, group in enumerate(np.array_split(np.arange(N_CLASSES), n_tasks)):
            tr, te = np.isin(ytr, group), np.isin(yte, group)
            tasks.append(Task(TASK_NAMES[k], Xtr[tr], ytr[tr], Xte[te], yte[te], tuple(int(c) for c in group)))
    for task in tasks:
        for a in (task.X_train, task.y_train, task.X_test, task.y_test):
            a.setflags(write=False)
    return tuple(tasks)


def build_model(config: ForgettingConfig, seed: int) -> Sequential:
    """The MLP 64 → hidden (ReLU) × depth → 10, float32, seeded."""
    return build_mlp(N_PIXELS, (config.hidden,) * config.depth, "relu", N_CLASSES, rng=seed)


def _flat(arrays) -> np.ndarray:
    return np.concatenate([np.asarray(a, dtype=np.float64).ravel() for a in arrays])


class TaskSequence:
    """One method learning the tasks in turn, a batch at a time.

    Looks like :class:`nncore.Trainer` to a live page: ``run(seconds=, epochs=, max_epochs=)``,
    ``epoch`` (finished epochs over the whole sequence), ``history`` (per-epoch ``loss`` and
    ``acc_<task>``, with ``status``/``message``) and ``done``.
    """

    def __init__(self, config: ForgettingConfig):
        self.config = config
        self.tasks = make_tasks(config.scenario, config.n_tasks, config.seed, config.test_fraction)
        self._seeds = _seeds(config.seed)
        self.model = build_model(config, self._seeds["init"])
        self.buffer = ReplayBuffer(config.buffer, seed=self._seeds["buffer"]) if config.method == "replay" else None
        self.penalties: list = []
        T, E = config.n_tasks, config.epochs
        self.total_epochs = T * E
        self.acc = np.full((T * E, T), np.nan)
        self.loss = np.full(T * E, np.nan)
        self.task_of_epoch = np.repeat(np.arange(T), E)
        self.R = np.full((T, T), np.nan)
        self.history = History()
        self.epoch = 0
        self.stage = 0
        self.seconds = 0.0
        self.fisher_seconds = 0.0
        self._theta_a = None
        self._fisher_a = None
        self._X_test = np.concatenate([task.X_test for task in self.tasks])
        self._y_test = np.concatenate([task.y_test for task in self.tasks])
        bounds = np.cumsum([0] + [len(task.y_test) for task in self.tasks])
        self._test_slices = [slice(a, b) for a, b in zip(bounds[:-1], bounds[1:])]
        self._hold = False          # stop before task A's end, for Comparison to fork (see _fork)
        self._held = False
        self._trainer = self._stage_trainer(0)

    @property
    def done(self) -> bool:
        return self.history.status != "running"

    # -- one stage = one task -------------------------------------------------------------------
    def _stage_trainer(self, i: int) -> Trainer:
        cfg = self.config
        tasks = self.tasks[:i + 1] if cfg.method == "joint" else self.tasks[i:i + 1]
        X = np.concatenate([task.X_train for task in tasks])
        y = np.concatenate([task.y_train for task in tasks])
        return Trainer(self.model, X, y, optimizer=Adam(cfg.lr), batch_size=cfg.batch_size,
                       random_state=self._seeds["order"] + i, penalty=list(self.penalties) or None,
                       replay=self.buffer)

    def _fisher(self, task: Task) -> list:
        t0 = time.perf_counter()
        F = diagonal_fisher(self.model, task.X_train, task.y_train)
        self.fisher_seconds += time.perf_counter() - t0
        return F

    def _end_stage(self):
        cfg, i = self.config, self.stage
        task = self.tasks[i]
        self.R[i] = self.acc[self.epoch - 1]
        theta = [p.copy() for p, _ in self.model.param_pairs()]
        if i == 0:
            self._theta_a = theta
            if self._fisher_a is None:          # a fork (_fork) arrives with its leader's
                self._fisher_a = self._fisher(task)
        last = i == cfg.n_tasks - 1             # after the last task nothing trains: no penalty, no buffer
        if cfg.method == "ewc" and not last:
            F = self._fisher_a if i == 0 else self._fisher(task)
            self.penalties.append(QuadraticPenalty(theta, cfg.ewc_lambda, importance=F))
        elif cfg.method == "l2" and not last:
            self.penalties = [QuadraticPenalty(theta, cfg.l2_lambda)]
        elif cfg.method == "replay" and not last:
            self.buffer.add(task.X_train, task.y_train)
        self.stage += 1
        if self.stage == cfg.n_tasks:
            self._trainer = None
            self.history.status = "finished"
            self.history.message = f"finished {cfg.n_tasks} tasks × {cfg.epochs} epochs"
        else:
            self._trainer = self._stage_trainer(self.stage)

    def evaluate(self) -> np.ndarray:
        """Test accuracy on every task now, (T,) — one forward pass over all test sets (the largest logit is the
        predicted class: no softmax needed)."""
        hit = self.model.forward(self._X_test, training=False).argmax(axis=1) == self._y_test
        return np.array([hit[s].mean() for s in self._test_slices])

    def step(self):
        """One mini-batch of the current task (and the bookkeeping when an epoch or a task ends)."""
        if self.done or self._held:
            return
        t0 = time.perf_counter()
        tr = self._trainer
        before = tr.epoch
        tr.step()
        if tr.history.status == "diverged":
            self.history.status = "diverged"
            self.history.message = f"task {self.tasks[self.stage].name}: {tr.history.message}"
        elif tr.epoch > before:
            self.acc[self.epoch] = self.evaluate()
            self.loss[self.epoch] = tr.history["loss"][-1]
            logs = {"loss": self.loss[self.epoch]}
            logs.update({f"acc_{task.name}": a for task, a in zip(self.tasks, self.acc[self.epoch])})
            self.history.append(logs)
            self.epoch += 1
            if tr.epoch >= self.config.epochs:
                if self._hold and self.stage == 0:
                    self._held = True           # task A is trained; the Comparison forks, then ends it
                else:
                    self._end_stage()
        self.seconds += time.perf_counter() - t0

    def _fork(self, method: str) -> "TaskSequence":
        """A copy of this sequence, held at the end of task A, that goes on as ``method``.

        Every method trains task A identically (penalties, buffer and joint data act from task B on),
        so a :class:`Comparison` trains A once and forks; the fork's numbers equal a run of ``method``
        from the start. The tasks' read-only arrays are shared, the stage's trainer is not copied.
        """
        if not self._held:
            raise RuntimeError("fork a sequence only where it is held, at the end of task A")
        memo = {id(a): a for a in (self.tasks, self._X_test, self._y_test)}
        memo[id(self._trainer)] = None
        seq = copy.deepcopy(self, memo)
        seq.config = replace(self.config, method=method)
        seq.buffer = ReplayBuffer(seq.config.buffer, seed=self._seeds["buffer"]) if method == "replay" else None
        return seq

    def _release(self):
        """End task A of a held sequence (it trains on as its own method)."""
        self._hold = self._held = False
        self._end_stage()

    def run(self, epochs=None, seconds=None, max_epochs=None) -> int:
        """Train ``epochs`` more epochs, or about ``seconds``, stopping at ``max_epochs``; return batches run."""
        return _run_loop(self, epochs, seconds, max_epochs)

    def snapshot(self) -> dict:
        """Copies of what :meth:`result`, ``history`` and ``epoch`` read now (see :meth:`nncore.Trainer.snapshot`).

        θ_A and F_A are set once, when task A ends, and never written again, so the snapshot refers to them.
        """
        return dict(params=[p.copy() for p, _ in self.model.param_pairs()], epoch=self.epoch, stage=self.stage,
                    history=self.history.copy(), acc=self.acc.copy(), loss=self.loss.copy(), R=self.R.copy(),
                    seconds=self.seconds, fisher_seconds=self.fisher_seconds, theta_a=self._theta_a,
                    fisher_a=self._fisher_a)

    def restore(self, snap: dict):
        """Read as when ``snap`` was taken; then for showing only, not for training on."""
        for (p, _), s in zip(self.model.param_pairs(), snap["params"]):
            p[...] = s
        self.epoch, self.stage = snap["epoch"], snap["stage"]
        self.history.load(snap["history"])
        self.acc[...], self.loss[...], self.R[...] = snap["acc"], snap["loss"], snap["R"]
        self.seconds, self.fisher_seconds = snap["seconds"], snap["fisher_seconds"]
        self._theta_a = None if snap["theta_a"] is None else [a.copy() for a in snap["theta_a"]]
        self._fisher_a = None if snap["fisher_a"] is None else [f.copy() for f in snap["fisher_a"]]

    def result(self) -> ForgettingResult:
        theta_now = [p for p, _ in self.model.param_pairs()]
        return ForgettingResult(
            config=self.config, task_names=tuple(task.name for task in self.tasks),
            task_classes=tuple(task.classes for task in self.tasks), R=self.R.copy(),
            bwt=backward_transfer(self.R), acc=self.acc.copy(), loss=self.loss.copy(),
            task_of_epoch=self.task_of_epoch.copy(),
            fisher_a=None if self._fisher_a is None else _flat(self._fisher_a),
            delta=None if self._theta_a is None else _flat(theta_now) - _flat(self._theta_a),
            status=self.history.status, message=self.history.message, seconds=self.seconds,
            fisher_seconds=self.fisher_seconds)


def _run_loop(obj, epochs, seconds, max_epochs) -> int:
    target = obj.epoch + epochs if epochs is not None else max_epochs
    if max_epochs is not None and target is not None:
        target = min(target, max_epochs)
    t_end = time.perf_counter() + seconds if seconds is not None else None
    batches = 0
    while not obj.done and (target is None or obj.epoch < target):
        obj.step()
        batches += 1
        if t_end is not None and time.perf_counter() >= t_end:
            break
    return batches


def run(config: ForgettingConfig) -> ForgettingResult:
    """Train one method through all tasks and return what it measured."""
    seq = TaskSequence(config)
    seq.run()
    return seq.result()


class Comparison:
    """Several methods on the same tasks, network and seed, trained side by side (the page's live object).

    Each method is its own :class:`TaskSequence`; ``step`` advances the one furthest behind, so the
    curves grow together. ``epoch`` is the least finished epoch (a diverged method counts as done).
    Task A is the same for every method, so it is trained once: until it ends every name in ``runs``
    refers to one sequence, which then forks into one per method (``TaskSequence._fork``) — the
    numbers of separate runs, for less work.
    """

    def __init__(self, config: ForgettingConfig, methods):
        methods = list(dict.fromkeys(methods))
        if not methods:
            raise ValueError("pick at least one method")
        self.config = config
        self.methods = methods
        self._configs = {m: replace(config, method=m) for m in methods}
        lead = TaskSequence(self._configs[methods[0]])
        lead._hold = len(methods) > 1
        self.runs = {m: lead for m in methods}
        self.total_epochs = config.n_tasks * config.epochs
        self.history = History()

    @property
    def shared(self) -> bool:
        """True while every method is still the one sequence training task A."""
        return len(self.methods) > 1 and self.runs[self.methods[0]] is self.runs[self.methods[-1]]

    def _sequences(self) -> list:
        return list({id(seq): seq for seq in self.runs.values()}.values())

    def _epoch_of(self, seq) -> int:
        return self.total_epochs if seq.done else seq.epoch

    @property
    def epoch(self) -> int:
        return min(self._epoch_of(seq) for seq in self.runs.values())

    @property
    def done(self) -> bool:
        return self.history.status != "running"

    def _fork(self):
        lead = self.runs[self.methods[0]]
        lead._fisher_a = lead._fisher(lead.tasks[0])        # F_A, the same for every method: computed once
        self.runs = {m: lead if m == self.methods[0] else lead._fork(m) for m in self.methods}
        for seq in self.runs.values():
            seq._release()

    def step(self):
        if self.done:
            return
        seq = min(self._sequences(), key=self._epoch_of)
        seq.step()
        if seq._held:
            self._fork()
        if all(s.done for s in self.runs.values()):
            failed = [m for m, s in self.runs.items() if s.history.status == "diverged"]
            self.history.status = "diverged" if len(failed) == len(self.runs) else "finished"
            self.history.message = "; ".join(f"{m}: {self.runs[m].history.message}" for m in failed)

    def run(self, epochs=None, seconds=None, max_epochs=None) -> int:
        return _run_loop(self, epochs, seconds, max_epochs)

    def snapshot(self) -> dict:
        """Every method's snapshot (:meth:`TaskSequence.snapshot`) and the comparison's own history."""
        snaps = {id(seq): seq.snapshot() for seq in self._sequences()}
        return dict(history=self.history.copy(), shared=self.shared,
                    runs={m: snaps[id(seq)] for m, seq in self.runs.items()})

    def restore(self, snap: dict):
        """Read as when ``snap`` was taken; then for showing only, not for training on."""
        self.history.load(snap["history"])
        if self.shared and not snap["shared"]:              # the recorded run has forked: one sequence each
            self.runs = {m: TaskSequence(self._configs[m]) for m in self.methods}
        for m, seq in self.runs.items():
            seq.restore(snap["runs"][m])

    def results(self) -> dict:
        """{method: ForgettingResult} so far."""
        out = {}
        for m, seq in self.runs.items():
            r = seq.result()
            if r.config.method != m:                         # task A, shared: the same numbers, this method's name
                r.config = self._configs[m]
            out[m] = r
        return out


def change_by_importance(fisher, delta, n_bins: int = 10) -> dict:
    """How far parameters moved, grouped by their importance for task A.

    Sorts parameters by Fisher information (ties kept in index order) into ``n_bins`` groups of
    equal size, least important first. Returns ``fisher`` (n_bins,) mean importance per group and
    ``rms_change`` (n_bins,) root-mean-square change θ_end − θ_A per group.
    """
    fisher, delta = np.asarray(fisher, dtype=float), np.asarray(delta, dtype=float)
    if fisher.shape != delta.shape or fisher.ndim != 1:
        raise ValueError(f"fisher and delta must be flat arrays of one size, got {fisher.shape}, {delta.shape}")
    n_bins = max(1, min(int(n_bins), len(fisher)))
    groups = np.array_split(np.argsort(fisher, kind="stable"), n_bins)
    return {"fisher": np.array([fisher[g].mean() for g in groups]),
            "rms_change": np.array([np.sqrt(np.mean(delta[g] ** 2)) for g in groups])}



def setting_notes(results: dict) -> list:
    """What a page should point out about these settings, as (code, numbers) pairs, in display order.

    Codes: "diverged" (a method's loss blew up), "buffer_empty" (replay with no buffer is naive),
    "lambda_zero" (a penalty of strength 0 is naive), "too_stiff" (a penalty so strong that the last
    task stays below 50 %), "undertrained" (task A below 90 % when it ended: little to forget),
    "ewc_split" (EWC in the class-incremental scenario lost most of an earlier task: final accuracy below
    half of what it had just after learning it; ``lost`` lists those tasks as (name, final accuracy)),
    "joint" (joint training is not continual).
    """
    if not results:
        return []
    cfg = next(iter(results.values())).config
    notes = [("diverged", {"method": m, "msg": r.message}) for m, r in results.items() if r.status == "diverged"]
    if "replay" in results and cfg.buffer == 0:
        notes.append(("buffer_empty", {}))
    for m, lam in (("ewc", cfg.ewc_lambda), ("l2", cfg.l2_lambda)):
        if m not in results:
            continue
        last = results[m].R[-1, -1]
        if lam == 0:
            notes.append(("lambda_zero", {"method": m}))
        elif np.isfinite(last) and last < 0.5:
            notes.append(("too_stiff", {"method": m, "lam": lam, "acc": float(last)}))
    a_end = next(iter(results.values())).R[0, 0]
    if np.isfinite(a_end) and a_end < 0.9:
        notes.append(("undertrained", {"acc": float(a_end), "epochs": cfg.epochs}))
    if cfg.scenario == "split" and "ewc" in results:
        r = results["ewc"]
        lost = [(r.task_names[j], float(r.R[-1, j])) for j in range(cfg.n_tasks - 1)
                if np.isfinite(r.R[-1, j]) and r.R[-1, j] < 0.5 * r.R[j, j]]
        if lost:
            notes.append(("ewc_split", {"lost": lost}))
    if "joint" in results:
        notes.append(("joint", {}))
    return notes

# -- the page's comparison and the claims it shows ------------------------------------------------

DEFAULT_METHODS = ("naive", "ewc", "replay")


def compare(config: ForgettingConfig, methods=DEFAULT_METHODS) -> dict:
    """Train ``methods`` side by side on ``config``'s tasks (as the page does); {method: result}."""
    comparison = Comparison(config, methods)
    comparison.run()
    return comparison.results()


def scene_forget_replay(seed: int) -> tuple[bool, dict]:
    """Scene "Learning B erases A — unless you replay": split digits, the page's default methods.

    Holds when naive training ends with at most 2 % of task A (digits 0–4) right while replay
    keeps at least 85 % of A, and both learn B (digits 5–9) to at least 80 %.
    """
    res = compare(ForgettingConfig(scenario="split", seed=seed))
    got = {f"{m}_{task}": float(res[m].R[-1, j]) for m in ("naive", "replay") for j, task in enumerate("AB")}
    ok = got["naive_A"] <= 0.02 and got["replay_A"] >= 0.85 and min(got["naive_B"], got["replay_B"]) >= 0.8
    return ok, got


SCENE_CLAIMS = {"forget_replay": scene_forget_replay}
