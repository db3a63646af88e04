"""One-file Kotlin benchmarks (MultiPL-E, MXEval) grade `prompt + completion + tests` as one
program whose `main()` throws on a wrong answer. Here that program is split in two: the prompt
and its completion in repo/, the tests in hidden/ with `main()` called from one JUnit 4 test.
These helpers cut the pieces apart and put each file's imports where Kotlin wants them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable

from kateval.importers.common import BenchmarkError, ImportedTask

TEST_METHOD = "mainChecksPass"
JVM_MAIN, JVM_TEST = "src/jvmMain/kotlin", "src/jvmTest/kotlin"
# An import line (a `;` or a trailing comment allowed), or a file annotation: both must stand
# before every declaration, but in a concatenated program they can come from any piece.
_IMPORT = re.compile(r"^[ \t]*import[ \t]+[\w.`]+(?:\.\*)?(?:[ \t]+as[ \t]+\w+)?[ \t]*;?"
                     r"[ \t]*(?://[^\n]*)?$", re.MULTILINE)
_FILE_ANNOTATION = re.compile(r"^[ \t]*@file:[^\n]*$", re.MULTILINE)
_PACKAGE_LINE = re.compile(r"^[ \t]*package[ \t]+[\w.`]+[ \t]*;?[ \t]*$", re.MULTILINE)
_MAIN = re.compile(r"(?:^|[\s;}])fun\s+main\s*\(\s*(\w*)")

# Kotlin's assert() checks nothing unless the JVM runs with -ea. These file-private overloads
# take precedence over the default-imported kotlin.assert, so every check in main() counts
# whatever flags the test JVM gets.
ASSERTS = """
private fun assert(value: Boolean) {
    if (!value) throw AssertionError("Assertion failed")
}

private fun assert(value: Boolean, lazyMessage: () -> Any) {
    if (!value) throw AssertionError(lazyMessage())
}
"""


def _skip_literal(code: str, i: int) -> int:
    """Index after the comment, string or character literal at i; i when there is none."""
    n = len(code)
    if code.startswith("//", i):
        end = code.find("\n", i)
        return n if end < 0 else end
    if code.startswith("/*", i):
        end = code.find("*/", i + 2)
        return n if end < 0 else end + 2
    if code.startswith('"""', i):
        end = code.find('"""', i + 3)
        return n if end < 0 else end + 3
    if code[i] in "\"'":
        quote, j = code[i], i + 1
        while j < n and code[j] != quote and code[j] != "\n":
            j += 2 if code[j] == "\\" else 1
        return j + 1
    return i


def brace_depth(code: str) -> int:
    """Open minus closed braces outside comments, strings and character literals."""
    depth, i, n = 0, 0, len(code)
    while i < n:
        j = _skip_literal(code, i)
        if j != i:
            i = j
            continue
        depth += {"{": 1, "}": -1}.get(code[i], 0)
        i += 1
    return depth


def close(code: str) -> str:
    """code with the braces it leaves open closed."""
    return code.rstrip() + "\n" + "}\n" * max(brace_depth(code), 0)


def drop_closing(tests: str) -> str:
    """`tests` without a leading `}` that closed the prompt's function in the one-file program
    (MultiPL-E's tests begin with it; MXEval's completions end with it instead)."""
    stripped = tests.lstrip()
    if brace_depth(tests) < 0 and stripped.startswith("}"):
        return stripped[1:].lstrip("\n")
    return tests


def split_header(code: str) -> tuple[list[str], str]:
    """(file annotations, package and imports, in Kotlin's order; the rest): the lines Kotlin
    wants first, taken out."""
    header = [m.group(0).strip() for m in _FILE_ANNOTATION.finditer(code)]
    header += [m.group(0).strip() for m in _PACKAGE_LINE.finditer(code)][:1]
    header += [m.group(0).strip().rstrip(";").strip() for m in _IMPORT.finditer(code)]
    rest = _IMPORT.sub("", _PACKAGE_LINE.sub("", _FILE_ANNOTATION.sub("", code), count=1))
    return header, rest.strip("\n")


def imports_of(code: str) -> list[str]:
    """code's import lines, and an import of its package's members when it declares one: what
    another file needs to see what code sees."""
    package = package_of(code)
    return [line for line in split_header(code)[0] if line.startswith("import")] + \
        ([f"import {package}.*"] if package else [])


def _header_rank(line: str) -> int:
    return 0 if line.startswith("@file:") else 1 if line.startswith("package") else 2


def with_header(code: str, *more: list[str]) -> str:
    """code with every annotation, package and import line (its own and `more`) moved to the
    top, in that order."""
    own, rest = split_header(code)
    lines = sorted(dict.fromkeys(own + [line for extra in more for line in extra]),
                   key=_header_rank)
    groups = ["\n".join(line for line in lines if _header_rank(line) == rank) for rank in range(3)]
    return "".join(group + "\n\n" for group in groups if group) + rest.rstrip() + "\n"


