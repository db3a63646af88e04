"""The `kateval` command line. Only this module turns errors into exit codes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
import typer.core
from rich.console import Console

from kateval.errors import KatevalError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Evaluate code LLMs on Kotlin Multiplatform tasks.")
toolchain_app = typer.Typer(no_args_is_help=True, help="Install and inspect the Kotlin toolchain.")
app.add_typer(toolchain_app, name="toolchain")
sandbox_app = typer.Typer(no_args_is_help=True, help="Build and clean the Docker sandbox.")
app.add_typer(sandbox_app, name="sandbox")
endpoints_app = typer.Typer(no_args_is_help=True, help="Check and benchmark model endpoints.")
app.add_typer(endpoints_app, name="endpoints")
task_app = typer.Typer(no_args_is_help=True, help="Make tasks from your own repositories.")
app.add_typer(task_app, name="task")
console = Console()
err_console = Console(stderr=True)

SUITE = typer.Option(..., "--suite", "-s", help="Suite YAML, e.g. suites/kotlin-core.yaml.")
MODELS = typer.Option(Path("models.yaml"), "--models", help="Endpoints and roles (models.yaml).")
RUNS = typer.Option(Path("runs"), "--runs-dir", help="Where run folders are written.")


@app.command()
def run(
    suite: Path = SUITE,
    models: Path = MODELS,
    offline: bool = typer.Option(False, "--offline", help="Use gold patches; no model endpoint."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Validate and print the plan only."),
    run_id: Optional[str] = typer.Option(None, "--run-id", help="Name the run, or resume it."),
    sandbox: Optional[str] = typer.Option(None, "--sandbox", help="local | docker (overrides the suite)."),
    runs_dir: Path = RUNS,
    baseline: Optional[str] = typer.Option(None, "--baseline", help="Run id, folder or 'latest' to gate against."),
    max_drop: float = typer.Option(0.05, "--max-drop", help="Largest allowed pass@1 drop vs the baseline."),
    replay: Optional[Path] = typer.Option(None, "--replay", help="Answer every model call from this run folder's cache; no endpoint is called."),
    force: bool = typer.Option(False, "--force", help="Resume even though task files or the compiler changed since the run began."),
    executor: Optional[str] = typer.Option(None, "--executor", help="local | ray (overrides the suite)."),
    ray_address: Optional[str] = typer.Option(None, "--ray-address", help="Ray cluster (GCS host:port) for --executor ray; default: auto, the cluster this host is in."),
) -> None:
    """Run a suite: plan, build, test and grade every sample, then summarize."""
    from kateval.commands.gate import preflight
    from kateval.commands.run import RunRequest, run_command

    if not dry_run:
        preflight(runs_dir, baseline, max_drop)
    run_root = run_command(console, RunRequest(
        suite=suite, models=models, runs_dir=runs_dir, offline=offline, dry_run=dry_run,
        run_id=run_id, sandbox=sandbox, replay=replay, force=force, executor=executor,
        ray_address=ray_address))
    if run_root is not None:
        from kateval.commands.gate import after_run

        after_run(console, run_root=run_root, runs_dir=runs_dir, baseline=baseline,
                  max_drop=max_drop)


@app.command()
def validate(
    suite: Path = SUITE,
    task: Optional[list[str]] = typer.Option(None, "--task", help="Only these task ids."),
    runs_dir: Path = RUNS,
    write_expected: bool = typer.Option(False, "--write-expected", help="Write each task's "
                                        "expected.json from its gold run."),
    gold_runs: int = typer.Option(2, "--gold-runs", min=1, help="Gold runs per task (two or "
                                  "more also catch flaky tests)."),
) -> None:
    """Check every task: hidden tests fail on the base repo, pass with the gold patch twice,
    and expected.json lists exactly the tests the gold run reports."""
    from kateval.commands.validate import validate_command

    validate_command(console, suite_path=suite, only=task or [], runs_dir=runs_dir,
                     write_expected=write_expected, gold_runs=gold_runs)


@app.command()
def rescore(run_dir: Path = typer.Argument(..., help="A run folder, e.g. runs/<run-id>.")) -> None:
    """Grade a finished run again from its artifacts alone."""
    from kateval.commands.run import rescore_command

    rescore_command(console, run_dir)


@app.command()
def report(
    run_dir: Path = typer.Argument(..., help="A run folder or id, e.g. runs/<run-id>."),
    others: Optional[list[str]] = typer.Argument(None, help="With --variants: more runs.",
                                                 show_default=False),
    variants: bool = typer.Option(False, "--variants", help="Treat the runs after RUN_DIR as "
                                  "variants of a role (kateval report RUN --variants RUN2 RUN3): "
                                  "adds a variant table and a pass@1 / tokens-per-second / cost "
                                  "chart with the Pareto front."),
    runs_dir: Path = RUNS,
) -> None:
    """Write report.html, report.md, junit.xml and summary.json for a run."""
    from kateval.commands.report import report_command

    if others and not variants:
        raise KatevalError(f"report: extra runs {' '.join(others)} given; to compare them as "
                           "variants write: kateval report RUN --variants RUN2 RUN3")
    report_command(console, run_dir, variants=others or [], runs_dir=runs_dir)


@app.command()
def history(
    task: Optional[str] = typer.Option(None, "--task", help="Show one task over time."),
    runs_dir: Path = RUNS,
) -> None:
    """List past runs (or one task over time) from the history database."""
    from kateval.commands.report import history_command

    history_command(console, runs_dir=runs_dir, task=task)


@app.command()
def compare(run_a: str = typer.Argument(..., help="Baseline run id or folder."),
            run_b: str = typer.Argument(..., help="Candidate run id or folder."),
            runs_dir: Path = RUNS) -> None:
    """Per-task flips, pass@1 difference with a significance test, latency and cost changes."""
    from kateval.commands.report import compare_command

    compare_command(console, run_a=run_a, run_b=run_b, runs_dir=runs_dir)


@app.command("import")
def import_(
    fmt: str = typer.Argument(..., metavar="FORMAT", help="exercism | multipl-e"),
    source: Path = typer.Argument(..., help="A local copy of the benchmark (folder or file)."),
    into: Path = typer.Option(..., "--into", help="Folder the tasks (and a suite) are written to."),
) -> None:
    """Turn a local copy of an existing benchmark into kateval tasks."""
    from kateval.importers import import_command

    import_command(console, fmt, source, into)


@sandbox_app.command("build")
def sandbox_build(force: bool = typer.Option(False, "--force", help="Rebuild even if the tag exists."),
                  toolchain: str = typer.Option("kotlinc", "--toolchain", help="kotlinc: the kotlin-jvm image; gradle: the kotlin-gradle image (needs Maven Central).")) -> None:
    """Build the kotlin-jvm sandbox image (Dockerfile, or debootstrap without a registry)."""
    if toolchain == "gradle":
        from kateval.commands.sandbox_gradle import build_gradle_image

        return build_gradle_image(console, force=force)
    if toolchain not in ("kotlinc", "warm"):
        raise KatevalError(f"--toolchain {toolchain}: choose kotlinc or gradle")
    from kateval.commands.sandbox import build_command

    build_command(console, force=force)


@task_app.command("new")
def task_new(
    from_git: Path = typer.Option(..., "--from-git", help="A local git repository (its folder)."),
    base: str = typer.Option(..., "--base", help="The revision the model starts from."),
    gold: str = typer.Option(..., "--gold", help="The revision with the change and its tests."),
    tests: Optional[list[str]] = typer.Option(None, "--tests", help="Globs of test files (default: src/*Test/**, src/test/**, also in subprojects)."),
    editable: Optional[list[str]] = typer.Option(None, "--editable", help="Globs the model may change (default: the source sets the gold change touches)."),
    task_id: str = typer.Option(..., "--id", help="The task id (its folder name)."),
    into: Path = typer.Option(Path("tasks"), "--into", help="Folder the task is written to."),
) -> None:
    """Write a task folder from two revisions of a git repository (toolchain gradle)."""
    from kateval.commands.task_new import DEFAULT_TESTS, FromGit, task_new_command

    task_new_command(console, FromGit(repo=from_git, base=base, gold=gold, task_id=task_id,
                                      into=into, tests=tests or DEFAULT_TESTS,
                                      editable=editable or []))


@sandbox_app.command("prune")
def sandbox_prune() -> None:
    """Remove containers that crashed runs left behind."""
    from kateval.commands.sandbox import prune_command

    prune_command(console)


@endpoints_app.command("check")
def endpoints_check(models: Path = MODELS) -> None:
    """List /v1/models per endpoint, send one tiny request per role, print latency and tok/s."""
    from kateval.commands.endpoints import check_command

    check_command(console, models_path=models)


@endpoints_app.command("bench")
def endpoints_bench(
    models: Path = MODELS,
    role: str = typer.Option("builder", "--role", help="judge | builder | fallback"),
    concurrency: str = typer.Option("1,4,16", "--concurrency", help="Comma-separated levels."),
    requests: int = typer.Option(16, "--requests", help="Requests per concurrency level."),
) -> None:
    """TTFT p50/p95, request rate and tokens per second at each concurrency level."""
    from kateval.commands.endpoints import bench_command

    bench_command(console, models_path=models, role=role, concurrency=concurrency,
                  requests=requests)


@app.command()
def doctor(
    executor: str = typer.Option("local", "--executor", help="ray: also list the cluster's nodes, slots and toolchains."),
    ray_address: Optional[str] = typer.Option(None, "--ray-address", help="Ray cluster for --executor ray (default: auto)."),
) -> None:
    """List every prerequisite, its version, and how to fix what is missing."""
    from kateval.commands.doctor import doctor_command

    doctor_command(console, executor, ray_address)


@toolchain_app.command("install")
def toolchain_install(force: bool = typer.Option(False, "--force", help="Reinstall.")) -> None:
    """Fetch the pinned compiler and JS test runner; build the warm server and CDS archive."""
    from kateval.toolchains import install

    with console.status("installing the toolchain (compiler, mocha, warm server, CDS) ..."):
        paths = install.install_all(force=force, log=console.print)
    console.print(f"JUnit console launcher: {paths.junit_console}")


def _click_exceptions():
    """The click that typer runs on: its vendored copy (typer >= 0.17) or the click package."""
    vendored = getattr(typer.core, "_click", None)
    if vendored is not None:
        return vendored.exceptions
    import click  # older typer depends on click itself

    return click.exceptions


def _usage_error(exc: BaseException) -> int | None:
    """Print a usage mistake as one line; the exit code, or None for anything else."""
    errors = _click_exceptions()
    aborts = tuple(c for c in (typer.Abort, getattr(errors, "Abort", None)) if c is not None)
    if isinstance(exc, aborts):
        err_console.print("aborted")
        return 130
    if not isinstance(exc, errors.ClickException):
        return None
    if type(exc).__name__ == "NoArgsIsHelpError":  # `kateval` alone: the help, as asked
        exc.show()
        return 2
    ctx = getattr(exc, "ctx", None)
    hint = f" (see: {ctx.command_path} --help)" if ctx is not None else ""
    message = " ".join(exc.format_message().split())
    err_console.print(f"[bold red]error:[/] {message}{hint}", highlight=False, soft_wrap=True,
                      markup=True)
    return exc.exit_code


def main() -> None:
    try:
        code = app(standalone_mode=False)
    except KatevalError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True,
                          markup=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err_console.print("interrupted")
        sys.exit(130)
    except Exception as exc:  # typer's (click's) own usage errors
        code = _usage_error(exc)
        if code is None:
            raise
        sys.exit(code)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
