"""Task libraries in the toolchains: resolved before anything runs, on every class path the
task's compiles and tests use, in the sandbox image; and the example library task, gold
passing and base failing on the JVM and JS under both local toolchains."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kateval.errors import ConfigError
from kateval.sandbox import image as images
from kateval.tasks import load_task
from kateval.toolchains import Layout, Timeouts, kotlinc, libraries
from kateval.toolchains import installed
from tests.conftest import FIXTURES
from tests.toolchains.conftest import core_task

EXAMPLE = "lib-flow-debounce-search"
CORE_JAR = "kotlinx-coroutines-core-jvm-1.11.0.jar"
TEST_JAR = "kotlinx-coroutines-test-jvm-1.11.0.jar"


def argv_of(steps, name: str) -> list[str]:
    return next(step.argv for step in steps if step.name == name)


def value_after(argv: list[str], flag: str) -> list[str]:
    return argv[argv.index(flag) + 1].split(":")


@pytest.fixture(scope="module")
def example_steps(toolchain):
    task = core_task(EXAMPLE)
    libraries.prepare([task])
    layout = Layout(reports="/nonexistent/reports")
    return kotlinc.KotlincToolchain(toolchain).steps(task.repo, task.spec, layout,
                                                     Timeouts(60, 60))


def test_main_compiles_see_main_libraries_only(example_steps, toolchain):
    jvm = [Path(p).name for p in value_after(argv_of(example_steps, "compile-jvm"), "-cp")]
    assert CORE_JAR in jvm and TEST_JAR not in jvm
    assert toolchain.lib("kotlinx-coroutines-core-jvm.jar") not in jvm, "the task's own wins"
    js = [Path(p).name for p in value_after(argv_of(example_steps, "compile-js"), "-libraries")]
    assert "kotlinx-coroutines-core-js-1.11.0.klib" in js
    assert "kotlinx-coroutines-test-js-1.11.0.klib" not in js
    assert not any(name.startswith("kotlin-stdlib") and "deps" in p
                   for name, p in zip(js, value_after(argv_of(example_steps, "compile-js"),
                                                      "-libraries")))


def test_tests_compile_link_and_run_with_every_library(example_steps, toolchain):
    tests = [Path(p).name for p in value_after(argv_of(example_steps, "compile-jvm-tests"), "-cp")]
    assert {CORE_JAR, TEST_JAR} <= set(tests)
    link = [Path(p).name for p in value_after(argv_of(example_steps, "link-js"), "-libraries")]
    assert {"kotlinx-coroutines-test-js-1.11.0.klib", "atomicfu-js-0.32.1.klib",
            f"kotlin-dom-api-compat-{installed.KOTLIN_VERSION}.klib"} <= set(link)
    run = argv_of(example_steps, "test-jvm")
    class_path = value_after(run, "-cp")
    assert {CORE_JAR, TEST_JAR} <= {Path(p).name for p in class_path}
    assert toolchain.lib("kotlinx-coroutines-core-jvm.jar") not in class_path
    assert f"-Dkateval.deps={toolchain.deps_home}" in run
    # every library lies in the cache the sandbox shows read-only
    assert all(p.startswith(toolchain.deps_home + "/") for p in class_path if "store/" in p)
    assert toolchain.deps_home in toolchain.mounts()


def test_a_task_without_libraries_keeps_the_compiler_s_coroutines(toolchain):
    task = load_task(FIXTURES / "tasks" / "tiny-sum")
    steps = kotlinc.KotlincToolchain(toolchain).steps(task.repo, task.spec,
                                                      Layout(reports="/r"), Timeouts(60, 60))
    assert value_after(argv_of(steps, "compile-jvm"), "-cp") == [
        toolchain.lib("kotlinx-coroutines-core-jvm.jar")]
    assert not any(a.startswith("-Xplugin") for step in steps for a in step.argv)


def test_compiler_plugins_are_switched_on_for_every_compile(toolchain):
    task = load_task(FIXTURES / "tasks" / "tiny-sum")
    spec = task.spec.model_copy(update={"compiler_plugins": ["serialization"]})
    steps = kotlinc.KotlincToolchain(toolchain).steps(task.repo, spec, Layout(reports="/r"),
                                                      Timeouts(60, 60))
    plugin = f"-Xplugin={toolchain.lib('kotlinx-serialization-compiler-plugin.jar')}"
    compiles = [s for s in steps if s.phase == "build" and not s.check]
    assert compiles and all(plugin in s.argv for s in compiles)
    assert Path(plugin.split("=", 1)[1]).is_file()


def test_an_unknown_coordinate_stops_before_anything_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("KATEVAL_HOME", str(tmp_path / "home"))
    task_dir = tmp_path / "tiny-sum"
    shutil.copytree(FIXTURES / "tasks" / "tiny-sum", task_dir)
    missing = "org.jetbrains.kotlinx:kotlinx-no-such-library:1.0.0"
    with open(task_dir / "task.yaml", "a") as fh:
        fh.write(f'dependencies: ["{missing}"]\n')
    build = task_dir / "repo" / "build.gradle.kts"
    build.write_text(build.read_text().replace(
        "sourceSets {", f'sourceSets {{\n        commonMain.dependencies {{ implementation("{missing}") }}'))
    with pytest.raises(ConfigError) as caught:
        libraries.prepare([load_task(task_dir)])
    message = str(caught.value)
    assert message.startswith(f"task tiny-sum: dependency '{missing}'") and "\n" not in message


def test_the_sandbox_image_carries_the_library_cache(toolchain):
    libraries.prepare([core_task(EXAMPLE)])
    names = {e.arcname for e in images.image_inputs(toolchain).entries}
    stored = {f"kateval-deps/{p.relative_to(installed.deps_dir())}"
              for p in (installed.deps_dir() / "store").rglob("*") if p.is_file()}
    assert stored and stored <= names
    assert "COPY kateval-deps /opt/kateval-deps" in (images.sandbox_dir() / "Dockerfile").read_text()


@pytest.mark.slow
@pytest.mark.parametrize("toolchain_name", ["kotlinc", "warm"])
def test_the_example_task_passes_with_gold_and_fails_without(evaluate, toolchain_name):
    task = core_task(EXAMPLE)
    libraries.prepare([task])
    gold = evaluate(toolchain_name, task, "gold", task.gold_patch)
    assert gold.per_target == {"jvm": "passed", "js": "passed"}, gold.log[-3000:]
    assert gold.grade.status == "passed"
    expected = task.expected
    assert sorted(name for (target, name), outcome in gold.outcomes.items()
                  if target == "jvm" and outcome == "passed") == expected["jvm"]
    base = evaluate(toolchain_name, task, "base", None)
    assert base.grade.status == "tests_failed"


@pytest.mark.slow
def test_a_run_of_a_library_task_opens_no_socket_once_resolved(tmp_path, toolchain):
    """After the install (here: prepare) resolved the task's libraries, a run makes no
    network request: the audit hook of tests/test_offline_network.py fails on any connect."""
    import subprocess
    import sys

    from tests.conftest import REPO_ROOT
    from tests.test_offline_network import GUARD

    libraries.prepare([core_task(EXAMPLE)])
    suite = tmp_path / "lib.yaml"
    suite.write_text(f"name: lib\ntasks: [{EXAMPLE}]\ntasks_dir: {REPO_ROOT / 'tasks'}\n"
                     "toolchain: kotlinc\nmax_samples: 1\n")
    proc = subprocess.run([sys.executable, "-c", GUARD, "run", "--suite", str(suite), "--offline",
                           "--runs-dir", str(tmp_path / "runs"), "--run-id", "net"],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=1200)
    assert "NETWORK CONNECT" not in proc.stderr
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert '"passed"' in (tmp_path / "runs" / "net" / "results.jsonl").read_text()
