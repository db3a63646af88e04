"""The mutation operators: where one Kotlin file can be made subtly wrong, read with the real
parser (tree-sitter-kotlin, as kateval/toolchains/kotlin_syntax.py reads packages).

Each operator yields `Mutation`s: one byte span of the file and its replacement. Only spans
whose every line is in `lines` (the lines the gold patch added) are mutated, so the task's
given code and its tests are never touched. Nothing inside a span the parser could not read
(an ERROR node) is mutated: the parser's guess there is not the compiler's.

A mutation may not compile (a dropped statement whose value was used, an index that is not an
Int): the runner grades it and counts it stillborn, not killed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace


OPERATORS = ("compare", "off-by-one", "negate", "drop", "default-return")
"""In this order: the order mutants are chosen in, round-robin (plan.choose)."""

FLIPPED = {"<": "<=", "<=": "<", ">": ">=", ">=": ">", "==": "!=", "!=": "=="}
_INTEGER = re.compile(r"(0[xX])([0-9a-fA-F_]+)([uU]?[lL]?)|(0[bB])([01_]+)([uU]?[lL]?)"
                      r"|()([0-9][0-9_]*)([uU]?[lL]?)")
_DROPPABLE = ("assignment", "call_expression")
_ATOMIC = ("identifier", "navigation_expression", "call_expression", "index_expression",
           "parenthesized_expression")
"""Expressions that bind tighter than any operator: `!x`, `x + 1` need no parentheses."""
DEFAULTS = {
    "Int": "0", "Long": "0", "Short": "0", "Byte": "0", "UInt": "0u", "ULong": "0u",
    "Double": "0.0", "Float": "0f", "String": '""', "CharSequence": '""', "Boolean": "false",
    "Char": "' '", "List": "emptyList()", "Collection": "emptyList()",
    "Iterable": "emptyList()", "Set": "emptySet()", "Map": "emptyMap()",
    "Sequence": "emptySequence()", "MutableList": "mutableListOf()",
    "MutableSet": "mutableSetOf()", "MutableMap": "mutableMapOf()",
}
"""A type's "nothing" value, by the type's simple name; other types get no default-return."""


def _parser():
    # The grammar kateval/toolchains/kotlin_syntax.py reads sources with (pinned in
    # constraints.txt); imported here so only mutation runs load the native library.
    import tree_sitter
    import tree_sitter_kotlin

    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_kotlin.language()))


@dataclass(frozen=True)
class Mutation:
    operator: str
    start: int
    """Byte offsets of the replaced span in the file's UTF-8 text."""
    end: int
    replacement: str
    line: int
    """1-based line and column of the span's start."""
    column: int
    description: str

    def apply(self, source: bytes) -> bytes:
        return source[:self.start] + self.replacement.encode("utf-8") + source[self.end:]


def _text(node) -> str:
    return node.text.decode("utf-8", "replace")


def _short(text: str, limit: int = 50) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 3] + "..."


def _mutation(operator: str, node, replacement: str, description: str = "") -> Mutation:
    return Mutation(operator, node.start_byte, node.end_byte, replacement,
                    node.start_point.row + 1, node.start_point.column + 1,
                    description or f"`{_short(_text(node))}` -> `{_short(replacement)}`")


def _compare(node):
    if node.type != "binary_expression":
        return
    operator = node.child_by_field_name("operator")
    if operator is not None and _text(operator) in FLIPPED:
        old = _text(operator)
        yield _mutation("compare", operator, FLIPPED[old], f"`{old}` -> `{FLIPPED[old]}`")


def _shifted(text: str, delta: int) -> str | None:
    match = _INTEGER.fullmatch(text)
    if match is None:
        return None
    groups = list(match.groups())
    prefix, digits, suffix = next(groups[i:i + 3] for i in (0, 3, 6) if groups[i + 1] is not None)
    base = {"0x": 16, "0X": 16, "0b": 2, "0B": 2}.get(prefix, 10)
    value = int(digits.replace("_", ""), base) + delta
    if value < 0:
        return None
    body = {16: f"{value:x}", 2: f"{value:b}", 10: str(value)}[base]
    return prefix + (body.upper() if digits != digits.lower() else body) + suffix


def _off_by_one(node):
    if node.type == "number_literal":
        for delta in (1, -1):
            shifted = _shifted(_text(node), delta)
            if shifted is not None:
                yield _mutation("off-by-one", node, shifted)
    elif node.type == "index_expression":
        inside = node.named_children[1:]
        # A literal index is off-by-one's already; a string key is no position.
        if len(inside) == 1 and inside[0].type not in ("number_literal", "string_literal"):
            index = inside[0]
            text = _text(index) if index.type in _ATOMIC else f"({_text(index)})"
            yield _mutation("off-by-one", index, f"{text} + 1")


def _negated(node) -> str:
    if node.type == "unary_expression" and _text(node.children[0]) == "!":
        return _text(node.children[1])
    if node.type in _ATOMIC:
        return f"!{_text(node)}"
    return f"!({_text(node)})"


def _conditions(node):
    if node.type in ("if_expression", "while_statement", "do_while_statement"):
        condition = node.child_by_field_name("condition")
        if condition is not None:
            yield condition
    elif node.type == "when_expression" and not any(c.type == "when_subject"
                                                   for c in node.children):
        for entry in (c for c in node.children if c.type == "when_entry"):
            # `condition -> body`; an `else` entry starts with the keyword, not a node.
            if len(entry.children) > 2 and entry.children[0].is_named \
                    and entry.children[1].type == "->":
                yield entry.children[0]


