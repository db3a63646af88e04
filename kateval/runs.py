"""The run folder: runs/<run-id>/{run.json, results.jsonl, summary.json, report.md, samples/...}."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import platform
import re
import secrets
import subprocess
import tempfile
import threading
from datetime import datetime, timezone
from pathlib import Path

from kateval import __version__
from kateval.errors import ConfigError
from kateval.scoring import MODEL_OUTCOMES

_RUN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")


def new_run_id(suite_name: str) -> str:
    """<suite>-<UTC time>-<4 random hex digits>: two runs started in the same second differ."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    return f"{suite_name}-{stamp}-{secrets.token_hex(2)}"


def claim_new_run(runs_dir: Path, suite_name: str) -> str:
    """A fresh run id whose folder this process created (mkdir is atomic: no two runs get one)."""
    Path(runs_dir).mkdir(parents=True, exist_ok=True)
    for _ in range(100):
        run_id = new_run_id(suite_name)
        try:
            (Path(runs_dir) / run_id).mkdir()
        except FileExistsError:
            continue
        return run_id
    raise ConfigError(f"{runs_dir}: could not create a new run folder; pass --run-id")


def tree_hash(root: Path) -> str:
    """sha256 over every file under root (relative path and bytes), in a stable order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(root).rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if rel.startswith(".git/") or "/__pycache__/" in f"/{rel}":
            continue
        digest.update(rel.encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class RunLock:
    """An exclusive lock on a run folder (flock on <run>/.lock) for as long as a run writes it."""

    def __init__(self, root: Path):
        self.path = Path(root) / ".lock"
        self._fh = None

    def __enter__(self) -> "RunLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(self.path, "a+", encoding="utf-8")
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "?"
            fh.close()
            raise ConfigError(f"run folder {self.path.parent} is in use by another kateval "
                              f"(pid {holder}); wait for it to finish or pick another --run-id"
                              ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        self._fh = fh
        return self

    def __exit__(self, *exc) -> None:
        if self._fh is not None:
            fcntl.flock(self._fh, fcntl.LOCK_UN)
            self._fh.close()
            self._fh = None


def check_run_id(run_id: str) -> str:
    if not _RUN_ID.match(run_id):
        raise ConfigError(f"--run-id: '{run_id}' is not a valid run id; use letters, digits, "
                          "'.', '_' and '-'")
    return run_id


def _command_output(cmd: list[str]) -> str | None:
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (proc.stdout or proc.stderr).strip()
    return text.splitlines()[0] if proc.returncode == 0 and text else None


def git_sha(path: Path) -> str | None:
    return _command_output(["git", "-C", str(path), "rev-parse", "HEAD"])


def kateval_git_sha(source: Path | None = None) -> str | None:
    """The commit of the kateval checkout this code runs from (`source`: the folder holding the
    package); None when kateval is installed (a wheel, or site-packages inside some other
    repository: that commit is not kateval's)."""
    source = (source or Path(__file__).parent.parent).resolve()
    top = _command_output(["git", "-C", str(source), "rev-parse", "--show-toplevel"])
    if top is None or Path(top).resolve() != source:
        return None
    return git_sha(source)


def version_label(sha: str | None = None, version: str = __version__) -> str:
    """'kateval 0.1.0 (git 1a2b3c4d5e6f)', or 'kateval 0.1.0' outside kateval's own checkout."""
    return f"kateval {version}" + (f" (git {sha[:12]})" if sha else "")


def ensure_writable(folder: Path, what: str, flag: str) -> None:
    """Create `folder` if needed and prove it writable, or one ConfigError naming it."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"{folder}: cannot write {what} there: it is a file, not a folder; "
                          f"pick another with {flag}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder, prefix=".kateval-probe-"):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ConfigError(f"{folder}: cannot write {what} ({reason}); pick another with {flag} "
                          "or fix its permissions") from None


def config_difference(old, new, path: str = "") -> str | None:
    """The first field where two config snapshots differ, as 'field: X in run.json, now Y';
    command-line overrides are compared first, so the message names the flag."""
    if isinstance(old, dict) or isinstance(new, dict):
        old, new = old if old is not None else {}, new if new is not None else {}
    if isinstance(old, dict) and isinstance(new, dict):
        keys = sorted(set(old) | set(new), key=lambda k: (k != "overrides", str(k)))
        for key in keys:
            found = config_difference(old.get(key), new.get(key), f"{path}.{key}" if path else key)
            if found:
                return found
        return None
    if old == new:
        return None
    flag = (f" (--{path.split('.')[1].replace('_', '-')})" if path.startswith("overrides.")
            else "")
    return f"{path or 'config'}{flag}: {_short(old)} in run.json, now {_short(new)}"


def _short(value) -> str:
    text = "not set" if value is None else json.dumps(value, sort_keys=True, default=str)
    return text if len(text) <= 80 else text[:77] + "..."


def tool_versions() -> dict:
    return {
        "kateval": __version__,
        "python": platform.python_version(),
        "java": _command_output(["java", "-version"]) or _java_version_stderr(),
        "git": _command_output(["git", "--version"]),
    }


def _java_version_stderr() -> str | None:
    try:
        proc = subprocess.run(["java", "-version"], capture_output=True, text=True, timeout=20)
    except OSError:
        return None
    return proc.stderr.splitlines()[0] if proc.stderr else None


class RunDir:
    """One run's folder. results.jsonl is append-only; the last record per sample wins."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._lock = threading.Lock()

    @property
    def results_path(self) -> Path:
        return self.root / "results.jsonl"

    def sample_dir(self, task_id: str, sample: int) -> Path:
        return self.root / "samples" / task_id / str(sample)

    def exists(self) -> bool:
        return (self.root / "run.json").is_file()

    def read_json(self, name: str) -> dict:
        path = self.root / name
        if not path.is_file():
            raise ConfigError(f"{path}: not found; is {self.root} a kateval run folder?")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ConfigError(f"{path}: not valid JSON ({exc}); is {self.root} a kateval run "
                              "folder?") from None
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: not a JSON object; is {self.root} a kateval run folder?")
        return data

    def write_json(self, name: str, data: dict) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.root / f".{name}.tmp"
        tmp.write_text(json.dumps(data, indent=2, sort_keys=True, default=str) + "\n")
        tmp.replace(self.root / name)

    def append_result(self, record: dict) -> None:
        line = json.dumps(record, sort_keys=True) + "\n"
        with self._lock, open(self.results_path, "a", encoding="utf-8") as fh:
            fh.write(line)
            fh.flush()
            os.fsync(fh.fileno())

    def latest_results(self) -> dict[tuple[str, int], dict]:
        """The last record per (task, sample). A torn last line from a kill is ignored."""
        latest: dict[tuple[str, int], dict] = {}
        if not self.results_path.is_file():
            return latest
        for line in self.results_path.read_text(encoding="utf-8").splitlines():
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            latest[(record["task"], record["sample"])] = record
        return latest

    def finished(self) -> set[tuple[str, int]]:
        """Samples with a model outcome; infra and model errors are run again on resume."""
        return {key for key, r in self.latest_results().items() if r["status"] in MODEL_OUTCOMES}
