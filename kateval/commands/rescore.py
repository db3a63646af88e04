"""`kateval rescore`: grade a finished run again from its artifacts alone."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError
from rich.console import Console

from kateval.commands.run import results_table
from kateval.config import Suite
from kateval.errors import ConfigError
from kateval.grading import grade
from kateval.report import markdown
from kateval.runner import write_summary
from kateval.sample import RunPlan
from kateval.runs import RunDir, RunLock
from kateval.scoring import NOT_MODEL
from kateval.tasks import Task, load_task


def find_run_folder(ref: str, runs_dir: Path) -> Path:
    """A run folder given as a path or as a run id under runs_dir."""
    for candidate in (Path(ref), Path(runs_dir) / ref):
        if (candidate / "run.json").is_file():
            return candidate
    raise ConfigError(f"run '{ref}': no run folder {ref} or {Path(runs_dir) / ref} (a folder "
                      "with run.json); check the id with `kateval history`")


def _regrade(task: Task, sample_dir: Path, record: dict) -> dict:
    """The sample's record with every attempt graded again from its artifacts. The sample's
    status is that of its first passing attempt, else of its last."""
    attempts = []
    for old in record.get("attempts", []):
        attempt_dir = sample_dir / f"attempt-{old['attempt']}"
        if old["status"] in NOT_MODEL or not attempt_dir.is_dir():
            attempts.append(old)
            continue
        new = grade(task.spec, attempt_dir)
        attempts.append(old | {"status": new.status, "detail": new.detail, "counts": new.counts})
        if new.status == "passed":
            break
    if not attempts:
        return record
    last = attempts[-1]
    passed = last["status"] == "passed"
    return record | {"status": last["status"], "detail": last["detail"], "attempts": attempts,
                     "producer": last.get("producer", record.get("producer", "")),
                     "pass_attempt": len(attempts) if passed else None}


def _suite_of(run: RunDir, meta: dict) -> Suite:
    """The run's suite from run.json, which must also name its mode and tasks_dir."""
    config = meta.get("config") if isinstance(meta.get("config"), dict) else {}
    try:
        if not meta.get("tasks_dir") or config.get("mode") not in ("offline", "models"):
            raise ValueError("no tasks_dir or mode")
        return Suite.model_validate(config.get("suite"))
    except (ValueError, ValidationError):  # pydantic's ValidationError is a ValueError too
        raise ConfigError(f"{run.root / 'run.json'}: not a run.json kateval wrote (config.suite, "
                          "config.mode and tasks_dir are needed to rescore)") from None


def _load_tasks(tasks_dir: Path, ids: set[str], run: RunDir) -> dict[str, Task]:
    missing = sorted(t for t in ids if not (tasks_dir / t / "task.yaml").is_file())
    if missing:
        raise ConfigError(f"{run.root / 'run.json'}: tasks_dir {tasks_dir} has no task "
                          f"{', '.join(missing[:5])}; rescoring needs the run's task folders")
    return {t: load_task(tasks_dir / t) for t in sorted(ids)}


def rescore_command(console: Console, ref: str, runs_dir: Path = Path("runs")) -> None:
    """Regrade every attempt from its artifacts and rewrite results.jsonl and summary.json."""
    run = RunDir(find_run_folder(ref, runs_dir))
    meta = run.read_json("run.json")
    suite = _suite_of(run, meta)
    flips: list[str] = []
    records = run.latest_results()
    tasks = _load_tasks(Path(meta["tasks_dir"]), {k[0] for k in records}, run)
    with RunLock(run.root):
        for (task_id, sample), record in sorted(records.items()):
            if record["status"] in NOT_MODEL:
                continue
            new = _regrade(tasks[task_id], run.sample_dir(task_id, sample), record)
            if new != record:
                if new["status"] != record["status"]:
                    flips.append(f"{task_id}#{sample}: {record['status']} -> {new['status']}")
                run.append_result(new)
        max_attempts = 1 if meta["config"]["mode"] == "offline" else suite.max_attempts
        plan = RunPlan(suite, list(tasks.values()), run, None, None,  # type: ignore[arg-type]
                       max_attempts)
        summary = write_summary(plan)
    (run.root / "report.md").write_text(markdown.render(summary, meta["config"]))
    console.print(results_table(summary))
    for flip in flips:
        console.print(f"  flip {flip}", highlight=False, markup=False)
    console.print(f"rescored {len(records)} samples; {len(flips)} changed status")
