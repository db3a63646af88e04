"""Per-category and per-tag results: summary.json (runner.write_summary), report.html,
report.md and `kateval compare`, over run folders built from the real tasks' specs."""

from __future__ import annotations

import json
import re

from kateval.commands.report import write_reports
from kateval.compare import compare_runs
from kateval.config import Suite
from kateval.history import load_run
from kateval.runner import write_summary
from kateval.sample import RunPlan
from kateval.runs import RunDir
from kateval.tasks import load_task
from tests.conftest import run_cli

from .kv_runs import TASKS_DIR, make_run

# Categories and tags of these tasks (tasks/*/task.yaml): two single-function tasks, one
# data-modelling, one parsing; "rounding" is a tag of fn-billable-weight and model-invoice-lines.
OUTCOMES = {"fn-add-business-days": ["passed", "passed"],
            "fn-billable-weight": ["passed", "tests_failed"],
            "model-invoice-lines": ["build_failed", "infra_error"],
            "parse-maven-coordinates": ["passed", "passed"]}


def _rewrite_summary(root):
    """summary.json as runner.write_summary writes it for these tasks."""
    meta = json.loads((root / "run.json").read_text())
    suite = Suite.model_validate(meta["config"]["suite"])
    tasks = [load_task(TASKS_DIR / t) for t in sorted(OUTCOMES)]
    write_summary(RunPlan(suite, tasks, RunDir(root), None, None, suite.max_attempts))
    return json.loads((root / "summary.json").read_text())


def test_summary_json_has_pass_rates_by_category_and_tag_from_the_task_specs(tmp_path):
    summary = _rewrite_summary(make_run(tmp_path, "r", OUTCOMES))
    cats = summary["by_category"]
    assert set(cats) == {"single-function", "data-modelling", "parsing"}
    assert cats["single-function"] == {"tasks": 2, "samples": 4, "graded": 4, "passed": 3,
                                       "pass_rate": 0.75}
    # the infra_error sample is counted as a sample but not graded
    assert cats["data-modelling"] == {"tasks": 1, "samples": 2, "graded": 1, "passed": 0,
                                      "pass_rate": 0.0}
    assert cats["parsing"]["pass_rate"] == 1.0
    tags = summary["by_tag"]
    assert tags["rounding"] == {"tasks": 2, "samples": 4, "graded": 3, "passed": 1,
                                "pass_rate": 1 / 3}
    assert tags["build-tooling"]["passed"] == 2 and tags["dates"]["graded"] == 2
    spec_tags = {tag for t in OUTCOMES for tag in load_task(TASKS_DIR / t).spec.tags}
    assert set(tags) == spec_tags


def _rows(html: str, table_header: str) -> dict[str, list[str]]:
    """name -> the other cells of each row of the table whose first header cell is given."""
    tables = re.findall(r'<table class="groups">\s*(.*?)</table>', html, re.S)
    table = next(t for t in tables if t.startswith(f"<tr><th>{table_header}</th>"))
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]:
        cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        rows[cells[0]] = cells[1:]
    return rows


def test_reports_group_results_by_category_and_tag(tmp_path):
    root = make_run(tmp_path, "r", OUTCOMES)
    _rewrite_summary(root)
    paths = write_reports(load_run(root))
    html = paths["report.html"].read_text()
    assert "<h2>Pass rate by group</h2>" in html
    categories = _rows(html, "category")
    # tasks, samples, graded, passed, pass rate
    assert categories["single-function"] == ["2", "4", "4", "3", "75.0%"]
    assert categories["data-modelling"] == ["1", "2", "1", "0", "0.0%"]
    assert _rows(html, "tag")["rounding"] == ["2", "4", "3", "1", "33.3%"]
    md = paths["report.md"].read_text()
    assert "| single-function | 2 | 3/4 | 75.0% |" in md
    assert "| rounding | 2 | 1/3 | 33.3% |" in md
    assert md.index("## By category") < md.index("## By tag") < md.index("## Tasks")


def test_a_summary_without_groups_gets_them_from_the_task_specs(tmp_path):
    root = make_run(tmp_path, "old", OUTCOMES)
    path = root / "summary.json"
    old = {k: v for k, v in json.loads(path.read_text()).items()
           if k not in ("by_category", "by_tag")}
    path.write_text(json.dumps(old))
    run = load_run(root)
    assert run.summary["by_category"]["parsing"]["passed"] == 2
    assert run.summary["by_tag"]["rounding"]["graded"] == 3
    write_reports(run)
    assert "by_tag" in json.loads(path.read_text())


