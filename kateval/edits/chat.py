"""Chat edit formats: unified diff, search/replace blocks, whole file.

Each parser turns a model's answer into either a patch (udiff) or new file contents; anything
it cannot read raises MalformedEdit, which grading reports as `malformed_edit`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


class MalformedEdit(Exception):
    """The model's answer does not follow the edit format it was asked for."""


_FENCE = re.compile(r"```([\w+-]*)[^\n]*\n(.*?)```", re.DOTALL)
_PATH = re.compile(r"([\w./-]+\.(?:kts?|md|json|txt|yaml))")


def extract_udiff(answer: str) -> str:
    """The unified diff in an answer: a ```diff fence, or the text from the first header."""
    for lang, body in _FENCE.findall(answer):
        if lang in ("diff", "patch", "udiff") or body.lstrip().startswith(("--- ", "diff --git")):
            return _normalize_diff(body)
    start = min((i for i in (answer.find("diff --git"), answer.find("--- a/")) if i >= 0),
                default=-1)
    if start < 0 or "@@" not in answer[start:]:
        raise MalformedEdit("no unified diff found (expected a ```diff block with ---/+++/@@)")
    return _normalize_diff(answer[start:])


def _normalize_diff(body: str) -> str:
    if "@@" not in body or "+++" not in body:
        raise MalformedEdit("the diff has no +++ header or @@ hunk")
    return body if body.endswith("\n") else body + "\n"


@dataclass(frozen=True)
class SearchReplace:
    path: str
    search: str
    replace: str


_SR = re.compile(r"<{5,9} SEARCH[^\n]*\n(.*?)\n?={5,9}\n(.*?)\n?>{5,9} REPLACE", re.DOTALL)


def parse_search_replace(answer: str) -> list[SearchReplace]:
    blocks = []
    for m in _SR.finditer(answer):
        before = answer[: m.start()].rstrip().split("\n")
        path = None
        for line in reversed(before[-3:]):
            found = _PATH.search(line.strip("`*# "))
            if found:
                path = found.group(1)
                break
        if path is None:
            raise MalformedEdit("a SEARCH/REPLACE block has no file path on the line before it")
        blocks.append(SearchReplace(path, m.group(1), m.group(2)))
    if not blocks:
        raise MalformedEdit("no <<<<<<< SEARCH / ======= / >>>>>>> REPLACE blocks found")
    return blocks


def _loose_find(text: str, search: str) -> tuple[int, int] | None:
    """Find `search` ignoring trailing whitespace and indentation differences, line by line."""
    lines = text.split("\n")
    want = [s.strip() for s in search.strip("\n").split("\n")]
    for i in range(len(lines) - len(want) + 1):
        if [ln.strip() for ln in lines[i:i + len(want)]] == want:
            start = sum(len(ln) + 1 for ln in lines[:i])
            end = start + sum(len(ln) + 1 for ln in lines[i:i + len(want)]) - 1
            return start, end
    return None


def apply_search_replace(files: dict[str, str], blocks: list[SearchReplace]) -> dict[str, str]:
    """New contents of the files the blocks change. An empty SEARCH creates or appends."""
    out: dict[str, str] = {}
    for block in blocks:
        text = out.get(block.path, files.get(block.path))
        if not block.search.strip():
            out[block.path] = (text or "") + block.replace + ("\n" if block.replace else "")
            continue
        if text is None:
            raise MalformedEdit(f"SEARCH block for {block.path}, which does not exist")
        count = text.count(block.search)
        if count == 1:
            out[block.path] = text.replace(block.search, block.replace, 1)
            continue
        span = _loose_find(text, block.search) if count == 0 else None
        if span is None:
            why = "matches several places" if count > 1 else "does not match the file"
            raise MalformedEdit(f"SEARCH block for {block.path} {why}")
        out[block.path] = text[: span[0]] + block.replace + text[span[1]:]
    return out


def parse_whole_files(answer: str, known_paths: list[str]) -> dict[str, str]:
    """Files given whole: a fenced block preceded by (or opening with) its path."""
    files: dict[str, str] = {}
    for m in _FENCE.finditer(answer):
        body = m.group(2)
        before = answer[: m.start()].rstrip().split("\n")[-1]
        found = _PATH.search(before.strip("`*#: ")) or _PATH.search(m.group(0).split("\n")[0])
        first = body.split("\n", 1)[0]
        if not found and first.strip().startswith("//"):
            found = _PATH.search(first)
            body = body.split("\n", 1)[1] if found else body
        if found:
            files[found.group(1)] = body
    if not files:
        if len(known_paths) == 1 and _FENCE.search(answer):
            return {known_paths[0]: _FENCE.search(answer).group(2)}
        raise MalformedEdit("no file path before a code block (expected `path` then ```kotlin)")
    return files
