"""`kateval run`: plan, resume, execute and summarize a suite."""

from __future__ import annotations

import contextlib
import gc
import signal
import sys
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from rich.console import Console
from rich.table import Table

from kateval.commands.overrides import Overrides, quote
from kateval.config import Suite, load_models, load_suite
from kateval.errors import ConfigError, KatevalError
from kateval.executors import EXECUTORS
from kateval.models.cache import ResponseCache
from kateval.report import markdown
from kateval.report.engine import busy_lines
from kateval.runner import Interrupted, execute, write_summary
from kateval.sample import GoldSolver, RunPlan
from kateval.runs import (RunDir, RunLock, check_run_id, claim_new_run, config_difference,
                         ensure_writable, kateval_git_sha, tool_versions, tree_hash)
from kateval.sandbox.factory import SANDBOXES, make_opener
from kateval.tasks import Task, require_expected, select_tasks
from kateval.toolchains import installed, libraries

DEFAULT_MODELS, DEFAULT_RUNS = Path("models.yaml"), Path("runs")


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
    overrides: Overrides = field(default_factory=Overrides)
    """--task, --limit, --samples, --max-samples, --build-slots, --role."""
    judge_args: tuple[str, ...] = ()
    """Options that judge the finished run (the gate's), repeated in the resume hint."""


@dataclass(frozen=True)
class Prepared:
    """A run's effective suite, tasks, solver and config snapshot, before anything runs."""

    suite: Suite
    tasks: list[Task]
    solver: object
    snapshot: dict
    max_attempts: int


def _snapshot(suite: Suite, mode: str, models_dump: dict | None, overrides: dict) -> dict:
    snapshot = {"suite": suite.model_dump(mode="json"), "mode": mode, "sandbox": suite.sandbox,
                "models": models_dump}
    return snapshot | ({"overrides": overrides} if overrides else {})


def _make_solver(request: RunRequest, suite: Suite):
    if request.offline:
        return GoldSolver(), None
    models = request.overrides.apply_models(load_models(request.models), request.models)
    from kateval.pipeline import Pipeline

    return Pipeline.from_config(models, suite, request.suite), models.model_dump(mode="json")


def _check_request(request: RunRequest, suite: Suite) -> None:
    executor = _with_executor(suite, request.executor).executor
    if request.replay is not None and not (Path(request.replay) / "cache").is_dir():
        raise ConfigError(f"--replay: {request.replay} has no cache/ folder; pass a run folder "
                          "made with models (not --offline)")
    if request.replay is not None and executor == "ray":
        raise ConfigError("--replay: replays from this machine's run folder, so it needs "
                          "--executor local")
    if request.replay is not None and request.offline:
        raise ConfigError("--replay: replays model answers, so it cannot be combined with --offline")
    if request.offline and request.overrides.roles:
        raise ConfigError(f"--role {request.overrides.roles[0]}: --offline applies gold patches "
                          "and calls no model; drop --role or --offline")


def prepare(console: Console, request: RunRequest) -> Prepared:
    """Load and check everything a run needs; apply the command line's overrides."""
    suite_cfg = load_suite(request.suite)
    if request.sandbox:
        if request.sandbox not in SANDBOXES:
            raise ConfigError(f"--sandbox: unknown sandbox '{request.sandbox}' "
                              f"(allowed: {', '.join(SANDBOXES)})")
        suite_cfg = suite_cfg.model_copy(update={"sandbox": request.sandbox})
    _check_request(request, suite_cfg)
    suite_cfg, tasks, notes = request.overrides.apply_suite(
        suite_cfg, request.suite, select_tasks(suite_cfg, request.suite))
    if not tasks:
        raise ConfigError(f"{request.suite}: field 'tasks': selects no task; list task ids or "
                          "patterns such as '*'")
    for note in notes:
        console.print(f"[yellow]note:[/] {note}", highlight=False)
    require_expected(tasks)
    solver, models_dump = _make_solver(request, suite_cfg)
    mode = "offline" if request.offline else "models"
    snapshot = _snapshot(suite_cfg, mode, models_dump, request.overrides.record())
    return Prepared(suite_cfg, tasks, solver, snapshot,
                    1 if request.offline else suite_cfg.max_attempts)


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


def resume_hint(request: RunRequest, run_id: str) -> str:
    """The command line that resumes this run: every option that was given, and the run id."""
    args = ["kateval", "run", "--suite", str(request.suite), "--run-id", run_id]
    args += ["--offline"] if request.offline else []
    if not request.offline and request.models != DEFAULT_MODELS:
        args += ["--models", str(request.models)]
    if request.runs_dir != DEFAULT_RUNS:
        args += ["--runs-dir", str(request.runs_dir)]
    for flag, value in (("--sandbox", request.sandbox), ("--replay", request.replay),
                        ("--executor", request.executor), ("--ray-address", request.ray_address)):
        args += [flag, str(value)] if value else []
    return quote(args + request.overrides.argv() + list(request.judge_args))


