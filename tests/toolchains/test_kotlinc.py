"""The cold kotlinc toolchain's compiler calls: each kind (JVM, JS, JS link) starts from the
class archive the install dumped for it, and the archive really maps (real kotlinc, JDK)."""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

import pytest

from kateval.toolchains import Layout, Timeouts, installed
from kateval.toolchains.kotlinc import archive_kind, build_steps, launch_argv
from kateval.toolchains.kmp import compiler_args
from kateval.toolchains.warm import primer

PATHS = installed.ToolPaths(kotlin_home="/k", junit_console="/j/junit.jar", cds_dir="/cds",
                            runner_dir="/cds")
LAYOUT = Layout(reports="/reports", scratch="build/x")


def _training(tmp_path: Path) -> Path:
    primer.write_training(tmp_path)
    return tmp_path


def test_each_kind_of_call_names_its_own_archive(tmp_path):
    steps = build_steps(_training(tmp_path), ["jvm", "js"], PATHS, LAYOUT, Timeouts(60, 60))
    archives = {s.name: [a for a in s.argv if "SharedArchiveFile" in a] for s in steps
                if s.phase == "build" and not s.check}
    assert archives == {
        "compile-jvm": ["-J-XX:SharedArchiveFile=/cds/kotlinc-jvm.jsa"],
        "compile-jvm-tests": ["-J-XX:SharedArchiveFile=/cds/kotlinc-jvm.jsa"],
        "compile-js": ["-J-XX:SharedArchiveFile=/cds/kotlinc-js.jsa"],
        "compile-js-tests": ["-J-XX:SharedArchiveFile=/cds/kotlinc-js.jsa"],
        "link-js": ["-J-XX:SharedArchiveFile=/cds/kotlinc-link.jsa"]}
    assert {archive_kind(c) for c in compiler_args(tmp_path, ["jvm", "js"], PATHS, "junit4")} \
        == set(installed.COMPILER_ARCHIVES)


def test_without_archives_the_calls_start_plain(tmp_path):
    bare = dataclasses.replace(PATHS, cds_dir="")
    steps = build_steps(_training(tmp_path), ["jvm", "js"], bare, LAYOUT, Timeouts(60, 60))
    assert not any("SharedArchiveFile" in a for s in steps for a in s.argv)


@pytest.mark.slow
def test_the_installed_archives_map(tmp_path, toolchain):
    """Every call of a project with -Xshare:on, which makes the JVM fail rather than start
    without its archive."""
    assert toolchain.cds_dir, "kateval toolchain install dumps the archives"
    for compile in compiler_args(_training(tmp_path), ["jvm", "js"], toolchain, "junit4"):
        argv = launch_argv(toolchain, compile)
        argv.insert(1, "-J-Xshare:on")
        proc = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, (compile.name, proc.stdout + proc.stderr)
