"""Checks the harness runs itself on a workspace: common code is common, main code is main.

Hidden tests run model code beside kateval's runner, the test frameworks and the JDK. A
sample that declares something in a package those own (`package java.io`, `kotlin.test`,
`org.junit`, `kateval.runner`) binds to them at run time, with their package-private
access; an `external` declaration in common code binds to JavaScript globals. Either is
`build_failed`, whatever the sample's editable globs allow:
  check-sources  before any compile: every .kt file under src/, parsed (kotlin_syntax.py);
                 a package owned by the JDK, Kotlin, kotlinx, JUnit or kateval anywhere,
                 `external` in a common source set
  check-classes  after the JVM compiles: a class file in such a package's folder (the
                 second layer: `@file:JvmPackageName` moves a file's facade class, not its
                 package header)
The workspace is read without following links, within a size budget; what cannot be read
that way is the model's failure. A problem is one compiler-style line, `path:line:col:
error: ...` (or `error: path: ...`), so the model's feedback carries it like a compiler
error.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

from kateval.sandbox import ExecResult
from kateval.toolchains import Step, Timeouts
from kateval.toolchains.kotlin_syntax import Found, declared

RESERVED = {
    "java": "the JDK", "javax": "the JDK", "jdk": "the JDK", "sun": "the JDK",
    "com.sun": "the JDK", "org.w3c": "the JDK", "org.xml": "the JDK", "org.ietf": "the JDK",
    "org.omg": "the JDK",
    "kotlin": "the Kotlin standard library and kotlin-test",
    "org.jetbrains.annotations": "the Kotlin standard library",
    "org.intellij.lang.annotations": "the Kotlin standard library",
    "org.khronos": "the Kotlin standard library (JS)",
    "kotlinx": "kotlinx",
    "org.junit": "JUnit", "junit": "JUnit", "org.opentest4j": "JUnit",
    "org.apiguardian": "JUnit",
    "kateval": "kateval's test runner",
}
"""Package prefixes (the name itself and everything below it) and who owns them."""
TASK_PACKAGES = ("kateval.tasks", "kateval.floor")
"""kateval's own task and bench packages: below `kateval`, and the model's to write."""
MAX_FILE_BYTES = 4_000_000
MAX_TOTAL_BYTES = 40_000_000
MAX_ENTRIES = 20_000
MAX_DEPTH = 64
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
CHECKS = ("sources", "classes")


class Unreadable(Exception):
    """Workspace content the check cannot read without following what a sample made."""


def owner(package: str) -> str | None:
    """Who owns `package`, or None when a sample may declare things in it."""
    if any(package == p or package.startswith(p + ".") for p in TASK_PACKAGES):
        return None
    for prefix, who in RESERVED.items():
        if package == prefix or package.startswith(prefix + "."):
            return who
    return None


def sources_step(timeouts: Timeouts) -> Step:
    return Step("check-sources", "build", "all", ["src"], timeouts.build_s, check="sources")


def classes_step(folders: list[str], timeouts: Timeouts) -> Step:
    return Step("check-classes", "build", "jvm", folders, timeouts.build_s, check="classes")


def run(step: Step, root: Path) -> ExecResult:
    """Run a check step on the workspace at `root`: exit 1 with one line per problem."""
    start = time.monotonic()
    if step.check not in CHECKS:
        raise ValueError(f"{step.name}: unknown check {step.check!r}")
    problems: list[str] = []
    for folder in step.argv:
        try:
            if step.check == "sources":
                problems += check_sources(root, folder)
            else:
                problems += check_classes(root, folder)
        except Unreadable as exc:
            problems.append(f"error: {exc} (kateval {step.name})")
    text = "".join(f"{line}\n" for line in problems)
    return ExecResult(1 if problems else 0, "", text, False, time.monotonic() - start)


def check_sources(root: Path, folder: str = "src") -> list[str]:
    """One line per reserved package and per `external` in common code, in every .kt file
    below `root/folder` (a missing folder has none)."""
    problems = []
    for rel, data in walk(root, folder, lambda name: name.endswith(".kt"), read=True):
        found = declared(data)
        for package in found.packages:
            who = owner(package.name)
            if who is not None:
                problems.append(_line(rel, package, f"package {package.name} belongs to {who}: "
                                      "a sample may not declare anything in it"))
        source_set = rel.split("/")[1] if rel.count("/") > 1 else ""
        if source_set.startswith("common"):
            problems += [_line(rel, f, "`external` declaration in common code: it binds to "
                               "JavaScript globals, and common code must run on every target")
                         for f in found.externals]
    return problems


def _line(rel: str, found: Found, message: str) -> str:
    unsure = ("" if found.certain else
              " (in a part of the file kateval's Kotlin parser could not read)")
    return f"{rel}:{found.line}:{found.column}: error: {message}{unsure} (kateval check-sources)"


def check_classes(root: Path, folder: str) -> list[str]:
    """One line per class file of `root/folder` that sits in a reserved package's folder."""
    problems = []
    for rel, _ in walk(root, folder, lambda name: name.endswith(".class"), read=False):
        package = ".".join(rel.split("/")[len(Path(folder).parts):-1])
        who = owner(package)
        if who is not None:
            problems.append(f"error: {rel}: a class in package {package}, which belongs to "
                            f"{who}: a sample may not declare anything in it "
                            "(kateval check-classes)")
    return problems


