"""report.html: one self-contained page (inline CSS, SVG and a small script; no network) that
shows a run the morning after: headline scores with CIs, the task x sample grid (sort, filter,
search), charts, pass rates by group, model-call distributions, and per sample a transcript
view: the prompts each role was sent, its raw answers, the plan, the feedback turns, each
attempt's diff, compiler errors, failing tests and log, and per-call tokens, latency and cost.

collect_tasks() reads the run folder (bounded: see report.artifacts); page() turns what it is
given into the template's context; templates/report.html.j2 writes it out with autoescape.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from kateval.compare import (RunData, endpoint_prices, role_samples, run_cost,
                             run_fallback_rate)
from kateval.history import task_info_of
from kateval.report import artifacts, fmt, svg, templating
from kateval.report.artifacts import Clips
from kateval.report.engine import busy_lines
from kateval.runs import version_label
from kateval.scoring import MODEL_OUTCOMES

# Characters of model text (prompts, answers, diffs, logs) one page may embed: with more, every
# text is cut to the largest common length that fits (artifacts.Clips.fit).
PAGE_TEXT_BUDGET = 12_000_000
SHORT = {"passed": "P", "tests_failed": "TF", "build_failed": "BF", "patch_failed": "PF",
         "malformed_edit": "ME", "timeout": "TO", "context_exceeded": "CX",
         "model_error": "MX", "infra_error": "IX"}
GROUPS = (("by_category", "category", ""), ("by_target", "target",
          "a sample passes a target when all its tests there pass"),
          ("by_library", "library", "a task counts once in each library it declares"))


# ---------------------------------------------------------------- reading the run folder
def _task_spec(tasks_dir: Path | None, task: str, clips: Clips) -> dict:
    """Title and instruction from the task folder, when it is still there."""
    folder = tasks_dir / task if tasks_dir else None
    if folder is None or not folder.is_dir():
        return {"title": task, "instruction": None, "difficulty": None, "spec_targets": []}
    try:
        spec = yaml.safe_load(artifacts.read_bounded(folder / "task.yaml") or "") or {}
    except yaml.YAMLError:
        spec = {}
    spec = spec if isinstance(spec, dict) else {}
    targets = spec.get("targets") if isinstance(spec.get("targets"), list) else []
    return {"title": str(spec.get("title") or task), "difficulty": spec.get("difficulty"),
            "spec_targets": [str(t) for t in targets],
            "instruction": clips(artifacts.read_bounded(folder / "instruction.md"))}


def _sample(run: RunData, r: dict, clips: Clips, prices: dict) -> dict:
    # A run known only from its history record has no folder: its attempts show their records.
    base = (run.root or Path("/nonexistent")) / "samples" / r["task"] / str(r["sample"])
    attempts = [artifacts.attempt_view(base / f"attempt-{a.get('attempt')}", a, clips, prices)
                for a in r.get("attempts", [])]
    return {"sample": r["sample"], "status": r["status"], "detail": r.get("detail", ""),
            "producer": r.get("producer", ""), "duration_s": r.get("duration_s"),
            "pass_attempt": r.get("pass_attempt"), "targets": r.get("targets") or {},
            "attempts": attempts, "totals": artifacts.sample_totals(attempts)}


def collect_tasks(run: RunData, clips: Clips | None = None) -> list[dict]:
    """Per task: its spec (title, category, tags, targets, libraries, instruction) and each
    sample with its attempts' artifacts. Long texts are registered with `clips`."""
    clips = clips if clips is not None else Clips()
    tasks_dir = Path(run.meta["tasks_dir"]) if run.meta.get("tasks_dir") else None
    by_task: dict[str, list[dict]] = {}
    for r in run.results:
        by_task.setdefault(r["task"], []).append(r)
    info = task_info_of(run.meta, set(by_task))
    prices = endpoint_prices(run.meta)
    out = []
    for task, rows in sorted(by_task.items()):
        known = info.get(task, {})
        samples = [_sample(run, r, clips, prices) for r in sorted(rows, key=lambda r: r["sample"])]
        graded = [s for s in samples if s["status"] in MODEL_OUTCOMES]
        passed = sum(s["status"] == "passed" for s in graded)
        spec = _task_spec(tasks_dir, task, clips)
        out.append(spec | {
            "task": task, "samples": samples, "passed": passed, "graded": len(graded),
            "pass_rate": passed / len(graded) if graded else None,
            "category": known.get("category") or rows[0].get("category") or "unknown",
            "tags": known.get("tags") or [], "libraries": known.get("libraries") or [],
            # the targets graded, else (a run older than per-target results) the spec's
            "targets": sorted({t for s in samples for t in s["targets"]}
                              or spec["spec_targets"])})
    return out


# ---------------------------------------------------------------- the page's parts
def _header(run: RunData) -> dict:
    config = run.meta.get("config") or {}
    models = config.get("models") or {}
    endpoints = models.get("endpoints") or {}
    roles = [f"{role}: {name} ({(endpoints.get(name) or {}).get('model', '?')})"
             for role, name in (models.get("roles") or {}).items()]
    tools = [f"{k}: {v}" for k, v in sorted((run.meta.get("tool_versions") or {}).items()) if v]
    return {"run_id": run.run_id, "suite": run.suite, "mode": config.get("mode", "?"),
            "sandbox": config.get("sandbox", "?"), "started": run.meta.get("started_at", "?"),
            "git": version_label(run.meta.get("git_sha"),
                                 (run.meta.get("tool_versions") or {}).get("kateval") or "?"),
            "roles": ", ".join(roles) or "none (gold patches)", "tools": ", ".join(tools)}


