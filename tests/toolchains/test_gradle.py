"""toolchain gradle with Debian's real Gradle 4.4.1, offline, in the real bwrap sandbox: plain
Java + JUnit 4 fixture projects (tests/fixtures/gradle/tasks) whose gold patches pass, fail a
test, fail to compile, hang, need a dependency that no offline repository has, lose their
daemon mid-build, name a test task the build does not have, and attack the grade (a hostile
sample: an annotation processor, forged reports, a thread outliving the Security Manager, a
shutdown hook, System.exit, a JUnit assumption). The KMP path needs the Kotlin Gradle plugin
from the plugin portal and is not tested here (README)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from kateval.commands.sandbox_gradle import NEEDED, unreachable
from kateval.config import Suite
from kateval.evaluate import evaluate_patch
from kateval.sandbox.factory import make_opener
from kateval.tasks import Task, load_task
from kateval.toolchains import Timeouts
from tests.conftest import FIXTURES, need, run_cli

pytestmark = pytest.mark.slow
SUITE = FIXTURES / "gradle" / "suite.yaml"


def processes_under(folder: Path) -> list[str]:
    """Processes working in `folder` or naming it (Gradle's client, daemon and test JVMs all
    run in the workspace): what a run with its scratch space in `folder` left behind."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cwd = os.readlink(entry / "cwd")
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if cwd.startswith(str(folder)) or str(folder).encode() in cmdline:
            found.append(f"{entry.name}: {cmdline.replace(bytes(1), b' ')[:150].decode()}")
    return found


@pytest.fixture(scope="module")
def gradle_run(tmp_path_factory):
    need(shutil.which("gradle") is not None, "gradle not installed (apt-get install gradle)")
    need(Path("/usr/share/maven-repo/junit/junit").is_dir(), "junit4 not installed")
    runs = tmp_path_factory.mktemp("gradle-runs")
    scratch = tmp_path_factory.mktemp("gradle-scratch")  # every workspace of the run is in here
    proc = run_cli("run", "--suite", str(SUITE), "--offline", "--run-id", "gradle-fixtures",
                   "--runs-dir", str(runs), timeout=3000, env={"TMPDIR": str(scratch)})
    left = processes_under(scratch)
    root = runs / "gradle-fixtures"
    assert (root / "results.jsonl").is_file(), proc.stdout + proc.stderr
    results = {r["task"]: r for r in map(json.loads, (root / "results.jsonl").read_text()
                                         .splitlines())}
    return root, results, left


def attempt(root: Path, task: str) -> Path:
    return root / "samples" / task / "0" / "attempt-1"


def test_each_fixture_gets_its_status(gradle_run):
    _, results, _ = gradle_run
    statuses = {task: r["status"] for task, r in results.items()}
    assert statuses == {"gradle-pass": "passed", "gradle-test-failure": "tests_failed",
                        "gradle-compile-failure": "build_failed", "gradle-timeout": "timeout",
                        "gradle-missing-dependency": "infra_error",
                        "gradle-daemon-crash": "infra_error",
                        "gradle-task-not-found": "infra_error",
                        "gradle-hostile": "tests_failed"}, results
    missing = results["gradle-missing-dependency"]["detail"]
    assert "offline" in missing and "org.example.kateval:not-in-any-repo:1.0" in missing, missing
    crash = results["gradle-daemon-crash"]["detail"]
    assert "Gradle ended without a build result" in crash, crash
    not_found = results["gradle-task-not-found"]["detail"]
    assert "Gradle cannot run the task's build" in not_found, not_found
    assert "Task 'jvmTest' not found in root project" in not_found, not_found
    hostile = results["gradle-hostile"]["detail"]
    assert "2 of 2 expected tests failed" in hostile, hostile


def test_an_infra_error_keeps_what_gradle_printed(gradle_run):
    root, _, _ = gradle_run
    log = (attempt(root, "gradle-missing-dependency") / "build.log").read_text()
    # Gradle's own account comes before kateval's traceback: the user sees why it failed.
    assert "BUILD FAILED" in log and log.index("BUILD FAILED") < log.index("Traceback"), log[-3000:]


def test_a_task_gradle_cannot_run_keeps_gradles_output(gradle_run):
    root, _, _ = gradle_run
    log = (attempt(root, "gradle-task-not-found") / "build.log").read_text()
    assert "Task 'jvmTest' not found in root project 'gradle-task-not-found'" in log, log[-3000:]
    steps = json.loads((attempt(root, "gradle-task-not-found") / "steps.json").read_text())
    assert steps[-1]["name"] == "gradle-build" and "infra_error" in steps[-1], steps


