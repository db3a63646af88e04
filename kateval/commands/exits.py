"""How the command line ends: every error one line on stderr and an exit code that says what
kind of failure it was (README, "Exit codes"); never a traceback on the terminal."""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
import traceback

import typer
import typer.core
from rich.console import Console

from kateval.errors import KatevalError

INTERRUPTED, INFRA, BUG = 130, 4, 70
err_console = Console(stderr=True)


def say(message: str) -> None:
    """One line on stderr, however long: a CI log or a terminal wraps it, not we."""
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True,
                      markup=True)


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
        return INTERRUPTED
    if not isinstance(exc, errors.ClickException):
        return None
    if type(exc).__name__ == "NoArgsIsHelpError":  # `kateval` alone: the help, as asked
        exc.show()
        return 2
    ctx = getattr(exc, "ctx", None)
    hint = f" (see: {ctx.command_path} --help)" if ctx is not None else ""
    say(" ".join(exc.format_message().split()) + hint)
    return exc.exit_code


def _unexpected(exc: BaseException) -> int:
    """An error no command turned into a KatevalError: a file the system refused, the history
    database, or a bug. One line; a bug's traceback goes to a file, not to the terminal."""
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        say(f"{where}{exc.strerror or exc} ({type(exc).__name__}); check the path, its "
            "permissions and the free space")
        return INFRA
    if isinstance(exc, sqlite3.Error):
        say(f"history database: {exc} ({type(exc).__name__}); check --runs-dir and its "
            "kateval.db")
        return INFRA
    text = "".join(traceback.format_exception(exc))
    try:
        with tempfile.NamedTemporaryFile("w", prefix=f"kateval-bug-{time.strftime('%Y%m%d-%H%M%S')}-",
                                         suffix=".txt", delete=False) as fh:
            fh.write(text)
        where = f"the traceback is in {fh.name}"
    except OSError:
        sys.stderr.write(text)
        where = "the traceback is above"
    say(f"internal error, a bug in kateval: {type(exc).__name__}: {exc}; {where}; please "
        "report it")
    return BUG


def run_app(app: typer.Typer) -> None:
    """Run the typer app and exit with the code its outcome means."""
    try:
        code = app(standalone_mode=False)
    except KatevalError as exc:
        say(str(exc))
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err_console.print("interrupted")
        sys.exit(INTERRUPTED)
    except Exception as exc:  # typer's (click's) own usage errors, else the unexpected
        code = _usage_error(exc)
        sys.exit(_unexpected(exc) if code is None else code)
    sys.exit(code if isinstance(code, int) else 0)
