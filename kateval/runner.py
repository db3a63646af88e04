"""Plan and execute a run: (task x sample) units, attempts, resume, concurrency, progress."""

from __future__ import annotations

import shutil
import threading
import time
import dataclasses
import traceback
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Protocol

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from kateval.config import Suite
from kateval.errors import KatevalError
from kateval.evaluate import SandboxOpener, Timeouts, evaluate_patch, write_json
from kateval.grading import NOT_MODEL, Grade
from kateval.models import accounting
from kateval.runs import RunDir
from kateval.scoring import summarize
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


def run_sample(plan: RunPlan, task: Task, sample: int, stop: threading.Event) -> dict:
    """Every attempt of one sample; returns the sample's result record."""
    sample_dir = plan.run.sample_dir(task.id, sample)
    shutil.rmtree(sample_dir, ignore_errors=True)  # a resumed sample starts clean
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
        try:
            proposal = plan.solver.propose(task, attempt, previous, attempt_dir)
            if proposal.patch is None:
                status = proposal.status if proposal.status != "ok" else "malformed_edit"
                write_json(attempt_dir / "edit.json", {"status": status,
                                                       "detail": proposal.detail})
                grade = Grade(status, proposal.detail)
            else:
                grade = evaluate_patch(task, proposal.patch, attempt_dir, plan.open_sandbox,
                                       plan.timeouts(task))
        except Exception as exc:  # the harness's own failure, never the model's
            write_json(attempt_dir / "infra.json", {"error": f"{type(exc).__name__}: {exc}",
                                                    "traceback": traceback.format_exc()})
            proposal = Proposal(patch=None, status="infra_error")
            grade = Grade("infra_error", f"{type(exc).__name__}: {exc}")
        write_json(attempt_dir / "result.json", grade.to_dict() | {"producer": proposal.producer})
        attempts.append({"attempt": attempt, "status": grade.status, "detail": grade.detail,
                         "producer": proposal.producer, "counts": grade.counts,
                         "duration_s": round(time.monotonic() - t0, 3)})
        if grade.status == "passed" or grade.status in NOT_MODEL:
            break
        previous = PreviousAttempt(grade, attempt_dir)
    assert grade is not None
    record = {
        "task": task.id, "sample": sample, "status": grade.status, "detail": grade.detail,
        "attempts": attempts, "producer": attempts[-1]["producer"] if attempts else "",
        "pass_attempt": len(attempts) if grade.status == "passed" else None,
        "duration_s": round(time.monotonic() - started, 3),
        "finished_at": datetime.now(timezone.utc).isoformat(),
        "category": task.spec.category, "difficulty": task.spec.difficulty,
    }
    write_json(sample_dir / "result.json", record)
    return record


def execute(plan: RunPlan, progress_console=None) -> dict:
    """Run every unfinished unit, append results as they finish, and write summary.json."""
    done = plan.run.finished()
    todo = [(t, n) for t, n in plan.units() if (t.id, n) not in done]
    stop = threading.Event()
    live = _LiveSandboxes(plan.open_sandbox)
    plan = dataclasses.replace(plan, open_sandbox=live.open)
    columns = [TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn(), TextColumn("{task.fields[last]}")]
    with Progress(*columns, console=progress_console, transient=False) as progress:
        bar = progress.add_task(plan.suite.name, total=len(plan.units()),
                                completed=len(plan.units()) - len(todo), last="")
        pool = ThreadPoolExecutor(max_workers=plan.suite.concurrency)
        futures = {pool.submit(run_sample, plan, t, n, stop): (t, n) for t, n in todo}
        try:
            pending = set(futures)
            while pending:
                finished, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                for future in finished:
                    record = future.result()
                    plan.run.append_result(record)
                    for hook in plan.on_result:
                        hook(record)
                    progress.update(bar, advance=1,
                                    last=f"{record['task']}#{record['sample']}: {record['status']}")
        except KeyboardInterrupt:
            stop.set()
            pool.shutdown(wait=False, cancel_futures=True)
            live.close_all()
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    return write_summary(plan)


class _LiveSandboxes:
    """Remembers open sandboxes so Ctrl-C can kill what they run."""

    def __init__(self, opener: SandboxOpener):
        self._opener = opener
        self._open: list = []
        self._lock = threading.Lock()

    def open(self, root: Path):
        sandbox, paths = self._opener(root)
        with self._lock:
            self._open.append(sandbox)
        return sandbox, paths

    def close_all(self) -> None:
        with self._lock:
            for sandbox in self._open:
                try:
                    sandbox.close()
                except Exception:  # clean-up must go on for the others
                    pass


def write_summary(plan: RunPlan) -> dict:
    latest = plan.run.latest_results()
    results = [latest[(t.id, n)] for t, n in plan.units() if (t.id, n) in latest]
    summary = summarize(results, plan.suite.k, plan.max_attempts)
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
    summary["planned"] = len(plan.units())
    summary["complete"] = len(results) == len(plan.units())
    plan.run.write_json("summary.json", summary)
    return summary


class Interrupted(KatevalError):
    exit_code = 130
