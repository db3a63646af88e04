"""Grading is a pure function of artifacts: exercised on hand-made artifact folders."""

from __future__ import annotations

import json

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


def test_report_copy_skips_symlinks_and_non_xml(tmp_path):
    from kateval.evaluate import copy_reports

    src = tmp_path / "junit"
    src.mkdir()
    (src / "TEST-a.xml").write_text("<testsuite/>")
    secret = tmp_path / "host-secret.txt"
    secret.write_text("secret")
    (src / "TEST-evil.xml").symlink_to(secret)
    (src / "notes.txt").write_text("x")
    copy_reports(src, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["TEST-a.xml"]
