"""Property: for generated Kotlin files with TODO()s in varied places, the regions found are
exactly the TODOs, trimming keeps each expected body whole, and splicing the expected bodies
(from the end backwards) gives the gold file back."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kateval.edits.fim import find_todo_regions, splice_all, trim_completion

EXPRESSIONS = [
    "1", "x + 1", 'f("}")', '"s${f("}")}"', '"${x}{"', "listOf(1, 2).map { it * 2 }.sum()",
    "if (x > 0) 1 else 2", "'}'.code", '"""raw ${x} } {"""', "x shl 2", "(x + 1) * 2",
    "xs.filter { it > 0 }\n        .sum()", "if (x > 0) x\n        else -x",
    "x\n        ?: 0", "x > 0 &&\n        y < 1", 'when (x) { 0 -> "a"; else -> "}" }',
    "\n        x + 1",
]
STATEMENTS = ["return x * 2", "val y = x\n        return y", 'println("}")\n        return 0',
              "return xs.sumOf { it }"]
NOISE = ['    // TODO( not a call\n', '    val s = "TODO(not a call)"\n',
         '    /* nested /* TODO() */ comment */\n', "    val c = '{'\n", ""]

slot = st.sampled_from(EXPRESSIONS)


@st.composite
def member(draw, n: int):
    """One function: (gold text, text with TODOs, expected bodies in file order)."""
    kind = draw(st.sampled_from(["expr-fun", "val", "return", "two-on-a-line", "statement",
                                 "argument", "nested-lambda"]))
    noise = draw(st.sampled_from(NOISE))
    e1, e2 = draw(slot), draw(slot)
    parts: list = []  # str or (expected body,) for a TODO
    if kind == "expr-fun":
        parts = [f"fun f{n}(x: Int) = ", (e1,), "\n"]
    elif kind == "val":
        parts = [f"fun f{n}(x: Int): Int {{\n{noise}    val v = ", (e1,), "\n    return 0\n}\n"]
    elif kind == "return":
        parts = [f"fun f{n}(x: Int): Int {{\n{noise}    return ", (e1,), "\n}\n"]
    elif kind == "two-on-a-line":
        parts = [f"fun f{n}(x: Int): Int {{\n    val a = ", (e1,), "; return ", (e2,), "\n}\n"]
    elif kind == "statement":
        body = draw(st.sampled_from(STATEMENTS))
        parts = [f"fun f{n}(x: Int): Int {{\n    require(x > 0)\n{noise}    ", (body,), "\n}\n"]
    elif kind == "argument":
        parts = [f"fun f{n}(x: Int) {{\n    println(", (e1,), ")\n    g(1, ", (e2,), ")\n}\n"]
    else:
        parts = [f"fun f{n}(x: Int) = run {{\n    val y = ", (e1,), "\n    y\n}\n"]
    return parts


@st.composite
def kotlin_file(draw):
    members = [draw(member(i)) for i in range(draw(st.integers(1, 5)))]
    wrap = draw(st.booleans())
    parts: list = ["package gen\n\n"] + (["class C {\n"] if wrap else [])
    for m in members:
        parts += m + ["\n"]
    parts += ["}\n"] if wrap else []
    gold, todo, expected, label = "", "", [], 0
    for part in parts:
        if isinstance(part, tuple):
            gold += part[0]
            todo += f'TODO("t{label}")'
            expected.append(part[0])
            label += 1
        else:
            gold += part
            todo += part
    return gold, todo, expected


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kotlin_file())
def test_splicing_the_expected_bodies_gives_the_gold_file(case):
    gold, todo, expected = case
    regions = find_todo_regions("gen/A.kt", todo)
    assert [todo[r.start:r.end] for r in regions] == [f'TODO("t{i}")' for i in range(len(expected))]
    fills = []
    for region, body in zip(regions, expected):
        suffix = todo[region.end:]
        # the model writes the body and runs on into the rest of the file: trimming cuts it
        runaway = body + suffix
        assert trim_completion(body, region, suffix) == body.rstrip()
        assert trim_completion(runaway, region, suffix).rstrip() == body.rstrip(), region
        fills.append((region, trim_completion(runaway, region, suffix)))
    assert splice_all(todo, fills) == gold
