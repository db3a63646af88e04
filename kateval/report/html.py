"""report.html: one self-contained page (inline CSS and SVG, no script, no network) that shows
a run the morning after: headline scores with CIs, charts, the tasks x samples grid, model-call
distributions, variants, and per task its instruction, diffs, trimmed logs and judge feedback.

collect_tasks() reads the attempt artifacts; render() is a pure function of what it is given.
"""

from __future__ import annotations

from kateval.report import fmt

import json
from pathlib import Path

import yaml

from kateval.compare import RunData, role_samples, run_cost, run_fallback_rate
from kateval.scoring import MODEL_OUTCOMES
from kateval.report import svg
from kateval.report.svg import esc

LOG_HEAD, LOG_TAIL = 1500, 3500  # build errors come first, test failures last
DIFF_LIMIT = 20000
SHORT = {"passed": "P", "tests_failed": "TF", "build_failed": "BF", "patch_failed": "PF",
         "malformed_edit": "ME", "timeout": "TO", "model_error": "MX", "infra_error": "IX"}

CSS = """
:root{--ok:#2f9e44;--bad:#c92a2a;--muted:#666;--line:#ddd}
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:16px 24px;
  color:#222}
h1{font-size:22px;margin:4px 0}
h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid var(--line)}
.meta{color:var(--muted)}.meta code{color:#222}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 14px;min-width:140px}
.card b{display:block;font-size:22px}.card span{color:var(--muted);font-size:12px}
.charts{display:flex;flex-wrap:wrap;gap:18px;align-items:flex-start}
.chart{border:1px solid #eee;border-radius:6px;background:#fff;max-width:100%;height:auto}
table{border-collapse:collapse;margin:6px 0}
td,th{border:1px solid var(--line);padding:3px 8px;text-align:left}
th{background:#f6f6f6}td.num{text-align:right}
.grid td.cell{width:34px;text-align:center;font-weight:600;color:#fff;font-size:12px}
.grid td.cell a{color:#fff;text-decoration:none;display:block}
.gate{padding:10px 14px;border-radius:8px;margin:12px 0;font-weight:600}
.gate.ok{background:#ebfbee;border:1px solid var(--ok)}
.gate.fail{background:#fff5f5;border:1px solid var(--bad)}
.gate ul{font-weight:400;margin:6px 0 0}
pre{background:#f8f9fa;border:1px solid #eee;padding:8px;overflow:auto;max-height:420px;
  font-size:12px;white-space:pre-wrap}
.diff .add{color:#2b8a3e}.diff .del{color:#c92a2a}.diff .hunk{color:#1971c2}
details.task{border:1px solid var(--line);border-radius:6px;margin:8px 0;padding:4px 10px}
details.task>summary{cursor:pointer;font-weight:600}
.badge{display:inline-block;border-radius:4px;padding:0 6px;color:#fff;font-size:12px;
  font-weight:600}
.note{color:var(--muted)}
.rate{display:inline-block;height:9px;background:var(--ok);border-radius:2px;margin-right:6px}
"""


# ---------------------------------------------------------------- artifacts
def trim(text: str, head: int = LOG_HEAD, tail: int = LOG_TAIL) -> str:
    """Keep the start and the end of a long log, saying how much was left out."""
    if len(text) <= head + tail:
        return text
    return (f"{text[:head]}\n... [{len(text) - head - tail} characters trimmed; the full log is "
            f"in the run folder] ...\n{text[-tail:]}")


def _read(path: Path, limit: int | None = None) -> str | None:
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8", errors="replace")
    return text if limit is None or len(text) <= limit else text[:limit] + "\n... [trimmed]"


def _attempt(folder: Path, record: dict) -> dict:
    result = json.loads(_read(folder / "result.json") or "{}")
    failing = [t for t in result.get("tests", []) if t.get("outcome") in ("failed", "error")]
    extra = json.loads(_read(folder / "edit.json") or _read(folder / "infra.json") or "{}")
    log = _read(folder / "build.log")
    return {"attempt": record.get("attempt"), "status": record.get("status"),
            "detail": record.get("detail", ""), "producer": record.get("producer", ""),
            "diff": _read(folder / "patch.diff", DIFF_LIMIT), "log": trim(log) if log else None,
            "feedback": _read(folder / "feedback.txt"), "failing_tests": failing[:20],
            "error": extra.get("error") or (extra.get("detail") if extra.get("status") else None)}


def _task_text(tasks_dir: Path | None, task: str) -> tuple[str, str | None]:
    if tasks_dir is None or not (tasks_dir / task).is_dir():
        return task, None
    try:
        spec = yaml.safe_load(_read(tasks_dir / task / "task.yaml") or "") or {}
        title = spec.get("title", task)
    except yaml.YAMLError:
        title = task
    return title, _read(tasks_dir / task / "instruction.md")


