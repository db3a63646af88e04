"""`kateval import mxeval`: Kotlin problems in MXEval's format, the one of Multi-HumanEval's and
MBXP's Kotlin files (HumanEval_kotlin, MBKP) and of JetBrains' Kotlin HumanEval.

Each JSON line (or item of a JSON array) has `task_id`, `prompt` (a doc comment and a function
signature ending in `{`), `test` (a `fun main()` that throws on a wrong answer), `entry_point`,
`language` and, in some files, `canonical_solution`: a string, a list of strings (JetBrains),
or null (most of MBKP).

MXEval's own grading (mxeval/execution.py, check_correctness_kotlin) writes prompt + completion
+ test as one file, compiles it with `kotlinc -include-runtime` and runs `java -jar` (without
-ea): the problem passes when main() returns. A completion is the function's body and the `}`
that closes it; generation stops once that function is closed (`\\n}\\n`; JetBrains' README says
`}\\n}`), and JetBrains' post-processing removes comments and a repeated signature (everything
up to the first line starting with `fun `). Here the same program becomes

    repo/src/jvmMain/kotlin/<Name>.kt          the prompt with a TODO() body
    hidden/src/jvmTest/kotlin/<Name>Test.kt    main() and its helpers, called by one JUnit 4 test
    solution.patch                             the prompt completed with canonical_solution
    source.json                                task_id, entry_point and the rules above
    repo/src/jvmMain/kotlin/LegacyStdlib.kt    when the code calls toUpperCase() & co., which
                                               Kotlin 2.1 made errors (program.LEGACY_API)

Unlike `java -jar` without -ea, Kotlin's assert() checks count here (program.ASSERTS), as in the
MultiPL-E import: a check the benchmark wrote must not let a wrong answer pass.
"""

from __future__ import annotations

import re
from pathlib import Path

from kateval.importers.common import BenchmarkError, ImportedTask, camel, slug
from kateval.importers.program import JVM_MAIN, JVM_TEST, TEST_METHOD, brace_depth, close, \
    drop_closing, hidden_test, imports_of, legacy_files, read_problems, split_header, \
    with_header

REQUIRED = ("task_id", "prompt", "test")
KOTLIN = ("kotlin", "kt")
GRADING = {
    "program": "prompt + completion + test, as one file",
    "compile": "kotlinc main.kt -include-runtime -d main.jar",
    "run": "java -jar main.jar (without -ea: Kotlin's assert() checks nothing there)",
    "passes_when": "the run exits 0: main() returned without throwing",
    "completion": "the body of the entry point and the } that closes it",
    "stop_sequences": ["\n}\n", "}\n}"],
    "post_processing": "remove // and /* */ comments; drop everything up to and including the "
                       "first line that starts with `fun ` (a repeated signature)",
    "here": "the prompt with a TODO() body in repo/; main() called by one JUnit 4 test; "
            "assert() checks count without -ea",
}
_FUN = re.compile(r"\bfun\s+(?:<[^>]*>\s*)?(?:[\w.]+\.)?(\w+)\s*\(")


def _text(value: str) -> str:
    return value.replace("\r\n", "\n")


def _definitions(code: str, name: str) -> list[int]:
    """Where each line declaring `fun name(` at code's top level starts."""
    return [code.rfind("\n", 0, match.start()) + 1 for match in _FUN.finditer(code)
            if match.group(1) == name and brace_depth(code[:match.start()]) == 0]


def _defines(code: str, name: str) -> int | None:
    found = _definitions(code, name)
    return found[0] if found else None


def _combine(prompt: str, reference: str, entry: str) -> str:
    """prompt + completion as MXEval runs it, also when the reference is a whole program or
    repeats the signature (then its own function replaces the prompt's open one)."""
    header, body = split_header(reference)
    if prompt.strip() in reference:
        return with_header(close(body), header)
    start, own = _defines(prompt, entry), _defines(body, entry)
    if start is not None and own is not None:
        return with_header(close(prompt[:start] + body[own:]), header)
    return with_header(close(prompt + reference))


def _reference(problem: dict, prompt: str, entry: str, where: str) -> str | None:
    """The canonical solution as one completion; a list holds its lines, or alternatives (the
    first that closes the function is taken)."""
    value = problem.get("canonical_solution")
    if value is None or isinstance(value, str):
        return _text(value) if value and value.strip() else None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BenchmarkError(f"{where}: field 'canonical_solution': expected a string, a list "
                             "of strings or null")
    parts = [_text(v) for v in value if v.strip()]
    if not parts:
        return None
    joined = "".join(parts) if all(p.endswith("\n") for p in parts) else "\n".join(parts)

    def closes(code: str) -> bool:  # the open function's body, or one whole function
        return brace_depth(prompt + code) == 0 or (
            len(_definitions(code, entry)) == 1 and brace_depth(code) == 0)

    return joined if closes(joined) or not closes(parts[0]) else parts[0]


