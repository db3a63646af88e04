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

import re
from pathlib import Path

from kateval.importers.common import BenchmarkError, ImportedTask, camel, slug
from kateval.importers.program import JVM_MAIN, JVM_TEST, TEST_METHOD, brace_depth, close, \
    drop_closing, hidden_test, imports_of, legacy_files, read_problems, split_header

__all__ = ["brace_depth", "read", "to_task"]

SOLUTION_FIELDS = ("canonical_solution", "solution", "reference_solution")
REQUIRED = ("name", "prompt", "tests")
_FUN = re.compile(r"\bfun\s+(?:<[^>]*>\s*)?(\w+)\s*\(")


def _solution(problem: dict) -> str | None:
    for name in SOLUTION_FIELDS:
        value = problem.get(name)
        if isinstance(value, str) and value.strip():
            return value
    return None


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
        gold = close(whole)
    prompt_imports = imports_of(prompt)
    test_imports, program = split_header(drop_closing(problem["tests"]))
    if "fun main" not in program:
        raise BenchmarkError(f"{where}: field 'tests': no `fun main()` (the checks to run)")
    test = hidden_test([f"{name} from MultiPL-E: its main() checks, run as one JUnit 4 test."],
                     list(dict.fromkeys(prompt_imports + test_imports)), program, cls)
    main_path = f"{JVM_MAIN}/{cls}.kt"
    instruction = "\n".join([
        f"# {name}", "",
        f"Complete the Kotlin function `{functions[-1]}` in `{main_path}`: replace its `TODO()` "
        "body with an implementation that does what its documentation says. Hidden tests "
        "call it with the benchmark's examples.", "", "```kotlin", prompt.rstrip(), "```", ""])
    return ImportedTask(
        id=f"multipl-e-{slug(name)}", title=f"{name} (MultiPL-E HumanEval-Kotlin)",
        difficulty="medium", tags=["multipl-e", "humaneval"], instruction=instruction,
        repo_files={main_path: stub, **legacy_files(prompt, problem["tests"], reference or "")},
        hidden_files={f"{JVM_TEST}/{cls}Test.kt": test},
        solution_files=None if gold is None else {main_path: gold},
        expected={"jvm": [f"{cls}Test.{TEST_METHOD}"]})


def read(source: Path) -> list[ImportedTask]:
    """Every problem in the file (or in each *.json / *.jsonl file of a folder)."""
    return read_problems(source, "MultiPL-E", REQUIRED, "name", to_task)
