"""The regression gate, as pure functions of baseline, current and re-run sample results.

A run fails the gate when
  * its pass@1 (mean per-task pass rate over the tasks graded in both runs) is lower than the
    baseline's by more than max_drop, or
  * a task that passed in the baseline (every graded sample passed) fails now (no graded sample
    passed) and fails again when re-run once more. A task that passes on the re-run is a flaky
    flip: reported, never gated.
Samples with model_error or infra_error are not the model's outcome, but a task of the current
run with no graded sample at all counts as not passed (pass rate 0, verdict fail), and the gate
says so: a regression must not hide behind errors. A run with no graded sample at all cannot be
judged and fails the gate.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kateval.compare import task_pass_rates, task_verdicts

# Float noise must not turn a drop of exactly max_drop into a failure.
EPSILON = 1e-9


@dataclass(frozen=True)
class GateOutcome:
    """What the gate decided, and every number behind it."""

    baseline: str
    max_drop: float
    passed: bool
    reasons: list[str] = field(default_factory=list)
    pass1_baseline: float | None = None
    pass1_current: float | None = None
    tasks_compared: int = 0
    regressions: dict[str, list[str]] = field(default_factory=dict)
    flaky: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def drop(self) -> float | None:
        """Baseline pass@1 minus current pass@1 over the common tasks (positive = worse)."""
        if self.pass1_baseline is None or self.pass1_current is None:
            return None
        return self.pass1_baseline - self.pass1_current

    def message(self) -> str:
        """One line: why the gate failed (or that it passed), naming the baseline."""
        if self.passed:
            flaky = (f"; {len(self.flaky)} flaky flip(s) not gated: "
                     f"{', '.join(sorted(self.flaky))}") if self.flaky else ""
            return (f"gate passed vs baseline {self.baseline}: pass@1 "
                    f"{_fmt(self.pass1_baseline)} -> {_fmt(self.pass1_current)} over "
                    f"{self.tasks_compared} tasks (max drop {self.max_drop:g}){flaky}")
        return f"gate failed vs baseline {self.baseline}: " + "; ".join(self.reasons)

    def to_dict(self) -> dict:
        """JSON-ready, for report.md and report.html."""
        return {"baseline": self.baseline, "max_drop": self.max_drop, "passed": self.passed,
                "reasons": self.reasons, "pass1_baseline": self.pass1_baseline,
                "pass1_current": self.pass1_current, "drop": self.drop,
                "tasks_compared": self.tasks_compared, "regressions": self.regressions,
                "flaky": self.flaky, "notes": self.notes, "message": self.message()}


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _statuses(results: list[dict], task: str) -> list[str]:
    return [r["status"] for r in results if r["task"] == task]


def _verdicts(results: list[dict]) -> dict[str, str]:
    """task_verdicts, with a task that has no graded sample counted as a fail."""
    return {t: "fail" if v == "ungraded" else v for t, v in task_verdicts(results).items()}


def _ungraded(results: list[dict]) -> list[str]:
    return sorted(t for t, v in task_verdicts(results).items() if v == "ungraded")


def rerun_candidates(baseline: list[dict], current: list[dict]) -> list[str]:
    """Tasks that passed in the baseline and fail now (or have no graded sample): these get
    one more run."""
    before, now = task_verdicts(baseline), _verdicts(current)
    return sorted(t for t, v in now.items() if v == "fail" and before.get(t) == "pass")


def decide(baseline_id: str, baseline: list[dict], current: list[dict], rerun: list[dict],
           max_drop: float) -> GateOutcome:
    """The gate's verdict. `rerun` holds the re-run results of rerun_candidates()."""
    rates_b, rates_c = task_pass_rates(baseline), task_pass_rates(current)
    graded_now = bool(rates_c)
    ungraded = _ungraded(current)
    rates_c |= {t: 0.0 for t in ungraded}
    common = sorted(set(rates_b) & set(rates_c))
    notes = []
    if ungraded:
        notes.append(f"{len(ungraded)} task(s) with no graded sample counted as not passed: "
                     f"{', '.join(ungraded)}")
    if set(rates_b) - set(rates_c):
        notes.append(f"{len(set(rates_b) - set(rates_c))} baseline task(s) not graded in this run")
    if set(rates_c) - set(rates_b):
        notes.append(f"{len(set(rates_c) - set(rates_b))} task(s) new since the baseline")
    errors = sum(1 for r in current if r["status"] in ("model_error", "infra_error"))
    if errors:
        notes.append(f"{errors} sample(s) not graded (model or infra errors)")
    if not graded_now:
        return GateOutcome(baseline_id, max_drop, False, notes=notes, reasons=[
            f"no graded sample in this run ({errors} model/infra errors); the model's quality "
            "cannot be judged: check the endpoints and `kateval doctor`"])
    if not common:
        return GateOutcome(baseline_id, max_drop, False, notes=notes, reasons=[
            "no task graded in both runs; pick a baseline of the same suite"])
    p1_b = sum(rates_b[t] for t in common) / len(common)
    p1_c = sum(rates_c[t] for t in common) / len(common)
    reasons = []
    if p1_b - p1_c > max_drop + EPSILON:
        reasons.append(f"pass@1 dropped by {p1_b - p1_c:.3f} ({p1_b:.3f} -> {p1_c:.3f} over "
                       f"{len(common)} tasks), more than --max-drop {max_drop:g}")
    again = _verdicts(rerun)
    regressions, flaky = {}, {}
    for task in rerun_candidates(baseline, current):
        history = _statuses(current, task) + _statuses(rerun, task)
        if again.get(task) == "fail":
            regressions[task] = history
        else:  # passed (or partly, or could not be graded) on the re-run: not a clean regression
            flaky[task] = history
    if regressions:
        listed = ", ".join(f"{t} ({' then '.join(s)})" for t, s in sorted(regressions.items()))
        reasons.append(f"{len(regressions)} task(s) passed in the baseline but failed on both "
                       f"runs: {listed}")
    return GateOutcome(baseline_id, max_drop, not reasons, reasons, p1_b, p1_c, len(common),
                       regressions, flaky, notes)


def _escape(text: str, prop: bool = False) -> str:
    """GitHub's workflow-command escaping (the toolkit's escapeData / escapeProperty)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def annotation(title: str, message: str) -> str:
    """One `::error title=...::...` line: GitHub Actions shows it on the run's summary."""
    return f"::error title={_escape(title, prop=True)}::{_escape(message)}"


def annotations(outcome: GateOutcome) -> list[str]:
    """One annotation per regression, and one for a pass@1 drop beyond --max-drop."""
    lines = [annotation(f"kateval regression: {task}",
                        f"{task} passed in baseline {outcome.baseline} but failed on both runs "
                        f"({' then '.join(statuses)})")
             for task, statuses in sorted(outcome.regressions.items())]
    drop = outcome.drop
    if drop is not None and drop > outcome.max_drop + EPSILON:
        lines.append(annotation("kateval pass@1 drop",
                                f"pass@1 {_fmt(outcome.pass1_baseline)} -> "
                                f"{_fmt(outcome.pass1_current)} vs baseline {outcome.baseline} "
                                f"(drop {drop:.3f} > --max-drop {outcome.max_drop:g})"))
    if not outcome.passed and not lines:
        lines.append(annotation("kateval gate failed", outcome.message()))
    return lines
