"""Synthesized run folders in the exact run-folder format, for report, history, compare and gate
tests (these are pure functions of the artifacts, so fixtures need no Kotlin build)."""

from __future__ import annotations

import json
import random
from pathlib import Path

from kateval.config import Suite
from kateval.scoring import summarize, task_info
from kateval.tasks import load_task

REPO = Path(__file__).resolve().parents[2]
TASKS_DIR = REPO / "tasks"
TASKS = ["fn-add-business-days", "fn-billable-weight", "model-invoice-lines",
         "parse-maven-coordinates"]

MODELS = {
    "endpoints": {
        "mellum": {"base_url": "http://localhost:8002/v1",
                   "model": "JetBrains/Mellum-4b-sft-kotlin", "kind": "completion",
                   "price_input_per_1m": 0.10, "price_output_per_1m": 0.40},
        "qwen-coder": {"base_url": "http://localhost:8003/v1", "model": "Qwen/Qwen2.5-Coder-32B",
                       "kind": "chat", "price_input_per_1m": 0.50, "price_output_per_1m": 1.50},
        "deepseek-r1": {"base_url": "http://localhost:8001/v1", "model": "deepseek-ai/DeepSeek-R1",
                        "kind": "chat", "price_input_per_1m": 1.0, "price_output_per_1m": 3.0},
    },
    "roles": {"judge": "deepseek-r1", "builder": "mellum", "fallback": "qwen-coder"},
}

DIFF = """diff --git a/src/commonMain/kotlin/X.kt b/src/commonMain/kotlin/X.kt
--- a/src/commonMain/kotlin/X.kt
+++ b/src/commonMain/kotlin/X.kt
@@ -1,3 +1,3 @@
 fun x(): Int {
-    TODO("implement")
+    return 42 // <answer & "quoted">
 }
"""


PROMPT = ("# Task\nImplement the function.\n\n# Repository files\n- src/commonMain/kotlin/X.kt\n\n"
          "## src/commonMain/kotlin/X.kt\n```kotlin\nfun x(): Int = TODO(\"implement\")\n```\n")
ANSWER = "<think>It must return 42.</think>```kotlin\nreturn 42\n```"


def _transcript(calls: list[dict], answer: str) -> str:
    """transcript.jsonl as the pipeline writes it: each call with what was sent and answered."""
    lines = []
    for call in calls:
        if call["role"] == "builder":
            sent = {"prompt": f"<filename>KATEVAL_TASK.kt\n// {PROMPT}<fim_suffix>}}<fim_prefix>"
                              "fun x(): Int {<fim_middle>"}
        else:
            sent = {"messages": [{"role": "system", "content": f"You are the {call['role']}."},
                                 {"role": "user", "content": PROMPT}]}
        reply = None if call["error"] else answer
        lines.append(json.dumps(call | {"sent": sent, "answer": reply}) + "\n")
    return "".join(lines)


def _attempt_files(folder: Path, status: str, calls: list[dict] | None,
                   feedback: str | None, answer: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "patch.diff").write_text(DIFF)
    log = "=== compile-jvm\n" + "".join(f"noise line {i}\n" for i in range(400)) + \
        f"=== test-jvm: exit {0 if status == 'passed' else 1}\nLAST-LOG-LINE\n"
    if status == "build_failed":
        log = "src/commonMain/kotlin/X.kt:2:12: error: unresolved reference 'nope'\n" + log
    (folder / "build.log").write_text(log)
    tests = [{"name": "kateval.T.ok", "outcome": "passed", "message": ""}]
    if status == "tests_failed":
        tests.append({"name": "kateval.T.edge", "outcome": "failed",
                      "message": "expected:<3> but was:<4>"})
    (folder / "result.json").write_text(json.dumps({"status": status, "detail": status,
                                                    "tests": tests}))
    if feedback:
        (folder / "feedback.txt").write_text(feedback)
    if calls is not None:
        (folder / "calls.jsonl").write_text("".join(json.dumps(c) + "\n" for c in calls))
        (folder / "transcript.jsonl").write_text(_transcript(calls, answer))
    if folder.name == "attempt-1" and calls is not None:
        (folder / "plan.json").write_text(json.dumps({
            "status": "ok", "reasoning": "Think about 42.", "answer": "{...}",
            "plan": {"approach": "Return the answer <42> directly.", "files": [],
                     "regions": [{"file": "src/commonMain/kotlin/X.kt", "function": "x",
                                  "action": "fill"}]}}))


