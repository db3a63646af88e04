from __future__ import annotations

import pytest

from kateval.pipeline.plan import PlanError, parse_plan, split_reasoning


def test_think_without_opening_tag_splits_on_last_close():
    reasoning, answer = split_reasoning("let me think </think> hmm </think>\n{\"approach\": \"x\"}")
    assert reasoning == "let me think </think> hmm" and answer == '{"approach": "x"}'
    assert split_reasoning("<think>a</think>b") == ("a", "b")
    assert split_reasoning("plain") == ("", "plain")


def test_plan_in_fence_with_trailing_text():
    plan = parse_plan('Plan:\n```json\n{"approach": "sum positives", "files": ["A.kt"], '
                      '"regions": [{"file": "A.kt", "function": "f", "action": "rewrite"}]}\n```\nGood luck!')
    assert plan.approach == "sum positives" and plan.files == ["A.kt"]
    assert plan.regions[0].function == "f" and plan.regions[0].action == "rewrite"


def test_plan_bare_json_with_braces_in_strings():
    plan = parse_plan('Sure! {"approach": "use a map {k -> v}", "regions": [{"file": "A.kt"}]} done')
    assert plan.approach == "use a map {k -> v}" and plan.regions == []


def test_unparseable_plan():
    with pytest.raises(PlanError):
        parse_plan("I would write a loop.")
    with pytest.raises(PlanError):
        parse_plan('{"files": []}')
