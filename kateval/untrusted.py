"""Reading what model code may have touched, without following anything it planted.

Whatever the harness reads after model code ran is untrusted: a folder may have become a
symlink to a host folder, a file a FIFO or /dev/zero, a name longer than NAME_MAX. Every
read here walks from a directory file descriptor with O_NOFOLLOW at each level and takes
only regular files, within a size budget. Any OSError on that content is `Untrusted`: the
caller files it as the model's outcome, never as the harness's failure.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


class Untrusted(Exception):
    """Model-controlled content that cannot be read as the harness expects."""


def _open_dir(root: Path, rel: str) -> int:
    """A descriptor of `root/rel`, refusing a symlink at any level below `root`."""
    fd = os.open(root, _DIR_FLAGS)
    try:
        for part in [p for p in Path(rel).parts if p not in ("", ".")]:
            if part == ".." or "/" in part:
                raise Untrusted(f"refusing path component {part!r}")
            child = os.open(part, _DIR_FLAGS, dir_fd=fd)
            os.close(fd)
            fd = child
    except BaseException:
        os.close(fd)
        raise
    return fd


def _read_regular(dir_fd: int, name: str, limit: int) -> bytes | None:
    """The file's bytes, None when it is not a regular file; Untrusted when over `limit`."""
    fd = os.open(name, _FILE_FLAGS, dir_fd=dir_fd)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None
        if info.st_size > limit:
            raise Untrusted(f"{name}: {info.st_size} bytes, over the {limit}-byte limit")
        data = os.read(fd, limit + 1)
        chunks = [data]
        while data and sum(map(len, chunks)) <= limit:
            data = os.read(fd, limit + 1)
            chunks.append(data)
        blob = b"".join(chunks)
        if len(blob) > limit:
            raise Untrusted(f"{name}: grew past the {limit}-byte limit while read")
        return blob
    finally:
        os.close(fd)


def read_files(root: Path, rel: str, suffixes: tuple[str, ...], *, max_file: int,
               max_total: int, max_count: int = 10_000) -> dict[str, bytes]:
    """Regular files directly in `root/rel` whose names end in one of `suffixes`, by name.
    A missing folder gives {}; anything planted or oversized raises Untrusted."""
    try:
        fd = _open_dir(root, rel)
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise Untrusted(f"{rel}: {exc.strerror or exc}") from None
    found: dict[str, bytes] = {}
    total = 0
    try:
        names = sorted(os.listdir(fd))
        if len(names) > max_count:
            raise Untrusted(f"{rel}: {len(names)} entries, over the limit of {max_count}")
        for name in names:
            if not name.endswith(suffixes):
                continue
            try:
                data = _read_regular(fd, name, max_file)
            except OSError as exc:
                raise Untrusted(f"{rel}/{name}: {exc.strerror or exc}") from None
            if data is None:
                continue
            total += len(data)
            if total > max_total:
                raise Untrusted(f"{rel}: reports over {max_total} bytes in all")
            found[name] = data
    except OSError as exc:
        raise Untrusted(f"{rel}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    return found
