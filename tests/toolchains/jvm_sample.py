"""Build a small Kotlin sample with the real compiler and run its hidden tests in the real
test JVM (the toolchains' test steps, in the local bwrap sandbox), as evaluate would:
compiles with the workspace writable, the test step read-only with its reports outside the
workspace. A warm service compiles (conftest.compile_warm).

The harness's own checks (check-sources, check-classes) are not run here: these tests are
about what the test JVM stops at run time."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from kateval.grading import COUNTS_FILE, TestOutcome, read_junit_dir
from kateval.sandbox import ExecResult
from kateval.sandbox.local import LocalSandbox
from kateval.toolchains import Layout, Step, Timeouts, exec_step, kmp
from kateval.toolchains import installed
from tests.toolchains.conftest import compile_warm


@dataclass(frozen=True)
class Ran:
    root: Path
    """The sample's workspace."""
    reports: Path
    """The test step's report folder (outside the workspace)."""
    step: Step
    result: ExecResult
    tests: list[TestOutcome]

    @property
    def outcomes(self) -> dict[str, str]:
        return {t.name: t.outcome for t in self.tests}

    @property
    def counts(self) -> dict | None:
        path = self.reports / COUNTS_FILE
        return json.loads(path.read_text()) if path.is_file() else None

    def counted(self) -> dict:
        """What the reports hold, in the counts file's terms."""
        kinds = [t.outcome for t in self.tests]
        return {"tests": len(kinds), "passed": kinds.count("passed"),
                "failed": kinds.count("failed") + kinds.count("error"),
                "skipped": kinds.count("skipped")}


def write_tree(root: Path, sources: dict[str, str]) -> Path:
    for rel, text in sources.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def build(root: Path, paths: installed.ToolPaths, framework: str, reports: Path,
          test_s: float = 60) -> tuple[LocalSandbox, list[Step]]:
    """Compile the sample at `root`; the test steps still to run."""
    compile_warm(root, "jvm", paths, framework)
    timeouts = Timeouts(300, test_s)
    steps = kmp.test_steps(root, ["jvm"], paths, framework, Layout(reports=str(reports)), timeouts)
    return LocalSandbox(root, ro_paths=paths.mounts()), steps


def run_sample(tmp_path: Path, sources: dict[str, str], paths: installed.ToolPaths,
               framework: str = "junit4", test_s: float = 60) -> Ran:
    root = write_tree(tmp_path / "ws", sources)
    reports = tmp_path / "reports"
    sandbox, steps = build(root, paths, framework, reports, test_s)
    step = steps[0]
    result = exec_step(step, sandbox)
    return Ran(root, Path(step.outputs), step, result, read_junit_dir(Path(step.outputs)))
