from __future__ import annotations

import json

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
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert "builder endpoint 'b' (http://127.0.0.1:9/v1)" in lines[0]
    assert "Connection" in lines[0] and "is a server listening" in lines[0]


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


def one_line(proc) -> str:
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    return lines[0]


def test_check_json_lists_each_role(server, tmp_path):
    proc = run_cli("endpoints", "check", "--json", "--models", str(models(tmp_path, server.base_url)))
    assert proc.returncode == 0, proc.stderr
    entries = {e["role"]: e for e in json.loads(proc.stdout)}
    assert set(entries) == {"judge", "builder"}
    assert entries["builder"]["ok"] and entries["builder"]["model"] == "fim-m"
    assert "fim-m" in entries["builder"]["served"] and entries["judge"]["latency_s"] > 0


def test_check_says_the_http_status_and_error_text(server, tmp_path):
    server.script("fim-m", [{"status": 500}])
    proc = run_cli("endpoints", "check", "--json", "--models", str(models(tmp_path, server.base_url)))
    assert proc.returncode == 4
    line = one_line(proc)
    assert "builder endpoint 'b'" in line and "HTTP 500" in line and "server's log" in line
    entries = {e["role"]: e for e in json.loads(proc.stdout)}  # the JSON is still printed
    assert entries["judge"]["ok"] and not entries["builder"]["ok"]


def test_bench_on_a_closed_port_fails_in_one_line(tmp_path):
    path = models(tmp_path, "http://127.0.0.1:9/v1")
    proc = run_cli("endpoints", "bench", "--models", str(path), "--concurrency", "1,4",
                   "--requests", "2")
    assert proc.returncode == 4
    line = one_line(proc)
    assert "all 2 requests to builder endpoint 'b' (http://127.0.0.1:9/v1) failed" in line
    assert "Connection" in line and "is a server listening" in line


def test_bench_with_an_http_error_names_the_status(server, tmp_path):
    server.script("fim-m", [{"status": 500}])
    proc = run_cli("endpoints", "bench", "--json", "--models",
                   str(models(tmp_path, server.base_url)), "--concurrency", "1,4",
                   "--requests", "3")
    assert proc.returncode == 4 and "HTTP 500" in one_line(proc)
    levels = json.loads(proc.stdout)["levels"]
    assert [x["concurrency"] for x in levels] == [1]  # stops at the level that all failed
    assert levels[0]["errors"] == 3 and "HTTP 500" in levels[0]["error"]


def test_bench_json_on_success(server, tmp_path):
    proc = run_cli("endpoints", "bench", "--json", "--models",
                   str(models(tmp_path, server.base_url)), "--concurrency", "1,2",
                   "--requests", "2")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["role"] == "builder" and [x["concurrency"] for x in data["levels"]] == [1, 2]
    assert all(x["errors"] == 0 and x["tokens_per_s"] > 0 for x in data["levels"])
