"""The kotlinc toolchain: the cold reference path, a fresh compiler JVM per step.

Gradle's KMP plugin cannot run offline here, so the standalone compiler builds the same
source sets with the K2 multiplatform fragment flags:
  compile-jvm   commonMain+commonTest+jvmMain+jvmTest -> classes
  compile-js    commonMain+commonTest+jsMain+jsTest with kotlin-test-js -> a klib
  link-js       the klib -> an executable CommonJS module (`-Xir-produce-js -Xinclude`)
  test-jvm      the JUnit console launcher (JUnit 4 through its vintage engine, or JUnit 5)
  test-js       kateval's JS runner on Node (runner/js/run-tests.js): the module runs in an
                SES compartment (no require, process or fs; frozen intrinsics) behind a
                kotlin.test adapter; one <testcase> per Kotlin test, and the counts
Every compile step comes before every test step: evaluate removes the hidden test sources
from the workspace before the first test step.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from kateval.errors import ToolchainError
from kateval.toolchains import Layout, Step, Timeouts, exec_step, jdk

KOTLIN_VERSION = "2.4.20"
NPM_PACKAGE = f"kotlin-compiler@{KOTLIN_VERSION}"
JUNIT_CANDIDATES = ["/usr/share/java/junit-platform-console-standalone.jar"]
OUT = "build/kateval"
COMMON_ARGS = ["-nowarn", "-Xdisable-default-scripting-plugin"]
"""Every compile's first arguments. Samples are .kt sources, never scripts: without the flag
each compile loads the scripting plugin's jars into a new class loader (in a warm server,
classes loaded again and again, which fills its metaspace and code cache)."""
# Every JVM here lives a few seconds: the C2 JIT and the parallel GC's threads cost more CPU
# than they win back, which hurts most with one core per sample (docker, concurrency 2).
# bench/jvm_flags_bench.py measures the difference.
JVM_FLAGS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
CONSOLE_MAIN = "org.junit.platform.console.ConsoleLauncher"
FRAMEWORK_JARS = {"junit4": "kotlin-test-junit.jar", "junit5": "kotlin-test-junit5.jar"}
RUNNER_JAR = "runner.jar"
CDS_QUIET = ["-Xlog:cds=off", "-Xlog:cds+dynamic=off"]
"""JVM flags that keep CDS warnings (they go to stdout) out of a step's output."""
RUNNER_MAIN = "kateval.runner.JUnit4RunnerKt"
JS_RUNNER = "run-tests.js"
"""kateval's JS test runner (runner/js/run-tests.js), in the js-runner folder."""


def cds_archive(framework: str) -> str:
    return f"test-jvm-{framework}.jsa"


@dataclass(frozen=True)
class ToolPaths:
    """Where the toolchain lives, as seen from inside a sandbox."""

    kotlin_home: str
    junit_console: str
    js_runner: str = ""
    """kateval's JS test runner with its node_modules (ses, acorn): `kateval toolchain install`."""
    cds_dir: str = ""
    """A folder with kateval's JUnit 4 runner (runner.jar) and an AppCDS archive of the test
    JVM per framework, or "" for the JUnit console launcher and no archive (the image)."""
    warm_home: str = ""
    """The warm compile server's folder (server.jar; once primed also its class archive,
    server.aot or server.jsa, and js-ic/), or "" when it is not built."""
    server_java: str = ""
    """The warm server's `java` when it is not the one on PATH (jdk.py), else ""."""
    jdk_home: str = ""
    """The PATH JDK's home when the server runs on another JDK: JVM compiles see this class
    library (`-jdk-home`), the one the test JVM runs on."""

    def lib(self, name: str) -> str:
        return f"{self.kotlin_home}/lib/{name}"

    def jdk_flags(self) -> list[str]:
        """A warm server's JVM compile flags: the tests' JDK, when the server runs on another."""
        return ["-jdk-home", self.jdk_home] if self.jdk_home else []

    def mounts(self) -> list[str]:
        """What a sandbox must show, read-only, for these tools to run."""
        server_jdk = str(Path(self.server_java).parents[1]) if self.server_java else ""
        optional = [self.js_runner, self.cds_dir, self.warm_home, server_jdk]
        return [self.kotlin_home, self.junit_console, *[p for p in optional if p]]

    def test_class_path(self) -> list[str]:
        """The test JVM's class path before the framework jar and the sample's classes; the
        CDS archive is dumped with exactly this prefix (a JVM refuses it otherwise)."""
        fixed = [self.junit_console, self.lib("kotlin-stdlib.jar"), self.lib("kotlin-test.jar"),
                 self.lib("kotlinx-coroutines-core-jvm.jar")]
        return fixed + ([f"{self.cds_dir}/{RUNNER_JAR}"] if self.cds_dir else [])

    def cds_flags(self, framework: str) -> list[str]:
        if not self.cds_dir:
            return []
        # A stale or mismatched archive only costs speed: the JVM then starts without it.
        return [f"-XX:SharedArchiveFile={self.cds_dir}/{cds_archive(framework)}", *CDS_QUIET]


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
    from kateval.toolchains import install

    home = Path(os.environ.get("KATEVAL_KOTLIN_HOME", install_dir()))
    if not (home / "bin" / "kotlinc").is_file():
        raise ToolchainError(
            f"kotlinc {KOTLIN_VERSION} not found in {home}; run `kateval toolchain install`")
    junit = find_junit_console()
    if junit is None:
        raise ToolchainError(
            "JUnit console launcher not found; `apt-get install junit5` or set "
            "KATEVAL_JUNIT_CONSOLE=/path/to/junit-platform-console-standalone.jar")
    runner = install.js_runner_dir()
    if not install.js_runner_ready(runner):
        raise ToolchainError(f"the JS test runner is not installed in {runner}; run "
                             "`kateval toolchain install`")
    cds = install.cds_dir()
    warm = install.warm_dir()
    server, tests = jdk.server_jdk(), jdk.path_jdk()
    other = server.home != tests.home
    return ToolPaths(kotlin_home=str(home), junit_console=str(junit), js_runner=str(runner),
                     cds_dir=str(cds) if install.cds_ready(cds) else "",
                     warm_home=str(warm) if install.warm_ready(warm) else "",
                     server_java=server.java if other else "",
                     jdk_home=tests.home if other else "")


