from __future__ import annotations

import pytest
import yaml

from tests.conftest import run_cli
from tests.scripted_server import ScriptedServer


@pytest.fixture
def server():
    srv = ScriptedServer().start()
    srv.script("judge-m", [{"text": "OK"}])
    srv.script("fim-m", [{"text": "42 tokens of answer here"}])
    yield srv
    srv.stop()


def models(tmp_path, url, builder_url=None):
    data = {"endpoints": {
        "j": {"base_url": url, "model": "judge-m", "kind": "chat"},
        "b": {"base_url": builder_url or url, "model": "fim-m", "kind": "completion"}},
        "roles": {"judge": "j", "builder": "b"}}
    path = tmp_path / "models.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_check_lists_models_and_times_each_role(server, tmp_path):
    proc = run_cli("endpoints", "check", "--models", str(models(tmp_path, server.base_url)),
                   env={"COLUMNS": "250"})
    assert proc.returncode == 0, proc.stderr
    assert "judge-m" in proc.stdout and "fim-m" in proc.stdout and proc.stdout.count("ok") >= 2
    assert server.calls("fim-m", "/v1/completions") and server.calls("judge-m", "/v1/chat/completions")


def test_check_names_the_dead_endpoint_with_a_fix(server, tmp_path):
    path = models(tmp_path, server.base_url, builder_url="http://127.0.0.1:9/v1")
    proc = run_cli("endpoints", "check", "--models", str(path), env={"COLUMNS": "250"})
    assert proc.returncode == 4
    assert "127.0.0.1:9" in proc.stdout and "is a server listening" in proc.stdout
    assert "1 endpoint(s) failed" in proc.stderr


def test_bench_reports_each_concurrency_level(server, tmp_path):
    proc = run_cli("endpoints", "bench", "--models", str(models(tmp_path, server.base_url)),
                   "--role", "builder", "--concurrency", "1,4", "--requests", "8",
                   env={"COLUMNS": "200"})
    assert proc.returncode == 0, proc.stderr
    rows = [line for line in proc.stdout.splitlines() if line.strip().startswith(("│ 1 ", "│ 4 "))]
    assert len(rows) == 2 and all(" 0 " in r.split("│")[-2] + " " for r in rows)
    assert len(server.calls("fim-m")) == 16
    assert all(c["body"]["stream"] for c in server.calls("fim-m"))


def test_bench_bad_concurrency(server, tmp_path):
    proc = run_cli("endpoints", "bench", "--models", str(models(tmp_path, server.base_url)),
                   "--concurrency", "1,x")
    assert proc.returncode == 2 and "--concurrency" in proc.stderr
