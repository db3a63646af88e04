"""A context-length refusal end to end: the scripted server answers the builder with the 400 that
OpenAI-compatible servers send for a prompt too long for the model. Real HTTP through the openai
client, the real CLI; the sample is a model outcome, `context_exceeded`, in the denominator."""

from __future__ import annotations

import json

import pytest

from tests.pipeline.test_pipeline import models_file, run, server  # noqa: F401 - fixture

pytestmark = pytest.mark.slow
TOO_LONG = ("This model's maximum context length is 8192 tokens. However, your messages resulted "
            "in 9817 tokens. Please reduce the length of the messages.")
REFUSAL = {"status": 400, "message": TOO_LONG}


@pytest.mark.parametrize("fallback", [False, True], ids=["builder-only", "fallback-refuses-too"])
def test_context_refusal_is_context_exceeded_in_the_denominator(server, tmp_path,  # noqa: F811
                                                                fallback):
    server.script("mellum-m", [REFUSAL])
    server.script("qwen-m", [REFUSAL])
    proc, result, summary, root = run(tmp_path, models_file(tmp_path, server.base_url,
                                                            fallback=fallback))
    assert proc.returncode == 0, proc.stderr  # a model outcome, not a configuration error
    assert result["status"] == "context_exceeded", result
    assert "maximum context length is 8192 tokens" in result["detail"]
    # Final: no second attempt, no judge review, and a 400 is never retried.
    assert [a["status"] for a in result["attempts"]] == ["context_exceeded"]
    assert len(server.calls("mellum-m", "/v1/completions")) == 1
    assert len(server.calls("qwen-m", "/v1/chat/completions")) == (1 if fallback else 0)
    assert len(server.calls("judge-m", "/v1/chat/completions")) == 1

    lines = [json.loads(x) for x in (root / "results.jsonl").read_text().splitlines()]
    assert [r["status"] for r in lines] == ["context_exceeded"]
    # Counted in the pass rate's denominator: graded 1, passed 0, a rate of 0 (not None).
    assert summary["graded"] == 1 and summary["passed"] == 0
    assert summary["pass_rate"] == 0.0 and summary["pass@1"] == 0.0
    assert summary["context_exceeded"] == 1 and summary["statuses"] == {"context_exceeded": 1}
    assert summary["infra_errors"] == 0 and summary["model_errors"] == 0
    assert summary["tasks"]["tiny-sum"]["graded"] == 1
    calls = [json.loads(x) for x in
             (root / "samples/tiny-sum/0/attempt-1/calls.jsonl").read_text().splitlines()]
    builder = [c for c in calls if c["role"] == "builder"]
    assert len(builder) == 1 and "maximum context length" in builder[0]["error"]

    report = (root / "report.md").read_text()
    assert "| pass rate | 0.0% (0/1) |" in report, report
    assert "| context_exceeded | 1 |" in report, report
    assert "context_exceeded" in proc.stdout  # the results table names it too
