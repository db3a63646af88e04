"""Without a working bubblewrap a run that executes model code stops in one line; the explicit
`--sandbox none` runs and says so in summary.json and both reports. `doctor` checks bwrap with
the sandbox's own command line. bwrap is really removed from PATH here: PATH is a folder of
links to every other program."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, REPO_ROOT, run_cli

pytestmark = pytest.mark.slow


@pytest.fixture
def path_without_bwrap(tmp_path) -> str:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for folder in os.environ["PATH"].split(":"):
        for program in Path(folder).glob("*") if Path(folder).is_dir() else []:
            if program.name != "bwrap" and not (bin_dir / program.name).exists():
                (bin_dir / program.name).symlink_to(program)
    assert shutil.which("bwrap", path=str(bin_dir)) is None
    return str(bin_dir)


def test_without_bwrap_a_run_stops_in_one_line(path_without_bwrap, tmp_path, toolchain):
    proc = run_cli("run", "--suite", str(FIXTURES / "suites" / "tiny1.yaml"), "--offline",
                   "--runs-dir", str(tmp_path / "runs"), env={"PATH": path_without_bwrap})
    assert proc.returncode not in (0, 1), proc.stdout + proc.stderr  # a setup error, not a crash
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "bubblewrap" in lines[0] and "--sandbox docker" in lines[0], lines[0]


def test_sandbox_none_runs_and_says_so(path_without_bwrap, tmp_path, toolchain):
    proc = run_cli("run", "--suite", str(FIXTURES / "suites" / "tiny1.yaml"), "--offline",
                   "--sandbox", "none", "--run-id", "no-isolation",
                   "--runs-dir", str(tmp_path / "runs"), env={"PATH": path_without_bwrap})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    run = tmp_path / "runs" / "no-isolation"
    summary = json.loads((run / "summary.json").read_text())
    assert summary["sandbox"] == "none" and "without isolation" in summary["warning"]
    assert "without isolation" in (run / "report.md").read_text()
    assert "without isolation" in (run / "report.html").read_text()
    assert summary["samples"] == 1 and summary["infra_errors"] == 0


def test_doctor_flags_a_bwrap_that_cannot_start_the_real_command_line(tmp_path, toolchain):
    fake = tmp_path / "bin"
    fake.mkdir()
    # A bwrap that answers --version but refuses the sandbox's options, like an old build.
    (fake / "bwrap").write_text("#!/bin/sh\n[ \"$1\" = --version ] && echo 'bubblewrap 0.1' "
                                "&& exit 0\necho 'bwrap: Unknown option --size' >&2; exit 1\n")
    (fake / "bwrap").chmod(0o755)
    proc = run_cli("doctor", env={"PATH": f"{fake}:{os.environ['PATH']}"}, cwd=REPO_ROOT)
    row = next(line for line in proc.stdout.splitlines() if "bwrap" in line)
    assert "missing" in row, proc.stdout
