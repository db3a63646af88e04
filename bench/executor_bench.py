"""Seconds per sample and harness overhead per sample: the same offline suite with the local
executor and with ray on a two-node cluster on this machine (two network namespaces, as in
tests/executors), and whether the two runs' summaries agree. Overhead = wall time per sample
minus the time the sample's own steps took (steps.json), i.e. what planning, dispatch,
shipping and writing cost. Needs root and iproute2.

    python bench/executor_bench.py --samples 3                        # tiny-sum x 3
    python bench/executor_bench.py --suite suites/kotlin-core.yaml    # the core suite

Both runs have two slots when the suite says build_slots: 2 (the core suite and tiny-sum do):
local runs two at once, ray has one slot per node. Exits 1 when the summaries differ (anything
but the run id and the wall times, so a missing sample too) or a sample is recorded twice.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.executors.cluster import ADDRESS, VENV_BIN, TwoHostCluster  # noqa: E402

RUN_SPECIFIC = ("run_id", "wall_time_per_sample_s")
"""Summary keys that differ between any two runs of the same suite."""


def tiny_suite(tmp: Path, samples: int) -> Path:
    path = tmp / "bench.yaml"
    path.write_text(f"name: bench\ntasks: [tiny-sum]\ntasks_dir: {ROOT}/tests/fixtures/tasks\n"
                    f"samples: {samples}\nk: [1]\nbuild_slots: 2\n")
    return path


def figures(root: Path, wall_s: float) -> tuple[float, float]:
    samples = list((root / "samples").glob("*/*"))
    step_s = sum(sum(s["duration_s"] for s in json.loads(p.read_text()))
                 for p in root.glob("samples/*/*/attempt-*/steps.json"))
    n = max(1, len(samples))
    return wall_s / n, (wall_s - step_s / 2) / n  # two slots run at once


def summary_differences(local: dict, ray: dict) -> list[str]:
    """The top-level summary keys whose values differ, run-specific ones aside."""
    keys = sorted((set(local) | set(ray)) - set(RUN_SPECIFIC))
    return [k for k in keys if local.get(k) != ray.get(k)]


def recorded_twice_or_more(root: Path) -> list[str]:
    """Samples graded more than once in results.jsonl (an infra_error record is superseded by
    its retry, so it does not count)."""
    lines = [json.loads(line) for line in (root / "results.jsonl").read_text().splitlines()]
    counts = Counter((r["task"], r["sample"]) for r in lines if r["status"] != "infra_error")
    return [f"{task}#{sample}" for (task, sample), n in counts.items() if n > 1]


def timed(argv: list[str]) -> float:
    t0 = time.monotonic()
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=4 * 3600)
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv[-8:])} exited {done.returncode}:\n{done.stdout[-2000:]}"
                 f"{done.stderr[-2000:]}")
    return time.monotonic() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=3, help="tiny-sum samples (no --suite)")
    parser.add_argument("--suite", type=Path, help="an offline suite to run instead of tiny-sum")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kateval-executor-bench-"))
    suite = args.suite.resolve() if args.suite else tiny_suite(tmp, args.samples)
    base = [str(VENV_BIN / "kateval"), "run", "--suite", str(suite), "--offline",
            "--runs-dir", str(tmp / "runs")]
    wall = timed([*base, "--run-id", "local"])
    print("local: %.1f s per sample, overhead %.2f s per sample"
          % figures(tmp / "runs" / "local", wall), flush=True)
    cluster = TwoHostCluster(tmp, head_slots=1, worker_slots=1)
    try:
        cluster.up()
        wall = timed(cluster.in_ns(cluster.head, [*base, "--run-id", "ray", "--executor", "ray",
                                                  "--ray-address", ADDRESS]))
    finally:
        cluster.down()
    print("ray (2 nodes): %.1f s per sample, overhead %.2f s per sample"
          % figures(tmp / "runs" / "ray", wall))
    runs = tmp / "runs"
    local, ray = (json.loads((runs / r / "summary.json").read_text()) for r in ("local", "ray"))
    differ = summary_differences(local, ray)
    twice = recorded_twice_or_more(runs / "ray")
    print(f"samples: local {local['samples']}, ray {ray['samples']}; passed: local "
          f"{local['passed']}, ray {ray['passed']}; by target: ray {ray.get('by_target')}")
    print("summaries equal (all but run id and wall times): "
          + ("yes" if not differ else f"NO, they differ in {', '.join(differ)}"))
    print("samples recorded twice under ray: " + (", ".join(twice) or "none"))
    print(f"run folders: {runs}")
    sys.exit(1 if differ or twice else 0)


if __name__ == "__main__":
    main()
