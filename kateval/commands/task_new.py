"""`kateval task new --from-git`: a task folder from two revisions of a user's own repository.

  repo/           the base revision's tracked files (`git archive`: no .git, no ignored files),
                  with the gold revision's build logic when the gold change touches it
  solution.patch  base -> gold for the files that are not tests nor build logic
  hidden/         the gold revision's test files that changed (added or modified)
  task.yaml       toolchain gradle, editable = the source sets the gold change touches,
                  targets (and test tasks) as the build scripts declare them
  instruction.md  the gold commit's message, for the user to edit

Build logic (buildlogic.py) is never editable. When the gold change touches it, the user
names what the model writes (--editable): the build change then belongs to the task's base.

Every git command runs with kateval's isolated configuration (workspace.git_env), so the
user's own git config (hooks, diff drivers, textconv) changes nothing in the task.
"""

from __future__ import annotations

import fnmatch
import io
import re
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from rich.console import Console

from kateval.buildlogic import SETTINGS, covered, included_in, is_build_logic
from kateval.errors import ConfigError
from kateval.workspace import git_env

DEFAULT_TESTS = ["src/*Test/**", "*/src/*Test/**", "src/test/**", "*/src/test/**"]
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


@dataclass(frozen=True)
class FromGit:
    """What `kateval task new --from-git` was asked for."""

    repo: Path
    base: str
    gold: str
    task_id: str
    into: Path
    tests: list[str]
    editable: list[str]


def _git(repo: Path, *args: str, what: str) -> bytes:
    try:
        proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True,
                              env=git_env(), timeout=300)
    except FileNotFoundError:
        raise ConfigError("git not found; apt-get install git") from None
    if proc.returncode != 0:
        reason = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ConfigError(f"--from-git {repo}: {what} failed "
                          f"({reason[-1] if reason else f'exit {proc.returncode}'})")
    return proc.stdout


def _commit(repo: Path, rev: str, option: str) -> str:
    try:
        return _git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}",
                    what=f"{option} {rev}").decode().strip()
    except ConfigError:
        raise ConfigError(f"{option} {rev}: no such commit in {repo}; name a branch, tag or "
                          "commit of that repository") from None


def _matches(path: str, globs: list[str]) -> bool:
    return any(fnmatch.fnmatch(path, glob) for glob in globs)


def _changed(repo: Path, base: str, gold: str) -> list[tuple[str, str]]:
    """(status letter, path) of every file that differs, renames split into delete + add."""
    out = _git(repo, "diff", "--no-renames", "--name-status", "-z", base, gold,
               what="git diff --name-status")
    fields = [f for f in out.decode("utf-8", "surrogateescape").split("\0") if f]
    return list(zip(fields[0::2], fields[1::2]))


def _extract(repo: Path, rev: str, paths: list[str] | None, dest: Path) -> None:
    """The files of `rev` (all, or only `paths`) under dest, as git stores them."""
    data = _git(repo, "archive", "--format=tar", rev, *(["--", *paths] if paths else []),
                what=f"git archive {rev}")
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        members = [m for m in tar.getmembers() if m.isfile() or m.isdir()]
        tar.extractall(dest, members=members, filter="data")


def default_editable(sources: list[str]) -> list[str]:
    """The source sets the gold change touches (`src/commonMain/**`), else the files."""
    globs = []
    for path in sources:
        parts = path.split("/")
        glob = "/".join(parts[:parts.index("src") + 2]) + "/**" if "src" in parts[:-2] else path
        if glob not in globs:
            globs.append(glob)
    return globs


_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)
# `jvm()`, `jvm("desktop")`, `jvm {`, `js(IR) {`: not kotlin("jvm"), jvmToolchain(), x.js
_TARGET = re.compile(r"""(?<![\w.$"'])(jvm|js)\s*(?:\(([^()]*)\)|(?=\{))""")
_NAME = re.compile(r"""^\s*(?:name\s*=\s*)?["']([A-Za-z][A-Za-z0-9_]*)["']""")


