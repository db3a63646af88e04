"""End to end through the CLI: an offline run, a killed run resumed, rescoring."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kateval.runs import RunDir
from tests.conftest import FIXTURES, REPO_ROOT, run_cli, sigint_default

pytestmark = pytest.mark.slow
SUITE = str(FIXTURES / "suites" / "tiny.yaml")


def comparable(summary: dict) -> dict:
    # Timings and how busy the engine was differ from run to run; the results must not.
    drop = {"run_id", "wall_time_per_sample_s", "build_slots", "endpoints"}
    return {k: v for k, v in summary.items() if k not in drop}


def test_offline_run_then_interrupted_run_resumes_to_same_summary(tmp_path, toolchain):
    runs = tmp_path / "runs"
    full = run_cli("run", "--suite", SUITE, "--offline", "--run-id", "full", "--runs-dir", str(runs))
    assert full.returncode == 0, full.stderr
    full_summary = json.loads((runs / "full" / "summary.json").read_text())
    assert full_summary["passed"] == 3 and full_summary["pass@3"] == 1.0
    assert full_summary["wall_time_per_sample_s"]["mean"] > 0
    # tiny.yaml: one build slot, in use for the whole of each sample (gold patches, no model)
    assert full_summary["build_slots"]["slots"] == 1 and full_summary["build_slots"]["peak"] == 1
    assert full_summary["fallback_rate"] is None  # gold patches: no model wrote anything
    # per target, in summary.json and both reports (tiny-sum targets the JVM and JS)
    assert {t: g["passed"] for t, g in full_summary["by_target"].items()} == {"js": 3, "jvm": 3}
    assert "## By target" in (runs / "full" / "report.md").read_text()
    assert "<th>target</th>" in (runs / "full" / "report.html").read_text()
    run_json = json.loads((runs / "full" / "run.json").read_text())
    assert run_json["tool_versions"]["kotlinc"] == "2.4.20" and run_json["config"]["mode"] == "offline"
    for n in range(3):
        sample = runs / "full" / "samples" / "tiny-sum" / str(n) / "attempt-1"
        assert {"patch.diff", "build.log", "result.json", "steps.json"} <= {p.name for p in sample.iterdir()}
        assert list((sample / "junit").rglob("*.xml"))
    assert "tiny-sum" in (runs / "full" / "report.md").read_text()

    proc = subprocess.Popen(["kateval", "run", "--suite", SUITE, "--offline", "--run-id", "cut",
                             "--runs-dir", str(runs)], cwd=REPO_ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, preexec_fn=sigint_default)
    results = runs / "cut" / "results.jsonl"
    deadline = time.time() + 300
    while time.time() < deadline and not (results.exists() and results.read_text().strip()):
        time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "--run-id cut" in err
    assert 1 <= len(RunDir(runs / "cut").finished()) < 3
    assert not _kateval_processes_under(runs / "cut")

    resumed = run_cli("run", "--suite", SUITE, "--offline", "--run-id", "cut", "--runs-dir", str(runs))
    assert resumed.returncode == 0, resumed.stderr
    assert "resuming" in resumed.stdout
    lines = [json.loads(line) for line in results.read_text().splitlines()]
    keys = [(r["task"], r["sample"]) for r in lines]
    assert len(keys) == len(set(keys)) == 3, "a finished sample was run twice"
    cut_summary = json.loads((runs / "cut" / "summary.json").read_text())
    assert comparable(cut_summary) == comparable(full_summary)


def _kateval_processes_under(path: Path) -> list[str]:
    out = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if "kotlinc" in line and "kateval-tiny-sum" in line]


def test_rescore_from_artifacts_matches(tmp_path, toolchain):
    runs = tmp_path / "runs"
    assert run_cli("run", "--suite", SUITE, "--offline", "--run-id", "r", "--runs-dir", str(runs)).returncode == 0
    before = json.loads((runs / "r" / "summary.json").read_text())
    # Damage one sample's JUnit XML: rescoring must see it, from artifacts alone.
    junit = runs / "r" / "samples" / "tiny-sum" / "1" / "attempt-1" / "junit"
    xml = next(p for p in sorted(junit.rglob("TEST-*.xml")) if "<testcase" in p.read_text())
    tree = ET.parse(xml)
    ET.SubElement(next(tree.getroot().iter("testcase")), "failure", message="damaged")
    tree.write(xml)
    proc = run_cli("rescore", str(runs / "r"))
    assert proc.returncode == 0, proc.stderr
    after = json.loads((runs / "r" / "summary.json").read_text())
    assert before["passed"] == 3 and after["passed"] == 2
    assert after["tasks"]["tiny-sum"]["statuses"] == {"passed": 2, "tests_failed": 1}
    assert "tiny-sum#1: passed -> tests_failed" in proc.stdout
    # and back: a failed sample whose XML passes again flips to passed without a crash
    tree.getroot().iter("testcase").__next__().remove(
        next(next(tree.getroot().iter("testcase")).iter("failure")))
    tree.write(xml)
    proc = run_cli("rescore", str(runs / "r"))
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert "tiny-sum#1: tests_failed -> passed" in proc.stdout
    again = json.loads((runs / "r" / "summary.json").read_text())
    assert again["passed"] == 3 and again["pass_rate_1"] == 1.0
    latest = RunDir(runs / "r").latest_results()[("tiny-sum", 1)]
    assert latest["pass_attempt"] == 1 and latest["attempts"][0]["status"] == "passed"


def test_resume_refuses_changed_task_files_unless_forced(tmp_path, toolchain):
    import shutil

    tasks = tmp_path / "tasks"
    shutil.copytree(FIXTURES / "tasks" / "tiny-sum", tasks / "tiny-sum")
    suite = tmp_path / "s.yaml"
    suite.write_text(f"name: s\ntasks: [tiny-sum]\ntasks_dir: {tasks}\nsamples: 1\n")
    runs = tmp_path / "runs"
    assert run_cli("run", "--suite", str(suite), "--offline", "--run-id", "x", "--runs-dir",
                   str(runs)).returncode == 0
    meta = json.loads((runs / "x" / "run.json").read_text())
    assert set(meta["inputs"]["tasks"]) == {"tiny-sum"} and meta["inputs"]["kotlinc"] == "2.4.20"
    (tasks / "tiny-sum" / "instruction.md").write_text("changed\n")
    proc = run_cli("run", "--suite", str(suite), "--offline", "--run-id", "x", "--runs-dir", str(runs))
    assert proc.returncode == 2 and "task files of tiny-sum changed" in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    forced = run_cli("run", "--suite", str(suite), "--offline", "--run-id", "x", "--runs-dir",
                     str(runs), "--force")
    assert forced.returncode == 0, forced.stderr


def test_run_folder_is_locked_and_new_ids_never_collide(tmp_path):
    from kateval.errors import ConfigError
    from kateval.runs import RunLock, claim_new_run

    ids = {claim_new_run(tmp_path, "s") for _ in range(50)}
    assert len(ids) == 50 and all((tmp_path / i).is_dir() for i in ids)
    with RunLock(tmp_path / "busy"):
        proc = run_cli("run", "--suite", SUITE, "--offline", "--run-id", "busy", "--runs-dir",
                       str(tmp_path))
        assert proc.returncode == 2 and "in use by another kateval" in proc.stderr, proc.stderr
        with pytest.raises(ConfigError):  # a second lock in this process is refused too
            RunLock(tmp_path / "busy").__enter__()


def test_dry_run_executes_nothing(tmp_path):
    proc = run_cli("run", "--suite", SUITE, "--offline", "--dry-run", "--runs-dir", str(tmp_path / "runs"))
    assert proc.returncode == 0, proc.stderr
    assert "tiny-sum" in proc.stdout and "3 samples" in proc.stdout
    assert not (tmp_path / "runs").exists()


def test_unknown_run_id_characters_rejected(tmp_path):
    proc = run_cli("run", "--suite", SUITE, "--offline", "--run-id", "../evil", "--runs-dir", str(tmp_path))
    assert proc.returncode == 2 and "--run-id" in proc.stderr
