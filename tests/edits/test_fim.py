from __future__ import annotations

from kateval.edits.fim import (find_function_region, find_todo_regions, splice, splice_all,
                               trim_completion)

SRC = '''package x

class Cart(private val items: List<Int>) {
    fun total(): Int {
        // TODO( inside a comment is not a region
        TODO("total")
    }

    fun isEmpty() = TODO("isEmpty")

    val label = "TODO(not a call)"
}
'''


def test_finds_statement_and_expression_regions_but_not_strings_or_comments():
    regions = find_todo_regions("Cart.kt", SRC)
    assert [(r.kind, r.label) for r in regions] == [("statements", "total"),
                                                     ("expression", "isEmpty")]
    stmt, expr = regions
    assert SRC[expr.start:expr.end] == 'TODO("isEmpty")'
    assert SRC[stmt.start:stmt.end] == 'TODO("total")'  # the comment above it stays in the prompt


def test_completion_running_past_a_statement_region_is_cut_at_the_unbalanced_brace():
    stmt = find_todo_regions("Cart.kt", SRC)[0]
    runaway = "return items.sum()\n    }\n\n    fun isEmpty() = items.isEmpty()\n}\n"
    middle = trim_completion(runaway, stmt, SRC[stmt.end:])
    assert middle == "return items.sum()"
    out = splice(SRC, stmt, middle)
    assert "        return items.sum()\n    }\n\n    fun isEmpty() = TODO" in out


def test_two_todos_on_one_line_splice_correctly():
    src = "fun f(): Int {\n    val a = TODO(); return TODO()\n}\n"
    first, second = find_todo_regions("A.kt", src)
    assert (first.kind, second.kind) == ("expression", "expression") and first.end < second.start
    assert splice_all(src, [(first, "1"), (second, "a + 1")]) == \
        "fun f(): Int {\n    val a = 1; return a + 1\n}\n"


def test_string_templates_do_not_break_brace_matching():
    src = 'fun h(): String {\n    val s = "${f("}")}"\n    return TODO()\n}\n'
    (region,) = find_todo_regions("A.kt", src)
    assert src[region.start:region.end] == "TODO()"
    assert find_function_region("A.kt", src, "h").kind == "block"


def test_multiline_expression_body_is_the_whole_region():
    src = "fun k(xs: List<Int>): Int =\n    xs.filter { it > 0 }\n        .sum()\n\nfun m() = 1\n"
    region = find_function_region("A.kt", src, "k")
    assert src[region.start:region.end] == "\n    xs.filter { it > 0 }\n        .sum()"
    assert splice(src, region, "xs.sum()") == "fun k(xs: List<Int>): Int =xs.sum()\n\nfun m() = 1\n"


def test_trimming_keeps_else_infix_and_leading_newline_and_empties_blank():
    expr = find_todo_regions("Cart.kt", SRC)[1]
    assert trim_completion("if (a) 1\n        else 2\nfun q() = 3", expr, "") == "if (a) 1\n        else 2"
    assert trim_completion("a &&\n        b\nval c = 1", expr, "") == "a &&\n        b"
    assert trim_completion("\n        items.isEmpty()", expr, "") == "\n        items.isEmpty()"
    assert trim_completion("  \n ", expr, "") == ""


def test_completion_repeating_the_suffix_is_cut():
    expr = find_todo_regions("Cart.kt", SRC)[1]
    middle = trim_completion('items.isEmpty()\n\n    val label = "TODO(not a call)"', expr,
                             SRC[expr.end:])
    assert middle == "items.isEmpty()"


def test_multiline_expression_continuations_are_kept():
    expr = find_todo_regions("Cart.kt", SRC)[1]
    middle = trim_completion("items\n        .filter { it > 0 }\n        .isEmpty()\nfun junk() = 1",
                             expr, SRC[expr.end:])
    assert middle == "items\n        .filter { it > 0 }\n        .isEmpty()"


def test_function_region_for_rewrite():
    region = find_function_region("Cart.kt", SRC, "total")
    assert region is not None and region.kind == "block" and region.label == "total"
    assert find_function_region("Cart.kt", SRC, "missing") is None
