"""What happens after a run finishes: index it into the history database, gate it against a
baseline (re-running tasks that flipped pass -> fail once more), and write its reports."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from rich.console import Console

from kateval import history
from kateval.compare import RunData
from kateval.errors import (ConfigError, GateError, KatevalError, NothingGraded,
                            TooManyInfraErrors)
from kateval.gate import GateOutcome, annotations, decide, rerun_candidates

LATEST, LAST_GOOD = "latest", "last-good"
GATE_FILE = "gate.json"
Rerun = Callable[[RunData, list[str]], list[dict]]


@dataclass(frozen=True)
class InfraLimit:
    """--max-infra-errors: a count of samples (3) or a share of them (10%)."""

    text: str
    count: int | None = None
    share: float | None = None

    def exceeded(self, errors: int, samples: int) -> bool:
        if self.count is not None:
            return errors > self.count
        return samples > 0 and errors / samples > (self.share or 0.0) + 1e-9


def parse_infra_limit(text: str | None) -> InfraLimit | None:
    if text is None:
        return None
    value = text.strip()
    if re.fullmatch(r"\d+", value):
        return InfraLimit(value, count=int(value))
    found = re.fullmatch(r"(\d+(?:\.\d+)?)%", value)
    if found and float(found.group(1)) <= 100:
        return InfraLimit(value, share=float(found.group(1)) / 100)
    raise ConfigError(f"--max-infra-errors: '{text}' is neither a count of samples (e.g. 3) "
                      "nor a share of them (e.g. 10%)")


def run_problem(summary: dict, limit: InfraLimit | None, resume: str) -> KatevalError | None:
    """Why a finished run must not exit 0: it graded nothing, or had too many infra errors."""
    samples, infra = summary.get("samples", 0), summary.get("infra_errors", 0)
    details = summary.get("infra_error_details") or []
    first = f" (first: {details[0]})" if details else ""
    resume = resume or f"--run-id {summary['run_id']}"
    if not summary.get("graded"):
        return NothingGraded(
            f"nothing graded: all {samples} samples of run {summary['run_id']} ended "
            f"infra_error or model_error{first}; check the endpoints (`kateval endpoints "
            f"check`) and the machine (`kateval doctor`), then resume: {resume}")
    if limit is not None and limit.exceeded(infra, samples):
        return TooManyInfraErrors(
            f"{infra} of {samples} samples ended infra_error, more than --max-infra-errors "
            f"{limit.text}{first}; they run again on resume: {resume}")
    return None


def preflight(runs_dir: Path, baseline: str | None, max_drop: float) -> None:
    """Check --baseline and --max-drop before a run starts, so a typo does not cost a night.

    after_run() checks again; the CLI can call this before run_command() to fail fast.
    """
    if not 0 <= max_drop <= 1:
        raise ConfigError(f"--max-drop: {max_drop} is not a fraction of pass@1; use e.g. 0.05")
    if baseline is None or baseline in (LATEST, LAST_GOOD):
        return
    db_path = runs_dir / history.DB_NAME
    try:
        history.resolve_run(baseline, runs_dir,
                            history.connect(db_path) if db_path.is_file() else None)
    except ConfigError as exc:
        raise ConfigError(f"--baseline: {exc}") from None


def resolve_baseline(conn, current: RunData, ref: str, runs_dir: Path) -> RunData | None:
    """The baseline run, or None when 'latest'/'last-good' finds no earlier run (first night).

    latest: the latest complete run of the same suite in the history, other than this one.
    last-good: the same, skipping runs whose own gate failed, so a regression that slipped in
    once does not become the new normal.
    """
    mode = _mode(current)
    if ref in (LATEST, LAST_GOOD):
        run_id = history.latest_run_id(conn, current.suite, current.run_id, ref == LAST_GOOD,
                                       mode)
        return history.resolve_run(run_id, runs_dir, conn) if run_id else None
    baseline = history.resolve_run(ref, runs_dir, conn)
    if baseline.run_id == current.run_id:
        raise ConfigError(f"--baseline: '{ref}' is the run being gated; name an earlier run "
                          "or use 'latest'")
    if baseline.suite != current.suite:
        raise ConfigError(f"--baseline: '{ref}' is a run of suite {baseline.suite}, not "
                          f"{current.suite}; name a run of the same suite or use 'latest'")
    if _mode(baseline) != mode:
        raise ConfigError(f"--baseline: '{ref}' is a {_mode(baseline)} run and this one is a "
                          f"{mode} run; a baseline must be of the same kind (use 'latest')")
    return baseline


def _mode(run: RunData) -> str:
    return (run.meta.get("config") or {}).get("mode") or "models"


def rerun_tasks(console: Console, run: RunData, tasks: list[str], runs_dir: Path) -> list[dict]:
    """Run `tasks` once more through the normal run machinery, as a separate run folder
    (<run-id>-rerun) with the same config, so the gated run's own results stay untouched."""
    from kateval.commands.run import RunRequest, run_command  # lazily: only a re-run needs it

    config = run.meta["config"]
    suite = dict(config["suite"]) | {"name": f"{config['suite']['name']}-rerun", "tasks": tasks,
                                     "tasks_dir": str(Path(run.meta["tasks_dir"]).resolve())}
    if suite.get("prompts_dir") and run.meta.get("suite_path"):
        base = Path(run.meta["suite_path"]).parent
        suite["prompts_dir"] = str((base / suite["prompts_dir"]).resolve())
    suite["k"] = [1]
    rerun_id = f"{run.run_id}-rerun"
    folder = runs_dir / rerun_id
    n = 1
    while (folder / "run.json").is_file() and \
            json.loads((folder / "run.json").read_text())["config"]["suite"]["tasks"] != tasks:
        n += 1  # an older re-run of other tasks: keep it, use a new folder
        folder = runs_dir / f"{rerun_id}{n}"
    folder.mkdir(parents=True, exist_ok=True)
    suite_path, models_path = folder / "rerun-suite.yaml", folder / "rerun-models.yaml"
    suite_path.write_text(yaml.safe_dump(suite, sort_keys=True))
    if config.get("models"):
        models_path.write_text(yaml.safe_dump(config["models"], sort_keys=True))
    (folder / history.RERUN_MARKER).write_text(json.dumps({"run_id": run.run_id, "tasks": tasks}))
    console.rule(f"gate: re-running {len(tasks)} task(s) that passed in the baseline")
    root = run_command(console, RunRequest(
        suite=suite_path, models=models_path, runs_dir=runs_dir,
        offline=config.get("mode") == "offline", run_id=folder.name,
        sandbox=config.get("sandbox")))
    assert root is not None
    return history.load_run(root).results