def run_command(console: Console, request: RunRequest) -> Path | None:
    """Run (or resume) a suite; returns the run folder, or None for a dry run."""
    ready = prepare(console, request)
    if request.dry_run:
        run = RunDir(request.runs_dir / (check_run_id(request.run_id) if request.run_id
                                         else "dry-run"))
        plan = RunPlan(ready.suite, ready.tasks, run, ready.solver, lambda root: None,
                       ready.max_attempts)
        _print_dry_run(console, plan, ready.solver)
        return None
    ensure_writable(request.runs_dir, "the runs folder", "--runs-dir")
    libraries.prepare(ready.tasks)  # an unresolvable coordinate stops here, in one line
    run_id = (check_run_id(request.run_id) if request.run_id
              else claim_new_run(request.runs_dir, ready.suite.name))
    run = RunDir(request.runs_dir / run_id)
    with RunLock(run.root):
        _start_or_resume(console, request, ready, run)
        summary = _execute(console, request, ready, run)
    (run.root / "report.md").write_text(markdown.render(summary, ready.snapshot))
    console.print(results_table(summary))
    print_headline(console, summary, run.root)
    return run.root


def _start_or_resume(console: Console, request: RunRequest, ready: Prepared, run: RunDir) -> None:
    inputs = _inputs(ready.tasks)
    if run.exists():
        _check_resume(run, ready.snapshot, inputs, request.force)
        console.print(f"resuming run {run.root.name}")
        return
    run.write_json("run.json", {
        "run_id": run.root.name, "config": ready.snapshot, "suite_path": str(request.suite),
        "tasks_dir": str(ready.tasks[0].root.parent),
        "tool_versions": tool_versions() | {"kotlinc": inputs["kotlinc"]},
        "inputs": inputs, "git_sha": kateval_git_sha(), "argv": sys.argv,
        "started_at": datetime.now(timezone.utc).isoformat()})


def _execute(console: Console, request: RunRequest, ready: Prepared, run: RunDir) -> dict:
    if not request.offline:
        _prepare_models(console, ready.solver, run, request.replay)
    plan = RunPlan(_with_executor(ready.suite, request.executor), ready.tasks, run,
                   ready.solver,  # type: ignore[arg-type]
                   make_opener(ready.suite.sandbox, ready.suite, run.root.name),
                   ready.max_attempts, executor_address=request.ray_address)
    try:
        with _sigterm_as_interrupt():
            return execute(plan)
    except KeyboardInterrupt:
        write_summary(plan)
        # The process exits next. Its final garbage collection over everything loaded
        # took 2-3 s on a busy machine, more than the stop itself: results are on disk,
        # so leave the heap to the OS (atexit clean-up, containers included, still runs).
        gc.freeze()
        raise Interrupted(f"interrupted; finished samples are saved in {run.root}; resume "
                          f"with: {resume_hint(request, run.root.name)}") from None
    except KatevalError:
        write_summary(plan)
        raise


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
    differs = config_difference(before.get("config"), snapshot)
    if differs:
        raise ConfigError(f"--run-id: run {run.root.name} was started with a different config: "
                          f"{differs} (see {run.root / 'run.json'}); repeat the run's options, "
                          "or pick a new --run-id")
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
        return installed.version_of(installed.locate())
    except Exception:
        return None


def _role_line(role: str, acc: dict) -> str:
    """One role's calls, tokens, latency and speed; values that were not measured are left out."""
    parts = [f"{acc['calls']} calls", f"{acc['prompt_tokens']}+{acc['completion_tokens']} tokens"]
    if acc.get("latency_p50_s") is not None:
        parts.append(f"p50 {acc['latency_p50_s']:.2f}s")
    if acc.get("tokens_per_s_p50") is not None:
        parts.append(f"{acc['tokens_per_s_p50']:.1f} tok/s")
    parts += [f"{acc['retries']} retries", f"{acc['errors']} errors"]
    return f"{role}: {', '.join(parts)}"


def print_headline(console: Console, summary: dict, root: Path) -> None:
    rate = summary["pass_rate"]
    wall = summary["wall_time_per_sample_s"]["mean"]
    console.print(f"pass rate {summary['passed']}/{summary['graded']}"
                  f"{'' if rate is None else f' ({100 * rate:.1f}%)'}; "
                  f"infra errors {summary['infra_errors']}; "
                  f"{'' if wall is None else f'{wall:.1f}s a sample from start to grade, waits included; '}"
                  f"run folder {root}")
    for role, acc in (summary.get("roles") or {}).items():
        console.print(_role_line(role, acc), highlight=False)
    for line in busy_lines(summary):
        console.print(line, highlight=False, markup=False)
    if summary["infra_errors"]:
        console.print(f"[yellow]{summary['infra_errors']} samples hit infrastructure errors "
                      f"(not scored); re-run with --run-id {summary['run_id']} to retry them:[/]")
        for detail in summary.get("infra_error_details", []):
            console.print(f"  - {detail}", highlight=False, markup=False)
