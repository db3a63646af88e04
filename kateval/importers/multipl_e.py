"""`kateval import multipl-e`: MultiPL-E's HumanEval-Kotlin problems, from JSON or JSONL.

Each problem has `name`, `prompt` (imports, a doc comment and a function signature ending in
`{`), `tests` (a `fun main()` whose checks throw) and, in some files, a reference solution
(`canonical_solution` or `solution`: the body that follows the prompt, or a whole program).
MultiPL-E runs prompt + completion + tests as one file, so `tests` may begin with the `}` that
closes the function; braces are counted to put each piece in its own file:

    repo/src/jvmMain/kotlin/<Name>.kt          the prompt with a TODO() body
    hidden/src/jvmTest/kotlin/<Name>Test.kt    main() and one JUnit 4 test that calls it
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from kateval.importers.common import BenchmarkError, ImportedTask, camel, slug

SOLUTION_FIELDS = ("canonical_solution", "solution", "reference_solution")
REQUIRED = ("name", "prompt", "tests")
TEST_METHOD = "mainChecksPass"
JVM_MAIN, JVM_TEST = "src/jvmMain/kotlin", "src/jvmTest/kotlin"
_IMPORT = re.compile(r"^[ \t]*import [\w.]+(?:\.\*)?(?: as \w+)?[ \t]*$", re.MULTILINE)
_FUN = re.compile(r"\bfun\s+(?:<[^>]*>\s*)?(\w+)\s*\(")

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


def brace_depth(code: str) -> int:
    """Open minus closed braces outside comments, strings and character literals."""
    depth, i, n = 0, 0, len(code)
    while i < n:
        if code.startswith("//", i):
            end = code.find("\n", i)
            i = n if end < 0 else end
        elif code.startswith("/*", i):
            end = code.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif code.startswith('"""', i):
            end = code.find('"""', i + 3)
            i = n if end < 0 else end + 3
        elif code[i] in "\"'":
            quote, i = code[i], i + 1
            while i < n and code[i] != quote and code[i] != "\n":
                i += 2 if code[i] == "\\" else 1
            i += 1
        else:
            depth += {"{": 1, "}": -1}.get(code[i], 0)
            i += 1
    return depth


def _drop_closing(tests: str) -> str:
    """`tests` without the leading `}` that closed the prompt's function in MultiPL-E's file."""
    stripped = tests.lstrip()
    if brace_depth(tests) < 0 and stripped.startswith("}"):
        return stripped[1:].lstrip("\n")
    return tests


def _close(code: str) -> str:
    """code with the braces it leaves open closed."""
    depth = brace_depth(code)
    return code.rstrip() + "\n" + "}\n" * max(depth, 0)


def _solution(problem: dict) -> str | None:
    for name in SOLUTION_FIELDS:
        value = problem.get(name)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _split_imports(code: str) -> tuple[list[str], str]:
    imports = [m.group(0).strip() for m in _IMPORT.finditer(code)]
    return imports, _IMPORT.sub("", code).strip("\n")


def to_task(problem: dict, where: str) -> ImportedTask:
    """One problem as a task; `where` (file:line) names it in errors."""
    for name in REQUIRED:
        if not isinstance(problem.get(name), str) or not problem[name].strip():
            raise BenchmarkError(f"{where}: field '{name}' is missing or empty; every problem "
                                 f"needs {', '.join(REQUIRED)}")
    name, prompt = problem["name"], problem["prompt"]
    functions = _FUN.findall(prompt)
    if not functions or not prompt.rstrip().endswith("{"):
        raise BenchmarkError(f"{where}: field 'prompt': expected a Kotlin function signature "
                             "ending in '{' (the body is the model's to write)")
    cls = camel(name)
    stub = prompt.rstrip() + f'\n    TODO("implement {functions[-1]}")\n' + "}\n" * brace_depth(prompt)
    reference = _solution(problem)
    gold = None
    if reference is not None:
        whole = reference if prompt.strip() in reference else prompt + reference
        gold = _close(whole)
    prompt_imports, _ = _split_imports(prompt)
    test_imports, program = _split_imports(_drop_closing(problem["tests"]))
    calls_main = "main(arrayOf())" if re.search(r"\bfun\s+main\s*\(\s*\w+", program) else "main()"
    imports = list(dict.fromkeys(prompt_imports + test_imports))
    test_file = "\n".join([
        f"// {name} from MultiPL-E: its main() checks, run as one JUnit 4 test.",
        *imports, "", program.rstrip(), ASSERTS,
        f"class {cls}Test {{", "    @org.junit.Test",
        f"    fun {TEST_METHOD}() {{", f"        {calls_main}", "    }", "}", ""])
    main_path = f"{JVM_MAIN}/{cls}.kt"
    instruction = "\n".join([
        f"# {name}", "",
        f"Complete the Kotlin function `{functions[-1]}` in `{main_path}`: replace its `TODO()` "
        "body with an implementation that does what its documentation says. Hidden tests "
        "call it with the benchmark's examples.", "", "```kotlin", prompt.rstrip(), "```", ""])
    return ImportedTask(
        id=f"multipl-e-{slug(name)}", title=f"{name} (MultiPL-E HumanEval-Kotlin)",
        difficulty="medium", tags=["multipl-e", "humaneval"], instruction=instruction,
        repo_files={main_path: stub}, hidden_files={f"{JVM_TEST}/{cls}Test.kt": test_file},
        solution_files=None if gold is None else {main_path: gold},
        expected={"jvm": [f"{cls}Test.{TEST_METHOD}"]})


def _problems(path: Path) -> list[tuple[dict, str]]:
    """(problem, file:line) for every problem in a JSON array or a JSONL file."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise BenchmarkError(f"{path}: not UTF-8 text; MultiPL-E files are UTF-8 JSON") from None
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


def read(source: Path) -> list[ImportedTask]:
    """Every problem in the file (or in each *.json / *.jsonl file of a folder)."""
    if source.is_dir():
        files = sorted(p for p in source.iterdir() if p.suffix in (".json", ".jsonl"))
        if not files:
            raise BenchmarkError(f"{source}: no .json or .jsonl file in this folder")
    elif source.is_file():
        files = [source]
    else:
        raise BenchmarkError(f"{source}: not found; give a MultiPL-E .json or .jsonl file")
    tasks: dict[str, ImportedTask] = {}
    for path in files:
        for problem, where in _problems(path):
            if not isinstance(problem, dict):
                raise BenchmarkError(f"{where}: expected a JSON object with {', '.join(REQUIRED)}")
            task = to_task(problem, where)
            if task.id in tasks:
                raise BenchmarkError(f"{where}: problem '{problem['name']}' appears twice "
                                     f"(task id {task.id}); remove the duplicate")
            tasks[task.id] = task
    if not tasks:
        raise BenchmarkError(f"{source}: no problems found")
    return list(tasks.values())
