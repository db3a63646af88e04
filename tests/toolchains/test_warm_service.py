"""The warm service's life cycle, with a real compiler JVM in a real bwrap."""

from __future__ import annotations

import os
import signal
import tempfile
import threading
import time
from pathlib import Path

import pytest

from kateval.evaluate import evaluate_patch
from kateval.sandbox.local import LocalSandbox
from kateval.toolchains import registry
from kateval.toolchains.warm.ircache import (CACHE, LIBRARY_CACHE_MARK, LIBRARY_CACHE_PREFIXES,
                                            SHELF)
from kateval.toolchains.warm.service import ServiceLimits
from kateval.toolchains.warm import WarmToolchain
from tests.toolchains.conftest import TIMEOUTS, core_task, fixture_task

pytestmark = pytest.mark.slow


def _server_pids(ancestor: int) -> list[int]:
    """The compile server JVMs below `ancestor` (bwrap runs them in a pid namespace)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            pid = int(entry.name)
        except OSError:
            continue
        if b"kateval.warm.CompileServerKt" in cmdline and b"java" in cmdline.split(b"\0")[0]:
            parent = pid
            while parent > 1:
                if parent == ancestor:
                    found.append(pid)
                    break
                try:
                    stat = Path(f"/proc/{parent}/stat").read_text()
                except OSError:
                    break
                parent = int(stat.rsplit(")", 1)[1].split()[1])
    return found


def _opener(toolchain: WarmToolchain):
    def open_local(root: Path):
        sandbox = LocalSandbox(root, ro_paths=toolchain.paths.mounts())
        return sandbox, registry.for_workspace(toolchain, root)
    return open_local


def test_killing_the_compiler_mid_run_loses_no_sample(toolchain, tmp_path):
    warm = WarmToolchain(toolchain, ServiceLimits())
    task = fixture_task("kmp-percent")
    graded = {}
    worker = threading.Thread(target=lambda: graded.update(grade=evaluate_patch(
        task, task.gold_patch, tmp_path / "attempt", _opener(warm), TIMEOUTS)))
    try:
        worker.start()
        deadline = time.monotonic() + 120
        victims: list[int] = []
        while not victims and time.monotonic() < deadline:
            services = warm.pool.services()
            victims = [pid for s in services for pid in _server_pids(s.proc.pid)]
            time.sleep(0.2)
        assert victims, "no compile server started"
        time.sleep(1.0)  # inside its first compilation: a JVM start alone takes longer
        os.kill(victims[0], signal.SIGKILL)
        worker.join(900)
        assert not worker.is_alive()
    finally:
        worker.join(900)
        warm.close()
    grade = graded["grade"]
    assert grade.status == "passed", grade.detail
    assert warm.pool.restarts >= 1
    assert "retried on a fresh compile service" in (tmp_path / "attempt" / "build.log").read_text()


def test_nothing_of_a_sample_stays_in_the_slot(openers, tmp_path):
    """After a sample, a service's slot holds only the libraries' IR cache: the stdlib's and
    kotlin-test's, and task libraries' (on the shelf, when an earlier test linked them)."""
    task = fixture_task("kmp-percent")
    opener = openers("warm")  # the session's pool, which other tests' samples used before
    grade = evaluate_patch(task, task.gold_patch, tmp_path / "attempt", opener, TIMEOUTS)
    assert grade.status == "passed", grade.detail
    _, session = opener(tmp_path)
    slots = [s.slot for s in session.toolchain.pool.services()]
    assert slots
    for slot in slots:
        assert {p.name for p in slot.iterdir()} <= {CACHE, SHELF}
        for version in (slot / CACHE).iterdir():  # what the last link named: no task library
            assert all(m.name.startswith(LIBRARY_CACHE_PREFIXES) for m in version.iterdir())
        shelved = list((slot / SHELF).glob("*/*"))
        assert all(LIBRARY_CACHE_MARK in m.name for m in shelved), shelved


def test_a_task_library_lowered_once_serves_the_services_later_links(toolchain, tmp_path):
    """A link of other libraries in between neither fails on nor drops the first library's
    lowered IR: it waits on the shelf, and the third link finds the very same files."""
    warm = WarmToolchain(toolchain, ServiceLimits())
    datetime, serial = core_task("lib-datetime-shift-timesheet"), core_task("lib-serial-legacy-field-names")

    def lowered() -> dict[str, int]:
        [service] = warm.pool.services()
        return {p.name: p.stat().st_ino for p in service.slot.glob("*/*/kotlinx-datetime-js-*/*")}

    try:
        seen = []
        for i, task in enumerate([datetime, serial, datetime]):
            grade = evaluate_patch(task, task.gold_patch, tmp_path / str(i), _opener(warm), TIMEOUTS)
            assert grade.status == "passed", (task.id, grade.detail)
            seen.append(lowered())
        [service] = warm.pool.services()
        assert seen[0] and seen[0] == seen[1] == seen[2]
        assert all(f"{SHELF}/" in str(p) for p in service.slot.glob("*/*/kotlinx-serialization-json-js-*"))
    finally:
        warm.close()


def test_worn_out_service_is_replaced(toolchain):
    warm = WarmToolchain(toolchain, ServiceLimits(max_compilations=1))
    try:
        work = Path(tempfile.mkdtemp(prefix="kateval-worn-"))
        (work / "A.kt").write_text("fun a() = 1\n")
        session = warm.session(work)
        from kateval.toolchains import Step

        step = Step("compile-jvm", "build", "jvm", ["-d", "out", "A.kt"], 300, service="jvm")
        first = session.run(step, sandbox=None)
        second = session.run(step, sandbox=None)
        assert (first.returncode, second.returncode) == (0, 0), first.stderr + second.stderr
        assert (work / "out" / "AKt.class").is_file()
        assert warm.pool.restarts == 2  # each service retired after its one compilation
    finally:
        warm.close()


def test_a_service_outlives_the_sample_thread_that_started_it(toolchain):
    """Samples run on threads that end with them (max_samples above the build slots). bwrap's
    --die-with-parent kills a service when the thread that forked it ends, so services start
    on the pool's own thread: the next sample finds the same warm JVM, not a cold one."""
    from kateval.toolchains import Step

    warm = WarmToolchain(toolchain)
    try:
        work = Path(tempfile.mkdtemp(prefix="kateval-outlive-"))
        (work / "A.kt").write_text("fun a() = 1\n")
        step = Step("compile-jvm", "build", "jvm", ["-d", "out", "A.kt"], 300, service="jvm")
        results = []
        sample = threading.Thread(target=lambda: results.append(
            warm.session(work).run(step, sandbox=None)))
        sample.start()
        sample.join()
        assert results[0].returncode == 0, results[0].stderr
        [service] = warm.pool.services()
        time.sleep(1.0)  # a parent-death signal would have landed by now
        assert service.alive()
        again = warm.session(work).run(step, sandbox=None)
        assert again.returncode == 0 and warm.pool.services() == [service]
        assert warm.pool.restarts == 0
    finally:
        warm.close()