def _build_text(repo_dir: Path) -> str:
    """Every build script of the repository (convention plugins in buildSrc included), without
    comments: where a KMP build declares its targets."""
    texts = [_COMMENT.sub("", p.read_text(encoding="utf-8", errors="replace"))
             for p in sorted(repo_dir.rglob("*")) if p.name.endswith((".gradle", ".gradle.kts"))
             and p.is_file() and not p.is_symlink()]
    return "\n".join(texts)


def _block(text: str, start: int) -> str:
    """The `{ ... }` block that opens at or after `start` (blanks between), else ""."""
    index = start
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    if index >= len(text) or text[index] != "{":
        return ""
    depth = 0
    for end in range(index, len(text)):
        depth += {"{": 1, "}": -1}.get(text[end], 0)
        if depth == 0:
            return text[index:end + 1]
    return text[index:]


def _targets(repo_dir: Path) -> tuple[list[str], dict[str, str]]:
    """The targets and, where they differ from KMP's defaults (jvmTest, jsNodeTest), the
    Gradle test tasks, as the build scripts declare them; the source sets where none does."""
    text = _build_text(repo_dir)
    has_js = (repo_dir / "src" / "jsMain").is_dir() or (repo_dir / "src" / "jsTest").is_dir()
    if "multiplatform" not in text.lower():
        if text and not has_js:
            return ["jvm"], {"jvm": "test"}  # a JVM build (java, kotlin("jvm")): `test`
        return (["jvm", "js"] if has_js else ["jvm"]), {}
    declared: dict[str, tuple[str, str]] = {}  # target -> (its name, its block)
    for match in _TARGET.finditer(text):
        named = _NAME.match(match.group(2) or "")
        declared.setdefault(match.group(1), (named.group(1) if named else match.group(1),
                                             _block(text, match.end())))
    tasks = {}
    if declared.get("jvm", ("jvm", ""))[0] != "jvm":
        tasks["jvm"] = f"{declared['jvm'][0]}Test"
    if "js" in declared:
        name, block = declared["js"]
        node = "nodejs" in block or "browser" not in block  # Gradle's jsTest needs one
        if name != "js" or not node:
            tasks["js"] = f"{name}{'Node' if node else 'Browser'}Test"
    return (["jvm", "js"] if "js" in declared else ["jvm"]), tasks


def _build_logic(repo: Path, gold: str, changed: list[tuple[str, str]],
                 request: FromGit) -> list[str]:
    """The build-logic files the gold change touches; refused unless the user said what the
    model writes (--editable), which may not cover build logic itself."""
    included: list[str] = []
    for name in SETTINGS:
        try:
            included += included_in(_git(repo, "show", f"{gold}:{name}", what="git show")
                                    .decode("utf-8", "replace"))
        except ConfigError:
            continue  # no such settings script at gold
    building = [p for _, p in changed if is_build_logic(p, included)
                and not _matches(p, request.tests)]
    if request.editable and (found := covered(request.editable)):
        glob, path = found[0]
        raise ConfigError(f"--editable {glob}: covers {path}, build logic, which is never "
                          "editable; name only the source sets the model writes")
    if building and not request.editable:
        raise ConfigError(f"--gold {request.gold}: the change touches build logic "
                          f"({', '.join(building[:3])}), which is never the model's; pass "
                          "--editable GLOB for the files the model writes, and the build "
                          "change goes into the task's repo/")
    return building


def _take_build_logic(repo: Path, gold: str, changed: list[tuple[str, str]],
                      building: list[str], dest: Path) -> None:
    """The gold revision's build logic into the task's base: the build the tests need."""
    deleted = {p for status, p in changed if status == "D"}
    for path in building:
        if path in deleted:
            (dest / path).unlink(missing_ok=True)
    kept = [p for p in building if p not in deleted]
    if kept:
        _extract(repo, gold, kept, dest)


def _title(message: str, task_id: str) -> str:
    first = message.strip().splitlines()[0].strip() if message.strip() else ""
    return first[:120] or task_id


