"""Choosing a toolchain by name; the test framework a task asks for."""

from __future__ import annotations

from pathlib import Path

import pytest

from kateval.config import TaskSpec, load_suite
from kateval.errors import ConfigError
from kateval.toolchains import TOOLCHAINS, registry
from kateval.toolchains import kmp
from kateval.toolchains.installed import ToolPaths


def test_unknown_toolchain_in_a_suite_is_one_line_naming_the_choices(tmp_path):
    suite = tmp_path / "suite.yaml"
    suite.write_text("name: s\ntoolchain: nosuch\n")
    with pytest.raises(ConfigError) as err:
        load_suite(suite)
    message = str(err.value)
    assert "\n" not in message and "nosuch" in message
    assert all(name in message for name in TOOLCHAINS)


def test_registry_refuses_an_unknown_name():
    with pytest.raises(ConfigError, match="choices: warm, kotlinc, gradle"):
        registry.create("nosuch", ToolPaths("/nonexistent", "/nonexistent"))


def test_default_toolchain_is_warm(tmp_path):
    suite = tmp_path / "suite.yaml"
    suite.write_text("name: s\n")
    assert load_suite(suite).toolchain == "warm"


def _spec(**fields) -> TaskSpec:
    return TaskSpec(id="t", title="t", difficulty="easy", category="single-function", **fields)


@pytest.mark.parametrize("build, expected", [
    ("kotlin { jvm { testRuns[\"test\"].executionTask.configure { useJUnitPlatform() } } }",
     "junit5"),
    ("kotlin { jvm() }", "junit4"),
    (None, "junit4"),
])
def test_framework_follows_the_build_file(tmp_path: Path, build, expected):
    if build is not None:
        (tmp_path / "build.gradle.kts").write_text(build)
    assert kmp.test_framework(tmp_path, _spec()) == expected


def test_explicit_framework_wins(tmp_path: Path):
    (tmp_path / "build.gradle.kts").write_text("tasks.test { useJUnitPlatform() }")
    assert kmp.test_framework(tmp_path, _spec(test_framework="junit4")) == "junit4"
