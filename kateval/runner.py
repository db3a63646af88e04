"""Plan and execute a run: (task x sample) units, attempts, resume, concurrency, progress."""

from __future__ import annotations

import queue
import shutil
import threading
import time
import dataclasses
import traceback
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Protocol

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from kateval.config import Suite
from kateval.errors import InfraError, KatevalError
from kateval.evaluate import SandboxOpener, Timeouts, evaluate_patch, write_json
from kateval.grading import Grade
from kateval.models import accounting
from kateval.runs import RunDir
from kateval.scoring import NOT_MODEL, summarize, task_info
from kateval.tasks import Task


@dataclass(frozen=True)
class Proposal:
    """What the model stage produced for one attempt."""

    patch: str | None  # when set, it is evaluated (a non-applying one grades patch_failed)
    status: str = "ok"  # ok | malformed_edit | patch_failed | model_error | infra_error
    detail: str = ""
    producer: str = ""


@dataclass(frozen=True)
class PreviousAttempt:
    """What the next attempt learns from the last one."""

    grade: Grade
    attempt_dir: Path


class Solver(Protocol):
    def propose(self, task: Task, attempt: int, previous: PreviousAttempt | None,
                attempt_dir: Path) -> Proposal: ...


class GoldSolver:
    """Offline mode: the task's gold patch stands in for the builder's output."""

    name = "gold"

    def propose(self, task: Task, attempt: int, previous: PreviousAttempt | None,
                attempt_dir: Path) -> Proposal:
        return Proposal(patch=task.gold_patch, producer="gold")


@dataclass
class RunPlan:
    suite: Suite
    tasks: list[Task]
    run: RunDir
    solver: Solver
    open_sandbox: SandboxOpener
    max_attempts: int
    on_result: list[Callable[[dict], None]] = field(default_factory=list)

    def units(self) -> list[tuple[Task, int]]:
        return [(t, n) for t in self.tasks for n in range(self.suite.samples)]

    def timeouts(self, task: Task) -> Timeouts:
        return Timeouts(self.suite.build_timeout_s or task.spec.timeouts.build_s,
                        self.suite.test_timeout_s or task.spec.timeouts.test_s)


SUPERSEDED = "superseded"
FINAL_STATUSES = ("passed", "context_exceeded")  # another attempt cannot change these


def _set_aside(sample_dir: Path) -> None:
    """A resumed sample starts clean, but the attempts of its earlier try are kept under
    superseded/<k>/ so their model calls (calls.jsonl) and costs still count."""
    attempts = sorted(sample_dir.glob("attempt-*")) if sample_dir.is_dir() else []
    if not attempts:
        shutil.rmtree(sample_dir, ignore_errors=True)
        return
    tries = sample_dir / SUPERSEDED
    k = 1 + len(list(tries.iterdir())) if tries.is_dir() else 1
    target = tries / str(k)
    target.mkdir(parents=True)
    for path in attempts:
        path.rename(target / path.name)
    for path in sample_dir.iterdir():
        if path.name != SUPERSEDED:
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def _sample_record(task: Task, sample: int, grade: Grade, attempts: list[dict],
                   started: float) -> dict:
    return {
        "task": task.id, "sample": sample, "status": grade.status, "detail": grade.detail,
        "attempts": attempts, "producer": attempts[-1]["producer"] if attempts else "",
        "pass_attempt": len(attempts) if grade.status == "passed" else None,
        "duration_s": round(time.monotonic() - started, 3),
        "finished_at": datetime.now(timezone.utc).isoformat(),
        "category": task.spec.category, "difficulty": task.spec.difficulty,
    }


def _attempt(plan: RunPlan, task: Task, attempt: int, previous: PreviousAttempt | None,
             attempt_dir: Path) -> tuple[Proposal, Grade]:
    try:
        proposal = plan.solver.propose(task, attempt, previous, attempt_dir)
        if proposal.patch is None:
            status = proposal.status if proposal.status != "ok" else "malformed_edit"
            write_json(attempt_dir / "edit.json", {"status": status, "detail": proposal.detail})
            return proposal, Grade(status, proposal.detail)
        return proposal, evaluate_patch(task, proposal.patch, attempt_dir, plan.open_sandbox,
                                        plan.timeouts(task))
    except KatevalError as exc:
        if not isinstance(exc, InfraError):
            raise  # a configuration mistake stops the run; it is not a sample's status
        error: Exception = exc
    except Exception as exc:  # the harness's own failure, never the model's
        error = exc
    write_json(attempt_dir / "infra.json", {"error": f"{type(error).__name__}: {error}",
                                            "traceback": traceback.format_exc()})
    return Proposal(patch=None, status="infra_error"), Grade(
        "infra_error", f"{type(error).__name__}: {error}")


