"""Grading: a pure function of the task spec, its expected tests and one attempt's artifacts.

Artifacts read (all inside the attempt folder):
  edit.json   what the model stage produced: {"status": "ok" | "malformed_edit" | "model_error" | "infra_error", "detail": ...}
  apply.json  the patch apply result (see workspace.ApplyResult)
  steps.json  one record per toolchain step: name, phase, target, returncode, timed_out
  junit/<target>/*.xml  JUnit XML written by each target's test runner

Model code runs in the same process as the test runner, so what it prints or writes is never
trusted on its own: a sample passes only when every test step exited 0 and every test in the
task's expected list (expected.json) is reported passed. XML that cannot be parsed is the
model's failure (its code wrote it), not the harness's.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from kateval.config import TaskSpec

MODEL_OUTCOMES = ("passed", "tests_failed", "build_failed", "patch_failed", "malformed_edit",
                  "timeout", "context_exceeded")
NOT_MODEL = ("model_error", "infra_error")
MAX_XML_BYTES = 20_000_000
MAX_NAMED = 5  # missing tests named in a detail line
COUNTS_FILE = "kateval-counts.json"
"""What kateval's own test runners write last, beside their reports: the tests they ran."""
COUNT_KEYS = ("tests", "passed", "failed", "skipped")


class BadReport(Exception):
    """A JUnit XML file that cannot be trusted or read."""


@dataclass(frozen=True)
class TestOutcome:
    name: str
    outcome: str  # passed | failed | error | skipped
    message: str = ""
    target: str = "jvm"


@dataclass(frozen=True)
class Grade:
    status: str
    detail: str
    tests: list[TestOutcome] = field(default_factory=list)
    targets: dict[str, dict] = field(default_factory=dict)
    """Per target: {"status": passed | tests_failed, "detail": ..., "counts": {...}}."""

    @property
    def counts(self) -> dict[str, int]:
        return _count(self.tests)

    def to_dict(self) -> dict:
        return {"status": self.status, "detail": self.detail, "counts": self.counts,
                "targets": self.targets, "tests": [asdict(t) for t in self.tests]}


