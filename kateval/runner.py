"""Execute a run: hand its unfinished (task x sample) units to the executor, record each
result as it arrives, and summarize. One sample's attempts live in kateval/sample.py."""

from __future__ import annotations

import threading

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from kateval.errors import InfraError, KatevalError
from kateval.executors import SampleOutput, SampleSpec, make_executor
from kateval.models import accounting, occupancy
from kateval.models.server_metrics import ServerMetrics, metrics_url
from kateval.sample import RunPlan, crash_record, set_aside
from kateval.scoring import summarize, task_info
from kateval.tasks import Task


def _record_of(plan: RunPlan, task: Task, sample: int, outcome) -> dict:
    if isinstance(outcome, SampleOutput):
        _write_output(plan, task, sample, outcome)
        return outcome.record
    if isinstance(outcome, dict):
        return outcome
    if isinstance(outcome, KatevalError) and not isinstance(outcome, InfraError):
        raise outcome  # a configuration mistake found while running: stop the run
    return crash_record(task, sample, outcome)


def execute(plan: RunPlan, progress_console=None, stop: threading.Event | None = None) -> dict:
    """Run every unfinished unit on the suite's executor, append results as they finish, and
    write summary.json.

    On an exception in the main thread (Ctrl-C, SIGTERM, a configuration error) no new work
    starts, model calls in flight are cancelled and open sandboxes closed, then it re-raises."""
    done = plan.run.finished()
    todo = [(t, n) for t, n in plan.units() if (t.id, n) not in done]
    stop = stop or threading.Event()
    occupancy.reset()
    scraper = ServerMetrics(_metrics_urls(plan)).start()
    tasks = {t.id: t for t in plan.tasks}
    executor = make_executor(plan.suite.executor, plan, stop, plan.executor_address)
    columns = [TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn(), TextColumn("{task.fields[last]}")]
    with Progress(*columns, console=progress_console, transient=False) as progress:
        bar = progress.add_task(plan.suite.name, total=len(plan.units()),
                                completed=len(plan.units()) - len(todo), last="")
        try:
            executor.start([_spec(plan, t, n) for t, n in todo])
            for _ in range(len(todo)):
                spec, outcome = executor.next()
                task = tasks[spec.task_id]
                record = _record_of(plan, task, spec.sample, outcome)
                _save(plan, record, progress)
                progress.update(bar, advance=1,
                                last=f"{record['task']}#{record['sample']}: {record['status']}")
        except BaseException:
            executor.stop()
            raise
        finally:
            slots = _slot_usage(executor)
            executor.close()
            plan.server_metrics = scraper.stop()
            _save_engine(plan, slots)
    return write_summary(plan)


def _slot_usage(executor) -> dict:
    try:
        return executor.slot_usage()
    except Exception:  # noqa: BLE001 - a figure lost with its workers never fails the run
        return {}


def _save_engine(plan: RunPlan, slots: dict) -> None:
    """How busy this execution kept the endpoints and build slots (engine.json): a summary
    written again later (a report, a rescore) still shows the run's own figures."""
    engine = {"endpoints": occupancy.snapshot(), "build_slots": slots}
    for name, server in plan.server_metrics.items():
        engine["endpoints"].setdefault(name, {})["server"] = server
    try:
        plan.run.write_json("engine.json", engine)
    except OSError:
        pass  # the summary still has them in this process


def _metrics_urls(plan: RunPlan) -> dict[str, str]:
    """Each endpoint the run calls, by name: its /metrics address (none offline or replayed)."""
    clients = getattr(plan.solver, "clients", None) or {}
    urls = {}
    for client in clients.values():
        if getattr(client.cache, "replay_only", False):
            continue
        url = client.endpoint.metrics_url or metrics_url(client.endpoint.base_url)
        if url != "none":
            urls[client.name] = url
    return urls


def _spec(plan: RunPlan, task: Task, sample: int) -> SampleSpec:
    return SampleSpec(task.id, sample, plan.max_attempts, plan.task_hash(task))


def _write_output(plan: RunPlan, task: Task, sample: int, output: SampleOutput) -> None:
    """Artifacts of a sample that ran elsewhere land in the one run folder, as if it ran here."""
    sample_dir = plan.run.sample_dir(task.id, sample)
    set_aside(sample_dir)
    for root, files in ((sample_dir, output.files), (plan.run.root / "cache", output.cache)):
        for rel, data in files.items():
            path = (root / rel).resolve()
            if not path.is_relative_to(root.resolve()):
                raise InfraError(f"{task.id}#{sample}: a worker returned the path '{rel}', "
                                 "outside the sample folder")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


def _save(plan: RunPlan, record: dict, progress) -> None:
    """Append one result; a failure to write it is reported and the run goes on."""
    try:
        plan.run.append_result(record)
    except OSError as exc:
        progress.console.print(f"[red]could not record {record['task']}#{record['sample']}: "
                               f"{exc}[/]; it will run again on resume", highlight=False)
        return
    for hook in plan.on_result:
        try:
            hook(record)
        except Exception as exc:  # a hook (history, progress) must not end the run
            progress.console.print(f"[yellow]result hook failed: {exc}[/]", highlight=False)


NO_ISOLATION = "sandbox none: model code ran on this machine without isolation"


def write_summary(plan: RunPlan) -> dict:
    latest = plan.run.latest_results()
    results = [latest[(t.id, n)] for t, n in plan.units() if (t.id, n) in latest]
    summary = summarize(results, plan.suite.k, plan.max_attempts, task_info(plan.tasks))
    models = plan.run.read_json("run.json")["config"].get("models") if plan.run.exists() else None
    prices = (models or {}).get("endpoints", {})
    sample_dirs = [plan.run.sample_dir(r["task"], r["sample"]) for r in results]
    summary["roles"] = accounting.by_role(accounting.read_calls(sample_dirs), prices)
    summary |= accounting.edit_rates(results)
    costs = [r["cost_usd"] for r in summary["roles"].values() if r["cost_usd"] is not None]
    summary["cost_usd"] = round(sum(costs), 6) if costs else None
    summary["infra_error_details"] = sorted({r["detail"] for r in results
                                             if r["status"] == "infra_error"})[:10]
    summary["run_id"] = plan.run.root.name
    summary["suite"] = plan.suite.name
    summary["sandbox"] = plan.suite.sandbox
    if plan.suite.sandbox == "none":
        summary["warning"] = NO_ISOLATION
    engine = plan.run.read_json("engine.json") if (plan.run.root / "engine.json").is_file() else {}
    if engine.get("endpoints"):
        summary["endpoints"] = engine["endpoints"]
    if engine.get("build_slots", {}).get("peak"):
        summary["build_slots"] = engine["build_slots"]
    summary["planned"] = len(plan.units())
    summary["complete"] = len(results) == len(plan.units())
    plan.run.write_json("summary.json", summary)
    return summary


class Interrupted(KatevalError):
    exit_code = 130
