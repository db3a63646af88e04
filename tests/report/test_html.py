"""report.html: content, self-containment, bounded and escaped model output, and a real render
in headless Chromium (sort, filter, search, the transcript view)."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from kateval.cli import app
from kateval.commands.report import write_reports
from kateval.history import load_run
from kateval.report import html, svg
from kateval.report.artifacts import read_bounded, trim

from .kv_chromium import Page, count_color, decode_png, find_chromium, load_page
from .kv_runs import PROMPT, add_accounting, make_run

MIXED = {"fn-add-business-days": ["passed", "tests_failed>passed", "build_failed>fallback:passed"],
         "fn-billable-weight": ["passed", "passed", "passed"],
         "model-invoice-lines": ["tests_failed>tests_failed", "model_error", "patch_failed"],
         "parse-maven-coordinates": ["timeout", "passed", "malformed_edit>passed"]}
# Model output that would run script if it reached the page as markup.
HOSTILE = ('<think>plan </script><script>window.__kvPwned = 1</script></think>'
           '</pre></details></section><img src="data:," onerror="window.__kvPwned = 2">'
           '<b id="kv-bold">not bold</b>')


@pytest.fixture
def report(tmp_path):
    root = make_run(tmp_path, "night-1", MIXED)
    write_reports(load_run(root))
    return root


def test_the_page_holds_every_section(report):
    page = (report / "report.html").read_text()
    for heading in ("Headline", "Tasks × samples", "Charts", "Pass rate by group", "Model calls"):
        assert f"<h2>{heading}</h2>" in page or f'<h2 id="grid">{heading}</h2>' in page
    # headline: pass@1 and pass@3 with their intervals
    assert re.search(r"<span>pass@1</span><b>\d+\.\d%</b>"
                     r"<span>95% CI \d+\.\d%–\d+\.\d% over 4 tasks", page)
    assert "<span>pass@3</span>" in page
    assert page.count('<svg class="chart"') >= 5
    assert "Pass rate within N attempts" in page and "Samples by status" in page
    # grid: 4 tasks x 3 samples, each cell linking to its sample's transcript view
    assert page.count('<td class="cell"') == 12 and page.count('class="task-row"') == 4
    cell_links = re.findall(r'<td class="cell"[^>]*><a href="#(s-\d+-\d+)"', page)
    assert len(set(cell_links)) == 12
    assert all(f'<section class="sample-view" id="{v}"' in page for v in cell_links)
    # per sample: instruction, plan, prompts, answers, diff, trimmed log, feedback, failures
    assert "Add business days" in page  # fn-add-business-days' title from task.yaml
    assert "Return the answer &lt;42&gt; directly." in page  # plan.json
    assert "sent: user message" in page and "# Task\nImplement the function." in page
    assert "sent: completion prompt" in page and "&lt;fim_middle&gt;" in page
    assert "It must return 42." in page  # the <think> part, folded apart from the answer
    assert '<span class="add">+    return 42 // &lt;answer &amp; &#34;quoted&#34;&gt;' in page
    assert "LAST-LOG-LINE" in page and "characters trimmed" in page
    assert "handle the empty list &lt;edge&gt; case" in page and "<edge>" not in page
    assert "expected:&lt;3&gt; but was:&lt;4&gt;" in page
    assert "unresolved reference &#39;nope&#39;" in page  # compiler errors from build.log
    assert "fallback rate</span><b>8.3%</b>" in page  # 1 of 12 samples came from the fallback
    # tags folded, after the grid
    assert page.index('id="task-grid"') < page.index('<details class="tags">')


def test_the_page_is_self_contained(report):
    page = (report / "report.html").read_text()
    assert page.count("<script") == 1 and page.count("</script>") == 1  # ours, inline
    assert "@import" not in page and "url(" not in page and "fetch(" not in page
    assert not re.search(r"\ssrc=", page)
    hrefs = re.findall(r'href=["\']([^"\']*)', page)
    assert hrefs and all(h.startswith("#") or h == "data:," for h in hrefs), hrefs


def test_no_markup_is_built_by_hand_in_the_report_package():
    """Every page is written by the templates with autoescape: no f-string makes markup."""
    from pathlib import Path

    import kateval.report as package

    for path in Path(package.__file__).parent.glob("*.py"):
        strings = re.findall(r"""\bf(["']{1,3})(.*?)\1""", path.read_text(), re.S)
        assert not [s for _, s in strings if "<" in s and re.search(r"<[a-z/!]", s)], path


def test_hostile_model_output_is_text(tmp_path):
    root = make_run(tmp_path, "hostile", {"fn-billable-weight": ["tests_failed>passed"]},
                    answer=HOSTILE)
    write_reports(load_run(root))
    page = (root / "report.html").read_text()
    assert page.count("<script") == 1 and page.count("</script>") == 1
    assert "<img" not in page and 'id="kv-bold"' not in page and 'onerror="' not in page
    assert "&lt;img src=&#34;data:,&#34; onerror=&#34;window.__kvPwned = 2&#34;&gt;" in page
    assert "plan &lt;/script&gt;&lt;script&gt;window.__kvPwned = 1&lt;/script&gt;" in page


def test_offline_runs_render_without_model_calls(tmp_path):
    root = make_run(tmp_path, "off", {"fn-billable-weight": ["passed"]}, mode="offline")
    write_reports(load_run(root))
    page = (root / "report.html").read_text()
    assert "No model calls recorded (offline run" in page
    assert "fallback rate</span><b>n/a</b>" in page and "cost</span><b>n/a</b>" in page
    assert "none (gold patches)" in page


def test_runs_before_transcripts_show_their_calls_and_answer_files(tmp_path):
    root = make_run(tmp_path, "old", {"fn-billable-weight": ["passed"]})
    attempt = root / "samples/fn-billable-weight/0/attempt-1"
    (attempt / "transcript.jsonl").unlink()
    (attempt / "builder-answer.md").write_text("the builder said <so>")
    write_reports(load_run(root))
    page = (root / "report.html").read_text()
    assert "not recorded per call" in page and "raw answer: builder-answer.md" in page
    assert "the builder said &lt;so&gt;" in page and "sent: user message" not in page
    assert re.search(r"\d+ → \d+ tok", page)  # the call's accounting from calls.jsonl


def test_the_runs_own_accounting_is_shown_when_present(tmp_path):
    root = add_accounting(make_run(tmp_path, "acc", {"fn-billable-weight": ["passed"]}))
    write_reports(load_run(root))
    page = (root / "report.html").read_text()
    assert "<td>77.0 / 90.0</td>" in page  # tokens/s p50 / p95 from summary.json's roles
    assert "well-formed edits</span><b>90.0%</b>" in page and "$0.5000" in page


def test_embedded_text_is_bounded(tmp_path):
    """A huge prompt and log are cut to the page's budget, with a note, start and end kept."""
    root = make_run(tmp_path, "big", {"fn-billable-weight": ["passed", "passed"]})
    attempt = root / "samples/fn-billable-weight/0/attempt-1"
    record = json.loads((attempt / "transcript.jsonl").read_text().splitlines()[0])
    record["sent"] = {"messages": [{"role": "user",
                                    "content": "HEAD-MARK" + "x" * 3_000_000 + "TAIL-MARK"}]}
    (attempt / "transcript.jsonl").write_text(json.dumps(record) + "\n")
    (attempt / "build.log").write_text("LOG-START\n" + "y" * 2_000_000 + "\nLOG-END\n")
    run = load_run(root)
    page = html.render(run, cis={}, roles={}, budget=200_000)
    assert len(page) < 400_000
    assert "HEAD-MARK" in page and "TAIL-MARK" in page and "LOG-START" in page
    assert "LOG-END" in page and "characters trimmed; the full text is in the run folder" in page
    assert "Long texts in this page are cut to" in page
    # short texts stay whole under the same budget
    assert "Return the answer &lt;42&gt; directly." in page


def test_read_bounded_reads_head_and_tail_and_no_symlink(tmp_path):
    big = tmp_path / "big.log"
    big.write_bytes(b"A" * 100 + b"M" * 1000 + b"Z" * 100)
    text = read_bounded(big, limit=400)
    assert text.startswith("A" * 100) and text.endswith("Z" * 100) and "bytes not read" in text
    assert len(text) < 500
    (tmp_path / "link").symlink_to(big)
    assert read_bounded(tmp_path / "link") is None and read_bounded(tmp_path / "none") is None


def test_trim_keeps_both_ends():
    text = "A" * 3000 + "MIDDLE" + "Z" * 3000
    out = trim(text, 100, 200)
    assert out.startswith("A" * 100) and out.endswith("Z" * 200) and "MIDDLE" not in out
    assert f"[{len(text) - 300} characters trimmed" in out
    assert trim("short", 100, 200) == "short"


def test_report_cli_writes_four_files_and_accepts_a_run_id(tmp_path):
    make_run(tmp_path, "cli", MIXED)
    make_run(tmp_path, "cli-b", MIXED, speed=3.0)
    result = CliRunner().invoke(app, ["report", "cli", "--variants", "cli-b", "--runs-dir",
                                      str(tmp_path)])
    assert result.exit_code == 0, result.output
    for name in ("report.html", "report.md", "junit.xml", "summary.json",
                 "report-variants.html", "report-variants.md"):
        assert (tmp_path / "cli" / name).is_file()
    assert "## Variants" not in (tmp_path / "cli" / "report.md").read_text()
    assert "| `cli-b` |" in (tmp_path / "cli" / "report-variants.md").read_text()
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
                           "Latency per call by role (s)", "Tokens per second by role (tok/s)"}
    # the pixels of each chart carry its marks: green bars, the first role's boxes; and a
    # colour a chart does not use is absent (the control)
    assert count_color(charts["Pass rate within N attempts"], svg.PASSED) > 2000
    assert count_color(charts["Pass rate within N attempts"], svg.FRONT) == 0
    assert count_color(charts["Samples by status"], svg.STATUS_COLORS["tests_failed"]) > 100
    assert count_color(charts["Latency per call by role (s)"], svg.SERIES[0]) > 30


