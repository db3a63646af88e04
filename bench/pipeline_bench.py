"""Does the run keep the endpoints busy? One budget against the phase budgets, side by side.

A scripted OpenAI-compatible endpoint (tests/scripted_server.py) plays a batching server: each
role answers after a flat latency while at most `--batch` requests are in flight, and later
ones queue, the way vLLM behaves until its batch is full. The judge plans, the builder's
endpoint fails (after its latency), and the fallback answers the task's gold patch as a udiff,
so every sample passes through every model phase and a real build (warm toolchain, local
sandbox). The same suite runs twice through the real CLI:

  one budget   max_samples = build_slots = 2: one worker carries a sample through everything,
               as kateval did with `concurrency: 2`
  phases       max_samples 64, build_slots = the cores: samples wait on endpoints apart from
               the builds

For each it prints wall time, the lower bound, each endpoint's peak and mean requests in
flight and its busy share while samples waited for it, the build slots' busy share and a
build's time (slot-seconds per build, without the wait for a slot), the peak RSS of kateval
and its children, and whether the statuses agree; then the targets, met or not:

  wall within 1.25x of the lower bound   max(model-bound, build-bound). Model-bound: one
      sample's chain of calls, or the busiest role's work spread over its batch. Build-bound:
      the build steps' time spread over the slots, after one chain of calls, because no
      sample can build before its own calls are answered.
  every endpoint that samples waited for at >= 90% of its max_concurrency meanwhile
  peak RSS bounded by the build slots, not by samples in flight (the phases run keeps
      `--max-samples 64` in flight within 1.25x of the one-budget run's RSS)

`--samples 3` gives each task three samples, more than `--batch` at once, so samples wait
for the endpoints. `--docker` runs the phases once more under `--sandbox docker` (the image
of `kateval sandbox build`) and prints a build's time there against the local warm one's:
the target is within 2x.

    python bench/pipeline_bench.py                                  # smoke suite, 8/1/3 s
    python bench/pipeline_bench.py --samples 3 --batch 8 --docker
    python bench/pipeline_bench.py --suite suites/kotlin-core.yaml --judge-s 8 --batch 32
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kateval.config import load_suite  # noqa: E402
from kateval.tasks import select_tasks  # noqa: E402
from tests.scripted_server import ScriptedServer  # noqa: E402

PLAN = ('<think>plan</think>```json\n{"approach": "follow the instruction", "files": [], '
        '"regions": []}\n```')


class Batching:
    """A role's latency: flat while at most `batch` requests are served, queueing beyond."""

    def __init__(self, latency_s: float, batch: int):
        self.latency_s = latency_s
        self.slots = threading.BoundedSemaphore(batch)

    def serve(self) -> None:
        with self.slots:
            time.sleep(self.latency_s)


def gold_answers(suite_path: Path) -> list[tuple[str, str]]:
    """(a line of the task's instruction, its gold patch as a udiff answer) per task."""
    suite = load_suite(suite_path)
    found = []
    for task in select_tasks(suite, suite_path):
        instruction = (task.root / "instruction.md").read_text().strip().splitlines()
        key = next(line for line in instruction if len(line.strip()) > 20)
        found.append((key.strip(), f"```diff\n{task.gold_patch}```\n"))
    return found


def script(server: ScriptedServer, args, answers: list[tuple[str, str]]) -> None:
    judge, builder = Batching(args.judge_s, args.batch), Batching(args.builder_s, args.batch)
    fallback = Batching(args.fallback_s, args.batch)

    def plan(body):
        judge.serve()
        return {"text": PLAN if "review failed" not in json.dumps(body) else "Fix it."}

    def fail(body):
        builder.serve()
        return {"status": 500}

    def fix(body):
        fallback.serve()
        text = json.dumps(body["messages"])
        for key, answer in answers:
            if json.dumps(key)[1:-1] in text:
                return {"text": answer}
        return {"text": "no idea"}

    server.script("judge-m", [plan])
    server.script("builder-m", [fail])
    server.script("fallback-m", [fix])


def models_file(tmp: Path, url: str, batch: int) -> Path:
    common = {"base_url": url, "max_concurrency": batch, "max_retries": 0, "timeout_s": 120}
    endpoints = {"judge": common | {"model": "judge-m", "kind": "chat"},
                 "builder": common | {"model": "builder-m", "kind": "completion",
                                      "edit_format": "fim"},
                 "fallback": common | {"model": "fallback-m", "kind": "chat",
                                       "edit_format": "udiff"}}
    path = tmp / "models.yaml"
    path.write_text(yaml.safe_dump({"endpoints": endpoints, "roles": {
        "judge": "judge", "builder": "builder", "fallback": "fallback"}}))
    return path


