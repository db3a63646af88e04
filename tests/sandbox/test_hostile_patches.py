"""Hostile patches on every sandbox: each is refused as patch_failed before anything applies
it, and the canary command it plants never runs, on the host or in a sandbox.

Each patch carries the legitimate gold change plus one attack, the way a model would hide it.
The user's own git configuration (diff.noprefix, a global hooks path) must not change a result.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from kateval import workspace
from kateval.config import Suite
from kateval.evaluate import Timeouts, evaluate_patch
from kateval.sandbox.factory import make_opener

FAST = Timeouts(build_s=240, test_s=20)
SUM = "src/commonMain/kotlin/tiny/Sum.kt"


def _new_file(path: str, text: str, mode: str = "100644") -> str:
    lines = text.splitlines()
    body = "".join(f"+{line}\n" for line in lines)
    return (f"diff --git a/{path} b/{path}\nnew file mode {mode}\nindex 0000000..1111111\n"
            f"--- /dev/null\n+++ b/{path}\n@@ -0,0 +1,{len(lines)} @@\n{body}")


def _attacks(canary: str) -> dict[str, str]:
    hook = f"#!/bin/sh\ntouch {canary}\n"
    config = (f"[core]\n\tfsmonitor = touch {canary}\n\thooksPath = .git/hooks\n"
              f"[diff]\n\texternal = /bin/sh -c 'touch {canary}'\n")
    return {
        "git hook": _new_file(".git/hooks/post-index-change", hook, "100755"),
        "git hook, plain mode": _new_file(".git/hooks/pre-commit", hook),
        "git config": (f"diff --git a/.git/config b/.git/config\n--- a/.git/config\n"
                       f"+++ b/.git/config\n@@ -0,0 +1,6 @@\n"
                       + "".join(f"+{line}\n" for line in config.splitlines())),
        "gitignore hides a planted file": _new_file(".gitignore", "planted.kt\n")
        + _new_file("src/commonMain/kotlin/tiny/planted.kt", "package tiny\nval planted = 1\n"),
        "symlink to a host file": (
            "diff --git a/src/commonMain/kotlin/tiny/Host.kt b/src/commonMain/kotlin/tiny/Host.kt\n"
            "new file mode 120000\nindex 0000000..2222222\n--- /dev/null\n"
            "+++ b/src/commonMain/kotlin/tiny/Host.kt\n@@ -0,0 +1 @@\n+/etc/passwd\n"
            "\\ No newline at end of file\n"),
        "dot-dot path": _new_file("src/commonMain/../../escape.kt", "x\n"),
        "absolute path": ("--- /dev/null\n+++ /tmp/kateval-abs-escape.kt\n@@ -0,0 +1 @@\n+x\n"),
        "mode change": (f"diff --git a/{SUM} b/{SUM}\nold mode 100644\nnew mode 100755\n"),
        "binary patch": (f"diff --git a/src/commonMain/kotlin/tiny/B.kt b/src/commonMain/kotlin/tiny/B.kt\n"
                         "new file mode 100644\nindex 0000000..3333333\nGIT binary patch\n"
                         "literal 1\nIcmZPo000310RR91\n\nliteral 0\nHcmV?d00001\n\n"),
        "outside editable": _new_file("build.gradle.kts.extra", "x\n"),
    }


@pytest.fixture(scope="module", params=["local", "docker"])
def opener(request, toolchain):
    if request.param == "docker":
        request.getfixturevalue("docker_client")
        image = request.getfixturevalue("sandbox_image")
        return make_opener("docker", Suite(name="t", docker_image=image), "pytest-patches")
    return make_opener("local", Suite(name="t"), "pytest-patches")


@pytest.mark.parametrize("attack", list(_attacks("CANARY")))
def test_hostile_patch_is_refused_and_its_canary_never_runs(attack, opener, tiny_task, tmp_path):
    canary = tmp_path / "canary-ran"
    patch = tiny_task.gold_patch + _attacks(str(canary))[attack]
    grade = evaluate_patch(tiny_task, patch, tmp_path / "attempt", opener, FAST)
    assert grade.status == "patch_failed", (attack, grade)
    applied = json.loads((tmp_path / "attempt" / "apply.json").read_text())
    assert applied["method"] is None and applied["rejected"], applied
    assert not (tmp_path / "attempt" / "steps.json").exists(), "nothing may build a refused patch"
    assert not canary.exists(), f"{attack}: the planted command ran"
    assert not (tmp_path.parent / "escape.kt").exists()
    assert not __import__("pathlib").Path("/tmp/kateval-abs-escape.kt").exists()


def test_a_users_git_config_changes_no_result(tiny_task, local_opener, tmp_path, monkeypatch):
    canary = tmp_path / "global-hook-ran"
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    for name in ("post-index-change", "pre-commit", "post-commit"):
        (hooks / name).write_text(f"#!/bin/sh\ntouch {canary}\n")
        (hooks / name).chmod(0o755)
    gitconfig = tmp_path / ".gitconfig"
    gitconfig.write_text(f"[diff]\n\tnoprefix = true\n\texternal = /bin/false\n"
                         f"[core]\n\thooksPath = {hooks}\n\tautocrlf = true\n")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(gitconfig))
    plain = subprocess.run(["git", "config", "--global", "diff.noprefix"], capture_output=True,
                           text=True)
    assert plain.stdout.strip() == "true"  # the config is live for an ordinary git command
    repo = workspace.create(tiny_task, tmp_path / "w")
    assert workspace.apply_patch(repo, tiny_task.gold_patch, tiny_task.spec.editable).ok
    assert workspace.diff(repo).startswith(f"diff --git a/{SUM} b/{SUM}")
    grade = evaluate_patch(tiny_task, tiny_task.gold_patch, tmp_path / "a", local_opener, FAST)
    assert grade.status == "passed", grade
    assert not canary.exists(), "a hook from the user's git config ran"
