"""The smoke suite offline under --sandbox docker grades every task as under --sandbox local:
every gold patch passes on both (kateval validate proves them on local), per target, and no
container is left. The smoke suite spans every category; the whole core suite is the README's
first command and CI's rotating validation."""

from __future__ import annotations

import json

import pytest

from kateval.sandbox.docker import RUN_LABEL
from tests.conftest import run_cli

pytestmark = [pytest.mark.docker, pytest.mark.slow]


def _summary(tmp_path, sandbox: str) -> dict:
    proc = run_cli("run", "--suite", "suites/kotlin-smoke.yaml", "--offline", "--sandbox", sandbox,
                   "--run-id", f"smoke-{sandbox}", "--runs-dir", str(tmp_path / "runs"),
                   timeout=3600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads((tmp_path / "runs" / f"smoke-{sandbox}" / "summary.json").read_text())


def test_smoke_suite_offline_in_docker_matches_local(docker_client, sandbox_image, tmp_path):
    docker, local = _summary(tmp_path, "docker"), _summary(tmp_path, "local")
    statuses = {t: e["statuses"] for t, e in docker["tasks"].items()}
    assert statuses == {t: e["statuses"] for t, e in local["tasks"].items()}
    assert statuses == {t: {"passed": 1} for t in local["tasks"]} and len(statuses) >= 10
    print(f"wall time per sample: docker {docker['wall_time_per_sample_s']}, "
          f"local {local['wall_time_per_sample_s']}")
    left = docker_client.containers.list(all=True, filters={"label": f"{RUN_LABEL}=smoke-docker"})
    assert left == []
