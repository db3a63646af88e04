"""Build logic is never editable: which paths count, task loading that refuses globs covering
them, and the patch check (real git) that refuses them whatever the globs say."""

from __future__ import annotations

import shutil

import pytest

from kateval import workspace
from kateval.buildlogic import covered, included_builds, is_build_logic
from kateval.errors import ConfigError
from kateval.tasks import Task, load_task
from tests.conftest import FIXTURES, patch_for

BUILD_LOGIC = ["build.gradle.kts", "build.gradle", "settings.gradle.kts", "app/build.gradle.kts",
               "gradle.properties", "app/gradle.properties", "gradlew", "gradlew.bat",
               "gradle/wrapper/gradle-wrapper.properties", "gradle/libs.versions.toml",
               "buildSrc/src/main/kotlin/Conventions.kt", "app/buildSrc/build.gradle.kts",
               "build-logic/src/main/kotlin/X.kt", "init.gradle", "src/commonMain/kotlin/x.gradle.kts",
               "local.properties", "kotlin-js-store/yarn.lock", "included/src/main/kotlin/P.kt"]
SOURCES = ["src/commonMain/kotlin/a/B.kt", "src/jvmMain/kotlin/gradle/Plugin.kt",
           "app/src/main/kotlin/gradle/wrapperish.kt", "README.md", "src/main/resources/x.properties"]


def test_what_counts_as_build_logic():
    for path in BUILD_LOGIC:
        assert is_build_logic(path, ["included"]), path
    for path in SOURCES:
        assert not is_build_logic(path, ["included"]), path


def test_included_builds_come_from_the_root_settings(tmp_path):
    (tmp_path / "settings.gradle.kts").write_text(
        'pluginManagement { includeBuild("build-conventions") }\nincludeBuild("./libs/core")\n'
        "// includeBuild 'ignored' is still named: better refused than run\n")
    assert included_builds(tmp_path) == ["build-conventions", "libs/core", "ignored"]


def test_covered_names_the_glob_and_the_path(tmp_path):
    (tmp_path / "src" / "commonMain").mkdir(parents=True)
    (tmp_path / "src" / "commonMain" / "x.gradle.kts").write_text("")
    assert covered(["src/commonMain/**", "src/jvmMain/**"], None) == []
    assert covered(["src/commonMain/**"], tmp_path) == [("src/commonMain/**",
                                                         "src/commonMain/x.gradle.kts")]
    assert ("**", "build.gradle.kts") in covered(["**"], None)
    assert ("*.kts", "build.gradle.kts") in covered(["*.kts"], None)


def test_a_task_whose_editable_covers_build_logic_is_refused_in_one_line(tmp_path):
    task = tmp_path / "tiny-sum"
    shutil.copytree(FIXTURES / "tasks" / "tiny-sum", task)
    spec = (task / "task.yaml").read_text()
    (task / "task.yaml").write_text(spec.replace('editable: ["src/commonMain/**"]',
                                                 'editable: ["src/commonMain/**", "*"]'))
    assert 'editable: ["src/commonMain/**", "*"]' in (task / "task.yaml").read_text()
    with pytest.raises(ConfigError) as caught:
        load_task(task)
    message = str(caught.value)
    assert "\n" not in message and f"{task / 'task.yaml'}: field 'editable'" in message, message
    assert "'*' covers build.gradle.kts" in message and "never editable" in message, message


def test_the_patch_check_refuses_build_logic_whatever_the_globs_say(tiny_task, tmp_path):
    everything = Task(spec=tiny_task.spec.model_copy(update={"editable": ["**"]}),
                      root=tiny_task.root)
    for path in ["build.gradle.kts", "settings.gradle.kts", "gradle.properties",
                 "buildSrc/build.gradle.kts", "gradle/wrapper/gradle-wrapper.properties"]:
        patch = patch_for(tiny_task, {path: "// the model's build\n"})
        repo = workspace.create(everything, tmp_path / path.replace("/", "_"))
        result = workspace.apply_patch(repo, patch, everything.spec.editable)
        assert not result.ok and result.method is None, (path, result)
        assert result.rejected == [f"{path}: build logic (build scripts, settings, properties, "
                                   "the wrapper, buildSrc, included builds) is never editable"]
        assert not repo.is_dirty(untracked_files=True)
    # The same patch machinery still takes the sources.
    patch = patch_for(tiny_task, {"src/commonMain/kotlin/tiny/Extra.kt": "package tiny\n"})
    repo = workspace.create(everything, tmp_path / "sources")
    assert workspace.apply_patch(repo, patch, everything.spec.editable).ok


def test_an_included_build_of_the_repo_is_build_logic(tiny_task, tmp_path):
    task = tmp_path / "tiny-sum"
    shutil.copytree(tiny_task.root, task)
    (task / "repo" / "settings.gradle.kts").write_text('includeBuild("conventions")\n')
    loaded = load_task(task)
    everything = Task(spec=loaded.spec.model_copy(update={"editable": ["**"]}), root=task)
    patch = patch_for(everything, {"conventions/src/main/kotlin/P.kt": "package p\n"})
    repo = workspace.create(everything, tmp_path / "w")
    result = workspace.apply_patch(repo, patch, everything.spec.editable)
    assert result.rejected == ["conventions/src/main/kotlin/P.kt: build logic (build scripts, "
                               "settings, properties, the wrapper, buildSrc, included builds) "
                               "is never editable"], result