VISIBLE_ROWS = ("Array.from(document.querySelectorAll('#task-grid tbody tr'))"
                ".filter(r => !r.hidden).map(r => r.dataset.task)")


@CHROMIUM
def test_the_grid_sorts_filters_and_searches_in_the_browser(report):
    with Page((report / "report.html").as_uri()) as page:
        assert page.evaluate(VISIBLE_ROWS) == sorted(MIXED)
        page.click("button.sort[data-key=pass]")  # ascending pass rate: 0/2 first
        assert page.evaluate(VISIBLE_ROWS)[0] == "model-invoice-lines"
        page.click("button.sort[data-key=pass]")  # descending
        order = page.evaluate(VISIBLE_ROWS)
        assert order[-1] == "model-invoice-lines" and set(order[:2]) == {
            "fn-add-business-days", "fn-billable-weight"}
        page.evaluate("(s => { s.value = 'timeout'; s.dispatchEvent(new Event('change')); })"
                      "(document.querySelector('select[data-facet=status]'))")
        assert page.evaluate(VISIBLE_ROWS) == ["parse-maven-coordinates"]
        dimmed = page.evaluate("document.querySelectorAll('tr:not([hidden]) td.cell.dim').length")
        assert dimmed == 2  # the row's two samples that did not time out
        page.click("#reset")
        page.evaluate("(s => { s.value = 'rounding'; s.dispatchEvent(new Event('change')); })"
                      "(document.querySelector('select[data-facet=tag]'))")
        assert sorted(page.evaluate(VISIBLE_ROWS)) == ["fn-billable-weight", "model-invoice-lines"]
        page.click("#reset")
        page.type("#q", "maven")
        assert page.evaluate(VISIBLE_ROWS) == ["parse-maven-coordinates"]
        assert page.evaluate("document.getElementById('shown').textContent") == "1 of 4 tasks"
        page.click("#reset")
        page.type("#q", "unresolved reference")  # only in a transcript (a compiler error)
        assert page.evaluate(VISIBLE_ROWS) == []
        assert page.evaluate("document.getElementById('no-match').hidden") is False
        page.click("#q-deep")
        assert page.evaluate(VISIBLE_ROWS) == ["fn-add-business-days"]
        assert page.problems == []


