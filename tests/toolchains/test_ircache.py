"""The slot's JS IR cache (ircache.py): pristine copies and each link's own libraries."""

from __future__ import annotations

import shutil
from pathlib import Path

from kateval.toolchains.warm.ircache import linked_libraries, restore_from, shelve

VERSION = "version.x"


def _library(cache: Path, name: str) -> Path:
    folder = cache / VERSION / name
    folder.mkdir(parents=True)
    (folder / "A.kt.ast.bin").write_bytes(name.encode())
    return folder


def _names(folder: Path) -> set[str]:
    return {p.name for p in (folder / VERSION).iterdir()} if (folder / VERSION).is_dir() else set()


def test_a_link_names_its_klibs_by_file_name():
    args = ["-Xir-produce-js", "-libraries", "/k/kotlin-stdlib-js.klib:/d/store/ab/ktor-io-js-3.5.2.klib",
            "-Xinclude=js-klib", "-ir-output-dir", "out"]
    assert linked_libraries(args) == {"kotlin-stdlib-js.klib", "ktor-io-js-3.5.2.klib"}
    assert linked_libraries(["-ir-output-dir", "out"]) == set()


def test_shelve_leaves_exactly_the_links_libraries_and_brings_shelved_ones_back(tmp_path):
    cache, shelf = tmp_path / "ic", tmp_path / "shelf"
    _library(cache, "kotlin-stdlib-js.klib.1a")
    _library(cache, "kotlin-test-js.klib.2b")
    coroutines = _library(cache, "kotlinx-coroutines-core-js-1.11.0.klib.3c")
    inode = (coroutines / "A.kt.ast.bin").stat().st_ino
    _library(cache, "kotlinx-serialization-json-js-1.11.0.klib.4d")

    shelve(cache, shelf, {"kotlin-stdlib-js.klib", "kotlinx-serialization-json-js-1.11.0.klib"})
    # kotlin-test stays whether named or not: every link has it
    assert _names(cache) == {"kotlin-stdlib-js.klib.1a", "kotlin-test-js.klib.2b",
                             "kotlinx-serialization-json-js-1.11.0.klib.4d"}
    assert _names(shelf) == {"kotlinx-coroutines-core-js-1.11.0.klib.3c"}

    shelve(cache, shelf, {"kotlin-stdlib-js.klib", "kotlinx-coroutines-core-js-1.11.0.klib"})
    assert _names(cache) == {"kotlin-stdlib-js.klib.1a", "kotlin-test-js.klib.2b",
                             "kotlinx-coroutines-core-js-1.11.0.klib.3c"}
    assert _names(shelf) == {"kotlinx-serialization-json-js-1.11.0.klib.4d"}
    # moved, not copied: the lowered files are the same ones
    assert (coroutines / "A.kt.ast.bin").stat().st_ino == inode


def test_shelve_leaves_sample_modules_to_the_link_and_replaces_a_stale_shelved_copy(tmp_path):
    cache, shelf = tmp_path / "ic", tmp_path / "shelf"
    _library(cache, "kotlin-stdlib-js.klib.1a")
    _library(cache, "js-klib.sample")  # a sample module: library_cache_only's to drop
    (_library(cache, "atomicfu-js-0.32.1.klib.5e") / "A.kt.ast.bin").write_bytes(b"newer")
    _library(shelf, "atomicfu-js-0.32.1.klib.5e")  # left by an older link
    shelve(cache, shelf, {"kotlin-stdlib-js.klib"})
    assert _names(cache) == {"kotlin-stdlib-js.klib.1a", "js-klib.sample"}
    assert (shelf / VERSION / "atomicfu-js-0.32.1.klib.5e" / "A.kt.ast.bin").read_bytes() == b"newer"


def test_restore_from_puts_the_pristine_library_cache_back(tmp_path):
    """Before each JS link the slot's cache becomes the install's copy again: what a link
    changed is copied back, a sample module's entries go, untouched files are not rewritten."""
    seed = tmp_path / "seed" / "version.x" / "kotlin-stdlib-js.klib.abc"
    seed.mkdir(parents=True)
    (seed / "Strings.kt.metadata.bin").write_bytes(b"used by nobody")
    (seed / "Strings.kt.ast.bin").write_bytes(b"lowered IR")
    cache = tmp_path / "slot-cache"
    shutil.copytree(tmp_path / "seed", cache)
    lib = cache / "version.x" / "kotlin-stdlib-js.klib.abc"
    (lib / "Strings.kt.metadata.bin").write_bytes(b"used by /slot/src/Secret.kt")
    (lib / "Extra.kt.ast.bin").write_bytes(b"new")
    (cache / "version.x" / "js-klib.sample").mkdir()
    (cache / "version.x" / "js-klib.sample" / "A.kt.ast.bin").write_bytes(b"sample")
    untouched = (lib / "Strings.kt.ast.bin").stat().st_ino
    restore_from(tmp_path / "seed", cache)
    files = {p.relative_to(cache).as_posix(): p.read_bytes() for p in cache.rglob("*") if p.is_file()}
    assert files == {"version.x/kotlin-stdlib-js.klib.abc/Strings.kt.metadata.bin": b"used by nobody",
                     "version.x/kotlin-stdlib-js.klib.abc/Strings.kt.ast.bin": b"lowered IR"}
    assert (lib / "Strings.kt.ast.bin").stat().st_ino == untouched

