"""Evaluate one attempt: workspace, patch, hidden tests, sandboxed build and test, artifacts, grade."""

from __future__ import annotations

import json
import secrets
import shutil
import tempfile
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from kateval import workspace
from kateval.grading import Grade, grade
from kateval.sandbox import Sandbox
from kateval.tasks import Task
from kateval.toolchains import Layout, Step, Timeouts, Toolchain

SandboxOpener = Callable[[Path], tuple[Sandbox, Toolchain]]
__all__ = ["SandboxOpener", "Timeouts", "evaluate_patch", "write_json"]


def write_json(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
    tmp.replace(path)


def _run_steps(sandbox: Sandbox, toolchain: Toolchain, steps: list[Step], attempt_dir: Path,
               before_tests: Callable[[], None]) -> list[dict]:
    records = []
    with open(attempt_dir / "build.log", "w", encoding="utf-8") as log:
        for index, step in enumerate(steps):
            if step.phase == "test" and (index == 0 or steps[index - 1].phase != "test"):
                before_tests()
            log.write(f"=== {step.name}\n")
            try:
                result = toolchain.run(step, sandbox)
            except Exception as exc:  # a crashed sandbox is the harness's failure
                records.append({"name": step.name, "phase": step.phase, "target": step.target,
                                "returncode": -1,
                                "timed_out": False, "duration_s": 0.0,
                                "infra_error": f"{type(exc).__name__}: {exc}"})
                log.write(getattr(exc, "output", ""))  # e.g. Gradle's own account of a crash
                log.write(traceback.format_exc())
                break
            log.write(result.stdout)
            log.write(result.stderr)
            log.write(f"\n=== {step.name}: exit {result.returncode}"
                      f"{' (timed out)' if result.timed_out else ''} in {result.duration_s:.1f}s\n")
            records.append({"name": step.name, "phase": step.phase, "target": step.target,
                            "returncode": result.returncode, "timed_out": result.timed_out,
                            "duration_s": round(result.duration_s, 3),
                            "truncated": result.truncated})
            # A failed build ends the attempt; a failed test run still lets the other
            # targets' tests run, so results are complete per target.
            if result.timed_out or (result.returncode != 0 and step.phase == "build"):
                break
    return records


MAX_REPORT_BYTES = 20_000_000


def copy_reports(src: Path, dest: Path) -> None:
    """Copy the JUnit XML the sandbox wrote. Model code controls that folder, so only regular
    files are taken (a symlink could point at a host file or /dev/zero), with a size cap."""
    if not src.is_dir() or src.is_symlink():
        return
    dest.mkdir(parents=True, exist_ok=True)
    for path in sorted(src.iterdir()):
        if path.is_symlink() or not path.is_file() or path.suffix != ".xml":
            continue
        if path.stat().st_size <= MAX_REPORT_BYTES:
            shutil.copyfile(path, dest / path.name, follow_symlinks=False)


def evaluate_patch(task: Task, patch: str | None, attempt_dir: Path, open_sandbox: SandboxOpener,
                   timeouts: Timeouts) -> Grade:
    """Apply `patch` to a fresh copy of the task and grade it; artifacts go to attempt_dir.

    `patch=None` grades the base repo as given (used by validation).
    """
    attempt_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f"kateval-{task.id}-"))
    try:
        repo = workspace.create(task, scratch / "work")
        if patch is None:
            applied = workspace.ApplyResult(method="none", log="base repo, no patch")
        else:
            applied = workspace.apply_patch(repo, patch, task.spec.editable)
        (attempt_dir / "patch.diff").write_text(workspace.diff(repo) if applied.ok else patch or "")
        write_json(attempt_dir / "apply.json", applied.to_dict())
        if not applied.ok:
            return grade(task.spec, attempt_dir)
        root = Path(repo.working_tree_dir)
        hidden = workspace.overlay_hidden(task, root)
        # Model code must not find (or pre-fill) the folder the test runner reports into.
        layout = Layout(reports=f"build/kateval-{secrets.token_hex(8)}")
        sandbox, toolchain = open_sandbox(root)
        try:
            steps = toolchain.steps(root, task.spec, layout, timeouts)
            records = _run_steps(sandbox, toolchain, steps, attempt_dir,
                                 before_tests=lambda: workspace.remove_files(root, hidden))
            write_json(attempt_dir / "steps.json", records)
        finally:
            sandbox.close()
        for target in sorted({step.target for step in steps if step.phase == "test"}):
            copy_reports(root / layout.report_dir(target), attempt_dir / "junit" / target)
        return grade(task.spec, attempt_dir, task.expected)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
