"""Build the function that opens a sandbox on a sample's workspace."""

from __future__ import annotations

from pathlib import Path

from kateval.config import Suite
from kateval.errors import ConfigError
from kateval.evaluate import SandboxOpener
from kateval.sandbox.local import LocalSandbox
from kateval.toolchains import kotlinc


def make_opener(kind: str, suite: Suite, run_id: str) -> SandboxOpener:
    if kind == "local":
        paths = kotlinc.locate()

        def open_local(root: Path):
            sandbox = LocalSandbox(root, output_limit=suite.limits.output_bytes,
                                   ro_paths=[paths.kotlin_home, paths.junit_console])
            return sandbox, paths

        return open_local
    if kind == "docker":
        from kateval.sandbox.docker import make_docker_opener

        return make_docker_opener(suite, run_id)
    raise ConfigError(f"--sandbox: unknown sandbox '{kind}' (allowed: local, docker)")