def _cards(run: RunData, cis: dict) -> list[dict]:
    s = run.summary
    cards = [{"label": key, "value": fmt.pct(ci["value"]),
              "sub": (f"95% CI {fmt.pct(ci['ci_low'])}–{fmt.pct(ci['ci_high'])} over "
                      f"{ci['tasks']} tasks" if ci.get("ci_low") is not None else "")}
             for key, ci in cis.items()]
    infra, model = s.get("infra_errors", 0), s.get("model_errors", 0)
    cards += [{"label": "passed", "value": f"{s.get('passed', 0)}/{s.get('graded', 0)}",
               "sub": f"{s.get('samples', 0)}/{s.get('planned', '?')} samples"},
              {"label": "not scored", "value": str(infra + model),
               "sub": f"{infra} infra, {model} model errors"},
              {"label": "fallback rate", "value": fmt.pct(run_fallback_rate(run)), "sub": ""}]
    if s.get("well_formed_edit_rate") is not None:
        cards.append({"label": "well-formed edits", "value": fmt.pct(s["well_formed_edit_rate"]),
                      "sub": ""})
    cards.append({"label": "cost", "value": fmt.usd(run_cost(run)), "sub": ""})
    return cards


def _charts(run: RunData) -> list[svg.Node]:
    s = run.summary
    attempts = sorted(int(k.rsplit("_", 1)[1]) for k in s if k.startswith("pass_rate_"))
    counts = s.get("statuses", {})
    order = [st for st in (*MODEL_OUTCOMES, "model_error", "infra_error") if st in counts]
    return [svg.bar_chart([(f"≤ {a}", s[f"pass_rate_{a}"]) for a in attempts],
                          "Pass rate within N attempts"),
            svg.hbar_chart([(st if st in MODEL_OUTCOMES else f"{st} (not scored)", counts[st],
                             svg.STATUS_COLORS.get(st, "#888")) for st in order],
                           "Samples by status")]


def _groups(summary: dict) -> dict:
    """Pass-rate tables by category, target and library side by side; tags apart (folded:
    a suite has many)."""
    tables = [{"kind": kind, "note": note, "entries": summary[key]}
              for key, kind, note in GROUPS if summary.get(key)]
    return {"tables": tables, "tags": summary.get("by_tag") or {}}


def engine_lines(summary: dict) -> list[str]:
    """How busy the run kept its endpoints and build slots (report.engine)."""
    return busy_lines(summary)


def _role_charts(calls: list[dict]) -> list[svg.Node]:
    charts = [svg.box_plot(role_samples(calls, "latency_s"), "Latency per call by role", "s"),
              svg.box_plot(role_samples(calls, "tokens_per_s"), "Tokens per second by role",
                           "tok/s")]
    ttft = role_samples(calls, "ttft_s")
    if ttft:
        charts.append(svg.box_plot(ttft, "Time to first token by role", "s"))
    return charts


def _grid_filters(tasks: list[dict]) -> dict[str, list[str]]:
    """The values each filter of the grid offers, in a stable order."""
    def values(key: str) -> list[str]:
        return sorted({v for t in tasks for v in t[key]})

    statuses = {s["status"] for t in tasks for s in t["samples"]}
    return {"status": [s for s in SHORT if s in statuses] + sorted(statuses - set(SHORT)),
            "category": sorted({t["category"] for t in tasks}), "target": values("targets"),
            "tag": values("tags"), "library": values("libraries")}


def _number_views(tasks: list[dict]) -> list[dict]:
    """Give every sample view an id and its neighbours in grid order (prev/next links)."""
    views = []
    for ti, t in enumerate(tasks):
        for s in t["samples"]:
            s["view"] = f"s-{ti}-{s['sample']}"
            views.append(s)
    for i, s in enumerate(views):
        s["prev"] = views[i - 1]["view"] if i else None
        s["next"] = views[i + 1]["view"] if i + 1 < len(views) else None
    return views


def page(run: RunData, tasks: list[dict], *, cis: dict, roles: dict,
         gate: dict | None = None) -> dict:
    """The template's context for one run's page."""
    _number_views(tasks)
    return {"title": f"kateval {run.run_id}", "head": _header(run), "gate": gate,
            "cards": _cards(run, cis), "charts": _charts(run), "groups": _groups(run.summary),
            "tasks": tasks, "filters": _grid_filters(tasks), "short": SHORT,
            "width": max((len(t["samples"]) for t in tasks), default=0),
            "roles": roles, "has_calls": bool(roles or run.calls),
            "role_charts": _role_charts(run.calls), "engine": engine_lines(run.summary)}


def render(run: RunData, tasks: list[dict] | None = None, *, cis: dict, roles: dict,
           gate: dict | None = None, budget: int = PAGE_TEXT_BUDGET) -> str:
    """The whole page, its embedded texts cut to `budget` characters in all."""
    clips = Clips()
    tasks = collect_tasks(run, clips) if tasks is None else tasks
    limit = clips.fit(budget)
    context = page(run, tasks, cis=cis, roles=roles, gate=gate)
    return templating.render("report.html.j2", **context, text_limit=limit,
                             clipped=any(c.cut for c in clips.items))
