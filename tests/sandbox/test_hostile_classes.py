"""Hostile model code by attack class, on both targets, through the real harness.

Each task in fixtures/tasks made by make_hostile_kmp.py attacks one class of issue 27 with a
JVM half and a JS half (the hidden tests sit in commonTest), written the way an attacker in
the test process would: forged reports and exit codes, a shutdown hook and an 'exit'
handler, a test step rewriting what the next one runs, test-peeking at run time, report
folders replaced by symlinks to a host folder, paths that make a reader raise, JDK-package
classes and `external` in common code, kotlin-test's asserter and skips, compilers crashed
and flooded, and the host's disk, memory, /tmp and processes. Every attacker must get its
honest status, per target too (a target whose tests an attack made pass shows there, even
when the other target fails); none may be unscored, read a host file or leave anything behind,
and a benign sample laid out like the attackers passes after them in the same run (so with
the compile services and caches they used).

Which sandbox and toolchain run which attack, and why (CI's budget is 30 minutes in all):
- local x warm and docker x warm: every attack, on both sandboxes with the toolchain runs
  use by default. Model code runs only in test steps, and those are the same commands under
  either toolchain (kmp.test_steps; test_a_sample_meets_the_same_test_steps_under_either_
  toolchain checks it for every attacker), so a full run under kotlinc would repeat them at
  ~20 s of cold compiles a sample.
- local x kotlinc and docker x kotlinc: the compile-phase attacks and the benign sample, the
  part where the toolchain and the sandbox meet (a compiler in bwrap or a container, a warm
  service on the host or in its own container) and so differ per combination.
Gradle runs Java fixture projects of its own (tests/toolchains/test_gradle.py).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from kateval.config import Suite
from kateval.grading import MODEL_OUTCOMES
from kateval.tasks import Task, load_task
from tests.sandbox.conftest import HOSTILE_TASKS, host_processes
from tests.sandbox.fixtures.make_hostile_kmp import PLACEHOLDER, patch_of
from tests.sandbox.test_hostile import OUTPUT_LIMIT, HostileRun, run_hostile

pytestmark = [pytest.mark.slow]

BOTH_FAIL = {"jvm": "tests_failed", "js": "tests_failed"}
EXPECTED = {  # task: (status, per-target statuses, why); the benign control goes last
    "hostile-forge-reports": ("tests_failed", BOTH_FAIL,
                              "reports, counts and exit code come from the runner alone"),
    "hostile-forge-at-exit": ("tests_failed", BOTH_FAIL,
                              "model code can neither hook the exit nor write the reports"),
    "hostile-rewrite-js-module": ("tests_failed", BOTH_FAIL,
                                  "test steps see the workspace and toolchain read-only"),
    "hostile-peek-tests": ("tests_failed", BOTH_FAIL,
                           "the hidden tests are not readable as data by model code"),
    "hostile-symlink-reports": ("tests_failed", BOTH_FAIL,
                                "the harness follows no link model code planted"),
    "hostile-unscored-paths": ("tests_failed", BOTH_FAIL,
                               "what the harness cannot read is the model's failure"),
    "hostile-jdk-package": ("build_failed", {},
                            "common code declares no JDK classes and no `external`"),
    "hostile-asserter-swap": ("tests_failed", BOTH_FAIL,
                              "model code cannot change how the tests assert"),
    "hostile-assume-skip": ("tests_failed", BOTH_FAIL, "a skipped test is not a passed one"),
    "hostile-compiler-bomb": ("build_failed", {},
                              "a compiler that dies on the source fails the build"),
    "hostile-compiler-flood": ("build_failed", {},
                               "a flood of diagnostics is capped where it is made (the warm "
                               "service keeps its first 4 MB) and fails the build; never an "
                               "infrastructure error"),
    "hostile-exhaust": ("tests_failed", BOTH_FAIL,
                        "the sample's disk, /tmp, memory and processes are bounded"),
    "hostile-zz-benign-kmp": ("passed", {"jvm": "passed", "js": "passed"},
                              "nothing an attacker did reaches a later sample"),
}
COMPILE_PHASE = ["hostile-compiler-bomb", "hostile-compiler-flood", "hostile-zz-benign-kmp"]
KINDS = {  # run: (sandbox, toolchain, tasks)
    "local-warm": ("local", "warm", list(EXPECTED)),
    "docker-warm": ("docker", "warm", list(EXPECTED)),
    "local-kotlinc": ("local", "kotlinc", COMPILE_PHASE),
    "docker-kotlinc": ("docker", "kotlinc", COMPILE_PHASE),
}
DISK_BOUND_MB = 512
"""A sample's files on the host's disk, in all: no more than one file may be (the suite's
`limits.file_size_mb`). hostile-exhaust tries 640 MiB in files of 64 KiB in each place."""
MEMORY_FS_BOUND_MB = 256
"""The sandbox's private /tmp (and any other in-memory file system it can write)."""
PEEK_ROUTES = ("class files", "class loader", "module file", "module scope")