def collect_tasks(run: RunData) -> list[dict]:
    """Per task: title, instruction, and each sample's attempts with their artifacts."""
    tasks_dir = Path(run.meta["tasks_dir"]) if run.meta.get("tasks_dir") else None
    by_task: dict[str, list[dict]] = {}
    for r in run.results:
        by_task.setdefault(r["task"], []).append(r)
    out = []
    for task, rows in sorted(by_task.items()):
        title, instruction = _task_text(tasks_dir, task)
        samples = []
        for r in sorted(rows, key=lambda r: r["sample"]):
            base = run.root / "samples" / task / str(r["sample"]) if run.root else None
            attempts = [_attempt(base / f"attempt-{a['attempt']}", a) if base else a
                        for a in r.get("attempts", [])]
            samples.append({"sample": r["sample"], "status": r["status"],
                            "detail": r.get("detail", ""), "attempts": attempts})
        out.append({"task": task, "title": title, "instruction": instruction, "samples": samples})
    return out


# ---------------------------------------------------------------- rendering
_pct, _num, _usd = fmt.pct, fmt.num, fmt.usd


def _badge(status: str) -> str:
    color = svg.STATUS_COLORS.get(status, "#888")
    return f'<span class="badge" style="background:{color}">{esc(status)}</span>'


def _card(label: str, value: str, sub: str = "") -> str:
    return (f'<div class="card"><span>{esc(label)}</span><b>{esc(value)}</b>'
            f'<span>{esc(sub)}</span></div>')


def _header(run: RunData) -> str:
    config = run.meta.get("config", {})
    models = config.get("models") or {}
    endpoints = models.get("endpoints") or {}
    roles = ", ".join(f"{role}: {name} ({endpoints.get(name, {}).get('model', '?')})"
                      for role, name in (models.get("roles") or {}).items())
    versions = sorted((run.meta.get("tool_versions") or {}).items())
    tools = ", ".join(f"{k}: {v}" for k, v in versions if v)
    return (f"<h1>kateval run <code>{esc(run.run_id)}</code></h1><p class='meta'>suite "
            f"<code>{esc(run.suite)}</code> · mode <code>{esc(config.get('mode', '?'))}</code> · "
            f"sandbox <code>{esc(config.get('sandbox', '?'))}</code> · started "
            f"<code>{esc(run.meta.get('started_at', '?'))}</code> · git <code>"
            f"{esc((run.meta.get('git_sha') or '?')[:12])}</code><br>models: "
            f"{esc(roles or 'none (gold patches)')}<br>"
            f"tools: {esc(tools)}</p>" + (
                "<div class='gate fail'>sandbox none: model code ran on this machine without "
                "isolation</div>" if config.get("sandbox") == "none" else ""))


def _gate(gate: dict | None) -> str:
    if not gate:
        return ""
    items = [f"<li>regression: <code>{esc(t)}</code> ({esc(' then '.join(s))})</li>"
             for t, s in sorted(gate.get("regressions", {}).items())]
    items += [f"<li>flaky flip (not gated): <code>{esc(t)}</code> ({esc(' then '.join(s))})</li>"
              for t, s in sorted(gate.get("flaky", {}).items())]
    items += [f"<li class='note'>{esc(n)}</li>" for n in gate.get("notes", [])]
    return (f'<div class="gate {"ok" if gate["passed"] else "fail"}">{esc(gate["message"])}'
            f'{"<ul>" + "".join(items) + "</ul>" if items else ""}</div>')


def _headline(run: RunData, cis: dict) -> str:
    s = run.summary
    cards = []
    for key, ci in cis.items():
        sub = (f"95% CI {_pct(ci['ci_low'])}–{_pct(ci['ci_high'])} over {ci['tasks']} tasks"
               if ci.get("ci_low") is not None else "")
        cards.append(_card(key, _pct(ci["value"]), sub))
    cards.append(_card("passed", f"{s.get('passed', 0)}/{s.get('graded', 0)}",
                       f"{s.get('samples', 0)}/{s.get('planned', '?')} samples"))
    infra, model = s.get("infra_errors", 0), s.get("model_errors", 0)
    cards.append(_card("not scored", str(infra + model), f"{infra} infra, {model} model errors"))
    cards.append(_card("fallback rate", _pct(run_fallback_rate(run))))
    if s.get("well_formed_edit_rate") is not None:
        cards.append(_card("well-formed edits", _pct(s["well_formed_edit_rate"])))
    cards.append(_card("cost", _usd(run_cost(run))))
    return f'<div class="cards">{"".join(cards)}</div>'


