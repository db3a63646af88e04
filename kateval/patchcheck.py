"""Check a model's patch before anything applies it: a pure function of the patch text.

Patches are hostile (DESIGN.md, threat model). Every path a patch names, in any header git or
GNU patch might read (`diff --git`, `---`/`+++`, rename and copy lines), must be a plain
relative path inside the tree, outside `.git/`, not an ignore or attributes file, inside the
task's `editable` globs and never build logic (buildlogic.py), whatever those globs say.
Symlinks, mode changes and binary patches are refused. The structure is parsed with unidiff;
the extended header lines are read here as well, because a second parser that disagrees
with the first is how a path gets past a check.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from unidiff import PatchSet
from unidiff.errors import UnidiffParseError

from kateval.buildlogic import is_build_logic

REGULAR_MODE = "100644"
FORBIDDEN_NAMES = (".gitignore", ".gitattributes", ".gitmodules")
_HEADER = re.compile(r"^(?:---|\+\+\+) (\S+)")
_GIT_HEADER = re.compile(r"^diff --git (\S+) (\S+)$")
_NAMED = re.compile(r"^(?:rename|copy) (?:from|to) (.+)$")
_MODE = re.compile(r"^(old mode|new mode|new file mode|deleted file mode) (\d+)$")


@dataclass(frozen=True)
class PatchCheck:
    """The files a patch changes, or why it is refused."""

    paths: list[str]
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def _strip(name: str) -> str | None:
    """The tree path behind a header name (`a/x`, `b/x`), None for /dev/null."""
    name = name.split("\t", 1)[0]
    if name == "/dev/null":
        return None
    return name[2:] if name.startswith(("a/", "b/")) else name


def path_problem(path: str) -> str | None:
    """Why a path may not be written by a patch, or None."""
    if path.startswith('"') or any(ch in path for ch in "\\\0\r\n"):
        return f"{path!r}: quoted or escaped paths are not accepted"
    pure = PurePosixPath(path)
    if pure.is_absolute() or path.startswith("~"):
        return f"{path}: absolute path"
    if ".." in pure.parts or not pure.parts or "." in path.split("/"):
        return f"{path}: path leaves or names the tree itself"
    if any(part == ".git" or part.lower() == ".git" for part in pure.parts):
        return f"{path}: inside .git/"
    if pure.name in FORBIDDEN_NAMES:
        return f"{path}: git ignore/attribute files may not be changed"
    return None


def outside_editable(paths: list[str], editable: list[str]) -> list[str]:
    return [p for p in paths if not any(fnmatch.fnmatch(p, glob) for glob in editable)]


def _header_paths(text: str) -> tuple[list[str], list[str]]:
    """Every path in the raw header lines, and problems with modes and binary content."""
    paths: list[str] = []
    problems: list[str] = []
    for line in text.splitlines():
        if match := _GIT_HEADER.match(line):
            paths += [p for p in map(_strip, match.groups()) if p]
        elif line.startswith(("--- ", "+++ ")) and (match := _HEADER.match(line)):
            if (path := _strip(match.group(1))) is not None:
                paths.append(path)
        elif match := _NAMED.match(line):
            paths.append(match.group(1))
        elif match := _MODE.match(line):
            kind, mode = match.groups()
            if kind in ("old mode", "new mode"):
                problems.append(f"mode change to {mode} refused")
            elif mode != REGULAR_MODE:
                problems.append(f"{kind} {mode} refused (only regular files, {REGULAR_MODE})")
        elif line.startswith(("GIT binary patch", "Binary files ")):
            problems.append("binary patch refused")
    return paths, problems


def check_patch(text: str, editable: list[str], included: list[str] = ()) -> PatchCheck:
    """Parse `text` and apply every rule; `paths` are the files it changes, sorted.
    `included` are the repo's included builds (buildlogic.included_builds)."""
    if not text.strip():
        return PatchCheck([], ["empty patch"])
    try:
        parsed = PatchSet(text)
    except UnidiffParseError as exc:
        return PatchCheck([], [f"not a unified diff: {exc}"])
    if not parsed:
        return PatchCheck([], ["not a unified diff: no file headers (---/+++) found"])
    header_paths, problems = _header_paths(text)
    paths: set[str] = set(header_paths)
    for patched in parsed:
        for name in (patched.source_file, patched.target_file):
            if name and (path := _strip(name)) is not None:
                paths.add(path)
        if patched.is_binary_file:
            problems.append(f"{patched.path}: binary patch refused")
        if patched.is_symlink:
            problems.append(f"{patched.path}: symlink refused")
        if patched.is_rename:
            problems.append(f"{patched.path}: renames are not accepted; delete and add instead")
    for path in sorted(paths):
        if (why := path_problem(path)) is not None:
            problems.append(why)
    safe = sorted(p for p in paths if path_problem(p) is None)
    outside = outside_editable(safe, editable)
    problems += [f"{p}: outside the editable files" for p in outside]
    problems += [f"{p}: build logic (build scripts, settings, properties, the wrapper, buildSrc, "
                 "included builds) is never editable" for p in safe
                 if p not in outside and is_build_logic(p, included)]
    return PatchCheck(sorted(paths), list(dict.fromkeys(problems)))
