"""`kateval validate --mutants`: how strong are a task's hidden tests? Each mutant (the gold
patch with one small mistake, kateval/mutants/) is graded exactly as a sample is; the hidden
tests kill it when it grades anything but `passed`.

A mutant that does not compile (`build_failed`) is stillborn and counted nowhere: no test could
have caught it. One the harness could not grade (`infra_error`) is an error, also outside the
share, and fails the check, since the measurement is then incomplete. The share is kept per
target, read from the grade's per-target statuses: a mistake can pass the JS tests and fail the
JVM's. A mutant that timed out killed every target: a sample that does the same fails.

A mistake often loops forever, and a loop burns its core for the whole test timeout: a mutant's
test steps get at most SLOWER times the slowest test step of the task's gold runs (never below
MIN_TEST_S, never above the task's own limit).
"""

from __future__ import annotations

import json
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from rich.console import Console

from kateval.commands.tables import Column, fitted
from kateval.evaluate import Timeouts, evaluate_patch, write_json
from kateval.grading import Grade
from kateval.mutants.equivalent import load_equivalent
from kateval.mutants.plan import Mutant, Plan, plan_mutants
from kateval.sandbox import SandboxOpener
from kateval.tasks import Task

REPORT = "mutants.json"
SLOWER = 5
MIN_TEST_S = 20.0


@dataclass(frozen=True)
class MutantOptions:
    max_mutants: int = 12
    min_kill: float = 0.8


@dataclass(frozen=True)
class Outcome:
    mutant: Mutant
    outcome: str
    """killed | survived | stillborn | error"""
    status: str
    detail: str
    targets: dict[str, str] = field(default_factory=dict)
    """Target -> killed | survived, for mutants that compiled, in the targets their file
    reaches (a jvmMain mutant is not counted against the JS tests)."""

    def to_dict(self) -> dict:
        return {**self.mutant.summary(), "outcome": self.outcome, "status": self.status,
                "detail": self.detail, "targets": self.targets}


def classify(mutant: Mutant, grade: Grade) -> Outcome:
    if grade.status == "build_failed":
        return Outcome(mutant, "stillborn", grade.status, grade.detail)
    if grade.status not in ("passed", "tests_failed", "timeout"):
        return Outcome(mutant, "error", grade.status, grade.detail)  # never the mutant's doing
    per_target = {}
    for target in mutant.targets:
        status = grade.targets.get(target, {}).get("status")
        per_target[target] = "survived" if status == "passed" else "killed"
    outcome = "survived" if grade.status == "passed" else "killed"
    return Outcome(mutant, outcome, grade.status, grade.detail, per_target)


@dataclass(frozen=True)
class TaskMutants:
    task: Task
    plan: Plan
    outcomes: list[Outcome]
    error: str | None = None

    @property
    def compiling(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.outcome in ("killed", "survived")]

    def kill(self) -> dict[str, dict]:
        """Target -> killed, compiling, and the share (None without compiling mutants)."""
        shares = {}
        for target in self.task.spec.targets:
            reached = [o for o in self.compiling if target in o.targets]
            killed = sum(o.targets[target] == "killed" for o in reached)
            shares[target] = {"killed": killed, "compiling": len(reached),
                              "rate": round(killed / len(reached), 3) if reached else None}
        return shares

    def problem(self, min_kill: float) -> str | None:
        if self.error:
            return f"mutants not made: {self.error}"
        errors = [o for o in self.outcomes if o.outcome == "error"]
        if errors:
            return (f"{len(errors)} mutant(s) not graded ({errors[0].status}: "
                    f"{errors[0].detail[:200]})")
        weak = [f"{target} kills {share['killed']}/{share['compiling']}"
                for target, share in self.kill().items()
                if share["rate"] is not None and share["rate"] < min_kill]
        return f"{', '.join(weak)} compiling mutants, below {min_kill:g}" if weak else None

    def to_dict(self, min_kill: float) -> dict:
        return {"task": self.task.id, "sites": self.plan.sites, "error": self.error,
                "equivalent": self.plan.equivalent, "unmatched": self.plan.unmatched,
                "made": len(self.outcomes), "kill": self.kill(),
                "stillborn": sum(o.outcome == "stillborn" for o in self.outcomes),
                "problem": self.problem(min_kill),
                "mutants": [o.to_dict() for o in self.outcomes]}


