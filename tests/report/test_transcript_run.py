"""The transcript view over a real run: the pipeline talks to a scripted OpenAI-compatible server
over HTTP (judge, FIM builder), kotlinc and the test runners are real; the run folder records
what each role was sent and answered (transcript.jsonl), and the report shows it in Chromium."""

from __future__ import annotations

import json

import pytest
import yaml

from kateval.commands.report import write_reports
from kateval.history import load_run
from tests.conftest import FIXTURES, run_cli
from tests.scripted_server import ScriptedServer

from .kv_chromium import Page, find_chromium

pytestmark = pytest.mark.slow
SUM = "src/commonMain/kotlin/tiny/Sum.kt"
PLAN = ("<think>Sum only positives. </script><img src=x onerror=alert(1)></think>\n"
        '```json\n{"approach": "filter the positive numbers and sum them", "files": ["' + SUM
        + '"], "regions": [{"file": "' + SUM + '", "function": "positiveTotal", '
        '"action": "fill"}]}\n```')
WRONG = "xs.sum() // <img src=x onerror=alert(2)>"


def judge(body: dict) -> dict:
    if "review failed attempts" in json.dumps(body["messages"]):
        return {"text": "<think>negatives were summed</think>Only add numbers greater than 0."}
    return {"text": PLAN}


@pytest.mark.skipif(find_chromium() is None, reason="chromium not installed")
def test_a_real_runs_transcript_is_recorded_and_shown(tmp_path):
    server = ScriptedServer().start()
    try:
        server.script("judge-m", [judge])
        server.script("mellum-m", [{"text": WRONG}, {"text": "xs.filter { it > 0 }.sum()"}])
        endpoints = {
            "judge": {"base_url": server.base_url, "model": "judge-m", "kind": "chat",
                      "max_retries": 1, "price_input_per_1m": 1.0, "price_output_per_1m": 3.0},
            "builder": {"base_url": server.base_url, "model": "mellum-m", "kind": "completion",
                        "edit_format": "fim", "max_retries": 1, "stream": True,
                        "price_input_per_1m": 0.5, "price_output_per_1m": 1.0}}
        models = tmp_path / "models.yaml"
        models.write_text(yaml.safe_dump({"endpoints": endpoints,
                                          "roles": {"judge": "judge", "builder": "builder"}}))
        proc = run_cli("run", "--suite", str(FIXTURES / "suites" / "tiny1.yaml"), "--models",
                       str(models), "--run-id", "t", "--runs-dir", str(tmp_path / "runs"))
    finally:
        server.stop()
    assert "Traceback" not in proc.stderr, proc.stderr
    root = tmp_path / "runs" / "t"
    sample = root / "samples" / "tiny-sum" / "0"
    first = [json.loads(x) for x in (sample / "attempt-1" / "transcript.jsonl").read_text()
             .splitlines()]
    assert [c["role"] for c in first] == ["judge", "builder"]
    plan_request = server.calls("judge-m")[0]["body"]["messages"]
    assert first[0]["sent"] == {"messages": plan_request} and first[0]["answer"] == PLAN
    assert first[1]["sent"]["prompt"] == server.calls("mellum-m")[0]["body"]["prompt"]
    assert first[1]["answer"] == WRONG and first[1]["completion_tokens"] > 0
    # the accounting file is unchanged: no prompts in calls.jsonl
    assert "sent" not in (sample / "attempt-1" / "calls.jsonl").read_text()

    write_reports(load_run(root))
    with Page((root / "report.html").as_uri() + "#s-0-0", size=(1280, 1000)) as page:
        text = page.evaluate("document.querySelector('.sample-view:target').innerText")
        assert "Implement `positiveTotal(xs)`" in text  # the plan prompt's task, on screen
        assert "<fim_middle>" in text and WRONG in text  # the FIM prompt and its raw answer
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        if (sample / "attempt-2").is_dir():
            assert "Only add numbers greater than 0." in text
        page.screenshot(tmp_path / "transcript.png")
        assert page.problems == []
