"""Build logic: the files that decide how a task is built and tested. Never the model's.

Gradle runs whatever its build scripts say, inside the build, before any test: a patch to
build.gradle.kts, settings, gradle.properties, the wrapper, buildSrc or an included build can
disable the hidden tests, run code in the daemon or fetch a different compiler. kotlinc and
warm read the build file too (the JVM test framework). So whatever a task's `editable` globs
say, a patch may not touch these paths, and a task whose globs cover them is refused.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path, PurePosixPath

SCRIPT_SUFFIXES = (".gradle", ".gradle.kts")
"""Build and settings scripts, init scripts and scripts applied with `apply from:`."""
NAMES = ("gradle.properties", "gradlew", "gradlew.bat", "local.properties", "gradle.lockfile",
         "gradle-wrapper.properties", "gradle-wrapper.jar")
TOP_DIRS = ("gradle", "buildSrc", "build-logic", "kotlin-js-store")
"""At the root: the wrapper and version catalogs, convention plugins, the JS lock file."""
ANY_DIRS = ("buildSrc", ".gradle")
SETTINGS = ("settings.gradle.kts", "settings.gradle")
PROBES = ("build.gradle.kts", "build.gradle", "settings.gradle.kts", "settings.gradle",
          "gradle.properties", "gradlew", "gradle/wrapper/gradle-wrapper.properties",
          "gradle/libs.versions.toml", "buildSrc/build.gradle.kts", "app/build.gradle.kts")
"""Paths a model could create: an editable glob that matches one covers build logic."""
_INCLUDE_BUILD = re.compile(r"""includeBuild\s*\(?\s*["']([^"']+)["']""")


def included_in(settings: str) -> list[str]:
    """The folders a settings script includes as builds (`includeBuild("x")`), even in a
    comment: better refused than run."""
    found: list[str] = []
    for match in _INCLUDE_BUILD.finditer(settings):
        folder = PurePosixPath(match.group(1)).as_posix().removeprefix("./").strip("/")
        if folder not in ("", ".") and folder not in found:
            found.append(folder)
    return found


def included_builds(root: Path) -> list[str]:
    """The folders the root settings script of a repository folder includes as builds."""
    found: list[str] = []
    for name in SETTINGS:
        settings = root / name
        if settings.is_file() and not settings.is_symlink():
            found += included_in(settings.read_text(encoding="utf-8", errors="replace"))
    return list(dict.fromkeys(found))


def is_build_logic(path: str, included: list[str] = ()) -> bool:
    """Whether a workspace-relative path is build logic (see the module docstring)."""
    pure = PurePosixPath(path)
    parts = pure.parts
    if not parts:
        return False
    if pure.name.endswith(SCRIPT_SUFFIXES) or pure.name in NAMES:
        return True
    if pure.name.endswith(".versions.toml"):
        return True
    if len(parts) > 1 and parts[0] in TOP_DIRS:
        return True
    if any(part in ANY_DIRS for part in parts[:-1]):
        return True
    if any(parts[i:i + 2] == ("gradle", "wrapper") for i in range(len(parts) - 1)):
        return True
    return any(path == folder or path.startswith(folder + "/") for folder in included)


def repo_build_logic(root: Path) -> list[str]:
    """Every build-logic file of a repository folder, relative to it."""
    included = included_builds(root)
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file() or path.is_symlink():
            rel = path.relative_to(root).as_posix()
            if is_build_logic(rel, included):
                found.append(rel)
    return found


def covered(editable: list[str], root: Path | None = None) -> list[tuple[str, str]]:
    """(glob, path) pairs where an editable glob matches build logic: one of the repo's own
    build-logic files, or a build file a patch could create."""
    paths = list(PROBES) + (repo_build_logic(root) if root is not None else [])
    return [(glob, path) for glob in editable for path in dict.fromkeys(paths)
            if fnmatch.fnmatch(path, glob)]
