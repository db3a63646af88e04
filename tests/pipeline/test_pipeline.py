"""The whole pipeline through the CLI: a scripted OpenAI-compatible server plays the judge, the
builder and the fallback over real HTTP; git, kotlinc and JUnit are real."""

from __future__ import annotations

import json
import socket
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, REPO_ROOT, run_cli
from tests.scripted_server import ScriptedServer

pytestmark = pytest.mark.slow
SUITE = str(FIXTURES / "suites" / "tiny1.yaml")
SUM = "src/commonMain/kotlin/tiny/Sum.kt"
SECRET = "sk-kateval-test-secret-4242"
PLAN = ('reasoning about positives...</think>\n```json\n{"approach": "filter the positive numbers '
        'and sum them", "files": ["' + SUM + '"], "regions": [{"file": "' + SUM + '", '
        '"function": "positiveTotal", "action": "fill"}]}\n```\nThat is the plan.')
GOOD_FIM = "xs.filter { it > 0 }.sum()"
FALLBACK_FIX = (f"{SUM}\n```kotlin\n<<<<<<< SEARCH\nfun positiveTotal(xs: List<Int>): Int = "
                f'TODO("positiveTotal")\n=======\nfun positiveTotal(xs: List<Int>): Int = '
                f"xs.filter {{ it > 0 }}.sum()\n>>>>>>> REPLACE\n```\n")


def judge(body: dict) -> dict:
    text = json.dumps(body["messages"])
    if "review failed attempts" in text:
        return {"text": "<think>they summed negatives</think>Only add numbers greater than zero."}
    return {"text": PLAN}


@pytest.fixture
def server():
    srv = ScriptedServer().start()
    srv.script("judge-m", [judge])
    yield srv
    srv.stop()


def models_file(tmp_path: Path, server_url: str, judge_url: str | None = None,
                builder: dict | None = None, fallback: bool = True) -> Path:
    endpoints = {
        "judge": {"base_url": judge_url or server_url, "model": "judge-m", "kind": "chat",
                  "api_key_env": "KATEVAL_TEST_JUDGE_KEY", "max_retries": 1},
        "builder": {"base_url": server_url, "model": "mellum-m", "kind": "completion",
                    "edit_format": "fim", "api_key_env": "KATEVAL_TEST_JUDGE_KEY",
                    "max_retries": 2, "max_retry_time_s": 10, "timeout_s": 5,
                    "price_input_per_1m": 0.5, "price_output_per_1m": 1.0} | (builder or {}),
        "fallback": {"base_url": server_url, "model": "qwen-m", "kind": "chat",
                     "edit_format": "search-replace", "max_retries": 1},
    }
    roles = {"judge": "judge", "builder": "builder"} | ({"fallback": "fallback"} if fallback else {})
    path = tmp_path / "models.yaml"
    path.write_text(yaml.safe_dump({"endpoints": endpoints, "roles": roles}))
    return path


def run(tmp_path: Path, models: Path, run_id: str = "r", *extra: str):
    proc = run_cli("run", "--suite", SUITE, "--models", str(models), "--run-id", run_id,
                   "--runs-dir", str(tmp_path / "runs"), *extra,
                   env={"KATEVAL_TEST_JUDGE_KEY": SECRET})
    assert "Traceback" not in proc.stderr, proc.stderr
    root = tmp_path / "runs" / run_id
    results = [json.loads(x) for x in (root / "results.jsonl").read_text().splitlines()]
    summary = json.loads((root / "summary.json").read_text())
    return proc, results[-1], summary, root


def calls(root: Path, attempt: int = 1) -> list[dict]:
    path = root / "samples" / "tiny-sum" / "0" / f"attempt-{attempt}" / "calls.jsonl"
    return [json.loads(x) for x in path.read_text().splitlines()]


