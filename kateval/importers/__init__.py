"""`kateval import FORMAT SOURCE --into DIR`: a local copy of an existing benchmark as kateval
tasks, which then validate, run and report like ours. The benchmark's content stays the
user's: the importers read it from SOURCE and write only under DIR."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from kateval.importers import exercism, multipl_e, mxeval
from kateval.importers.common import NO_REFERENCE, BenchmarkError, ImportedTask, write_suite, \
    write_task

READERS: dict[str, Callable[[Path], list[ImportedTask]]] = {
    "exercism": exercism.read,
    "multipl-e": multipl_e.read,
    "mxeval": mxeval.read,
}
PATTERNS = {"exercism": "exercism-*", "multipl-e": "multipl-e-*", "mxeval": "mxeval-*"}


@dataclass(frozen=True)
class ImportResult:
    tasks: list[Path]
    no_reference: list[str]
    suite: Path


def import_benchmark(fmt: str, source: Path, into: Path) -> ImportResult:
    """Read every problem first (so a bad one writes nothing), then write the task folders."""
    if fmt not in READERS:
        raise BenchmarkError(f"unknown format '{fmt}' (choices: {', '.join(READERS)})")
    source = Path(source)
    if not source.exists():
        raise BenchmarkError(f"{source}: not found; give the path of a local copy of the "
                             f"{fmt} benchmark")
    tasks = READERS[fmt](source)
    into = Path(into)
    into.mkdir(parents=True, exist_ok=True)
    written = [write_task(into, task) for task in tasks]
    return ImportResult(written, [t.id for t in tasks if t.solution_files is None],
                        write_suite(into, fmt, PATTERNS[fmt]))


def import_command(console, fmt: str, source: Path, into: Path) -> ImportResult:
    result = import_benchmark(fmt, source, into)
    console.print(f"imported {len(result.tasks)} {fmt} task(s) into {into}")
    if result.no_reference:
        console.print(f"{len(result.no_reference)} task(s) have no reference solution (tag "
                      f"{NO_REFERENCE}); validate reports them as such: "
                      + ", ".join(result.no_reference[:5])
                      + (" ..." if len(result.no_reference) > 5 else ""))
    console.print(f"next: kateval validate --suite {result.suite} --write-expected", highlight=False)
    return result
