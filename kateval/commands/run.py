"""`kateval run` and `kateval rescore`."""

from __future__ import annotations

import contextlib
import gc
import signal
import sys
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from rich.console import Console
from rich.table import Table

from kateval.config import Suite, load_models, load_suite
from kateval.errors import ConfigError, KatevalError
from kateval.executors import EXECUTORS
from kateval.grading import grade
from kateval.scoring import NOT_MODEL
from kateval.models.cache import ResponseCache
from kateval.report import markdown
from kateval.runner import GoldSolver, Interrupted, RunPlan, execute, write_summary
from kateval.runs import (RunDir, RunLock, check_run_id, claim_new_run, git_sha, tool_versions,
                         tree_hash)
from kateval.sandbox.factory import SANDBOXES, make_opener
from kateval.tasks import Task, load_task, require_expected, select_tasks
from kateval.toolchains import kotlinc


def _snapshot(suite: Suite, mode: str, sandbox: str, models_dump: dict | None) -> dict:
    return {"suite": suite.model_dump(mode="json"), "mode": mode, "sandbox": sandbox,
            "models": models_dump}


def _make_solver(offline: bool, models_path: Path, suite: Suite, suite_path: Path):
    if offline:
        return GoldSolver(), None
    models = load_models(models_path)
    from kateval.pipeline import Pipeline

    return Pipeline.from_config(models, suite, suite_path), models.model_dump(mode="json")


def _print_dry_run(console: Console, plan: RunPlan, solver) -> None:
    console.print(f"[bold]dry run[/]: suite {plan.suite.name}, {len(plan.tasks)} tasks x "
                  f"{plan.suite.samples} samples = {len(plan.units())} samples, "
                  f"max {plan.max_attempts} attempts, sandbox {plan.suite.sandbox}, "
                  f"toolchain {plan.suite.toolchain}")
    for task in plan.tasks:
        t = plan.timeouts(task)
        console.print(f"  {task.id}  ({task.spec.difficulty}, {task.spec.category}) targets="
                      f"{','.join(task.spec.targets)} build<={t.build_s:.0f}s test<={t.test_s:.0f}s")
    preview = getattr(solver, "preview", None)
    if preview and plan.tasks:
        console.print(f"\n[bold]would send[/] (first task, {plan.tasks[0].id}):")
        console.print(preview(plan.tasks[0]), markup=False, highlight=False)
    elif plan.tasks:
        console.print("\nwould send nothing: offline mode applies each task's solution.patch")


def results_table(summary: dict) -> Table:
    table = Table(title=f"{summary['suite']}: {summary['passed']}/{summary['graded']} passed")
    for column in ("task", "passed", "pass@1", "statuses"):
        table.add_column(column)
    for task, entry in summary["tasks"].items():
        statuses = ", ".join(f"{s}x{n}" for s, n in sorted(entry["statuses"].items()))
        p1 = entry.get("pass@1")
        table.add_row(task, f"{entry['passed']}/{entry['graded']}",
                      "-" if p1 is None else f"{p1:.2f}", statuses)
    return table


@dataclass(frozen=True)
class RunRequest:
    """What `kateval run` was asked to do (the gate's re-run asks the same way)."""

    suite: Path
    models: Path
    runs_dir: Path
    offline: bool = False
    dry_run: bool = False
    run_id: str | None = None
    sandbox: str | None = None
    replay: Path | None = None
    force: bool = False
    """Resume even though a task's files or the compiler changed since the run began."""
    executor: str | None = None
    """local | ray; overrides the suite's. Not part of the run's config: any executor resumes."""
    ray_address: str | None = None
    """The Ray cluster for executor ray (default: auto)."""


