"""Grading is a pure function of artifacts: exercised on hand-made artifact folders."""

from __future__ import annotations

import json
import os

from kateval.config import TaskSpec
from kateval.grading import grade, parse_junit_xml

SPEC = TaskSpec(id="t", title="t", difficulty="easy", category="parsing")
# The shape JUnit Platform's console launcher writes (legacy XML reporter).
XML = """<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="JUnit Jupiter" tests="3" failures="1" errors="0" skipped="1">
<testcase name="ok()" classname="demo.ATest" time="0.01"/>
<testcase name="bad()" classname="demo.ATest" time="0.01"><failure message="expected: &lt;1&gt; but was: &lt;2&gt;" type="org.opentest4j.AssertionFailedError">trace</failure></testcase>
<testcase name="later()" classname="demo.ATest" time="0"><skipped/></testcase>
</testsuite>"""


def artifacts(tmp_path, apply=None, steps=None, xml=None, edit=None):
    d = tmp_path / "attempt-1"
    d.mkdir()
    if edit:
        (d / "edit.json").write_text(json.dumps(edit))
    if apply is not None:
        (d / "apply.json").write_text(json.dumps(apply))
    if steps is not None:
        (d / "steps.json").write_text(json.dumps(steps))
    if xml is not None:
        (d / "junit").mkdir()
        (d / "junit" / "TEST-junit-jupiter.xml").write_text(xml)
    return d


OK_APPLY = {"ok": True, "method": "git-apply", "rejected": []}


def step(name, phase, rc=0, timed_out=False):
    return {"name": name, "phase": phase, "returncode": rc, "timed_out": timed_out}


BUILD_OK = [step("compile-jvm", "build"), step("compile-js", "build")]


def test_parse_junit_xml():
    outcomes = {t.name: t.outcome for t in parse_junit_xml(XML)}
    assert outcomes == {"demo.ATest.ok()": "passed", "demo.ATest.bad()": "failed",
                        "demo.ATest.later()": "skipped"}


def test_statuses(tmp_path):
    cases = {
        "malformed_edit": dict(edit={"status": "malformed_edit", "detail": "no diff"}),
        "patch_failed": dict(apply={"ok": False, "method": None, "rejected": []}),
        "infra_error": dict(apply=OK_APPLY),
        "build_failed": dict(apply=OK_APPLY, steps=[step("compile-jvm", "build"), step("compile-js", "build", 1)]),
        "timeout": dict(apply=OK_APPLY, steps=BUILD_OK + [step("test-jvm", "test", -9, True)]),
        "tests_failed": dict(apply=OK_APPLY, steps=BUILD_OK + [step("test-jvm", "test", 1)], xml=XML),
    }
    for i, (expected, kwargs) in enumerate(cases.items()):
        (tmp_path / str(i)).mkdir()
        got = grade(SPEC, artifacts(tmp_path / str(i), **kwargs))
        assert got.status == expected, (expected, got)


def test_passed_needs_xml_not_exit_code(tmp_path):
    steps = BUILD_OK + [step("test-jvm", "test", 0)]
    # exit 0 but no XML (e.g. the code called exitProcess(0)): not a pass
    assert grade(SPEC, artifacts(tmp_path, apply=OK_APPLY, steps=steps)).status == "tests_failed"


def test_all_passing_xml_is_passed(tmp_path):
    xml = ('<testsuite><testcase name="a()" classname="X"/><testcase name="b()" classname="X"/>'
           '</testsuite>')
    g = grade(SPEC, artifacts(tmp_path, apply=OK_APPLY,
                              steps=BUILD_OK + [step("test-jvm", "test")], xml=xml))
    assert g.status == "passed" and g.counts == {"passed": 2}


def test_only_skipped_is_not_a_pass(tmp_path):
    xml = '<testsuite><testcase name="a()" classname="X"><skipped/></testcase></testsuite>'
    g = grade(SPEC, artifacts(tmp_path, apply=OK_APPLY,
                              steps=BUILD_OK + [step("test-jvm", "test")], xml=xml))
    assert g.status == "tests_failed"


def test_crashed_sandbox_is_infra_error(tmp_path):
    steps = [{"name": "compile-jvm", "phase": "build", "returncode": -1, "timed_out": False,
              "infra_error": "APIError: engine gone"}]
    g = grade(SPEC, artifacts(tmp_path, apply=OK_APPLY, steps=steps))
    assert g.status == "infra_error" and "engine gone" in g.detail