def _runs(task: str | None = None):
    """The runs (by KINDS key) that hold `task`, or all, as indirect parameters."""
    return [pytest.param(kind, marks=[pytest.mark.docker] if kind.startswith("docker") else [])
            for kind, (_, _, names) in KINDS.items() if task is None or task in names]


@dataclass
class ClassesRun:
    run: HostileRun
    kind: str
    marker: str
    runner_hashes: tuple[dict[str, str], dict[str, str]]
    scratch: tuple[set[str], set[str]]


def _host_reports(tmp: Path, marker: str) -> Path:
    """A host folder of passing reports, as a model would wish the harness graded."""
    root = tmp / "host-reports"
    cases = "".join(f'<testcase classname="hostile.AttackTest" name="{name}"/>'
                    for name in ("attackSucceeds", "alsoExpectedOne", "alsoExpectedTwo"))
    xml = f'<testsuite name="{marker}" tests="3" failures="0" errors="0">{cases}</testsuite>\n'
    for target, name in (("jvm", "TEST-hostile.AttackTest.xml"), ("js", "TEST-js.xml")):
        (root / target).mkdir(parents=True)
        (root / target / name).write_text(xml)
        (root / target / "kateval-counts.json").write_text(
            '{"tests": 3, "passed": 3, "failed": 0, "skipped": 0}\n')
    return root


def _task(name: str, tmp: Path, host_reports: Path) -> Task:
    """The committed task, or for hostile-symlink-reports a copy aimed at `host_reports`."""
    task = load_task(HOSTILE_TASKS / name)
    if name != "hostile-symlink-reports":
        return task
    root = tmp / name
    shutil.copytree(task.root, root)
    attack = HOSTILE_TASKS.parent / "attacks" / name
    files = {str(p.relative_to(attack)): p.read_text().replace(PLACEHOLDER, str(host_reports))
             for p in attack.rglob("*") if p.is_file()}
    (root / "solution.patch").write_text(patch_of(task.repo, files))
    return load_task(root)


def _runner_hashes(toolchain) -> dict[str, str]:
    """The host's JS test runner and compiler entry points, as an attack would rewrite them."""
    files = [p for p in Path(toolchain.js_runner).glob("*") if p.is_file()]
    files += [Path(toolchain.js_runner, "node_modules/mocha/lib/runner.js"),
              Path(toolchain.kotlin_home, "bin/kotlinc-js")]
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in files if p.is_file()}


def _scratch() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("kateval-hostile-*")}


_RUNS: dict[str, ClassesRun] = {}


@pytest.fixture(scope="module")
def classes(request, toolchain, tmp_path_factory) -> ClassesRun:
    """One harness run per KINDS entry. Kept here, not only by pytest: tests of one run may
    be interleaved with another's, and pytest would run a module fixture again."""
    if request.param not in _RUNS:
        _RUNS[request.param] = _run_classes(request, toolchain, tmp_path_factory)
    return _RUNS[request.param]


