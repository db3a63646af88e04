"""Gradle's dependency notation and version order: the words the resolver works with."""

from __future__ import annotations

import re
from dataclasses import dataclass

_PART = re.compile(r"^[A-Za-z0-9_.\-]+$")


@dataclass(frozen=True, order=True)
class Module:
    """A module without a version: `group:name`."""

    group: str
    name: str

    def __str__(self) -> str:
        return f"{self.group}:{self.name}"


@dataclass(frozen=True, order=True)
class Coordinate:
    """One published version of a module: `group:name:version`, as build.gradle.kts writes it."""

    group: str
    name: str
    version: str

    @property
    def module(self) -> Module:
        return Module(self.group, self.name)

    def path(self, suffix: str) -> str:
        """The repository path of this version's file `<name>-<version><suffix>`."""
        return (f"{self.group.replace('.', '/')}/{self.name}/{self.version}/"
                f"{self.name}-{self.version}{suffix}")

    def __str__(self) -> str:
        return f"{self.group}:{self.name}:{self.version}"


def parse(notation: str) -> Coordinate:
    """`group:name:version`, or a ValueError that says what is wrong with it (classifiers,
    `@ext`, ranges and dynamic versions are not what a task pins)."""
    parts = notation.strip().split(":")
    if len(parts) != 3 or not all(parts):
        raise ValueError(f"'{notation}' is not Gradle's 'group:name:version' notation")
    for part in parts:
        if not _PART.match(part):
            raise ValueError(f"'{notation}': '{part}' has a character Maven coordinates do not "
                             "use (a classifier, @ext, a range or a dynamic version?); pin one "
                             "version")
    if parts[2].endswith("+") or parts[2].startswith("latest."):
        raise ValueError(f"'{notation}': pin one version, not a dynamic one")
    return Coordinate(*parts)


# ---------------------------------------------------------------- Gradle's version order
# Gradle splits a version at '.', '-', '_' and '+' and between digits and letters; numeric
# parts compare as numbers and rank above words; these words rank so, all others below "rc"
# and alphabetically; at the end of the shorter version a further numeric part makes a
# version higher, a further word lower (1.0-beta < 1.0 < 1.0.1).
_SPECIAL = {"dev": -1, "rc": 1, "snapshot": 2, "final": 3, "ga": 4, "release": 5, "sp": 6}
_SPLIT = re.compile(r"[.\-_+]|(?<=\d)(?=[A-Za-z])|(?<=[A-Za-z])(?=\d)")


def _key(part: str) -> tuple:
    if part.isdigit():
        return (3, int(part), "")
    rank = _SPECIAL.get(part.lower(), 0)
    return (1, rank, part) if rank >= 0 else (0, 0, part)


def compare(a: str, b: str) -> int:
    """-1, 0 or 1 as Gradle orders the versions a and b."""
    pa, pb = [p for p in _SPLIT.split(a) if p], [p for p in _SPLIT.split(b) if p]
    for x, y in zip(pa, pb):
        kx, ky = _key(x), _key(y)
        if kx != ky:
            return -1 if kx < ky else 1
    if len(pa) == len(pb):
        return 0
    longer, sign = (pa, 1) if len(pa) > len(pb) else (pb, -1)
    extra_is_number = longer[min(len(pa), len(pb))].isdigit()
    return sign if extra_is_number else -sign


def highest(versions) -> str:
    best = None
    for version in versions:
        if best is None or compare(version, best) > 0:
            best = version
    if best is None:
        raise ValueError("no version")
    return best
