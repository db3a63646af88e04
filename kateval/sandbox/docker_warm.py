"""The warm toolchain under --sandbox docker: its compile services live in containers.

Each service (one per build slot: the pool lends one to each build in progress) gets a
long-lived container of the sandbox image with the docker sandbox's whole policy (no
network, read-only root, a tmpfs /tmp, the image's non-root user, no capabilities,
no-new-privileges, memory/CPU/pids limits, the run's labels), and shows it one host folder,
the service's slot, at the same path. The compiler JVM runs there through `docker exec -i`:
the CLI's stdin and stdout are the server's line protocol, so CompileService drives it as
it drives a local one. warm.py copies each request's inputs into the slot and its outputs
back, and empties the slot around every request, so the container sees one sample's
sources at a time; the samples' test steps still run in a fresh container per sample
(DockerSandbox), the one place where model code runs.

Compiling runs no model code (DESIGN.md), so a shared compiler container is the same trust
as the local bwrap'd service. A service that dies, hangs or is removed from outside is
replaced by a fresh container, and its request retried (warm.py): ours, never the sample's.
The image carries the server and its priming (warm_image.py); the JS IR cache's seed is
copied out of the image once per run, because every new slot starts from a copy of it.
"""

from __future__ import annotations

import io
import os
import shutil
import tarfile
from dataclasses import replace
from pathlib import Path
from typing import Callable

from kateval.config import Limits
from kateval.errors import ToolchainError
from kateval.sandbox.warm_image import SEED, archive_of
from kateval.toolchains.installed import ToolPaths
from kateval.toolchains.warm import WarmToolchain
from kateval.toolchains.warm.ircache import library_cache_only
from kateval.toolchains.warm.service import (CompileService, ServiceLimits, archive_flags,
                                             server_argv)

ROLE_LABEL = "kateval.role"
SERVICE_ROLE = "warm-service"
SERVICE_PIDS = 512  # the local service's cgroup bound: a JVM's threads, no more
NOT_IN_IMAGE = ("the sandbox image has no primed warm compile server; run `kateval toolchain "
                "install`, then `kateval sandbox build` (or use toolchain: kotlinc)")
ContainerConfig = Callable[..., dict]
"""docker.container_config: (settings, mount, workspace) -> keyword arguments for
`containers.run` (passed in, so this module and docker.py do not import each other)."""


def docker_cli() -> str:
    """The docker CLI: `docker exec -i` gives the server plain pipes to talk over."""
    found = shutil.which("docker")
    if found is None:
        raise ToolchainError("the docker CLI is not on PATH (the warm toolchain talks to its "
                             "compile containers through `docker exec`): apt-get install "
                             "docker.io, or use toolchain: kotlinc")
    return found


def service_limits(limits: Limits, service: ServiceLimits) -> Limits:
    """A compile container's limits: the memory and processes a local service's cgroup
    allows it (its heap, metaspace and code cache), the suite's CPU quota and output cap."""
    return limits.model_copy(update={"memory_mb": service.max_rss_mb + 512,
                                     "pids": SERVICE_PIDS})


def _own(root: Path, uid: int, gid: int) -> None:
    """Give `root`'s tree to the container's user (as root, the harness writes as root)."""
    for base, dirs, files in os.walk(root):
        for name in [base, *[os.path.join(base, n) for n in dirs + files]]:
            if os.lstat(name).st_uid != uid:
                os.lchown(name, uid, gid)


