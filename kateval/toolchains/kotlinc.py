"""The kotlinc toolchain: the cold reference path, a fresh compiler JVM per step.

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

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from kateval import deps
from kateval.errors import ConfigError, ToolchainError
from kateval.toolchains import Layout, Step, Timeouts, checks, exec_step, jdk

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
FRAMEWORK_JARS = {"junit4": "kotlin-test-junit.jar", "junit5": "kotlin-test-junit5.jar"}
RUNNER_JAR = "runner.jar"
CDS_QUIET = ["-Xlog:cds=off", "-Xlog:cds+dynamic=off"]
"""JVM flags that keep CDS warnings (they go to stdout) out of a step's output."""
RUNNER_MAIN = "kateval.runner.RunnerKt"
POLICY_FILE = "kateval-test.policy"
"""The test JVM's security policy (runner/kateval-test.policy), beside runner.jar."""
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
    """A folder with an AppCDS archive of the test JVM per framework, or "" for none (the
    image: an archive holds the paths of the jars it was dumped with)."""
    warm_home: str = ""
    """The warm compile server's folder (server.jar; once primed also its class archive,
    server.aot or server.jsa, and js-ic/), or "" when it is not built."""
    server_java: str = ""
    """The warm server's `java` when it is not the one on PATH (jdk.py), else ""."""
    jdk_home: str = ""
    """The PATH JDK's home when the server runs on another JDK: JVM compiles see this class
    library (`-jdk-home`), the one the test JVM runs on."""
    runner_dir: str = ""
    """A folder with kateval's test runner (runner.jar) and the test JVM's policy, or "" before
    `kateval toolchain install` made it (no JVM test can run then)."""
    deps_home: str = ""
    """The cache of the tasks' libraries (kateval/deps: KATEVAL_HOME/deps, the image's
    /opt/kateval-deps), read-only in every sandbox, or "" when there is none."""
    libraries: deps.Libraries = deps.NO_LIBRARIES
    """One task's libraries (`for_task`), relative to deps_home: what its compiles and test
    JVM see beyond the compiler's own. A task without `dependencies:` keeps the compiler's
    kotlinx-coroutines on the JVM, as before libraries existed."""

    def lib(self, name: str) -> str:
        return f"{self.kotlin_home}/lib/{name}"

    def for_task(self, libraries: deps.Libraries) -> ToolPaths:
        if libraries.files() and not self.deps_home:
            raise ToolchainError("this sandbox has no dependency cache; run `kateval toolchain "
                                 "install` (and `kateval sandbox build` for docker)")
        return replace(self, libraries=libraries)

    def library_paths(self, class_path: str) -> list[str]:
        """One of Libraries' class paths (jvm_main, js_link...), as this sandbox sees it."""
        return [f"{self.deps_home}/{rel}" for rel in getattr(self.libraries, class_path)]

    def jvm_main_libraries(self) -> list[str]:
        """What main code compiles against on the JVM beyond the stdlib: the task's own
        libraries, or the compiler's kotlinx-coroutines for a task that declares none."""
        if self.libraries.jvm_main or self.libraries.jvm_test:
            return self.library_paths("jvm_main")
        return [self.lib("kotlinx-coroutines-core-jvm.jar")]

    def plugin_args(self) -> list[str]:
        return [f"-Xplugin={self.lib(jar)}" for jar in self.libraries.plugins]

    def jdk_flags(self) -> list[str]:
        """A warm server's JVM compile flags: the tests' JDK, when the server runs on another."""
        return ["-jdk-home", self.jdk_home] if self.jdk_home else []

    def mounts(self) -> list[str]:
        """What a sandbox must show, read-only, for these tools to run."""
        server_jdk = str(Path(self.server_java).parents[1]) if self.server_java else ""
        optional = [self.js_runner, self.runner_dir, self.cds_dir, self.warm_home, server_jdk,
                    self.deps_home]
        return list(dict.fromkeys([self.kotlin_home, self.junit_console, *filter(None, optional)]))

    def test_class_path(self, framework: str) -> list[str]:
        """The test JVM's whole class path: trusted jars only (the runner loads the sample's
        classes itself). The CDS archive is dumped with the class path of a task without
        libraries; a task's libraries come after it (the archive still serves), but a task
        with its own kotlinx-coroutines drops the compiler's (the archive then does not)."""
        runtime = self.library_paths("jvm_runtime")
        own = any(Path(p).name.startswith("kotlinx-coroutines-core-jvm-") for p in runtime)
        coroutines = [] if own else [self.lib("kotlinx-coroutines-core-jvm.jar")]
        return [self.junit_console, self.lib("kotlin-stdlib.jar"), self.lib("kotlin-test.jar"),
                *coroutines, f"{self.runner_dir}/{RUNNER_JAR}",
                self.lib(FRAMEWORK_JARS[framework]), *runtime]

    def security_flags(self) -> list[str]:
        """The Security Manager with kateval's policy alone (`==`: not the JDK's default
        policy too), and the folders the policy trusts, as this sandbox sees them."""
        return ["-Djava.security.manager",
                f"-Djava.security.policy=={self.runner_dir}/{POLICY_FILE}",
                f"-Dkateval.junit={Path(self.junit_console).parent}",
                f"-Dkateval.kotlin={self.kotlin_home}/lib", f"-Dkateval.runner={self.runner_dir}",
                *([f"-Dkateval.deps={self.deps_home}"] if self.deps_home else [])]

    def cds_flags(self, framework: str) -> list[str]:
        if not self.cds_dir:
            return []
        # A stale or mismatched archive only costs speed: the JVM then starts without it.
        return [f"-XX:SharedArchiveFile={self.cds_dir}/{cds_archive(framework)}", *CDS_QUIET]


