"""What a warm compile request puts into its service's slot: the workspace's inputs as hard
links where the two share a file system, copies where they do not, and never what a
symlink points at."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kateval.toolchains.warm import _copy_in


def _workspace(root: Path) -> None:
    (root / "build" / "main" / "pkg").mkdir(parents=True)
    (root / "build" / "main" / "pkg" / "A.class").write_bytes(b"\xca\xfe")
    (root / "build" / "main" / "link").symlink_to("/etc/passwd")
    (root / "src").mkdir()
    (root / "src" / "A.kt").write_text("fun a() = 1\n")
    (root / "src" / "B.kt").symlink_to("/etc/hostname")


def test_inputs_are_hard_linked_on_one_file_system(tmp_path):
    root, slot = tmp_path / "work", tmp_path / "slot"
    _workspace(root)
    slot.mkdir()
    for rel in ("build/main", "src/A.kt", "src/B.kt"):
        _copy_in(root, slot, rel)
    for rel in ("build/main/pkg/A.class", "src/A.kt"):
        assert os.stat(slot / rel).st_ino == os.stat(root / rel).st_ino
    assert os.readlink(slot / "build/main/link") == "/etc/passwd"  # the link, not its target
    assert not (slot / "src" / "B.kt").exists() and not (slot / "src" / "B.kt").is_symlink()
    (slot / "src" / "A.kt").unlink()  # what emptying the slot does: the workspace keeps it
    assert (root / "src" / "A.kt").read_text() == "fun a() = 1\n"


def test_inputs_are_copied_across_file_systems(tmp_path):
    if os.stat("/dev/shm").st_dev == os.stat(tmp_path).st_dev:
        raise AssertionError("/dev/shm and the test's tmp folder share a file system here")
    with tempfile.TemporaryDirectory(dir="/dev/shm") as other:
        root, slot = Path(other) / "work", tmp_path / "slot"
        _workspace(root)
        slot.mkdir()
        _copy_in(root, slot, "build/main")
        copied = slot / "build/main/pkg/A.class"
        assert copied.read_bytes() == b"\xca\xfe"
        assert os.stat(copied).st_ino != os.stat(root / "build/main/pkg/A.class").st_ino
