"""The real Kotlin parser reads package headers and `external` modifiers, and nothing else."""

from __future__ import annotations

import pytest

from kateval.toolchains.kotlin_syntax import declared


def externals(source: str) -> list[tuple[int, bool]]:
    return [(f.line, f.certain) for f in declared(source.encode()).externals]


def packages(source: str) -> list[str]:
    return [f.name for f in declared(source.encode()).packages]


@pytest.mark.parametrize("source", [
    "external fun eval(code: String): dynamic\n",
    "public external fun f(): String\n",
    "@JsName(\"x\")\nexternal\nfun f(): String\n",
    "external val x: Int\n",
    "external var x: Int\n",
    "external object O { fun f(): Int }\n",
    "external interface I\n",
    "external enum class E { A }\n",
    "external class Node { fun remove() }\n",
    "val x: Int\n    external get\n",
    "class A {\n  companion object {\n    external fun f(): Int\n  }\n}\n",
    "@file:Suppress(\"X\")\npackage a.b\nexternal fun f(): Int\n",
    "/* a comment */ external fun <T> f(x: T): T\n",
])
def test_every_external_modifier_is_found(source):
    assert [certain for _, certain in externals(source)] == [True]


def test_external_as_a_name_is_a_name():
    """`external` is a soft keyword: as a property, parameter, function or argument it
    declares nothing external; in strings and comments it is text."""
    source = ("package a\n\nfun g() { val external = 1; println(external) }\n"
              "class C(val external: Int)\nfun external() = C(external = 2)\n"
              "// an external fun in a comment\nval s = \"external fun f()\"\n")
    assert externals(source) == []


def test_package_names_drop_backticks_comments_and_semicolons():
    assert packages("package `java`.io\nclass X\n") == ["java.io"]
    assert packages("package java /* c */ . io;\nclass X\n") == ["java.io"]
    assert packages("@file:JvmName(\"X\")\npackage kotlin.test\n") == ["kotlin.test"]
    assert packages("class NoPackage\n") == []


def test_what_the_grammar_cannot_read_is_read_word_by_word():
    """The grammar stops at context parameters and leaves the rest of the file outside its
    tree: `external` there is reported, marked as not certain."""
    source = "package a\n\ncontext(n: Int) fun f() = n\nexternal fun z(): Int\n"
    assert externals(source) == [(4, False)]


def test_a_package_header_inside_an_unparsed_span_is_still_found():
    """`data object` in an interface body (Kotlin 1.9) makes the grammar wrap the whole
    file, header included, in an ERROR node: the header is found all the same."""
    source = ("package kotlin.internal\n\nsealed interface Route {\n    val key: String\n"
              "    data object Home : Route { override val key = \"home\" }\n}\n")
    tree_found = declared(source.encode()).packages
    assert "kotlin.internal" in [f.name for f in tree_found]


def test_valid_code_the_grammar_cannot_read_is_not_refused_for_nothing():
    source = ("package kateval.tasks.nav\n\nsealed interface Route {\n    val key: String\n"
              "    data object Home : Route { override val key = \"home\" }\n}\n")
    assert externals(source) == []
    assert set(packages(source)) == {"kateval.tasks.nav"}
