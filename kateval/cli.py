"""The `kateval` command line. Only this module turns errors into exit codes (README, "Exit
codes"). Every option can also be set by an environment variable (KATEVAL_...), shown in
--help: one name for options that mean the same in every command (KATEVAL_RUNS_DIR), a
command's prefix where they do not (KATEVAL_BENCH_CONCURRENCY)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from kateval.errors import ConfigError

app = typer.Typer(add_completion=True, no_args_is_help=True, pretty_exceptions_enable=False,
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


def opt(default, *flags: str, env: str, help: str, **kw):
    """A typer option that an environment variable KATEVAL_<env> can also set."""
    return typer.Option(default, *flags, envvar=f"KATEVAL_{env}", help=help, **kw)


SUITE = opt(..., "--suite", "-s", env="SUITE", help="Suite YAML, e.g. suites/kotlin-core.yaml.")
MODELS = opt(Path("models.yaml"), "--models", env="MODELS", help="Endpoints and roles (models.yaml).")
RUNS = opt(Path("runs"), "--runs-dir", env="RUNS_DIR", help="Where run folders are written.")
JSON = opt(False, "--json", env="JSON", help="Print JSON (for scripts) instead of tables.")
EXECUTOR_HELP = "local | ray (overrides the suite)."
RAY_HELP = "Ray cluster (GCS host:port) for --executor ray; default: auto, the cluster this host is in."


def _version(value: bool) -> None:
    if value:
        from kateval.runs import kateval_git_sha, version_label

        console.print(version_label(kateval_git_sha()), highlight=False)
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print kateval's version and exit.")) -> None:
    """Evaluate code LLMs on Kotlin Multiplatform tasks."""


@app.command()
def run(
    suite: Path = SUITE,
    models: Path = MODELS,
    offline: bool = opt(False, "--offline", env="OFFLINE", help="Use gold patches; no model endpoint."),
    dry_run: bool = opt(False, "--dry-run", env="DRY_RUN", help="Validate and print the plan only."),
    run_id: Optional[str] = opt(None, "--run-id", env="RUN_ID", help="Name the run, or resume it."),
    sandbox: Optional[str] = opt(None, "--sandbox", env="SANDBOX", help="local | docker | none (overrides the suite)."),
    runs_dir: Path = RUNS,
    task: Optional[list[str]] = opt(None, "--task", env="TASK", metavar="GLOB", help="Only the suite's tasks matching GLOB (repeatable; fnmatch, e.g. 'fn-*')."),
    limit: Optional[int] = opt(None, "--limit", env="LIMIT", min=1, help="Only the first N tasks (after --task)."),
    samples: Optional[int] = opt(None, "--samples", env="SAMPLES", min=1, help="Samples per task (overrides the suite; pass@k above it is left out)."),
    max_samples: Optional[int] = opt(None, "--max-samples", env="MAX_SAMPLES", min=1, help="Samples in flight, mostly waiting on endpoints (overrides the suite)."),
    build_slots: Optional[int] = opt(None, "--build-slots", env="BUILD_SLOTS", min=1, help="Samples building and testing at once (default: the cores available)."),
    role: Optional[list[str]] = opt(None, "--role", env="ROLE", metavar="ROLE=ENDPOINT", help="Let a models.yaml endpoint play a role, e.g. builder=qwen-coder (repeatable)."),
    baseline: Optional[str] = opt(None, "--baseline", env="BASELINE", help="Run id, folder, 'latest' or 'last-good' to gate against."),
    max_drop: float = opt(0.05, "--max-drop", env="MAX_DROP", help="Largest allowed pass@1 drop vs the baseline."),
    max_infra_errors: Optional[str] = opt(None, "--max-infra-errors", env="MAX_INFRA_ERRORS", metavar="N|P%", help="Fail (exit 6) when more samples than this end infra_error: a count (3) or a share (10%)."),
    replay: Optional[Path] = opt(None, "--replay", env="REPLAY", help="Answer every model call from this run folder's cache; no endpoint is called."),
    force: bool = opt(False, "--force", env="RUN_FORCE", help="Resume even though task files or the compiler changed since the run began."),
    executor: Optional[str] = opt(None, "--executor", env="EXECUTOR", help=EXECUTOR_HELP),
    ray_address: Optional[str] = opt(None, "--ray-address", env="RAY_ADDRESS", help=RAY_HELP),
) -> None:
    """Run a suite: plan, build, test and grade every sample, then summarize."""
    from kateval.commands.gate import after_run, parse_infra_limit, preflight
    from kateval.commands.overrides import Overrides
    from kateval.commands.run import RunRequest, resume_hint, run_command

    limit_infra = parse_infra_limit(max_infra_errors)
    if not dry_run:
        preflight(runs_dir, baseline, max_drop)
    judge_args = [a for flag, value in (("--baseline", baseline), ("--max-infra-errors",
                                                                   max_infra_errors))
                  if value is not None for a in (flag, value)]
    if baseline is not None:
        judge_args += ["--max-drop", f"{max_drop:g}"]
    request = RunRequest(
        suite=suite, models=models, runs_dir=runs_dir, offline=offline, dry_run=dry_run,
        run_id=run_id, sandbox=sandbox, replay=replay, force=force, executor=executor,
        ray_address=ray_address, judge_args=tuple(judge_args),
        overrides=Overrides(tasks=tuple(task or ()), limit=limit, samples=samples,
                            max_samples=max_samples, build_slots=build_slots,
                            roles=tuple(role or ())))
    run_root = run_command(console, request)
    if run_root is not None:
        after_run(console, run_root=run_root, runs_dir=runs_dir, baseline=baseline,
                  max_drop=max_drop, max_infra_errors=limit_infra,
                  resume=resume_hint(request, run_root.name))


@app.command()
def validate(
    suite: Path = SUITE,
    task: Optional[list[str]] = opt(None, "--task", env="VALIDATE_TASK", help="Only these task ids."),
    runs_dir: Path = RUNS,
    write_expected: bool = opt(False, "--write-expected", env="WRITE_EXPECTED", help="Write each task's expected.json from its gold run."),
    gold_runs: int = opt(2, "--gold-runs", env="GOLD_RUNS", min=1, help="Gold runs per task (two or more also catch flaky tests)."),
    mutants: bool = opt(False, "--mutants", env="MUTANTS", help="Also grade small wrong versions of each valid task's gold solution (mutants.json): fail when its hidden tests let too many pass."),
    max_mutants: int = opt(12, "--max-mutants", env="MAX_MUTANTS", min=1, help="With --mutants: mutants per task, spread over the operators."),
    min_kill: float = opt(0.8, "--min-kill", env="MIN_KILL", min=0.0, max=1.0, help="With --mutants: the share of compiling mutants each task's tests must kill, per target."),
) -> None:
    """Check every task: hidden tests fail on the base repo, pass with the gold patch twice,
    and expected.json lists exactly the tests the gold run reports."""
    from kateval.commands.mutants import MutantOptions
    from kateval.commands.validate import validate_command

    validate_command(console, suite_path=suite, only=task or [], runs_dir=runs_dir,
                     write_expected=write_expected, gold_runs=gold_runs,
                     mutants=MutantOptions(max_mutants, min_kill) if mutants else None)


@app.command()
def rescore(run_dir: str = typer.Argument(..., metavar="RUN", help="A run id or folder, e.g. runs/<run-id>."),
            runs_dir: Path = RUNS) -> None:
    """Grade a finished run again from its artifacts alone."""
    from kateval.commands.rescore import rescore_command

    rescore_command(console, run_dir, runs_dir)


@app.command()
def report(
    run_dir: Path = typer.Argument(..., help="A run folder or id, e.g. runs/<run-id>."),
    others: Optional[list[str]] = typer.Argument(None, help="With --variants: more runs.",
                                                 show_default=False),
    variants: bool = opt(False, "--variants", env="VARIANTS", help="Treat the runs after RUN_DIR as "
                         "variants of a role (kateval report RUN --variants RUN2 RUN3): also "
                         "writes report-variants.html and .md in RUN's folder, with the variant "
                         "table, its Pareto front, charts and a per-task A/B view with flips."),
    runs_dir: Path = RUNS,
) -> None:
    """Write report.html, report.md, junit.xml and summary.json for a run."""
    from kateval.commands.report import report_command

    if others and not variants:
        raise ConfigError(f"report: extra runs {' '.join(others)} given; to compare them as "
                          "variants write: kateval report RUN --variants RUN2 RUN3")
    report_command(console, run_dir, variants=others or [], runs_dir=runs_dir)


@app.command()
def history(
    task: Optional[str] = opt(None, "--task", env="HISTORY_TASK", help="Show one task over time."),
    runs_dir: Path = RUNS,
    as_json: bool = JSON,
) -> None:
    """List past runs (or one task over time) from the history database."""
    from kateval.commands.history import history_command

    history_command(console, runs_dir=runs_dir, task=task, as_json=as_json)


@app.command()
def compare(run_a: str = typer.Argument(..., help="Baseline run id or folder."),
            run_b: str = typer.Argument(..., help="Candidate run id or folder."),
            runs_dir: Path = RUNS, as_json: bool = JSON) -> None:
    """Per-task flips, pass@1 difference with a significance test, latency and cost changes."""
    from kateval.commands.compare import compare_command

    compare_command(console, run_a=run_a, run_b=run_b, runs_dir=runs_dir, as_json=as_json)


@app.command("import")
def import_(
    fmt: str = typer.Argument(..., metavar="FORMAT", help="exercism | multipl-e | mxeval"),
    source: Path = typer.Argument(..., help="A local copy of the benchmark (folder or file)."),
    into: Path = opt(..., "--into", env="IMPORT_INTO", help="Folder the tasks (and a suite) are written to."),
) -> None:
    """Turn a local copy of an existing benchmark into kateval tasks."""
    from kateval.importers import import_command

    import_command(console, fmt, source, into)


@sandbox_app.command("build")
def sandbox_build(
    force: bool = opt(False, "--force", env="SANDBOX_BUILD_FORCE", help="Rebuild even if the tag exists."),
    toolchain: str = opt("kotlinc", "--toolchain", env="SANDBOX_TOOLCHAIN", help="kotlinc: the kotlin-jvm image; gradle: the kotlin-gradle image (needs Maven Central)."),
) -> None:
    """Build the kotlin-jvm sandbox image (Dockerfile, or debootstrap without a registry)."""
    if toolchain == "gradle":
        from kateval.commands.sandbox_gradle import build_gradle_image

        return build_gradle_image(console, force=force)
    if toolchain not in ("kotlinc", "warm"):
        raise ConfigError(f"--toolchain {toolchain}: choose kotlinc or gradle")
    from kateval.commands.sandbox import build_command

    build_command(console, force=force)


@task_app.command("new")
def task_new(
    from_git: Path = opt(..., "--from-git", env="TASK_NEW_FROM_GIT", help="A local git repository (its folder)."),
    base: str = opt(..., "--base", env="TASK_NEW_BASE", help="The revision the model starts from."),
    gold: str = opt(..., "--gold", env="TASK_NEW_GOLD", help="The revision with the change and its tests."),
    tests: Optional[list[str]] = opt(None, "--tests", env="TASK_NEW_TESTS", help="Globs of test files (default: src/*Test/**, src/test/**, also in subprojects)."),
    editable: Optional[list[str]] = opt(None, "--editable", env="TASK_NEW_EDITABLE", help="Globs the model may change (default: the source sets the gold change touches)."),
    task_id: str = opt(..., "--id", env="TASK_NEW_ID", help="The task id (its folder name)."),
    into: Path = opt(Path("tasks"), "--into", env="TASK_NEW_INTO", help="Folder the task is written to."),
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
def endpoints_check(models: Path = MODELS, as_json: bool = JSON) -> None:
    """List /v1/models per endpoint, send one tiny request per role, print latency and tok/s."""
    from kateval.commands.endpoints import check_command

    check_command(console, models_path=models, as_json=as_json)


@endpoints_app.command("bench")
def endpoints_bench(
    models: Path = MODELS,
    role: str = opt("builder", "--role", env="BENCH_ROLE", help="judge | builder | fallback"),
    concurrency: str = opt("1,4,16", "--concurrency", env="BENCH_CONCURRENCY", help="Comma-separated levels."),
    requests: int = opt(16, "--requests", env="BENCH_REQUESTS", min=1, help="Requests per concurrency level."),
    as_json: bool = JSON,
) -> None:
    """TTFT p50/p95, request rate and tokens per second at each concurrency level."""
    from kateval.commands.endpoints import bench_command

    bench_command(console, models_path=models, role=role, concurrency=concurrency,
                  requests=requests, as_json=as_json)


@app.command()
def doctor(
    executor: str = opt("local", "--executor", env="EXECUTOR", help="ray: also list the cluster's nodes, slots and toolchains."),
    ray_address: Optional[str] = opt(None, "--ray-address", env="RAY_ADDRESS", help=RAY_HELP),
    as_json: bool = JSON,
) -> None:
    """List every prerequisite, its version, and how to fix what is missing."""
    from kateval.commands.doctor import doctor_command

    doctor_command(console, executor, ray_address, as_json=as_json)


@toolchain_app.command("install")
def toolchain_install(force: bool = opt(False, "--force", env="TOOLCHAIN_INSTALL_FORCE", help="Reinstall.")) -> None:
    """Fetch the pinned compiler and JS test runner; build the warm server and CDS archive."""
    from kateval.toolchains import install

    with console.status("installing the toolchain (compiler, mocha, warm server, CDS) ..."):
        paths = install.install_all(force=force, log=console.print)
    console.print(f"JUnit console launcher: {paths.junit_console}")


def main() -> None:
    from kateval.commands.exits import run_app

    run_app(app)


if __name__ == "__main__":
    main()
