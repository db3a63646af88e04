"""Reasoning-model output: strip <think>, find the JSON plan in the answer."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field


def split_reasoning(text: str) -> tuple[str, str]:
    """(reasoning, answer). Split on the LAST </think>, so a missing opening tag still works."""
    if "</think>" not in text:
        return "", text.strip()
    reasoning, _, answer = text.rpartition("</think>")
    return reasoning.replace("<think>", "", 1).strip(), answer.strip()


@dataclass(frozen=True)
class PlannedRegion:
    file: str
    function: str
    action: str = "fill"


@dataclass(frozen=True)
class Plan:
    approach: str
    files: list[str] = field(default_factory=list)
    regions: list[PlannedRegion] = field(default_factory=list)


class PlanError(ValueError):
    """The planner's answer holds no usable JSON plan."""


def _json_candidates(answer: str) -> list[str]:
    fenced = re.findall(r"```(?:json)?\s*\n(.*?)```", answer, re.DOTALL)
    candidates = [c.strip() for c in fenced]
    start = answer.find("{")
    while start >= 0:  # every balanced {...} from each opening brace, first one first
        depth, in_str, esc = 0, False, False
        for i in range(start, len(answer)):
            ch = answer[i]
            if in_str:
                esc = ch == "\\" and not esc
                if ch == '"' and not esc:
                    in_str = False
                continue
            if ch == '"':
                in_str = True
            elif ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    candidates.append(answer[start:i + 1])
                    break
        start = answer.find("{", start + 1)
    return candidates


def parse_plan(answer: str) -> Plan:
    for candidate in _json_candidates(answer):
        try:
            data = json.loads(candidate)
        except json.JSONDecodeError:
            continue
        if not isinstance(data, dict) or "approach" not in data:
            continue
        regions = []
        for r in data.get("regions") or []:
            if isinstance(r, dict) and r.get("file") and r.get("function"):
                regions.append(PlannedRegion(str(r["file"]), str(r["function"]),
                                             str(r.get("action", "fill"))))
        files = [str(f) for f in data.get("files") or [] if isinstance(f, str)]
        return Plan(str(data["approach"]), files, regions)
    raise PlanError("no JSON object with an 'approach' field in the planner's answer")