def main_call(program: str) -> str:
    """How the JUnit test calls the program's main(): with an empty args array if it takes one."""
    match = _MAIN.search(program)
    if match is None:
        raise ValueError("no fun main()")
    return "main(arrayOf())" if match.group(1) not in ("", "vararg") else "main()"


def hidden_test(comment: list[str], imports: list[str], program: str, cls: str) -> str:
    """The hidden test: the benchmark's program (main() and its helpers), the assert()
    overloads, and one JUnit 4 test that passes when main() returns."""
    call = main_call(program)
    return "\n".join([
        *[f"// {line}" for line in comment], *sorted(dict.fromkeys(imports), key=_header_rank),
        "", program.strip("\n"), ASSERTS,
        f"class {cls}Test {{", "    @org.junit.Test", f"    fun {TEST_METHOD}() {{",
        f"        {call}", "    }", "}", ""])


def records(path: Path, kind: str) -> list[tuple[dict, str]]:
    """(problem, file:line) for every problem of a JSON array or a JSONL file."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise BenchmarkError(f"{path}: not UTF-8 text; {kind} files are UTF-8 JSON") from None
    if text.lstrip().startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise BenchmarkError(f"{path}:{exc.lineno}: malformed JSON ({exc.msg})") from None
        return [(item, f"{path}: item {i + 1}") for i, item in enumerate(items)]
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append((json.loads(line), f"{path}:{number}"))
        except json.JSONDecodeError as exc:
            raise BenchmarkError(f"{path}:{number}: malformed JSON ({exc.msg} at column "
                                 f"{exc.colno}); each line must be one JSON object") from None
    return out


def problem_files(source: Path, kind: str) -> list[Path]:
    """The file, or each *.json / *.jsonl file of a folder."""
    if source.is_dir():
        files = sorted(p for p in source.iterdir() if p.suffix in (".json", ".jsonl"))
        if not files:
            raise BenchmarkError(f"{source}: no .json or .jsonl file in this folder")
        return files
    if source.is_file():
        return [source]
    raise BenchmarkError(f"{source}: not found; give a {kind} .json or .jsonl file")


def read_problems(source: Path, kind: str, required: tuple[str, ...], name_field: str,
                  to_task: Callable[[dict, str], ImportedTask]) -> list[ImportedTask]:
    """Every problem of the file (or of each *.json / *.jsonl file of a folder) as a task,
    all read before anything is written; a problem that appears twice is an error."""
    tasks: dict[str, ImportedTask] = {}
    for path in problem_files(source, kind):
        for problem, where in records(path, kind):
            if not isinstance(problem, dict):
                raise BenchmarkError(f"{where}: expected a JSON object with {', '.join(required)}")
            task = to_task(problem, where)
            if task.id in tasks:
                raise BenchmarkError(f"{where}: problem '{problem[name_field]}' appears twice "
                                     f"(task id {task.id}); remove the duplicate")
            tasks[task.id] = task
    if not tasks:
        raise BenchmarkError(f"{source}: no problems found")
    return list(tasks.values())


# Kotlin 2.1 made these locale-sensitive case conversions (and appendln) errors; references
# written for the kotlinc of their day still call them. Declared in the sample's own package,
# these win over the stdlib's default-imported ones, with the stdlib's meaning.
LEGACY_PATH = f"{JVM_MAIN}/LegacyStdlib.kt"
LEGACY_API = """// Stdlib calls that Kotlin 2.1 turned into errors, kept working for this benchmark's code.
@file:Suppress("unused")
{package}
fun String.toUpperCase(): String = uppercase()
fun String.toLowerCase(): String = lowercase()
fun String.toUpperCase(locale: java.util.Locale): String = uppercase(locale)
fun String.toLowerCase(locale: java.util.Locale): String = lowercase(locale)
fun Char.toUpperCase(): Char = uppercaseChar()
fun Char.toLowerCase(): Char = lowercaseChar()
fun StringBuilder.appendln(): StringBuilder = appendLine()
fun StringBuilder.appendln(value: Any?): StringBuilder = appendLine(value)
"""
_LEGACY_CALL = re.compile(r"\.\s*(?:toUpperCase|toLowerCase|appendln)\s*\(")
_PACKAGE = re.compile(r"^[ \t]*package[ \t]+([\w.]+)", re.MULTILINE)


def package_of(code: str) -> str | None:
    match = _PACKAGE.search(code)
    return match.group(1) if match else None


def legacy_files(prompt: str, *code: str) -> dict[str, str]:
    """{LEGACY_PATH: LEGACY_API} when the problem's code calls one of those functions."""
    if not any(_LEGACY_CALL.search(text) for text in (prompt, *code)):
        return {}
    package = package_of(prompt)
    return {LEGACY_PATH: LEGACY_API.format(package=f"package {package}\n" if package else "")}
