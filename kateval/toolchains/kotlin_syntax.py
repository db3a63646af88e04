"""What a Kotlin file declares about itself: its package and its `external` modifiers.

Read with a real Kotlin parser (tree-sitter with the tree-sitter-kotlin grammar), so a
soft keyword used as a name (`val external = 1`) is a name, and comments and strings are
never read as code. The grammar lags the language in places (`data object` inside a body,
context parameters): there it reports an ERROR node, or stops and leaves the rest of the
file outside its tree. Those unparsed spans are read word by word instead, and whatever
there looks like `package <name>` or `external` is reported as `certain=False`: a sample
that both uses such syntax and writes `external` near it is refused rather than trusted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PACKAGE_WORDS = re.compile(rb"\bpackage\s+(`?[A-Za-z_][\w`]*(?:\s*\.\s*`?[A-Za-z_][\w`]*)*)")
_EXTERNAL_WORD = re.compile(rb"\bexternal\b")


@dataclass(frozen=True)
class Found:
    """One package header or `external` modifier, at a 1-based line and column."""

    line: int
    column: int
    name: str = ""
    """The package's name (backticks dropped); "" for `external`."""
    certain: bool = True
    """False when found in a span the parser could not read."""


@dataclass(frozen=True)
class Declared:
    packages: list[Found]
    externals: list[Found]


def _parser():
    # Imported here: only the harness's check step needs the native grammar.
    import tree_sitter
    import tree_sitter_kotlin

    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_kotlin.language()))


def _position(source: bytes, offset: int) -> tuple[int, int]:
    line_start = source.rfind(b"\n", 0, offset) + 1
    return source.count(b"\n", 0, offset) + 1, offset - line_start + 1


def _package_name(header) -> str:
    parts = [node.text.decode("utf-8", "replace").strip("`") for node in _leaves(header)
             if node.type == "identifier"]
    return ".".join(parts)


def _leaves(node):
    stack = [node]
    while stack:
        current = stack.pop()
        if current.child_count == 0:
            yield current
        stack.extend(reversed(current.children))


def _unparsed_spans(tree, size: int) -> list[tuple[int, int]]:
    spans = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "ERROR":
            spans.append((node.start_byte, node.end_byte))
        elif node.has_error:
            stack.extend(node.children)
    if tree.root_node.end_byte < size:
        spans.append((tree.root_node.end_byte, size))  # the parser gave up here
    return spans


def _word_scan(source: bytes, spans: list[tuple[int, int]]) -> Declared:
    packages, externals = [], []
    for start, end in spans:
        text = source[start:end]
        for match in _PACKAGE_WORDS.finditer(text):
            name = re.sub(rb"[\s`]", b"", match.group(1)).decode("utf-8", "replace")
            packages.append(Found(*_position(source, start + match.start()), name, False))
        for match in _EXTERNAL_WORD.finditer(text):
            externals.append(Found(*_position(source, start + match.start()), certain=False))
    return Declared(packages, externals)


def declared(source: bytes) -> Declared:
    """Every package header and `external` modifier in one file's text."""
    tree = _parser().parse(source)
    packages, externals = [], []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "package_header":
            line, column = node.start_point.row + 1, node.start_point.column + 1
            packages.append(Found(line, column, _package_name(node)))
        elif node.type == "external" and not node.is_named:  # the keyword, never a name
            externals.append(Found(node.start_point.row + 1, node.start_point.column + 1))
        stack.extend(node.children)
    if tree.root_node.has_error or tree.root_node.end_byte < len(source):
        guessed = _word_scan(source, _unparsed_spans(tree, len(source)))
        seen = {(f.line, f.column) for f in packages + externals}
        packages += [f for f in guessed.packages if (f.line, f.column) not in seen]
        externals += [f for f in guessed.externals if (f.line, f.column) not in seen]
    return Declared(packages, externals)
