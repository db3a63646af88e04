import pytest

from kateval.deps.coordinates import Coordinate, compare, highest, parse


def test_parse_gradle_notation():
    c = parse(" org.jetbrains.kotlinx:kotlinx-coroutines-core:1.11.0 ")
    assert c == Coordinate("org.jetbrains.kotlinx", "kotlinx-coroutines-core", "1.11.0")
    assert c.path(".module") == ("org/jetbrains/kotlinx/kotlinx-coroutines-core/1.11.0/"
                                 "kotlinx-coroutines-core-1.11.0.module")


@pytest.mark.parametrize("notation", [
    "org.jetbrains.kotlinx:kotlinx-coroutines-core", "a:b:c:d", "a::1.0", "a:b:[1.0,2.0)",
    "a:b:1.+", "a:b:latest.release", "a:b:1.0@jar"])
def test_parse_refuses_what_a_task_cannot_pin(notation):
    with pytest.raises(ValueError, match="'"):
        parse(notation)


@pytest.mark.parametrize("low, high", [
    ("1.9.0", "1.10.0"), ("1.0-beta", "1.0"), ("1.0", "1.0.1"), ("1.0-rc1", "1.0"),
    ("1.0-alpha", "1.0-beta"), ("2.2.20", "2.4.20"), ("1.0-dev-1", "1.0-alpha")])
def test_versions_order_as_gradle_orders_them(low, high):
    assert compare(low, high) == -1 and compare(high, low) == 1
    assert highest([high, low]) == high


def test_equal_versions():
    assert compare("1.11.0", "1.11.0") == 0