def walk(root: Path, folder: str, wanted, read: bool) -> list[tuple[str, bytes]]:
    """(workspace-relative path, bytes or b"") of every wanted regular file below
    `root/folder`, from directory descriptors, never following a link; Unreadable for a
    link, a special file or anything over the budget."""
    try:
        top = os.open(root, _DIR_FLAGS)
    except OSError as exc:  # the harness's own workspace root: not the model's doing
        raise RuntimeError(f"cannot open the workspace {root}: {exc}") from None
    try:
        fd = os.open(folder, _DIR_FLAGS, dir_fd=top)
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise Unreadable(f"{folder}: cannot open it without following links: "
                         f"{exc.strerror}") from None
    finally:
        os.close(top)
    budget = {"entries": MAX_ENTRIES, "bytes": MAX_TOTAL_BYTES}
    found: list[tuple[str, bytes]] = []
    try:
        _walk_fd(fd, folder, wanted, read, budget, found)
    finally:
        os.close(fd)
    return found


def _walk_fd(fd: int, rel: str, wanted, read: bool, budget: dict, found: list) -> None:
    if rel.count("/") > MAX_DEPTH:
        raise Unreadable(f"{rel}: folders nested more than {MAX_DEPTH} deep")
    try:
        names = sorted(os.listdir(fd))
    except OSError as exc:
        raise Unreadable(f"{rel}: {exc.strerror}") from None
    budget["entries"] -= len(names)
    if budget["entries"] < 0:
        raise Unreadable(f"{rel}: more than {MAX_ENTRIES} files and folders")
    for name in names:
        path = f"{rel}/{name}"
        try:
            info = os.stat(name, dir_fd=fd, follow_symlinks=False)
            if stat.S_ISDIR(info.st_mode):
                child = os.open(name, _DIR_FLAGS, dir_fd=fd)
                try:
                    _walk_fd(child, path, wanted, read, budget, found)
                finally:
                    os.close(child)
            elif not stat.S_ISREG(info.st_mode):
                raise Unreadable(f"{path}: not a regular file or folder (a link?)")
            elif wanted(name):
                found.append((path, _read(fd, name, path, budget) if read else b""))
        except OSError as exc:
            raise Unreadable(f"{path}: {exc.strerror}") from None


def _read(dir_fd: int, name: str, path: str, budget: dict) -> bytes:
    fd = os.open(name, _FILE_FLAGS, dir_fd=dir_fd)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(f"{path}: not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise Unreadable(f"{path}: {info.st_size} bytes, over {MAX_FILE_BYTES}")
        chunks = [os.read(fd, MAX_FILE_BYTES + 1)]
        while chunks[-1] and sum(map(len, chunks)) <= MAX_FILE_BYTES:
            chunks.append(os.read(fd, MAX_FILE_BYTES + 1))
        data = b"".join(chunks)
        budget["bytes"] -= len(data)
        if len(data) > MAX_FILE_BYTES or budget["bytes"] < 0:
            raise Unreadable(f"{path}: the sources are over {MAX_TOTAL_BYTES} bytes in all")
        return data
    finally:
        os.close(fd)
