"""`kateval toolchain install`: everything the toolchains need, fetched once, used offline.

Into $KATEVAL_HOME (default ~/.cache/kateval):
  kotlinc-<version>/     the pinned compiler (npm `kotlin-compiler`)
  js-runner-<hash>/      kateval's JS test runner (kateval/toolchains/runner/js/) and its
                         node_modules from its package-lock.json (ses, acorn; `npm ci`)
  warm-<hash>/           the warm compile server (server.jar, from kateval/toolchains/warm/),
                         primed: a class archive of the compiler (server.aot on JDK 25+, with
                         method profiles; server.jsa, AppCDS, before) and js-ic/, the JS IR
                         cache of the stdlib and kotlin-test
  deps/                  the suites' task libraries from Maven Central (kateval/deps)
  cds-<hash>/            kateval's JVM test runner (runner.jar, from kateval/toolchains/runner/),
                         the test JVM's policy and an AppCDS archive of the test JVM per framework
                         and of the cold compiler per kind of call (JVM, JS, JS link)
The hashes cover what each is made from, so a changed pin or source installs afresh.
"""

from __future__ import annotations

import shutil
import subprocess
import tarfile
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kateval.errors import ToolchainError
from kateval.toolchains import installed, jdk, kmp, kotlinc


def _run(argv: list[str], what: str, cwd: Path | None = None, timeout_s: float = 900) -> None:
    proc = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=timeout_s)
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip()[-300:]
        raise ToolchainError(f"{what} failed (exit {proc.returncode}): {tail}")


def install_compiler(force: bool = False) -> Path:
    """Fetch the pinned compiler from the npm registry into KATEVAL_HOME."""
    target = installed.install_dir()
    if (target / "bin" / "kotlinc").is_file() and not force:
        return target
    if shutil.which("npm") is None:
        raise ToolchainError("npm not found; install Node.js and npm (apt-get install npm)")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        _run(["npm", "pack", installed.NPM_PACKAGE, "--silent"], f"npm pack {installed.NPM_PACKAGE}",
             cwd=Path(tmp))
        tgz = next(Path(tmp).glob("kotlin-compiler-*.tgz"))
        with tarfile.open(tgz) as archive:
            archive.extractall(tmp, filter="tar")
        if target.exists():
            shutil.rmtree(target)
        Path(tmp, "package").rename(target)
    for script in (target / "bin").iterdir():
        script.chmod(0o755)
    return target


def install_js_runner(force: bool = False) -> Path:
    """kateval's JS runner and the packages its lock file pins, for `node` to run offline."""
    target = installed.js_runner_dir()
    if installed.js_runner_ready(target) and not force:
        return target
    if shutil.which("npm") is None or shutil.which("node") is None:
        raise ToolchainError("node/npm not found; apt-get install nodejs npm")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".js-runner-") as tmp:
        for source in installed._js_runner_files():
            shutil.copyfile(source, Path(tmp, source.name))
        _run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
             "npm ci (the JS test runner's packages)", cwd=Path(tmp))
        _run(["node", "ses-load.js"], "node ses-load.js (SES's code cache)", cwd=Path(tmp))
        if target.exists():
            shutil.rmtree(target)
        Path(tmp).rename(target)
        target.chmod(0o755)
    return target


def build_warm_server(paths: installed.ToolPaths, force: bool = False) -> Path:
    """Compile the warm compile server with the pinned kotlinc, against kotlin-compiler.jar,
    into a jar (a CDS archive cannot be dumped with a class folder on the class path)."""
    target = installed.warm_dir()
    if installed.warm_ready(target) and not force:
        return target
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".warm-") as tmp:
        sources = [str(p) for p in sorted(installed.SERVER_SOURCES.glob("*.kt"))]
        _run([f"{paths.kotlin_home}/bin/kotlinc", "-nowarn", "-cp",
              paths.lib("kotlin-compiler.jar"), "-d", f"{tmp}/server.jar", *sources],
             "compiling the warm server")
        Path(tmp).rename(target)
        target.chmod(0o755)
    return target


def prime_warm_server(paths: installed.ToolPaths, force: bool = False) -> Path:
    """Compile a small training module through the warm server, as a sample would be, and
    keep what a fresh service would otherwise rebuild at every start: the compiler classes
    it loaded (a class archive, dumped when the server exits; on JDK 25+ with the training's
    data) and the JS IR cache of the stdlib and kotlin-test (minutes of CPU to lower;
    every new service slot starts from a copy)."""
    from kateval.toolchains.warm import primer

    target = Path(paths.warm_home)
    if installed.warm_primed(target) and not force:
        return target
    try:
        primer.prime(paths, target)
    except ToolchainError:
        for name in (*installed.ARCHIVES, "js-ic"):
            path = target / name
            shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
        raise
    return target


