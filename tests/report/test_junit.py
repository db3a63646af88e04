"""junit.xml: one testcase per task, failures for the model's outcomes, errors for the rest."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from kateval.grading import parse_junit_xml
from kateval.report import junit


def rec(task, sample, status, duration=1.5, pass_attempt=None):
    return {"task": task, "sample": sample, "status": status, "detail": f"{status} detail",
            "duration_s": duration, "pass_attempt": pass_attempt, "category": "parsing",
            "difficulty": "easy"}


RESULTS = [rec("ok", 0, "passed", pass_attempt=1), rec("ok", 1, "passed", pass_attempt=2),
           rec("half", 0, "passed"), rec("half", 1, "tests_failed"),
           rec("broken", 0, "build_failed"),
           rec("infra", 0, "infra_error"), rec("infra", 1, "model_error")]


def test_each_task_is_one_testcase_with_the_right_outcome():
    root = ET.fromstring(junit.render("core", RESULTS, "run-7"))
    suite = root.find("testsuite")
    assert suite.get("name") == "kateval.core" and suite.get("id") == "run-7"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("4", "2", "1")
    assert float(suite.get("time")) == 1.5 * len(RESULTS)
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert sorted(cases) == ["broken", "half", "infra", "ok"]
    assert cases["ok"].find("failure") is None and cases["ok"].find("error") is None
    assert cases["ok"].get("time") == "3.000"
    failure = cases["half"].find("failure")
    assert failure.get("type") == "tests_failed"
    assert failure.get("message") == ("1/2 samples passed; first failure: tests_failed: "
                                      "tests_failed detail")
    assert "sample 0: passed" in failure.text and "sample 1: tests_failed" in failure.text
    error = cases["infra"].find("error")
    assert error.get("message") == "no sample graded: infra_error, model_error"
    props = {p.get("name"): p.get("value") for p in cases["ok"].iter("property")}
    assert props == {"samples": "2", "graded": "2", "passed": "2", "category": "parsing",
                     "difficulty": "easy"}
    assert "sample 1: passed (attempt 2)" in cases["ok"].find("system-out").text


def test_the_document_reads_back_with_a_junit_parser():
    outcomes = {t.name: t.outcome for t in parse_junit_xml(junit.render("core", RESULTS))}
    assert outcomes == {"kateval.core.ok": "passed", "kateval.core.half": "failed",
                        "kateval.core.broken": "failed", "kateval.core.infra": "error"}


def test_details_with_markup_are_escaped():
    text = junit.render("core", [rec("t", 0, "tests_failed") | {"detail": 'expected <a> & "b"'}])
    failure = ET.fromstring(text).find(".//failure")
    assert failure.get("message").endswith('expected <a> & "b"')