def tree_rss_kb(pid: int) -> int:
    """RSS of `pid` and every descendant (warm compile services, test JVMs)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            status = (proc / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        ppid = int(fields.get("PPid", "0").strip() or 0)
        children.setdefault(ppid, []).append(int(proc.name))
        rss[int(proc.name)] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss.get(current, 0)
        stack += children.get(current, [])
    return total


def run(label: str, args, models: Path, runs: Path, budgets: list[str]) -> dict:
    argv = [str(ROOT / ".venv" / "bin" / "kateval"), "run", "--suite", str(args.suite),
            "--models", str(models), "--runs-dir", str(runs), "--run-id", label, *budgets]
    if args.samples:
        argv += ["--samples", str(args.samples)]
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss_kb(proc.pid))
        time.sleep(0.5)
    wall = time.monotonic() - start
    summary = json.loads((runs / label / "summary.json").read_text())
    results = [json.loads(line) for line in (runs / label / "results.jsonl").read_text().splitlines()]
    steps_s = 0.0
    for path in (runs / label / "samples").rglob("steps.json"):
        steps_s += sum(step.get("duration_s", 0) for step in json.loads(path.read_text()))
    return {"label": label, "wall": wall, "summary": summary, "rss_mb": peak / 1024,
            "statuses": {(r["task"], r["sample"]): r["status"] for r in results},
            "steps_s": steps_s, "rc": proc.returncode, "stderr": proc.stderr.read()[-500:]}


def lower_bound(args, samples: int, steps_s: float, slots: int) -> tuple[float, float]:
    """(model-bound, build-bound) in seconds (the module's docstring says why)."""
    chain = args.judge_s + args.builder_s + args.fallback_s
    busiest = max(args.judge_s, args.builder_s, args.fallback_s) * samples / args.batch
    return max(chain, busiest), chain + steps_s / slots


def build_time(result: dict) -> float | None:
    """Slot-seconds per build: a sample's build and tests, without its wait for a slot."""
    slots = result["summary"].get("build_slots") or {}
    return slots["busy_s"] / slots["builds"] if slots.get("builds") else None


def report(result: dict, args, samples: int, slots: int) -> dict:
    """Prints one run's figures; returns whether it met the wall and endpoint targets."""
    model_bound, build_bound = lower_bound(args, samples, result["steps_s"], slots)
    bound = max(model_bound, build_bound)
    summary = result["summary"]
    print(f"\n== {result['label']} (exit {result['rc']})")
    print(f"  wall {result['wall']:.1f} s; lower bound {bound:.1f} s (model {model_bound:.1f} s, "
          f"build {build_bound:.1f} s): {result['wall'] / bound:.2f}x the bound")
    busy = []
    for name, use in summary.get("endpoints", {}).items():
        share = use["busy_share_while_waited"]
        if share is not None:
            busy.append(share)
        print(f"  endpoint {name}: peak {use['peak_in_flight']}/{use['max_concurrency']} in "
              f"flight, mean {use['mean_in_flight']}, busy while waited: "
              f"{'- (never waited)' if share is None else f'{share:.0%}'}")
    slots_use = summary.get("build_slots", {})
    each = build_time(result)
    print(f"  build slots: {slots_use.get('slots')} slots, busy {slots_use.get('busy_share', 0):.0%}"
          f"{'' if each is None else f'; {each:.1f} s per build'}")
    print(f"  peak RSS {result['rss_mb']:.0f} MB; passed {summary.get('passed')}/{summary.get('graded')}; "
          f"statuses {summary.get('statuses')}")
    return {"wall": result["wall"] / bound <= 1.25, "busy": all(s >= 0.9 for s in busy),
            "waited": bool(busy)}


def targets(one: dict, phases: dict, met: dict, docker: dict | None) -> None:
    print("\ntargets (phases run):")
    print(f"  wall within 1.25x of the lower bound: {'met' if met['wall'] else 'MISSED'}")
    print("  endpoints >= 90% busy while samples waited: " + (
        ('met' if met['busy'] else 'MISSED') if met["waited"]
        else "no sample waited for an endpoint (raise --samples or lower --batch)"))
    ratio = phases["rss_mb"] / one["rss_mb"] if one["rss_mb"] else 0
    print(f"  RSS bounded by build slots: {phases['rss_mb']:.0f} MB with 64 samples in flight "
          f"against {one['rss_mb']:.0f} MB with 2: {ratio:.2f}x, "
          f"{'met' if ratio <= 1.25 else 'MISSED'}")
    if docker is not None:
        local, inside = build_time(phases), build_time(docker)
        if local and inside:
            print(f"  docker per build {inside:.1f} s against local warm {local:.1f} s: "
                  f"{inside / local:.2f}x, {'met' if inside / local <= 2 else 'MISSED'} (2x)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", type=Path, default=ROOT / "suites" / "kotlin-smoke.yaml")
    parser.add_argument("--judge-s", type=float, default=8.0)
    parser.add_argument("--builder-s", type=float, default=1.0)
    parser.add_argument("--fallback-s", type=float, default=3.0)
    parser.add_argument("--batch", type=int, default=16, help="each endpoint's max_concurrency")
    parser.add_argument("--samples", type=int, default=None, help="samples per task")
    parser.add_argument("--docker", action="store_true",
                        help="also run the phases under --sandbox docker")
    args = parser.parse_args()
    answers = gold_answers(args.suite)
    cores = len(os.sched_getaffinity(0))
    server = ScriptedServer().start()
    script(server, args, answers)
    docker = None
    try:
        with tempfile.TemporaryDirectory(prefix="kateval-pipeline-bench-") as tmp:
            models = models_file(Path(tmp), server.base_url, args.batch)
            runs = Path(tmp) / "runs"
            one = run("one-budget", args, models, runs, ["--max-samples", "2", "--build-slots", "2"])
            phases = run("phases", args, models, runs, ["--build-slots", str(cores)])
            if args.docker:
                docker = run("phases-docker", args, models, runs,
                             ["--build-slots", str(cores), "--sandbox", "docker"])
    finally:
        server.stop()
    samples = len(phases["statuses"])
    report(one, args, samples, 2)
    met = report(phases, args, samples, cores)
    if docker is not None:
        report(docker, args, samples, cores)
    same = one["statuses"] == phases["statuses"] and (
        docker is None or docker["statuses"] == phases["statuses"])
    print(f"\nstatuses agree: {same}; speed-up {one['wall'] / phases['wall']:.2f}x")
    targets(one, phases, met, docker)
    for result in (one, phases, docker):
        if result is not None and result["rc"] not in (0, 1):
            print(f"{result['label']}: {result['stderr']}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
