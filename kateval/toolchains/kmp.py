"""A KMP project's compile and test steps, shared by the cold (kotlinc) and warm toolchains.

Gradle's KMP plugin cannot run offline here, so the standalone compiler builds the same
source sets with the K2 multiplatform fragment flags:
  compile-jvm        commonMain+jvmMain -> jvm-main, against the stdlib and coroutines only:
                     main code cannot see kotlin-test or JUnit, as under Gradle
  compile-jvm-tests  commonTest+jvmTest -> jvm-test, against jvm-main (a friend: tests see
                     `internal`), kotlin-test and the framework
  check-classes      no class of jvm-main or jvm-test in a package the JDK, Kotlin, JUnit or
                     kateval own (checks.py; the harness runs it)
  compile-js         commonMain+jsMain -> the main klib, against the stdlib only
  compile-js-tests   commonTest+jsTest -> the test klib, with the main klib as a friend library
  link-js            the test klib, main on its libraries -> an executable CommonJS module
  test-jvm           kateval's runner (runner/Runner.kt: JUnitCore, or the JUnit Platform's
                     Launcher for JUnit 5) under the Security Manager (runner/kateval-test.policy):
                     jvm-test and jvm-main in its own loaders, without permissions
  test-js            kateval's JS runner on Node (runner/js/run-tests.js): the module runs in
                     an SES compartment (no require, process or fs; frozen intrinsics) behind
                     a kotlin.test adapter; one <testcase> per Kotlin test, and the counts
Before them all, evaluate has the harness read the sources (check-sources, checks.py).
Every compile step comes before every test step: evaluate removes the hidden test sources
from the workspace before the first test step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kateval.errors import ToolchainError
from kateval.toolchains import Layout, Step, Timeouts, checks
from kateval.toolchains.installed import FRAMEWORK_JARS, JS_RUNNER, RUNNER_MAIN, ToolPaths

OUT = "build/kateval"
COMMON_ARGS = ["-nowarn", "-Xdisable-default-scripting-plugin"]
"""Every compile's first arguments. Samples are .kt sources, never scripts: without the flag
each compile loads the scripting plugin's jars into a new class loader (in a warm server,
classes loaded again and again, which fills its metaspace and code cache)."""
# Every JVM here lives a few seconds: the C2 JIT and the parallel GC's threads cost more CPU
# than they win back, which hurts most with one core per sample (docker, concurrency 2).
# bench/jvm_flags_bench.py measures the difference.
JVM_FLAGS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
TEST_JVM_FLAGS = [*JVM_FLAGS, "-XX:CICompilerCount=1", "-XX:-UsePerfData"]
"""A test JVM runs for a fraction of a second: one C1 thread keeps up with it, and no one
reads its performance counters (an mmapped file in /tmp otherwise)."""


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
class Compile:
    """One compiler call of a sample, without the launcher (kotlinc script or warm service)
    in front: both toolchains compile exactly the same way."""

    name: str
    """The step's name (compile-jvm, compile-jvm-tests, compile-js, compile-js-tests, link-js)."""
    target: str
    """"jvm" or "js": the platform, and the compiler (kotlinc or kotlinc-js) that runs it."""
    args: list[str]

    @property
    def link(self) -> bool:
        return self.name == "link-js"


JVM_MAIN = f"{OUT}/jvm-main"
JVM_TEST = f"{OUT}/jvm-test"
JS_MAIN = f"{OUT}/js-main"
JS_KLIB = f"{OUT}/js-klib"
"""The test klib: what the link makes executable."""
JS_OUT = f"{OUT}/js"
JS_MODULE = "kateval-tests"


def _jvm_compiles(root: Path, paths: ToolPaths, framework: str) -> list[Compile]:
    main = {"common": _sources(root, "commonMain"), "jvm": _sources(root, "jvmMain")}
    tests = {"common": _sources(root, "commonTest"), "jvm": _sources(root, "jvmTest")}
    plugins = paths.plugin_args()
    # -no-reflect: Gradle's KMP plugin does not put kotlin-reflect on the class path either
    # (and the test JVM does not have it); one jar less to index per compile.
    compiles = []
    if main["common"] or main["jvm"]:
        compiles.append(Compile("compile-jvm", "jvm", [
            *COMMON_ARGS, *plugins, "-no-reflect", *_fragment_args(main, "jvm"), "-d", JVM_MAIN,
            "-cp", ":".join(paths.jvm_main_libraries()), *main["common"], *main["jvm"]]))
    if tests["common"] or tests["jvm"]:
        own = paths.library_paths("jvm_test")
        libraries = own if paths.libraries.jvm_test else paths.jvm_main_libraries()
        test_cp = [JVM_MAIN, paths.lib("kotlin-test.jar"), paths.lib(FRAMEWORK_JARS[framework]),
                   *libraries, paths.junit_console]
        compiles.append(Compile("compile-jvm-tests", "jvm", [
            *COMMON_ARGS, *plugins, "-no-reflect", *_fragment_args(tests, "jvm"),
            f"-Xfriend-paths={JVM_MAIN}", "-d", JVM_TEST, "-cp", ":".join(test_cp),
            *tests["common"], *tests["jvm"]]))
    return compiles


