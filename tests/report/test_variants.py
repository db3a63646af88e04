"""Variants of a role: names, the table, and the Pareto front of pass@1, tokens/s and cost."""

from __future__ import annotations

import copy

from kateval.compare import RunData
from kateval.history import load_run
from kateval.report import svg
from kateval.report.variants import (
    dominates,
    pareto_front,
    scatter_points,
    variant_name,
    variant_rows,
)

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
    chart = svg.pareto_scatter(scatter_points(rows), "t", "tok/s", "pass@1")
    assert chart.count(f'stroke="{svg.FRONT}" stroke-width="2"') == 1  # one ring
    assert "a: pass@1 80%, tok/s 40, cost $1.0000 (Pareto front)" in chart
    assert "b: pass@1 50%, tok/s 30, cost $2.0000</title>" in chart
