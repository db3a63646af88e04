"""The Gradle toolchain: the task repo's own build, offline, with an init script of ours.

One Gradle build per attempt, then one per target (the JVM's first):
  gradle-build   every task the test tasks depend on (compiles, the hidden tests included),
                 the test tasks disabled, their class paths resolved
  test-<target>  only that target's test task: every other task is disabled, so nothing
                 recompiles after evaluate removed the hidden test sources
The init script (gradle_init.gradle) sends each test task's JUnit XML to the layout's report
folder, runs the JVM tests under the Security Manager (the sample's classes and the hidden
tests get no permission), keeps the sample's annotation processors out of javac, writes a
line per task as it starts (progress) and a one-line outcome at the end: ok, resolve (a
dependency missing offline), setup (the build failed before any task ran: a task not found,
a plugin missing, a broken script) or failed.

Who failed, Gradle or the sample, is read only from what the sample could not have written:
  - the build phase runs none of the sample's code (it compiles it; build logic is never
    editable, processors come from dependencies only), so its outcome and progress are
    Gradle's: resolve, setup, no task started and a death without an outcome are
    infra_error, a failure once tasks ran is build_failed;
  - in a JVM test step the sample's code runs only inside the test task, under the Security
    Manager, where it can touch no file: a step that failed before the progress file names
    its test task never ran the sample (infra_error). Once the test task started, any
    failure is the model's, a dead daemon included;
  - a JS test step (Kotlin/JS on Node, no Security Manager) is always the model's.

Gradle runs as a small client JVM and a single-use daemon (`--no-daemon` with our JVM
arguments always forks one); both, and the test JVMs, carry the attempt's token in their
environment, and whatever carries it after a step is killed, whatever the sandbox did.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from kateval.errors import InfraError, ToolchainError
from kateval.toolchains import Layout, Step, Timeouts, exec_step

GRADLE_FIX = ("install Gradle (`apt-get install gradle`, Debian's 4.4.1 builds Java projects "
              "offline; KMP needs a current Gradle from https://gradle.org/install), or set "
              "KATEVAL_GRADLE=/path/to/bin/gradle")
DEFAULT_TEST_TASKS = {"jvm": "jvmTest", "js": "jsNodeTest"}
# The JVMs live for one build: C1 and the serial GC cost less CPU than they lose (kotlinc.py).
JVM_FLAGS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
INIT_SCRIPT = "gradle_init.gradle"
# Gradle hands its environment to the daemon and the test JVMs (their command lines hold
# no kateval value): what the reaper looks for.
TOKEN_VAR = "KATEVAL_ATTEMPT"


@dataclass(frozen=True)
class GradleLimits:
    """Memory and parallelism of one Gradle build; all of it fits the sandbox's 2 GiB."""

    client_heap_mb: int = 64
    daemon_heap_mb: int = 512
    test_heap_mb: int = 384
    kotlin_daemon_heap_mb: int = 512
    workers: int = 1


def find_gradle() -> str:
    """KATEVAL_GRADLE, else `gradle` on PATH, else a ToolchainError that says how to get it."""
    named = os.environ.get("KATEVAL_GRADLE")
    if named:
        if not (Path(named).is_file() and os.access(named, os.X_OK)):
            raise ToolchainError(f"KATEVAL_GRADLE={named} is not an executable file; "
                                 f"{GRADLE_FIX}")
        return named
    found = shutil.which("gradle")
    if found is None:
        raise ToolchainError(f"toolchain gradle: no `gradle` on PATH; {GRADLE_FIX}")
    return found


