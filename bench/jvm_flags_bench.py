"""Seconds per sample with and without kateval's JVM flags (C1 only, serial GC), local sandbox.

    python bench/jvm_flags_bench.py [--samples 3] [--task tasks/fn-billable-weight] [--one-core]

--one-core pins the bench and everything it starts to CPU 0, as a docker sample with
cpus=1.0 or a run with concurrency 2 on a 2-core machine sees it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kateval.config import Suite
from kateval.evaluate import Timeouts, evaluate_patch
from kateval.sandbox.factory import make_opener
from kateval.tasks import load_task
from kateval.toolchains import kmp


def seconds_per_sample(task_dir: Path, flags: list[str], samples: int) -> list[float]:
    task = load_task(task_dir)
    timeouts = Timeouts(task.spec.timeouts.build_s, task.spec.timeouts.test_s)
    opener = make_opener("local", Suite(name="bench"), "bench")
    kmp.JVM_FLAGS = flags
    seconds = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(samples):
            start = time.monotonic()
            grade = evaluate_patch(task, task.gold_patch, Path(tmp, f"a{n}"), opener, timeouts)
            seconds.append(time.monotonic() - start)
            if grade.status != "passed":
                raise SystemExit(f"flags {flags}: sample {n} graded {grade.status}: {grade.detail}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=3)
    parser.add_argument("--task", type=Path, default=REPO / "tasks" / "fn-billable-weight")
    parser.add_argument("--one-core", action="store_true")
    args = parser.parse_args()
    if args.one_core:
        os.sched_setaffinity(0, {0})
    print(f"{args.task.name}, {args.samples} samples each, "
          f"{len(os.sched_getaffinity(0))} CPU(s) (sequential, local sandbox)")
    for label, flags in (("JVM defaults", []), ("kateval flags", list(kmp.JVM_FLAGS))):
        runs = seconds_per_sample(args.task, flags, args.samples)
        print(f"  {label:14} {' '.join(flags) or '-':45} mean {statistics.mean(runs):5.1f} s  "
              f"[{', '.join(f'{s:.1f}' for s in runs)}]")


if __name__ == "__main__":
    main()