def _js_compiles(root: Path, paths: ToolPaths) -> list[Compile]:
    main = {"common": _sources(root, "commonMain"), "js": _sources(root, "jsMain")}
    tests = {"common": _sources(root, "commonTest"), "js": _sources(root, "jsTest")}
    stdlib, kotlin_test = paths.lib("kotlin-stdlib-js.klib"), paths.lib("kotlin-test-js.klib")
    plugins = paths.plugin_args()
    compiles, built = [], []
    if main["common"] or main["js"]:
        main_libraries = [stdlib, *paths.library_paths("js_main")]
        compiles.append(Compile("compile-js", "js", [
            *COMMON_ARGS, *plugins, *_fragment_args(main, "js"), "-libraries",
            ":".join(main_libraries), "-nopack", "-ir-output-dir", JS_MAIN,
            "-ir-output-name", "kateval-main", *main["common"], *main["js"]]))
        built.append(JS_MAIN)
    include = JS_MAIN
    if tests["common"] or tests["js"]:
        libraries = [stdlib, kotlin_test, *paths.library_paths("js_test"), *built]
        friend = [f"-Xfriend-modules={JS_MAIN}"] if built else []
        compiles.append(Compile("compile-js-tests", "js", [
            *COMMON_ARGS, *plugins, *_fragment_args(tests, "js"), "-libraries",
            ":".join(libraries), *friend, "-nopack", "-ir-output-dir", JS_KLIB,
            "-ir-output-name", JS_MODULE, *tests["common"], *tests["js"]]))
        include = JS_KLIB
    if compiles:
        # The link takes the runtime class path (kotlin-runtime variants), as Gradle's does.
        libraries = [stdlib, kotlin_test, *paths.library_paths("js_link"),
                     *[lib for lib in built if lib != include]]
        compiles.append(Compile("link-js", "js", [
            *COMMON_ARGS, *plugins, "-Xir-produce-js", f"-Xinclude={include}", "-libraries",
            ":".join(libraries), "-ir-output-dir", JS_OUT, "-ir-output-name", JS_MODULE,
            "-module-kind", "commonjs"]))
    return compiles


def compiler_args(root: Path, targets: list[str], paths: ToolPaths, framework: str) -> list[Compile]:
    """The compiler calls of the project at `root`, in order: main before its tests (a
    source set without files is not compiled; kotlinc refuses an empty call)."""
    compiles = _jvm_compiles(root, paths, framework)
    return compiles + (_js_compiles(root, paths) if "js" in targets else [])


def build_phase(compiles: list[Compile], step_for, timeouts: Timeouts) -> list[Step]:
    """The build steps, `step_for(compile)` each, with the class check after the JVM's."""
    steps = [step_for(compile) for compile in compiles]
    jvm = [index for index, compile in enumerate(compiles) if compile.target == "jvm"]
    if jvm:
        steps.insert(jvm[-1] + 1, checks.classes_step([JVM_MAIN, JVM_TEST], timeouts))
    return steps


def test_jvm_argv(paths: ToolPaths, framework: str, reports: str, tests: str, main: str,
                  archive: list[str] | None = None) -> list[str]:
    """The test JVM: kateval's runner (JUnitCore for JUnit 4, as the console launcher's vintage
    engine would run it, half a second sooner; the Launcher for JUnit 5) under the Security
    Manager. The sample's classes are arguments, never on the class path: the runner loads
    them without permissions (runner/SampleLoader.kt). `archive` replaces the CDS flags
    (the install dumps the archive with this command)."""
    if not paths.runner_dir:
        raise ToolchainError("kateval's JVM test runner is not installed; run "
                             "`kateval toolchain install`")
    cds = paths.cds_flags(framework) if archive is None else archive
    return ["java", "-Xmx512m", *TEST_JVM_FLAGS, *cds, *paths.security_flags(),
            "-cp", ":".join(paths.test_class_path(framework)),
            RUNNER_MAIN, framework, reports, tests, main]


def test_steps(root: Path, targets: list[str], paths: ToolPaths, framework: str,
               layout: Layout, timeouts: Timeouts) -> list[Step]:
    """test-jvm (and test-js): the same for every toolchain, run with sandbox.exec."""
    steps = [Step("test-jvm", "test", "jvm",
                  test_jvm_argv(paths, framework, layout.report_dir("jvm"), JVM_TEST, JVM_MAIN),
                  timeouts.test_s, read_only=True, outputs=layout.report_dir("jvm"), counts=True)]
    if "js" in targets:
        # Classname "<package>.<Class>", name "<method>", as JUnit 4 names them on the JVM.
        steps.append(Step("test-js", "test", "js",
                          ["node", f"{paths.js_runner}/{JS_RUNNER}", f"{JS_OUT}/{JS_MODULE}.js",
                           layout.report_dir("js")],
                          timeouts.test_s, read_only=True, outputs=layout.report_dir("js"),
                          counts=True))
    return steps


_ERROR_LINE = re.compile(r"^(?:\S+\.kt:\d+:\d+: )?error: .*$", re.MULTILINE)


def compiler_errors(log: str, limit: int = 20) -> list[str]:
    """The compiler's error lines, for feedback to the model."""
    return _ERROR_LINE.findall(log)[:limit]