def run_sample(plan: RunPlan, task: Task, sample: int, stop: threading.Event) -> dict:
    """Every attempt of one sample; returns the sample's result record."""
    sample_dir = plan.run.sample_dir(task.id, sample)
    _set_aside(sample_dir)
    started = time.monotonic()
    attempts: list[dict] = []
    previous: PreviousAttempt | None = None
    grade: Grade | None = None
    for attempt in range(1, plan.max_attempts + 1):
        if stop.is_set():
            grade = Grade("infra_error", "run interrupted")
            break
        attempt_dir = sample_dir / f"attempt-{attempt}"
        t0 = time.monotonic()
        proposal, grade = _attempt(plan, task, attempt, previous, attempt_dir)
        if stop.is_set():
            grade = Grade("infra_error", "run interrupted")
        write_json(attempt_dir / "result.json", grade.to_dict() | {"producer": proposal.producer})
        attempts.append({"attempt": attempt, "status": grade.status, "detail": grade.detail,
                         "producer": proposal.producer, "counts": grade.counts,
                         "duration_s": round(time.monotonic() - t0, 3)})
        if grade.status in FINAL_STATUSES or grade.status in NOT_MODEL:
            break
        previous = PreviousAttempt(grade, attempt_dir)
    assert grade is not None
    record = _sample_record(task, sample, grade, attempts, started)
    write_json(sample_dir / "result.json", record)
    return record


def _crash_record(task: Task, sample: int, exc: BaseException) -> dict:
    """The record of a sample whose handling raised outside its attempts: infra_error."""
    grade = Grade("infra_error", f"{type(exc).__name__}: {exc}")
    return _sample_record(task, sample, grade, [], time.monotonic())


class _Workers:
    """Daemon worker threads over a queue of units. Daemons, so that a stopping run does not
    wait for a model call or a compile in flight: its sandbox is closed and it is abandoned."""

    def __init__(self, plan: RunPlan, todo: list[tuple[Task, int]], stop: threading.Event):
        self.plan, self.stop = plan, stop
        self.units: queue.Queue = queue.Queue()
        for unit in todo:
            self.units.put(unit)
        self.done: queue.Queue = queue.Queue()
        self.threads = [threading.Thread(target=self._work, daemon=True, name=f"kateval-{i}")
                        for i in range(max(1, min(plan.suite.concurrency, len(todo))))]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def _work(self) -> None:
        while not self.stop.is_set():
            try:
                task, sample = self.units.get_nowait()
            except queue.Empty:
                return
            try:
                self.done.put((task, sample, run_sample(self.plan, task, sample, self.stop)))
            except BaseException as exc:  # noqa: BLE001 - reported to the main thread
                self.done.put((task, sample, exc))

    def join(self, timeout_s: float, threads=None) -> None:
        deadline = time.monotonic() + timeout_s
        for thread in self.threads if threads is None else threads:
            thread.join(max(0.0, deadline - time.monotonic()))


def _record_of(task: Task, sample: int, outcome) -> dict:
    if isinstance(outcome, dict):
        return outcome
    if isinstance(outcome, KatevalError) and not isinstance(outcome, InfraError):
        raise outcome  # a configuration mistake found while running: stop the run
    return _crash_record(task, sample, outcome)


def execute(plan: RunPlan, progress_console=None, stop: threading.Event | None = None) -> dict:
    """Run every unfinished unit, append results as they finish, and write summary.json.

    On an exception in the main thread (Ctrl-C, SIGTERM, a configuration error) no new work
    starts, model calls in flight are cancelled and open sandboxes closed, then it re-raises."""
    done = plan.run.finished()
    todo = [(t, n) for t, n in plan.units() if (t.id, n) not in done]
    stop = stop or threading.Event()
    live = _LiveSandboxes(plan.open_sandbox, stop)
    plan = dataclasses.replace(plan, open_sandbox=live.open)
    workers = _Workers(plan, todo, stop)
    columns = [TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn(), TextColumn("{task.fields[last]}")]
    with Progress(*columns, console=progress_console, transient=False) as progress:
        bar = progress.add_task(plan.suite.name, total=len(plan.units()),
                                completed=len(plan.units()) - len(todo), last="")
        try:
            workers.start()
            for _ in range(len(todo)):
                task, sample, outcome = _next(workers)
                record = _record_of(task, sample, outcome)
                _save(plan, record, progress)
                progress.update(bar, advance=1,
                                last=f"{record['task']}#{record['sample']}: {record['status']}")
        except BaseException:
            _stop_now(plan, stop, live, workers)
            raise
    return write_summary(plan)


