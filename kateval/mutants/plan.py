"""From a task's gold patch to its mutants: each one the gold patch with one mutation, as a
patch against repo/ that grades like any sample.

Only the lines the gold patch adds are mutated, in the .kt files it writes that the task lets a
model edit (never a test source set): the task's given code is not the solution, and mutating
it measures nothing about the hidden tests. A task gets at most `limit` mutants, spread over
the operators round-robin and, within one operator, evenly over the file order: the same task
and limit always give the same mutants.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from unidiff import PatchSet

from kateval import workspace
from kateval.mutants.equivalent import Equivalent, load_equivalent
from kateval.mutants.operators import OPERATORS, Mutation, find_mutations
from kateval.patchcheck import outside_editable
from kateval.tasks import Task

_TEST_SET = re.compile(r"(^|/)(src/[^/]*Test|test|tests)/")
_SOURCE_SET = re.compile(r"(?:^|/)src/([A-Za-z0-9]+)Main/")


def reaching(path: str, targets: list[str]) -> tuple[str, ...]:
    """The targets whose build compiles `path`: its platform's own source set (jvmMain), or
    every target for commonMain and any source set that names no target."""
    match = _SOURCE_SET.search(path)
    if match is not None and match.group(1) in targets:
        return (match.group(1),)
    return tuple(targets)


@dataclass(frozen=True)
class Mutant:
    id: str
    operator: str
    file: str
    line: int
    column: int
    description: str
    patch: str
    """Against repo/: what is graded."""
    diff: str
    """Gold solution -> mutant: what a reader needs to see."""
    targets: tuple[str, ...] = ()
    """The targets that compile its file: a jvmMain mutant says nothing of the JS tests."""

    def summary(self) -> dict:
        return {"id": self.id, "operator": self.operator, "file": self.file, "line": self.line,
                "column": self.column, "description": self.description, "diff": self.diff,
                "reaches": list(self.targets)}


@dataclass(frozen=True)
class Plan:
    mutants: list[Mutant]
    sites: dict[str, int]
    """Operator -> how many mutations its sites allow (before the cap)."""
    equivalent: int = 0
    """Mutations left out as equivalent on every target (mutants.yaml)."""
    unmatched: list[dict] = field(default_factory=list)
    """mutants.yaml entries that name no mutation of the gold solution."""


@dataclass(frozen=True)
class Site:
    path: str
    mutation: Mutation
    targets: tuple[str, ...]


def added_lines(gold_patch: str, editable: list[str]) -> dict[str, set[int]]:
    """Kotlin file -> the line numbers (in the patched file) the gold patch adds, for files a
    model may edit and that are not tests."""
    found: dict[str, set[int]] = {}
    for patched in PatchSet(gold_patch):
        path = patched.path
        if patched.is_removed_file or not path.endswith(".kt") or _TEST_SET.search(path) \
                or outside_editable([path], editable):
            continue
        lines = {line.target_line_no for hunk in patched for line in hunk if line.is_added}
        if lines:
            found[path] = lines
    return found


def _spread(count: int, take: int) -> list[int]:
    """`take` indices out of range(count), evenly spaced, the first and last included."""
    if take >= count:
        return list(range(count))
    if take == 1:
        return [count // 2]
    return sorted({round(i * (count - 1) / (take - 1)) for i in range(take)})


def choose(found: dict[str, list[Site]], limit: int) -> list[Site]:
    """At most `limit` mutations: a share for each operator in turn, then spread in each."""
    quota = {op: 0 for op in OPERATORS}
    while sum(quota.values()) < limit and any(quota[op] < len(found.get(op, []))
                                              for op in OPERATORS):
        for op in OPERATORS:
            if sum(quota.values()) < limit and quota[op] < len(found.get(op, [])):
                quota[op] += 1
    chosen = []
    for op in OPERATORS:
        candidates = found.get(op, [])
        chosen += [candidates[i] for i in _spread(len(candidates), quota[op])]
    return chosen


def _reader_diff(path: str, gold: bytes, mutant: bytes) -> str:
    lines = difflib.unified_diff(gold.decode("utf-8", "replace").splitlines(keepends=True),
                                 mutant.decode("utf-8", "replace").splitlines(keepends=True),
                                 f"gold/{path}", f"mutant/{path}", n=1)
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _site(path: str, mutation: Mutation, targets: tuple[str, ...],
          equivalents: list[Equivalent], used: set[int]) -> Site | None:
    """The mutation with the targets that can tell it apart; None when no target can."""
    for index, entry in enumerate(equivalents):
        if entry.names(path, mutation.line, mutation.column, mutation.description):
            used.add(index)
            targets = () if entry.targets is None else \
                tuple(t for t in targets if t not in entry.targets)
    return Site(path, mutation, targets) if targets else None


def plan_mutants(task: Task, limit: int, scratch: Path) -> Plan:
    """The task's mutants; `scratch` is a folder of the caller's for the gold work tree."""
    equivalents = load_equivalent(task)
    repo = workspace.create(task, scratch / "gold")
    applied = workspace.apply_patch(repo, task.gold_patch, task.spec.editable)
    if not applied.ok:
        raise RuntimeError(f"the gold patch does not apply: {applied.log.strip()[:300]}")
    root = Path(repo.working_tree_dir)
    found: dict[str, list[Site]] = {op: [] for op in OPERATORS}
    sources, used, left_out = {}, set(), 0
    for path, lines in sorted(added_lines(task.gold_patch, task.spec.editable).items()):
        sources[path] = (root / path).read_bytes()
        reaches = reaching(path, list(task.spec.targets))
        for op, mutations in find_mutations(sources[path], lines).items():
            sites = [_site(path, m, reaches, equivalents, used) for m in mutations]
            found[op] += [site for site in sites if site is not None]
            left_out += sites.count(None)
    mutants = []
    for number, site in enumerate(choose(found, limit), start=1):
        path, mutation = site.path, site.mutation
        changed = mutation.apply(sources[path])
        (root / path).write_bytes(changed)
        try:
            patch = workspace.diff(repo)
        finally:
            (root / path).write_bytes(sources[path])
        mutants.append(Mutant(f"m{number:02d}", mutation.operator, path, mutation.line,
                              mutation.column, mutation.description, patch,
                              _reader_diff(path, sources[path], changed), site.targets))
    unmatched = [e.model_dump(exclude_none=True) for i, e in enumerate(equivalents)
                 if i not in used]
    return Plan(mutants, {op: len(found[op]) for op in OPERATORS}, left_out, unmatched)