def _compile_runner(paths: installed.ToolPaths, work: Path) -> None:
    """runner.jar and the policy into `work`; the probe tests into `work`/probe."""
    sources = [str(p) for p in sorted(installed.RUNNER_SOURCES.glob("*.kt"))]
    _run([f"{paths.kotlin_home}/bin/kotlinc", "-nowarn", "-cp", paths.junit_console, "-d",
          installed.RUNNER_JAR, *sources], "compiling the JVM test runner", cwd=work)
    shutil.copyfile(installed.POLICY, work / installed.POLICY_FILE)
    _run(probe_compile_argv(paths, str(installed.CDS_PROBE), str(work / "probe")),
         "compiling the CDS probe tests")


def probe_compile_argv(paths: installed.ToolPaths, source: str, out: str) -> list[str]:
    """kotlinc on the CDS probe tests, against what hidden tests use (the image's dump too)."""
    probe_cp = [paths.lib("kotlin-test.jar"), paths.lib("kotlinx-coroutines-core-jvm.jar"),
                paths.junit_console]
    return [f"{paths.kotlin_home}/bin/kotlinc", "-nowarn", "-cp", ":".join(probe_cp), "-d",
            out, source]


def _dump_archives(paths: installed.ToolPaths, probe: Path) -> None:
    """Run the probe tests with the test JVM's exact command (its Security Manager and
    policy too, which this proves to work) and archive the classes each framework loaded."""
    target = Path(paths.runner_dir)
    for framework in installed.FRAMEWORK_JARS:
        reports = tempfile.mkdtemp(prefix="kateval-cds-")
        try:
            archive = [f"-XX:ArchiveClassesAtExit={target}/{installed.cds_archive(framework)}"]
            _run(kmp.test_jvm_argv(paths, framework, reports, str(probe), str(probe),
                                       archive=archive),
                 f"dumping the {framework} test JVM's CDS archive")
        finally:
            shutil.rmtree(reports, ignore_errors=True)


def _dump_compiler_archives(paths: installed.ToolPaths) -> None:
    """Compile the primer's training project with the cold launchers, each kind of call
    (kotlinc.archive_kind) dumping the classes it loaded the first time it runs."""
    from kateval.toolchains.warm import primer

    with tempfile.TemporaryDirectory(prefix="kateval-cds-kotlinc-") as tmp:
        root = Path(tmp)
        primer.write_training(root)
        compiles = kmp.compiler_args(root, ["jvm", "js"], paths, "junit4")
        for argv in kotlinc.archive_dumps(paths, compiles, paths.cds_dir):
            _run(argv, "dumping the cold compiler's class archives", cwd=root)


def build_cds_archive(paths: installed.ToolPaths, force: bool = False) -> Path:
    """Build kateval's JVM test runner and dump an AppCDS archive per framework by running
    probe tests with -XX:ArchiveClassesAtExit: the classes a test JVM loads are then mapped,
    not parsed, at its start. The class path holds jars only (a dump refuses a non-empty
    folder on it); the runner loads the probe folder, as it loads a sample's. The cold
    compiler's calls get an archive per kind too (kotlinc-<kind>.jsa)."""
    target = installed.cds_dir()
    if installed.runner_ready(target) and installed.cds_ready(target) and not force:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".cds-") as tmp:
        work = Path(tmp)
        _compile_runner(paths, work)
        # Dumped at the final path: the archive records where its jars were.
        if target.exists():
            shutil.rmtree(target)
        work.rename(target)
        try:
            final = installed.ToolPaths(paths.kotlin_home, paths.junit_console,
                                        runner_dir=str(target), cds_dir=str(target))
            _dump_archives(final, target / "probe")
            _dump_compiler_archives(final)
        except ToolchainError:
            shutil.rmtree(target, ignore_errors=True)
            raise
        shutil.rmtree(target / "probe")
        target.chmod(0o755)
    return target


def install_all(force: bool = False, log=print) -> installed.ToolPaths:
    """Compiler, JS test runner, warm server, CDS archives and the JS IR cache; returns
    the located paths."""
    test_jdk = jdk.test_jdk()  # before anything is fetched: the test JVM needs JDK 17 to 21
    from kateval.toolchains import libraries  # imports tasks and config, which install need not

    # The tasks' libraries come from Maven Central while the compiler's steps use the CPU.
    with ThreadPoolExecutor(1) as downloads:
        resolved = downloads.submit(libraries.install_suites)
        log(f"kotlinc {installed.KOTLIN_VERSION}: {install_compiler(force)}")
        log(f"JS test runner (ses {installed.js_packages()['ses']}): {install_js_runner(force)}")
        paths = installed.locate(with_runner=False)
        log(f"warm compile server: {build_warm_server(paths, force)}")
        log(f"JVM test runner, policy and CDS archives (JDK {test_jdk.version}): "
            f"{build_cds_archive(paths, force)}")
        paths = installed.locate()
        log(f"warm server primed (class archive, JS IR cache): {prime_warm_server(paths, force)}")
        log(f"task libraries (Maven Central): {resolved.result()}")
    return installed.locate()
