"""Fixtures for sandbox tests: a real Docker engine and the real kotlin-jvm image.

Without an engine the Docker tests skip with the reason; with CI=true they fail instead
(tests.conftest.need), so CI can never go green by skipping them.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from kateval.errors import ToolchainError
from kateval.sandbox import image as images
from kateval.sandbox.docker import RUN_LABEL, SANDBOX_UID, remove_containers
from tests.conftest import need

HOSTILE_TASKS = Path(__file__).parent / "fixtures" / "tasks"


@pytest.fixture(scope="session")
def docker_client():
    try:
        client = images.connect(timeout=300)
    except ToolchainError as exc:
        need(False, f"no Docker engine answers: {exc}")
        raise
    return client


@pytest.fixture(scope="session")
def sandbox_image(docker_client, toolchain) -> str:
    """The image `kateval sandbox build` makes; built here if missing (minutes, once)."""
    tag, _ = images.build(docker_client, images.image_inputs(toolchain), log=lambda _: None)
    return tag


@pytest.fixture
def run_id(docker_client):
    """A fresh run id; the test fails if any container with its label outlives it."""
    rid = f"pytest-{uuid.uuid4().hex[:10]}"
    yield rid
    left = remove_containers(docker_client, run_id=rid)
    assert not left, f"containers left behind by run {rid}: {left}"


def host_processes(needle: bytes) -> list[int]:
    """Host pids whose command line contains `needle` (container processes included)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if needle in cmdline.replace(b"\0", b" "):
            found.append(int(proc.name))
    return found


def sandbox_user_processes() -> list[str]:
    """Host processes running as the sandbox user: after clean-up there must be none."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            status = (proc / "status").read_text()
        except OSError:
            continue
        uid_line = next((line for line in status.splitlines() if line.startswith("Uid:")), "")
        if uid_line.split()[1:2] == [str(SANDBOX_UID)]:
            found.append(f"{proc.name}: {(proc / 'cmdline').read_bytes()[:80]!r}")
    return found


def kateval_containers(client, run_id: str) -> list[str]:
    # One list call: the SDK's containers.list() inspects each container after listing it,
    # which raises NotFound for one the run removed in between.
    found = client.api.containers(all=True, filters={"label": f"{RUN_LABEL}={run_id}"})
    return [c["Names"][0].lstrip("/") for c in found]
