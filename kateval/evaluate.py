"""Evaluate one attempt: workspace, patch, hidden tests, sandboxed build and test, artifacts, grade."""

from __future__ import annotations

import json
import secrets
import shutil
import tempfile
import traceback
from pathlib import Path
from typing import Callable

from kateval import untrusted, workspace
from kateval.grading import COUNTS_FILE, Grade, grade
from kateval.sandbox import Sandbox, SandboxOpener
from kateval.tasks import Task
from kateval.toolchains import Layout, Step, Timeouts, Toolchain, checks

__all__ = ["SandboxOpener", "Timeouts", "evaluate_patch", "write_json"]


def write_json(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
    tmp.replace(path)


def _run_steps(sandbox: Sandbox, toolchain: Toolchain, steps: list[Step], attempt_dir: Path,
               before_tests: Callable[[], None], root: Path) -> list[dict]:
    records = []
    with open(attempt_dir / "build.log", "w", encoding="utf-8") as log:
        for index, step in enumerate(steps):
            if step.phase == "test" and (index == 0 or steps[index - 1].phase != "test"):
                before_tests()
            log.write(f"=== {step.name}\n")
            try:
                # A check step is the harness's own reading of the workspace (checks.py).
                result = checks.run(step, root) if step.check else toolchain.run(step, sandbox)
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
                            "truncated": result.truncated, "counts": step.counts,
                            **({"detail": result.stderr.strip()[:1000]}
                               if step.check and result.returncode else {})})
            # A failed build ends the attempt; a failed test run still lets the other
            # targets' tests run, so results are complete per target.
            if result.timed_out or (result.returncode != 0 and step.phase == "build"):
                break
    return records


MAX_REPORT_BYTES = 20_000_000
MAX_REPORTS_TOTAL = 50_000_000
REPORT_SUFFIXES = (".xml", COUNTS_FILE)


def copy_reports(reports: Path, target: str, dest: Path) -> str | None:
    """Copy one target's JUnit XML and its runner's counts into the attempt folder. The
    folder is the harness's, outside the workspace, but model code ran beside the runner
    that wrote it: nothing planted is followed, and what cannot be read is the model's
    failure (returned as the reason), never an exception."""
    try:
        files = untrusted.read_files(reports, target, REPORT_SUFFIXES, max_file=MAX_REPORT_BYTES,
                                     max_total=MAX_REPORTS_TOTAL)
    except untrusted.Untrusted as exc:
        return str(exc)
    if files:
        dest.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (dest / name).write_bytes(data)
    return None


def _reports_folder(scratch: Path, targets: list[str]) -> Path:
    """A fresh folder per attempt beside (never inside) the workspace, one folder a target:
    a test step may write only its own target's."""
    reports = scratch / f"reports-{secrets.token_hex(8)}"
    for target in targets:
        (reports / target).mkdir(parents=True)
    return reports


def _build_and_test(task: Task, root: Path, scratch: Path, attempt_dir: Path,
                    open_sandbox: SandboxOpener, timeouts: Timeouts) -> None:
    hidden = workspace.overlay_hidden(task, root)
    reports = _reports_folder(scratch, list(task.spec.targets))
    # Model code must not find (or pre-fill) the folders the harness reads back.
    layout = Layout(reports=str(reports), scratch=f"build/kateval-{secrets.token_hex(8)}")
    sandbox, toolchain = open_sandbox(root)
    try:
        # Every toolchain's build starts with the harness's check of the sources.
        steps = [checks.sources_step(timeouts), *toolchain.steps(root, task.spec, layout, timeouts)]
        records = _run_steps(sandbox, toolchain, steps, attempt_dir,
                             before_tests=lambda: workspace.remove_files(root, hidden), root=root)
        write_json(attempt_dir / "steps.json", records)
    finally:
        sandbox.close()
    problems = {}
    for target in sorted({step.target for step in steps if step.phase == "test"}):
        problem = copy_reports(reports, target, attempt_dir / "junit" / target)
        if problem is not None:
            problems[target] = problem
    write_json(attempt_dir / "reports.json", {"unreadable": problems})


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
        _build_and_test(task, Path(repo.working_tree_dir), scratch, attempt_dir, open_sandbox,
                        timeouts)
        return grade(task.spec, attempt_dir, task.expected)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
