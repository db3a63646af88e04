"""The run's two budgets: samples in flight, and build slots.

A sample is a sequence of phases. Model phases (plan, edit, fallback, feedback) wait on
endpoints, each bounded by its own `max_concurrency`; build and test phases need a core. So a
run keeps up to `max_samples` samples in flight, and lets at most `build_slots` of them build
and test at once. A warm compile service is borrowed for one build and returned, so the pool
holds one service per slot, never one per sample, and memory grows with slots.
"""

from __future__ import annotations

import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path


def cores_available() -> int:
    """Cores this process may use: its CPU affinity, capped by a cgroup v2 quota."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    quota = _cgroup_quota(Path("/sys/fs/cgroup/cpu.max"))
    return max(1, min(cores, quota) if quota else cores)


def _cgroup_quota(path: Path) -> int | None:
    try:
        limit, period = path.read_text().split()[:2]
    except (OSError, ValueError):
        return None
    if limit == "max":
        return None
    return max(1, int(int(limit) / int(period)))


class BuildSlots:
    """At most `size` builds at once, with a record of how busy the slots were."""

    def __init__(self, size: int):
        self.size = size
        self._sem = threading.BoundedSemaphore(size)
        self._lock = threading.Lock()
        self._busy = 0
        self._peak = 0
        self._busy_s = 0.0
        self._builds = 0
        self._since = time.monotonic()
        self._started = self._since

    def _account(self, delta: int) -> None:
        with self._lock:
            now = time.monotonic()
            self._busy_s += self._busy * (now - self._since)
            self._since = now
            self._busy += delta
            self._builds += delta > 0
            self._peak = max(self._peak, self._busy)

    @contextmanager
    def slot(self):
        with self._sem:
            self._account(+1)
            try:
                yield
            finally:
                self._account(-1)

    def usage(self) -> dict:
        """Slots, peak and mean in use, the busy share of the run so far, and the slot-seconds
        its builds held (`busy_s` over `builds`: a build's time, without its wait for a slot)."""
        self._account(0)
        with self._lock:
            wall = max(time.monotonic() - self._started, 1e-9)
            mean = self._busy_s / wall
            return {"slots": self.size, "peak": self._peak, "mean": round(mean, 3),
                    "busy_share": round(mean / self.size, 3), "busy_s": round(self._busy_s, 3),
                    "builds": self._builds}
