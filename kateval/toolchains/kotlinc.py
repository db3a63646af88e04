"""The kotlinc toolchain: the cold reference path, a fresh compiler JVM per step (the steps
are kmp.py's: the same compiler arguments the warm toolchain sends its server)."""

from __future__ import annotations

from pathlib import Path

from kateval.toolchains import Layout, Step, Timeouts, exec_step, installed
from kateval.toolchains.installed import ToolPaths, task_libraries, version_of
from kateval.toolchains.kmp import (JVM_FLAGS, Compile, build_phase, compiler_args, test_framework,
                                    test_steps)


LAUNCHERS = {"jvm": "kotlinc", "js": "kotlinc-js"}
JVM_ARGS = ["-J-Xmx1g", *[f"-J{flag}" for flag in JVM_FLAGS]]


def archive_kind(compile: Compile) -> str:
    """Which of the compiler's class archives (installed.COMPILER_ARCHIVES) serves a call."""
    return "link" if compile.name == "link-js" else compile.target


def launch_argv(paths: ToolPaths, compile: Compile, archive: list[str] | None = None) -> list[str]:
    """One compiler call as a fresh kotlinc process. `archive` replaces the class archive's
    flags (the install dumps each archive with this command)."""
    cds = paths.compiler_cds_flags(archive_kind(compile)) if archive is None else archive
    return [f"{paths.kotlin_home}/bin/{LAUNCHERS[compile.target]}", *JVM_ARGS, *cds,
            *compile.args]


def archive_dumps(paths: ToolPaths, compiles: list[Compile], cds_dir: str) -> list[list[str]]:
    """Each compile as a cold call, the first call of each kind dumping its class archive
    into `cds_dir` (the install's and the image's dumps alike)."""
    argvs, dumped = [], set()
    for compile in compiles:
        kind = archive_kind(compile)
        dump = [] if kind in dumped else [
            f"-J{flag}" for flag in (f"-XX:ArchiveClassesAtExit={cds_dir}/"
                                     f"{installed.compiler_archive(kind)}", *installed.CDS_QUIET)]
        dumped.add(kind)
        argvs.append(launch_argv(paths, compile, archive=dump))
    return argvs


def build_steps(root: Path, targets: list[str], paths: ToolPaths, layout: Layout,
                timeouts: Timeouts, framework: str = "junit4") -> list[Step]:
    """The commands that compile and test the project checked out at `root`."""
    def step_for(compile: Compile) -> Step:
        return Step(compile.name, "build", compile.target, launch_argv(paths, compile),
                    timeouts.build_s)

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