def check_gate(console: Console, conn, current: RunData, baseline: RunData | None,
               max_drop: float, rerun: Rerun) -> GateOutcome | None:
    """Decide the gate; re-runs the pass -> fail tasks once before calling them regressions."""
    if baseline is None:
        return None
    graded = any(r["status"] not in ("model_error", "infra_error") for r in current.results)
    again = rerun_candidates(baseline.results, current.results) if graded else []
    rerun_results = rerun(current, again) if again else []
    outcome = decide(baseline.run_id, baseline.results, current.results, rerun_results, max_drop)
    history.record_gate(conn, current.run_id, "passed" if outcome.passed else "failed",
                        outcome.message())
    return outcome


def after_run(console: Console, *, run_root: Path, runs_dir: Path, baseline: str | None,
              max_drop: float, rerun: Rerun | None = None,
              max_infra_errors: InfraLimit | None = None, resume: str = "") -> GateOutcome | None:
    """Index the run, apply the gate when a baseline is given, write the reports; then raise
    NothingGraded, TooManyInfraErrors or GateError, in that order, when the run must not
    pass (an infrastructure failure explains a failed gate, not the other way round)."""
    from kateval.commands.history import open_history
    from kateval.commands.report import write_reports

    preflight(runs_dir, baseline, max_drop)
    current = history.load_run(run_root)
    conn = open_history(runs_dir)  # runs made before the database existed can be baselines too
    history.index_run(conn, current)
    outcome = None
    if baseline is not None:
        base = resolve_baseline(conn, current, baseline, runs_dir)
        if base is None:
            reason = (f"no baseline: no earlier complete run of suite {current.suite} in "
                      f"{runs_dir / history.DB_NAME}; gate skipped (this run is the first)")
            history.record_gate(conn, current.run_id, "skipped", reason)
            console.print(f"[yellow]{reason}[/]")
        else:
            rerun = rerun or (lambda run, tasks: rerun_tasks(console, run, tasks, runs_dir))
            outcome = check_gate(console, conn, current, base, max_drop, rerun)
    if outcome is not None:  # kept beside the run, so a later `kateval report` shows it too
        (run_root / GATE_FILE).write_text(json.dumps(outcome.to_dict(), indent=2) + "\n")
    paths = write_reports(current, gate=outcome.to_dict() if outcome else None)
    console.print(f"reports: {paths['report.html']} (and report.md, junit.xml, summary.json)")
    _verdict(console, outcome, run_problem(current.summary, max_infra_errors, resume))
    return outcome


def _verdict(console: Console, outcome: GateOutcome | None,
             problem: KatevalError | None) -> None:
    """Raise what makes the run fail, if anything; GitHub annotations for a failed gate."""
    if outcome is not None and not outcome.passed:
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print("\n".join(annotations(outcome)), flush=True)
        if problem is None:
            raise GateError(outcome.message())
        console.print(f"[red]{outcome.message()}[/]", highlight=False)
    if problem is not None:
        raise problem
    if outcome is not None:
        console.print(f"[green]{outcome.message()}[/]", highlight=False)