def run_command(console: Console, request: RunRequest) -> Path | None:
    """Run (or resume) a suite; returns the run folder, or None for a dry run."""
    suite, models, offline, replay = request.suite, request.models, request.offline, request.replay
    run_id, sandbox, runs_dir = request.run_id, request.sandbox, request.runs_dir
    suite_cfg = load_suite(suite)
    if sandbox:
        if sandbox not in SANDBOXES:
            raise ConfigError(f"--sandbox: unknown sandbox '{sandbox}' "
                              f"(allowed: {', '.join(SANDBOXES)})")
        suite_cfg = suite_cfg.model_copy(update={"sandbox": sandbox})
    tasks = select_tasks(suite_cfg, suite)
    if not tasks:
        raise ConfigError(f"{suite}: field 'tasks': selects no task; list task ids or patterns "
                          "such as '*'")
    require_expected(tasks)
    solver, models_dump = _make_solver(offline, models, suite_cfg, suite)
    max_attempts = 1 if offline else suite_cfg.max_attempts
    mode = "offline" if offline else "models"
    snapshot = _snapshot(suite_cfg, mode, suite_cfg.sandbox, models_dump)
    if replay is not None and _with_executor(suite_cfg, request.executor).executor == "ray":
        raise ConfigError("--replay: replays from this machine's run folder, so it needs "
                          "--executor local")
    if replay is not None and offline:
        raise ConfigError("--replay: replays model answers, so it cannot be combined with --offline")
    if request.dry_run:
        run = RunDir(runs_dir / (check_run_id(run_id) if run_id else "dry-run"))
        plan = RunPlan(suite_cfg, tasks, run, solver, lambda root: None, max_attempts)
        _print_dry_run(console, plan, solver)
        return None
    run_id = check_run_id(run_id) if run_id else claim_new_run(runs_dir, suite_cfg.name)
    run = RunDir(runs_dir / run_id)
    with RunLock(run.root):
        inputs = _inputs(tasks)
        if run.exists():
            _check_resume(run, snapshot, inputs, request.force)
            console.print(f"resuming run {run_id}")
        else:
            run.write_json("run.json", {
                "run_id": run_id, "config": snapshot, "suite_path": str(suite),
                "tasks_dir": str(tasks[0].root.parent) if tasks else None,
                "tool_versions": tool_versions() | {"kotlinc": inputs["kotlinc"]},
                "inputs": inputs, "git_sha": git_sha(Path.cwd()), "argv": sys.argv,
                "started_at": datetime.now(timezone.utc).isoformat()})
        if not offline:
            _prepare_models(console, solver, run, replay)
        plan = RunPlan(_with_executor(suite_cfg, request.executor), tasks, run, solver,
                       make_opener(suite_cfg.sandbox, suite_cfg, run_id), max_attempts,
                       executor_address=request.ray_address)
        resume = (f"kateval run --suite {suite} --run-id {run_id}"
                  f"{' --offline' if offline else ''}")
        try:
            with _sigterm_as_interrupt():
                summary = execute(plan)
        except KeyboardInterrupt:
            write_summary(plan)
            # The process exits next. Its final garbage collection over everything loaded
            # took 2-3 s on a busy machine, more than the stop itself: results are on disk,
            # so leave the heap to the OS (atexit clean-up, containers included, still runs).
            gc.freeze()
            raise Interrupted(f"interrupted; finished samples are saved in {run.root}; resume "
                              f"with: {resume}") from None
        except KatevalError:
            write_summary(plan)
            raise
    (run.root / "report.md").write_text(markdown.render(summary, snapshot))
    console.print(results_table(summary))
    _print_headline(console, summary, run.root)
    return run.root


def _with_executor(suite: Suite, executor: str | None) -> Suite:
    if executor is None:
        return suite
    if executor not in EXECUTORS:
        raise ConfigError(f"--executor: unknown executor '{executor}' (allowed: "
                          f"{', '.join(EXECUTORS)})")
    return suite.model_copy(update={"executor": executor})


def _inputs(tasks: list[Task]) -> dict:
    """What a resumed run must find unchanged: every task's files and the compiler."""
    return {"tasks": {t.id: tree_hash(t.root) for t in tasks}, "kotlinc": _kotlinc_version()}


def _check_resume(run: RunDir, snapshot: dict, inputs: dict, force: bool) -> None:
    before = run.read_json("run.json")
    if before.get("config") != snapshot:
        raise ConfigError(f"--run-id: run {run.root.name} was started with a different config "
                          f"(see {run.root / 'run.json'}); pick a new --run-id")
    old = before.get("inputs")
    if old is None or force:
        return
    changed = sorted(t for t, h in inputs["tasks"].items() if old.get("tasks", {}).get(t) != h)
    what = [f"task files of {', '.join(changed)}"] if changed else []
    if old.get("kotlinc") != inputs["kotlinc"]:
        what.append(f"kotlinc {old.get('kotlinc')} -> {inputs['kotlinc']}")
    if what:
        raise ConfigError(f"--run-id: {'; '.join(what)} changed since run {run.root.name} "
                          "began; results would mix inputs: pick a new --run-id, or pass "
                          "--force to resume anyway")