def kateval_home() -> Path:
    return Path(os.environ.get("KATEVAL_HOME", Path.home() / ".cache" / "kateval"))


def install_dir() -> Path:
    return kateval_home() / f"kotlinc-{KOTLIN_VERSION}"


def deps_dir() -> Path:
    """The host's cache of the tasks' libraries (kateval/deps)."""
    return kateval_home() / "deps"


def _deps_home() -> str:
    """The library cache, made if missing: a sandbox mounts it (bwrap needs the folder) before
    a task's first resolution may fill it."""
    try:
        deps_dir().mkdir(parents=True, exist_ok=True)
    except OSError:
        return ""
    return str(deps_dir())


def task_libraries(spec, *, offline: bool = False) -> deps.Libraries:
    """The task's libraries from the cache (resolved into it on first use), or a one-line
    ConfigError (an unknown coordinate) or ToolchainError (no network, a bad checksum)
    naming the task and the coordinate."""
    try:
        return deps.resolve_task(spec, deps_dir(), KOTLIN_VERSION, offline=offline)
    except deps.TaskResolveError as exc:
        raise (ConfigError if exc.config else ToolchainError)(str(exc)) from None


def find_junit_console() -> Path | None:
    env = os.environ.get("KATEVAL_JUNIT_CONSOLE")
    for candidate in ([env] if env else []) + JUNIT_CANDIDATES:
        if Path(candidate).is_file():
            return Path(candidate)
    return None


def locate(*, with_runner: bool = True) -> ToolPaths:
    """The installed toolchain, or a ToolchainError that says how to install it. The install
    itself locates the compiler before it builds the JVM test runner (`with_runner=False`)."""
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
    if with_runner and not install.runner_ready(cds):
        raise ToolchainError(f"kateval's JVM test runner is not installed in {cds}; run "
                             "`kateval toolchain install`")
    warm = install.warm_dir()
    server, tests = jdk.server_jdk(), jdk.test_jdk()
    other = server.home != tests.home
    return ToolPaths(kotlin_home=str(home), junit_console=str(junit), js_runner=str(runner),
                     cds_dir=str(cds) if install.cds_ready(cds) else "",
                     warm_home=str(warm) if install.warm_ready(warm) else "",
                     server_java=server.java if other else "",
                     jdk_home=tests.home if other else "",
                     runner_dir=str(cds) if install.runner_ready(cds) else "",
                     deps_home=_deps_home())


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
    return ["java", "-Xmx512m", *JVM_FLAGS, *cds, *paths.security_flags(),
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


def build_steps(root: Path, targets: list[str], paths: ToolPaths, layout: Layout,
                timeouts: Timeouts, framework: str = "junit4") -> list[Step]:
    """The commands that compile and test the project checked out at `root`."""
    jvm_flags = ["-J-Xmx1g", *[f"-J{flag}" for flag in JVM_FLAGS]]
    launchers = {"jvm": f"{paths.kotlin_home}/bin/kotlinc",
                 "js": f"{paths.kotlin_home}/bin/kotlinc-js"}

    def step_for(compile: Compile) -> Step:
        return Step(compile.name, "build", compile.target,
                    [launchers[compile.target], *jvm_flags, *compile.args], timeouts.build_s)

    compiles = compiler_args(root, targets, paths, framework)
    return (build_phase(compiles, step_for, timeouts)
            + test_steps(root, targets, paths, framework, layout, timeouts))


class KotlincToolchain:
    """The cold reference path: a fresh compiler JVM per step, run inside the sandbox."""

    name = "kotlinc"

    def __init__(self, paths: ToolPaths):
        self.paths = paths

    def version(self) -> str:
        return version_of(self.paths)

    def steps(self, root: Path, spec, layout: Layout, timeouts: Timeouts) -> list[Step]:
        paths = self.paths.for_task(task_libraries(spec))
        return build_steps(root, list(spec.targets), paths, layout, timeouts,
                           test_framework(root, spec))

    def run(self, step: Step, sandbox):
        return exec_step(step, sandbox)

    def close(self) -> None:
        pass


_ERROR_LINE = re.compile(r"^(?:\S+\.kt:\d+:\d+: )?error: .*$", re.MULTILINE)


def compiler_errors(log: str, limit: int = 20) -> list[str]:
    """The compiler's error lines, for feedback to the model."""
    return _ERROR_LINE.findall(log)[:limit]
