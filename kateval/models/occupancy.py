"""How busy a run kept each endpoint: requests in flight, and whether samples waited.

A batching server (vLLM) is only as busy as the requests it is sent. Each endpoint's
`max_concurrency` bounds them; what matters is whether the run kept that many in flight while
samples were waiting for the endpoint. If not, the build side bounds the run. Counted per
endpoint name for the whole process, whichever roles share the endpoint.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager


class Occupancy:
    """Time-weighted requests in flight and waiting, for one endpoint."""

    def __init__(self, limit: int):
        self.limit = limit
        self._lock = threading.Lock()
        self._in_flight = self._waiting = self._peak = 0
        self._first: float | None = None
        self._since = 0.0
        self._flight_s = 0.0  # integral of requests in flight over time
        self._wait_s = 0.0  # time during which some sample waited for a slot
        self._flight_wait_s = 0.0  # integral of requests in flight while some sample waited

    def _move(self, flight: int = 0, waiting: int = 0) -> None:
        with self._lock:
            now = time.monotonic()
            if self._first is None:
                self._first, self._since = now, now
            span = now - self._since
            self._flight_s += self._in_flight * span
            if self._waiting:
                self._wait_s += span
                self._flight_wait_s += self._in_flight * span
            self._since = now
            self._in_flight += flight
            self._waiting += waiting
            self._peak = max(self._peak, self._in_flight)

    @contextmanager
    def hold(self, slots):
        """Take one of `slots` (a semaphore, or a context manager holding a cluster-wide
        one); the time spent blocked, when all were taken, counts as waiting."""
        if not (hasattr(slots, "acquire") and slots.acquire(blocking=False)):
            self._move(waiting=+1)
            try:
                slots.__enter__()
            except BaseException:
                self._move(waiting=-1)
                raise
            self._move(waiting=-1)
        self._move(flight=+1)
        try:
            yield
        finally:
            self._move(flight=-1)
            slots.__exit__(None, None, None)

    def usage(self) -> dict:
        self._move()
        with self._lock:
            span = max(self._since - (self._first or self._since), 1e-9)
            mean = self._flight_s / span
            share = (self._flight_wait_s / (self.limit * self._wait_s)) if self._wait_s else None
            return {"max_concurrency": self.limit, "peak_in_flight": self._peak,
                    "mean_in_flight": round(mean, 3),
                    "busy_share_while_waited": None if share is None else round(share, 3),
                    "waited_s": round(self._wait_s, 3)}


_lock = threading.Lock()
_endpoints: dict[str, Occupancy] = {}


def of(name: str, limit: int) -> Occupancy:
    """The process's tracker of endpoint `name`."""
    with _lock:
        found = _endpoints.get(name)
        if found is None or found.limit != limit:
            found = _endpoints[name] = Occupancy(limit)
        return found


def reset() -> None:
    """A new run starts counting afresh."""
    with _lock:
        _endpoints.clear()


def snapshot() -> dict[str, dict]:
    with _lock:
        items = list(_endpoints.items())
    return {name: occ.usage() for name, occ in sorted(items) if occ._first is not None}
