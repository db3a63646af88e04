"""`kateval task new --from-git`: a task folder from two revisions of a user's own repository.

  repo/           the base revision's tracked files (`git archive`: no .git, no ignored files)
  solution.patch  base -> gold for the files that are not tests
  hidden/         the gold revision's test files that changed (added or modified)
  task.yaml       toolchain gradle, editable = the source sets the gold change touches
  instruction.md  the gold commit's message, for the user to edit

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


def _targets(repo_dir: Path) -> list[str]:
    has_js = (repo_dir / "src" / "jsMain").is_dir() or (repo_dir / "src" / "jsTest").is_dir()
    return ["jvm", "js"] if has_js else ["jvm"]


def _title(message: str, task_id: str) -> str:
    first = message.strip().splitlines()[0].strip() if message.strip() else ""
    return first[:120] or task_id


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
    sources = [p for _, p in changed if not _matches(p, request.tests)]
    if not tests:
        raise ConfigError(f"--gold {request.gold}: changes no test file matching "
                          f"{' '.join(request.tests)}; pass --tests GLOB for this repository")
    if not sources:
        raise ConfigError(f"--gold {request.gold}: changes only test files; the gold change "
                          "must change the code the tests check")
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
        _extract(repo, gold, tests, staging / "hidden")
        (staging / "solution.patch").write_bytes(patch)
        spec = {"id": request.task_id, "title": _title(message, request.task_id),
                "difficulty": "medium", "category": "bug-fix", "tags": ["from-git"],
                "targets": _targets(staging / "repo"), "editable": editable,
                "toolchain": "gradle"}
        (staging / "task.yaml").write_text(
            f"# Made by `kateval task new --from-git` from {base[:12]}..{gold[:12]}; edit the\n"
            "# title, difficulty and category. Then: kateval validate --write-expected\n"
            + yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
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
