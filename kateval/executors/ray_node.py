"""What runs on a Ray node: one SampleWorker actor per `kateval_slot`, holding that node's
sandbox opener and (warm) toolchain, and the cluster-wide endpoint limits its model calls take.

A worker is one build slot: it runs several samples at once (threads of the actor), most of
them waiting on an endpoint, and lets one of them build and test at a time. A node thus builds
as many samples at once as it declares slots, and keeps more than that in flight.

Imported only where Ray runs. Everything a worker gets is plain data (configs as dicts, specs,
task tarballs by content hash); everything it gives back is its sample's record and file bytes.
"""

from __future__ import annotations

import asyncio
import io
import os
import shutil
import tarfile
import tempfile
import threading
from pathlib import Path

import ray

from kateval.config import Endpoint, ModelsFile, Suite
from kateval.executors.spec import SampleSpec

SLOT_RESOURCE = "kateval_slot"
# Tasks a node has received, by content hash: shared by the node's workers, kept across runs.
NODE_TASKS_DIR = Path(tempfile.gettempdir()) / "kateval-ray" / "tasks"


def task_tarball(root: Path) -> bytes:
    """The task folder as a gzipped tar, without what tree_hash ignores."""
    buffer = io.BytesIO()

    def keep(info: tarfile.TarInfo):
        parts = Path(info.name).parts
        return None if ".git" in parts[1:2] or "__pycache__" in parts else info

    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        tar.add(root, arcname=root.name, filter=keep)
    return buffer.getvalue()


def _unpacked_task(task_id: str, task_hash: str, tarball_ref) -> Path:
    """This node's copy of a task, unpacked once (atomically: workers may race for it)."""
    home = NODE_TASKS_DIR / task_hash
    if not (home / task_id / "task.yaml").is_file():
        NODE_TASKS_DIR.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{task_hash[:12]}-", dir=NODE_TASKS_DIR))
        with tarfile.open(fileobj=io.BytesIO(ray.get(tarball_ref)), mode="r:gz") as tar:
            tar.extractall(staging, filter="data")
        try:
            staging.rename(home)
        except OSError:  # another worker of this node unpacked it first
            shutil.rmtree(staging, ignore_errors=True)
    return home / task_id


def _files_under(root: Path) -> dict[str, bytes]:
    if not root.is_dir():
        return {}
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file() and not path.is_symlink()}


class ClusterLimit:
    """One endpoint's concurrency limit, held by an EndpointLimit actor for the whole cluster.
    A context manager shared by a client's threads, so it keeps no per-call state."""

    def __init__(self, handle, holder: str):
        self.handle, self.holder = handle, holder

    def __enter__(self):
        ray.get(self.handle.acquire.remote(self.holder))
        return self

    def __exit__(self, *exc) -> None:
        ray.get(self.handle.release.remote(self.holder))


@ray.remote(num_cpus=0, max_restarts=0)
class EndpointLimit:
    """A counting semaphore for one endpoint, counted per holder (a worker) so that the
    permits of a worker that died with them are given back by `release_all`."""

    def __init__(self, limit: int):
        self.limit = limit
        self.held: dict[str, int] = {}
        self.peak = 0
        self._changed: asyncio.Condition | None = None

    def _condition(self) -> asyncio.Condition:
        if self._changed is None:  # made on the actor's event loop
            self._changed = asyncio.Condition()
        return self._changed

    async def acquire(self, holder: str) -> None:
        changed = self._condition()
        async with changed:
            await changed.wait_for(lambda: sum(self.held.values()) < self.limit)
            self.held[holder] = self.held.get(holder, 0) + 1
            self.peak = max(self.peak, sum(self.held.values()))

    async def release(self, holder: str) -> None:
        changed = self._condition()
        async with changed:
            if self.held.get(holder, 0) > 0:
                self.held[holder] -= 1
            changed.notify_all()

    async def release_all(self, holder: str) -> None:
        changed = self._condition()
        async with changed:
            self.held.pop(holder, None)
            changed.notify_all()

    async def stats(self) -> dict:
        return {"limit": self.limit, "in_flight": sum(self.held.values()), "peak": self.peak}


