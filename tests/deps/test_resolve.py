"""The resolver on real Gradle module metadata from Maven Central (cached for reruns)."""

from pathlib import Path

import pytest

from kateval.deps.coordinates import parse
from kateval.deps.metadata import Request
from kateval.deps.repository import CENTRAL, Repository
from kateval.deps.resolve import Resolver, Unresolvable
from kateval.toolchains.installed import KOTLIN_VERSION
from tests.deps.conftest import UNREACHABLE

ATOMICFU = "org.jetbrains.kotlinx:atomicfu:0.32.1"
"""A small multiplatform library: a root module whose variants are `available-at` its
platform modules, depending on the standard library alone."""


def names(graph) -> list[str]:
    return [Path(f).name for module in graph for f in module.files]


@pytest.fixture
def resolver(central_cache):
    return Resolver(Repository(central_cache, CENTRAL), KOTLIN_VERSION)


@pytest.mark.parametrize("request_, platform, file", [
    (Request("jvm", "java-api"), "atomicfu-jvm", "atomicfu-jvm-0.32.1.jar"),
    (Request("jvm", "java-runtime"), "atomicfu-jvm", "atomicfu-jvm-0.32.1.jar"),
    (Request("js", "kotlin-api"), "atomicfu-js", "atomicfu-js-0.32.1.klib"),
    (Request("js", "kotlin-runtime"), "atomicfu-js", "atomicfu-js-0.32.1.klib")])
def test_each_platform_gets_the_variant_its_metadata_names(resolver, request_, platform, file):
    graph = resolver.resolve([parse(ATOMICFU)], request_)
    assert [m.platform.name for m in graph] == [platform]
    # the standard library it depends on is the compiler's own, never the graph's
    assert names(graph) == [file]


def test_kotlin_libraries_follow_the_compiler_and_the_stdlib_stays_out(resolver):
    graph = resolver.resolve([parse("org.jetbrains.kotlinx:kotlinx-coroutines-core:1.11.0")],
                             Request("js", "kotlin-api"))
    found = {str(m.coordinate.module): m.coordinate.version for m in graph}
    # coroutines' JS variant asks for kotlin-dom-api-compat 2.2.20; the Kotlin Gradle
    # plugin aligns it with the compiler, as here
    assert found["org.jetbrains.kotlin:kotlin-dom-api-compat"] == KOTLIN_VERSION
    assert found["org.jetbrains.kotlinx:atomicfu"] == "0.32.1"
    assert not any(name.startswith("kotlin-stdlib") for name in names(graph))
    assert all(name.endswith(".klib") for name in names(graph))


def test_a_second_resolve_reads_only_the_cache(resolver, central_cache):
    first = resolver.resolve([parse(ATOMICFU)], Request("jvm", "java-runtime"))
    offline = Repository(central_cache, UNREACHABLE)
    again = Resolver(offline, KOTLIN_VERSION).resolve([parse(ATOMICFU)],
                                                      Request("jvm", "java-runtime"))
    assert again == first and offline.requests == 0


def test_an_unknown_module_names_itself_and_its_root(resolver):
    missing = parse("org.jetbrains.kotlinx:kotlinx-no-such-library:1.0.0")
    with pytest.raises(Unresolvable) as caught:
        resolver.resolve([missing], Request("jvm", "java-api"))
    assert caught.value.coordinate == missing and caught.value.root == missing
    assert "is not in https://repo1.maven.org" in str(caught.value)


def test_a_jvm_only_library_has_no_js_variant(resolver):
    with pytest.raises(Unresolvable, match="no js variant|no variant for js"):
        resolver.resolve([parse("org.jetbrains:annotations:23.0.0")], Request("js", "kotlin-api"))
