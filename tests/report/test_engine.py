"""The lines that say how busy a run kept its endpoints and build slots, in the console,
report.md and report.html alike."""

from __future__ import annotations

from kateval.report import html, markdown
from kateval.report.engine import busy_lines

SUMMARY = {"endpoints": {
    "judge": {"peak_in_flight": 4, "max_concurrency": 4, "mean_in_flight": 3.2,
              "busy_share_while_waited": 0.97, "waited_s": 33.0,
              "server": {"running": {"mean": 3.1, "peak": 4}, "generation_tokens": 5120.0}},
    "builder": {"peak_in_flight": 1, "max_concurrency": 4, "mean_in_flight": 0.2,
                "busy_share_while_waited": None, "waited_s": 0.0},
    "fallback": {"server": {"url": "http://x/metrics", "unavailable": "404"}}},
    "build_slots": {"slots": 2, "peak": 2, "busy_share": 0.91}}


def test_lines_say_which_side_bounded_the_run():
    assert busy_lines(SUMMARY) == [
        "endpoint judge: peak 4/4 in flight, mean 3.2; 97% of max_concurrency in use while "
        "samples waited (33s); server: running mean 3.1 peak 4, 5120 tokens generated",
        "endpoint builder: peak 1/4 in flight, mean 0.2; samples never waited for it",
        "build slots: 2, peak 2 in use, busy 91%"]


def test_a_ray_run_names_each_node_s_slots():
    slots = {"slots": 3, "peak": 3, "busy_share": 0.5, "nodes": {"10.0.0.2": 2, "10.0.0.1": 1}}
    assert busy_lines({"build_slots": slots}) == [
        "build slots: 3 (10.0.0.1: 1, 10.0.0.2: 2), peak 3 in use, busy 50%"]


def test_the_slots_line_gives_a_build_s_time_without_its_wait_for_a_slot():
    slots = {"slots": 2, "peak": 2, "busy_share": 0.8, "busy_s": 42.0, "builds": 12}
    assert busy_lines({"build_slots": slots}) == [
        "build slots: 2, peak 2 in use, busy 80%, 3.5s per build"]


def test_an_offline_run_has_no_engine_lines():
    assert busy_lines({"endpoints": {}}) == []


def test_both_reports_show_the_lines():
    summary = {"run_id": "r", "suite": "s", "samples": 1, "planned": 1, "pass_rate": 1.0,
               "passed": 1, "graded": 1, "wall_time_per_sample_s": {"mean": None},
               "infra_errors": 0, "statuses": {"passed": 1}, "tasks": {}, **SUMMARY}
    text = markdown.render(summary, {"mode": "pipeline", "sandbox": "local"})
    assert "## Engine" in text
    assert "- build slots: 2, peak 2 in use, busy 91%" in text
    assert html.engine_lines(summary) == busy_lines(SUMMARY)
