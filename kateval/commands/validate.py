"""`kateval validate`: a task is valid when its hidden tests fail on the base repo, pass with
the gold patch twice in a row (`--gold-runs`) on every target, and its expected.json lists
exactly the tests that the gold run reports (`--write-expected` writes it)."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from rich.console import Console
from rich.table import Table

from kateval.budgets import cores_available
from kateval.commands.mutants import MutantOptions, check_equivalents, run_mutants
from kateval.config import load_suite
from kateval.errors import KatevalError
from kateval.evaluate import Timeouts, evaluate_patch
from kateval.sandbox import SandboxOpener
from kateval.grading import Grade, grade
from kateval.importers.common import NO_REFERENCE
from kateval.runs import ensure_writable, new_run_id
from kateval.sandbox.factory import make_opener
from kateval.tasks import Task, select_tasks
from kateval.toolchains import libraries

BASE_MUST_BE = ("tests_failed", "build_failed")


@dataclass(frozen=True)
class Validation:
    task: str
    base: str
    gold: tuple[str, ...]
    problem: str | None
    expected: str = "current"


def reported_tests(g: Grade) -> dict[str, list[str]]:
    """target -> the passing tests of a gold run: what expected.json must hold."""
    found: dict[str, set[str]] = {target: set() for target in g.targets}
    for test in g.tests:
        if test.outcome == "passed":
            found.setdefault(test.target, set()).add(test.name)
    return {target: sorted(names) for target, names in sorted(found.items())}


def _expected_problem(task: Task, wanted: dict[str, list[str]]) -> str | None:
    current = task.expected
    if current is None:
        return "expected.json missing"
    if current == wanted:
        return None
    changes = []
    for target in sorted(set(current) | set(wanted)):
        added = set(wanted.get(target, [])) - set(current.get(target, []))
        gone = set(current.get(target, [])) - set(wanted.get(target, []))
        if added or gone:
            changes.append(f"{target}: {len(added)} tests added, {len(gone)} gone")
    return "expected.json is stale (" + "; ".join(changes) + ")"


def write_expected(task: Task, tests: dict[str, list[str]]) -> None:
    task.expected_path.write_text(json.dumps(tests, indent=2, sort_keys=True) + "\n",
                                  encoding="utf-8")


def validate_task(task: Task, out_dir: Path, opener: SandboxOpener, timeouts: Timeouts,
                  rewrite: bool = False, gold_runs: int = 2) -> Validation:
    """One task's verdict; a harness error is that task's problem, never the others'."""
    try:
        return _validate(task, out_dir, opener, timeouts, rewrite, gold_runs)
    except Exception as exc:  # a task folder that vanished, a crashed sandbox, ...
        return Validation(task.id, "error", ("error", "error"),
                          f"harness error: {type(exc).__name__}: {exc}", "unchanged")


def grade_base(task: Task, out_dir: Path, opener: SandboxOpener, timeouts: Timeouts) -> Grade:
    """The base repo, graded. Its verdict needs one target whose hidden tests fail, so the
    JVM goes first, alone: only when its tests pass there do the other targets run too."""
    targets = list(task.spec.targets)
    if "jvm" in targets and len(targets) > 1:
        alone = replace(task, spec=task.spec.model_copy(update={"targets": ["jvm"]}))
        jvm = evaluate_patch(alone, None, out_dir / "base-jvm", opener, timeouts)
        if jvm.status == "build_failed" or (jvm.status in BASE_MUST_BE and
                                            jvm.targets.get("jvm", {}).get("status") != "passed"):
            return jvm
    return evaluate_patch(task, None, out_dir / "base", opener, timeouts)