def _negate(node):
    for condition in _conditions(node):
        yield _mutation("negate", condition, _negated(condition))


_LOOPS = ("for_statement", "while_statement", "do_while_statement")


def _is_body(node) -> bool:
    """A lone statement standing as a loop's body or an if's branch (no braces)."""
    before = node.prev_sibling
    return node.parent.type in (*_LOOPS, "if_expression") and before is not None \
        and before.type in (")", "else", "do")


def _value_unused(node) -> bool:
    """Nothing takes `node`'s value: a block's statement, a loop's body, any but a lambda's
    last expression, or a branch of an if that is itself such a statement."""
    parent = node.parent
    if parent.type == "block":
        return True
    if parent.type == "lambda_literal":
        return node != [c for c in parent.named_children if c.type != "lambda_parameters"][-1]
    if _is_body(node):
        return parent.type in _LOOPS or _value_unused(parent)
    return False


def _drop(node):
    kind, parent = node.type, node.parent
    counting = kind == "unary_expression" and {
        _text(node.children[0]), _text(node.children[-1])} & {"++", "--"}
    if not (counting or kind in _DROPPABLE) or parent is None:
        return
    if kind == "call_expression" and not _value_unused(node):
        return  # its value is used: dropping it would not compile
    if parent.type in ("block", "lambda_literal"):
        yield _mutation("drop", node, "", f"drop `{_short(_text(node))}`")
    elif _is_body(node):  # `if (c) x++` keeps a body: `if (c) {}`
        yield _mutation("drop", node, "{}", f"drop `{_short(_text(node))}`")


def _type_default(type_node) -> str | None:
    if type_node is None:
        return None
    if type_node.type == "nullable_type":
        return "null"
    if type_node.type != "user_type":
        return None
    names = [c for c in type_node.children if c.type == "identifier"]
    return DEFAULTS.get(_text(names[-1])) if names else None


def _declared_type(function):
    """The declared result type of a function or a property getter, or None."""
    if function.type == "getter":
        holder = function.parent
        declaration = next((c for c in holder.children if c.type == "variable_declaration"), None)
        function = declaration if declaration is not None else function
    children = function.children
    # Only the result type follows a colon among the declaration's own children (parameters,
    # type parameters and constraints keep theirs inside nodes of their own).
    colon = next((i for i, c in enumerate(children) if c.type == ":"), None)
    if colon is None:
        return None
    return next((c for c in children[colon + 1:] if c.is_named), None)


def _enclosing_function(node):
    current = node.parent
    while current is not None:
        if current.type in ("function_declaration", "getter"):
            return current
        if current.type in ("anonymous_function", "class_body", "source_file"):
            return None
        current = current.parent
    return None


def _default_for(expression, function) -> Mutation | None:
    default = _type_default(_declared_type(function))
    if default is None:
        return None
    if _text(expression).strip() == default:
        if default != "false":
            return None
        default = "true"
    return _mutation("default-return", expression, default)


def _default_return(node):
    if node.type == "return_expression" and _text(node.children[0]) == "return" \
            and len(node.named_children) == 1:
        function = _enclosing_function(node)
        if function is not None and (found := _default_for(node.named_children[0], function)):
            yield found
    elif node.type == "function_body" and _text(node.children[0]) == "=" \
            and len(node.named_children) == 1 and node.parent is not None:
        if found := _default_for(node.named_children[0], node.parent):
            yield found


_FINDERS = {"compare": _compare, "off-by-one": _off_by_one, "negate": _negate, "drop": _drop,
            "default-return": _default_return}


_SEMICOLON = re.compile(rb"[ \t]*;[ \t]*")


def _with_semicolon(source: bytes, mutation: Mutation) -> Mutation:
    """A dropped statement takes its `;` along: `{ ; it }` does not parse."""
    match = _SEMICOLON.match(source, mutation.end)
    if mutation.operator != "drop" or mutation.replacement or match is None:
        return mutation
    return replace(mutation, end=match.end())


def _line_of(source: bytes, offset: int) -> int:
    return source.count(b"\n", 0, offset) + 1


def find_mutations(source: bytes, lines: set[int]) -> dict[str, list[Mutation]]:
    """operator -> its mutations of `source`, in file order, each span wholly on `lines`."""
    found: dict[str, list[Mutation]] = {op: [] for op in OPERATORS}
    seen: set[tuple[int, int, str]] = set()
    stack = [_parser().parse(source).root_node]
    while stack:
        node = stack.pop()
        if node.type == "ERROR":
            continue
        for operator, finder in _FINDERS.items():
            for mutation in map(lambda m: _with_semicolon(source, m), finder(node)):
                key = (mutation.start, mutation.end, mutation.replacement)
                span = range(_line_of(source, mutation.start),
                             _line_of(source, max(mutation.start, mutation.end - 1)) + 1)
                if key not in seen and all(line in lines for line in span) \
                        and mutation.apply(source) != source:
                    seen.add(key)
                    found[operator].append(mutation)
        stack.extend(reversed(node.children))
    # A stable sort: one span's mutations keep their finder's order (+1 before -1).
    return {op: sorted(ms, key=lambda m: (m.start, m.end)) for op, ms in found.items()}
