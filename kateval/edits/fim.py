"""Fill-in-the-middle: find the regions to fill in Kotlin source, trim completions, splice them in.

A region is either a `TODO(...)` expression body (`fun f() = TODO()`), a block body holding a
`TODO(...)`, or the block body of a function the planner chose to rewrite.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN, _CLOSE = "([{", ")]}"
_CONTINUATION = (".", "?.", "?:", "+", "-", "*", "/", "&&", "||", ":", ")", "]", "}", ",")


@dataclass(frozen=True)
class Region:
    """Characters [start, end) of a file that the model rewrites."""

    path: str
    start: int
    end: int
    kind: str  # "expression" | "block"
    label: str


def _skip_string_or_comment(text: str, i: int) -> int:
    """Index after a string, char literal or comment starting at i; i when there is none."""
    if text.startswith("//", i):
        end = text.find("\n", i)
        return len(text) if end < 0 else end
    if text.startswith("/*", i):
        end = text.find("*/", i + 2)
        return len(text) if end < 0 else end + 2
    for quote in ('"""', '"', "'"):
        if text.startswith(quote, i):
            j = i + len(quote)
            while j < len(text) and not text.startswith(quote, j):
                j += 2 if text[j] == "\\" and len(quote) == 1 else 1
            return min(j + len(quote), len(text))
    return i


def _code_chars(text: str, start: int = 0):
    """Yield (index, char) for characters outside strings and comments."""
    i = start
    while i < len(text):
        j = _skip_string_or_comment(text, i)
        if j != i:
            i = j
            continue
        yield i, text[i]
        i += 1


def _match_forward(text: str, open_index: int) -> int:
    """Index of the bracket closing the one at open_index, or -1."""
    depth = 0
    for i, ch in _code_chars(text, open_index):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            if depth == 0:
                return i
    return -1


def _enclosing_open_brace(text: str, index: int) -> int:
    """The `{` of the innermost block containing index, or -1."""
    stack: list[int] = []
    for i, ch in _code_chars(text):
        if i >= index:
            break
        if ch == "{":
            stack.append(i)
        elif ch == "}" and stack:
            stack.pop()
    return stack[-1] if stack else -1


def _block(path: str, text: str, brace: int, end: int, label: str) -> Region:
    """The inside of a block; keep the closing brace's indentation out of the region."""
    line_start = text.rfind("\n", brace, end) + 1
    if line_start > brace and not text[line_start:end].strip():
        end = line_start
    return Region(path, brace + 1, end, "block", label)


def _todo_calls(text: str) -> list[int]:
    return [i for i, _ in _code_chars(text) if text.startswith("TODO(", i)
            and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_"))]


def find_todo_regions(path: str, text: str) -> list[Region]:
    regions: list[Region] = []
    for call in _todo_calls(text):
        if any(r.start <= call < r.end for r in regions):
            continue
        close = _match_forward(text, call + 4)
        before = text[:call].rstrip()
        if before.endswith("=") and close > 0:
            regions.append(Region(path, call, close + 1, "expression", _label(text, call)))
            continue
        brace = _enclosing_open_brace(text, call)
        end = _match_forward(text, brace) if brace >= 0 else -1
        if brace >= 0 and end > 0:
            regions.append(_block(path, text, brace, end, _label(text, call)))
    return sorted(regions, key=lambda r: r.start)


def _label(text: str, index: int) -> str:
    funs = list(re.finditer(r"\bfun\s+(?:<[^>]*>\s*)?(?:[\w.<>]+\.)?(\w+)", text[:index]))
    return funs[-1].group(1) if funs else f"offset {index}"


def find_function_region(path: str, text: str, name: str) -> Region | None:
    """The block body of `fun name(...)`, for a planned rewrite."""
    for m in re.finditer(rf"\bfun\s+(?:<[^>]*>\s*)?(?:[\w.<>?]+\.)?{re.escape(name)}\s*\(", text):
        close = _match_forward(text, m.end() - 1)
        if close < 0:
            continue
        for i, ch in _code_chars(text, close + 1):
            if ch == "{":
                end = _match_forward(text, i)
                return _block(path, text, i, end, name) if end > 0 else None
            if ch == "=":
                line_end = text.find("\n", i)
                return Region(path, i + 1, len(text) if line_end < 0 else line_end,
                              "expression", name)
    return None


def trim_completion(middle: str, region: Region, suffix: str) -> str:
    """Cut a completion that runs past its region: at an unbalanced closer, or where it starts
    repeating the suffix, or (expressions) at the end of the statement."""
    head = suffix.lstrip().split("\n", 1)[0].strip()
    if len(head) > 3 and head in middle:
        middle = middle[: middle.index(head)]
    depth = 0
    cut = len(middle)
    for i, ch in _code_chars(middle):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            if depth < 0:
                cut = i
                break
        elif ch == "\n" and depth == 0 and region.kind == "expression":
            rest = middle[i + 1:].lstrip(" \t")
            if rest and not rest.startswith(_CONTINUATION) or rest.startswith("\n"):
                cut = i
                break
    middle = middle[:cut]
    if region.kind == "block":
        middle = middle.rstrip() + "\n"
        if not middle.startswith("\n"):
            middle = "\n" + middle
    else:
        middle = middle.strip()
    return middle


def splice(text: str, region: Region, middle: str) -> str:
    return text[: region.start] + middle + text[region.end:]
