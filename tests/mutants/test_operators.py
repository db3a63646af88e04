"""The mutation operators on real Kotlin, read by the tree-sitter parser: each finds what it
should, leaves comments, strings, types and unparsed code alone, and writes Kotlin that parses."""

from __future__ import annotations

import textwrap

import pytest

from kateval.mutants.operators import OPERATORS, _parser, find_mutations


def kt(text: str) -> bytes:
    return textwrap.dedent(text).lstrip("\n").encode()


def every_line(source: bytes) -> set[int]:
    return set(range(1, source.count(b"\n") + 2))


def mutate(source: bytes, operator: str, lines: set[int] | None = None) -> list[str]:
    """Each mutant of `operator`, as the changed file's text."""
    found = find_mutations(source, every_line(source) if lines is None else lines)
    return [m.apply(source).decode() for m in found[operator]]


def parses(text: str) -> bool:
    return not _parser().parse(text.encode()).root_node.has_error


COUNT = kt("""
    package counting

    // a comment: x > limit, return 0
    fun countAbove(xs: List<Int>, limit: Int): Int {
        var count = 0
        for (x in xs) {
            if (x > limit) count++
        }
        val label = "x > limit == 1"
        return count
    }
""")


def test_compare_flips_each_comparison_but_not_type_arguments_strings_or_comments():
    mutants = mutate(kt("""
        fun f(a: Int, b: Map<String, List<Int>>): Boolean {
            val s = "a < b"
            return a < 1 || a >= 2 && a == 3 || a != 4 && a > 5 && a <= 6
        }
    """), "compare")
    changed = [next(line for line in m.splitlines() if "return" in line).strip() for m in mutants]
    assert changed == [
        "return a <= 1 || a >= 2 && a == 3 || a != 4 && a > 5 && a <= 6",
        "return a < 1 || a > 2 && a == 3 || a != 4 && a > 5 && a <= 6",
        "return a < 1 || a >= 2 && a != 3 || a != 4 && a > 5 && a <= 6",
        "return a < 1 || a >= 2 && a == 3 || a == 4 && a > 5 && a <= 6",
        "return a < 1 || a >= 2 && a == 3 || a != 4 && a >= 5 && a <= 6",
        "return a < 1 || a >= 2 && a == 3 || a != 4 && a > 5 && a < 6",
    ]
    assert all('"a < b"' in m and "Map<String, List<Int>>" in m and parses(m) for m in mutants)


def test_off_by_one_moves_integer_literals_both_ways_and_shifts_indices():
    source = kt("""
        fun f(xs: IntArray, i: Int, names: Map<String, Int>): Long {
            val mask = 0xFF
            val big = 1_000L
            val half = 0.5
            return xs[i] + xs[2] + big + mask + 0 + names["i"]
        }
    """)
    mutants = mutate(source, "off-by-one")
    assert "val mask = 0x100" in mutants[0] and "val mask = 0xFE" in mutants[1]
    assert "val big = 1001L" in mutants[2] and "val big = 999L" in mutants[3]
    assert any("xs[i + 1] + xs[2]" in m for m in mutants)
    assert any("xs[i] + xs[3]" in m for m in mutants) and any("xs[1]" in m for m in mutants)
    assert any("mask + 1" in m for m in mutants)
    assert not any('names["i"]' not in m for m in mutants)  # a string key is no position
    # No negative literal from 0, no change to a floating-point literal.
    assert not any("+ -1" in m or "0.5" not in m for m in mutants)
    assert len(mutants) == 8 and all(parses(m) for m in mutants)


def changed_lines(source: bytes, mutant: str) -> list[str]:
    before = source.decode().splitlines()
    return [line for old, line in zip(before, mutant.splitlines()) if old != line]


def test_negate_wraps_if_while_and_when_conditions_and_unwraps_a_negation():
    source = kt("""
        fun f(x: Int, done: Boolean): String {
            while (!done) { }
            if (x in 1..3) return "a"
            return when { x > 9 -> "big"; else -> "small" }
        }
    """)
    mutants = mutate(source, "negate")
    assert [changed_lines(source, m) for m in mutants] == [
        ["    while (done) { }"], ['    if (!(x in 1..3)) return "a"'],
        ['    return when { !(x > 9) -> "big"; else -> "small" }']]
    assert all(parses(m) for m in mutants)