def test_a_hostile_sample_cannot_touch_its_grade(gradle_run):
    """Every attack of the hostile fixture's sample failed, each for the reason it should."""
    root, results, _ = gradle_run
    hostile = attempt(root, "gradle-hostile")
    log = (hostile / "build.log").read_text()
    # Its annotation processor (in main's resources, on the test compile class path) would
    # have killed Gradle while the hidden tests compiled: infra_error, and no tests run.
    assert "HOSTILE PROCESSOR RAN" not in log and ":compileTestJava" in log, log[-3000:]
    reports = list((hostile / "junit" / "jvm").glob("*.xml"))
    assert [p.name for p in reports] == ["TEST-demo.SumTest.xml"], reports
    report = reports[0].read_text()
    # Gradle's own report, not the forged one (written directly, or by a process started by a
    # thread that outlived the Security Manager or by a shutdown hook, once Gradle wrote it).
    assert "kateval-forged" not in report and report.count("<failure") == 2, report
    denied = {"forge": '("java.io.FilePermission" "/proc" "read")',
              "outlive": "done",  # started: the guard ends it before it can act
              "hook": '("java.lang.RuntimePermission" "shutdownHooks")',
              "assume": '("java.lang.RuntimePermission" "accessClassInPackage.org.junit")',
              "exit": '("java.security.AllPermission"'}
    for attack, reason in denied.items():
        line = f"attack {attack}: " + ("done" if reason == "done" else "java.security."
                                        "AccessControlException: access denied " + reason)
        assert line in report, (attack, report)
    assert results["gradle-hostile"]["status"] == "tests_failed"


BUILD_LOGIC_PATCHES = {
    "build.gradle": "diff --git a/build.gradle b/build.gradle\n--- a/build.gradle\n"
                    "+++ b/build.gradle\n@@ -1 +1,2 @@\n apply plugin: 'java'\n"
                    "+test.enabled = false\n",
    "settings.gradle": "diff --git a/settings.gradle b/settings.gradle\n--- a/settings.gradle\n"
                       "+++ b/settings.gradle\n@@ -1 +1,2 @@\n rootProject.name = 'gradle-pass'\n"
                       "+includeBuild('..')\n",
    "gradle.properties": "diff --git a/gradle.properties b/gradle.properties\nnew file mode 100644\n"
                         "--- /dev/null\n+++ b/gradle.properties\n@@ -0,0 +1 @@\n"
                         "+org.gradle.jvmargs=-javaagent:evil.jar\n",
    "buildSrc/build.gradle": "diff --git a/buildSrc/build.gradle b/buildSrc/build.gradle\n"
                             "new file mode 100644\n--- /dev/null\n+++ b/buildSrc/build.gradle\n"
                             "@@ -0,0 +1 @@\n+apply plugin: 'groovy'\n",
}


def test_patches_to_build_logic_are_patch_failed_whatever_editable_says(tmp_path):
    need(shutil.which("gradle") is not None, "gradle not installed (apt-get install gradle)")
    task = load_task(FIXTURES / "gradle" / "tasks" / "gradle-pass")
    # load_task refuses such globs (tests/test_buildlogic.py): the patch check stands anyway.
    everything = Task(spec=task.spec.model_copy(update={"editable": ["**"]}), root=task.root)
    opener = make_opener("local", Suite(name="t", toolchain="gradle"), "t")
    for path, patch in BUILD_LOGIC_PATCHES.items():
        grade = evaluate_patch(everything, patch, tmp_path / path.replace("/", "_"), opener,
                               Timeouts(build_s=600, test_s=60))
        assert grade.status == "patch_failed", (path, grade)
        assert f"{path}: build logic" in grade.detail and "never editable" in grade.detail, grade


def test_hidden_tests_compile_in_the_build_phase_and_nothing_recompiles(gradle_run):
    root, _, _ = gradle_run
    passed = attempt(root, "gradle-pass")
    steps = json.loads((passed / "steps.json").read_text())
    assert [(s["name"], s["phase"], s["returncode"]) for s in steps] == [
        ("check-sources", "build", 0), ("gradle-build", "build", 0), ("test-jvm", "test", 0)]
    log = (passed / "build.log").read_text()
    test_log = log[log.index("=== test-jvm"):]
    # The hidden SumTest.java was deleted before test-jvm: it ran from the build phase's classes.
    assert ":compileTestJava SKIPPED" in test_log and ":test\n" in test_log, test_log[:2000]
    report = (passed / "junit" / "jvm" / "TEST-demo.SumTest.xml").read_text()
    assert 'tests="2"' in report and 'failures="0"' in report
    failed = attempt(root, "gradle-test-failure") / "junit" / "jvm" / "TEST-demo.SumTest.xml"
    assert failed.read_text().count("<failure") == 2


def test_compile_failure_is_the_models_and_ends_the_attempt(gradle_run):
    root, results, _ = gradle_run
    steps = json.loads((attempt(root, "gradle-compile-failure") / "steps.json").read_text())
    assert [s["name"] for s in steps] == ["check-sources", "gradle-build"]
    assert steps[-1]["returncode"] != 0 and "infra_error" not in steps[-1]
    assert "error: ';' expected" in (attempt(root, "gradle-compile-failure") / "build.log").read_text()


