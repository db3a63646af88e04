"""Console output shared by the commands: tables that fit the terminal (80 columns in a CI
log) and JSON for scripts."""

from __future__ import annotations

import json
from dataclasses import dataclass

from rich import box
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table


@dataclass(frozen=True)
class Column:
    name: str
    drop: int = 0
    """0: always shown (folded when narrow); otherwise left out when the table does not fit,
    lowest first."""
    fold: bool = False
    """Wrap long values onto more lines instead of cutting them (ids to copy)."""


def fitted(console: Console, title: str, columns: list[Column], rows: list[list[str]]) -> Table:
    """A table of `columns` without the optional ones that would make it wider than the
    console: what is shown is shown whole, rather than every column cut."""
    shown = list(columns)
    while True:
        table = _table(title, columns, shown, rows)
        optional = [c for c in shown if c.drop]
        unbounded = console.options.update_width(10_000)  # its natural width, not the clamp
        width = Measurement.get(console, unbounded, table).maximum
        if width <= console.width or not optional:
            return table
        shown.remove(min(optional, key=lambda c: c.drop))


def _table(title: str, columns: list[Column], shown: list[Column], rows: list[list[str]]) -> Table:
    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False)
    index = [columns.index(c) for c in shown]
    for column in shown:
        table.add_column(column.name, overflow="fold" if column.fold else "ellipsis",
                         no_wrap=not column.fold)
    for row in rows:
        table.add_row(*(row[i] for i in index))
    return table


def print_json(console: Console, data) -> None:
    """JSON on stdout and nothing else: no wrapping, colour or markup."""
    console.out(json.dumps(data, indent=2, sort_keys=True, default=str), highlight=False)
