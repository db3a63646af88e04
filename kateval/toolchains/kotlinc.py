"""The kotlinc toolchain: compile common+jvm and run JUnit; compile common+js to a klib.

Gradle's KMP plugin cannot run offline here, so the standalone compiler builds the same
source sets with the K2 multiplatform fragment flags.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kateval.errors import ToolchainError
from kateval.toolchains import Layout, Step, Timeouts

KOTLIN_VERSION = "2.4.20"
NPM_PACKAGE = f"kotlin-compiler@{KOTLIN_VERSION}"
JUNIT_CANDIDATES = ["/usr/share/java/junit-platform-console-standalone.jar"]
OUT = "build/kateval"
# Every JVM here lives a few seconds: the C2 JIT and the parallel GC's threads cost more CPU
# than they win back, which hurts most with one core per sample (docker, concurrency 2).
# bench/jvm_flags_bench.py measures the difference.
JVM_FLAGS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]


@dataclass(frozen=True)
class ToolPaths:
    """Where the toolchain lives, as seen from inside a sandbox."""

    kotlin_home: str
    junit_console: str

    def lib(self, name: str) -> str:
        return f"{self.kotlin_home}/lib/{name}"

    def mounts(self) -> list[str]:
        """What a sandbox must show, read-only, for these tools to run."""
        return [self.kotlin_home, self.junit_console]


def kateval_home() -> Path:
    return Path(os.environ.get("KATEVAL_HOME", Path.home() / ".cache" / "kateval"))


def install_dir() -> Path:
    return kateval_home() / f"kotlinc-{KOTLIN_VERSION}"


def find_junit_console() -> Path | None:
    env = os.environ.get("KATEVAL_JUNIT_CONSOLE")
    for candidate in ([env] if env else []) + JUNIT_CANDIDATES:
        if Path(candidate).is_file():
            return Path(candidate)
    return None


def locate() -> ToolPaths:
    """The installed toolchain, or a ToolchainError that says how to install it."""
    home = Path(os.environ.get("KATEVAL_KOTLIN_HOME", install_dir()))
    if not (home / "bin" / "kotlinc").is_file():
        raise ToolchainError(
            f"kotlinc {KOTLIN_VERSION} not found in {home}; run `kateval toolchain install`")
    junit = find_junit_console()
    if junit is None:
        raise ToolchainError(
            "JUnit console launcher not found; `apt-get install junit5` or set "
            "KATEVAL_JUNIT_CONSOLE=/path/to/junit-platform-console-standalone.jar")
    return ToolPaths(kotlin_home=str(home), junit_console=str(junit))


def install(force: bool = False) -> Path:
    """Fetch the pinned compiler from the npm registry into KATEVAL_HOME."""
    target = install_dir()
    if (target / "bin" / "kotlinc").is_file() and not force:
        return target
    if shutil.which("npm") is None:
        raise ToolchainError("npm not found; install Node.js and npm (apt-get install npm)")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        proc = subprocess.run(["npm", "pack", NPM_PACKAGE, "--silent"], cwd=tmp,
                              capture_output=True, text=True)
        if proc.returncode != 0:
            raise ToolchainError(f"npm pack {NPM_PACKAGE} failed: {proc.stderr.strip()[-300:]}")
        tgz = next(Path(tmp).glob("kotlin-compiler-*.tgz"))
        with tarfile.open(tgz) as archive:
            archive.extractall(tmp, filter="tar")
        if target.exists():
            shutil.rmtree(target)
        Path(tmp, "package").rename(target)
    for script in (target / "bin").iterdir():
        script.chmod(0o755)
    return target


def version_of(paths: ToolPaths) -> str:
    build_txt = Path(paths.kotlin_home) / "build.txt"
    return build_txt.read_text().strip() if build_txt.is_file() else "unknown"


def _sources(root: Path, source_set: str) -> list[str]:
    base = root / "src" / source_set / "kotlin"
    return sorted(str(p.relative_to(root)) for p in base.rglob("*.kt")) if base.is_dir() else []


def _fragment_args(fragments: dict[str, list[str]], platform: str) -> list[str]:
    pairs = [f"{name}:{path}" for name, paths in fragments.items() for path in paths]
    return ["-Xmulti-platform", f"-Xfragments=common,{platform}",
            f"-Xfragment-refines={platform}:common", "-Xfragment-sources=" + ",".join(pairs)]


def _compiler_jvm_flags() -> list[str]:
    return [f"-J{flag}" for flag in JVM_FLAGS]


def build_steps(root: Path, targets: list[str], paths: ToolPaths, layout: Layout,
                timeouts: Timeouts) -> list[Step]:
    """The commands that compile and test the project checked out at `root`."""
    kotlinc = f"{paths.kotlin_home}/bin/kotlinc"
    test_cp = ":".join([paths.lib("kotlin-test.jar"), paths.lib("kotlin-test-junit5.jar"),
                        paths.lib("kotlinx-coroutines-core-jvm.jar"), paths.junit_console])
    jvm = {"common": _sources(root, "commonMain") + _sources(root, "commonTest"),
           "jvm": _sources(root, "jvmMain") + _sources(root, "jvmTest")}
    jvm_files = jvm["common"] + jvm["jvm"]
    steps = [Step("compile-jvm", "build", "jvm",
                  [kotlinc, "-J-Xmx1g", *_compiler_jvm_flags(), "-nowarn",
                   *_fragment_args(jvm, "jvm"), "-d", f"{OUT}/jvm", "-cp", test_cp, *jvm_files],
                  timeouts.build_s)]
    if "js" in targets:
        js = {"common": _sources(root, "commonMain"), "js": _sources(root, "jsMain")}
        steps.append(Step("compile-js", "build", "js",
                          [f"{paths.kotlin_home}/bin/kotlinc-js", "-J-Xmx1g",
                           *_compiler_jvm_flags(), "-nowarn",
                           *_fragment_args(js, "js"), "-libraries",
                           paths.lib("kotlin-stdlib-js.klib"), "-nopack", "-ir-output-dir",
                           f"{OUT}/js", "-ir-output-name", "task", *js["common"], *js["js"]],
                          timeouts.build_s))
    run_cp = ":".join([f"{OUT}/jvm", paths.lib("kotlin-stdlib.jar"), test_cp])
    steps.append(Step("test-jvm", "test", "jvm",
                      ["java", "-Xmx512m", *JVM_FLAGS, "-jar", paths.junit_console,
                       "-cp", run_cp, "--scan-classpath", "--disable-banner", "--details=summary",
                       "--fail-if-no-tests", "--reports-dir", layout.report_dir("jvm")],
                      timeouts.test_s))
    return steps


class KotlincToolchain:
    """The cold reference path: a fresh compiler JVM per step, run inside the sandbox."""

    name = "kotlinc"

    def __init__(self, paths: ToolPaths):
        self.paths = paths

    def version(self) -> str:
        return version_of(self.paths)

    def steps(self, root: Path, spec, layout: Layout, timeouts: Timeouts) -> list[Step]:
        return build_steps(root, list(spec.targets), self.paths, layout, timeouts)

    def run(self, step: Step, sandbox):
        return sandbox.exec(step.argv, timeout_s=step.timeout_s)

    def close(self) -> None:
        pass


_ERROR_LINE = re.compile(r"^(?:\S+\.kt:\d+:\d+: )?error: .*$", re.MULTILINE)


def compiler_errors(log: str, limit: int = 20) -> list[str]:
    """The compiler's error lines, for feedback to the model."""
    return _ERROR_LINE.findall(log)[:limit]