class _SampleCache:
    """The worker's response cache, shared by its threads, that knows which files each thread
    (each sample) wrote: a sample sends back its own calls' entries, not its neighbours'."""

    def __init__(self, root: Path):
        from kateval.models.cache import ResponseCache

        self.root = root
        self.written = threading.local()

        class Recording(ResponseCache):
            def put(inner, key: str, value: dict) -> None:
                super().put(key, value)
                getattr(self.written, "keys", set()).add(key)

        self.cache = Recording(root)

    def begin(self) -> None:
        self.written.keys = set()

    def files(self) -> dict[str, bytes]:
        found = {}
        for key in sorted(getattr(self.written, "keys", ())):
            rel = f"{key[:2]}/{key}.json"
            found[rel] = (self.root / rel).read_bytes()
        return found


@ray.remote(num_cpus=0, max_restarts=0, max_task_retries=0)
class SampleWorker:
    """One build slot of this node: evaluates several samples at once (the actor's
    max_concurrency, set by the driver), one of them building and testing at a time."""

    def __init__(self, run_config: dict, limits: dict, holder: str):
        from kateval.budgets import BuildSlots
        from kateval.models import client
        from kateval.sample import GoldSolver
        from kateval.sandbox.factory import make_opener

        self.suite = Suite.model_validate(run_config["suite"]).model_copy(
            update={"build_slots": 1})
        self.run_id = run_config["run_id"]
        self.slots = BuildSlots(1)  # one warm service or container per worker, as per slot
        if limits:
            client.use_shared_limits(lambda name, endpoint: ClusterLimit(limits[name], holder))
        self.opener = make_opener(self.suite.sandbox, self.suite, self.run_id)
        self.scratch = Path(tempfile.mkdtemp(prefix=f"kateval-{self.run_id}-"))
        self.cache = _SampleCache(self.scratch / "cache")
        if run_config["models"] is None:
            self.solver = GoldSolver()
        else:
            from kateval.pipeline import Pipeline

            models = ModelsFile.model_validate(run_config["models"])
            self.solver = Pipeline.from_config(models, self.suite, Path(run_config["suite_path"]))
            self.solver.use_cache(self.cache.cache)
        self.never_stops = threading.Event()  # a stopping run kills the actor instead

    def node(self) -> dict:
        return {"node_id": ray.get_runtime_context().get_node_id(), "pid": os.getpid()}

    def run(self, spec: SampleSpec, tarball_ref: list) -> tuple[dict, dict, dict]:
        """(record, files of the sample folder, the response-cache files its calls wrote)."""
        from kateval.sample import RunPlan, run_sample
        from kateval.runs import RunDir
        from kateval.tasks import load_task

        task = load_task(_unpacked_task(spec.task_id, spec.task_hash, tarball_ref[0]))
        scratch = Path(tempfile.mkdtemp(prefix=f"{spec.task_id}-{spec.sample}-",
                                        dir=self.scratch))
        self.cache.begin()
        try:
            run = RunDir(scratch / self.run_id)
            plan = RunPlan(self.suite, [task], run, self.solver, self.opener, spec.max_attempts,
                           build_slots=self.slots)
            record = run_sample(plan, task, spec.sample, self.never_stops)
            return (record, _files_under(run.sample_dir(task.id, spec.sample)),
                    self.cache.files())
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    def usage(self) -> dict:
        """This slot's use so far (budgets.BuildSlots.usage), and the node it is on."""
        return {**self.slots.usage(), "node": ray.util.get_node_ip_address()}

    def shutdown(self) -> None:
        shutil.rmtree(self.scratch, ignore_errors=True)
        ray.actor.exit_actor()  # a normal exit, so atexit closes the warm compiler


def endpoint_limits_for(models: dict | None, node_id: str) -> dict:
    """One EndpointLimit actor per endpoint, pinned to the driver's node (it dies with the run)."""
    from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

    if models is None:
        return {}
    here = NodeAffinitySchedulingStrategy(node_id=node_id, soft=False)
    return {name: EndpointLimit.options(scheduling_strategy=here).remote(
                Endpoint.model_validate(endpoint).max_concurrency)
            for name, endpoint in models["endpoints"].items()}


@ray.remote(num_cpus=0, max_retries=0)
def probe_node() -> dict:
    """What `kateval doctor --executor ray` shows for one node."""
    from kateval.errors import KatevalError
    from kateval.toolchains import installed

    import socket

    try:
        paths = installed.locate()
        toolchain, detail = True, installed.version_of(paths) or "found"
    except KatevalError as exc:
        toolchain, detail = False, str(exc)
    return {"host": socket.gethostname(), "toolchain": toolchain, "detail": detail,
            "bwrap": shutil.which("bwrap") is not None}
