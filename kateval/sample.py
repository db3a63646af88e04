"""One sample, attempt by attempt: what both executors run, and the plan they run it for.

A sample is a sequence of phases: the solver's model calls (plan, edit, fallback, feedback),
then a build and test that holds one of the plan's build slots, never across a model call.
"""

from __future__ import annotations

import shutil
import threading
import time
import traceback
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Protocol

from kateval.budgets import BuildSlots, cores_available
from kateval.config import Suite
from kateval.errors import InfraError, KatevalError
from kateval.evaluate import Timeouts, evaluate_patch, write_json
from kateval.sandbox import SandboxOpener
from kateval.grading import Grade
from kateval.runs import RunDir, tree_hash
from kateval.scoring import NOT_MODEL
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
    executor_address: str | None = None  # the Ray cluster for `executor: ray` (default: auto)
    server_metrics: dict[str, dict] = field(default_factory=dict)
    """Each endpoint's server-side view of the run (its /metrics), once the run is over."""
    build_slots: BuildSlots = None  # type: ignore[assignment]
    """Held by a sample while it builds and tests, never across a model call. An init field,
    so that `dataclasses.replace` (an executor's own plan) shares the run's slots."""

    def __post_init__(self) -> None:
        if self.build_slots is None:
            self.build_slots = BuildSlots(self.suite.build_slots or cores_available())

    def task_hash(self, task: Task) -> str:
        return tree_hash(task.root)

    def units(self) -> list[tuple[Task, int]]:
        return [(t, n) for t in self.tasks for n in range(self.suite.samples)]

    def timeouts(self, task: Task) -> Timeouts:
        return Timeouts(self.suite.build_timeout_s or task.spec.timeouts.build_s,
                        self.suite.test_timeout_s or task.spec.timeouts.test_s)


SUPERSEDED = "superseded"
FINAL_STATUSES = ("passed", "context_exceeded")  # another attempt cannot change these


def set_aside(sample_dir: Path) -> None:
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
        "targets": {target: info.get("status") for target, info in grade.targets.items()},
    }


def _attempt(plan: RunPlan, task: Task, attempt: int, previous: PreviousAttempt | None,
             attempt_dir: Path) -> tuple[Proposal, Grade]:
    try:
        proposal = plan.solver.propose(task, attempt, previous, attempt_dir)
        if proposal.patch is None:
            status = proposal.status if proposal.status != "ok" else "malformed_edit"
            write_json(attempt_dir / "edit.json", {"status": status, "detail": proposal.detail})
            return proposal, Grade(status, proposal.detail)
        with plan.build_slots.slot():
            return proposal, evaluate_patch(task, proposal.patch, attempt_dir,
                                            plan.open_sandbox, plan.timeouts(task))
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
    set_aside(sample_dir)
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


def crash_record(task: Task, sample: int, exc: BaseException) -> dict:
    """The record of a sample whose handling raised outside its attempts: infra_error."""
    grade = Grade("infra_error", f"{type(exc).__name__}: {exc}")
    return _sample_record(task, sample, grade, [], time.monotonic())
