"""Grading: a pure function of the task spec and one attempt's artifacts.

Artifacts read (all inside the attempt folder):
  edit.json   what the model stage produced: {"status": "ok" | "malformed_edit" | "model_error" | "infra_error", "detail": ...}
  apply.json  the patch apply result (see workspace.ApplyResult)
  steps.json  one record per toolchain step: name, phase, returncode, timed_out
  junit/*.xml JUnit XML written by the test runner (the only source of test outcomes)
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kateval.config import TaskSpec

MODEL_OUTCOMES = ("passed", "tests_failed", "build_failed", "patch_failed", "malformed_edit",
                  "timeout")
NOT_MODEL = ("model_error", "infra_error")


@dataclass(frozen=True)
class TestOutcome:
    name: str
    outcome: str  # passed | failed | error | skipped
    message: str = ""


@dataclass(frozen=True)
class Grade:
    status: str
    detail: str
    tests: list[TestOutcome] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for test in self.tests:
            counts[test.outcome] = counts.get(test.outcome, 0) + 1
        return counts

    def to_dict(self) -> dict:
        return {"status": self.status, "detail": self.detail, "counts": self.counts,
                "tests": [asdict(t) for t in self.tests]}


def parse_junit_xml(text: str) -> list[TestOutcome]:
    """Test outcomes from one JUnit XML document (<testsuite> or <testsuites>)."""
    root = ET.fromstring(text)
    outcomes = []
    for case in root.iter("testcase"):
        name = f"{case.get('classname', '')}.{case.get('name', '')}".strip(".")
        outcome, message = "passed", ""
        for child in case:
            if child.tag in ("failure", "error", "skipped"):
                outcome = {"failure": "failed", "error": "error", "skipped": "skipped"}[child.tag]
                message = (child.get("message") or "")[:500]
                break
        outcomes.append(TestOutcome(name, outcome, message))
    return outcomes


def read_junit_dir(junit_dir: Path) -> list[TestOutcome]:
    tests: list[TestOutcome] = []
    for xml in sorted(junit_dir.glob("*.xml")) if junit_dir.is_dir() else []:
        tests += parse_junit_xml(xml.read_text(encoding="utf-8", errors="replace"))
    return tests


def _load(path: Path) -> dict | list | None:
    return json.loads(path.read_text()) if path.is_file() else None


def grade(spec: TaskSpec, attempt_dir: Path) -> Grade:
    """Status of one attempt. Only the first six statuses are the model's outcome."""
    del spec  # the spec's targets are already reflected in which steps ran
    edit = _load(attempt_dir / "edit.json") or {"status": "ok"}
    if edit["status"] != "ok":
        return Grade(edit["status"], edit.get("detail", ""))
    apply = _load(attempt_dir / "apply.json")
    if apply is None:
        return Grade("infra_error", "no apply.json: the harness stopped before applying")
    if not apply["ok"]:
        why = (f"edits outside editable files: {', '.join(apply['rejected'])}"
               if apply["rejected"] else "no apply method worked")
        return Grade("patch_failed", why)
    steps = _load(attempt_dir / "steps.json")
    if steps is None:
        return Grade("infra_error", "no steps.json: the harness stopped before building")
    for step in steps:
        if step.get("infra_error"):
            return Grade("infra_error", f"{step['name']}: {step['infra_error']}")
        if step["timed_out"]:
            return Grade("timeout", f"{step['name']} exceeded its timeout")
        if step["phase"] == "build" and step["returncode"] != 0:
            return Grade("build_failed", f"{step['name']} exited {step['returncode']}")
    tests = read_junit_dir(attempt_dir / "junit")
    if not tests:
        return Grade("tests_failed", "no JUnit XML test results were written")
    failing = [t for t in tests if t.outcome in ("failed", "error")]
    test_step = next((s for s in steps if s["phase"] == "test"), None)
    if failing:
        return Grade("tests_failed", f"{len(failing)} of {len(tests)} tests failed", tests)
    if test_step and test_step["returncode"] != 0:
        return Grade("tests_failed", f"test runner exited {test_step['returncode']}", tests)
    if not any(t.outcome == "passed" for t in tests):
        return Grade("tests_failed", "no test passed (all skipped)", tests)
    return Grade("passed", f"{len(tests)} tests passed", tests)
