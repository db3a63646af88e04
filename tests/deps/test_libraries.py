"""A task's class paths: resolved once, kept, and errors that name the task and coordinate."""

import hashlib
import json
from pathlib import Path

import pytest

from kateval.config import TaskSpec
from kateval.deps.libraries import Libraries, TaskResolveError, resolve_task, task_key
from kateval.deps.repository import CENTRAL
from kateval.toolchains.installed import KOTLIN_VERSION
from tests.deps.conftest import UNREACHABLE

CORE = "org.jetbrains.kotlinx:kotlinx-coroutines-core:1.11.0"
TEST = "org.jetbrains.kotlinx:kotlinx-coroutines-test:1.11.0"


def spec(**fields) -> TaskSpec:
    return TaskSpec(id="lib-task", title="t", difficulty="easy", category="coroutines", **fields)


def names(paths) -> list[str]:
    return [Path(p).name for p in paths]


def test_class_paths_per_target_and_use(central_cache, tmp_path):
    libraries = resolve_task(spec(dependencies=[CORE], test_dependencies=[TEST]), central_cache,
                             KOTLIN_VERSION, url=CENTRAL)
    assert names(libraries.jvm_main) == ["kotlinx-coroutines-core-jvm-1.11.0.jar",
                                         "annotations-23.0.0.jar"]
    assert names(libraries.jvm_test) == ["kotlinx-coroutines-core-jvm-1.11.0.jar",
                                         "kotlinx-coroutines-test-jvm-1.11.0.jar",
                                         "annotations-23.0.0.jar"]
    assert libraries.jvm_runtime == libraries.jvm_test
    assert "kotlinx-coroutines-test-js-1.11.0.klib" not in names(libraries.js_main)
    assert set(names(libraries.js_link)) == {
        "kotlinx-coroutines-core-js-1.11.0.klib", "kotlinx-coroutines-test-js-1.11.0.klib",
        "atomicfu-js-0.32.1.klib", f"kotlin-dom-api-compat-{KOTLIN_VERSION}.klib"}
    assert libraries.plugins == ()
    # kept: the same task resolves from its saved resolution, with no repository at all
    key = task_key(spec(dependencies=[CORE], test_dependencies=[TEST]), KOTLIN_VERSION)
    saved = central_cache / "resolutions" / f"{key}.json"
    assert json.loads(saved.read_text())["jvm_main"] == list(libraries.jvm_main)
    again = resolve_task(spec(dependencies=[CORE], test_dependencies=[TEST]), central_cache,
                         KOTLIN_VERSION, offline=True, url=UNREACHABLE)
    assert again == libraries


def test_jvm_only_tasks_resolve_no_klibs(central_cache, tmp_path):
    libraries = resolve_task(spec(dependencies=[CORE], targets=["jvm"]), central_cache,
                             KOTLIN_VERSION, url=CENTRAL)
    assert libraries.jvm_main and not libraries.js_main and not libraries.js_link


def test_a_task_without_dependencies_needs_no_cache(tmp_path):
    libraries = resolve_task(spec(compiler_plugins=["serialization"]), tmp_path,
                             KOTLIN_VERSION, offline=True)
    assert libraries == Libraries(plugins=("kotlinx-serialization-compiler-plugin.jar",))
    assert not (tmp_path / "resolutions").exists()


def test_an_unknown_coordinate_is_one_line_naming_task_and_coordinate(central_cache, tmp_path):
    missing = "org.jetbrains.kotlinx:kotlinx-no-such-library:1.0.0"
    with pytest.raises(TaskResolveError) as caught:
        resolve_task(spec(dependencies=[missing]), central_cache, KOTLIN_VERSION, url=CENTRAL)
    message = str(caught.value)
    assert message.startswith("task lib-task: dependency 'org.jetbrains.kotlinx:kotlinx-no-such")
    assert "\n" not in message and caught.value.config


def test_offline_without_a_resolution_says_how_to_make_one(tmp_path):
    with pytest.raises(TaskResolveError, match="task lib-task: .*kateval toolchain install") as caught:
        resolve_task(spec(dependencies=[CORE]), tmp_path, KOTLIN_VERSION, offline=True)
    assert not caught.value.config


def test_no_network_is_not_the_task_s_fault(tmp_path):
    with pytest.raises(TaskResolveError, match="task lib-task: .*cannot reach") as caught:
        resolve_task(spec(dependencies=[CORE]), tmp_path, KOTLIN_VERSION, url=UNREACHABLE)
    assert not caught.value.config


def test_a_corrupt_library_is_refused_naming_task_and_coordinate(local_repo, tmp_path):
    jar = b"pretend jar"
    module = {"formatVersion": "1.1", "variants": [{
        "name": "jvmRuntimeElements", "attributes": {
            "org.gradle.category": "library", "org.gradle.usage": "java-runtime",
            "org.jetbrains.kotlin.platform.type": "jvm"},
        "files": [{"name": "tiny-1.0.jar", "url": "tiny-1.0.jar",
                   "sha256": hashlib.sha256(b"the real jar").hexdigest()}]}]}
    local_repo.put("com/example/tiny/1.0/tiny-1.0.module", json.dumps(module).encode())
    local_repo.put("com/example/tiny/1.0/tiny-1.0.jar", jar)
    with pytest.raises(TaskResolveError) as caught:
        resolve_task(spec(dependencies=["com.example:tiny:1.0"], targets=["jvm"]),
                     tmp_path / "cache", KOTLIN_VERSION, url=local_repo.url)
    message = str(caught.value)
    assert message.startswith("task lib-task: dependency 'com.example:tiny:1.0'")
    assert "does not match" in message and not caught.value.config
    assert not list((tmp_path / "cache").rglob("*.jar"))