def _validate(task: Task, out_dir: Path, opener: SandboxOpener, timeouts: Timeouts,
              rewrite: bool, gold_runs: int) -> Validation:
    base = grade_base(task, out_dir, opener, timeouts)
    if NO_REFERENCE in task.spec.tags:
        # An imported problem whose benchmark has none: its solution.patch is a placeholder,
        # so running it would only say "gold patch fails".
        problem = "no reference solution (the source benchmark has none)"
        if base.status not in BASE_MUST_BE:
            problem += f"; hidden tests do not fail on the base repo ({base.status})"
        return Validation(task.id, base.status, ("none",), problem, "unchanged")
    runs = range(1, gold_runs + 1)
    for i in runs:
        evaluate_patch(task, task.gold_patch, out_dir / f"gold-{i}", opener, timeouts)
    # Graded again without expected.json: the gold runs are what it is checked against.
    gold = [grade(task.spec, out_dir / f"gold-{i}") for i in runs]
    problem, expected_state = None, "current"
    lists = [reported_tests(g) for g in gold]
    if base.status not in BASE_MUST_BE:
        problem = f"hidden tests do not fail on the base repo ({base.status}: {base.detail})"
    elif any(g.status != "passed" for g in gold):
        statuses = [g.status for g in gold]
        problem = ("flaky gold patch" if "passed" in statuses else "gold patch fails") + \
            f" ({'; '.join(f'{g.status}: {g.detail}' for g in gold)})"
    elif any(other != lists[0] for other in lists[1:]):
        problem = "flaky gold patch (the two gold runs report different tests)"
    elif rewrite:
        if _expected_problem(task, lists[0]) is not None:
            write_expected(task, lists[0])
            expected_state = "written"
    elif (why := _expected_problem(task, lists[0])) is not None:
        problem = f"{why}; run `kateval validate --write-expected --task {task.id}`"
        expected_state = "stale"
    return Validation(task.id, base.status, tuple(g.status for g in gold), problem,
                      expected_state)


def validate_command(console: Console, *, suite_path: Path, only: list[str], runs_dir: Path,
                     write_expected: bool = False, gold_runs: int = 2,
                     mutants: MutantOptions | None = None) -> None:
    suite = load_suite(suite_path)
    if only:
        suite = suite.model_copy(update={"tasks": only})
    tasks = select_tasks(suite, suite_path)
    ensure_writable(runs_dir, "the runs folder", "--runs-dir")
    if mutants is not None:
        check_equivalents(tasks)
    libraries.prepare(tasks)  # an unresolvable coordinate stops here, in one line
    out = runs_dir / f"validate-{new_run_id(suite.name)}"
    opener = make_opener(suite.sandbox, suite, out.name)
    slots = suite.build_slots or cores_available()

    def timeouts(t: Task) -> Timeouts:
        return Timeouts(suite.build_timeout_s or t.spec.timeouts.build_s,
                        suite.test_timeout_s or t.spec.timeouts.test_s)

    with console.status(f"validating {len(tasks)} tasks ..."), ThreadPoolExecutor(slots) as pool:
        results = list(pool.map(
            lambda t: validate_task(t, out / t.id, opener, timeouts(t), write_expected, gold_runs),
            tasks))
    table = Table(title=f"validation of {suite.name} ({out})")
    for column in ("task", "base", f"gold x{gold_runs}", "expected", "verdict"):
        table.add_column(column)
    for v in results:
        table.add_row(v.task, v.base, "/".join(v.gold), v.expected, v.problem or "valid")
    console.print(table)
    bad = [v for v in results if v.problem]
    weak: list[str] = []
    if mutants is not None:  # only a valid task's gold passes: its mutants then say something
        valid = [t for t, v in zip(tasks, results) if not v.problem]
        weak = run_mutants(console, valid, out, opener, timeouts, slots, mutants)
    if bad:
        raise KatevalError(f"{len(bad)} invalid or flaky task(s): "
                           + "; ".join(f"{v.task}: {v.problem}" for v in bad)
                           + (f"; and {len(weak)} with weak tests" if weak else ""))
    console.print(f"all {len(results)} tasks valid")
    if weak:
        raise KatevalError(f"{len(weak)} task(s) failed the mutant check: "
                           + "; ".join(weak))
