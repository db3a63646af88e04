"""The warm compile service: one long-lived compiler JVM per worker, inside its own bwrap.

A service owns a slot folder: the only place it can write, and (with the toolchain,
read-only) nearly all it can see. Before each request the slot is emptied and the current
sample's inputs are copied in, so nothing of another sample is left for it to read; the
JS compiler's IR cache of the libraries stays (ircache.py), and the cache entries of sample
modules are deleted after each link.

A service is replaced after MAX_COMPILATIONS requests, when its RSS passes a bound, and
after it crashed or hung; callers (warm.py) retry the request once on a fresh one.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from kateval.sandbox.cgroup import Cgroup
from kateval.sandbox.local import ENV_ALLOW, LocalLimits, bwrap_argv
from kateval.toolchains import installed, jdk
from kateval.toolchains.installed import AOT_ARCHIVE, ARCHIVES, CDS_ARCHIVE, ToolPaths
from kateval.toolchains.warm.ircache import (CACHE, SHELF, library_cache_only, linked_libraries,
                                            remove_entry, restore_from, shelve)

STDERR_KEEP = 20_000
LINK_FLAG = "-Xcache-directory="
"""What marks a request as a JS link: the only kind that reads and writes the cache."""
# The JVM's own messages (archive warnings) go to stdout by default: the protocol's stream.
SERVER_LOG = ["-Xlog:disable", "-Xlog:all=warning:stderr"]
SERVER_TUNING: list[str] = []
"""Extra flags for the server JVM, for A/B runs (`bench/toolchain_bench.py --server-flags`);
after installed.SERVER_JIT, so `-XX:TieredStopAtLevel=4` there brings C2 back."""


def archive_name(paths: ToolPaths) -> str:
    """The class archive a server on these paths' JDK can have."""
    server = jdk.launcher(paths.server_java) if paths.server_java else jdk.path_jdk()
    return AOT_ARCHIVE if server.feature >= jdk.AOT_FEATURE else CDS_ARCHIVE


def archive_flags(archive: Path, dump: bool) -> list[str]:
    if archive.name == AOT_ARCHIVE:
        return [f"-XX:AOTCacheOutput={archive}" if dump else f"-XX:AOTCache={archive}"]
    return [f"-XX:ArchiveClassesAtExit={archive}" if dump else f"-XX:SharedArchiveFile={archive}"]


def server_argv(paths: ToolPaths, limits: ServiceLimits, archive: list[str]) -> list[str]:
    """The server JVM's command line on `paths`, with a class archive's flags (archive_flags);
    also what the docker image primes its own archive with (sandbox/warm_image.py)."""
    home = Path(paths.warm_home)
    return [paths.server_java or "java", f"-Xmx{limits.heap_mb}m", f"-Xmn{limits.young_mb}m",
            # Survivor spaces of a quarter of the young generation each, not a tenth: what a
            # compile still holds at a young collection then stays young instead of being
            # promoted into the old generation, which only a full collection empties.
            "-XX:SurvivorRatio=2", "-XX:+UseSerialGC", *installed.SERVER_JIT, *SERVER_LOG,
            *SERVER_TUNING, *archive,
            f"-Dkotlin.home={paths.kotlin_home}", "-Didea.io.use.nio2=true",
            # The compiler's application environment (its jar file system and the indexes
            # of the toolchain's jars) outlives a compilation, as in the Kotlin daemon;
            # projects, and so every source file, are still per compilation.
            "-Dkotlin.environment.keepalive=true",
            "-cp", f"{home / 'server.jar'}:{paths.lib('kotlin-compiler.jar')}",
            installed.SERVER_MAIN]


class ServiceFailed(Exception):
    """The service died or stopped answering: the harness's failure, not the sample's."""

    def __init__(self, message: str, hung: bool = False):
        super().__init__(message)
        self.hung = hung


@dataclass(frozen=True)
class ServiceLimits:
    """When a service is replaced, and what it may use."""

    max_compilations: int = 1000
    """Requests (five per JS sample: main and tests compile apart, then the link) before a
    fresh JVM, 200 samples; each restart pays the JIT's warm-up again."""
    max_rss_mb: int = 2500
    """The service's resident memory past which it is replaced after its current request (its
    cgroup, and a compile container, hold it to 512 MB more)."""
    heap_mb: int = 1792
    """The whole heap: the young generation below, and 1 GB for what outlives a compile."""
    young_mb: int = 768
    """The young generation: a sample's compiles allocate some hundreds of MB that die with
    them, and each young collection in the middle of a compile copies what that compile still
    holds; the larger the young generation, the fewer collections a sample meets (the
    default starts near 120 MB)."""
    isolate: bool = True
    """bwrap with no network (`--sandbox local`); False only for `--sandbox none`."""


