"""A git work tree per sample: copy repo/, commit the base, apply a patch, lay hidden tests over.

Every git command runs with an isolated configuration: no system or global config (a user's
`diff.noprefix` or `core.hooksPath` cannot change a result), no hooks, no external diff or
textconv, no fsmonitor, explicit a/ b/ prefixes. A patch is checked by `patchcheck` before any
method applies it; the one method that is not git (GNU patch, for fuzzy hunks) runs in a
throwaway copy whose result is compared path by path before anything is taken from it.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import stat
import subprocess
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import git

from kateval.buildlogic import included_builds
from kateval.patchcheck import check_patch, outside_editable, path_problem
from kateval.tasks import Task

__all__ = ["ApplyResult", "apply_patch", "changed_files", "create", "diff", "git_env",
           "outside_editable", "overlay_hidden", "remove_files"]

_CONFIG = {
    "core.hooksPath": "/dev/null", "core.fsmonitor": "false", "core.autocrlf": "false",
    "core.safecrlf": "false", "core.attributesFile": "/dev/null",
    "core.excludesFile": "/dev/null", "core.quotePath": "true", "core.symlinks": "false",
    "diff.noprefix": "false", "diff.mnemonicPrefix": "false", "diff.renames": "false",
    "diff.external": "", "diff.relative": "false", "color.ui": "false",
    "commit.gpgsign": "false", "apply.whitespace": "nowarn", "advice.detachedHead": "false",
    "user.name": "kateval", "user.email": "kateval@localhost", "init.defaultBranch": "main",
    "safe.directory": "*",
}
_DIFF_FLAGS = ["--no-ext-diff", "--no-textconv", "--no-renames", "--src-prefix=a/",
               "--dst-prefix=b/", "--no-color"]


def git_env() -> dict[str, str]:
    """The environment every git command of ours runs with."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env |= {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
            "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0",
            "GIT_CONFIG_COUNT": str(len(_CONFIG)), "LC_ALL": "C"}
    for index, (key, value) in enumerate(_CONFIG.items()):
        env[f"GIT_CONFIG_KEY_{index}"] = key
        env[f"GIT_CONFIG_VALUE_{index}"] = value
    return env


@dataclass(frozen=True)
class ApplyResult:
    """How (or whether) a patch went in. `method` is None when it was refused or every method
    failed; `rejected` lists why a patch was refused before any method ran."""

    method: str | None
    log: str
    touched: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.method is not None and not self.rejected

    def to_dict(self) -> dict:
        return asdict(self) | {"ok": self.ok}


def _git(root: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, input=stdin, capture_output=True, text=True,
                          env=git_env(), timeout=120)


def _repo(root: Path) -> git.Repo:
    repo = git.Repo(root)
    repo.git.update_environment(**git_env())
    return repo


def create(task: Task, dest: Path) -> git.Repo:
    """A fresh copy of the task repo with one base commit."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(task.repo, dest, symlinks=True)
    # No template: its sample hooks and info files are a dozen writes per sample, unused.
    for proc in (_git(dest, "init", "-q", "--template="), _git(dest, "add", "-A"),
                 _git(dest, "commit", "-q", "--no-verify", "-m", "base")):
        if proc.returncode != 0:
            raise RuntimeError(f"git {proc.args[1]} failed in {dest}: {proc.stderr.strip()}")
    return _repo(dest)


def _reset(root: Path) -> None:
    _git(root, "reset", "--hard", "-q")
    _git(root, "clean", "-fdxq")


def changed_files(repo: git.Repo) -> list[str]:
    """Files that differ from the base commit, as git sees them (ignore rules off)."""
    root = Path(repo.working_tree_dir)
    _git(root, "add", "-A", "--force")
    names = _git(root, "diff", "--cached", "--name-only", *_DIFF_FLAGS, "HEAD").stdout
    _git(root, "reset", "-q")
    return sorted(n for n in names.splitlines() if n)


def diff(repo: git.Repo) -> str:
    """The work tree's change against the base commit, new files included."""
    root = Path(repo.working_tree_dir)
    _git(root, "add", "-A", "--force")
    text = _git(root, "diff", "--cached", *_DIFF_FLAGS, "HEAD").stdout
    _git(root, "reset", "-q")
    return text if not text or text.endswith("\n") else text + "\n"


GIT_METHODS: list[tuple[str, list[str]]] = [
    ("git-apply", ["apply", "--whitespace=nowarn", "-"]),
    ("git-apply-3way", ["apply", "--3way", "--whitespace=nowarn", "-"]),
]
PATCH_FUZZ = ["patch", "-p1", "--fuzz=3", "--batch", "--forward", "--no-backup-if-mismatch",
              "-r", "-", "--quiet"]


