"""The warm toolchain: compile steps go to a long-lived compiler JVM per worker.

The steps are the cold toolchain's (kmp.compiler_args): the same arguments, handed to
a CompileService (service.py) instead of a fresh `kotlinc` process, plus an IR cache for
the JS link; a compile step names its service's compiler in `Step.service`. Test steps
still run with sandbox.exec, in the sample's own sandbox.

A compile request copies the step's inputs (the .kt files it names, the main classes or
klib its tests compile and link against) from the workspace into the service's slot and
its output folder back, so the service never sees the workspace itself. A crash or hang
of the service is first taken as ours: the request is retried once on a fresh service; a
second crash follows the sources, so it is the sample's build failure (a service that
cannot start at all is an InfraError).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from kateval.errors import InfraError, ToolchainError
from kateval.sandbox import ExecResult, cap_text
from kateval.toolchains import Layout, Step, Timeouts, exec_step, installed, kmp
from kateval.toolchains.warm.ircache import CACHE
from kateval.toolchains.warm.service import (LINK_FLAG, CompileService, ServiceFailed,
                                        ServiceLimits, ServicePool, ServiceStarter, is_link)

POOL_PREFIX = "kateval-warm-"  # + "<pid>-<random>": the folder of one process's services
OUTPUT_FLAGS = ("-d", "-ir-output-dir")
CRASHED_RC = 70  # EX_SOFTWARE: what a compile step reports when the compiler crashed
PROBE_TIMEOUT_S = 120
REPLY_LIMIT = 1_000_000
"""Bytes of a compiler's reply kept, as a sandbox keeps of a command's output."""


class WarmToolchain:
    """Shared by every sample of a run; `session(root)` binds it to one workspace."""

    name = "warm"

    def __init__(self, paths: installed.ToolPaths, limits: ServiceLimits = ServiceLimits(),
                 start: ServiceStarter | None = None):
        """`start` makes each service (ServicePool's), by default a CompileService."""
        if not paths.warm_home:
            raise ToolchainError("the warm compile server is not built; run "
                                 "`kateval toolchain install` (or use toolchain: kotlinc)")
        self.paths = paths
        remove_stale_pools(Path(tempfile.gettempdir()))
        root = Path(tempfile.mkdtemp(prefix=f"{POOL_PREFIX}{os.getpid()}-"))
        self.pool = ServicePool(paths, root, limits, start)

    def version(self) -> str:
        return installed.version_of(self.paths)

    def session(self, root: Path) -> WarmSession:
        return WarmSession(self, Path(root).resolve())

    def close(self) -> None:
        self.pool.close()


class WarmSession:
    """The Toolchain protocol for one attempt's workspace."""

    name = "warm"

    def __init__(self, toolchain: WarmToolchain, root: Path):
        self.toolchain, self.root = toolchain, root

    def version(self) -> str:
        return self.toolchain.version()

    def steps(self, root: Path, spec, layout: Layout, timeouts: Timeouts) -> list[Step]:
        paths = self.toolchain.paths.for_task(installed.task_libraries(spec))
        framework = kmp.test_framework(root, spec)
        targets = list(spec.targets)

        def step_for(compile: kmp.Compile) -> Step:
            return Step(compile.name, "build", compile.target, request_args(paths, compile),
                        timeouts.build_s, service=compile.target)

        compiles = kmp.compiler_args(root, targets, paths, framework)
        return (kmp.build_phase(compiles, step_for, timeouts)
                + kmp.test_steps(root, targets, paths, framework, layout, timeouts))

    def run(self, step: Step, sandbox) -> ExecResult:
        if not step.service:
            return exec_step(step, sandbox)
        kind, args = step.service, step.argv
        pool = self.toolchain.pool
        notes, started = "", time.monotonic()
        for attempt in (1, 2):
            service = pool.acquire()
            try:
                reply = self._compile_in(service, kind, args, step.timeout_s)
            except ServiceFailed as exc:
                pool.release(service, broken=True)
                if attempt == 1:
                    notes = f"[kateval: {exc}; retried on a fresh compile service]\n"
                    continue
                if exc.hung:  # twice in a row: the sources, as the cold path would time out
                    return ExecResult(-9, "", notes + str(exc), True, step.timeout_s)
                if not self._service_works():
                    raise InfraError(f"{step.name}: the warm compile service is broken: "
                                     f"{exc}") from None
                # A crash that repeats on a fresh service that compiles other input is the
                # sources': the sample's build failed.
                return ExecResult(CRASHED_RC, "", notes + f"[kateval: the compiler crashed on "
                                  f"these sources twice, the second time on a fresh service: "
                                  f"{exc}]\n", False, time.monotonic() - started)
            except BaseException:
                pool.release(service, broken=True)
                raise
            pool.release(service)
            output, cut = cap_text((notes + reply.output).encode("utf-8"), REPLY_LIMIT)
            return ExecResult(reply.exit_code, "", output, False, reply.duration_s, cut)
        raise AssertionError("unreachable")

    def _service_works(self) -> bool:
        """Whether a fresh service answers a request that has no sample in it."""
        pool = self.toolchain.pool
        service = pool.acquire()
        try:
            reply = service.compile("jvm", ["-version"], PROBE_TIMEOUT_S)
        except ServiceFailed:
            pool.release(service, broken=True)
            return False
        pool.release(service)
        return reply.exit_code == 0

    def _compile_in(self, service: CompileService, kind: str, args: list[str], timeout_s: float):
        service.reset_slot()
        try:
            for rel in _inputs(args):
                _copy_in(self.root, service.slot, rel)
            kept = service.links_since_fresh > 0
            reply = service.compile(kind, args, timeout_s)
            if reply.exit_code != 0 and kept and is_link(args):
                # Earlier samples' links shaped the cache: the pristine one decides.
                service.fresh_cache()
                reply = service.compile(kind, args, timeout_s)
            for rel in _outputs(args):
                _copy_back(service.slot, self.root, rel)
        finally:
            if service.alive():
                service.reset_slot()
        return reply

    def close(self) -> None:
        pass


def remove_stale_pools(tmp: Path) -> list[Path]:
    """Slot folders of runs that were killed (their process is gone): a closed pool removes
    its own, a SIGKILLed one cannot."""
    removed = []
    for folder in tmp.glob(f"{POOL_PREFIX}*-*"):
        pid = folder.name[len(POOL_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists() and folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def link_args(js_link: list[str]) -> list[str]:
    """The JS link through the service's IR cache (its libraries primed at install)."""
    return [*js_link, f"{LINK_FLAG}{CACHE}"]


def request_args(paths: installed.ToolPaths, compile: kmp.Compile) -> list[str]:
    """What the service compiles for one of kotlinc's calls."""
    if compile.target == "jvm":
        # A server on another JDK than the tests' still compiles against the tests' JDK.
        return [*paths.jdk_flags(), *compile.args]
    # The stdlib and kotlin-test are lowered once at install, not once per sample.
    return link_args(compile.args) if compile.link else compile.args


PATH_LISTS = ("-cp", "-classpath", "-libraries")
"""Options whose next argument is a ':'-separated list of class path entries or klibs."""
PATH_OPTIONS = ("-Xinclude=", "-Xfriend-paths=", "-Xfriend-modules=")


def _inputs(args: list[str]) -> list[str]:
    """Workspace-relative files and folders a compiler call reads: sources, and main's
    output that its tests compile and link against (absolute paths are the toolchain's)."""
    found = []
    for index, arg in enumerate(args):
        if arg.startswith(PATH_OPTIONS):
            found += arg.split("=", 1)[1].replace(",", ":").split(":")
        elif index and args[index - 1] in PATH_LISTS:
            found += arg.split(":")
        elif not arg.startswith("-") and arg.endswith(".kt"):
            found.append(arg)
    return list(dict.fromkeys(p for p in found if p and not p.startswith("/")))


def _outputs(args: list[str]) -> list[str]:
    return [args[i + 1] for i, arg in enumerate(args[:-1]) if arg in OUTPUT_FLAGS]


def _inside(base: Path, rel: str) -> Path:
    path = (base / rel).resolve()
    if not path.is_relative_to(base.resolve()):
        raise ValueError(f"path escapes the workspace: {rel}")
    return path


def _copy_in(root: Path, slot: Path, rel: str) -> None:
    """Put one input into the slot; symlinks are never followed (a patch cannot make them,
    but the compiler's own output folders are copied the same way)."""
    src, dest = root / rel, _inside(slot, rel)
    if src.is_symlink() or not src.exists():
        return  # the compiler reports the missing file in the usual form
    dest.parent.mkdir(parents=True, exist_ok=True)
    if src.is_dir():
        shutil.copytree(src, dest, symlinks=True, dirs_exist_ok=True, copy_function=_link)
    else:
        _link(src, dest)


def _link(src: str | Path, dest: str | Path) -> None:
    """A hard link where the slot and the workspace share a file system (a copy of a main
    klib's files costs tens of ms a request), else a copy. The compiler only reads its
    inputs, and the slot's names are removed after the request, never written through."""
    try:
        os.link(src, dest, follow_symlinks=False)
    except OSError:
        shutil.copyfile(src, dest, follow_symlinks=False)


def _copy_back(slot: Path, root: Path, rel: str) -> None:
    """Move one output folder into the workspace: the slot is emptied after the request
    anyway, and a rename costs nothing where a copy of a JS module costs tens of ms
    (shutil.move copies, symlinks as links, when the two are on different file systems)."""
    src, dest = slot / rel, _inside(root, rel)
    if not src.is_dir() or src.is_symlink():
        return
    if dest.exists():
        shutil.rmtree(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(src, dest)
