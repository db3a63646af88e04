"""The patch apply chain on real git work trees."""

from __future__ import annotations

from kateval import workspace
from tests.conftest import patch_for

SUM = "src/commonMain/kotlin/tiny/Sum.kt"


def test_base_commit_and_clean_gold_apply(tiny_task, tmp_path):
    repo = workspace.create(tiny_task, tmp_path / "w")
    assert repo.head.commit.message.strip() == "base" and not repo.is_dirty(untracked_files=True)
    result = workspace.apply_patch(repo, tiny_task.gold_patch, tiny_task.spec.editable)
    assert result.ok and result.method == "git-apply" and result.touched == [SUM]
    assert "filter" in (tmp_path / "w" / SUM).read_text()
    assert workspace.diff(repo).startswith("diff --git a/" + SUM)


def test_drifted_context_falls_back_to_fuzz(tiny_task, tmp_path):
    repo = workspace.create(tiny_task, tmp_path / "w")
    # Context line changed in the patch: git apply refuses, patch --fuzz accepts.
    drifted = tiny_task.gold_patch.replace(" /** The sum of the strictly positive numbers in [xs]. */",
                                           " /** The sum of all positive numbers. */")
    result = workspace.apply_patch(repo, drifted, tiny_task.spec.editable)
    assert result.ok and result.method == "patch-fuzz"
    assert "git apply" in result.log


def test_garbage_patch_fails_and_leaves_tree_clean(tiny_task, tmp_path):
    repo = workspace.create(tiny_task, tmp_path / "w")
    result = workspace.apply_patch(repo, "this is not a diff\n@@ nonsense\n", ["**"])
    assert not result.ok and result.method is None
    assert not repo.is_dirty(untracked_files=True)


def test_patch_for_wrong_file_fails(tiny_task, tmp_path):
    repo = workspace.create(tiny_task, tmp_path / "w")
    wrong = tiny_task.gold_patch.replace("tiny/Sum.kt", "tiny/Missing.kt")
    assert not workspace.apply_patch(repo, wrong, ["**"]).ok


def test_edits_outside_editable_are_rejected(tiny_task, tmp_path):
    patch = patch_for(tiny_task, {"build.gradle.kts": "// wiped\n"})
    repo = workspace.create(tiny_task, tmp_path / "w")
    result = workspace.apply_patch(repo, patch, tiny_task.spec.editable)
    assert not result.ok and result.rejected == ["build.gradle.kts: outside the editable files"]


def test_new_file_patch_applies(tiny_task, tmp_path):
    patch = patch_for(tiny_task, {"src/commonMain/kotlin/tiny/Extra.kt": "package tiny\n"})
    repo = workspace.create(tiny_task, tmp_path / "w")
    result = workspace.apply_patch(repo, patch, tiny_task.spec.editable)
    assert result.ok and result.touched == ["src/commonMain/kotlin/tiny/Extra.kt"]


def test_hidden_overlay(tiny_task, tmp_path):
    workspace.create(tiny_task, tmp_path / "w")
    laid = workspace.overlay_hidden(tiny_task, tmp_path / "w")
    assert laid == ["src/commonTest/kotlin/tiny/SumTest.kt"]
    assert (tmp_path / "w" / laid[0]).read_text().startswith("package tiny")
