"""Number formatting shared by the markdown and HTML reports."""

from __future__ import annotations


def pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def num(value: float | None, unit: str = "", digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}{unit}"


def usd(value: float | None) -> str:
    return "n/a" if value is None else f"${value:.4f}"