def install(force: bool = False) -> Path:
    """Fetch the pinned compiler from the npm registry into KATEVAL_HOME."""
    from kateval.toolchains import install as installer

    return installer.install_compiler(force=force)


def version_of(paths: ToolPaths) -> str:
    build_txt = Path(paths.kotlin_home) / "build.txt"
    return build_txt.read_text().strip() if build_txt.is_file() else "unknown"


def test_framework(root: Path, spec) -> str:
    """junit4 or junit5: the task's explicit choice, else what Gradle would do with its build
    file (JUnit 5 only when the build calls useJUnitPlatform())."""
    explicit = getattr(spec, "test_framework", None)
    if explicit:
        return explicit
    for name in ("build.gradle.kts", "build.gradle"):
        build_file = root / name
        if build_file.is_file() and not build_file.is_symlink():
            if "useJUnitPlatform(" in build_file.read_text(encoding="utf-8", errors="replace"):
                return "junit5"
    return "junit4"


def _sources(root: Path, source_set: str) -> list[str]:
    base = root / "src" / source_set / "kotlin"
    return sorted(str(p.relative_to(root)) for p in base.rglob("*.kt")) if base.is_dir() else []


def _fragment_args(fragments: dict[str, list[str]], platform: str) -> list[str]:
    pairs = [f"{name}:{path}" for name, paths in fragments.items() for path in paths]
    return ["-Xmulti-platform", f"-Xfragments=common,{platform}",
            f"-Xfragment-refines={platform}:common", "-Xfragment-sources=" + ",".join(pairs)]


@dataclass(frozen=True)
class CompilerArgs:
    """The compiler arguments of one sample, without the launcher (kotlinc script or warm
    service) in front: both toolchains compile exactly the same way."""

    jvm: list[str]
    js_klib: list[str] | None
    js_link: list[str] | None


JS_KLIB = f"{OUT}/js-klib"
JS_OUT = f"{OUT}/js"
JS_MODULE = "kateval-tests"


def compiler_args(root: Path, targets: list[str], paths: ToolPaths, framework: str) -> CompilerArgs:
    jvm = {"common": _sources(root, "commonMain") + _sources(root, "commonTest"),
           "jvm": _sources(root, "jvmMain") + _sources(root, "jvmTest")}
    compile_cp = ":".join([paths.lib("kotlin-test.jar"), paths.lib(FRAMEWORK_JARS[framework]),
                           paths.lib("kotlinx-coroutines-core-jvm.jar"), paths.junit_console])
    # -no-reflect: Gradle's KMP plugin does not put kotlin-reflect on the class path either
    # (and the test JVM does not have it); one jar less to index per compile.
    jvm_args = [*COMMON_ARGS, "-no-reflect", *_fragment_args(jvm, "jvm"), "-d", f"{OUT}/jvm",
                "-cp", compile_cp, *jvm["common"], *jvm["jvm"]]
    if "js" not in targets:
        return CompilerArgs(jvm_args, None, None)
    libraries = ":".join([paths.lib("kotlin-stdlib-js.klib"), paths.lib("kotlin-test-js.klib")])
    js = {"common": _sources(root, "commonMain") + _sources(root, "commonTest"),
          "js": _sources(root, "jsMain") + _sources(root, "jsTest")}
    klib = [*COMMON_ARGS, *_fragment_args(js, "js"), "-libraries", libraries, "-nopack",
            "-ir-output-dir", JS_KLIB, "-ir-output-name", JS_MODULE, *js["common"], *js["js"]]
    link = [*COMMON_ARGS, "-Xir-produce-js", f"-Xinclude={JS_KLIB}", "-libraries", libraries,
            "-ir-output-dir", JS_OUT, "-ir-output-name", JS_MODULE, "-module-kind", "commonjs"]
    return CompilerArgs(jvm_args, klib, link)


