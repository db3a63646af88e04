"""Task discovery and loading: tasks/<id>/{task.yaml, instruction.md, repo/, hidden/, solution.patch}."""

from __future__ import annotations

import fnmatch
import json
from dataclasses import dataclass
from pathlib import Path

from kateval.buildlogic import covered
from kateval.config import Suite, TaskSpec, load_model
from kateval.deps.buildfile import disagreement
from kateval.edits.chat import MalformedEdit, extract_udiff
from kateval.errors import ConfigError

REQUIRED = ("task.yaml", "instruction.md", "repo", "hidden", "solution.patch")


@dataclass(frozen=True)
class Task:
    """A task on disk plus its parsed spec."""

    spec: TaskSpec
    root: Path

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def repo(self) -> Path:
        return self.root / "repo"

    @property
    def hidden(self) -> Path:
        return self.root / "hidden"

    @property
    def instruction(self) -> str:
        return (self.root / "instruction.md").read_text(encoding="utf-8")

    @property
    def gold_patch(self) -> str:
        return (self.root / "solution.patch").read_text(encoding="utf-8")

    @property
    def expected_path(self) -> Path:
        return self.root / EXPECTED

    @property
    def expected(self) -> dict[str, list[str]] | None:
        """The tests the hidden suite holds, per target (expected.json), or None if unwritten."""
        return read_expected(self.expected_path)


EXPECTED = "expected.json"


def read_expected(path: Path) -> dict[str, list[str]] | None:
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid JSON ({exc}); rewrite it with "
                          "`kateval validate --write-expected`") from None
    if not isinstance(data, dict) or not all(
            isinstance(v, list) and all(isinstance(n, str) for n in v) for v in data.values()):
        raise ConfigError(f"{path}: expected a mapping of target to a list of test names; "
                          "rewrite it with `kateval validate --write-expected`")
    return {target: sorted(names) for target, names in data.items()}


def load_task(root: Path) -> Task:
    root = Path(root)
    if not root.is_dir():
        raise ConfigError(f"{root}: task folder not found; check the task id and tasks_dir")
    for name in REQUIRED:
        if not (root / name).exists():
            raise ConfigError(f"{root / name}: missing; every task needs {', '.join(REQUIRED)}")
    spec = load_model(root / "task.yaml", TaskSpec)
    if spec.id != root.name:
        raise ConfigError(f"{root / 'task.yaml'}: field 'id': '{spec.id}' must equal the "
                          f"folder name '{root.name}'")
    if problem := disagreement(spec, root / "repo"):
        raise ConfigError(f"task {spec.id}: {problem}")
    _check_gold_patch(root / "solution.patch")
    if found := covered(spec.editable, root / "repo"):
        glob, path = found[0]
        raise ConfigError(f"{root / 'task.yaml'}: field 'editable': '{glob}' covers {path}, build "
                          "logic, which is never editable; name only the source sets the model "
                          "writes (e.g. src/commonMain/**)")
    return Task(spec=spec, root=root)


def _check_gold_patch(path: Path) -> None:
    """A gold patch that is not a diff would grade every offline sample patch_failed."""
    try:
        extract_udiff(path.read_text(encoding="utf-8", errors="replace"))
    except MalformedEdit:
        raise ConfigError(f"{path}: not a unified diff (it needs ---/+++ headers and an @@ "
                          "hunk); regenerate it with `git diff` in the task's repo") from None


def require_expected(tasks: list[Task]) -> None:
    """A run grades by each task's expected tests: refuse tasks that have none yet."""
    missing = [t for t in tasks if t.expected is None]
    if missing:
        ids = " ".join(f"--task {t.id}" for t in missing[:5])
        raise ConfigError(f"{missing[0].expected_path}: missing ({len(missing)} task(s) without "
                          f"expected tests); write it with `kateval validate --write-expected {ids}`")


def tasks_dir(suite: Suite, suite_path: Path) -> Path:
    return (Path(suite_path).parent / suite.tasks_dir).resolve()


def select_tasks(suite: Suite, suite_path: Path) -> list[Task]:
    """The suite's tasks in a stable order. A pattern that matches nothing is an error."""
    base = tasks_dir(suite, suite_path)
    if not base.is_dir():
        raise ConfigError(f"{suite_path}: field 'tasks_dir': folder {base} not found")
    available = sorted(p.name for p in base.iterdir() if (p / "task.yaml").exists())
    chosen: list[str] = []
    for pattern in suite.tasks:
        matches = fnmatch.filter(available, pattern)
        if not matches:
            if any(ch in pattern for ch in "*?["):
                raise ConfigError(f"{suite_path}: field 'tasks': pattern '{pattern}' matches "
                                  f"no task in {base}")
            raise ConfigError(f"{suite_path}: field 'tasks': task folder {base / pattern} not "
                              "found; fix the id or add the task")
        chosen += [m for m in matches if m not in chosen]
    return [load_task(base / name) for name in chosen]
