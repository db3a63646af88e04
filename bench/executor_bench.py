"""Seconds per sample and harness overhead per sample: the same offline suite with the local
executor and with ray on a two-node cluster on this machine (two network namespaces, as in
tests/executors). Overhead = wall time per sample minus the time the sample's own steps took
(steps.json), i.e. what planning, dispatch, shipping and writing cost. Needs root and iproute2.

    python bench/executor_bench.py --samples 3
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.executors.cluster import ADDRESS, VENV_BIN, TwoHostCluster  # noqa: E402


def suite_file(tmp: Path, samples: int) -> Path:
    path = tmp / "bench.yaml"
    path.write_text(f"name: bench\ntasks: [tiny-sum]\ntasks_dir: {ROOT}/tests/fixtures/tasks\n"
                    f"samples: {samples}\nk: [1]\nconcurrency: 2\n")
    return path


def figures(root: Path, wall_s: float) -> tuple[float, float]:
    samples = list((root / "samples").glob("*/*"))
    step_s = sum(sum(s["duration_s"] for s in json.loads(p.read_text()))
                 for p in root.glob("samples/*/*/attempt-*/steps.json"))
    n = max(1, len(samples))
    return wall_s / n, (wall_s - step_s / 2) / n  # two slots run at once


def timed(argv: list[str]) -> float:
    t0 = time.monotonic()
    subprocess.run(argv, cwd=ROOT, check=True, capture_output=True, timeout=3600)
    return time.monotonic() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kateval-executor-bench-"))
    suite = suite_file(tmp, args.samples)
    base = [str(VENV_BIN / "kateval"), "run", "--suite", str(suite), "--offline",
            "--runs-dir", str(tmp / "runs")]
    wall = timed([*base, "--run-id", "local"])
    print("local: %.1f s per sample, overhead %.2f s per sample"
          % figures(tmp / "runs" / "local", wall))
    cluster = TwoHostCluster(tmp, head_slots=1, worker_slots=1)
    try:
        cluster.up()
        wall = timed(cluster.in_ns(cluster.head, [*base, "--run-id", "ray", "--executor", "ray",
                                                  "--ray-address", ADDRESS]))
    finally:
        cluster.down()
    print("ray (2 nodes): %.1f s per sample, overhead %.2f s per sample"
          % figures(tmp / "runs" / "ray", wall))


if __name__ == "__main__":
    main()
