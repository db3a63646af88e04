"""Fill-in-the-middle: find the regions to fill in Kotlin source, trim completions, splice them in.

A region is one of
  * a `TODO(...)` call used as an expression (`fun f() = TODO()`, `val a = TODO()`,
    `return TODO()`): the call itself is replaced by an expression;
  * a `TODO(...)` call standing alone as a statement ("statements"): the call is replaced by
    statements; the
    lines around it (a `require`, other statements) stay and the model sees them;
  * the body of a function the planner chose to rewrite: the inside of its `{ }` block, or the
    whole expression after `=` (over as many lines as it runs).
Regions never overlap, so splicing them from the end of a file backwards keeps every offset
valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN, _CLOSE = "([{", ")]}"
# A line starting with one of these continues the expression of the line before.
_CONTINUATION = ("?.", "?:", ".", "&&", "||", "==", "!=", "<=", ">=", "..", "+", "-", "*", "/",
                 "%", "<", ">", ":", ")", "]", "}", ",")
_CONTINUATION_WORDS = ("else", "as", "is", "in", "!in", "catch", "finally")


@dataclass(frozen=True)
class Region:
    """Characters [start, end) of a file that the model rewrites."""

    path: str
    start: int
    end: int
    kind: str  # "expression" | "statements" | "block"
    label: str


# ---------------------------------------------------------------- lexing
def _skip_template(text: str, i: int) -> int:
    """Index after the `}` closing a `${` at i-2.. (i points after the `{`)."""
    depth = 1
    while i < len(text):
        j = _skip_string_or_comment(text, i)
        if j != i:
            i = j
            continue
        ch = text[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(text)


def _skip_string(text: str, i: int, quote: str) -> int:
    """Index after the string literal opening at i, templates `${...}` included."""
    j = i + len(quote)
    while j < len(text):
        if text.startswith(quote, j):
            if quote == '"""':  # a raw string may end in more quotes: """a""""
                while text.startswith('"', j + 3):
                    j += 1
            return j + len(quote)
        ch = text[j]
        if ch == "\\" and quote != '"""':
            j += 2
        elif ch == "$" and text.startswith("${", j):
            j = _skip_template(text, j + 2)
        elif ch == "\n" and quote == '"':
            return j  # an unterminated one-line string ends with its line
        else:
            j += 1
    return len(text)


def _skip_string_or_comment(text: str, i: int) -> int:
    """Index after a string, char literal or comment starting at i; i when there is none."""
    if text.startswith("//", i):
        end = text.find("\n", i)
        return len(text) if end < 0 else end
    if text.startswith("/*", i):
        depth, j = 1, i + 2
        while j < len(text) and depth:  # Kotlin block comments nest
            if text.startswith("/*", j):
                depth, j = depth + 1, j + 2
            elif text.startswith("*/", j):
                depth, j = depth - 1, j + 2
            else:
                j += 1
        return j
    if text.startswith('"""', i):
        return _skip_string(text, i, '"""')
    if text.startswith('"', i):
        return _skip_string(text, i, '"')
    if text.startswith("'", i):
        j = i + 1
        while j < len(text) and text[j] != "'" and text[j] != "\n":
            j += 2 if text[j] == "\\" else 1
        return min(j + 1, len(text))
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


def _continues(rest: str) -> bool:
    """Does a line starting with `rest` continue the expression before it?"""
    if rest.startswith(_CONTINUATION):
        return not rest.startswith(("//", "/*"))
    word = re.match(r"!?\w+", rest)
    return bool(word) and word.group(0) in _CONTINUATION_WORDS


_DANGLING = ("&&", "||", "+", "-", "*", "/", "%", "=", ".", "?:", ",", "->", "..", "<", ">", "!")
_DANGLING_WORDS = ("as", "is", "in", "else", "if", "when", "return", "throw", "to", "and", "or")


def _dangles(line: str) -> bool:
    """Does this code end with an operator, so that the expression goes on on the next line?"""
    code = line.split("\n")[-1].split("//")[0].rstrip()
    if code.endswith(_DANGLING) and not code.endswith(("++", "--")):
        return True
    word = re.search(r"(\w+)$", code)
    return bool(word) and word.group(1) in _DANGLING_WORDS


def _expression_end(text: str, start: int) -> int:
    """End of the expression starting at `start`: at a newline (outside brackets) whose next
    non-blank line does not continue it, at a `;`, or at an unbalanced closer."""
    depth = 0
    for i, ch in _code_chars(text, start):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            if depth < 0:
                return _rstrip_to(text, start, i)
        elif depth == 0 and ch == ";":
            return i
        elif depth == 0 and ch == "\n" and text[start:i].strip():
            if not (_dangles(text[start:i]) or _continues(text[i + 1:].lstrip())):
                return _rstrip_to(text, start, i)
    return _rstrip_to(text, start, len(text))