def _charts(run: RunData) -> str:
    s = run.summary
    attempts = sorted(int(k.rsplit("_", 1)[1]) for k in s if k.startswith("pass_rate_"))
    by_attempt = svg.bar_chart([(f"≤ {a}", s[f"pass_rate_{a}"]) for a in attempts],
                               "Pass rate within N attempts")
    counts = s.get("statuses", {})
    order = [st for st in (*MODEL_OUTCOMES, "model_error", "infra_error") if st in counts]
    statuses = svg.hbar_chart([(st if st in MODEL_OUTCOMES else f"{st} (not scored)", counts[st],
                                svg.STATUS_COLORS.get(st, "#888")) for st in order],
                              "Samples by status")
    return f'<div class="charts">{by_attempt}{statuses}</div>'


def _grid(tasks: list[dict]) -> str:
    width = max((len(t["samples"]) for t in tasks), default=0)
    head = "".join(f"<th>#{i}</th>" for i in range(width))
    rows = []
    for t in tasks:
        cells = []
        for s in t["samples"]:
            color = svg.STATUS_COLORS.get(s["status"], "#888")
            cells.append(f'<td class="cell" style="background:{color}" title="{esc(s["status"])}: '
                         f'{esc(s["detail"])}"><a href="#task-{esc(t["task"])}">'
                         f'{SHORT.get(s["status"], "?")}</a></td>')
        link = f'<a href="#task-{esc(t["task"])}">{esc(t["task"])}</a>'
        rows.append(f'<tr><td>{link}</td>{"".join(cells)}</tr>')
    legend = " ".join(f"{_badge(st)}={code}" for st, code in SHORT.items())
    return (f'<table class="grid"><tr><th>task</th>{head}</tr>{"".join(rows)}</table>'
            f'<p class="note">{legend}</p>')


def _group_table(kind: str, entries: dict[str, dict]) -> str:
    head = (f"<tr><th>{esc(kind)}</th><th>tasks</th><th>samples</th><th>graded</th>"
            "<th>passed</th><th>pass rate</th></tr>")
    rows = []
    for name, g in entries.items():
        rate = g.get("pass_rate")
        bar = (f'<span class="rate" style="width:{round(60 * rate)}px"></span>'
               if rate else "")
        rows.append(f"<tr><td>{esc(name)}</td><td class=num>{g.get('tasks', '')}</td>"
                    f"<td class=num>{g.get('samples', 0)}</td><td class=num>"
                    f"{g.get('graded', 0)}</td><td class=num>{g.get('passed', 0)}</td>"
                    f"<td>{bar}{_pct(rate)}</td></tr>")
    return f'<table class="groups">{head}{"".join(rows)}</table>'


def _groups(summary: dict) -> str:
    """Pass rates per category and per tag (a task counts in each of its tags)."""
    categories, tags = summary.get("by_category") or {}, summary.get("by_tag") or {}
    if not categories and not tags:
        return "<p class='note'>No per-category results in this summary.</p>"
    parts = [_group_table("category", categories)] if categories else []
    if summary.get("by_target"):
        parts.append("<p class='note'>By target (a sample passes a target when all its tests "
                     "there pass):</p>" + _group_table("target", summary["by_target"]))
    if tags:
        parts.append("<p class='note'>By tag (a task counts once in each of its tags):</p>"
                     + _group_table("tag", tags))
    return "".join(parts)


def _roles(roles: dict, calls: list[dict]) -> str:
    if not roles and not calls:
        return ("<p class='note'>No model calls recorded (offline run: gold patches, "
                "no endpoint).</p>")
    head = ("<tr><th>role</th><th>calls</th><th>prompt tok</th><th>completion tok</th><th>latency "
            "p50 / p95</th><th>tok/s p50 / p95</th><th>TTFT p50</th><th>retries</th><th>errors</th>"
            "<th>cost</th></tr>")
    rows = "".join(
        f"<tr><td>{esc(role)}</td><td class=num>{r.get('calls', 0)}</td><td class=num>"
        f"{r.get('prompt_tokens', 0)}</td><td class=num>{r.get('completion_tokens', 0)}</td><td>"
        f"{_num(r.get('latency_p50_s'), 's')} / {_num(r.get('latency_p95_s'), 's')}</td><td>"
        f"{_num(r.get('tokens_per_s_p50'), '', 1)} / {_num(r.get('tokens_per_s_p95'), '', 1)}</td>"
        f"<td>{_num(r.get('ttft_p50_s'), 's')}</td><td class=num>{r.get('retries', 0)}</td>"
        f"<td class=num>{r.get('errors', 0)}</td><td>"
        f"{_usd(r.get('cost_usd'))}</td></tr>"
        for role, r in roles.items())
    charts = [svg.box_plot(role_samples(calls, "latency_s"), "Latency per call by role", "s"),
              svg.box_plot(role_samples(calls, "tokens_per_s"), "Tokens per second by role",
                           "tok/s")]
    ttft = role_samples(calls, "ttft_s")
    if ttft:
        charts.append(svg.box_plot(ttft, "Time to first token by role", "s"))
    return f'<table>{head}{rows}</table><div class="charts">{"".join(charts)}</div>'


