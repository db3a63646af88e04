"""Toolchains by name: what a suite's `toolchain:` and the sandbox factory choose from."""

from __future__ import annotations

import atexit
from pathlib import Path
from typing import Callable

from kateval.errors import ConfigError
from kateval.toolchains import Toolchain
from kateval.toolchains.kotlinc import KotlincToolchain
from kateval.toolchains.installed import ToolPaths


def _kotlinc(paths: ToolPaths, isolate: bool) -> Toolchain:
    return KotlincToolchain(paths)


def _gradle(paths: ToolPaths, isolate: bool) -> Toolchain:
    from kateval.toolchains.gradle import GradleToolchain

    return GradleToolchain()  # runs the repo's own build: no kotlinc paths


def _warm(paths: ToolPaths, isolate: bool) -> Toolchain:
    from kateval.toolchains.warm.service import ServiceLimits
    from kateval.toolchains.warm import WarmToolchain

    toolchain = WarmToolchain(paths, ServiceLimits(isolate=isolate))
    atexit.register(toolchain.close)  # no compiler JVM outlives the run
    return toolchain


FACTORIES: dict[str, Callable[[ToolPaths, bool], Toolchain]] = {
    "warm": _warm, "kotlinc": _kotlinc, "gradle": _gradle}
"""Every toolchain by name, the default first: the one place a new toolchain is added
(the suite's `toolchain` Literal must name it too; tests/test_registries.py checks)."""


def create(name: str, paths: ToolPaths, *, isolate: bool = True) -> Toolchain:
    """The named toolchain, bound to `paths`. `isolate` puts a warm service in its own
    bwrap (False only for `--sandbox none`)."""
    if name not in FACTORIES:
        raise ConfigError(f"toolchain: unknown toolchain '{name}' "
                          f"(choices: {', '.join(FACTORIES)})")
    return FACTORIES[name](paths, isolate)


def for_workspace(toolchain, root: Path) -> Toolchain:
    """What one attempt talks to: a warm toolchain's session on `root`, else itself."""
    session = getattr(toolchain, "session", None)
    return session(root) if session is not None else toolchain