def mutant_timeouts(task_timeouts: Timeouts, task_out: Path) -> Timeouts:
    """The task's timeouts, the tests' cut to what its gold runs (gold-N/ in `task_out`) took."""
    durations = []
    for steps in sorted(task_out.glob("gold-*/steps.json")):
        try:
            durations += [float(s["duration_s"]) for s in json.loads(steps.read_text())
                          if s.get("phase") == "test"]
        except (OSError, ValueError, KeyError, TypeError):
            continue  # our own file, but a missing figure only means no cut
    if not durations:
        return task_timeouts
    test_s = min(task_timeouts.test_s, max(MIN_TEST_S, SLOWER * max(durations)))
    return Timeouts(task_timeouts.build_s, test_s)


def check_equivalents(tasks: list[Task]) -> None:
    """Read every task's mutants.yaml before anything compiles: a bad one is bad input, one
    ConfigError naming the file and field, not a verdict found after the gold runs."""
    for task in tasks:
        load_equivalent(task)


def _plan(task: Task, limit: int) -> tuple[Plan, str | None]:
    try:
        with tempfile.TemporaryDirectory(prefix=f"kateval-mutants-{task.id}-") as scratch:
            return plan_mutants(task, limit, Path(scratch)), None
    except Exception as exc:  # one task's broken patch or mutants.yaml is that task's problem
        return Plan([], {}), f"{type(exc).__name__}: {exc}"


def _grade(task: Task, mutant: Mutant, out: Path, opener: SandboxOpener,
           timeouts: Timeouts) -> Outcome:
    attempt = out / task.id / "mutants" / mutant.id
    try:
        grade = evaluate_patch(task, mutant.patch, attempt, opener, timeouts)
    except Exception as exc:  # a crashed sandbox: the harness's, never the mutant's
        return Outcome(mutant, "error", "infra_error", f"{type(exc).__name__}: {exc}")
    (attempt / "mutant.diff").write_text(mutant.diff, encoding="utf-8")
    return classify(mutant, grade)


def run_mutants(console: Console, tasks: list[Task], out: Path, opener: SandboxOpener,
                timeouts_of: Callable[[Task], Timeouts], slots: int,
                options: MutantOptions) -> list[str]:
    """Make, grade and report every task's mutants; the problems, one line per weak task."""
    plans = {task.id: _plan(task, options.max_mutants) for task in tasks}
    jobs = [(task, mutant) for task in tasks for mutant in plans[task.id][0].mutants]
    with console.status(f"grading {len(jobs)} mutants of {len(tasks)} tasks ..."), \
            ThreadPoolExecutor(slots) as pool:
        graded = list(pool.map(lambda job: _grade(*job, out, opener, mutant_timeouts(
            timeouts_of(job[0]), out / job[0].id)), jobs))
    results = []
    for task in tasks:
        plan, error = plans[task.id]
        outcomes = [o for (owner, _), o in zip(jobs, graded) if owner.id == task.id]
        results.append(TaskMutants(task, plan, outcomes, error))
    write_json(out / REPORT, {"max_mutants": options.max_mutants, "min_kill": options.min_kill,
                              "tasks": [r.to_dict(options.min_kill) for r in results]})
    _print(console, results, options, out / REPORT)
    return [f"{r.task.id}: {why}" for r in results if (why := r.problem(options.min_kill))]


def _share(share: dict | None) -> str:
    if share is None:
        return ""
    if share["rate"] is None:
        return "-"
    return f"{share['killed']}/{share['compiling']} {share['rate']:.0%}"


def _print(console: Console, results: list[TaskMutants], options: MutantOptions,
           report: Path) -> None:
    targets = list(dict.fromkeys(t for r in results for t in r.task.spec.targets))
    columns = [Column("task", fold=True), Column("made"), Column("stillborn", drop=2),
               Column("equivalent", drop=1),
               *(Column(f"{t} killed") for t in targets), Column("verdict", fold=True)]
    rows = [[r.task.id, str(len(r.outcomes)),
             str(sum(o.outcome == "stillborn" for o in r.outcomes)), str(r.plan.equivalent),
             *(_share(r.kill().get(t)) for t in targets),
             r.problem(options.min_kill) or "ok"] for r in results]
    console.print(fitted(console, f"mutants (at most {options.max_mutants} a task; {report})",
                         columns, rows))
    for result in results:
        for entry in result.plan.unmatched:
            console.print(f"{result.task.id}: mutants.yaml names no mutant at {entry['file']}:"
                          f"{entry['line']} {entry['change']}: remove the entry or fix it",
                          markup=False, highlight=False, soft_wrap=True)
        for o in result.compiling:
            alive = [t for t, verdict in o.targets.items() if verdict == "survived"]
            if alive:
                m = o.mutant
                console.print(f"{result.task.id} {m.id} survives on {', '.join(alive)}: "
                              f"{m.operator} {m.file}:{m.line} {m.description}",
                              markup=False, highlight=False, soft_wrap=True)
                console.print(m.diff, markup=False, highlight=False, soft_wrap=True)