def test_happy_path_fim_runs_past_region_and_429(server, tmp_path):
    # The FIM completion runs past its region; the builder first gets a 429.
    server.script("mellum-m", [{"status": 429}, {"text": GOOD_FIM + "\n\nfun other() = 42\n"}])
    proc, result, summary, root = run(tmp_path, models_file(tmp_path, server.base_url))
    assert proc.returncode == 0, proc.stderr
    assert result["status"] == "passed" and result["producer"] == "builder:mellum-m"
    attempt = root / "samples" / "tiny-sum" / "0" / "attempt-1"
    assert "fun other" not in (attempt / "patch.diff").read_text()
    plan = json.loads((attempt / "plan.json").read_text())
    assert plan["reasoning"] == "reasoning about positives..." and plan["status"] == "ok"
    fim_prompt = server.calls("mellum-m", "/v1/completions")[-1]["body"]["prompt"]
    assert fim_prompt.index("<fim_suffix>") < fim_prompt.index("<fim_prefix>") < fim_prompt.index("<fim_middle>")
    assert "<filename>KATEVAL_TASK.kt" in fim_prompt
    roles = summary["roles"]
    assert roles["judge"]["calls"] == 1 and roles["builder"]["calls"] == 1
    assert roles["builder"]["retries"] == 1 and roles["builder"]["completion_tokens"] > 0
    assert roles["builder"]["latency_p50_s"] > 0 and roles["builder"]["cost_usd"] > 0
    assert summary["fallback_rate"] == 0.0 and summary["well_formed_edit_rate"] == 1.0
    assert {c["role"] for c in calls(root)} == {"judge", "builder"}
    # The key went over the wire but into no artifact.
    assert server.calls("judge-m")[0]["headers"]["authorization"] == f"Bearer {SECRET}"
    leaked = [p for p in root.rglob("*") if p.is_file() and SECRET in p.read_text(errors="ignore")]
    assert leaked == []

    # Replay: the server is gone, every answer comes from the run's cache.
    server.stop()
    proc, replayed, summary2, _ = run(tmp_path, models_file(tmp_path, server.base_url), "again",
                                      "--replay", str(root))
    assert proc.returncode == 0, proc.stderr
    assert replayed["status"] == "passed" and summary2["roles"]["builder"]["cached_calls"] == 1


def test_builder_500s_hand_over_to_fallback(server, tmp_path):
    server.script("mellum-m", [{"status": 500}])
    server.script("qwen-m", [{"text": FALLBACK_FIX}])
    proc, result, summary, root = run(tmp_path, models_file(tmp_path, server.base_url))
    assert result["status"] == "passed" and result["producer"] == "fallback:qwen-m"
    assert summary["fallback_rate"] == 1.0
    assert summary["roles"]["builder"]["errors"] == 1 and summary["roles"]["fallback"]["calls"] == 1
    assert len(server.calls("mellum-m")) == 3  # 1 + max_retries(2)


def test_empty_completion_is_malformed_and_falls_back(server, tmp_path):
    server.script("mellum-m", [{"text": "   "}])
    server.script("qwen-m", [{"text": FALLBACK_FIX}])
    _, result, summary, _ = run(tmp_path, models_file(tmp_path, server.base_url))
    assert result["status"] == "passed" and result["producer"] == "fallback:qwen-m"


def test_empty_completion_without_fallback_is_malformed_edit(server, tmp_path):
    server.script("mellum-m", [{"text": ""}])
    _, result, summary, _ = run(tmp_path, models_file(tmp_path, server.base_url, fallback=False))
    assert result["status"] == "malformed_edit" and "empty completion" in result["detail"]
    assert summary["well_formed_edit_rate"] == 0.0


def test_diff_that_does_not_apply(server, tmp_path):
    bad = f"```diff\n--- a/{SUM}\n+++ b/{SUM}\n@@ -4 +4 @@\n-fun nothingLikeThis()\n+fun x() = 1\n```"
    server.script("mellum-m", [{"text": bad}])
    chat_builder = {"kind": "chat", "edit_format": "udiff"}
    _, result, _, root = run(tmp_path, models_file(tmp_path, server.base_url, builder=chat_builder,
                                                   fallback=False))
    assert result["status"] == "patch_failed"
    assert "nothingLikeThis" in (root / "samples/tiny-sum/0/attempt-1/patch.diff").read_text()
    server.script("qwen-m", [{"text": FALLBACK_FIX}])
    _, result, _, _ = run(tmp_path, models_file(tmp_path, server.base_url, builder=chat_builder), "fb")
    assert result["status"] == "passed" and result["producer"] == "fallback:qwen-m"