def test_a_service_compiles_each_request_from_the_files_as_they_are_now(toolchain):
    """The server keeps the compiler's application environment between compilations:
    nothing of an earlier request's sources may survive in it (same path, new content)."""
    from kateval.toolchains import Step

    warm = WarmToolchain(toolchain, ServiceLimits())
    try:
        work = Path(tempfile.mkdtemp(prefix="kateval-stale-"))
        session = warm.session(work)
        step = Step("compile-jvm", "build", "jvm", ["-d", "out", "A.kt"], 300, service="jvm")
        (work / "A.kt").write_text("fun a() = 1\n")
        assert session.run(step, sandbox=None).returncode == 0
        (work / "A.kt").write_text("fun a() = 1\nfun b(): Int = \"two\"\n")
        broken = session.run(step, sandbox=None)
        assert broken.returncode == 1 and "A.kt:2:" in broken.stderr, broken.stderr
        (work / "A.kt").write_text("fun c() = 3\n")
        fixed = session.run(step, sandbox=None)
        assert fixed.returncode == 0, fixed.stderr
        names = (work / "out" / "AKt.class").read_bytes()  # constant pool: tag 1, length 1
        assert b"\x01\x00\x01c" in names and b"\x01\x00\x01a" not in names
    finally:
        warm.close()


