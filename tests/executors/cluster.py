"""A real two-host Ray cluster on one machine: two network namespaces joined by a veth pair.

Ray takes the machine's external address when it is given none (and ignores 127.0.0.1 for a
head), and tests must never send traffic there; inside these namespaces the only addresses are
10.231.0.1 (head) and 10.231.0.2 (worker), and every `ray start` names its own.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

from tests.conftest import REPO_ROOT

VENV_BIN = REPO_ROOT / ".venv" / "bin"
HEAD_IP, WORKER_IP, PORT = "10.231.0.1", "10.231.0.2", 6399
ADDRESS = f"{HEAD_IP}:{PORT}"
RAY_ENV = {"RAY_USAGE_STATS_ENABLED": "0", "RAY_DISABLE_DOCKER_CPU_WARNING": "1"}
# Small nodes: the machine has 2 cores and other engineers' work on it.
# Fixed agent ports (each namespace has its own): with none given, a raylet waits only ~15 s for
# its agents to report the ports they bound, too short on a loaded machine.
NODE_FLAGS = ["--num-cpus", "1", "--object-store-memory", "200000000",
              "--include-log-monitor=false", "--disable-usage-stats",
              "--runtime-env-agent-port", "6405", "--dashboard-agent-grpc-port", "6406",
              "--dashboard-agent-listen-port", "6407", "--metrics-export-port", "6408"]


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True, text=True)


class TwoHostCluster:
    def __init__(self, tmp: Path, head_slots: int = 1, worker_slots: int = 2):
        tag = str(os.getpid() % 100000)
        self.head, self.worker = f"kvh{tag}", f"kvw{tag}"
        self.head_if, self.worker_if = f"kvh{tag}e", f"kvw{tag}e"
        self.tmp = Path(tmp)
        self.head_slots, self.worker_slots = head_slots, worker_slots

    # ------------------------------------------------------------------ network
    def _network(self) -> None:
        _ip("netns", "add", self.head)
        _ip("netns", "add", self.worker)
        _ip("link", "add", self.head_if, "type", "veth", "peer", "name", self.worker_if)
        for ns, dev, addr in ((self.head, self.head_if, HEAD_IP),
                              (self.worker, self.worker_if, WORKER_IP)):
            _ip("link", "set", dev, "netns", ns)
            _ip("-n", ns, "addr", "add", f"{addr}/24", "dev", dev)
            _ip("-n", ns, "link", "set", dev, "up")
            _ip("-n", ns, "link", "set", "lo", "up")
            # Only so that address discovery (a UDP connect, nothing sent) finds the veth
            # address; nothing beyond the other namespace is reachable from here.
            _ip("-n", ns, "route", "add", "default", "dev", dev)

    def in_ns(self, ns: str, argv: list[str]) -> list[str]:
        return ["ip", "netns", "exec", ns, *argv]

    def env(self) -> dict:
        return {**os.environ, **RAY_ENV}

    def _ray_start(self, ns: str, args: list[str], log: str, tries: int = 3) -> None:
        """`ray start` in a namespace. Ray 2.60's raylet gives its agents a fixed ~15 s to
        report their ports, which a loaded machine can miss; then the node's processes are
        killed and it starts again."""
        for attempt in range(1, tries + 1):
            path = self.tmp / f"{log}-{attempt}.log"
            with open(path, "w") as out:
                try:
                    code = subprocess.run(self.in_ns(ns, [str(VENV_BIN / "ray"), "start", *args]),
                                          stdout=out, stderr=subprocess.STDOUT, env=self.env(),
                                          cwd=REPO_ROOT, timeout=150).returncode
                except subprocess.TimeoutExpired:
                    code = -1
            if code == 0:
                return
            self.kill_ns(ns)
            time.sleep(1)
        raise RuntimeError(f"ray start in {ns} failed {tries} times: {path.read_text()[-2000:]}")

    def start_worker(self) -> None:
        self._ray_start(self.worker, ["--address", ADDRESS, "--node-ip-address", WORKER_IP,
                                      "--resources", json.dumps({"kateval_slot": self.worker_slots}),
                                      *NODE_FLAGS], "ray-worker")

    def up(self) -> "TwoHostCluster":
        self._network()
        self._ray_start(self.head, ["--head", "--port", str(PORT), "--node-ip-address", HEAD_IP,
                                    "--include-dashboard=false",
                                    "--resources", json.dumps({"kateval_slot": self.head_slots}),
                                    *NODE_FLAGS], "ray-head")
        self.start_worker()
        self.wait_for_slots(self.head_slots + self.worker_slots)
        return self

    def slots(self) -> int:
        code = ("import ray; ray.init(address='%s', logging_level='ERROR'); "
                "print(int(ray.cluster_resources().get('kateval_slot', 0)))" % ADDRESS)
        proc = subprocess.run(self.in_ns(self.head, [str(VENV_BIN / "python"), "-c", code]),
                              capture_output=True, text=True, env=self.env(), timeout=120)
        return int(proc.stdout.strip().splitlines()[-1]) if proc.returncode == 0 else -1

    def wait_for_slots(self, n: int, timeout_s: float = 120) -> None:
        deadline = time.monotonic() + timeout_s
        while (got := self.slots()) != n:
            if time.monotonic() > deadline:
                raise RuntimeError(f"cluster has {got} kateval slots, not {n}")
            time.sleep(1)

    # ------------------------------------------------------------------ processes
    def pids(self, ns: str) -> list[int]:
        proc = subprocess.run(["ip", "netns", "pids", ns], capture_output=True, text=True)
        return [int(p) for p in proc.stdout.split()] if proc.returncode == 0 else []

    def kill_ns(self, ns: str) -> int:
        """SIGKILL every process in the namespace (all started by this test); how many."""
        pids = self.pids(ns)
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        return len(pids)

    def kill_worker_host(self) -> int:
        return self.kill_ns(self.worker)

    def down(self) -> None:
        """Stop Ray (every process in both namespaces) and remove the namespaces."""
        for _ in range(5):
            if not (self.kill_ns(self.worker) + self.kill_ns(self.head)):
                break
            time.sleep(0.5)
        for ns in (self.head, self.worker):
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)