def _run_classes(request, toolchain, tmp_path_factory) -> ClassesRun:
    sandbox, chain, names = KINDS[request.param]
    tmp = tmp_path_factory.mktemp(f"hostile-classes-{request.param}")
    marker = f"kateval-host-canary-{uuid.uuid4().hex}"
    host_reports = _host_reports(tmp, marker)
    suite = Suite(name="hostile-classes", sandbox=sandbox, toolchain=chain, build_slots=2,
                  max_attempts=1)
    client = None
    if sandbox == "docker":
        client = request.getfixturevalue("docker_client")
        suite = suite.model_copy(update={"docker_image": request.getfixturevalue("sandbox_image")})
    hashes, scratch = _runner_hashes(toolchain), _scratch()
    tasks = [_task(name, tmp, host_reports) for name in names]
    run = run_hostile(sandbox, suite, tmp, client, tasks=tasks)
    return ClassesRun(run, request.param, marker, (hashes, _runner_hashes(toolchain)),
                      (scratch, _scratch()))


def _lines(run: HostileRun, task: str, prefix: str) -> list[str]:
    return [line for line in run.log(task).splitlines() if line.startswith(prefix)]


@pytest.mark.parametrize("classes, task", [
    pytest.param(kind.values[0], task, marks=kind.marks) for task in EXPECTED
    for kind in _runs(task)], indirect=["classes"])
def test_each_attack_gets_its_honest_status(classes, task):
    record = classes.run.records[task]
    status, targets, why = EXPECTED[task]
    seen = (record["status"], {t: s for t, s in record.get("targets", {}).items()})
    assert seen == (status, targets), (
        f"{classes.kind} {task}: {seen} ({record['detail']}), expected {status} {targets} "
        f"because {why}; see {classes.run.attempt(task)}")


@pytest.mark.parametrize("classes", _runs(), indirect=True)
def test_no_failure_is_unscored(classes):
    run = classes.run
    assert run.summary["complete"] and run.summary["infra_errors"] == 0, run.summary
    assert all(r["status"] in MODEL_OUTCOMES for r in run.records.values())


@pytest.mark.parametrize("classes", _runs(), indirect=True)
def test_no_host_folder_is_read_as_reports(classes):
    leaked = [str(p) for p in classes.run.run.root.rglob("*")
              if p.is_file() and classes.marker.encode() in p.read_bytes()]
    assert leaked == [], "the harness copied a host folder planted by a symlink"


@pytest.mark.parametrize("classes", _runs(), indirect=True)
def test_host_toolchain_is_unchanged(classes):
    before, after = classes.runner_hashes
    assert before == after


@pytest.mark.parametrize("classes", _runs(), indirect=True)
def test_nothing_is_left_in_the_hosts_temp_folder(classes):
    before, after = classes.scratch
    assert after - before == set(), "a workspace outlived its sample (unremovable files?)"


@pytest.mark.parametrize("classes", _runs("hostile-peek-tests"), indirect=True)
def test_hidden_tests_cannot_be_read(classes):
    lines = _lines(classes.run, "hostile-peek-tests", "peek ")
    for route in PEEK_ROUTES:
        assert any(line.startswith(f"peek {route}: blocked") for line in lines), (route, lines)


@pytest.mark.parametrize("classes", _runs("hostile-exhaust"), indirect=True)
def test_sample_disk_memory_and_processes_are_bounded(classes):
    bounds = {"workspace": DISK_BOUND_MB, "reports": DISK_BOUND_MB,
              "tmp": MEMORY_FS_BOUND_MB, "shm": MEMORY_FS_BOUND_MB}
    for line in _lines(classes.run, "hostile-exhaust", "exhaust "):
        match = re.match(r"exhaust (\w+): wrote (\d+) bytes", line)
        if match and match.group(1) in bounds:
            assert int(match.group(2)) <= bounds[match.group(1)] << 20, line
    assert host_processes(b"sleep 611") == [], "a detached child outlived its sample"


@pytest.mark.parametrize("classes", _runs(), indirect=True)
def test_compiler_output_is_capped(classes):
    for task in ("hostile-compiler-bomb", "hostile-compiler-flood"):
        size = (classes.run.attempt(task) / "build.log").stat().st_size
        assert size < 3 * OUTPUT_LIMIT, (task, size)


@pytest.mark.parametrize("classes", _runs("hostile-jdk-package"), indirect=True)
def test_common_code_is_refused_with_its_reason(classes):
    detail = classes.run.records["hostile-jdk-package"]["detail"]
    assert "java." in detail or "external" in detail, detail
