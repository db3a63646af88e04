"""`kateval report`: report.html, report.md, junit.xml and summary.json for a run."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console

from kateval import history
from kateval.compare import RunData, headline_cis, role_stats, run_roles
from kateval.errors import ConfigError
from kateval.report import html, junit, markdown, variants_page
from kateval.report import variants as variants_mod
from kateval.scoring import library_groups

REPORT_FILES = ("report.html", "report.md", "junit.xml", "summary.json")
VARIANT_FILES = ("report-variants.html", "report-variants.md")


def _complete_summary(run: RunData) -> dict:
    """summary.json as the run wrote it, plus what an older run did not record: model-call
    accounting derived from calls.jsonl, and pass rates by library when its tasks declare
    dependencies now."""
    summary = dict(run.summary)
    if "roles" not in summary and run.calls:
        summary["roles"] = role_stats(run.calls, run.meta)
        costs = [r["cost_usd"] for r in summary["roles"].values() if r["cost_usd"] is not None]
        summary.setdefault("cost_usd", sum(costs) if costs else None)
    if "by_library" not in summary:
        tasks = {r["task"] for r in run.results}
        by_library = library_groups(run.results, history.task_info_of(run.meta, tasks))
        if by_library:
            summary["by_library"] = by_library
    return summary


def write_reports(run: RunData, *, variant_runs: list[RunData] | None = None,
                  gate: dict | None = None) -> dict[str, Path]:
    """Write report.html, report.md, junit.xml and summary.json into the run folder; with
    variant runs also report-variants.html and report-variants.md beside them."""
    if run.root is None:
        raise ConfigError(f"run {run.run_id}: its folder is gone (only its history record is "
                          "left); reports need the run folder")
    run = RunData(run.run_id, run.meta, _complete_summary(run), run.results, run.calls, run.root)
    gate_file = run.root / "gate.json"  # written by the gate (kateval.commands.gate)
    if gate is None and gate_file.is_file():
        gate = json.loads(gate_file.read_text())
    cis, roles = headline_cis(run.summary), run_roles(run)
    paths = {name: run.root / name for name in REPORT_FILES}
    paths["report.html"].write_text(html.render(run, cis=cis, roles=roles, gate=gate),
                                    encoding="utf-8")
    paths["report.md"].write_text(markdown.render(run.summary, run.meta.get("config", {}),
                                                  cis=cis, roles=roles, gate=gate),
                                  encoding="utf-8")
    paths["junit.xml"].write_text(junit.render(run.suite, run.results, run.run_id),
                                  encoding="utf-8")
    tmp = run.root / ".summary.json.tmp"
    tmp.write_text(json.dumps(run.summary, indent=2, sort_keys=True, default=str) + "\n")
    tmp.replace(paths["summary.json"])
    if variant_runs:
        paths |= _write_variants(run, variant_runs)
    return paths


def _write_variants(run: RunData, others: list[RunData]) -> dict[str, Path]:
    """The variants report: its own files, so the base run's report stays its own."""
    runs = [run] + [RunData(o.run_id, o.meta, _complete_summary(o), o.results, o.calls, o.root)
                    for o in others]
    view = variants_mod.variants_view(runs)
    paths = {name: run.root / name for name in VARIANT_FILES}
    paths["report-variants.html"].write_text(variants_page.render(view), encoding="utf-8")
    paths["report-variants.md"].write_text(markdown.render_variants(view), encoding="utf-8")
    return paths


def report_command(console: Console, run_dir: Path, variants: list[str] | None = None,
                   runs_dir: Path = Path("runs")) -> dict[str, Path]:
    """Write the four reports for a run (a folder or a run id under runs_dir)."""
    run = history.resolve_run(str(run_dir), runs_dir)
    others = [history.resolve_run(ref, runs_dir) for ref in variants or []]
    for other in others:
        if other.root is None:
            raise ConfigError(f"--variants: run {other.run_id} has no run folder")
    paths = write_reports(run, variant_runs=others)
    for name, path in paths.items():
        console.print(f"{name:12} {path}")
    return paths