def _variants(rows: list[dict], points: list[dict]) -> str:
    head = ("<tr><th>variant</th><th>run</th><th>pass@1</th><th>graded</th><th>tok/s p50</th>"
            "<th>latency p50</th><th>cost</th><th>Pareto front</th></tr>")
    body = "".join(
        f"<tr><td>{esc(v['name'])}</td><td><code>{esc(v['run_id'])}</code></td><td>"
        f"{_pct(v['pass_at_1'])}</td><td class=num>{v.get('graded') or 0}</td><td>"
        f"{_num(v['tokens_per_s'], '', 1)}</td><td>{_num(v['latency_p50_s'], 's')}</td><td>"
        f"{_usd(v['cost_usd'])}</td><td>"
        f"{'★' if v['front'] else ''}</td></tr>" for v in rows)
    chart = svg.pareto_scatter(points, "pass@1 vs tokens per second (dot area: cost)",
                               "builder tokens/s (p50)", "pass@1")
    return f"<h2>Variants</h2><table>{head}{body}</table>{chart}"


def _details(summary: str, body: str, is_open: bool = False) -> str:
    return f"<details{' open' if is_open else ''}><summary>{summary}</summary>{body}</details>"


def _diff_html(diff: str) -> str:
    lines = []
    for line in diff.splitlines():
        cls = ("hunk" if line.startswith("@@") else "add" if line.startswith("+")
               and not line.startswith("+++") else "del" if line.startswith("-")
               and not line.startswith("---") else "")
        lines.append(f'<span class="{cls}">{esc(line)}</span>' if cls else esc(line))
    return '<pre class="diff">' + "\n".join(lines) + "</pre>"


def _attempt_html(a: dict) -> str:
    parts = [f"<h4>attempt {a.get('attempt')} {_badge(a.get('status', '?'))} "
             f"<span class='note'>{esc(a.get('producer', ''))} · "
             f"{esc(a.get('detail', ''))}</span></h4>"]
    if a.get("error"):
        parts.append(f"<pre>{esc(a['error'])}</pre>")
    if a.get("failing_tests"):
        parts.append("<ul>" + "".join(
            f"<li><code>{esc(t['name'])}</code>: {esc(t.get('message', ''))}</li>"
            for t in a["failing_tests"]) + "</ul>")
    if a.get("feedback"):
        parts.append(_details("judge feedback", f"<pre>{esc(a['feedback'])}</pre>", is_open=True))
    if a.get("diff"):
        parts.append(_details("diff", _diff_html(a["diff"])))
    if a.get("log"):
        parts.append(_details("build and test log (trimmed)", f"<pre>{esc(a['log'])}</pre>"))
    return "".join(parts)


def _task_html(t: dict) -> str:
    statuses = [s["status"] for s in t["samples"]]
    ok = all(st == "passed" for st in statuses)
    samples = "".join(f"<h3>sample {s['sample']} {_badge(s['status'])}</h3>"
                      + "".join(_attempt_html(a) for a in s["attempts"]) for s in t["samples"])
    instruction = (_details("instruction", f"<pre>{esc(t['instruction'])}</pre>")
                   if t["instruction"]
                   else "<p class='note'>instruction not found (task folder moved?)</p>")
    badges = " ".join(_badge(st) for st in statuses)
    return (f'<details class="task" id="task-{esc(t["task"])}"{"" if ok else " open"}><summary>'
            f'{esc(t["task"])} — {esc(t["title"])} {badges}</summary>'
            f"{instruction}{samples}</details>")


def render(run: RunData, tasks: list[dict], *, cis: dict, roles: dict,
           gate: dict | None = None, variants: tuple[list[dict], list[dict]] | None = None) -> str:
    """The whole page. `variants` is (variant rows, scatter points) from report.variants."""
    body = [_header(run), _gate(gate), "<h2>Headline</h2>", _headline(run, cis), _charts(run),
            "<h2>By category and tag</h2>", _groups(run.summary),
            "<h2>Tasks × samples</h2>", _grid(tasks),
            "<h2>Model calls</h2>", _roles(roles, run.calls)]
    if variants:
        body.append(_variants(*variants))
    body.append("<h2>Tasks</h2>" + "".join(_task_html(t) for t in tasks))
    return ("<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            # An empty icon stops the browser asking the network or disk for favicon.ico.
            "<link rel='icon' href='data:,'>"
            f"<title>kateval {esc(run.run_id)}</title><style>{CSS}</style></head><body>"
            + "".join(body) + "</body></html>\n")
