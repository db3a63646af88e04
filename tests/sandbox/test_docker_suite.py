"""Tasks of the smoke suite offline under --sandbox docker are graded as under --sandbox local:
every gold patch passes on both, per target, and no container is left. Five tasks that span
expect/actual, coroutines, parsing, a bug fix and a state machine (a container compiles with
the cold compiler: about half a minute per sample here); CI validates every task on local."""

from __future__ import annotations

import json

import pytest
import yaml

from kateval.sandbox.docker import RUN_LABEL
from tests.conftest import REPO_ROOT, run_cli

pytestmark = [pytest.mark.docker, pytest.mark.slow]


PARITY_TASKS = ["platform-fixed-decimal-amounts", "flow-cursor-pagination", "parse-csv-records",
                "bugfix-token-bucket-refill", "fsm-otp-verification"]


def _summary(tmp_path, sandbox: str) -> dict:
    suite = tmp_path / "parity.yaml"
    smoke = yaml.safe_load((REPO_ROOT / "suites" / "kotlin-smoke.yaml").read_text())
    assert set(PARITY_TASKS) <= set(smoke["tasks"])
    suite.write_text(yaml.safe_dump({**smoke, "tasks": PARITY_TASKS,
                                     "tasks_dir": str(REPO_ROOT / "tasks")}))
    proc = run_cli("run", "--suite", str(suite), "--offline", "--sandbox", sandbox,
                   "--run-id", f"smoke-{sandbox}", "--runs-dir", str(tmp_path / "runs"),
                   timeout=3600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads((tmp_path / "runs" / f"smoke-{sandbox}" / "summary.json").read_text())


def test_smoke_tasks_offline_in_docker_match_local(docker_client, sandbox_image, tmp_path):
    docker, local = _summary(tmp_path, "docker"), _summary(tmp_path, "local")
    statuses = {t: e["statuses"] for t, e in docker["tasks"].items()}
    assert statuses == {t: e["statuses"] for t, e in local["tasks"].items()}
    assert statuses == {t: {"passed": 1} for t in PARITY_TASKS}
    print(f"wall time per sample: docker {docker['wall_time_per_sample_s']}, "
          f"local {local['wall_time_per_sample_s']}")
    left = docker_client.containers.list(all=True, filters={"label": f"{RUN_LABEL}=smoke-docker"})
    assert left == []