def _rstrip_to(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


# ---------------------------------------------------------------- regions
def _todo_calls(text: str) -> list[int]:
    return [i for i, _ in _code_chars(text) if text.startswith("TODO(", i)
            and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "_."))]


def _is_statement(text: str, start: int, end: int) -> bool:
    """A TODO(...) alone on its line(s) in a block: statements, not an expression, go there."""
    before = text[text.rfind("\n", 0, start) + 1:start]
    line_end = text.find("\n", end)
    after = text[end: len(text) if line_end < 0 else line_end].strip()
    return not before.strip() and (not after or after.startswith(("//", ";", "}")))


def find_todo_regions(path: str, text: str) -> list[Region]:
    """One region per TODO() call (nested calls belong to the outer one)."""
    regions: list[Region] = []
    for call in _todo_calls(text):
        if regions and call < regions[-1].end:
            continue
        close = _match_forward(text, call + 4)
        if close < 0:
            continue
        before = text[:call].rstrip()
        kind = "statements" if _is_statement(text, call, close + 1) and not before.endswith(
            ("=", "return", "(", ",", "->", "?:")) else "expression"
        regions.append(Region(path, call, close + 1, kind, _label(text, call)))
    return regions


def _label(text: str, index: int) -> str:
    funs = list(re.finditer(r"\bfun\s+(?:<[^>]*>\s*)?(?:[\w.<>]+\.)?(\w+)", text[:index]))
    return funs[-1].group(1) if funs else f"offset {index}"


def _block(path: str, text: str, brace: int, end: int, label: str) -> Region:
    """The inside of a block; keep the closing brace's indentation out of the region."""
    line_start = text.rfind("\n", brace, end) + 1
    if line_start > brace and not text[line_start:end].strip():
        end = line_start
    return Region(path, brace + 1, end, "block", label)


def find_function_region(path: str, text: str, name: str) -> Region | None:
    """The body of `fun name(...)`, for a planned rewrite: inside its braces, or its whole
    `=` expression (however many lines it runs)."""
    pattern = rf"\bfun\s+(?:<[^>]*>\s*)?(?:[\w.<>?]+\.)?{re.escape(name)}\s*\("
    code = {i for i, _ in _code_chars(text)}
    for m in re.finditer(pattern, text):
        if m.start() not in code:
            continue
        close = _match_forward(text, m.end() - 1)
        if close < 0:
            continue
        depth = 0
        for i, ch in _code_chars(text, close + 1):
            if ch in "<(":
                depth += 1
            elif ch in ">)":
                depth -= 1
            elif depth == 0 and ch == "{":
                end = _match_forward(text, i)
                return _block(path, text, i, end, name) if end > 0 else None
            elif depth == 0 and ch == "=" and text[i + 1:i + 2] != "=" and text[i - 1] != "!":
                start = i + 1
                while start < len(text) and text[start] in " \t":
                    start += 1
                return Region(path, start, _expression_end(text, start), "expression", name)
            elif depth == 0 and ch == "}":
                break
    return None


# ---------------------------------------------------------------- completions
def trim_completion(middle: str, region: Region, suffix: str) -> str:
    """Cut a completion that runs past its region: where it starts repeating the suffix, at an
    unbalanced closer, or (expressions) at the end of the expression. Leading newlines stay
    (`= \\n    expr` is valid Kotlin); the result is empty when nothing usable is left."""
    head = suffix.lstrip().split("\n", 1)[0].strip()
    if len(head) > 3 and head in middle:
        middle = middle[: middle.index(head)]
    if region.kind == "expression":
        body = middle[:_expression_end(middle, 0)].rstrip()
        return body if body.strip() else ""
    depth, cut = 0, len(middle)
    for i, ch in _code_chars(middle):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            if depth < 0:
                cut = i
                break
    body = middle[:cut].rstrip()
    if not body.strip():
        return ""
    if region.kind == "block":  # the inside of { }: its own lines, up to the closing brace's
        return ("" if body.startswith("\n") else "\n") + body + "\n"
    return body  # statements in place of a TODO() statement


def splice(text: str, region: Region, middle: str) -> str:
    return text[: region.start] + middle + text[region.end:]


def splice_all(text: str, fills: list[tuple[Region, str]]) -> str:
    """Splice many non-overlapping regions of one file, from the end backwards."""
    ordered = sorted(fills, key=lambda f: f[0].start, reverse=True)
    for (a, _), (b, _) in zip(ordered, ordered[1:]):
        if b.end > a.start:
            raise ValueError(f"regions overlap: {b.label} and {a.label}")
    for region, middle in ordered:
        text = splice(text, region, middle)
    return text
