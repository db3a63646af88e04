"""Build the function that opens a sandbox on a sample's workspace, with the toolchain bound
to the paths that sandbox sees. The one place that knows both seams."""

from __future__ import annotations

from pathlib import Path

from kateval.config import Suite
from kateval.errors import ConfigError, ToolchainError
from kateval.sandbox import SandboxOpener
from kateval.sandbox.local import BWRAP_FIX, LocalLimits, LocalSandbox, check_bwrap
from kateval.toolchains import installed, registry

SANDBOXES = ("local", "docker", "none")


def local_limits(suite: Suite) -> LocalLimits:
    limits = suite.limits
    return LocalLimits(memory_mb=limits.memory_mb, pids=limits.pids,
                       file_size_mb=limits.file_size_mb)


def make_opener(kind: str, suite: Suite, run_id: str) -> SandboxOpener:
    if kind in ("local", "none"):
        paths = installed.locate()
        isolate = kind == "local"
        toolchain = registry.create(suite.toolchain, paths, isolate=isolate)
        if isolate and (why := check_bwrap(paths.mounts())) is not None:
            raise ToolchainError(f"--sandbox local needs a working bubblewrap ({why}): {BWRAP_FIX}")
        limits = local_limits(suite)

        def open_local(root: Path):
            sandbox = LocalSandbox(root, output_limit=suite.limits.output_bytes,
                                   isolate=isolate, ro_paths=paths.mounts(), limits=limits)
            return sandbox, registry.for_workspace(toolchain, root)

        return open_local
    if kind == "docker":
        from kateval.sandbox.docker import make_docker_opener

        return make_docker_opener(suite, run_id)
    raise ConfigError(f"--sandbox: unknown sandbox '{kind}' (allowed: {', '.join(SANDBOXES)})")