@dataclass(frozen=True)
class Reply:
    exit_code: int
    output: str
    duration_s: float


class CompileService:
    """One compiler JVM and its slot. Not thread-safe: the pool hands it to one worker."""

    def __init__(self, paths: ToolPaths, slot: Path, limits: ServiceLimits,
                 dump_archive: Path | None = None):
        """`dump_archive` (install time only) makes the JVM write an AppCDS archive of the
        classes it loaded when it exits (`finish`)."""
        self.paths, self.slot, self.limits = paths, slot, limits
        self.dump_archive = dump_archive
        self.compilations = 0
        self.links_since_fresh = 0
        """JS links on this slot's cache since it was last the install's copy."""
        self.rss_kb = 0
        self._stderr: list[bytes] = []
        shutil.rmtree(slot, ignore_errors=True)
        slot.mkdir(parents=True)
        seed = self._seed()
        if seed is not None:
            # The stdlib and kotlin-test, lowered at install time: not again per service.
            shutil.copytree(seed, slot / CACHE, symlinks=True)
        else:
            (slot / CACHE).mkdir()
        self._cgroup = Cgroup.create(limits.max_rss_mb + 512, 512) if limits.isolate else None
        self.proc = subprocess.Popen(self._argv(), cwd=slot, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     start_new_session=True, env=dict(ENV_ALLOW))
        threading.Thread(target=self._drain_stderr, daemon=True).start()

    def _argv(self) -> list[str]:
        home = Path(self.paths.warm_home)
        if self.dump_archive is not None:
            archive = archive_flags(self.dump_archive, dump=True)
        else:
            # A stale or mismatched archive only costs speed: the JVM then starts without it.
            archive = next((archive_flags(home / name, dump=False) for name in ARCHIVES
                            if (home / name).is_file()), [])
        java = server_argv(self.paths, self.limits, archive)
        if not self.limits.isolate:
            return java
        # The service's own bwrap: the slot is its workspace, the toolchain read-only.
        wrap = self._cgroup.enter_argv() if self._cgroup else []
        sandbox = bwrap_argv(self.slot, self.paths.mounts(), LocalLimits(tmp_mb=512))
        return wrap + sandbox + java

    def _drain_stderr(self) -> None:
        kept = 0
        for chunk in iter(lambda: self.proc.stderr.read(4096), b""):
            if kept < STDERR_KEEP:
                self._stderr.append(chunk)
                kept += len(chunk)

    def stderr_tail(self) -> str:
        return b"".join(self._stderr).decode("utf-8", "replace")[-500:]

    @property
    def worn_out(self) -> bool:
        return (self.compilations >= self.limits.max_compilations
                or self.rss_kb > self.limits.max_rss_mb * 1024)

    def alive(self) -> bool:
        return self.proc.poll() is None

    # ------------------------------------------------------------ the slot
    def reset_slot(self) -> None:
        """Empty the slot but for the library part of the JS IR cache."""
        for entry in self.slot.iterdir():
            if entry.name not in (CACHE, SHELF):
                remove_entry(entry)
        library_cache_only(self.slot / CACHE)

    def fresh_cache(self) -> None:
        """Put the install's pristine library cache back, if a link changed it.

        A link rebuilds every stdlib file whose exports the sample needs and the cache
        lacks; those rebuilds are most of a link's time (1.9 s against 0.9 s a link in
        bench runs), so the cache a service's links leave is kept for its next link, not
        reset each time. What a kept cache holds of earlier samples is which stdlib
        declarations they used: it changes what the stdlib's JS module exports, never
        what it does, and no sample's code runs in the compiler. A link that fails on a
        kept cache is run again on the pristine one (warm.py), so history cannot fail a
        sample; each new service starts from the pristine copy."""
        seed = self._seed()
        if seed is not None and self.links_since_fresh:
            remove_entry(self.slot / SHELF)
            restore_from(seed, self.slot / CACHE)
        self.links_since_fresh = 0

    def _seed(self) -> Path | None:
        seed = Path(self.paths.warm_home) / "js-ic" if self.paths.warm_home else None
        return seed if seed is not None and seed.is_dir() and self.dump_archive is None else None

    # ------------------------------------------------------------ requests
    def compile(self, kind: str, args: list[str], timeout_s: float) -> Reply:
        """One compilation; ServiceFailed if the JVM dies or does not answer in time."""
        if any("\n" in arg for arg in args):
            raise ValueError("compiler arguments cannot hold newlines")
        if is_link(args):
            shelve(self.slot / CACHE, self.slot / SHELF, linked_libraries(args))
        start = time.monotonic()
        request = f"COMPILE {kind} {len(args)}\n" + "".join(f"{arg}\n" for arg in args)
        try:
            self.proc.stdin.write(request.encode("utf-8"))
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError) as exc:
            raise ServiceFailed(f"compile service is gone ({exc}); {self.stderr_tail()}") from None
        deadline = start + timeout_s
        header = self._read_line(deadline).split()
        if len(header) != 4 or header[0] != "DONE":
            raise ServiceFailed(f"compile service answered {' '.join(header)[:80]!r}")
        exit_code, self.rss_kb, size = int(header[1]), int(header[2]), int(header[3])
        body = self._read_exact(size, deadline)
        self.compilations += 1
        if is_link(args):
            self.links_since_fresh += 1
        return Reply(exit_code, body.decode("utf-8", "replace"), time.monotonic() - start)

    def _wait_readable(self, deadline: float) -> None:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([self.proc.stdout], [], [], remaining)[0]:
            raise ServiceFailed("compile service did not answer in time", hung=True)

    def _read_line(self, deadline: float) -> str:
        data = b""
        while not data.endswith(b"\n"):
            self._wait_readable(deadline)
            byte = os.read(self.proc.stdout.fileno(), 1)
            if not byte:
                code = self.proc.wait()
                raise ServiceFailed(f"compile service exited {code}: {self.stderr_tail()}")
            data += byte
        return data.decode("utf-8", "replace")

    def _read_exact(self, size: int, deadline: float) -> bytes:
        chunks, left = [], size
        while left:
            self._wait_readable(deadline)
            chunk = os.read(self.proc.stdout.fileno(), min(left, 1 << 16))
            if not chunk:
                raise ServiceFailed(f"compile service died mid-answer: {self.stderr_tail()}")
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def finish(self, timeout_s: float = 300) -> int:
        """Close the request stream and wait for the JVM to exit by itself (an archive is
        dumped then); its exit code."""
        self.proc.stdin.close()
        # The JVM's own logging (CDS warnings at the dump) goes to stdout: keep it flowing.
        threading.Thread(target=self.proc.stdout.read, daemon=True).start()
        try:
            return self.proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            return -1
        finally:
            self.stop()

    def stop(self) -> None:
        """Kill the JVM, its bwrap and anything in its cgroup; the slot goes too."""
        try:
            os.killpg(self.proc.pid, 9)
        except (ProcessLookupError, PermissionError):
            pass
        if self._cgroup:
            self._cgroup.kill_all()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        if self._cgroup:
            self._cgroup.remove()
        shutil.rmtree(self.slot, ignore_errors=True)


