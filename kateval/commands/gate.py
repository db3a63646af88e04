"""What happens after a run finishes: history indexing and the baseline gate (issue 6 fills this)."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console


def after_run(console: Console, *, run_root: Path, runs_dir: Path, baseline: str | None,
              max_drop: float) -> None:
    if baseline is not None:
        from kateval.errors import ConfigError

        raise ConfigError("--baseline: gating is not implemented yet")