def test_a_fresh_service_links_against_the_primed_library_cache(toolchain, tmp_path):
    """`kateval toolchain install` lowers the stdlib and kotlin-test once: a new service's
    first JS link reads that cache and rewrites none of it (every file keeps its bytes and
    its mtime), and the server JVM starts from the install's class archive."""
    from kateval.toolchains import kmp
    from kateval.toolchains.warm import primer
    from kateval.toolchains.warm import link_args

    from kateval.toolchains.warm.service import archive_name

    home = Path(toolchain.warm_home)
    archive = home / archive_name(toolchain)
    assert archive.is_file() and (home / "js-ic").is_dir(), "not primed"
    seed = {p.relative_to(home / "js-ic"): (p.stat().st_mtime_ns, p.read_bytes())
            for p in (home / "js-ic").rglob("*") if p.is_file()}
    assert any(str(p).endswith(".ast.bin") for p in seed)
    warm = WarmToolchain(toolchain, ServiceLimits())
    try:
        service = warm.pool.acquire()
        assert (f"-XX:AOTCache={archive}" in service.proc.args
                or f"-XX:SharedArchiveFile={archive}" in service.proc.args)
        for rel, text in primer.TRAINING.items():
            (service.slot / rel).parent.mkdir(parents=True, exist_ok=True)
            (service.slot / rel).write_text(text.replace("train", "fresh"))
        js = [c for c in kmp.compiler_args(service.slot, ["jvm", "js"], toolchain, "junit4")
              if c.target == "js"]
        assert [c.name for c in js] == ["compile-js", "compile-js-tests", "link-js"]
        for compile in js[:-1]:
            reply = service.compile("js", compile.args, 600)
            assert reply.exit_code == 0, reply.output
        reply = service.compile("js", link_args(js[-1].args), 600)
        assert reply.exit_code == 0, reply.output
        assert (service.slot / "build/kateval/js/kateval-tests.js").is_file()
        after = {p.relative_to(service.slot / CACHE): (p.stat().st_mtime_ns, p.read_bytes())
                 for p in (service.slot / CACHE).rglob("*") if p.is_file()}
        # The lowered IR (.ast.bin) is reused as is; the libraries' metadata files only
        # record which of the sample's files use them.
        lowered = {k: v for k, v in seed.items() if k.name.endswith(".ast.bin")}
        assert {k: after.get(k) for k in lowered} == lowered
        warm.pool.release(service)
    finally:
        warm.close()


def test_a_link_failing_on_a_kept_cache_is_decided_on_the_pristine_one(toolchain, tmp_path):
    """Links keep the cache their predecessors left (the stdlib rebuilt once, not per
    sample); a link that fails on such a cache runs again on the install's copy."""
    from kateval.toolchains import Step

    warm = WarmToolchain(toolchain, ServiceLimits())
    try:
        task = fixture_task("kmp-percent")
        grade = evaluate_patch(task, task.gold_patch, tmp_path / "gold", _opener(warm), TIMEOUTS)
        assert grade.status == "passed", grade.detail
        (service,) = warm.pool.services()
        assert service.links_since_fresh == 1  # the gold sample's link kept its cache
        before = service.compilations
        work = tmp_path / "work"
        work.mkdir()
        args = ["-Xir-produce-js", "-Xinclude=missing-klib", "-libraries",
                f"{toolchain.kotlin_home}/lib/kotlin-stdlib-js.klib", "-ir-output-dir", "out",
                "-ir-output-name", "m", "-module-kind", "commonjs", f"-Xcache-directory={CACHE}"]
        failed = warm.session(work).run(Step("link-js", "build", "js", args, 300, service="js"),
                                        sandbox=None)
        assert failed.returncode != 0
        assert service.compilations == before + 2  # on the kept cache, then the pristine one
        assert service.links_since_fresh == 1
    finally:
        warm.close()


def test_slot_folders_of_a_killed_run_are_removed_by_the_next(tmp_path):
    import subprocess

    from kateval.toolchains.warm import POOL_PREFIX, remove_stale_pools

    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = tmp_path / f"{POOL_PREFIX}{dead.pid}-abc"
    (stale / "slot-1" / "src").mkdir(parents=True)
    live = tmp_path / f"{POOL_PREFIX}{os.getpid()}-def"
    live.mkdir()
    other = tmp_path / "kateval-warm-notapid"  # not ours to judge
    other.mkdir()
    assert remove_stale_pools(tmp_path) == [stale]
    assert not stale.exists() and live.is_dir() and other.is_dir()
