"""Bad input gives one line naming file and field, exit code 2, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from kateval.config import ModelsFile, Suite, TaskSpec, load_model, load_models, load_suite
from kateval.errors import ConfigError
from tests.conftest import FIXTURES, REPO_ROOT, run_cli


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_shipped_configs_load():
    assert load_suite(REPO_ROOT / "suites" / "kotlin-core.yaml").name == "kotlin-core"
    models = load_models(REPO_ROOT / "models.yaml")
    assert models.endpoint_for("builder").kind == "completion"
    assert models.endpoint_for("builder").effective_edit_format == "fim"
    assert models.endpoint_for("judge").base_url == "http://localhost:8001/v1"
    assert models.endpoint_for("fallback").model == "Qwen/Qwen2.5-Coder-32B-Instruct"


def test_typo_in_suite_field_names_file_field_and_allowed(tmp_path):
    path = write(tmp_path, "s.yaml", "name: x\nsampels: 3\n")
    with pytest.raises(ConfigError) as err:
        load_suite(path)
    msg = str(err.value)
    assert str(path) in msg and "'sampels'" in msg and "samples" in msg
    assert "\n" not in msg


def test_nested_typo_lists_the_nested_fields(tmp_path):
    path = write(tmp_path, "s.yaml", "name: x\nlimits:\n  memroy_mb: 3\n")
    msg = str(pytest.raises(ConfigError, load_suite, path).value)
    assert "limits.memroy_mb" in msg and "memory_mb" in msg


def test_bad_enum_value(tmp_path):
    path = write(tmp_path, "s.yaml", "name: x\nsandbox: podman\n")
    msg = str(pytest.raises(ConfigError, load_suite, path).value)
    assert "'sandbox'" in msg and "local" in msg and "docker" in msg


def test_k_larger_than_samples(tmp_path):
    path = write(tmp_path, "s.yaml", "name: x\nsamples: 2\nk: [1, 5]\n")
    msg = str(pytest.raises(ConfigError, load_suite, path).value)
    assert "k" in msg and "samples" in msg


def test_broken_yaml_reports_line(tmp_path):
    path = write(tmp_path, "models.yaml", "endpoints:\n  a: {base_url: x\nroles: {}\n")
    msg = str(pytest.raises(ConfigError, load_models, path).value)
    assert str(path) in msg and "line" in msg and "invalid YAML" in msg


def test_unknown_endpoint_in_roles(tmp_path):
    path = write(tmp_path, "models.yaml",
                 "endpoints:\n  a: {base_url: 'http://x/v1', model: m}\n"
                 "roles: {judge: a, builder: nope}\n")
    msg = str(pytest.raises(ConfigError, load_models, path).value)
    assert "roles.builder" in msg and "'nope'" in msg and "known: a" in msg


def test_missing_required_role(tmp_path):
    path = write(tmp_path, "models.yaml",
                 "endpoints:\n  a: {base_url: 'http://x/v1', model: m}\nroles: {judge: a}\n")
    msg = str(pytest.raises(ConfigError, load_models, path).value)
    assert "roles" in msg and "builder" in msg


def test_missing_file():
    msg = str(pytest.raises(ConfigError, load_model, Path("/nope/task.yaml"), TaskSpec).value)
    assert "/nope/task.yaml" in msg and "not found" in msg


def test_every_config_field_is_documented():
    for model in (Suite, ModelsFile, TaskSpec):
        undocumented = [n for n, f in model.model_fields.items() if not f.description]
        assert not undocumented, f"{model.__name__}: {undocumented}"


@pytest.mark.parametrize("content,needle", [
    ("name: x\nsamplez: 1\n", "field 'samplez'"),
    ("name: [unclosed\n", "invalid YAML"),
    ("name: x\ntasks: [no-such-task]\ntasks_dir: ../tasks\n", "no-such-task"),
])
def test_cli_one_line_error_exit_2(tmp_path, content, needle):
    (tmp_path / "suites").mkdir()
    (tmp_path / "tasks").mkdir()
    suite = write(tmp_path / "suites", "bad.yaml", content)
    proc = run_cli("run", "--suite", str(suite), "--offline", "--runs-dir", str(tmp_path / "runs"))
    assert proc.returncode == 2
    assert needle in proc.stderr and str(suite) in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert len(proc.stderr.strip().splitlines()) == 1


def test_cli_broken_models_yaml(tmp_path):
    models = write(tmp_path, "models.yaml", "endpoints: {}\nroles: {judge: a, builder: b}\nextra: 1\n")
    proc = run_cli("run", "--suite", str(FIXTURES / "suites/tiny.yaml"),
                   "--models", str(models), "--dry-run")
    assert proc.returncode == 2
    assert str(models) in proc.stderr and "'extra'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_the_old_concurrency_key_names_what_replaced_it(tmp_path):
    path = tmp_path / "suite.yaml"
    path.write_text("name: x\ntasks: ['*']\nconcurrency: 4\n")
    with pytest.raises(ConfigError) as err:
        load_suite(path)
    message = str(err.value)
    assert "concurrency" in message and "max_samples" in message and "build_slots" in message
    assert "\n" not in message