def test_failed_attempt_gets_judge_feedback_and_retries(server, tmp_path):
    server.script("mellum-m", [{"text": "xs.sum()"}, {"text": GOOD_FIM}])
    _, result, summary, root = run(tmp_path, models_file(tmp_path, server.base_url))
    assert [a["status"] for a in result["attempts"]] == ["tests_failed", "passed"]
    assert result["pass_attempt"] == 2
    assert summary["pass_rate_1"] == 0.0 and summary["pass_rate_2"] == 1.0
    feedback = (root / "samples/tiny-sum/0/attempt-2/feedback.txt").read_text()
    assert feedback == "Only add numbers greater than zero."
    review = json.dumps(server.calls("judge-m")[-1]["body"]["messages"])
    assert "FAILED tiny.TinySumTest" in review  # test failures from JUnit XML reached the judge
    assert "Only add numbers greater than zero." in server.calls("mellum-m")[-1]["body"]["prompt"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_judge_down_is_infra_error_and_resume_completes(server, tmp_path):
    port = free_port()
    judge_url = f"http://127.0.0.1:{port}/v1"
    server.script("mellum-m", [{"text": GOOD_FIM}])
    models = models_file(tmp_path, server.base_url, judge_url=judge_url)
    proc, result, summary, _ = run(tmp_path, models)
    assert proc.returncode == 5, proc.stderr  # nothing graded: the run must not look green
    assert "nothing graded" in proc.stderr and "resume" in proc.stderr
    assert result["status"] == "infra_error" and summary["infra_errors"] == 1
    assert summary["graded"] == 0 and summary["pass_rate"] is None  # not a model failure
    assert f"127.0.0.1:{port}" in proc.stdout and "judge endpoint" in proc.stdout
    back = ScriptedServer(port).start()  # the judge comes back at the same address
    try:
        back.script("judge-m", [judge])
        proc, result, summary, _ = run(tmp_path, models)
    finally:
        back.stop()
    assert proc.returncode == 0, proc.stderr
    assert "resuming" in proc.stdout
    assert result["status"] == "passed" and summary["infra_errors"] == 0


def test_unparseable_plan_goes_on_without_a_plan(server, tmp_path):
    server.script("judge-m", [{"text": "</think>I would just sum things."}])
    server.script("mellum-m", [{"text": GOOD_FIM}])
    _, result, _, root = run(tmp_path, models_file(tmp_path, server.base_url))
    plan = json.loads((root / "samples/tiny-sum/0/attempt-1/plan.json").read_text())
    assert plan["status"] == "malformed_edit" and plan["plan"] is None
    assert result["status"] == "passed"


def test_builder_killed_mid_run_hands_the_rest_to_the_fallback(server, tmp_path):
    """The builder answers the first sample, then its server dies: later samples go to the
    fallback, none is an infra_error, and report.md shows the fallback rate."""
    builder = ScriptedServer().start()

    def answer_once_then_die(body: dict) -> dict:
        builder.script("mellum-m", [{"drop": True}])  # a kept-alive connection dies too
        return {"text": GOOD_FIM}

    builder.script("mellum-m", [answer_once_then_die])
    server.script("qwen-m", [{"text": FALLBACK_FIX}])
    models = models_file(tmp_path, server.base_url,
                         builder={"base_url": builder.base_url, "max_retries": 1})
    runs = tmp_path / "runs"
    proc = subprocess.Popen(["kateval", "run", "--suite", str(FIXTURES / "suites" / "tiny.yaml"),
                             "--models", str(models), "--run-id", "killed", "--runs-dir",
                             str(runs)], cwd=REPO_ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 300
    while time.time() < deadline and not builder.calls("mellum-m", "/v1/completions"):
        time.sleep(0.05)
    builder.stop()  # sample 0 is still compiling; samples 1 and 2 find the builder gone
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    results = runs / "killed" / "results.jsonl"
    records = [json.loads(x) for x in results.read_text().splitlines()]
    assert [r["status"] for r in records] == ["passed"] * 3
    assert records[0]["producer"] == "builder:mellum-m"
    assert {r["producer"] for r in records[1:]} == {"fallback:qwen-m"}
    summary = json.loads((runs / "killed" / "summary.json").read_text())
    assert summary["fallback_rate"] == pytest.approx(2 / 3)
    assert summary["roles"]["builder"]["errors"] >= 2 and summary["infra_errors"] == 0
    assert "fallback rate" in (runs / "killed" / "report.md").read_text()