class ServiceContainers:
    """Starts compile services in containers: the pool's `start` under --sandbox docker."""

    def __init__(self, client, settings, container_config: ContainerConfig):
        self.client, self.settings, self.container_config = client, settings, container_config
        self.cli: list[str] = []
        self.seed: Path | None = None

    def prepare(self, image: ToolPaths, folder: Path) -> None:
        """Before the first service: the CLI's command line and the IR cache's seed."""
        config = folder / "docker-cli"  # an empty CLI config: nothing of ~/.docker applies
        config.mkdir()
        host = os.environ.get("DOCKER_HOST")
        self.cli = [docker_cli(), "--config", str(config), *(["--host", host] if host else [])]
        self.seed = self._copy_seed(image, folder / "seed")

    def __call__(self, paths: ToolPaths, slot: Path, limits: ServiceLimits) -> CompileService:
        return ContainerService(self, paths, slot, limits)

    def run(self, mount: Path, limits: ServiceLimits):
        """A started container showing `mount` (read-write) and nothing else of the host,
        and the uid:gid it runs as when the harness, as root, must hand it its files."""
        settings = replace(self.settings, limits=service_limits(self.settings.limits, limits))
        config = self.container_config(settings, mount, mount)
        config["labels"] = {**config["labels"], ROLE_LABEL: SERVICE_ROLE}
        uid, gid = (int(n) for n in config["user"].split(":"))
        owner = (uid, gid) if os.geteuid() == 0 else None
        if owner is not None:
            os.lchown(mount, uid, gid)
        return self.client.containers.run(**config), owner

    def remove(self, container) -> None:
        try:
            container.remove(force=True)
        except Exception:  # gone already, or the engine is: the run's exit and prune remain
            pass

    def _copy_seed(self, image: ToolPaths, into: Path) -> Path:
        """The image's JS IR cache, copied out to the host: each slot starts from a copy."""
        config = self.container_config(self.settings, into.parent, into.parent)
        for key in ("detach", "mounts"):
            config.pop(key)
        container = self.client.containers.create(**config)  # created, never started
        try:
            chunks, _ = container.get_archive(f"{image.warm_home}/{SEED}")
            data = b"".join(chunks)
        except Exception as exc:  # docker.errors.NotFound: an image from before warm_image
            raise ToolchainError(f"{NOT_IN_IMAGE} ({str(exc).splitlines()[0][:120]})") from None
        finally:
            self.remove(container)
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            tar.extractall(into, filter="data")
        library_cache_only(into / SEED)
        return into / SEED


class ContainerService(CompileService):
    """A CompileService whose JVM runs in its own container; the slot is `<mount>/slot`,
    where `mount` (the pool's slot folder) is what the container shows."""

    def __init__(self, containers: ServiceContainers, paths: ToolPaths, mount: Path,
                 limits: ServiceLimits):
        self.containers, self.mount = containers, mount
        mount.mkdir(parents=True)
        self.container, self.owner = containers.run(mount, limits)
        try:
            super().__init__(paths, mount / "slot", limits)
        except BaseException:
            containers.remove(self.container)
            raise

    def _argv(self) -> list[str]:
        archive = archive_flags(Path(self.paths.warm_home, archive_of(self.paths)), dump=False)
        java = server_argv(self.paths, self.limits, archive)
        return [*self.containers.cli, "exec", "-i", "-w", str(self.slot), self.container.id,
                *java]

    def _seed(self) -> Path | None:
        return self.containers.seed

    def compile(self, kind: str, args: list[str], timeout_s: float):
        # The harness copied this request's inputs in as root: the server writes beside them.
        if self.owner is not None:
            _own(self.mount, *self.owner)
        return super().compile(kind, args, timeout_s)

    def stop(self) -> None:
        """Remove the container (the JVM dies with it), then the CLI and the folders."""
        self.containers.remove(self.container)
        super().stop()
        shutil.rmtree(self.mount, ignore_errors=True)


def warm_toolchain(client, settings, container_config: ContainerConfig,
                   image: ToolPaths) -> WarmToolchain:
    """The run's warm toolchain: its services in containers of `settings.image`, bound to
    the toolchain's paths in `image`."""
    containers = ServiceContainers(client, settings, container_config)
    # No bwrap inside the container: the container is the service's sandbox.
    toolchain = WarmToolchain(image, ServiceLimits(isolate=False), start=containers)
    try:
        containers.prepare(image, toolchain.pool.root)
    except BaseException:
        toolchain.close()
        raise
    return toolchain
