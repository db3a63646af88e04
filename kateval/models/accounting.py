"""Per-role accounting from calls.jsonl artifacts: calls, tokens, latency, throughput, cost."""

from __future__ import annotations

import json
from pathlib import Path

from kateval.scoring import percentile


def read_calls(sample_dirs: list[Path]) -> list[dict]:
    """Every call of every attempt, those of earlier tries of a resumed sample included
    (superseded/<k>/attempt-*): they were made, and paid for."""
    calls = []
    for sample_dir in sample_dirs:
        paths = sorted(sample_dir.glob("superseded/*/attempt-*/calls.jsonl"))
        for path in paths + sorted(sample_dir.glob("attempt-*/calls.jsonl")):
            for line in path.read_text().splitlines():
                if not line.strip():
                    continue
                try:
                    calls.append(json.loads(line) | {"attempt_dir": str(path.parent)})
                except json.JSONDecodeError:  # a torn line from a killed run
                    continue
    return calls


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def cost_usd(call: dict, prices: dict[str, dict]) -> float | None:
    price = prices.get(call["endpoint"], {})
    pin, pout = price.get("price_input_per_1m"), price.get("price_output_per_1m")
    if pin is None and pout is None:
        return None
    return ((pin or 0) * call["prompt_tokens"] + (pout or 0) * call["completion_tokens"]) / 1e6


def by_role(calls: list[dict], prices: dict[str, dict]) -> dict[str, dict]:
    """Aggregates per role; cached (replayed) calls are counted apart and cost nothing."""
    roles: dict[str, dict] = {}
    for role in sorted({c["role"] for c in calls}):
        mine = [c for c in calls if c["role"] == role]
        live = [c for c in mine if not c.get("cached")]
        ok = [c for c in live if not c.get("error")]
        latencies = [c["latency_s"] for c in ok]
        tps = [c["tokens_per_s"] for c in ok if c.get("tokens_per_s")]
        ttft = [c["ttft_s"] for c in ok if c.get("ttft_s") is not None]
        costs = [x for x in (cost_usd(c, prices) for c in live) if x is not None]
        roles[role] = {
            "calls": len(mine), "cached_calls": len(mine) - len(live),
            "models": sorted({c["model"] for c in mine}),
            "prompt_tokens": sum(c["prompt_tokens"] for c in mine),
            "completion_tokens": sum(c["completion_tokens"] for c in mine),
            "latency_p50_s": _round(percentile(latencies, 50)),
            "latency_p95_s": _round(percentile(latencies, 95)),
            "tokens_per_s_p50": _round(percentile(tps, 50), 2),
            "tokens_per_s_p95": _round(percentile(tps, 95), 2),
            "ttft_p50_s": _round(percentile(ttft, 50)),
            "retries": sum(c.get("retries", 0) for c in live),
            "errors": sum(1 for c in live if c.get("error")),
            "cost_usd": round(sum(costs), 6) if costs else None,
        }
    return roles


def edit_rates(results: list[dict]) -> dict:
    """Fallback rate over samples and well-formed edit rate over model-graded attempts.

    Offline samples (gold patches) were written by no model, so they count in neither."""
    results = [r for r in results if r.get("producer") != "gold"]
    model_attempts = [a for r in results for a in r.get("attempts", [])
                      if a["status"] not in ("infra_error", "model_error")]
    finals = [r for r in results if r["status"] not in ("infra_error", "model_error")]
    fallback = [r for r in finals if str(r.get("producer", "")).startswith("fallback")]
    well_formed = [a for a in model_attempts if a["status"] != "malformed_edit"]
    return {
        "fallback_rate": len(fallback) / len(finals) if finals else None,
        "well_formed_edit_rate": len(well_formed) / len(model_attempts) if model_attempts else None,
    }
