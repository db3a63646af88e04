"""Plan and execute a run: (task x sample) units, attempts, resume, concurrency, progress."""

from __future__ import annotations

import shutil
import threading
import time
import traceback
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Protocol

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from kateval.budgets import BuildSlots, cores_available
from kateval.config import Suite
from kateval.errors import InfraError, KatevalError
from kateval.executors import SampleOutput, SampleSpec, make_executor
from kateval.evaluate import SandboxOpener, Timeouts, evaluate_patch, write_json
from kateval.grading import Grade
from kateval.models import accounting, occupancy
from kateval.models.server_metrics import ServerMetrics, metrics_url
from kateval.runs import RunDir, tree_hash
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
    executor_address: str | None = None  # the Ray cluster for `executor: ray` (default: auto)
    server_metrics: dict[str, dict] = field(default_factory=dict)
    """Each endpoint's server-side view of the run (its /metrics), once the run is over."""
    build_slots: BuildSlots = field(init=False)
    """Held by a sample while it builds and tests, never across a model call."""

    def __post_init__(self) -> None:
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


def _record_of(plan: RunPlan, task: Task, sample: int, outcome) -> dict:
    if isinstance(outcome, SampleOutput):
        _write_output(plan, task, sample, outcome)
        return outcome.record
    if isinstance(outcome, dict):
        return outcome
    if isinstance(outcome, KatevalError) and not isinstance(outcome, InfraError):
        raise outcome  # a configuration mistake found while running: stop the run
    return _crash_record(task, sample, outcome)


def execute(plan: RunPlan, progress_console=None, stop: threading.Event | None = None) -> dict:
    """Run every unfinished unit on the suite's executor, append results as they finish, and
    write summary.json.

    On an exception in the main thread (Ctrl-C, SIGTERM, a configuration error) no new work
    starts, model calls in flight are cancelled and open sandboxes closed, then it re-raises."""
    done = plan.run.finished()
    todo = [(t, n) for t, n in plan.units() if (t.id, n) not in done]
    stop = stop or threading.Event()
    occupancy.reset()
    scraper = ServerMetrics(_metrics_urls(plan)).start()
    tasks = {t.id: t for t in plan.tasks}
    executor = make_executor(plan.suite.executor, plan, stop, plan.executor_address)
    columns = [TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn(), TextColumn("{task.fields[last]}")]
    with Progress(*columns, console=progress_console, transient=False) as progress:
        bar = progress.add_task(plan.suite.name, total=len(plan.units()),
                                completed=len(plan.units()) - len(todo), last="")
        try:
            executor.start([_spec(plan, t, n) for t, n in todo])
            for _ in range(len(todo)):
                spec, outcome = executor.next()
                task = tasks[spec.task_id]
                record = _record_of(plan, task, spec.sample, outcome)
                _save(plan, record, progress)
                progress.update(bar, advance=1,
                                last=f"{record['task']}#{record['sample']}: {record['status']}")
        except BaseException:
            executor.stop()
            raise
        finally:
            executor.close()
            plan.server_metrics = scraper.stop()
            _save_engine(plan)
    return write_summary(plan)


def _save_engine(plan: RunPlan) -> None:
    """How busy this execution kept the endpoints and build slots (engine.json): a summary
    written again later (a report, a rescore) still shows the run's own figures."""
    engine = {"endpoints": occupancy.snapshot(), "build_slots": plan.build_slots.usage()}
    for name, server in plan.server_metrics.items():
        engine["endpoints"].setdefault(name, {})["server"] = server
    try:
        plan.run.write_json("engine.json", engine)
    except OSError:
        pass  # the summary still has them in this process


def _metrics_urls(plan: RunPlan) -> dict[str, str]:
    """Each endpoint the run calls, by name: its /metrics address (none offline or replayed)."""
    clients = getattr(plan.solver, "clients", None) or {}
    urls = {}
    for client in clients.values():
        if getattr(client.cache, "replay_only", False):
            continue
        url = client.endpoint.metrics_url or metrics_url(client.endpoint.base_url)
        if url != "none":
            urls[client.name] = url
    return urls


def _spec(plan: RunPlan, task: Task, sample: int) -> SampleSpec:
    return SampleSpec(task.id, sample, plan.max_attempts, plan.task_hash(task))


def _write_output(plan: RunPlan, task: Task, sample: int, output: SampleOutput) -> None:
    """Artifacts of a sample that ran elsewhere land in the one run folder, as if it ran here."""
    sample_dir = plan.run.sample_dir(task.id, sample)
    _set_aside(sample_dir)
    for root, files in ((sample_dir, output.files), (plan.run.root / "cache", output.cache)):
        for rel, data in files.items():
            path = (root / rel).resolve()
            if not path.is_relative_to(root.resolve()):
                raise InfraError(f"{task.id}#{sample}: a worker returned the path '{rel}', "
                                 "outside the sample folder")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


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
    engine = plan.run.read_json("engine.json") if (plan.run.root / "engine.json").is_file() else {}
    if engine.get("endpoints"):
        summary["endpoints"] = engine["endpoints"]
    if engine.get("build_slots", {}).get("peak"):
        summary["build_slots"] = engine["build_slots"]
    summary["planned"] = len(plan.units())
    summary["complete"] = len(results) == len(plan.units())
    plan.run.write_json("summary.json", summary)
    return summary


class Interrupted(KatevalError):
    exit_code = 130
