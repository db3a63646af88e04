"""A service slot's JS IR cache: the libraries' lowered IR, kept across samples.

The JS link lowers every library it is given into the cache under CACHE, one folder per
library (`<klib file>.<hash>`, the hash of the klib's path), and finds it there on later
links; a link also rebuilds the library files whose exports its modules use and the cache
lacks. Lowering is most of a link's cost (kotlinx-coroutines alone is 20-30 s of CPU), so
library folders outlive samples: the install primes the stdlib and kotlin-test into a seed
(primer.py), each service starts from a copy of it, a task library is lowered by a
service's first link that names it, and a sample's own modules go after each link.

The JS IC fails a link whose cache holds a library that its `-libraries` do not name, so
before each link `shelve` leaves in the cache exactly that link's libraries and moves the
others to SHELF beside it, to come back when a later link names them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

CACHE = ".kateval-ic"
"""The JS IR cache inside a slot; library entries survive samples."""
SHELF = ".kateval-ic-shelf"
"""Task libraries' cache folders that the current link does not name, in the same
`<version>/<library>` layout as CACHE."""
LIBRARY_CACHE_PREFIXES = ("kotlin-stdlib-js.klib.", "kotlin-test-js.klib.")
LIBRARY_CACHE_MARK = ".klib."
"""A cache entry named `<file>.klib.<hash>` is a library's: the stdlib's, kotlin-test's or a
task library's (kateval/deps, a klib file). A sample's own modules are folders (js-main,
js-klib): their entries go after each link."""
LIBRARIES_FLAG = "-libraries"


def library_cache_only(cache: Path) -> None:
    """Keep a JS IR cache's library entries; drop sample modules and files such as the
    compiler's in-progress guard."""
    for version in cache.iterdir():
        if not version.is_dir():
            remove_entry(version)
            continue
        for module in version.iterdir():
            if LIBRARY_CACHE_MARK not in module.name:
                remove_entry(module)


def linked_libraries(args: list[str]) -> set[str]:
    """The klib file names a link names in `-libraries`."""
    found: set[str] = set()
    for index, arg in enumerate(args[:-1]):
        if arg == LIBRARIES_FLAG:
            found |= {Path(p).name for p in args[index + 1].split(":") if p}
    return found


def library_of(entry: str) -> str:
    """The klib file name of a library's cache folder (`<file>.klib.<hash>`)."""
    return entry.rsplit(".", 1)[0]


def shelve(cache: Path, shelf: Path, wanted: set[str]) -> None:
    """Leave in `cache` the library folders of `wanted` (klib file names), the stdlib's and
    kotlin-test's; move the other libraries' to `shelf`, and wanted ones back from it."""
    for version in _folders(cache):
        for module in _folders(version):
            if (LIBRARY_CACHE_MARK in module.name and not module.name.startswith(
                    LIBRARY_CACHE_PREFIXES) and library_of(module.name) not in wanted):
                _move(module, shelf / version.name / module.name)
    for version in _folders(shelf):
        for module in _folders(version):
            if library_of(module.name) in wanted:
                _move(module, cache / version.name / module.name)


def restore_from(seed: Path, cache: Path) -> None:
    """Make `cache` a copy of `seed` again: files the seed lacks go, files whose size or mtime
    differ from the seed's are copied back (copy2 keeps the mtime; a link touches a few dozen
    of the libraries' files, so this is a small fraction of a full copy)."""
    library_cache_only(cache)
    wanted = {p.relative_to(seed): p for p in seed.rglob("*") if p.is_file()}
    for path in sorted(cache.rglob("*"), reverse=True):
        rel = path.relative_to(cache)
        if path.is_file() and rel not in wanted or path.is_symlink():
            path.unlink()
        elif path.is_dir() and not (seed / rel).is_dir():
            path.rmdir()  # a library the seed lacks (emptied above, children first)
    for rel, source in wanted.items():
        dest = cache / rel
        here, there = source.stat(), dest.stat() if dest.is_file() else None
        if there is None or (here.st_size, here.st_mtime_ns) != (there.st_size, there.st_mtime_ns):
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest)


def _folders(path: Path) -> list[Path]:
    return sorted(p for p in path.iterdir() if p.is_dir() and not p.is_symlink()) \
        if path.is_dir() else []


def _move(source: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    remove_entry(dest)
    source.rename(dest)


def remove_entry(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