def test_report_copy_takes_reports_and_counts_only(tmp_path):
    from kateval.evaluate import copy_reports

    (tmp_path / "reports" / "jvm").mkdir(parents=True)
    src = tmp_path / "reports" / "jvm"
    (src / "TEST-a.xml").write_text("<testsuite/>")
    (src / "kateval-counts.json").write_text("{}")
    (src / "notes.txt").write_text("x")
    (src / "sub.xml").mkdir()
    assert copy_reports(tmp_path / "reports", "jvm", tmp_path / "out") is None
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == \
        ["TEST-a.xml", "kateval-counts.json"]


def test_a_planted_symlink_is_the_models_failure_not_followed(tmp_path):
    from kateval.evaluate import copy_reports

    secret = tmp_path / "host"
    secret.mkdir()
    (secret / "TEST-host.xml").write_text("<testsuite/>")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "jvm").symlink_to(secret)  # the target folder itself
    problem = copy_reports(tmp_path / "reports", "jvm", tmp_path / "out")
    assert problem and not (tmp_path / "out").exists()
    (tmp_path / "reports" / "jvm").unlink()
    (tmp_path / "reports" / "jvm").mkdir()
    (tmp_path / "reports" / "jvm" / "TEST-x.xml").symlink_to(secret / "TEST-host.xml")
    assert "TEST-x.xml" in copy_reports(tmp_path / "reports", "jvm", tmp_path / "out2")
    (tmp_path / "reports" / "jvm" / "TEST-x.xml").unlink()
    os.mkfifo(tmp_path / "reports" / "jvm" / "TEST-fifo.xml")  # would block a plain read
    assert copy_reports(tmp_path / "reports", "jvm", tmp_path / "out3") is None
    assert not (tmp_path / "out3").exists()


PASS_XML = """<testsuite tests="2"><testcase classname="demo.ATest" name="a"/>
<testcase classname="demo.ATest" name="b"/></testsuite>"""
COUNTED = [{"name": "test-jvm", "phase": "test", "target": "jvm", "returncode": 0,
            "timed_out": False, "counts": True}]


def _counted(tmp_path, counts: dict | str | None):
    tmp_path.mkdir(parents=True, exist_ok=True)
    d = artifacts(tmp_path, apply=OK_APPLY, steps=COUNTED)
    (d / "junit" / "jvm").mkdir(parents=True)
    (d / "junit" / "jvm" / "TEST-demo.ATest.xml").write_text(PASS_XML)
    if counts is not None:
        text = counts if isinstance(counts, str) else json.dumps(counts)
        (d / "junit" / "jvm" / "kateval-counts.json").write_text(text)
    return d


def test_runner_counts_that_agree_pass(tmp_path):
    d = _counted(tmp_path, {"tests": 2, "passed": 2, "failed": 0, "skipped": 0})
    assert grade(SPEC, d, {"jvm": ["demo.ATest.a", "demo.ATest.b"]}).status == "passed"


def test_missing_or_disagreeing_runner_counts_are_the_models_failure(tmp_path):
    expected = {"jvm": ["demo.ATest.a", "demo.ATest.b"]}
    for case, counts in [("missing", None), ("bad", "{not json"),
                         ("more", {"tests": 3, "passed": 2, "failed": 1, "skipped": 0}),
                         ("deep", "[" * 100_000 + "]" * 100_000),
                         ("huge", '{"tests": 1e999, "passed": 2, "failed": 0, "skipped": 0}')]:
        g = grade(SPEC, _counted(tmp_path / case, counts), expected)
        assert g.status == "tests_failed", case
        assert "count" in g.detail, (case, g.detail)


def test_unreadable_reports_are_the_models_failure(tmp_path):
    d = _counted(tmp_path, {"tests": 2, "passed": 2, "failed": 0, "skipped": 0})
    (d / "reports.json").write_text(json.dumps({"unreadable": {"jvm": "jvm: Too many levels"}}))
    g = grade(SPEC, d, {"jvm": ["demo.ATest.a", "demo.ATest.b"]})
    assert g.status == "tests_failed" and "unreadable test reports" in g.detail