def test_timeout_kills_client_daemon_and_test_jvm(gradle_run):
    root, _, left = gradle_run
    steps = json.loads((attempt(root, "gradle-timeout") / "steps.json").read_text())
    assert steps[-1]["name"] == "test-jvm" and steps[-1]["timed_out"]
    assert steps[-1]["duration_s"] < 40 + 30
    assert not left, f"processes left behind: {left}"


def test_without_gradle_the_run_stops_in_one_line(tmp_path, toolchain):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for folder in os.environ["PATH"].split(":"):
        for program in Path(folder).glob("*") if Path(folder).is_dir() else []:
            if program.name != "gradle" and not (bin_dir / program.name).exists():
                (bin_dir / program.name).symlink_to(program)
    assert shutil.which("gradle", path=str(bin_dir)) is None
    proc = run_cli("run", "--suite", str(SUITE), "--offline", "--runs-dir", str(tmp_path / "r"),
                   env={"PATH": str(bin_dir), "KATEVAL_GRADLE": ""})
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == 3 and len(lines) == 1, proc.stdout + proc.stderr
    assert "no `gradle` on PATH" in lines[0] and "apt-get install gradle" in lines[0], lines[0]


def test_gradle_image_build_says_what_it_cannot_reach():
    if all(unreachable(url) is None for _, url in NEEDED):
        pytest.skip("everything the image needs is reachable: this machine can build it")
    proc = run_cli("sandbox", "build", "--toolchain", "gradle", timeout=300)
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == 3 and len(lines) == 1, proc.stdout + proc.stderr
    assert "cannot reach" in lines[0] and "Traceback" not in proc.stderr, lines[0]


def test_sandbox_none_timeout_kills_the_daemon_that_left_the_process_group(tmp_path,
                                                                          monkeypatch, toolchain):
    """Without bwrap's pid namespace only a process group dies on timeout, and Gradle's daemon
    calls setsid: the toolchain's own reaper must kill it and its test JVM."""
    need(shutil.which("gradle") is not None, "gradle not installed (apt-get install gradle)")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    task = load_task(FIXTURES / "gradle" / "tasks" / "gradle-timeout")
    opener = make_opener("none", Suite(name="t", toolchain="gradle"), "t")
    grade = evaluate_patch(task, task.gold_patch, tmp_path / "attempt", opener,
                           Timeouts(build_s=600, test_s=30))
    assert grade.status == "timeout", grade
    assert not processes_under(scratch), processes_under(scratch)


# A stand-in for the `gradle` command: the toolchain's own classification of what it did (the
# progress and outcome files are the init script's, written here as Gradle would).
STAND_IN = """#!/bin/sh
for arg in "$@"; do
    case "$arg" in
        -Pkateval.phase=*) phase="${arg#-Pkateval.phase=}" ;;
        -Pkateval.progress=*) progress="${arg#-Pkateval.progress=}" ;;
        -Pkateval.outcome=*) outcome="${arg#-Pkateval.outcome=}" ;;
    esac
done
MODE
"""


def stand_in(tmp_path: Path, mode: str) -> str:
    script = tmp_path / "gradle"
    script.write_text(STAND_IN.replace("MODE", mode))
    script.chmod(0o755)
    return str(script)


@pytest.mark.parametrize("mode, status, detail", [
    # Gradle that does not start at all: nothing of the sample ever ran.
    ('echo "ERROR: JAVA_HOME is set to an invalid directory: /nope" >&2; exit 1',
     "infra_error", "Gradle could not start the build (exit 1): ERROR: JAVA_HOME is set"),
    # The build passes; the JVM test step fails before its test task started.
    ('[ "$phase" = build ] && { printf "ok\\n\\n" > "$outcome"; exit 0; }; '
     'echo "* What went wrong:"; echo "Could not create service of type X"; exit 1',
     "infra_error", "Gradle failed before the tests started (exit 1): Could not create service"),
    # The same failure once the test task started: the sample's code ran, it is the model's.
    ('[ "$phase" = build ] && { printf "ok\\n\\n" > "$outcome"; exit 0; }; '
     'echo "test :test" >> "$progress"; exit 1', "tests_failed", "2 expected tests not reported"),
])
def test_who_failed_is_read_from_what_the_sample_could_not_write(tmp_path, monkeypatch, mode,
                                                                 status, detail):
    monkeypatch.setenv("KATEVAL_GRADLE", stand_in(tmp_path, mode))
    task = load_task(FIXTURES / "gradle" / "tasks" / "gradle-pass")
    opener = make_opener("none", Suite(name="t", toolchain="gradle"), "t")
    grade = evaluate_patch(task, task.gold_patch, tmp_path / "attempt", opener,
                           Timeouts(build_s=60, test_s=60))
    assert grade.status == status and detail in grade.detail, grade
