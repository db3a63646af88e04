"""--offline never opens a network connection: a CPython audit hook fails the process on any
socket connect made by kateval itself while it runs the tiny suite end to end."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import FIXTURES, REPO_ROOT

pytestmark = pytest.mark.slow

GUARD = """
import socket, sys
def hook(event, args):
    if event == "socket.connect" and args[0].family in (socket.AF_INET, socket.AF_INET6):
        sys.stderr.write(f"NETWORK CONNECT {args[1]}\\n"); sys.stderr.flush()
        import os; os._exit(99)
sys.addaudithook(hook)
sys.argv = ["kateval"] + sys.argv[1:]
from kateval.cli import main
main()
"""


def test_offline_run_opens_no_socket(tmp_path, toolchain):
    suite = FIXTURES / "suites" / "tiny1.yaml"
    proc = subprocess.run([sys.executable, "-c", GUARD, "run", "--suite", str(suite), "--offline",
                           "--runs-dir", str(tmp_path / "runs"), "--run-id", "net"],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=600)
    assert "NETWORK CONNECT" not in proc.stderr
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "runs" / "net" / "summary.json").is_file()


def test_the_guard_does_catch_a_connection(tmp_path):
    """The hook is live: a models run against a loopback port trips it."""
    models = tmp_path / "models.yaml"
    models.write_text("endpoints:\n  a: {base_url: 'http://127.0.0.1:9/v1', model: m}\n"
                      "roles: {judge: a, builder: a}\n")
    proc = subprocess.run([sys.executable, "-c", GUARD, "endpoints", "check", "--models", str(models)],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 99 and "NETWORK CONNECT" in proc.stderr
