"""The installed toolchain: where `kateval toolchain install` puts each part, whether it is
there, and `locate()`, which gathers them into the ToolPaths every toolchain runs with.

A leaf of the toolchains package: the steps (kotlinc.py, warm.py), the service and the
installer all read from here, and nothing here imports them.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, replace
from pathlib import Path

from kateval import deps
from kateval.errors import ConfigError, ToolchainError
from kateval.toolchains import jdk

KOTLIN_VERSION = "2.4.20"
NPM_PACKAGE = f"kotlin-compiler@{KOTLIN_VERSION}"
JUNIT_CANDIDATES = ["/usr/share/java/junit-platform-console-standalone.jar"]
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


COMPILER_ARCHIVES = ("jvm", "js", "link")
"""The cold compiler's kinds of call, an AppCDS archive each (kotlinc-<kind>.jsa): the JVM
compile, the JS compile to a klib, and the JS link. Each loads a different part of the
compiler, so each gets the classes its own dump run loaded."""


def compiler_archive(kind: str) -> str:
    return f"kotlinc-{kind}.jsa"


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

    def compiler_cds_flags(self, kind: str) -> list[str]:
        """The kotlinc launcher's JVM flags (-J) for one kind of call's class archive."""
        if not self.cds_dir:
            return []
        archive = f"-XX:SharedArchiveFile={self.cds_dir}/{compiler_archive(kind)}"
        return [f"-J{flag}" for flag in (archive, *CDS_QUIET)]


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
    home = Path(os.environ.get("KATEVAL_KOTLIN_HOME", install_dir()))
    if not (home / "bin" / "kotlinc").is_file():
        raise ToolchainError(
            f"kotlinc {KOTLIN_VERSION} not found in {home}; run `kateval toolchain install`")
    junit = find_junit_console()
    if junit is None:
        raise ToolchainError(
            "JUnit console launcher not found; `apt-get install junit5` or set "
            "KATEVAL_JUNIT_CONSOLE=/path/to/junit-platform-console-standalone.jar")
    runner = js_runner_dir()
    if not js_runner_ready(runner):
        raise ToolchainError(f"the JS test runner is not installed in {runner}; run "
                             "`kateval toolchain install`")
    cds = cds_dir()
    if with_runner and not runner_ready(cds):
        raise ToolchainError(f"kateval's JVM test runner is not installed in {cds}; run "
                             "`kateval toolchain install`")
    warm = warm_dir()
    server, tests = jdk.server_jdk(), jdk.test_jdk()
    other = server.home != tests.home
    return ToolPaths(kotlin_home=str(home), junit_console=str(junit), js_runner=str(runner),
                     cds_dir=str(cds) if cds_ready(cds) else "",
                     warm_home=str(warm) if warm_ready(warm) else "",
                     server_java=server.java if other else "",
                     jdk_home=tests.home if other else "",
                     runner_dir=str(cds) if runner_ready(cds) else "",
                     deps_home=_deps_home())


def version_of(paths: ToolPaths) -> str:
    build_txt = Path(paths.kotlin_home) / "build.txt"
    return build_txt.read_text().strip() if build_txt.is_file() else "unknown"



SERVER_SOURCES = Path(__file__).parent / "warm"
RUNNER_SOURCES = Path(__file__).parent / "runner"
JS_RUNNER_SOURCES = RUNNER_SOURCES / "js"
"""The JS runner's files: run-tests.js and its modules, package.json and package-lock.json
(the exact versions and integrity of every package it loads)."""
SERVER_MAIN = "kateval.warm.CompileServerKt"
SERVER_JIT = ["-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=256m"]
"""C1 only: the compiler is too large a program for C2 to finish with. After dozens of
samples C2 still compiles hundreds of methods per sample and takes half the server's CPU,
more than its faster code wins back within a service's life (README, "Benchmarks").
A C1-only JVM reserves 48 MB for compiled code by default, and the compiler's C1 code fills
most of it: from JDK 20 on, every few MB of new code then triggers a full collection to
unload cold code (`CodeCache GC Threshold`, later `Aggressive` at 90% full), which throws
out code that is compiled again soon after. 256 MB holds all of it."""
AOT_ARCHIVE = "server.aot"
"""JDK 25+: an AOT cache of the compiler's classes, linked, with the training's method profiles."""
CDS_ARCHIVE = "server.jsa"
"""Older JDKs: an AppCDS archive of the compiler's classes."""
ARCHIVES = (AOT_ARCHIVE, CDS_ARCHIVE)
POLICY = RUNNER_SOURCES / POLICY_FILE
CDS_PROBE = RUNNER_SOURCES / "probe" / "CdsProbe.kt"
"""The tests the CDS archives are dumped from."""


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def js_packages() -> dict[str, str]:
    """The JS runner's npm packages and their pinned versions."""
    return json.loads((JS_RUNNER_SOURCES / "package.json").read_text())["dependencies"]


def _js_runner_files() -> list[Path]:
    return sorted(p for p in JS_RUNNER_SOURCES.iterdir() if p.is_file())


def js_runner_dir() -> Path:
    made_of = "".join(f"{p.name}\0{p.read_text()}\0" for p in _js_runner_files())
    return kateval_home() / f"js-runner-{_digest(made_of)}"


def js_runner_ready(folder: Path) -> bool:
    return ((folder / JS_RUNNER).is_file()
            and all((folder / "node_modules" / name / "package.json").is_file()
                    for name in js_packages()))


def _server_digest() -> str:
    """The server's sources, the compiler, the server's JDK and JIT: its archive is that JDK's."""
    sources = sorted(SERVER_SOURCES.glob("*.kt"))
    server = jdk.server_jdk()
    return _digest(KOTLIN_VERSION + server.java + server.version
                   + " ".join(SERVER_JIT) + "".join(p.read_text() for p in sources))


def warm_dir() -> Path:
    return kateval_home() / f"warm-{_server_digest()}"


def warm_ready(folder: Path) -> bool:
    return (folder / "server.jar").is_file()


def warm_primed(folder: Path) -> bool:
    return any((folder / a).is_file() for a in ARCHIVES) and (folder / "js-ic").is_dir()


def cds_dir() -> Path:
    """The JVM test runner's folder: its jar, its policy and the test JVM's CDS archives,
    made from the runner's sources, the JUnit jar and the PATH JDK (an archive is that JDK's)."""
    junit = find_junit_console()
    runner = "".join(p.read_text()
                     for p in [*sorted(RUNNER_SOURCES.glob("*.kt")), POLICY, CDS_PROBE])
    key = (f"{KOTLIN_VERSION}:{junit}:{junit.stat().st_mtime_ns if junit else 0}:"
           f"{jdk.path_jdk().home}:{jdk.path_jdk().version}:{runner}")
    return kateval_home() / f"cds-{_digest(key)}"


def runner_ready(folder: Path) -> bool:
    return (folder / RUNNER_JAR).is_file() and (folder / POLICY_FILE).is_file()


def cds_ready(folder: Path) -> bool:
    return (all((folder / cds_archive(f)).is_file() for f in FRAMEWORK_JARS)
            and all((folder / compiler_archive(k)).is_file() for k in COMPILER_ARCHIVES))


