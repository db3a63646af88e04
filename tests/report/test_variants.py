"""Variants of a role: names, the table, the Pareto front of pass@1, tokens/s and cost, and the
variants report (its own file and title, per-task A/B with flips, charts without made-up zeros)."""

from __future__ import annotations

import copy
import re

import pytest

from kateval.commands.report import write_reports
from kateval.compare import RunData
from kateval.history import load_run
from kateval.report import svg
from kateval.report.templating import chart_markup
from kateval.report.variants import (
    dominates,
    pareto_front,
    scatter_points,
    variant_name,
    variant_rows,
    variants_view,
)

from .kv_chromium import Page, count_color, find_chromium
from .kv_runs import MODELS, make_run


def row(p1, tps, cost):
    return {"pass_at_1": p1, "tokens_per_s": tps, "cost_usd": cost}


def test_pareto_front_keeps_every_trade_off():
    rows = [row(0.80, 40, 1.0),   # 0: most accurate
            row(0.70, 90, 0.5),   # 1: fastest
            row(0.60, 50, 0.2),   # 2: cheapest
            row(0.70, 80, 0.6),   # 3: dominated by 1 (worse speed and cost, same pass@1)
            row(0.50, 30, 0.9)]   # 4: dominated by everything
    assert pareto_front(rows) == [0, 1, 2]
    assert dominates(rows[1], rows[3]) and not dominates(rows[3], rows[1])


def test_equal_rows_do_not_dominate_each_other():
    assert pareto_front([row(0.5, 10, 1.0), row(0.5, 10, 1.0)]) == [0, 1]


def test_missing_metrics_rank_worst():
    # offline variants have no throughput or cost: only pass@1 separates them
    assert pareto_front([row(0.5, None, None), row(0.7, None, None)]) == [1]
    # a measured throughput beats an unmeasured one at equal pass@1 and cost
    assert pareto_front([row(0.7, None, 1.0), row(0.7, 20, 1.0)]) == [1]


def _variant(meta: dict, run_id: str, endpoint: str | None, model: str | None) -> RunData:
    meta = copy.deepcopy(meta) | {"run_id": run_id}
    if endpoint is None:
        meta["config"]["models"] = None
    else:
        meta["config"]["models"]["roles"]["builder"] = endpoint
        meta["config"]["models"]["endpoints"][endpoint] = {"model": model}
    return RunData(run_id, meta, {"pass@1": 0.5}, [])


def test_names_come_from_the_builder_endpoint_or_the_run_id(tmp_path):
    meta = load_run(make_run(tmp_path, "x", {"fn-billable-weight": ["passed"]})).meta
    awq = _variant(meta, "r1", "mellum-awq", "Mellum-4b-AWQ")
    assert variant_name(awq) == "mellum-awq (Mellum-4b-AWQ)"
    assert variant_name(_variant(meta, "r2", "llamacpp", "llamacpp")) == "llamacpp"
    assert variant_name(_variant(meta, "r3", None, None)) == "r3"
    rows = variant_rows([_variant(meta, "a", "vllm", "m"), _variant(meta, "b", "vllm", "m")])
    assert [r["name"] for r in rows] == ["vllm (m) [a]", "vllm (m) [b]"]
    assert [r["short"] for r in rows] == ["a", "b"]


def test_variant_rows_from_run_folders(tmp_path):
    fast = load_run(make_run(tmp_path, "fp16", {"fn-billable-weight": ["passed", "passed"]},
                             speed=1))
    slow = load_run(make_run(tmp_path, "q4", {"fn-billable-weight": ["passed", "tests_failed"]},
                             speed=0.3))
    rows = variant_rows([fast, slow])
    assert [r["pass_at_1"] for r in rows] == [1.0, 0.5]
    assert rows[0]["tokens_per_s"] > rows[1]["tokens_per_s"]
    assert rows[0]["role"] == "builder" and rows[0]["cost_usd"] > 0
    assert rows[0]["name"] == f"mellum ({MODELS['endpoints']['mellum']['model']}) [fp16]"
    # the slower, less accurate variant is only on the front if it is cheaper
    assert rows[0]["front"] is True
    assert rows[1]["front"] is (rows[1]["cost_usd"] < rows[0]["cost_usd"])


def test_scatter_marks_only_front_points():
    rows = [row(0.8, 40, 1.0) | {"name": "a", "short": "a", "front": True},
            row(0.5, 30, 2.0) | {"name": "b", "short": "b", "front": False}]
    chart = chart_markup(svg.scatter(scatter_points(rows), "t", svg.Axes("tok/s", "pass@1")))
    assert chart.count(f'stroke="{svg.FRONT}" stroke-width="2"') == 1  # one ring
    assert "a: pass@1 80%, tok/s 40, cost $1.0000 (Pareto front)" in chart
    assert "b: pass@1 50%, tok/s 30, cost $2.0000</title>" in chart


