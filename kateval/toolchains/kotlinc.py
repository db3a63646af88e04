"""The kotlinc toolchain: the cold reference path, a fresh compiler JVM per step (the steps
are kmp.py's: the same compiler arguments the warm toolchain sends its server)."""

from __future__ import annotations

from pathlib import Path

from kateval.toolchains import Layout, Step, Timeouts, exec_step
from kateval.toolchains.installed import ToolPaths, task_libraries, version_of
from kateval.toolchains.kmp import (JVM_FLAGS, Compile, build_phase, compiler_args, test_framework,
                                    test_steps)


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