def _stub(prompt: str, entry: str, where: str) -> str:
    """The prompt with a TODO() for the body it leaves open (or the expression after `=`)."""
    body, depth = prompt.rstrip(), brace_depth(prompt)
    todo = f'TODO("implement {entry}")'
    if body.endswith("="):
        return with_header(f"{body} {todo}\n" + "}\n" * depth)
    if depth < 1:
        raise BenchmarkError(f"{where}: field 'prompt': expected it to end inside the body of "
                             f"`{entry}` (a signature ending in '{{'), the model's to write")
    return with_header(f"{body}\n{'    ' * depth}{todo}\n" + "}\n" * depth)


def _fields(problem: dict, where: str) -> tuple[str, str, str, str]:
    """task_id, prompt, test and entry point, checked."""
    for name in REQUIRED:
        if not isinstance(problem.get(name), str) or not problem[name].strip():
            raise BenchmarkError(f"{where}: field '{name}' is missing or empty; every problem "
                                 f"needs {', '.join(REQUIRED)}")
    language = problem.get("language")
    if isinstance(language, str) and language.strip().lower() not in KOTLIN:
        raise BenchmarkError(f"{where}: field 'language' is '{language}'; kateval imports the "
                             "Kotlin problems of MXEval (HumanEval_kotlin, MBKP, ...)")
    prompt, test = _text(problem["prompt"]), _text(problem["test"])
    entry = problem.get("entry_point")
    if not isinstance(entry, str) or not entry.strip():
        declared = _FUN.findall(prompt)
        if not declared:
            raise BenchmarkError(f"{where}: no field 'entry_point' and no `fun` in 'prompt'")
        entry = declared[-1]
    return problem["task_id"].strip(), prompt, test, entry.strip()


def to_task(problem: dict, where: str) -> ImportedTask:
    """One problem as a task; `where` (file:line) names it in errors."""
    task_id, prompt, test, entry = _fields(problem, where)
    cls = camel(task_id)
    test_header, program = split_header(drop_closing(test))
    if not re.search(r"\bfun\s+main\s*\(", program):
        raise BenchmarkError(f"{where}: field 'test': no `fun main()` (MXEval runs the test's "
                             "main; it throws on a wrong answer)")
    about = [f"{task_id} (entry point {entry}) in MXEval's format: its test's main() as one "
             "JUnit 4 test,", "where MXEval runs prompt + completion + test with `java -jar` "
             "(see source.json beside task.yaml)."]
    hidden = hidden_test(about, list(dict.fromkeys(imports_of(prompt) + test_header)), program,
                         cls)
    reference = _reference(problem, prompt, entry, where)
    main_path = f"{JVM_MAIN}/{cls}.kt"
    instruction = "\n".join([
        f"# {task_id}", "",
        f"Complete the Kotlin function `{entry}` in `{main_path}`: replace its `TODO()` body "
        "with an implementation that does what its documentation says. Hidden tests call it "
        "with the benchmark's examples.", "", "```kotlin", prompt.rstrip(), "```", ""])
    suite = task_id.split("/")[0] if "/" in task_id else "mxeval"
    return ImportedTask(
        id=f"mxeval-{slug(task_id)}", title=f"{task_id} (MXEval format)", difficulty="medium",
        tags=list(dict.fromkeys(["mxeval", slug(suite)])), instruction=instruction,
        repo_files={main_path: _stub(prompt, entry, where),
                    **legacy_files(prompt, test, reference or "")},
        hidden_files={f"{JVM_TEST}/{cls}Test.kt": hidden},
        solution_files=None if reference is None
        else {main_path: _combine(prompt, reference, entry)},
        expected={"jvm": [f"{cls}Test.{TEST_METHOD}"]},
        source={"benchmark": "mxeval", "task_id": task_id, "entry_point": entry,
                "has_reference": reference is not None, "grading": GRADING})


def read(source: Path) -> list[ImportedTask]:
    """Every problem in the file (or in each *.json / *.jsonl file of a folder)."""
    return read_problems(source, "MXEval", REQUIRED, "task_id", to_task)
