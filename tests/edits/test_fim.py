from __future__ import annotations

from kateval.edits.fim import find_function_region, find_todo_regions, splice, trim_completion

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


def test_finds_block_and_expression_regions_but_not_strings_or_comments():
    regions = find_todo_regions("Cart.kt", SRC)
    assert [(r.kind, r.label) for r in regions] == [("block", "total"), ("expression", "isEmpty")]
    block, expr = regions
    assert SRC[expr.start:expr.end] == 'TODO("isEmpty")'
    assert SRC[block.start:block.end].strip().endswith('TODO("total")')
    assert SRC[block.end:].startswith("    }")  # the closing brace keeps its indentation


def test_completion_running_past_a_block_is_cut_at_the_unbalanced_brace():
    block = find_todo_regions("Cart.kt", SRC)[0]
    runaway = "\n        return items.sum()\n    }\n\n    fun isEmpty() = items.isEmpty()\n}\n"
    middle = trim_completion(runaway, block, SRC[block.end:])
    assert middle == "\n        return items.sum()\n"
    out = splice(SRC, block, middle)
    assert "return items.sum()\n    }\n\n    fun isEmpty() = TODO" in out


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