def test_compare_shows_the_pass_rate_change_per_category(tmp_path):
    base = dict(OUTCOMES, **{"model-invoice-lines": ["passed", "passed"]})
    cand = dict(OUTCOMES, **{"model-invoice-lines": ["tests_failed", "passed"],
                             "parse-maven-coordinates": ["passed", "timeout"]})
    make_run(tmp_path, "base", base)
    make_run(tmp_path, "cand", cand)
    result = compare_runs(load_run(tmp_path / "base"), load_run(tmp_path / "cand"))
    cats = result["by_category"]
    assert cats["data-modelling"]["a"] == 1.0 and cats["data-modelling"]["b"] == 0.5
    assert cats["data-modelling"]["diff"] == -0.5
    assert cats["parsing"]["diff"] == -0.5 and cats["single-function"]["diff"] == 0.0
    assert result["by_tag"]["money"]["diff"] == -0.5
    proc = run_cli("compare", "base", "cand", "--runs-dir", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "pass rate by category" in out
    line = next(l for l in out.splitlines() if "data-modelling" in l)
    assert "100.0%" in line and "50.0%" in line and "-50.0" in line
    assert "tags that moved most" in out and "money" in out
    # tags whose pass rate did not move are not listed
    assert not any("dates" in l for l in out.splitlines())


def test_library_names_read_dependencies_defensively():
    from types import SimpleNamespace

    from kateval.scoring import library_names, task_info

    assert library_names(None) == [] and library_names("junk") == [] and library_names(42) == []
    assert library_names(["org.jetbrains.kotlinx:kotlinx-datetime:0.6.1",
                          "org.jetbrains.kotlinx:kotlinx-datetime:0.6.2", "nonsense"]) == [
        "org.jetbrains.kotlinx:kotlinx-datetime"]
    assert library_names({"jvm": ["com.squareup.okio:okio:3.9.0"],
                          "js": [{"notation": "io.ktor:ktor-http:2.3.0"}]}) == [
        "com.squareup.okio:okio", "io.ktor:ktor-http"]
    # today's TaskSpec has no dependencies field; a spec that has one is read the same way
    with_deps = SimpleNamespace(id="t", spec=SimpleNamespace(
        category="parsing", tags=[], targets=["jvm"],
        dependencies=["com.squareup.okio:okio:3.9.0"]))
    without = SimpleNamespace(id="u", spec=SimpleNamespace(category="parsing", tags=[],
                                                           targets=["jvm"]))
    info = task_info([with_deps, without])
    assert info["t"]["libraries"] == ["com.squareup.okio:okio"] and info["u"]["libraries"] == []


def test_pass_rates_by_library_when_tasks_declare_dependencies(tmp_path):
    """Tasks that declare `dependencies:` in task.yaml get pass rates by library in
    summary.json, report.md and report.html (a table and a grid filter); without any, none."""
    import shutil

    root = make_run(tmp_path, "r", OUTCOMES)
    plain = write_reports(load_run(root))
    assert "by_library" not in json.loads(plain["summary.json"].read_text())
    assert 'data-facet="library"' not in plain["report.html"].read_text()
    tasks = tmp_path / "tasks"
    for task in OUTCOMES:
        shutil.copytree(TASKS_DIR / task, tasks / task)
    deps = {"fn-add-business-days": ["org.jetbrains.kotlinx:kotlinx-datetime:0.6.1"],
            "fn-billable-weight": ["org.jetbrains.kotlinx:kotlinx-datetime:0.6.1",
                                   "com.ionspin.kotlin:bignum:0.3.10"]}
    for task, libs in deps.items():
        with open(tasks / task / "task.yaml", "a") as fh:
            fh.write("dependencies: [" + ", ".join(f'"{d}"' for d in libs) + "]\n")
    meta = json.loads((root / "run.json").read_text())
    (root / "run.json").write_text(json.dumps(meta | {"tasks_dir": str(tasks)}))
    paths = write_reports(load_run(root))
    by_library = json.loads(paths["summary.json"].read_text())["by_library"]
    assert by_library["org.jetbrains.kotlinx:kotlinx-datetime"] == {
        "tasks": 2, "samples": 4, "graded": 4, "passed": 3, "pass_rate": 0.75}
    assert by_library["com.ionspin.kotlin:bignum"]["pass_rate"] == 0.5
    assert by_library["(standard library only)"]["tasks"] == 2
    html = paths["report.html"].read_text()
    assert _rows(html, "library")["com.ionspin.kotlin:bignum"] == ["1", "2", "2", "1", "50.0%"]
    assert '<option value="com.ionspin.kotlin:bignum">' in html
    assert "| com.ionspin.kotlin:bignum | 1 | 1/2 | 50.0% |" in paths["report.md"].read_text()