def test_negate_leaves_a_when_with_a_subject_alone():
    assert mutate(kt("""
        fun f(x: Int) = when (x) { 1 -> "one"; else -> "many" }
    """), "negate") == []


def test_drop_removes_statements_whose_value_nobody_takes():
    source = kt("""
        fun f(xs: MutableList<Int>, total: IntArray): Int {
            require(xs.isNotEmpty())
            var count = 0
            for (x in xs) if (x > 0) count++ else xs.add(x)
            xs.forEach { total[0] += it }
            val doubled = xs.map { println(it); it * 2 }
            val y = if (count > 1) xs.removeLast() else 0
            return count
        }
    """)
    dropped = {m.description for m in find_mutations(source, every_line(source))["drop"]}
    assert dropped == {"drop `require(xs.isNotEmpty())`", "drop `count++`",
                       "drop `xs.add(x)`", "drop `xs.forEach { total[0] += it }`",
                       "drop `total[0] += it`", "drop `println(it)`"}
    mutants = mutate(source, "drop")
    assert any("if (x > 0) {} else xs.add(x)" in m for m in mutants)
    assert any("xs.map { it * 2 }" in m for m in mutants)  # its `;` went with it
    assert all(parses(m) for m in mutants)


@pytest.mark.parametrize("declared, returned, default", [
    ("Int", "count", "0"), ("String?", "name", "null"), ("Boolean", "true", "false"),
    ("Boolean", "false", "true"), ("List<String>", "names", "emptyList()"),
    ("Map<String, Int>", "byName", "emptyMap()"), ("String", "name", '""'),
])
def test_default_return_uses_the_declared_type(declared, returned, default):
    source = kt(f"""
        fun f(): {declared} {{
            return {returned}
        }}
        fun g(): {declared} = {returned}
    """)
    mutants = mutate(source, "default-return")
    assert [m.splitlines()[1].strip() for m in mutants] == [f"return {default}",
                                                           f"return {returned}"]
    assert mutants[1].splitlines()[3] == f"fun g(): {declared} = {default}"


def test_default_return_skips_labelled_returns_unknown_types_and_defaults_already_there():
    assert mutate(kt("""
        fun <T> first(xs: List<T>): T { return xs[0] }
        fun h(xs: List<Int>): Int { xs.forEach { return@forEach }; return 0 }
        fun k(): Pair<Int, Int> = 1 to 2
        val size: Int get() = 0
    """), "default-return") == []


def test_getters_use_their_property_type():
    source = kt("""
        class Box(val items: List<Int>) {
            val isFull: Boolean get() = items.size > 3
        }
    """)
    assert mutate(source, "default-return") == [
        source.decode().replace("items.size > 3", "false")]


def test_only_the_given_lines_are_mutated():
    found = find_mutations(COUNT, {5, 7})
    assert {m.line for ms in found.values() for m in ms} == {5, 7}
    assert [m.description for m in found["compare"]] == ["`>` -> `>=`"]
    assert [m.description for m in found["off-by-one"]] == ["`0` -> `1`"]
    assert found["default-return"] == [] and len(found["drop"]) == 1


def test_every_operator_finds_something_in_a_small_solution_and_each_mutant_parses():
    found = find_mutations(COUNT, every_line(COUNT))
    assert all(found[op] for op in OPERATORS), {op: len(ms) for op, ms in found.items()}
    assert all(parses(m.apply(COUNT).decode()) for ms in found.values() for m in ms)
    assert all("x > limit == 1" in m.apply(COUNT).decode() for ms in found.values() for m in ms)


def test_code_the_parser_could_not_read_is_not_mutated():
    source = kt("""
        fun ok(a: Int) = a > 1
        fun broken(a: Int) = a < 2 +* ) {
    """)
    found = find_mutations(source, every_line(source))
    assert [(m.line, m.description) for m in found["compare"]] == [(1, "`>` -> `>=`")]
