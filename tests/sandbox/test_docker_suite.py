"""The core suite offline under --sandbox docker grades every task as under --sandbox local
(where `kateval validate` proves every gold patch passes): 24/24 passed, no container left."""

from __future__ import annotations

import json

import pytest

from kateval.sandbox.docker import RUN_LABEL
from tests.conftest import REPO_ROOT, run_cli

pytestmark = [pytest.mark.docker, pytest.mark.slow]


def test_core_suite_offline_in_docker_matches_local(docker_client, sandbox_image, tmp_path):
    proc = run_cli("run", "--suite", "suites/kotlin-core.yaml", "--offline", "--sandbox", "docker",
                   "--run-id", "docker-core", "--runs-dir", str(tmp_path / "runs"), timeout=3600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    summary = json.loads((tmp_path / "runs" / "docker-core" / "summary.json").read_text())
    tasks = sorted(p.name for p in (REPO_ROOT / "tasks").iterdir() if (p / "task.yaml").exists())
    assert sorted(summary["tasks"]) == tasks
    assert {t: e["statuses"] for t, e in summary["tasks"].items()} == {t: {"passed": 1} for t in tasks}
    print(f"docker wall time per sample: {summary['wall_time_per_sample_s']}")
    left = docker_client.containers.list(all=True, filters={"label": f"{RUN_LABEL}=docker-core"})
    assert left == []
