"""report-variants.html: several runs of one suite, each a variant of a role (quantization,
server), against the first (the base): a table with pass@1, pass rate by attempt, throughput,
cost and cost per solved task, the cross-variant charts (pass rate by attempt; pass@1 against
cost per solved task and against tokens/s), and a per-task A/B view with the flips.

A variant with no value for an axis (an offline run has no tokens/s) is left out of that chart
and named under it, never drawn at 0."""

from __future__ import annotations

from kateval.report import svg, templating
from kateval.report.variants import scatter_points


def charts(view: dict) -> list[svg.Node]:
    rows = view["rows"]
    by_attempt = svg.attempt_bars([(r["short"], r["pass_by_attempt"]) for r in rows],
                                  "Pass rate by attempt")
    cost_points = [p | {"x": r["cost_per_solved"], "size": None}
                   for p, r in zip(scatter_points(rows), rows)]
    by_cost = svg.scatter(cost_points, "pass@1 vs cost per solved task",
                          svg.Axes("cost per solved task (USD)", "pass@1", x_money=True))
    by_speed = svg.scatter(scatter_points(rows), "pass@1 vs tokens per second (dot area: cost)",
                           svg.Axes("builder tokens/s (p50)", "pass@1"))
    return [by_attempt, by_cost, by_speed]


def render(view: dict) -> str:
    attempts = max((len(r["pass_by_attempt"]) for r in view["rows"]), default=0)
    return templating.render("variants.html.j2", **view, charts=charts(view), attempts=attempts)
