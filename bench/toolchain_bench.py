"""Cold (kotlinc) against warm toolchain, side by side, on the core suite's gold patches.

    python bench/toolchain_bench.py [--tasks 8] [--rounds 1] [--warmup 48] [--toolchains kotlinc,warm]
                                    [--server-flags=-XX:TieredStopAtLevel=4] [--floor 5] [--steps]

One core (the process pins itself to CPU 0 or --cpu, like `taskset -c 0`; every compiler, JUnit and
node process inherits that), concurrency 1, the local bwrap sandbox. Each sample is the
full evaluate_patch path: workspace, gold patch, hidden tests, compile JVM + JS (klib and
executable module), JUnit on the JVM and mocha on Node. Tasks alternate cold, warm, so a
busy neighbour slows both alike. The warm toolchain's first sample starts its service and
is reported apart, with the --warmup samples that follow it while its JIT compiles the
compiler (a worker pays that once per run, or once per restart). The default warm-up is
two passes over the core tasks, what C2 needed before the server went C1-only
(installed.SERVER_JIT; `--server-flags=-XX:TieredStopAtLevel=4` brings C2 back for an A/B);
the bench also prints what a sample costs over a whole service life, warm-up included.
`--floor N` then times N samples of bench/floor/floor-next-int, a one-line function and
one test: what a toolchain costs per sample whatever the sample is (its fixed cost).

A name `<toolchain>@<rev>` runs that toolchain as another commit of kateval has it
(bench/other_commit.py: a worktree, its own toolchain install, a worker process on the same
core): `--toolchains warm@0af73bb,warm` puts the warm toolchain from before the grade's
protections (issue 27) beside today's, sample by sample, and prints the ratio.

A name `docker-<toolchain>` runs that toolchain under --sandbox docker (`--toolchains
warm,docker-warm` puts Docker's warm compile containers beside the local warm service; the
image is `kateval sandbox build`'s, or --image). Containers are not this process's children,
so the pin does not hold them: each container's CPU quota (limits.cpus, 1.0) bounds it to
one core's worth instead.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kateval.config import Suite  # noqa: E402
from kateval.evaluate import Timeouts  # noqa: E402
from kateval.sandbox.factory import make_opener  # noqa: E402
from kateval.tasks import load_task  # noqa: E402
from kateval.toolchains.warm import service  # noqa: E402

from other_commit import OtherCommit, grade_gold  # noqa: E402

# The core suite as of e99bf45 (`git show e99bf45:tasks`): tasks added since are new.
CORE_TASKS = (
    "bugfix-build-dirty-propagation", "bugfix-token-bucket-refill", "coll-build-waves",
    "coll-timesheet-summary", "flow-cursor-pagination", "flow-singleflight-loader",
    "fn-add-business-days", "fn-billable-weight", "fn-prorate-discount",
    "fsm-ota-firmware-update", "fsm-otp-verification", "gen-span-set",
    "gen-validated-accumulate", "model-invoice-lines", "model-iot-readings",
    "model-shipment-tracking", "multi-library-loan-renewals", "multi-template-filters",
    "parse-byte-ranges", "parse-dotenv-file", "parse-maven-coordinates",
    "platform-accent-folding-slugs", "platform-chunked-blob-store",
    "platform-fixed-decimal-amounts",
)
TIMEOUTS = Timeouts(build_s=600, test_s=120)
FLOOR_TASK = REPO / "bench" / "floor" / "floor-next-int"


SERVICE_STARTS = [0]
"""Compile services this process started: a timed sample that starts one pays its start
and JIT warm-up (a worn-out or dead service), which the sample's line then says."""
_service_init = service.CompileService.__init__


def _counted_init(self, *args, **kwargs) -> None:
    SERVICE_STARTS[0] += 1
    _service_init(self, *args, **kwargs)


service.CompileService.__init__ = _counted_init


def one_sample(task, opener) -> tuple[float, dict[str, float], str]:
    if isinstance(opener, OtherCommit):
        return opener.sample(task.root)
    return grade_gold(task, opener, TIMEOUTS)