def _count(tests: list[TestOutcome]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for test in tests:
        counts[test.outcome] = counts.get(test.outcome, 0) + 1
    return counts


def parse_junit_xml(text: str, target: str = "jvm") -> list[TestOutcome]:
    """Test outcomes from one JUnit XML document (<testsuite> or <testsuites>).

    Parsed with defusedxml: entity expansion, external entities and DTDs are refused."""
    if len(text) > MAX_XML_BYTES:
        raise BadReport(f"report larger than {MAX_XML_BYTES} bytes")
    try:
        root = SafeET.fromstring(text, forbid_dtd=True)
    except (SafeET.ParseError, DefusedXmlException, ValueError) as exc:
        raise BadReport(f"{type(exc).__name__}: {exc}") from None
    outcomes = []
    for case in root.iter("testcase"):
        name = f"{case.get('classname', '')}.{case.get('name', '')}".strip(".")
        outcome, message = "passed", ""
        for child in case:
            if child.tag in ("failure", "error", "skipped"):
                outcome = {"failure": "failed", "error": "error", "skipped": "skipped"}[child.tag]
                message = (child.get("message") or "")[:500]
                break
        outcomes.append(TestOutcome(name, outcome, message, target))
    return outcomes


def read_junit_dir(junit_dir: Path, target: str = "jvm") -> list[TestOutcome]:
    """Every report in one target's folder; raises BadReport for the first unreadable one."""
    tests: list[TestOutcome] = []
    for xml in sorted(junit_dir.glob("*.xml")) if junit_dir.is_dir() else []:
        try:
            text = xml.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise BadReport(f"{xml.name}: {exc}") from None
        try:
            tests += parse_junit_xml(text, target)
        except BadReport as exc:
            raise BadReport(f"{xml.name}: {exc}") from None
    return tests


def _load(path: Path) -> dict | list | None:
    return json.loads(path.read_text()) if path.is_file() else None


def _names(names: list[str]) -> str:
    more = f" (+{len(names) - MAX_NAMED} more)" if len(names) > MAX_NAMED else ""
    return ", ".join(names[:MAX_NAMED]) + more


def grade_target(tests: list[TestOutcome], returncode: int,
                 expected: list[str] | None) -> tuple[str, str]:
    """(status, detail) of one target's test run."""
    failing = sorted({t.name for t in tests if t.outcome in ("failed", "error")})
    passed = {t.name for t in tests if t.outcome == "passed"} - set(failing)
    if expected is not None:
        missing = sorted(set(expected) - passed - set(failing))
        wrong = [name for name in failing if name in set(expected)]
        if wrong:
            return "tests_failed", f"{len(wrong)} of {len(expected)} expected tests failed: {_names(wrong)}"
        if missing:
            return "tests_failed", (f"{len(missing)} expected tests not reported: "
                                    f"{_names(missing)}")
        if returncode != 0:
            return "tests_failed", f"test runner exited {returncode}"
        return "passed", f"{len(expected)} tests passed"
    if not tests:
        return "tests_failed", "no JUnit XML test results were written"
    if failing:
        return "tests_failed", f"{len(failing)} of {len(tests)} tests failed"
    if returncode != 0:
        return "tests_failed", f"test runner exited {returncode}"
    if not passed:
        return "tests_failed", "no test passed (all skipped)"
    return "passed", f"{len(tests)} tests passed"


def check_counts(tests: list[TestOutcome], junit_dir: Path, required: bool) -> str | None:
    """Why the runner's own counts disagree with its reports, or None when they agree (or
    when this runner keeps none). Model code ran beside the runner: any doubt is its fault."""
    path = junit_dir / COUNTS_FILE
    if not path.is_file():
        return "the test runner wrote no counts (it did not finish)" if required else None
    try:
        counts = json.loads(path.read_text(encoding="utf-8"))
        told = {key: int(counts[key]) for key in COUNT_KEYS}
    except (ValueError, KeyError, TypeError, RecursionError, OverflowError) as exc:
        return f"unreadable runner counts: {type(exc).__name__}"
    seen = _count(tests)
    reported = {"tests": len(tests), "passed": seen.get("passed", 0),
                "failed": seen.get("failed", 0) + seen.get("error", 0),
                "skipped": seen.get("skipped", 0)}
    if told != reported:
        return f"the runner counted {told} but its reports hold {reported}"
    return None


def _junit_dir(attempt_dir: Path, target: str) -> Path:
    nested = attempt_dir / "junit" / target
    # Runs written before per-target reports kept the JVM's XML directly in junit/.
    return nested if nested.is_dir() or target != "jvm" else attempt_dir / "junit"


def failing_tests(attempt_dir: Path) -> list[TestOutcome]:
    """Every target's failed or errored tests in an attempt, for feedback to the model. An
    unreadable report is left out here: grading already files it as tests_failed."""
    junit = attempt_dir / "junit"
    targets = sorted(p.name for p in junit.iterdir() if p.is_dir()) if junit.is_dir() else []
    found: list[TestOutcome] = []
    for target in targets or ["jvm"]:
        try:
            found += read_junit_dir(_junit_dir(attempt_dir, target), target)
        except BadReport:
            continue
    return [t for t in found if t.outcome in ("failed", "error")]


def _grade_one(attempt_dir: Path, target: str, step: dict | None, unreadable: str | None,
               expected: list[str] | None) -> tuple[list[TestOutcome], str, str]:
    """(tests, status, detail) of one target."""
    if unreadable:
        return [], "tests_failed", f"unreadable test reports: {unreadable}"
    junit_dir = _junit_dir(attempt_dir, target)
    try:
        tests = read_junit_dir(junit_dir, target)
    except BadReport as exc:
        return [], "tests_failed", f"unreadable JUnit XML: {exc}"
    if step is None:
        return tests, "tests_failed", f"no {target} test step ran"
    status, detail = grade_target(tests, step["returncode"], expected)
    if status == "passed":
        problem = check_counts(tests, junit_dir, bool(step.get("counts")))
        if problem is not None:
            return tests, "tests_failed", problem
    return tests, status, detail


def grade(spec: TaskSpec, attempt_dir: Path,
          expected: dict[str, list[str]] | None = None) -> Grade:
    """Status of one attempt. `expected` maps a target to the tests its hidden suite holds;
    without it (a task being validated for the first time) every reported test must pass."""
    edit = _load(attempt_dir / "edit.json") or {"status": "ok"}
    if edit["status"] != "ok":
        return Grade(edit["status"], edit.get("detail", ""))
    apply = _load(attempt_dir / "apply.json")
    if apply is None:
        return Grade("infra_error", "no apply.json: the harness stopped before applying")
    if not apply["ok"]:
        if apply.get("rejected"):
            return Grade("patch_failed", f"patch refused: {'; '.join(apply['rejected'])}")
        return Grade("patch_failed", "no apply method worked")
    steps = _load(attempt_dir / "steps.json")
    if steps is None:
        return Grade("infra_error", "no steps.json: the harness stopped before building")
    for step in steps:
        if step.get("infra_error"):
            return Grade("infra_error", f"{step['name']}: {step['infra_error']}")
        if step["timed_out"]:
            return Grade("timeout", f"{step['name']} exceeded its timeout")
        if step["phase"] == "build" and step["returncode"] != 0:
            return Grade("build_failed", step.get("detail")
                         or f"{step['name']} exited {step['returncode']}")
    test_steps = {s.get("target", "jvm"): s for s in steps if s["phase"] == "test"}
    targets = sorted(set(test_steps) | set(expected or {}))
    if not targets:
        return Grade("infra_error", "no test step ran: the toolchain produced none")
    unreadable = (_load(attempt_dir / "reports.json") or {}).get("unreadable", {})
    all_tests: list[TestOutcome] = []
    per_target: dict[str, dict] = {}
    for target in targets:
        tests, status, detail = _grade_one(attempt_dir, target, test_steps.get(target),
                                           unreadable.get(target),
                                           None if expected is None else expected.get(target, []))
        all_tests += tests
        per_target[target] = {"status": status, "detail": detail, "counts": _count(tests)}
    failed = [t for t in targets if per_target[t]["status"] != "passed"]
    if failed:
        detail = "; ".join(f"{t}: {per_target[t]['detail']}" for t in failed)
        return Grade("tests_failed", detail, all_tests, per_target)
    detail = "; ".join(f"{t}: {per_target[t]['detail']}" for t in targets)
    return Grade("passed", detail, all_tests, per_target)
