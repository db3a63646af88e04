"""Mutants no test can kill, as a task's author has shown: `tasks/<id>/mutants.yaml`.

Some mutations change nothing a caller can see (`left <= 0` against `left < 0` where a zero
timeout returns at once), or nothing on one platform (Kotlin/JS reads `text[text.length]`
without an exception, so a bound check flipped there is invisible to the JS tests). Each such
mutant is named by file, line and change, with the reason, so a reviewer can check the claim:

    equivalent:
      - file: src/commonMain/kotlin/kateval/tasks/batching/Batching.kt
        line: 38
        change: "`<=` -> `<`"
        why: withTimeoutOrNull(0) returns null at once, so left == 0 breaks either way
      - file: src/commonMain/kotlin/kateval/tasks/lineinfo/Newlines.kt
        line: 11
        change: "`<` -> `<=`"
        targets: [js]
        why: Kotlin/JS reads text[text.length] as no character instead of throwing

A named mutant is never chosen (for `targets`, never counted on those targets), so the cap
picks another in its place. An entry that names no mutant (the gold solution changed) is
reported, so the list does not outlive its reasons.
"""

from __future__ import annotations

from pydantic import Field

from kateval.config import Strict, load_model
from kateval.tasks import Task

FILE = "mutants.yaml"


class Equivalent(Strict):
    file: str
    """The mutated file, relative to repo/."""
    line: int = Field(ge=1)
    change: str
    """The mutant's description as the report prints it, e.g. "`<=` -> `<`"."""
    column: int | None = Field(None, ge=1)
    """Only where one line holds the same change twice."""
    targets: list[str] | None = None
    """Only these targets cannot tell it apart; default: every target."""
    why: str = Field(min_length=10)
    """What makes it behave as the gold solution does: for the reviewer."""

    def names(self, path: str, line: int, column: int, change: str) -> bool:
        return (self.file, self.line, self.change) == (path, line, change) and \
            self.column in (None, column)


class MutantsFile(Strict):
    equivalent: list[Equivalent] = []


def load_equivalent(task: Task) -> list[Equivalent]:
    """The task's equivalent mutants; none without the file. A bad file is one ConfigError
    naming the file and the field."""
    path = task.root / FILE
    return load_model(path, MutantsFile).equivalent if path.is_file() else []