def _next(workers: _Workers):
    while True:
        try:
            return workers.done.get(timeout=0.2)
        except queue.Empty:
            if not any(t.is_alive() for t in workers.threads) and workers.done.empty():
                raise InfraError("every worker stopped with samples left; see the run folder")


def _save(plan: RunPlan, record: dict, progress) -> None:
    """Append one result; a failure to write it is reported and the run goes on."""
    try:
        plan.run.append_result(record)
    except OSError as exc:
        progress.console.print(f"[red]could not record {record['task']}#{record['sample']}: "
                               f"{exc}[/]; it will run again on resume", highlight=False)
        return
    for hook in plan.on_result:
        try:
            hook(record)
        except Exception as exc:  # a hook (history, progress) must not end the run
            progress.console.print(f"[yellow]result hook failed: {exc}[/]", highlight=False)


def _stop_now(plan: RunPlan, stop: threading.Event, live: "_LiveSandboxes",
              workers: _Workers) -> None:
    stop.set()
    cancel = getattr(plan.solver, "cancel", None)
    if cancel is not None:
        cancel()
    # Workers whose sandbox was just killed (or is opening) notice the stop and clean up after
    # themselves; one blocked in a model call cannot notice it (closing the client does not
    # wake a blocked read) and holds nothing to clean up: it is abandoned, not waited for.
    busy = live.close_all()
    workers.join(STOP_GRACE_S, busy)
    live.close_all()  # and whatever opened in between


STOP_GRACE_S = 2.0


class _LiveSandboxes:
    """Remembers open sandboxes, and the worker holding each, so a stopping run can kill what
    they run; once the run is stopping, no new sandbox opens."""

    def __init__(self, opener: SandboxOpener, stop: threading.Event):
        self._opener = opener
        self._stop = stop
        self._open: dict = {}  # _Tracked sandbox -> the thread that opened it
        self._opening: set = set()
        self._lock = threading.Lock()

    def open(self, root: Path):
        if self._stop.is_set():
            raise InfraError("run interrupted: no new sandbox")
        me = threading.current_thread()
        with self._lock:
            self._opening.add(me)
        try:
            sandbox, paths = self._opener(root)
        finally:
            with self._lock:
                self._opening.discard(me)
        tracked = _Tracked(sandbox, self._forget)
        with self._lock:
            self._open[tracked] = me
            stopping = self._stop.is_set()
        if stopping:
            _close(tracked)
            raise InfraError("run interrupted: sandbox closed")
        return tracked, paths

    def _forget(self, tracked: "_Tracked") -> None:
        with self._lock:
            self._open.pop(tracked, None)

    def close_all(self) -> set:
        """Close every open sandbox; the threads that held one or were opening one."""
        with self._lock:
            sandboxes, self._open = self._open, {}
            threads = set(sandboxes.values()) | self._opening
        for sandbox in sandboxes:
            _close(sandbox)
        return threads


class _Tracked:
    """A sandbox that leaves _LiveSandboxes when its worker closes it."""

    def __init__(self, sandbox, forget: Callable):
        self._sandbox, self._forget = sandbox, forget

    def __getattr__(self, name: str):
        return getattr(self._sandbox, name)

    def close(self) -> None:
        self._forget(self)
        self._sandbox.close()


def _close(sandbox) -> None:
    try:
        sandbox.close()
    except Exception:  # clean-up must go on for the others
        pass


NO_ISOLATION = "sandbox none: model code ran on this machine without isolation"


def write_summary(plan: RunPlan) -> dict:
    latest = plan.run.latest_results()
    results = [latest[(t.id, n)] for t, n in plan.units() if (t.id, n) in latest]
    summary = summarize(results, plan.suite.k, plan.max_attempts, task_info(plan.tasks))
    models = plan.run.read_json("run.json")["config"].get("models") if plan.run.exists() else None
    prices = (models or {}).get("endpoints", {})
    sample_dirs = [plan.run.sample_dir(r["task"], r["sample"]) for r in results]
    summary["roles"] = accounting.by_role(accounting.read_calls(sample_dirs), prices)
    summary |= accounting.edit_rates(results)
    costs = [r["cost_usd"] for r in summary["roles"].values() if r["cost_usd"] is not None]
    summary["cost_usd"] = round(sum(costs), 6) if costs else None
    summary["infra_error_details"] = sorted({r["detail"] for r in results
                                             if r["status"] == "infra_error"})[:10]
    summary["run_id"] = plan.run.root.name
    summary["suite"] = plan.suite.name
    summary["sandbox"] = plan.suite.sandbox
    if plan.suite.sandbox == "none":
        summary["warning"] = NO_ISOLATION
    summary["planned"] = len(plan.units())
    summary["complete"] = len(results) == len(plan.units())
    plan.run.write_json("summary.json", summary)
    return summary


class Interrupted(KatevalError):
    exit_code = 130