def _task_yaml(request: FromGit, message: str, editable: list[str], repo_dir: Path) -> str:
    targets, gradle_tasks = _targets(repo_dir)
    spec = {"id": request.task_id, "title": _title(message, request.task_id),
            "difficulty": "medium", "category": "bug-fix", "tags": ["from-git"],
            "targets": targets, "editable": editable, "toolchain": "gradle",
            **({"gradle_tasks": gradle_tasks} if gradle_tasks else {})}
    return yaml.safe_dump(spec, sort_keys=False)


def new_from_git(request: FromGit) -> Path:
    """Write the task folder; returns it. Nothing is written when a check fails."""
    repo = request.repo.resolve()
    if not ID_PATTERN.match(request.task_id):
        raise ConfigError(f"--id {request.task_id}: use lower-case letters, digits, '.', '_' "
                          "and '-' (it is the task's folder name)")
    if not (repo / ".git").exists() and not repo.name.endswith(".git"):
        raise ConfigError(f"--from-git {repo}: not a git repository; give the folder that "
                          "holds .git")
    dest = request.into / request.task_id
    if dest.exists():
        raise ConfigError(f"{dest}: already exists; choose another --id or remove it")
    base = _commit(repo, request.base, "--base")
    gold = _commit(repo, request.gold, "--gold")
    changed = _changed(repo, base, gold)
    tests = [p for s, p in changed if _matches(p, request.tests) and s != "D"]
    building = _build_logic(repo, gold, changed, request)
    sources = [p for _, p in changed if not _matches(p, request.tests) and p not in building]
    if not tests:
        raise ConfigError(f"--gold {request.gold}: changes no test file matching "
                          f"{' '.join(request.tests)}; pass --tests GLOB for this repository")
    if not sources:
        raise ConfigError(f"--gold {request.gold}: changes only test files and build logic; "
                          "the gold change must change the code the tests check")
    editable = request.editable or default_editable(sources)
    outside = [p for p in sources if not _matches(p, editable)]
    if outside:
        raise ConfigError(f"--editable: the gold change touches {outside[0]}, which no "
                          f"--editable glob ({' '.join(editable)}) allows; add one")
    patch = _git(repo, "diff", "--no-renames", "--no-color", "--no-ext-diff", "--no-textconv",
                 "--full-index", base, gold, "--", *sources, what="git diff (gold patch)")
    if b"GIT binary patch" in patch or b"Binary files" in patch:
        raise ConfigError(f"--gold {request.gold}: the change holds binary files, which a gold "
                          "patch cannot; make them test files (--tests) or leave them out")
    message = _git(repo, "log", "-1", "--format=%B", gold, what="git log").decode("utf-8",
                                                                                  "replace")
    staging = request.into / f".{request.task_id}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        (staging / "repo").mkdir(parents=True)
        (staging / "hidden").mkdir()
        _extract(repo, base, None, staging / "repo")
        _take_build_logic(repo, gold, changed, building, staging / "repo")
        _extract(repo, gold, tests, staging / "hidden")
        (staging / "solution.patch").write_bytes(patch)
        (staging / "task.yaml").write_text(
            f"# Made by `kateval task new --from-git` from {base[:12]}..{gold[:12]}; edit the\n"
            "# title, difficulty and category. Then: kateval validate --write-expected\n"
            + _task_yaml(request, message, editable, staging / "repo"), encoding="utf-8")
        (staging / "instruction.md").write_text(
            message.strip() + "\n\n<!-- From the gold commit's message: say what the model "
            "must change, without the solution. -->\n", encoding="utf-8")
        staging.rename(dest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return dest


def task_new_command(console: Console, request: FromGit) -> None:
    dest = new_from_git(request)
    hidden = sum(1 for p in (dest / "hidden").rglob("*") if p.is_file())
    console.print(f"wrote {dest}: repo/ at {request.base}, {hidden} hidden test file(s), "
                  f"solution.patch; edit instruction.md, then run `kateval validate "
                  f"--write-expected --task {request.task_id}` with a suite over {request.into}")
