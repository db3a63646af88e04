"""A toolchain as another commit of kateval runs it: `warm@<rev>` in bench/toolchain_bench.py.

The commit is checked out into a git worktree under $TMPDIR, its toolchain installed into a
KATEVAL_HOME of its own (its warm server, runners and caches are that commit's), and a worker
process with the worktree first on its import path grades samples on request: one task folder
per line in, one JSON line out. The worker inherits the bench's CPU pin, so both commits run
on the same core, alternating sample by sample.

The worker uses only what every commit since the toolchain bench began has had:
`evaluate_patch`, `make_opener`, `load_task`, `Suite`, `Timeouts`. A task this repo has
changed in a way the other commit cannot read (a field it does not know) is read from that
commit's own tasks folder instead, and the bench says so.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CLI = "import sys; from kateval.cli import main; sys.argv[0] = 'kateval'; sys.exit(main())"


class OtherCommit:
    """One toolchain of one commit, graded in a worker process."""

    def __init__(self, toolchain: str, rev: str):
        sha = _git("rev-parse", "--short=12", f"{rev}^{{commit}}")
        self.root = Path(tempfile.gettempdir()) / f"kateval-bench-{sha}"
        self.tree, self.home = self.root / "tree", self.root / "home"
        if not self.tree.is_dir():
            _git("worktree", "add", "--detach", str(self.tree), sha)
        self.env = {**os.environ, "PYTHONPATH": str(self.tree), "KATEVAL_HOME": str(self.home)}
        done = self.home / ".bench-installed"
        if not done.exists():
            start = time.monotonic()
            log = self.root / "install.log"
            with log.open("w") as out:  # not in this repo: `-c` puts the cwd on sys.path
                code = subprocess.run([sys.executable, "-c", CLI, "toolchain", "install"],
                                      env=self.env, cwd=self.root, stdout=out,
                                      stderr=subprocess.STDOUT).returncode
            if code:
                sys.exit(f"{rev}: `kateval toolchain install` failed (exit {code}); see {log}")
            done.touch()
            print(f"{rev} ({sha}): toolchain installed into {self.home} in "
                  f"{time.monotonic() - start:.0f} s")
        self.worker = subprocess.Popen(
            [sys.executable, __file__, "serve", toolchain], env=self.env, cwd=self.root,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.own_tasks: set[str] = set()
        self.max_compilations = json.loads(self.worker.stdout.readline())["max_compilations"]

    def sample(self, task_dir: Path) -> tuple[float, dict[str, float], str]:
        """Grade the task's gold patch: the wall time, each step's duration, the status."""
        self.worker.stdin.write(f"{task_dir}\n")
        self.worker.stdin.flush()
        line = self.worker.stdout.readline()
        if not line:
            sys.exit(f"the worker for {self.tree} ended (exit {self.worker.wait()})")
        reply = json.loads(line)
        if reply["own_task"]:
            self.own_tasks.add(task_dir.name)
        return reply["wall"], reply["steps"], reply["status"]

    def close(self) -> None:
        self.worker.stdin.close()
        self.worker.wait(timeout=60)


def _git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(REPO), *args], check=True, capture_output=True,
                          text=True).stdout.strip()


def grade_gold(task, opener, timeouts) -> tuple[float, dict[str, float], str]:
    """The task's gold patch graded by the kateval on sys.path (this repo's in the bench, the
    other commit's in its worker): the wall time, each step's duration, the status."""
    from kateval.evaluate import evaluate_patch

    with tempfile.TemporaryDirectory(prefix="kateval-tcbench-") as tmp:
        start = time.monotonic()
        grade = evaluate_patch(task, task.gold_patch, Path(tmp) / "a", opener, timeouts)
        wall = time.monotonic() - start
        steps = json.loads((Path(tmp) / "a" / "steps.json").read_text())
    return wall, {s["name"]: s["duration_s"] for s in steps}, grade.status


def serve(toolchain: str) -> None:
    """Grade one task folder per stdin line with the commit on sys.path."""
    from kateval.config import Suite
    from kateval.evaluate import Timeouts
    from kateval.sandbox.factory import make_opener
    from kateval.tasks import load_task

    opener = make_opener("local", Suite(name="bench", toolchain=toolchain), f"bench-{os.getpid()}")
    print(json.dumps({"max_compilations": _restart_bound()}), flush=True)
    timeouts = Timeouts(build_s=600, test_s=120)
    own_tasks = Path(os.environ["PYTHONPATH"]) / "tasks"
    for line in sys.stdin:
        task_dir, own = Path(line.strip()), False
        try:
            task = load_task(task_dir)
        except Exception:  # a field this commit does not know: its own copy of the task
            task, own = load_task(own_tasks / task_dir.name), True
        wall, steps, status = grade_gold(task, opener, timeouts)
        print(json.dumps({"wall": wall, "status": status, "own_task": own, "steps": steps}),
              flush=True)


def _restart_bound() -> int:
    """The commit's ServiceLimits.max_compilations (the module moved over time)."""
    import importlib

    for name in ("kateval.toolchains.warm.service", "kateval.toolchains.service"):
        try:
            return importlib.import_module(name).ServiceLimits().max_compilations
        except (ImportError, AttributeError):
            continue
    raise SystemExit("no ServiceLimits in this commit: the bench cannot tell its service life")


USAGE = "usage: python bench/other_commit.py serve <toolchain>   (run by toolchain_bench.py)"

if __name__ == "__main__":
    if sys.argv[1:] in (["--help"], ["-h"]):
        print(f"{USAGE}\n\n{__doc__}")
        sys.exit(0)
    if sys.argv[1:2] != ["serve"] or len(sys.argv) != 3:
        sys.exit(USAGE)
    sys.path.insert(0, os.environ["PYTHONPATH"])
    serve(sys.argv[2])
