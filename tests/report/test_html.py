"""report.html: content, self-containment, and a real render in headless Chromium."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from kateval.cli import app
from kateval.commands.report import write_reports
from kateval.history import load_run
from kateval.report import svg
from kateval.report.html import trim

from .kv_chromium import count_color, decode_png, find_chromium, load_page
from .kv_runs import add_accounting, make_run

MIXED = {"fn-add-business-days": ["passed", "tests_failed>passed", "build_failed>fallback:passed"],
         "fn-billable-weight": ["passed", "passed", "passed"],
         "model-invoice-lines": ["tests_failed>tests_failed", "model_error", "patch_failed"],
         "parse-maven-coordinates": ["timeout", "passed", "malformed_edit>passed"]}


@pytest.fixture
def report(tmp_path):
    root = make_run(tmp_path, "night-1", MIXED)
    b = make_run(tmp_path, "night-awq", {t: ["passed"] * 3 for t in MIXED}, speed=2.0)
    write_reports(load_run(root), variant_runs=[load_run(b)])
    return root


def test_the_page_holds_every_section(report):
    page = (report / "report.html").read_text()
    for heading in ("Headline", "Tasks × samples", "Model calls", "Variants", "Tasks"):
        assert f"<h2>{heading}</h2>" in page
    # headline: pass@1 and pass@3 with their bootstrap CIs
    assert re.search(r"<span>pass@1</span><b>\d+\.\d%</b>"
                     r"<span>95% CI \d+\.\d%–\d+\.\d% over 4 tasks", page)
    assert "<span>pass@3</span>" in page
    assert page.count('<svg class="chart"') >= 5 and 'class="chart scatter"' in page
    assert "Pass rate within N attempts" in page and "Samples by status" in page
    assert "Latency per call by role (s)" in page and "Tokens per second by role (tok/s)" in page
    # grid: 4 tasks x 3 samples, each cell linking to its task
    assert page.count('<td class="cell"') == 12 and 'href="#task-model-invoice-lines"' in page
    assert 'id="task-model-invoice-lines"' in page
    # per task: instruction from the task folder, diff, trimmed log, judge feedback, failing test
    assert "Add business days" in page  # fn-add-business-days' title from task.yaml
    assert '<span class="add">+    return 42' in page
    assert "LAST-LOG-LINE" in page and "characters trimmed" in page
    assert "handle the empty list &lt;edge&gt; case" in page and "<edge>" not in page
    assert "expected:&lt;3&gt; but was:&lt;4&gt;" in page
    assert "fallback rate</span><b>8.3%</b>" in page  # 1 of 12 samples came from the fallback


def test_the_page_is_self_contained(report):
    page = (report / "report.html").read_text()
    assert "<script" not in page and "@import" not in page and "url(" not in page
    assert not re.search(r'\ssrc=', page)
    hrefs = re.findall(r'href=["\']([^"\']*)', page)
    assert hrefs and all(h.startswith("#") or h == "data:," for h in hrefs), hrefs


def test_offline_runs_render_without_model_calls(tmp_path):
    root = make_run(tmp_path, "off", {"fn-billable-weight": ["passed"]}, mode="offline")
    write_reports(load_run(root))
    page = (root / "report.html").read_text()
    assert "No model calls recorded (offline run" in page
    assert "fallback rate</span><b>n/a</b>" in page and "cost</span><b>n/a</b>" in page
    assert "none (gold patches)" in page


def test_the_runs_own_accounting_is_shown_when_present(tmp_path):
    root = add_accounting(make_run(tmp_path, "acc", {"fn-billable-weight": ["passed"]}))
    write_reports(load_run(root))
    page = (root / "report.html").read_text()
    assert "<td>77.0 / 90.0</td>" in page  # tokens/s p50 / p95 from summary.json's roles
    assert "well-formed edits</span><b>90.0%</b>" in page and "$0.5000" in page


def test_trim_keeps_both_ends():
    text = "A" * 3000 + "MIDDLE" + "Z" * 3000
    out = trim(text, head=100, tail=200)
    assert out.startswith("A" * 100) and out.endswith("Z" * 200) and "MIDDLE" not in out
    assert f"[{len(text) - 300} characters trimmed" in out
    assert trim("short") == "short"


def test_report_cli_writes_four_files_and_accepts_a_run_id(tmp_path):
    make_run(tmp_path, "cli", MIXED)
    make_run(tmp_path, "cli-b", MIXED, speed=3.0)
    result = CliRunner().invoke(app, ["report", "cli", "--variants", "cli-b", "--runs-dir",
                                      str(tmp_path)])
    assert result.exit_code == 0, result.output
    for name in ("report.html", "report.md", "junit.xml", "summary.json"):
        assert (tmp_path / "cli" / name).is_file()
    assert "## Variants" in (tmp_path / "cli" / "report.md").read_text()
    result = CliRunner().invoke(app, ["report", "cli", "cli-b", "--runs-dir", str(tmp_path)])
    assert result.exit_code != 0 and "--variants" in str(result.exception)


CHROMIUM = pytest.mark.skipif(find_chromium() is None,
                              reason="chromium not installed (apt-get install chromium)")


@CHROMIUM
def test_the_console_check_does_catch_errors(tmp_path):
    """The control: a broken page must be caught, or the clean result below means nothing."""
    bad = tmp_path / "bad.html"
    bad.write_text("<!doctype html><link rel='icon' href='data:,'><img src='missing.png'>"
                   "<script>console.error('boom'); nope();</script>")
    problems = load_page(bad.as_uri(), tmp_path / "bad.png").problems
    assert any("console.error: boom" in p for p in problems)
    assert any(p.startswith("exception:") and "nope" in p for p in problems)
    assert any("missing.png" in p for p in problems)


@CHROMIUM
def test_chromium_renders_the_report_with_no_console_errors_and_shows_the_charts(report, tmp_path):
    shot = tmp_path / "report.png"
    check = load_page((report / "report.html").as_uri(), shot)
    assert check.problems == []
    width, height, _, _ = decode_png(shot.read_bytes())
    assert width >= 1000 and height > 1500  # the full page, not just the first screen
    charts = {title: png for title, _, png in check.charts}
    assert set(charts) >= {"Pass rate within N attempts", "Samples by status",
                           "Latency per call by role (s)", "Tokens per second by role (tok/s)",
                           "pass@1 vs tokens per second (dot area: cost)"}
    # the pixels of each chart carry its marks: green bars, the first role's boxes, the ring
    # that marks the Pareto front; and a colour a chart does not use is absent (the control)
    assert count_color(charts["Pass rate within N attempts"], svg.PASSED) > 2000
    assert count_color(charts["Pass rate within N attempts"], svg.FRONT) == 0
    assert count_color(charts["Samples by status"], svg.STATUS_COLORS["tests_failed"]) > 100
    assert count_color(charts["Latency per call by role (s)"], svg.SERIES[0]) > 30
    assert count_color(charts["pass@1 vs tokens per second (dot area: cost)"], svg.FRONT) > 50
