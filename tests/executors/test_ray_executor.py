"""executor: ray on a real two-host Ray cluster on this machine (two network namespaces and a
veth pair; see cluster.py): the same statuses as local, no sample lost or doubled when the
worker host dies mid-run, and one endpoint limit for the whole cluster. Real Ray, git, kotlinc
and HTTP; the kateval driver runs inside the head's namespace, as it would on a head node."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, REPO_ROOT
from tests.executors.cluster import ADDRESS, HEAD_IP, VENV_BIN, WORKER_IP, TwoHostCluster
from tests.pipeline.test_pipeline import SECRET

pytestmark = pytest.mark.slow
pytest.importorskip("ray")
if shutil.which("ip") is None or os.geteuid() != 0:
    pytest.skip("needs iproute2 and root (ip netns)", allow_module_level=True)

SUITE = FIXTURES / "suites" / "tiny.yaml"  # tiny-sum x 3 samples
KATEVAL = VENV_BIN / "kateval"
SAMPLES = [("tiny-sum", n) for n in range(3)]


@pytest.fixture
def cluster(tmp_path):
    hosts = TwoHostCluster(tmp_path)
    try:
        yield hosts.up()
    finally:
        hosts.down()  # even on failure: no namespace or Ray process outlives the test
    assert not hosts.pids(hosts.head) and not hosts.pids(hosts.worker)


def kateval_in_head(cluster, tmp_path: Path, rid: str, *args: str, log: str = "run"):
    """`kateval run` started inside the head's namespace (where a driver runs)."""
    out = open(tmp_path / f"{log}.out", "w")
    cmd = cluster.in_ns(cluster.head, [str(KATEVAL), "run", "--run-id", rid, "--runs-dir",
                                       str(tmp_path / "runs"), "--executor", "ray",
                                       "--ray-address", ADDRESS, *args])
    proc = subprocess.Popen(cmd, cwd=REPO_ROOT, stdout=out, stderr=subprocess.STDOUT,
                            env={**cluster.env(), "KATEVAL_TEST_JUDGE_KEY": SECRET})
    out.close()
    return proc


def finish(proc, tmp_path: Path, log: str = "run", timeout_s: float = 1200) -> str:
    proc.wait(timeout=timeout_s)
    text = (tmp_path / f"{log}.out").read_text()
    assert proc.returncode == 0, text
    assert "Traceback" not in text, text
    return text


def results(root: Path) -> list[dict]:
    return [json.loads(line) for line in (root / "results.jsonl").read_text().splitlines()]


def statuses(summary: dict) -> dict:
    return {task: entry["statuses"] for task, entry in summary["tasks"].items()}


def test_offline_suite_on_ray_matches_local(cluster, tmp_path):
    local = subprocess.run([str(KATEVAL), "run", "--suite", str(SUITE), "--offline", "--run-id",
                            "local", "--runs-dir", str(tmp_path / "runs")], cwd=REPO_ROOT,
                           capture_output=True, text=True, timeout=1200)
    assert local.returncode == 0, local.stdout + local.stderr
    finish(kateval_in_head(cluster, tmp_path, "ray", "--suite", str(SUITE), "--offline"),
           tmp_path)
    runs = tmp_path / "runs"
    want = json.loads((runs / "local" / "summary.json").read_text())
    got = json.loads((runs / "ray" / "summary.json").read_text())
    assert statuses(got) == statuses(want) and got["passed"] == want["passed"] == 3
    assert got["complete"] and got["infra_errors"] == 0
    for task, n in SAMPLES:  # the artifacts came back into the one run folder on the head
        attempt = runs / "ray" / "samples" / task / str(n) / "attempt-1"
        assert (attempt / "patch.diff").read_text().strip()
        assert list((attempt / "junit").rglob("*.xml")), attempt
        assert json.loads((attempt / "result.json").read_text())["status"] == "passed"


def test_worker_host_killed_mid_run_loses_and_doubles_nothing(cluster, tmp_path):
    proc = kateval_in_head(cluster, tmp_path, "kill", "--suite", str(SUITE), "--offline")
    root = tmp_path / "runs" / "kill"
    # Wait until the worker host is evaluating (its compiler processes run in its namespace).
    deadline = time.monotonic() + 600
    while not any("java" in _cmdline(pid) for pid in cluster.pids(cluster.worker)):
        assert proc.poll() is None, (tmp_path / "run.out").read_text()
        assert time.monotonic() < deadline, "the worker host never started a sample"
        time.sleep(0.5)
    done_before = len(results(root)) if (root / "results.jsonl").exists() else 0
    assert cluster.kill_worker_host() > 0
    finish(proc, tmp_path)
    lines = results(root)
    assert sorted((r["task"], r["sample"]) for r in lines) == SAMPLES, lines  # each once
    assert done_before < len(SAMPLES)
    summary = json.loads((root / "summary.json").read_text())
    assert summary["complete"] and summary["infra_errors"] == 0 and summary["passed"] == 3


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


def test_endpoint_limit_holds_across_the_cluster(cluster, tmp_path):
    """One limit per endpoint for the whole cluster, while samples in flight exceed the build
    slots: each slot's worker keeps several samples waiting on the judge at once."""
    counts = tmp_path / "in-flight.json"
    server = subprocess.Popen(cluster.in_ns(cluster.head, [
        str(VENV_BIN / "python"), "-m", "tests.executors.limit_server", "--host", HEAD_IP,
        "--port", "8077", "--out", str(counts), "--judge-hold-s", "4"]), cwd=REPO_ROOT,
        stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout.readline().strip() == "ready"
        url = f"http://{HEAD_IP}:8077/v1"
        endpoint = {"api_key_env": "KATEVAL_TEST_JUDGE_KEY", "max_retries": 0}
        models = tmp_path / "models.yaml"
        models.write_text(yaml.safe_dump({"endpoints": {
            "judge": {"base_url": url, "model": "judge-m", "kind": "chat",
                      "max_concurrency": 6, **endpoint},
            "builder": {"base_url": url, "model": "mellum-m", "kind": "completion",
                        "edit_format": "fim", "max_concurrency": 1, **endpoint}},
            "roles": {"judge": "judge", "builder": "builder"}}))
        suite = tmp_path / "suite.yaml"  # six samples on three slots, at once
        suite.write_text(yaml.safe_dump({
            "name": "limits", "tasks": ["tiny-sum"], "tasks_dir": str(FIXTURES / "tasks"),
            "samples": 6, "k": [1], "max_attempts": 1}))
        text = finish(kateval_in_head(cluster, tmp_path, "limits", "--suite", str(suite),
                                      "--models", str(models)), tmp_path)
        seen = json.loads(counts.read_text())
        assert seen["calls"]["mellum-m"] == 6 and seen["calls"]["judge-m"] >= 6, (seen, text)
        assert seen["peak"]["mellum-m"] == 1, seen  # max_concurrency 1, six samples asking
        # More samples at the judge at once than the cluster has build slots (3), never more
        # than its limit.
        assert 3 < seen["peak"]["judge-m"] <= 6, seen
        root = tmp_path / "runs" / "limits"
        assert sorted(r["status"] for r in results(root)) == ["context_exceeded"] * 6
        slots = json.loads((root / "engine.json").read_text())["build_slots"]
        assert slots["nodes"] == {HEAD_IP: 1, WORKER_IP: 2}, slots  # as the nodes declared
        assert slots["slots"] == 3 and slots["samples_per_slot"] > 1, slots
    finally:
        server.kill()
        server.wait()