def test_a_missing_value_is_left_out_of_a_chart_not_drawn_at_zero():
    rows = [row(0.8, 40, 1.0) | {"name": "a", "short": "a", "front": True},
            row(0.6, None, None) | {"name": "gguf", "short": "gguf", "front": False}]
    chart = chart_markup(svg.scatter(scatter_points(rows), "t", svg.Axes("tok/s", "pass@1")))
    assert chart.count("<g>") == 1  # one plotted point (a <g> with its tooltip)
    assert "gguf: pass@1" not in chart and "not measured: gguf" in chart
    bars = chart_markup(svg.attempt_bars([("a", [0.5, 0.7]), ("off", [None])], "t"))
    assert bars.count("within") == 2 and "off: " not in bars and ">n/a</text>" in bars


OUTCOMES = {"fn-add-business-days": ["passed", "passed"],
            "fn-billable-weight": ["tests_failed", "tests_failed"],
            "model-invoice-lines": ["passed", "tests_failed"],
            "parse-maven-coordinates": ["passed", "infra_error"]}
BETTER = {"fn-add-business-days": ["tests_failed", "tests_failed"],
          "fn-billable-weight": ["passed", "passed"],
          "model-invoice-lines": ["passed", "passed"],
          "parse-maven-coordinates": ["passed", "passed"]}


@pytest.fixture
def three_runs(tmp_path):
    base = make_run(tmp_path, "fp16", OUTCOMES)
    awq = make_run(tmp_path, "awq", BETTER, speed=2.0)
    off = make_run(tmp_path, "gguf-offline", OUTCOMES, mode="offline")
    return base, [load_run(awq), load_run(off)]


def test_the_variants_report_is_its_own_file_with_its_own_title(three_runs):
    base, others = three_runs
    before = None
    write_reports(load_run(base))
    before = (base / "report.html").read_text()
    paths = write_reports(load_run(base), variant_runs=others)
    assert (base / "report.html").read_text() == before  # the base run's report is its own
    page = paths["report-variants.html"].read_text()
    assert "<title>kateval variants: fp16 vs awq vs gguf-offline</title>" in page
    assert "Variants" not in before
    # per task: each run's samples; awq flips two tasks, one each way
    rows = dict(re.findall(r'<tr class="ab-row" data-task="([^"]+)" data-changed="(\d)"', page))
    assert rows == {"fn-add-business-days": "1", "fn-billable-weight": "1",
                    "model-invoice-lines": "1", "parse-maven-coordinates": "0"}
    assert page.count("<b class=\"flip\">pass→fail</b>") == 1
    assert page.count("<b class=\"flip\">fail→pass</b>") == 1
    assert "1 fail→pass</span>, <span class=\"down\">1 pass→fail" in page
    # the offline variant has no tokens/s and no cost: named, not plotted at 0
    assert page.count("not measured: gguf-offline") == 2
    assert "gguf-offline: pass@1" not in page
    md = paths["report-variants.md"].read_text()
    assert "| fn-billable-weight | 0/2 base | 2/2 fail→pass | 0/2 same |" in md


def test_variants_view_counts_flips_and_cost_per_solved_task(three_runs):
    base, others = three_runs
    view = variants_view([load_run(base), *others])
    rows = view["rows"]
    assert rows[0]["change"] is None
    assert rows[1]["change"]["fail_to_pass"] == 1 and rows[1]["change"]["pass_to_fail"] == 1
    assert rows[1]["cost_per_solved"] == pytest.approx(rows[1]["cost_usd"] / 6)
    assert rows[2]["cost_per_solved"] is None and rows[2]["tokens_per_s"] is None
    assert rows[0]["pass_by_attempt"] == [rows[0]["pass_by_attempt"][0]] * 3  # one attempt each
    parse = next(t for t in view["tasks"] if t["task"] == "parse-maven-coordinates")
    assert parse["cells"][0]["graded"] == 1 and parse["cells"][1]["flip"] == "same"


@pytest.mark.skipif(find_chromium() is None, reason="chromium not installed")
def test_the_variants_report_in_the_browser(three_runs, tmp_path):
    base, others = three_runs
    paths = write_reports(load_run(base), variant_runs=others)
    with Page(paths["report-variants.html"].as_uri(), size=(1280, 1600)) as page:
        charts = {title: png for title, _, png in page.charts()}
        assert set(charts) == {"Pass rate by attempt", "pass@1 vs cost per solved task",
                               "pass@1 vs tokens per second (dot area: cost)"}
        assert count_color(charts["Pass rate by attempt"], svg.PASSED) > 2000
        speed = charts["pass@1 vs tokens per second (dot area: cost)"]
        assert count_color(speed, svg.FRONT) > 50  # the ring of the front's point
        assert count_color(speed, svg.SERIES[2]) < 120  # gguf: in the legend only, no dot
        visible = ("Array.from(document.querySelectorAll('#ab-grid tbody tr'))"
                   ".filter(r => !r.hidden).length")
        assert page.evaluate(visible) == 4
        page.click("#ab-changed")
        assert page.evaluate(visible) == 3
        page.type("#ab-q", "billable")
        assert page.evaluate(visible) == 1
        page.screenshot(tmp_path / "variants.png", full_page=True)
        assert page.problems == []
