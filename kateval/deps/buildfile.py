"""task.yaml's libraries against the task repo's build.gradle.kts: they must name the same.

The model sees build.gradle.kts; kateval builds from task.yaml. A coordinate in one and not
the other would grade the model against a build it was not shown. Read here, from the
build file with its comments removed:
  commonMain.dependencies { implementation("g:n:v") }   (or `api(...)`)  -> dependencies
  commonTest.dependencies { implementation("g:n:v") }                    -> test_dependencies
  kotlin("plugin.serialization") / id("org.jetbrains.kotlin.plugin.compose") -> compiler_plugins
A coordinate in any other source set's block (jvmMain, jsTest...) is refused: a task's
libraries are common ones, resolved for every target.
"""

from __future__ import annotations

import re
from pathlib import Path

BUILD_FILE = "build.gradle.kts"
_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)
_BLOCK = re.compile(r"\b(\w+)\s*\.\s*dependencies\s*\{|\b(?:val\s+)?(\w+)\s+by\s+getting\s*\{")
_COORDINATE = re.compile(r"\b(?:implementation|api|compileOnly|runtimeOnly)\s*\(\s*\"([^\"]+)\"\s*\)")
_PLUGIN = re.compile(r"kotlin\s*\(\s*\"plugin\.(\w+)\"\s*\)|"
                     r"id\s*\(\s*\"org\.jetbrains\.kotlin\.plugin\.(\w+)\"\s*\)")
FIELDS = {"commonMain": "dependencies", "commonTest": "test_dependencies"}
TEST_FRAMEWORKS = ("junit:junit:", "org.junit.", "org.jetbrains.kotlin:kotlin-test",
                   "org.opentest4j:", "org.hamcrest:")
"""Test-framework coordinates a test source set may name: the framework comes with kateval."""


def _block(text: str, start: int) -> str:
    """The text from `start` (just after a `{`) to its matching `}`."""
    depth = 1
    for index in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return text[start:index]
    return text[start:]


def declared(build_file: str) -> dict[str, list[str]]:
    """The coordinates per source set (commonMain, commonTest, ...) and the plugins
    ("plugins") the build file declares."""
    text = _COMMENTS.sub("", build_file)
    found: dict[str, list[str]] = {}
    for match in _BLOCK.finditer(text):
        source_set = match.group(1) or match.group(2)
        coordinates = _COORDINATE.findall(_block(text, match.end()))
        if coordinates:
            found.setdefault(source_set, []).extend(coordinates)
    found["plugins"] = [a or b for a, b in _PLUGIN.findall(text)
                        if (a or b) not in ("multiplatform", "jvm")]
    return found


def disagreement(spec, repo: Path) -> str | None:
    """What task.yaml and repo/build.gradle.kts disagree on, in one line naming the
    coordinate (or plugin), or None when they agree."""
    path = repo / BUILD_FILE
    text = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
    found = declared(text)
    for source_set, coordinates in list(found.items()):
        if source_set.endswith("Test"):
            # The test framework is kateval's to provide (junit4/junit5), as Gradle's would be.
            coordinates = found[source_set] = [c for c in coordinates
                                               if not c.startswith(TEST_FRAMEWORKS)]
        if coordinates and source_set not in FIELDS and source_set != "plugins":
            return (f"{path.name} declares '{coordinates[0]}' in {source_set}; a task's "
                    "libraries are commonMain's or commonTest's")
    for source_set, field in FIELDS.items():
        wanted, there = set(getattr(spec, field, None) or []), set(found.get(source_set, []))
        for coordinate in sorted(wanted - there):
            return (f"dependency '{coordinate}' (task.yaml {field}) is not in {path.name}'s "
                    f"{source_set}.dependencies; make the two name the same")
        for coordinate in sorted(there - wanted):
            return (f"{path.name}'s {source_set}.dependencies has '{coordinate}', which "
                    f"task.yaml's {field} lacks; make the two name the same")
    wanted, there = set(getattr(spec, "compiler_plugins", None) or []), set(found["plugins"])
    for plugin in sorted(wanted ^ there):
        side = "task.yaml's compiler_plugins" if plugin in wanted else f"{path.name}'s plugins"
        return (f"compiler plugin '{plugin}' is only in {side}; apply it in both "
                f"(kotlin(\"plugin.{plugin}\") in build.gradle.kts)")
    return None
