"""The sandbox image carries the tasks' libraries: a library task builds and passes in a
container, which has no network, against /opt/kateval-deps."""

from __future__ import annotations

import pytest

from kateval.config import Suite
from kateval.evaluate import evaluate_patch
from kateval.sandbox.factory import make_opener
from kateval.tasks import load_task
from kateval.toolchains import Timeouts, libraries
from tests.conftest import REPO_ROOT

pytestmark = [pytest.mark.docker, pytest.mark.slow]


def test_the_example_library_task_passes_in_a_container(sandbox_image, run_id, tmp_path):
    # The container sees no host folder but the workspace: its compiles and tests find the
    # libraries only at /opt/kateval-deps (image.IMAGE_TOOLS.deps_home), baked into the image.
    task = load_task(REPO_ROOT / "tasks" / "lib-flow-debounce-search")
    libraries.prepare([task])
    suite = Suite(name="docker-libraries", toolchain="kotlinc", sandbox="docker",
                  docker_image=sandbox_image)
    grade = evaluate_patch(task, task.gold_patch, tmp_path / "gold",
                           make_opener("docker", suite, run_id), Timeouts(300, 90))
    assert {t: info["status"] for t, info in grade.targets.items()} == {
        "jvm": "passed", "js": "passed"}, (tmp_path / "gold" / "build.log").read_text()[-3000:]
