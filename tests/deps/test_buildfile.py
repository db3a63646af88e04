"""task.yaml's libraries against the repo's build.gradle.kts."""

import shutil
from pathlib import Path

import pytest

from kateval.config import TaskSpec
from kateval.deps.buildfile import declared, disagreement
from kateval.errors import ConfigError
from kateval.tasks import load_task

CORE = "org.jetbrains.kotlinx:kotlinx-coroutines-core:1.11.0"
TEST = "org.jetbrains.kotlinx:kotlinx-coroutines-test:1.11.0"
BUILD = f"""plugins {{
    kotlin("multiplatform") version "2.4.20"
    kotlin("plugin.serialization") version "2.4.20"
}}
kotlin {{
    jvm()
    sourceSets {{
        // implementation("com.example:commented-out:1.0")
        commonMain.dependencies {{ implementation("{CORE}") }}
        commonTest.dependencies {{
            implementation(kotlin("test"))
            implementation("{TEST}")
        }}
    }}
}}
"""


def spec(**fields) -> TaskSpec:
    return TaskSpec(id="t", title="t", difficulty="easy", category="coroutines", **fields)


def repo(tmp_path: Path, text: str) -> Path:
    (tmp_path / "build.gradle.kts").write_text(text)
    return tmp_path


def test_reads_source_sets_and_plugins():
    found = declared(BUILD)
    assert found == {"commonMain": [CORE], "commonTest": [TEST], "plugins": ["serialization"]}


def test_agreeing_files_pass(tmp_path):
    agreeing = spec(dependencies=[CORE], test_dependencies=[TEST],
                    compiler_plugins=["serialization"])
    assert disagreement(agreeing, repo(tmp_path, BUILD)) is None


def test_a_coordinate_only_in_task_yaml_is_named(tmp_path):
    extra = "org.jetbrains.kotlinx:kotlinx-datetime:0.8.0"
    problem = disagreement(spec(dependencies=[CORE, extra], test_dependencies=[TEST],
                                compiler_plugins=["serialization"]), repo(tmp_path, BUILD))
    assert f"'{extra}'" in problem and "commonMain" in problem and "\n" not in problem


def test_a_coordinate_only_in_the_build_file_is_named(tmp_path):
    problem = disagreement(spec(dependencies=[CORE], compiler_plugins=["serialization"]),
                           repo(tmp_path, BUILD))
    assert f"'{TEST}'" in problem and "test_dependencies" in problem


def test_a_plugin_on_one_side_only_is_named(tmp_path):
    problem = disagreement(spec(dependencies=[CORE], test_dependencies=[TEST]),
                           repo(tmp_path, BUILD))
    assert "'serialization'" in problem


def test_platform_source_sets_are_refused(tmp_path):
    text = 'kotlin { sourceSets { jvmMain.dependencies { implementation("a:b:1.0") } } }'
    assert "jvmMain" in disagreement(spec(), repo(tmp_path, text))


def test_load_task_fails_in_one_line_naming_task_and_coordinate(tmp_path):
    task = Path(__file__).parents[1] / "fixtures" / "tasks" / "tiny-sum"
    copy = tmp_path / "tiny-sum"

    shutil.copytree(task, copy)
    with open(copy / "task.yaml", "a") as fh:
        fh.write(f'dependencies: ["{CORE}"]\n')
    with pytest.raises(ConfigError) as caught:
        load_task(copy)
    assert str(caught.value).startswith("task tiny-sum: ") and CORE in str(caught.value)
    assert "\n" not in str(caught.value)


def test_bad_notation_in_task_yaml_is_one_line(tmp_path):
    task = Path(__file__).parents[1] / "fixtures" / "tasks" / "tiny-sum"
    copy = tmp_path / "tiny-sum"

    shutil.copytree(task, copy)
    with open(copy / "task.yaml", "a") as fh:
        fh.write('dependencies: ["org.jetbrains.kotlinx:kotlinx-coroutines-core"]\n')
    with pytest.raises(ConfigError, match="field 'dependencies': .*'group:name:version'"):
        load_task(copy)


def test_a_test_framework_in_a_platform_test_set_is_katevals_to_provide(tmp_path):
    build = BUILD.replace('    jvm()\n', '    jvm()\n    sourceSets.jvmTest.dependencies { '
                          'implementation("junit:junit:4.13.2") }\n')
    assert declared(build)["jvmTest"] == ["junit:junit:4.13.2"]
    agreeing = spec(dependencies=[CORE], test_dependencies=[TEST],
                    compiler_plugins=["serialization"])
    assert disagreement(agreeing, repo(tmp_path, build)) is None
    library = build.replace("junit:junit:4.13.2", "com.example:lib:1.0")
    assert "jvmTest" in disagreement(agreeing, repo(tmp_path, library))