def _tree_files(root: Path) -> dict[str, os.stat_result]:
    found = {}
    for base, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not (base == str(root) and d == ".git")]
        for name in dirs + files:
            full = os.path.join(base, name)
            found[os.path.relpath(full, root)] = os.lstat(full)
    return found


def _fuzzy_apply(root: Path, patch: str, allowed: set[str]) -> tuple[list[str] | None, str]:
    """GNU patch in a throwaway copy; only regular files the checked patch names come back."""
    with tempfile.TemporaryDirectory(prefix="kateval-fuzz-") as tmp:
        copy = Path(tmp, "t")
        shutil.copytree(root, copy, symlinks=True, ignore=shutil.ignore_patterns(".git"))
        proc = subprocess.run(PATCH_FUZZ, cwd=copy, input=patch, capture_output=True,
                              text=True, timeout=60, env={"PATH": os.environ.get("PATH", "")})
        log = (proc.stdout + proc.stderr).strip()
        if proc.returncode != 0:
            return None, log
        before, after = _tree_files(root), _tree_files(copy)
        changed = []
        for rel in sorted(set(before) | set(after)):
            old, new = before.get(rel), after.get(rel)
            if old and new and stat.S_ISDIR(old.st_mode) and stat.S_ISDIR(new.st_mode):
                continue
            if old and new and stat.S_ISREG(new.st_mode) and stat.S_ISREG(old.st_mode) \
                    and filecmp.cmp(root / rel, copy / rel, shallow=False):
                continue
            if new and stat.S_ISDIR(new.st_mode) and not old:
                continue  # a new folder; its files are checked one by one
            if rel not in allowed or (new and not stat.S_ISREG(new.st_mode)):
                return None, f"{log}\nGNU patch changed {rel}, which the patch does not name"
            changed.append(rel)
        for rel in changed:
            if (copy / rel).exists():
                (root / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(copy / rel, root / rel)
            else:
                (root / rel).unlink()
        return changed, log


def apply_patch(repo: git.Repo, patch: str, editable: list[str]) -> ApplyResult:
    """Check the patch, then try each method in turn; record which worked."""
    root = Path(repo.working_tree_dir)
    checked = check_patch(patch, editable, included_builds(root))
    if not checked.ok:
        return ApplyResult(method=None, log="patch refused before applying",
                           touched=checked.paths, rejected=checked.problems)
    text = patch if patch.endswith("\n") else patch + "\n"
    logs = []
    for name, args in GIT_METHODS:
        proc = _git(root, *args, stdin=text)
        logs.append(f"$ git {' '.join(args)}\n{(proc.stdout + proc.stderr).strip()}")
        if proc.returncode == 0:
            return _applied(repo, name, logs, set(checked.paths))
        _reset(root)
    changed, log = _fuzzy_apply(root, text, set(checked.paths))
    logs.append(f"$ {' '.join(PATCH_FUZZ)} (in a throwaway copy)\n{log}")
    if changed is None:
        _reset(root)
        return ApplyResult(method=None, log="\n".join(logs))
    return _applied(repo, "patch-fuzz", logs, set(checked.paths))


def _applied(repo: git.Repo, method: str, logs: list[str], allowed: set[str]) -> ApplyResult:
    touched = changed_files(repo)
    if not touched:
        _reset(Path(repo.working_tree_dir))
        return ApplyResult(method=None, log="\n".join(logs + ["patch changed nothing"]))
    # Belt and braces: what git sees changed must be what the checked patch names.
    unexpected = [p for p in touched if p not in allowed or path_problem(p)]
    if unexpected:
        _reset(Path(repo.working_tree_dir))
        return ApplyResult(method=None, log="\n".join(logs), touched=touched,
                           rejected=[f"{p}: changed although the patch does not name it"
                                     for p in unexpected])
    return ApplyResult(method=method, log="\n".join(logs), touched=touched)


def overlay_hidden(task: Task, dest: Path) -> list[str]:
    """Copy hidden tests over the tree (same relative paths); returns what was laid."""
    laid = []
    for src in sorted(task.hidden.rglob("*")):
        if src.is_file():
            rel = src.relative_to(task.hidden)
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.is_symlink():
                target.unlink()
            shutil.copyfile(src, target)
            laid.append(str(rel))
    return laid


def remove_files(root: Path, rels: list[str]) -> None:
    """Delete files from the tree (hidden test sources once they are compiled)."""
    for rel in rels:
        try:
            (root / rel).unlink()
        except FileNotFoundError:
            pass
