"""A git work tree per sample: copy repo/, commit the base, apply a patch, lay hidden tests over."""

from __future__ import annotations

import fnmatch
import shutil
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path

import git

from kateval.tasks import Task

_AUTHOR = git.Actor("kateval", "kateval@localhost")


@dataclass(frozen=True)
class ApplyResult:
    """How (or whether) a patch went in. `method` is None when every method failed."""

    method: str | None
    log: str
    touched: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.method is not None and not self.rejected

    def to_dict(self) -> dict:
        return asdict(self) | {"ok": self.ok}


def create(task: Task, dest: Path) -> git.Repo:
    """A fresh copy of the task repo with one base commit."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(task.repo, dest)
    repo = git.Repo.init(dest)
    with repo.config_writer() as cfg:
        cfg.set_value("core", "autocrlf", "false")
        cfg.set_value("commit", "gpgsign", "false")
    repo.git.add(A=True)
    repo.index.commit("base", author=_AUTHOR, committer=_AUTHOR)
    return repo


def _reset(repo: git.Repo) -> None:
    repo.git.reset("--hard", "-q")
    repo.git.clean("-fdq")


def _run(cmd: list[str], cwd: Path, stdin: str) -> tuple[bool, str]:
    proc = subprocess.run(cmd, cwd=cwd, input=stdin, capture_output=True, text=True, timeout=60)
    return proc.returncode == 0, (proc.stdout + proc.stderr).strip()


APPLY_CHAIN: list[tuple[str, list[str]]] = [
    ("git-apply", ["git", "apply", "--whitespace=nowarn", "-"]),
    ("git-apply-3way", ["git", "apply", "--3way", "--whitespace=nowarn", "-"]),
    ("patch-fuzz", ["patch", "-p1", "--fuzz=3", "--batch", "--forward", "--no-backup-if-mismatch",
                    "-r", "-"]),
]


def changed_files(repo: git.Repo) -> list[str]:
    repo.git.add(A=True)
    names = repo.git.diff("--cached", "--name-only", "HEAD").splitlines()
    repo.git.reset("-q")
    return sorted(n for n in names if n)


def outside_editable(paths: list[str], editable: list[str]) -> list[str]:
    return [p for p in paths if not any(fnmatch.fnmatch(p, glob) for glob in editable)]


def apply_patch(repo: git.Repo, patch: str, editable: list[str]) -> ApplyResult:
    """Try each method in turn; record which worked and reject edits outside `editable`."""
    root = Path(repo.working_tree_dir)
    if not patch.strip():
        return ApplyResult(method=None, log="empty patch")
    logs = []
    for name, cmd in APPLY_CHAIN:
        ok, out = _run(cmd, root, patch if patch.endswith("\n") else patch + "\n")
        logs.append(f"$ {' '.join(cmd)}\n{out}")
        if ok:
            touched = changed_files(repo)
            if not touched:
                _reset(repo)
                return ApplyResult(method=None, log="\n".join(logs + ["patch changed nothing"]))
            rejected = outside_editable(touched, editable)
            return ApplyResult(method=name, log="\n".join(logs), touched=touched,
                               rejected=rejected)
        _reset(repo)
    return ApplyResult(method=None, log="\n".join(logs))


def diff(repo: git.Repo) -> str:
    """The work tree's change against the base commit, new files included."""
    repo.git.add(A=True)
    text = repo.git.diff("--cached", "HEAD")
    repo.git.reset("-q")
    return text + "\n" if text else ""


def overlay_hidden(task: Task, dest: Path) -> list[str]:
    """Copy hidden tests over the tree (same relative paths); returns what was laid."""
    laid = []
    for src in sorted(task.hidden.rglob("*")):
        if src.is_file():
            rel = src.relative_to(task.hidden)
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest / rel)
            laid.append(str(rel))
    return laid
