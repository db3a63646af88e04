"""`kateval import exercism`: exercise projects in Exercism's Kotlin practice layout.

    <slug>/src/main/kotlin/*.kt                 the stub          -> repo/src/jvmMain/kotlin/
    <slug>/src/test/kotlin/*Test.kt             the tests         -> hidden/src/jvmTest/kotlin/ (@Ignore removed)
    <slug>/.meta/src/reference/kotlin/*.kt      the reference     -> solution.patch
    <slug>/.docs/instructions(.append).md       the instruction   -> instruction.md
    <slug>/.meta/config.json                    optional: blurb, which files are the solution

SOURCE is the folder of exercises, or a track checkout (its exercises/practice/ is used), and
the track's config.json, when found, gives each exercise's name and difficulty. An exercise
whose build runs the JUnit Platform (`useJUnitPlatform()`) or whose tests use JUnit 5 (`@Nested`
inner classes, `org.junit.jupiter`) becomes a JUnit 5 task: JUnit 4 cannot run a nested class.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from kateval.importers.common import BenchmarkError, ImportedTask

MAIN, TEST, REFERENCE = "src/main/kotlin", "src/test/kotlin", ".meta/src/reference/kotlin"
JVM_MAIN, JVM_TEST = "src/jvmMain/kotlin", "src/jvmTest/kotlin"
_IGNORE = (r"@(?:org\.junit\.|kotlin\.test\.|org\.junit\.jupiter\.api\.)?(?:Ignore|Disabled)"
           r"(?:\([^)]*\))?")
_IGNORE_LINE = re.compile(rf"^[ \t]*{_IGNORE}[ \t]*\r?\n", re.MULTILINE)
_IGNORE_INLINE = re.compile(rf"{_IGNORE}[ \t]+")
_IGNORE_IMPORT = re.compile(r"^import (?:org\.junit|kotlin\.test|org\.junit\.jupiter\.api)\."
                            r"(?:Ignore|Disabled)[ \t]*;?[ \t]*\r?\n", re.MULTILINE)
_JUNIT5_TESTS = re.compile(r"\borg\.junit\.jupiter\.|@Nested\b")
BUILD_FILES = ("build.gradle.kts", "build.gradle")


def strip_ignores(test_source: str) -> str:
    """Exercism marks every test but the first @Ignore (@Disabled in JUnit 5) so students go
    one at a time; graded here, all of them run."""
    text = _IGNORE_IMPORT.sub("", test_source)
    text = _IGNORE_LINE.sub("", text)
    return _IGNORE_INLINE.sub("", text)


def framework_of(exercise: Path, tests: dict[str, str]) -> str:
    """junit5 when the exercise's build runs the JUnit Platform or its tests use JUnit 5
    (nested classes, Jupiter's API), else junit4."""
    for name in BUILD_FILES:
        path = exercise / name
        if path.is_file() and "useJUnitPlatform(" in path.read_text(encoding="utf-8",
                                                                    errors="replace"):
            return "junit5"
    return "junit5" if any(_JUNIT5_TESTS.search(t) for t in tests.values()) else "junit4"


def difficulty_word(level: object) -> str:
    """Exercism's 1-10 scale: <= 3 easy, <= 6 medium, else hard; medium when unknown."""
    if not isinstance(level, int) or isinstance(level, bool):
        return "medium"
    return "easy" if level <= 3 else "medium" if level <= 6 else "hard"


def _exercises_root(source: Path) -> Path:
    practice = source / "exercises" / "practice"
    return practice if practice.is_dir() else source


def _track_config(root: Path) -> dict[str, dict]:
    """slug -> the track config.json entry (name, difficulty), from the nearest config.json
    that lists exercises: next to the exercises, or at the track root two levels up."""
    for folder in (root, root.parent, root.parent.parent):
        path = folder / "config.json"
        if not path.is_file():
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise BenchmarkError(f"{path}: not valid JSON ({exc}); fix or remove it") from None
        exercises = data.get("exercises") if isinstance(data, dict) else None
        if isinstance(exercises, dict):
            entries = [e for kind in exercises.values() if isinstance(kind, list) for e in kind]
            return {e["slug"]: e for e in entries if isinstance(e, dict) and "slug" in e}
    return {}


def _kotlin_files(folder: Path) -> dict[str, str]:
    """Relative path -> text of every .kt file under folder."""
    if not folder.is_dir():
        return {}
    return {str(p.relative_to(folder)): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*.kt")) if p.is_file()}


def _meta(exercise: Path) -> dict:
    path = exercise / ".meta" / "config.json"
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BenchmarkError(f"{path}: not valid JSON ({exc}); fix or remove it") from None
    return data if isinstance(data, dict) else {}


def _solution_names(meta: dict, stubs: dict[str, str]) -> list[str]:
    """The stub files a student replaces (.meta/config.json files.solution), else all."""
    listed = (meta.get("files") or {}).get("solution") if isinstance(meta.get("files"), dict) else None
    if isinstance(listed, list):
        names = [str(Path(p).relative_to(MAIN)) for p in listed
                 if isinstance(p, str) and p.startswith(MAIN + "/")]
        if names:
            return names
    return list(stubs)


def _instruction(exercise: Path, title: str, stubs: list[str], framework: str) -> str:
    docs = [exercise / ".docs" / name
            for name in ("introduction.md", "instructions.md", "instructions.append.md")]
    texts = [path.read_text(encoding="utf-8").strip() for path in docs if path.is_file()]
    parts = [] if texts and texts[0].startswith("# ") else [f"# {title}", ""]
    for text in texts:
        parts += [text, ""]
    where = (", ".join(f"`{JVM_MAIN}/{s}`" for s in stubs) if stubs
             else f"a new file under `{JVM_MAIN}/`")
    parts += ["## Where", "",
              f"Write the solution in {where} (Kotlin/JVM). Hidden JUnit "
              f"{framework.removeprefix('junit')} tests check it.", ""]
    return "\n".join(parts)


def read_exercise(exercise: Path, track: dict[str, dict]) -> ImportedTask:
    """One exercise folder as a task; a BenchmarkError when it has no tests."""
    slug = exercise.name
    tests = _kotlin_files(exercise / TEST)
    if not tests:
        raise BenchmarkError(f"{exercise / TEST}: no tests (*.kt) in exercise '{slug}'; every "
                             "exercise needs its JUnit tests there (or remove the folder)")
    stubs = _kotlin_files(exercise / MAIN)
    reference = _kotlin_files(exercise / REFERENCE)
    meta, entry = _meta(exercise), track.get(slug, {})
    name = entry.get("name") or slug.replace("-", " ").title()
    solution: dict[str, str | None] | None = None
    if reference:
        solution = {f"{JVM_MAIN}/{rel}": None for rel in _solution_names(meta, stubs)
                    if rel in stubs}
        solution |= {f"{JVM_MAIN}/{rel}": text for rel, text in reference.items()}
    blurb = meta.get("blurb")
    framework = framework_of(exercise, tests)
    return ImportedTask(
        id=f"exercism-{slug}",
        title=f"{name} (Exercism)" + (f": {blurb}" if isinstance(blurb, str) and blurb else ""),
        difficulty=difficulty_word(entry.get("difficulty")),
        tags=["exercism", slug],
        instruction=_instruction(exercise, name, sorted(stubs), framework),
        repo_files={f"{JVM_MAIN}/{rel}": text for rel, text in stubs.items()},
        hidden_files={f"{JVM_TEST}/{rel}": strip_ignores(text) for rel, text in tests.items()},
        solution_files=solution,
        test_framework=framework,
    )


def read(source: Path) -> list[ImportedTask]:
    """Every exercise under source, checked before anything is written."""
    if not source.is_dir():
        raise BenchmarkError(f"{source}: not a folder; exercism imports a folder of exercise "
                             "projects (<slug>/src/main/kotlin, <slug>/src/test/kotlin, ...)")
    root = _exercises_root(source)
    track = _track_config(root)
    exercises = [p for p in sorted(root.iterdir())
                 if p.is_dir() and not p.name.startswith(".")
                 and ((p / "src").is_dir() or (p / ".meta").is_dir() or (p / ".docs").is_dir())]
    if not exercises:
        raise BenchmarkError(f"{root}: no exercise folders (<slug>/src/test/kotlin/...) found; "
                             "point SOURCE at the track or its exercises/practice folder")
    return [read_exercise(p, track) for p in exercises]