def _pixel_variety(png: bytes) -> tuple[int, float]:
    """(distinct colours, share of the most common colour) over a grid of sampled pixels."""
    width, height, rows, bpp = decode_png(png)
    seen: dict[bytes, int] = {}
    for y in range(0, height, 4):
        for x in range(0, width * bpp, 4 * bpp):
            px = rows[y][x:x + 3]
            seen[px] = seen.get(px, 0) + 1
    return len(seen), max(seen.values()) / sum(seen.values())


@CHROMIUM
def test_the_transcript_view_shows_what_the_model_was_sent_and_answered(report, tmp_path):
    with Page((report / "report.html").as_uri(), size=(1280, 1000)) as page:
        assert page.evaluate("document.querySelector('.sample-view:target')") is None
        prompt_visible = ("(() => { const v = document.querySelector('.sample-view:target');"
                          " return v ? v.innerText : ''; })()")
        assert "Implement the function." not in page.evaluate(prompt_visible)
        page.click('tr[data-task="fn-add-business-days"] td.cell:nth-of-type(5) a')  # sample #1
        view = page.evaluate("document.querySelector('.sample-view:target').id")
        assert view == "s-0-1"
        shown = page.evaluate(prompt_visible)
        assert "# Task\nImplement the function." in shown  # the prompt, on screen
        assert "return 42" in shown and "feedback from the judge" in shown.lower()
        assert "It must return 42." not in shown  # reasoning is folded
        box = page.evaluate("JSON.stringify(document.querySelector('.sample-view:target')"
                            ".getBoundingClientRect())")
        assert json.loads(box)["width"] > 900  # an overlay over the page, not a sliver
        shot = tmp_path / "transcript.png"
        png = page.screenshot(shot)
        assert shot.stat().st_size > 20_000
        colours, top_share = _pixel_variety(png)
        assert colours > 40 and top_share < 0.8, (colours, top_share)
        # the real mouse reaches the folded reasoning; Escape and the arrows move around
        page.click(".sample-view:target details.reasoning > summary")
        assert "It must return 42." in page.evaluate(prompt_visible)
        page.key("ArrowRight", 39)
        assert page.evaluate("location.hash") == "#s-0-2"
        page.key("Escape", 27)
        assert page.evaluate("document.querySelector('.sample-view:target')") is None
        assert page.problems == []


@CHROMIUM
def test_hostile_model_output_runs_no_script_in_the_browser(tmp_path):
    root = make_run(tmp_path, "hostile", {"fn-billable-weight": ["passed"]}, answer=HOSTILE)
    write_reports(load_run(root))
    with Page((root / "report.html").as_uri() + "#s-0-0") as page:
        assert page.evaluate("window.__kvPwned === undefined") is True
        assert page.evaluate("document.querySelectorAll('img, #kv-bold').length") == 0
        assert page.evaluate("document.querySelectorAll('script').length") == 1
        text = page.evaluate("document.querySelector('.sample-view:target').innerText")
        assert 'onerror="window.__kvPwned = 2"' in text and "not bold</b>" in text
        assert PROMPT.splitlines()[1] in text
        assert page.problems == []
