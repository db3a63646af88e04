"""Seconds per sample: local sandbox vs Docker, one container per sample vs one reused.

    python bench/sandbox_bench.py [--samples 3] [--task tasks/fn-billable-weight]

Two measurements:
  overhead    what the container strategy itself costs per sample, without compiling:
              create + start + `true` + remove, against `true` + a reset in a live container.
  end-to-end  evaluate_patch on a real task with its gold patch (compile JVM and JS, JUnit),
              run sequentially, per mode: local, docker-per-sample, docker-reused.
The reused mode keeps one container per worker with the worker folder bind-mounted; each
sample still gets a fresh workspace (a new folder) and a reset (kill -9 -1, empty /tmp).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kateval.config import Limits, Suite
from kateval.evaluate import Timeouts, evaluate_patch
from kateval.sandbox import image as images
from kateval.sandbox.docker import (
    DockerSandbox,
    DockerSettings,
    _chown_tree,
    _user_for_host,
    remove_containers,
)
from kateval.sandbox.factory import make_opener
from kateval.tasks import load_task

RESET = ["sh", "-c", "kill -9 -1 2>/dev/null; rm -rf /tmp/* /tmp/.[!.]* 2>/dev/null; true"]


class ReusedContainer:
    """One container for many samples; each lease is a fresh workspace under `worker_dir`."""

    def __init__(self, client, settings: DockerSettings, worker_dir: Path):
        self.worker_dir = worker_dir.resolve()
        self.sandbox = DockerSandbox(client, settings, self.worker_dir, mount=self.worker_dir)

    def open(self, root: Path):
        root = Path(root).resolve()
        if not root.is_relative_to(self.worker_dir):
            raise ValueError(f"{root} is outside the mounted worker folder {self.worker_dir}")
        self.sandbox.workspace = root
        if os.geteuid() == 0:  # mkdtemp's 0700 folders sit between the mount and the workspace
            _chown_tree(root, *_user_for_host())
            for parent in root.parents:
                if parent == self.worker_dir or not parent.is_relative_to(self.worker_dir):
                    break
                os.chown(parent, *_user_for_host())
        return _Lease(self.sandbox), images.IMAGE_TOOLS

    def close(self) -> None:
        self.sandbox.close()


class _Lease:
    """The Sandbox protocol for one sample; close() resets instead of removing."""

    def __init__(self, sandbox: DockerSandbox):
        self.sandbox = sandbox

    def exec(self, cmd, *, timeout_s):
        return self.sandbox.exec(cmd, timeout_s=timeout_s)

    def write_file(self, path, data):
        self.sandbox.write_file(path, data)

    def read_file(self, path):
        return self.sandbox.read_file(path)

    def close(self):
        self.sandbox.exec(RESET, timeout_s=30)


def overhead(client, settings: DockerSettings, rounds: int) -> dict[str, float]:
    """Mean seconds of each strategy's per-sample container work, with a trivial command."""
    per_sample = []
    with tempfile.TemporaryDirectory(dir="/var/tmp") as tmp:
        for n in range(rounds):
            start = time.monotonic()
            sandbox = DockerSandbox(client, settings, Path(tmp, f"ws{n}"))
            sandbox.exec(["true"], timeout_s=30)
            sandbox.close()
            per_sample.append(time.monotonic() - start)
        reused = ReusedContainer(client, settings, Path(tmp, "worker"))
        leases = []
        try:
            for n in range(rounds):
                start = time.monotonic()
                workspace = Path(tmp, "worker", f"ws{n}")
                workspace.mkdir(parents=True)
                lease, _ = reused.open(workspace)
                lease.exec(["true"], timeout_s=30)
                lease.close()
                leases.append(time.monotonic() - start)
        finally:
            reused.close()
    return {"docker-per-sample": statistics.mean(per_sample),
            "docker-reused": statistics.mean(leases)}


def end_to_end(task_dir: Path, mode: str, samples: int, client, settings) -> list[float]:
    """Seconds per sample of evaluate_patch with the task's gold patch; all must pass."""
    task = load_task(task_dir)
    timeouts = Timeouts(task.spec.timeouts.build_s, task.spec.timeouts.test_s)
    worker = Path(tempfile.mkdtemp(prefix="kateval-bench-", dir="/var/tmp"))
    reused = ReusedContainer(client, settings, worker) if mode == "docker-reused" else None
    if mode == "local":
        opener = make_opener("local", Suite(name="bench"), settings.run_id)
    elif mode == "docker-per-sample":
        suite = Suite(name="bench", docker_image=settings.image, limits=settings.limits)
        opener = make_opener("docker", suite, settings.run_id)
    else:
        opener = reused.open
    # evaluate_patch makes its workspace with mkdtemp: point that into the mounted folder.
    old_tempdir, tempfile.tempdir = tempfile.tempdir, str(worker)
    seconds = []
    try:
        for n in range(samples):
            start = time.monotonic()
            grade = evaluate_patch(task, task.gold_patch, worker / f"attempt-{n}", opener, timeouts)
            seconds.append(time.monotonic() - start)
            if grade.status != "passed":
                raise SystemExit(f"{mode}: sample {n} graded {grade.status}: {grade.detail}")
    finally:
        tempfile.tempdir = old_tempdir
        if reused is not None:
            reused.close()
        shutil.rmtree(worker, ignore_errors=True)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=3, help="samples per end-to-end mode")
    parser.add_argument("--rounds", type=int, default=10, help="rounds of the overhead test")
    parser.add_argument("--task", type=Path, default=REPO / "tasks" / "fn-billable-weight")
    parser.add_argument("--modes", default="local,docker-per-sample,docker-reused")
    parser.add_argument("--cpus", type=float, default=Limits().cpus,
                        help="container CPU quota (suite limits.cpus; local is unlimited)")
    args = parser.parse_args()
    client = images.connect()
    tag = images.image_inputs().tag
    if not images.image_exists(client, tag):
        raise SystemExit(f"{tag} not built: run `kateval sandbox build` first")
    settings = DockerSettings(image=tag, run_id=f"bench-{uuid.uuid4().hex[:8]}",
                              limits=Limits(cpus=args.cpus))
    try:
        print(f"image {tag}; {os.cpu_count()} CPUs; suite limits {settings.limits}")
        print(f"\noverhead per sample (mean of {args.rounds}, command `true`):")
        for mode, secs in overhead(client, settings, args.rounds).items():
            print(f"  {mode:<18} {secs:6.3f} s")
        print(f"\nend to end, {args.task.name}, {args.samples} samples each (sequential):")
        for mode in args.modes.split(","):
            secs = end_to_end(args.task, mode, args.samples, client, settings)
            print(f"  {mode:<18} mean {statistics.mean(secs):6.1f} s  median "
                  f"{statistics.median(secs):6.1f} s  [{', '.join(f'{s:.1f}' for s in secs)}]",
                  flush=True)
    finally:
        remove_containers(client, run_id=settings.run_id)


if __name__ == "__main__":
    main()
