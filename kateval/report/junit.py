"""junit.xml for CI dashboards: one <testcase> per task.

A task passes when every graded sample passed; it is a <failure> when a graded sample failed
(the model's outcome), and an <error> when no sample could be graded (model or infra errors:
not the model's fault, so dashboards keep them apart from failures).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from kateval.scoring import MODEL_OUTCOMES


def _case(suite: str, task: str, rows: list[dict]) -> tuple[ET.Element, str]:
    rows = sorted(rows, key=lambda r: r["sample"])
    seconds = sum(r.get("duration_s") or 0 for r in rows)
    case = ET.Element("testcase", classname=f"kateval.{suite}", name=task, time=f"{seconds:.3f}")
    graded = [r for r in rows if r["status"] in MODEL_OUTCOMES]
    passed = [r for r in graded if r["status"] == "passed"]
    lines = [f"sample {r['sample']}: {r['status']}"
             + (f" (attempt {r['pass_attempt']})" if r.get("pass_attempt") else "")
             + (f": {r['detail']}" if r.get("detail") else "") for r in rows]
    props = ET.SubElement(case, "properties")
    for name, value in (("samples", len(rows)), ("graded", len(graded)), ("passed", len(passed)),
                        ("category", rows[0].get("category")),
                        ("difficulty", rows[0].get("difficulty"))):
        ET.SubElement(props, "property", name=name, value=str(value))
    outcome = "passed"
    if not graded:
        outcome = "error"
        err = ET.SubElement(case, "error", type=rows[0]["status"],
                            message=f"no sample graded: {', '.join(r['status'] for r in rows)}")
        err.text = "\n".join(lines)
    elif len(passed) < len(graded):
        outcome = "failure"
        first = next(r for r in graded if r["status"] != "passed")
        fail = ET.SubElement(case, "failure", type=first["status"],
                             message=f"{len(passed)}/{len(graded)} samples passed; "
                                     f"first failure: {first['status']}: {first.get('detail', '')}")
        fail.text = "\n".join(lines)
    ET.SubElement(case, "system-out").text = "\n".join(lines)
    return case, outcome


def render(suite: str, results: list[dict], run_id: str = "") -> str:
    """The JUnit XML document for one run's latest sample results."""
    by_task: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        by_task[r["task"]].append(r)
    counts = {"failure": 0, "error": 0, "passed": 0}
    cases = []
    for task in sorted(by_task):
        case, outcome = _case(suite, task, by_task[task])
        counts[outcome] += 1
        cases.append(case)
    seconds = sum(r.get("duration_s") or 0 for r in results)
    attrs = {"name": f"kateval.{suite}", "tests": str(len(cases)),
             "failures": str(counts["failure"]), "errors": str(counts["error"]),
             "skipped": "0", "time": f"{seconds:.3f}"}
    root = ET.Element("testsuites", attrs)
    suite_el = ET.SubElement(root, "testsuite", attrs | ({"id": run_id} if run_id else {}))
    suite_el.extend(cases)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