@cache
def gradle_version(gradle: str) -> str:
    """From the installation's launcher jar (instant), else from `gradle --version` (a JVM
    start: half a minute on a loaded machine)."""
    lib = Path(gradle).resolve().parent.parent / "lib"
    for jar in sorted(lib.glob("gradle-launcher-*.jar")):
        return f"gradle {jar.name.removeprefix('gradle-launcher-').removesuffix('.jar')}"
    try:
        proc = subprocess.run([gradle, "--version", "--offline"], capture_output=True, text=True,
                              timeout=300, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unknown ({type(exc).__name__})"
    found = re.search(r"^Gradle (\S+)", proc.stdout, re.MULTILINE)
    return f"gradle {found.group(1)}" if found else "unknown"


def init_script_text() -> str:
    return resources.files("kateval.toolchains.gradle").joinpath(INIT_SCRIPT).read_text("utf-8")


def test_tasks(spec) -> dict[str, str]:
    """target -> the Gradle test task that tests it (the task's gradle_tasks, else KMP's)."""
    chosen = dict(getattr(spec, "gradle_tasks", None) or {})
    return {t: chosen.get(t, DEFAULT_TEST_TASKS[t]) for t in spec.targets}


@dataclass(frozen=True)
class AttemptFiles:
    """Where one attempt's Gradle files go, all inside the workspace's unpredictable folder."""

    layout: Layout

    @property
    def base(self) -> str:
        return self.layout.scratch

    @property
    def token(self) -> str:
        """In the environment of every process of this attempt (TOKEN_VAR)."""
        return Path(self.layout.scratch).name

    @property
    def init_script(self) -> str:
        return f"{self.base}/init.gradle"

    @property
    def user_home(self) -> str:
        return f"{self.base}/home"

    @property
    def guard(self) -> str:
        """The test JVM's policy and exit guard, written by the init script."""
        return f"{self.base}/guard"

    def outcome(self, step: str) -> str:
        return f"{self.base}/outcome-{step}.txt"

    def progress(self, step: str) -> str:
        return f"{self.base}/progress-{step}.txt"


class GradleToolchain:
    """Runs the task repo's own Gradle build inside the sandbox, offline."""

    name = "gradle"

    def __init__(self, gradle: str | None = None, limits: GradleLimits = GradleLimits()):
        self.gradle = gradle or find_gradle()
        self.limits = limits

    def version(self) -> str:
        return gradle_version(self.gradle)

    def launcher(self, root: Path) -> str:
        """The repo's wrapper when it has one (its distribution must already be in reach:
        runs are offline), else our Gradle."""
        wrapper = root / "gradlew"
        jar = root / "gradle" / "wrapper" / "gradle-wrapper.jar"
        if wrapper.is_file() and not wrapper.is_symlink() and jar.is_file() \
                and not os.environ.get("KATEVAL_GRADLE"):
            return "./gradlew"
        return self.gradle

    def argv(self, root: Path, files: AttemptFiles, step: str, phase: str,
             tasks: list[str], reports: str) -> list[str]:
        lim = self.limits
        daemon_args = f"-Xmx{lim.daemon_heap_mb}m {JVM_FLAGS} -Dfile.encoding=UTF-8"
        # `env` because a sandbox runs argv with its own fixed environment.
        return ["env", f"{TOKEN_VAR}={files.token}",
                f"GRADLE_OPTS=-Xmx{lim.client_heap_mb}m {JVM_FLAGS}", "JAVA_OPTS=",
                self.launcher(root), "--offline", "--no-daemon", "--console=plain", "--stacktrace",
                "--no-build-cache", "--gradle-user-home", files.user_home,
                "--project-cache-dir", f"{files.base}/project-cache",
                "--init-script", files.init_script, f"--max-workers={lim.workers}",
                f"-Dorg.gradle.jvmargs={daemon_args}", "-Dorg.gradle.parallel=false",
                # The init script listens to the task graph, which a configuration cache skips.
                "-Dorg.gradle.configuration-cache=false",
                "-Dorg.gradle.unsafe.configuration-cache=false",
                f"-Pkotlin.daemon.jvmargs=-Xmx{lim.kotlin_daemon_heap_mb}m",
                "-Pkotlin.compiler.execution.strategy=in-process",
                f"-Pkateval.phase={phase}", f"-Pkateval.reports={reports}",
                f"-Pkateval.outcome={files.outcome(step)}",
                f"-Pkateval.progress={files.progress(step)}", f"-Pkateval.guard={files.guard}",
                f"-Pkateval.testHeap={lim.test_heap_mb}m", *tasks]

    def steps(self, root: Path, spec, layout: Layout, timeouts: Timeouts) -> list[Step]:
        files = AttemptFiles(layout)
        by_target = test_tasks(spec)
        first = next(iter(by_target))
        steps = [Step("gradle-build", "build", first,
                      self.argv(root, files, "gradle-build", "build", list(by_target.values()),
                                f"{layout.scratch}/unused"), timeouts.build_s)]
        # The JVM's tests first: the JS tests run the sample's code unguarded, and nothing
        # after them may trust the workspace (the JVM step trusts its progress file).
        for target in sorted(by_target, key=lambda t: t != "jvm"):
            name = f"test-{target}"
            argv = self.argv(root, files, name, "test", [by_target[target]],
                             layout.report_dir(target))
            if target == "jvm":
                argv.insert(argv.index("--init-script"), "-Pkateval.guarded=true")
            steps.append(Step(name, "test", target, argv, timeouts.test_s,
                              outputs=layout.report_dir(target)))
        return steps

    def run(self, step: Step, sandbox):
        files = self._attempt_of(step)
        # Written before every step: model code of an earlier test step may have changed
        # them, and a step's outcome and progress must be its own.
        sandbox.write_file(files.init_script, init_script_text().encode())
        for path in (files.outcome(step.name), files.progress(step.name)):
            sandbox.write_file(path, b"")
        try:
            result = exec_step(step, sandbox)
        finally:
            reap(files.token)
        if result.returncode == 0 and not result.timed_out:
            return result
        if step.phase == "build":
            judge_build(result, sandbox, files, step)
        elif step.target == "jvm" and not result.timed_out:
            judge_jvm_tests(result, sandbox, files, step)
        return result

    @staticmethod
    def _attempt_of(step: Step) -> AttemptFiles:
        """The attempt's files, from the step's own --init-script: steps carry no state."""
        if "--init-script" not in step.argv:
            raise ValueError(f"{step.name}: not a step of the gradle toolchain")
        init = step.argv[step.argv.index("--init-script") + 1]
        base = str(Path(init).parent)
        return AttemptFiles(Layout(reports="", scratch=base))

    def close(self) -> None:
        pass  # every step reaps its own processes


def read_outcome(sandbox, path: str) -> tuple[str | None, str]:
    try:
        text = sandbox.read_file(path).decode("utf-8", errors="replace")
    except (OSError, ValueError):
        return None, ""
    kind, _, message = text.partition("\n")
    return kind.strip() or None, message.strip()[:500]


def read_progress(sandbox, path: str) -> list[str]:
    """The tasks a step started, as `test :path` or `task :path` lines."""
    try:
        text = sandbox.read_file(path).decode("utf-8", errors="replace")
    except (OSError, ValueError):
        return []
    return [line.strip() for line in text.splitlines() if line.strip()]


def judge_build(result, sandbox, files: AttemptFiles, step: Step) -> None:
    """Raise InfraError when Gradle, not the sample, failed the build phase (none of the
    sample's code runs there: what Gradle wrote is Gradle's own account)."""
    output = result.stdout + result.stderr
    started = read_progress(sandbox, files.progress(step.name))
    if result.timed_out:
        if not started:
            raise InfraError(f"Gradle started no task within {step.timeout_s:.0f} s",
                             output=output)
        return
    kind, message = read_outcome(sandbox, files.outcome(step.name))
    if kind is None and not started:
        raise InfraError(f"Gradle could not start the build (exit {result.returncode}): "
                         f"{gradle_reason(output)}", output=output)
    if kind is None:
        raise InfraError(f"Gradle ended without a build result (exit {result.returncode}; "
                         f"a daemon crash or kill during {started[-1].split()[-1]}): "
                         f"{gradle_reason(result.stderr + result.stdout)}", output=output)
    if kind == "resolve":
        raise InfraError(f"a dependency cannot be resolved offline: {message}", output=output)
    if kind == "setup":
        raise InfraError(f"Gradle cannot run the task's build: {message}", output=output)


def judge_jvm_tests(result, sandbox, files: AttemptFiles, step: Step) -> None:
    """Raise InfraError when a JVM test step failed before its test task started: the
    sample's code had not run (and once it runs it can write no file, the progress file
    included)."""
    started = read_progress(sandbox, files.progress(step.name))
    if any(line.startswith("test ") for line in started):
        return
    kind, message = read_outcome(sandbox, files.outcome(step.name))
    output = result.stdout + result.stderr
    reason = message if kind is not None else gradle_reason(output)
    raise InfraError(f"Gradle failed before the tests started (exit {result.returncode}): "
                     f"{reason}", output=output)


def gradle_reason(text: str) -> str:
    """The line after Gradle's "* What went wrong:", else the last line of output."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for index, line in enumerate(lines[:-1]):
        if line == "* What went wrong:":
            return lines[index + 1][:300]
    return lines[-1][:300] if lines else "no output"


def processes_with(token: str) -> list[int]:
    """Pids of this user's processes whose environment holds TOKEN_VAR=token."""
    wanted = f"{TOKEN_VAR}={token}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if entry.stat().st_uid != os.getuid():
                continue
            if wanted in (entry / "environ").read_bytes().split(b"\0"):
                found.append(int(entry.name))
        except OSError:  # gone, or not ours to read
            continue
    return found


def reap(token: str) -> None:
    """Kill what an attempt left running. The local sandbox's pid namespace and cgroup already
    do; under `--sandbox none` a single-use daemon has left the process group with setsid."""
    for pid in processes_with(token):
        try:
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