@contextlib.contextmanager
def _sigterm_as_interrupt():
    """SIGTERM (how CI cancels a job) stops the run like Ctrl-C: clean-up runs, results stay."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _prepare_models(console: Console, solver, run: RunDir, replay: Path | None) -> None:
    """Attach the response cache (replay-only with --replay) and warn about silent endpoints."""
    if replay is not None:
        if not (Path(replay) / "cache").is_dir():
            raise ConfigError(f"--replay: {replay} has no cache/ folder; pass a run folder "
                              "made with models (not --offline)")
        solver.use_cache(ResponseCache(run.root / "cache", replay_only=True,
                                       sources=[Path(replay) / "cache"]))
        return
    solver.use_cache(ResponseCache(run.root / "cache"))
    for problem in solver.preflight():
        console.print(f"[yellow]warning:[/] {problem}; its samples will end as infra_error "
                      "and are retried on resume", highlight=False)


def _kotlinc_version() -> str | None:
    try:
        return kotlinc.version_of(kotlinc.locate())
    except Exception:
        return None


def _print_headline(console: Console, summary: dict, root: Path) -> None:
    rate = summary["pass_rate"]
    wall = summary["wall_time_per_sample_s"]["mean"]
    console.print(f"pass rate {summary['passed']}/{summary['graded']}"
                  f"{'' if rate is None else f' ({100 * rate:.1f}%)'}; "
                  f"infra errors {summary['infra_errors']}; "
                  f"{'' if wall is None else f'{wall:.1f}s per sample; '}run folder {root}")
    roles = summary.get("roles") or {}
    for role, acc in roles.items():
        console.print(f"{role}: {acc['calls']} calls, {acc['prompt_tokens']}+"
                      f"{acc['completion_tokens']} tokens, p50 {acc['latency_p50_s']}s, "
                      f"{acc['tokens_per_s_p50']} tok/s, {acc['retries']} retries, "
                      f"{acc['errors']} errors", highlight=False)
    if summary["infra_errors"]:
        console.print(f"[yellow]{summary['infra_errors']} samples hit infrastructure errors "
                      f"(not scored); re-run with --run-id {summary['run_id']} to retry them:[/]")
        for detail in summary.get("infra_error_details", []):
            console.print(f"  - {detail}", highlight=False, markup=False)


def _regrade(task: Task, sample_dir: Path, record: dict) -> dict:
    """The sample's record with every attempt graded again from its artifacts. The sample's
    status is that of its first passing attempt, else of its last."""
    attempts = []
    for old in record.get("attempts", []):
        attempt_dir = sample_dir / f"attempt-{old['attempt']}"
        if old["status"] in NOT_MODEL or not attempt_dir.is_dir():
            attempts.append(old)
            continue
        new = grade(task.spec, attempt_dir)
        attempts.append(old | {"status": new.status, "detail": new.detail, "counts": new.counts})
        if new.status == "passed":
            break
    if not attempts:
        return record
    last = attempts[-1]
    passed = last["status"] == "passed"
    return record | {"status": last["status"], "detail": last["detail"], "attempts": attempts,
                     "producer": last.get("producer", record.get("producer", "")),
                     "pass_attempt": len(attempts) if passed else None}


def rescore_command(console: Console, run_dir: Path) -> None:
    """Regrade every attempt from its artifacts and rewrite results.jsonl and summary.json."""
    run = RunDir(run_dir)
    meta = run.read_json("run.json")
    suite = Suite.model_validate(meta["config"]["suite"])
    tasks_dir = Path(meta["tasks_dir"])
    flips: list[str] = []
    records = run.latest_results()
    tasks = {t: load_task(tasks_dir / t) for t in sorted({k[0] for k in records})}
    with RunLock(run.root):
        for (task_id, sample), record in sorted(records.items()):
            if record["status"] in NOT_MODEL:
                continue
            new = _regrade(tasks[task_id], run.sample_dir(task_id, sample), record)
            if new != record:
                if new["status"] != record["status"]:
                    flips.append(f"{task_id}#{sample}: {record['status']} -> {new['status']}")
                run.append_result(new)
        max_attempts = 1 if meta["config"]["mode"] == "offline" else suite.max_attempts
        plan = RunPlan(suite, list(tasks.values()), run, None, None,  # type: ignore[arg-type]
                       max_attempts)
        summary = write_summary(plan)
    (run.root / "report.md").write_text(markdown.render(summary, meta["config"]))
    console.print(results_table(summary))
    for flip in flips:
        console.print(f"  flip {flip}", highlight=False, markup=False)
    console.print(f"rescored {len(records)} samples; {len(flips)} changed status")
