"""The JS runner loads SES through the V8 code cache that `kateval toolchain install` writes:
V8 accepts it (a cache for another source or V8 would be refused, and SES compiled anew),
and what it loads is SES (lockdown works)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from kateval.toolchains import installed

PROBE = """
const fs = require("fs");
const { compileSes, CACHE } = require(process.argv[1] + "/ses-load.js");
const script = compileSes(fs.readFileSync(CACHE));
lockdown({});
console.log(JSON.stringify({ rejected: script.cachedDataRejected,
                             frozen: Object.isFrozen(Array.prototype) }));
"""


def _probe(runner: str) -> str:
    return subprocess.run(["node", "-e", PROBE, runner], capture_output=True, text=True,
                          timeout=60, check=True).stdout.strip()


def test_the_installed_runner_has_a_code_cache_v8_accepts():
    runner = installed.locate().js_runner
    assert (Path(runner) / "ses.code-cache").stat().st_size > 100_000
    assert _probe(runner) == '{"rejected":false,"frozen":true}'


def test_a_cache_for_other_source_is_refused_and_ses_still_loads(tmp_path):
    runner = Path(installed.locate().js_runner)
    copy = tmp_path / "runner"
    copy.mkdir()
    for name in ("ses-load.js", "realm.js", "libraries.js"):
        (copy / name).write_bytes((runner / name).read_bytes())
    (copy / "node_modules").symlink_to(runner / "node_modules")
    (copy / "ses.code-cache").write_bytes(b"\0" * 4096)
    assert _probe(str(copy)) == '{"rejected":true,"frozen":true}'