def median(values: list[float]) -> str:
    return f"{statistics.median(values):6.2f}" if values else "     -"


def mean(values: list[float]) -> str:
    return f"{statistics.mean(values):6.2f}" if values else "     -"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=len(CORE_TASKS),
                        help="the first N core tasks (a fixed subset)")
    parser.add_argument("--rounds", type=int, default=1, help="samples per task and toolchain")
    parser.add_argument("--toolchains", default="kotlinc,warm")
    parser.add_argument("--all-cores", action="store_true", help="do not pin to one CPU")
    parser.add_argument("--cpu", type=int, default=0, help="the CPU to pin to")
    parser.add_argument("--warmup", type=int, default=2 * len(CORE_TASKS),
                        help="samples the warm service compiles before the timed ones")
    parser.add_argument("--server-flags", default="",
                        help="extra JVM flags for the warm compile server (an A/B of its tuning)")
    parser.add_argument("--floor", type=int, default=0, metavar="N",
                        help="then N samples per toolchain of the smallest task (the fixed cost)")
    parser.add_argument("--steps", action="store_true",
                        help="print each sample's step durations on its line")
    parser.add_argument("--image", default=None,
                        help="the sandbox image for docker-* (default: kateval sandbox build's)")
    args = parser.parse_args()
    service.SERVER_TUNING[:] = args.server_flags.split()
    if not args.all_cores:
        os.sched_setaffinity(0, {args.cpu})
    names = args.toolchains.split(",")
    openers = {n: opener(n, args.image) for n in names}
    tasks = [load_task(REPO / "tasks" / t) for t in CORE_TASKS[: args.tasks]]
    warmups, warmup_s = [], {}
    for name in (n for n in names if n.split("@")[0].endswith("warm")):
        # A worker's service compiles every sample of a run (hundreds, up to its restart
        # bound): its JIT is hot for all but the first few. Those are measured apart.
        warmups = [tasks[i % len(tasks)] for i in range(max(1, args.warmup))]
        start = time.monotonic()
        first, _, status = one_sample(warmups[0], openers[name])
        for task in warmups[1:]:
            one_sample(task, openers[name])
        warmup_s[name] = time.monotonic() - start
        flags = "-" if "@" in name else args.server_flags or "-"  # only this commit's
        print(f"{name}: server on {server_jdk(name)}; extra server flags: {flags}")
        print(f"{name}: service start + first sample ({warmups[0].id}): {first:.2f} s "
              f"({status}); {len(warmups)} warm-up samples in {warmup_s[name]:.1f} s")
    timed = Timings()
    for task in tasks:
        for _ in range(args.rounds):
            timed.sample(task, names, openers, args.steps)
    timed.table(f"per-step medians (s), {len(tasks)} tasks x {args.rounds}, one core, "
                f"concurrency 1", names)
    walls = timed.walls
    if len(names) == 2 and walls[names[0]] and walls[names[1]]:
        a, b = walls[names[0]], walls[names[1]]
        print(f"ratio {names[0]}/{names[1]}: {statistics.median(a) / statistics.median(b):.2f}x "
              f"of the medians, {sum(a) / sum(b):.2f}x of the means")
        # Sample by sample (the same task, one after the other): a task's size cancels out.
        pairs = [x / y for x, y in zip(b, a)]
        print(f"{names[1]} against {names[0]}, the same task's samples paired: median "
              f"{statistics.median(pairs):.3f}x, geometric mean "
              f"{statistics.geometric_mean(pairs):.3f}x ({len(pairs)} pairs)")
    for name, seconds in warmup_s.items():
        if walls[name]:
            bound = getattr(openers[name], "max_compilations",
                            service.ServiceLimits().max_compilations)
            life = int(bound // statistics.median(timed.requests[name]))
            print(f"{name}: {service_life(life, len(warmups), seconds, walls[name])}")
    if args.floor:
        floor, task = Timings(), load_task(FLOOR_TASK)
        for _ in range(args.floor):
            floor.sample(task, names, openers, args.steps)
        floor.table(f"floor: per-step medians (s), {task.id} x {args.floor}", names)
    for name, other in openers.items():
        if isinstance(other, OtherCommit):
            if other.own_tasks:
                print(f"{name}: its own copy of {', '.join(sorted(other.own_tasks))} (this "
                      f"repo's has fields that commit does not read)")
            other.close()


def opener(name: str, image: str | None):
    """`warm`, `kotlinc`... in the local sandbox; `docker-warm`, `docker-kotlinc` in Docker;
    `warm@<rev>` as that commit runs it."""
    if "@" in name:
        return OtherCommit(*name.split("@", 1))
    if name.startswith("docker-"):
        suite = Suite(name="bench", toolchain=name.removeprefix("docker-"), docker_image=image)
        return make_opener("docker", suite, f"bench-{name}-{os.getpid()}")
    return make_opener("local", Suite(name="bench", toolchain=name), f"bench-{name}")


def server_jdk(name: str) -> str:
    from kateval.toolchains import jdk

    if "@" in name:
        return "that commit's choice"
    if name.startswith("docker-"):
        return "the image's JDK 17 (its AppCDS archive); tests on the same"
    server = jdk.server_jdk()
    return f"JDK {server.version} ({server.home}); tests on JDK {jdk.path_jdk().version}"


class Timings:
    """Per toolchain: sample walls, step durations and statuses."""

    def __init__(self):
        self.walls: dict[str, list[float]] = defaultdict(list)
        self.rest: dict[str, list[float]] = defaultdict(list)
        self.requests: dict[str, list[int]] = defaultdict(list)
        self.steps: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
        self.statuses: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def sample(self, task, names: list[str], openers: dict, show_steps: bool = False) -> None:
        """One sample of the task per toolchain, in turn (a busy neighbour slows all alike)."""
        for name in names:
            starts = SERVICE_STARTS[0]
            wall, durations, status = one_sample(task, openers[name])
            self.walls[name].append(wall)
            self.rest[name].append(wall - sum(durations.values()))  # the harness's own time
            self.requests[name].append(sum(1 for step in durations
                                           if step.startswith(("compile-", "link-"))))
            self.statuses[name][status] += 1
            for step, seconds in durations.items():
                self.steps[name][step].append(seconds)
            notes = "  [a fresh compile service]" if SERVICE_STARTS[0] != starts else ""
            if show_steps:
                notes += "  " + " ".join(f"{step}={seconds:.2f}" for step, seconds
                                         in durations.items() if seconds >= 0.01)
            print(f"  {task.id:34s} {name:8s} {wall:6.2f} s  {status}{notes}", flush=True)

    def table(self, title: str, names: list[str]) -> None:
        step_names = list(dict.fromkeys(s for n in names for s in self.steps[n]))
        print(f"\n{title}")
        print(f"{'step':14s}" + "".join(f"{n:>10s}" for n in names))
        for step in step_names:
            print(f"{step:14s}" + "".join(f"{median(self.steps[n][step]):>10s}" for n in names))
        print(f"{'per sample':14s}" + "".join(f"{median(self.walls[n]):>10s}" for n in names))
        print(f"{'  (mean)':14s}" + "".join(f"{mean(self.walls[n]):>10s}" for n in names))
        print(f"{'  outside steps':14s}" + "".join(f"{mean(self.rest[n]):>10s}" for n in names))
        for name in names:
            print(f"{name}: statuses {dict(self.statuses[name])}")


def service_life(life: int, warmup_samples: int, warmup_s: float, timed: list[float]) -> str:
    """Seconds per sample over one service's life (`life` samples: its restart bound over the
    requests a sample makes), warm-up included: what a worker pays on average, with the timed
    samples' mean for the samples after warm-up."""
    rest = max(0, life - warmup_samples)
    per_sample = (warmup_s + statistics.mean(timed) * rest) / (warmup_samples + rest)
    return (f"warm over one service life ({life} JS samples, the warm-up included): "
            f"{per_sample:.2f} s per sample")


if __name__ == "__main__":
    main()