def is_link(args: list[str]) -> bool:
    return any(arg.startswith(LINK_FLAG) for arg in args)


ServiceStarter = Callable[[ToolPaths, Path, ServiceLimits], CompileService]
"""Starts one service on a slot folder (ServicePool's `start`)."""


class ServicePool:
    """Idle services, one per worker that needs one; a worn-out or broken one is replaced."""

    def __init__(self, paths: ToolPaths, root: Path, limits: ServiceLimits = ServiceLimits(),
                 start: ServiceStarter | None = None):
        """`start(paths, slot, limits)` makes a service: a CompileService (in its bwrap) by
        default, one in a container under --sandbox docker (sandbox/docker_warm.py)."""
        self.paths, self.root, self.limits = paths, root, limits
        self.start: ServiceStarter = start or CompileService
        # Services start on a thread that lives as long as the pool: bwrap's
        # --die-with-parent (PR_SET_PDEATHSIG) kills a child when the *thread* that forked it
        # ends, and a run's sample threads end as their samples do.
        self._launcher = ThreadPoolExecutor(1, thread_name_prefix="kateval-services")
        self._idle: list[CompileService] = []
        self._all: set[CompileService] = set()
        self._lock = threading.Lock()
        self._next_slot = 0
        self.restarts = 0

    def acquire(self) -> CompileService:
        with self._lock:
            while self._idle:
                service = self._idle.pop()
                if service.alive():
                    return service
                self._all.discard(service)
                service.stop()
            self._next_slot += 1
            slot = self.root / f"slot-{self._next_slot}"
        service = self._launcher.submit(self.start, self.paths, slot, self.limits).result()
        with self._lock:
            self._all.add(service)
        return service

    def release(self, service: CompileService, broken: bool = False) -> None:
        if broken or service.worn_out or not service.alive():
            with self._lock:
                self._all.discard(service)
                self.restarts += 1
            service.stop()
            return
        with self._lock:
            self._idle.append(service)

    def services(self) -> list[CompileService]:
        with self._lock:
            return list(self._all)

    def close(self) -> None:
        with self._lock:
            services, self._all, self._idle = list(self._all), set(), []
        for service in services:
            service.stop()
        self._launcher.shutdown(wait=False)
        shutil.rmtree(self.root, ignore_errors=True)
