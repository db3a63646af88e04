"""The ray executor: samples on SampleWorker actors over a Ray cluster, one per `kateval_slot`.

The driver (this process, on the head) ships each task once by content hash, keeps one
EndpointLimit actor per endpoint so the cluster as a whole honours `max_concurrency`, and hands
the next spec to the least busy worker. A worker is one build slot and runs up to its share of
`max_samples` at once, so samples in flight exceed the cluster's slots while they wait on
endpoints. A worker that dies (its node killed or cut off) costs no sample:
its spec goes back to the front of the queue and its endpoint permits are given back. A late
answer from a dropped worker is never read, so every sample is recorded once.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque

from kateval.errors import ConfigError, InfraError
from kateval.executors.spec import SampleOutput, SampleSpec

RAY_FIX = "install it with: .venv/bin/pip install -c constraints.txt -e '.[ray]'"
# How long a run waits for a free slot when every worker it had is gone.
NO_SLOT_WAIT_S = 180.0
SHUTDOWN_WAIT_S = 10.0


def connect(address: str):
    """ray, connected to the cluster at `address` ('auto': the one this host belongs to)."""
    try:
        import ray
    except ImportError:
        raise ConfigError(f"executor ray: the ray package is not installed; {RAY_FIX}") from None
    if not ray.is_initialized():
        try:
            ray.init(address=address, namespace="kateval", log_to_driver=False,
                     logging_level="ERROR", configure_logging=True)
        except ConnectionError as exc:
            raise InfraError(f"--ray-address {address}: no Ray cluster there ({exc}); start one "
                             "with `ray start --head` or pass its GCS address") from None
    return ray


def cluster_slots(ray) -> int:
    from kateval.executors.ray_node import SLOT_RESOURCE

    return int(ray.cluster_resources().get(SLOT_RESOURCE, 0))


class RayExecutor:
    def __init__(self, plan, stop: threading.Event, address: str):
        self.plan, self.stop_event = plan, stop
        self.ray = connect(address)
        import kateval.executors.ray_node as ray_node

        self.node = ray_node
        if cluster_slots(self.ray) < 1:
            raise InfraError(f"--ray-address {address}: no node offers the "
                             f"'{ray_node.SLOT_RESOURCE}' resource; start workers with "
                             f"--resources '{{\"{ray_node.SLOT_RESOURCE}\": 2}}' on hosts "
                             "that have the toolchain (kateval doctor --executor ray)")
        meta = plan.run.read_json("run.json")
        models = meta["config"].get("models")
        self.run_config = {"suite": plan.suite.model_dump(mode="json"), "models": models,
                           "run_id": plan.run.root.name, "suite_path": meta.get("suite_path")}
        here = self.ray.get_runtime_context().get_node_id()
        self.limits = ray_node.endpoint_limits_for(models, here)
        self.tarballs: dict[str, object] = {}
        self.queue: deque[SampleSpec] = deque()
        self.running: dict = {}  # worker -> samples it runs now
        self.pending: dict = {}  # ObjectRef -> (worker, spec)
        self.workers: dict = {}  # worker -> holder name
        self.per_worker = 1  # samples in flight per worker: its share of max_samples
        self.usage: list[dict] = []  # each worker's build-slot use, gathered at close
        self.counter = 0
        self.lost_workers = 0
        self.resubmitted = 0

    # ------------------------------------------------------------------ the seam
    def start(self, specs: list[SampleSpec]) -> None:
        tasks = {t.id: t for t in self.plan.tasks}
        for spec in specs:
            if spec.task_hash not in self.tarballs:  # once per run and task content
                tarball = self.node.task_tarball(tasks[spec.task_id].root)
                self.tarballs[spec.task_hash] = self.ray.put(tarball)
        self.queue.extend(specs)
        slots = cluster_slots(self.ray)
        self.per_worker = max(1, math.ceil(self.plan.suite.max_samples / max(1, slots)))
        for _ in range(min(slots, len(specs))):
            self._new_worker()

    def next(self):
        starved_since = None
        while True:
            self._dispatch()
            if not self.pending:
                starved_since = starved_since or time.monotonic()
                if time.monotonic() - starved_since > NO_SLOT_WAIT_S:
                    raise InfraError(f"ray: no worker left and no free '{self.node.SLOT_RESOURCE}'"
                                     f" slot for {NO_SLOT_WAIT_S:.0f}s; {len(self.queue)} samples"
                                     " left (resume the run once nodes are back)")
                self._replace_lost()
                time.sleep(0.5)
                continue
            starved_since = None
            ready, _ = self.ray.wait(list(self.pending), num_returns=1, timeout=0.5)
            for ref in ready:
                outcome = self._collect(ref)
                if outcome is not None:
                    return outcome

    def stop(self) -> None:
        self.queue.clear()
        for worker in list(self.workers):
            self._kill(worker)

    def slot_usage(self) -> dict:
        """Build-slot use over the cluster: the slots, their summed mean and peak in use, the
        busy share, and each node's slots (from the workers still alive at the end)."""
        if not self.usage:
            refs = [worker.usage.remote() for worker in self.workers]
            ready, _ = self.ray.wait(refs, num_returns=len(refs), timeout=SHUTDOWN_WAIT_S)
            self.usage = [self.ray.get(ref) for ref in ready]
        nodes: dict[str, int] = {}
        for one in self.usage:
            nodes[one["node"]] = nodes.get(one["node"], 0) + one["slots"]
        slots = sum(one["slots"] for one in self.usage)
        mean = sum(one["mean"] for one in self.usage)
        return {"slots": slots, "peak": sum(one["peak"] for one in self.usage),
                "mean": round(mean, 3), "busy_share": round(mean / slots, 3) if slots else 0.0,
                "busy_s": round(sum(one["busy_s"] for one in self.usage), 3),
                "builds": sum(one["builds"] for one in self.usage),
                "nodes": nodes, "samples_per_slot": self.per_worker}

    def close(self) -> None:
        waits = [worker.shutdown.remote() for worker in self.workers]
        if waits:
            self.ray.wait(waits, num_returns=len(waits), timeout=SHUTDOWN_WAIT_S)
        for worker in list(self.workers):
            self._kill(worker)
        for limit in self.limits.values():
            self.ray.kill(limit)
        self.ray.shutdown()

    # ------------------------------------------------------------------ workers
    def _new_worker(self) -> None:
        self.counter += 1
        holder = f"slot-{self.counter}"
        worker = self.node.SampleWorker.options(
            resources={self.node.SLOT_RESOURCE: 1}, max_concurrency=self.per_worker).remote(
                self.run_config, self.limits, holder)
        self.workers[worker] = holder
        self.running[worker] = 0

    def _dispatch(self) -> None:
        while self.queue and not self.stop_event.is_set():
            free = [w for w, n in self.running.items() if n < self.per_worker]
            if not free:
                return
            worker, spec = min(free, key=self.running.__getitem__), self.queue.popleft()
            ref = worker.run.remote(spec, [self.tarballs[spec.task_hash]])
            self.pending[ref] = (worker, spec)
            self.running[worker] += 1

    def _collect(self, ref):
        """The (spec, outcome) of a finished call, or None when its worker was lost."""
        exceptions = self.ray.exceptions
        worker, spec = self.pending.pop(ref)
        try:
            record, files, cache = self.ray.get(ref)
        except exceptions.RayTaskError as exc:  # the sample's own code raised: report it
            self.running[worker] -= 1
            return spec, exc.as_instanceof_cause()
        except exceptions.RayActorError as exc:
            if exc.actor_init_failed:  # this node cannot host a worker (no toolchain, no bwrap)
                raise InfraError(f"ray: a worker could not start on its node: "
                                 f"{str(exc)[-300:]}; see kateval doctor --executor ray") from None
            self._lost(worker, spec)  # the worker, its node or the link died: run it again
            return None
        except exceptions.RayError:  # the result was lost with its node: run it again
            self._lost(worker, spec)
            return None
        self.running[worker] -= 1
        return spec, SampleOutput(record, files, cache)

    def _lost(self, worker, spec: SampleSpec) -> None:
        self.lost_workers += 1
        self.resubmitted += 1
        self.queue.appendleft(spec)
        self._kill(worker)
        self._replace_lost()

    def _replace_lost(self) -> None:
        """New workers for slots that became free (a node that joined, or came back)."""
        # Slots of the nodes alive now, less the workers holding (or waiting for) one: a worker
        # made beyond that would wait for a slot while a spec waits for it.
        missing = cluster_slots(self.ray) - len(self.workers)
        for _ in range(min(missing, len(self.queue))):
            self._new_worker()

    def _kill(self, worker) -> None:
        holder = self.workers.pop(worker, None)
        self.running.pop(worker, None)
        for ref, (owner, spec) in list(self.pending.items()):
            if owner is worker:
                del self.pending[ref]
                if not self.stop_event.is_set():
                    self.queue.appendleft(spec)
        try:
            self.ray.kill(worker, no_restart=True)
        except Exception:  # already gone with its node
            pass
        for limit in self.limits.values():
            limit.release_all.remote(holder)  # permits the dead worker held


def cluster_nodes(address: str) -> list[dict]:
    """Every node of the cluster, its slots, and what a probe on it found (doctor)."""
    ray = connect(address)
    from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

    from kateval.executors.ray_node import SLOT_RESOURCE, probe_node

    try:
        nodes = [n for n in ray.nodes() if n.get("Alive")]
        probes = [probe_node.options(scheduling_strategy=NodeAffinitySchedulingStrategy(
            node_id=n["NodeID"], soft=False)).remote() for n in nodes]
        rows = []
        for node, probe in zip(nodes, probes):
            try:
                found = ray.get(probe, timeout=60)
            except Exception as exc:  # a node that cannot run the probe has no usable toolchain
                found = {"toolchain": False, "detail": f"probe failed: {exc}"[:120],
                         "bwrap": False}
            rows.append({"node_id": node["NodeID"], "address": node["NodeManagerAddress"],
                         "alive": node["Alive"],
                         "slots": int(node["Resources"].get(SLOT_RESOURCE, 0)), **found})
        return rows
    finally:
        ray.shutdown()