def test_steps(root: Path, targets: list[str], paths: ToolPaths, framework: str,
               layout: Layout, timeouts: Timeouts) -> list[Step]:
    """test-jvm (and test-js): the same for every toolchain, run with sandbox.exec."""
    run_cp = ":".join([*paths.test_class_path(), paths.lib(FRAMEWORK_JARS[framework]),
                       f"{OUT}/jvm"])
    if framework == "junit4" and paths.cds_dir:
        # JUnitCore without the JUnit Platform: the same tests, names and report format as
        # the console launcher's vintage engine, half a second sooner (runner/JUnit4Runner.kt).
        main = [RUNNER_MAIN, f"{OUT}/jvm", layout.report_dir("jvm")]
    else:
        main = [CONSOLE_MAIN, "--scan-classpath", f"{OUT}/jvm", "--disable-banner",
                "--details=summary", "--fail-if-no-tests", "--reports-dir",
                layout.report_dir("jvm")]
    steps = [Step("test-jvm", "test", "jvm",
                  ["java", "-Xmx512m", *JVM_FLAGS, *paths.cds_flags(framework), "-cp", run_cp,
                   *main], timeouts.test_s, read_only=True, outputs=layout.report_dir("jvm"))]
    if "js" in targets:
        # Classname "<package>.<Class>", name "<method>", as JUnit 4 names them on the JVM.
        steps.append(Step("test-js", "test", "js",
                          ["node", f"{paths.js_runner}/{JS_RUNNER}", f"{JS_OUT}/{JS_MODULE}.js",
                           layout.report_dir("js")],
                          timeouts.test_s, read_only=True, outputs=layout.report_dir("js"),
                          counts=True))
    return steps


def build_steps(root: Path, targets: list[str], paths: ToolPaths, layout: Layout,
                timeouts: Timeouts, framework: str = "junit4") -> list[Step]:
    """The commands that compile and test the project checked out at `root`."""
    args = compiler_args(root, targets, paths, framework)
    jvm_flags = ["-J-Xmx1g", *[f"-J{flag}" for flag in JVM_FLAGS]]
    kotlinc_js = f"{paths.kotlin_home}/bin/kotlinc-js"
    steps = [Step("compile-jvm", "build", "jvm",
                  [f"{paths.kotlin_home}/bin/kotlinc", *jvm_flags, *args.jvm], timeouts.build_s)]
    if args.js_klib is not None and args.js_link is not None:
        steps.append(Step("compile-js", "build", "js", [kotlinc_js, *jvm_flags, *args.js_klib],
                          timeouts.build_s))
        steps.append(Step("link-js", "build", "js", [kotlinc_js, *jvm_flags, *args.js_link],
                          timeouts.build_s))
    return steps + test_steps(root, targets, paths, framework, layout, timeouts)


class KotlincToolchain:
    """The cold reference path: a fresh compiler JVM per step, run inside the sandbox."""

    name = "kotlinc"

    def __init__(self, paths: ToolPaths):
        self.paths = paths

    def version(self) -> str:
        return version_of(self.paths)

    def steps(self, root: Path, spec, layout: Layout, timeouts: Timeouts) -> list[Step]:
        return build_steps(root, list(spec.targets), self.paths, layout, timeouts,
                           test_framework(root, spec))

    def run(self, step: Step, sandbox):
        return exec_step(step, sandbox)

    def close(self) -> None:
        pass


_ERROR_LINE = re.compile(r"^(?:\S+\.kt:\d+:\d+: )?error: .*$", re.MULTILINE)


def compiler_errors(log: str, limit: int = 20) -> list[str]:
    """The compiler's error lines, for feedback to the model."""
    return _ERROR_LINE.findall(log)[:limit]
