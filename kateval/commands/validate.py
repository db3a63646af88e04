"""`kateval validate`: a task is valid when its hidden tests fail on the base repo and pass
with the gold patch, twice in a row, on every target."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from kateval.config import load_suite
from kateval.errors import KatevalError
from kateval.evaluate import SandboxOpener, Timeouts, evaluate_patch
from kateval.runs import new_run_id
from kateval.sandbox.factory import make_opener
from kateval.tasks import Task, select_tasks

BASE_MUST_BE = ("tests_failed", "build_failed")


@dataclass(frozen=True)
class Validation:
    task: str
    base: str
    gold: tuple[str, str]
    problem: str | None


def validate_task(task: Task, out_dir: Path, opener: SandboxOpener, timeouts: Timeouts) -> Validation:
    base = evaluate_patch(task, None, out_dir / "base", opener, timeouts)
    gold = [evaluate_patch(task, task.gold_patch, out_dir / f"gold-{i}", opener, timeouts)
            for i in (1, 2)]
    problem = None
    if base.status not in BASE_MUST_BE:
        problem = f"hidden tests do not fail on the base repo ({base.status}: {base.detail})"
    elif any(g.status != "passed" for g in gold):
        statuses = [g.status for g in gold]
        problem = ("flaky gold patch" if "passed" in statuses else "gold patch fails") + \
            f" ({'; '.join(f'{g.status}: {g.detail}' for g in gold)})"
    return Validation(task.id, base.status, (gold[0].status, gold[1].status), problem)


def validate_command(console: Console, *, suite_path: Path, only: list[str], runs_dir: Path) -> None:
    suite = load_suite(suite_path)
    if only:
        suite = suite.model_copy(update={"tasks": only})
    tasks = select_tasks(suite, suite_path)
    out = runs_dir / f"validate-{new_run_id(suite.name)}"
    opener = make_opener(suite.sandbox, suite, out.name)
    with console.status(f"validating {len(tasks)} tasks ..."), \
            ThreadPoolExecutor(suite.concurrency) as pool:
        results = list(pool.map(
            lambda t: validate_task(t, out / t.id, opener, Timeouts(
                suite.build_timeout_s or t.spec.timeouts.build_s,
                suite.test_timeout_s or t.spec.timeouts.test_s)), tasks))
    table = Table(title=f"validation of {suite.name} ({out})")
    for column in ("task", "base", "gold x2", "verdict"):
        table.add_column(column)
    for v in results:
        table.add_row(v.task, v.base, "/".join(v.gold), v.problem or "valid")
    console.print(table)
    bad = [v for v in results if v.problem]
    if bad:
        raise KatevalError(f"{len(bad)} invalid or flaky task(s): "
                           + "; ".join(f"{v.task}: {v.problem}" for v in bad))
    console.print(f"all {len(results)} tasks valid")
