"""Toolchains by name: what a suite's `toolchain:` and the sandbox factory choose from."""

from __future__ import annotations

import atexit
from pathlib import Path

from kateval.errors import ConfigError
from kateval.toolchains import TOOLCHAINS, Toolchain
from kateval.toolchains.kotlinc import KotlincToolchain, ToolPaths


def create(name: str, paths: ToolPaths, *, isolate: bool = True):
    """The named toolchain, bound to `paths`. `isolate` puts a warm service in its own
    bwrap (False only for `--sandbox none`)."""
    if name == "kotlinc":
        return KotlincToolchain(paths)
    if name == "gradle":
        from kateval.toolchains.gradle import GradleToolchain

        return GradleToolchain()  # runs the repo's own build: no kotlinc paths
    if name == "warm":
        from kateval.toolchains.service import ServiceLimits
        from kateval.toolchains.warm import WarmToolchain

        toolchain = WarmToolchain(paths, ServiceLimits(isolate=isolate))
        atexit.register(toolchain.close)  # no compiler JVM outlives the run
        return toolchain
    raise ConfigError(f"toolchain: unknown toolchain '{name}' (choices: {', '.join(TOOLCHAINS)})")


def for_workspace(toolchain, root: Path) -> Toolchain:
    """What one attempt talks to: a warm toolchain's session on `root`, else itself."""
    session = getattr(toolchain, "session", None)
    return session(root) if session is not None else toolchain