def _call(role: str, rng: random.Random, speed: float, error: str | None = None) -> dict:
    endpoint = MODELS["roles"][role]
    completion = rng.randint(80, 400)
    latency = completion / (speed * rng.uniform(30, 60)) + rng.uniform(0.1, 0.4)
    return {"role": role, "model": MODELS["endpoints"][endpoint]["model"], "endpoint": endpoint,
            "prompt_tokens": rng.randint(800, 3000), "completion_tokens": completion,
            "latency_s": round(latency, 3), "ttft_s": round(rng.uniform(0.05, 0.3), 3),
            "tokens_per_s": round(completion / latency, 2), "retries": rng.choice([0, 0, 0, 1]),
            "error": error, "cached": False}


def make_run(runs_dir: Path, run_id: str, outcomes: dict[str, list[str]], *, suite: str = "demo",
             started_at: str = "2026-11-20T03:00:00+00:00", mode: str = "models",
             speed: float = 1.0, answer: str = ANSWER) -> Path:
    """A run folder. outcomes: task -> one entry per sample, attempts joined by '>'
    (e.g. 'tests_failed>passed'; 'fallback:passed' marks an attempt the fallback produced).
    `answer` is every model call's raw answer (transcript.jsonl)."""
    rng = random.Random(run_id)
    specs = {t: load_task(TASKS_DIR / t).spec for t in outcomes}
    root = Path(runs_dir) / run_id
    samples = max(len(v) for v in outcomes.values())
    config = Suite(name=suite, tasks=sorted(outcomes), tasks_dir=str(TASKS_DIR), samples=samples,
                   k=[1, samples] if samples > 1 else [1], max_attempts=3)
    meta = {"run_id": run_id, "started_at": started_at, "tasks_dir": str(TASKS_DIR),
            "suite_path": str(REPO / "suites" / "kotlin-core.yaml"), "git_sha": "0" * 40,
            "tool_versions": {"kateval": "0.1.0", "kotlinc": "2.4.20"},
            "config": {"suite": config.model_dump(mode="json"), "mode": mode, "sandbox": "local",
                       "models": MODELS if mode == "models" else None}}
    root.mkdir(parents=True)
    (root / "run.json").write_text(json.dumps(meta, indent=2))
    results = []
    for task, per_sample in sorted(outcomes.items()):
        for n, spec in enumerate(per_sample):
            attempts = []
            for a, step in enumerate(spec.split(">"), start=1):
                producer, _, status = step.rpartition(":")
                producer = producer or ("gold" if mode == "offline" else "builder")
                folder = root / "samples" / task / str(n) / f"attempt-{a}"
                calls = None
                if mode == "models":
                    role = "fallback" if producer.startswith("fallback") else "builder"
                    calls = [_call(role, rng, speed)]
                    if a > 1:
                        calls.append(_call("judge", rng, speed))
                    if status == "model_error":
                        calls.append(_call(role, rng, speed, error="HTTP 503"))
                feedback = "The judge says: handle the empty list <edge> case." if a > 1 else None
                _attempt_files(folder, status, calls, feedback, answer)
                attempts.append({"attempt": a, "status": status, "detail": status,
                                 "producer": producer, "counts": {},
                                 "duration_s": round(rng.uniform(10, 40), 3)})
            last = attempts[-1]["status"]
            results.append({"task": task, "sample": n, "status": last, "detail": last,
                            "attempts": attempts, "producer": attempts[-1]["producer"],
                            "pass_attempt": len(attempts) if last == "passed" else None,
                            "duration_s": sum(x["duration_s"] for x in attempts),
                            "finished_at": started_at, "category": specs[task].category,
                            "difficulty": specs[task].difficulty})
    (root / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in results))
    summary = summarize(results, config.k, config.max_attempts if mode == "models" else 1,
                        task_info(load_task(TASKS_DIR / t) for t in sorted(outcomes)))
    summary |= {"run_id": run_id, "suite": suite, "planned": len(results), "complete": True}
    (root / "summary.json").write_text(json.dumps(summary, indent=2))
    return root


def edit_summary(root: Path, **changes) -> Path:
    """Change summary.json fields, e.g. complete=False for an interrupted run."""
    path = root / "summary.json"
    path.write_text(json.dumps(json.loads(path.read_text()) | changes, indent=2))
    return root


def add_accounting(root: Path) -> Path:
    """summary.json as the run writes it once model accounting (issue 4) is in."""
    builder = {"calls": 99, "prompt_tokens": 1, "completion_tokens": 2, "latency_p50_s": 1.5,
               "latency_p95_s": 3.0, "tokens_per_s_p50": 77.0, "tokens_per_s_p95": 90.0,
               "ttft_p50_s": 0.1, "retries": 0, "errors": 0, "cost_usd": 0.5}
    return edit_summary(root, roles={"builder": builder}, fallback_rate=0.25,
                        well_formed_edit_rate=0.9, cost_usd=0.5)
