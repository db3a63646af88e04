"""The repository context shown to a model, capped to its context window."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from pathlib import Path

CHARS_PER_TOKEN = 3.5  # a conservative estimate for Kotlin source with BPE tokenizers
TEXT_SUFFIXES = (".kt", ".kts", ".md", ".properties")


@dataclass(frozen=True)
class RepoFile:
    path: str
    text: str


def estimate_tokens(text: str) -> int:
    return int(len(text) / CHARS_PER_TOKEN) + 1


def read_repo(root: Path) -> list[RepoFile]:
    files = []
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        if p.is_file() and p.suffix in TEXT_SUFFIXES and not rel.startswith((".git/", "build/")):
            files.append(RepoFile(rel, p.read_text(encoding="utf-8", errors="replace")))
    return files


def is_editable(path: str, editable: list[str]) -> bool:
    return any(fnmatch.fnmatch(path, glob) for glob in editable)


def tree(files: list[RepoFile]) -> str:
    return "\n".join(f"- {f.path}" for f in files)


def select(files: list[RepoFile], editable: list[str], budget_tokens: int,
           exclude: set[str] = frozenset()) -> list[RepoFile]:
    """Editable sources first, then visible tests, then the rest, until the budget is spent.
    A file that does not fit whole is cut, with a marker, so the model knows."""
    def rank(f: RepoFile) -> tuple[int, str]:
        if is_editable(f.path, editable):
            return (0, f.path)
        return (1 if "Test" in f.path else 2, f.path)

    chosen, left = [], budget_tokens
    for f in sorted((f for f in files if f.path not in exclude), key=rank):
        cost = estimate_tokens(f.text)
        if cost <= left:
            chosen.append(f)
            left -= cost
        elif left > 200:
            keep = int(left * CHARS_PER_TOKEN) - 40
            chosen.append(RepoFile(f.path, f.text[:keep] + "\n// ... (truncated by kateval)"))
            left = 0
    return chosen
