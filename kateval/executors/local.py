"""The local executor: samples on daemon threads of this process (kateval's behaviour before
executors). Threads write their samples' folders in place; the runner records the results."""

from __future__ import annotations

import queue
import threading
import time
import dataclasses
from pathlib import Path
from typing import Callable

from kateval.errors import InfraError
from kateval.sandbox import SandboxOpener
from kateval.executors.spec import SampleSpec
from kateval.sample import RunPlan, run_sample
from kateval.tasks import Task


class LocalExecutor:
    """`suite.max_samples` threads over the specs (they build in turn, by the plan's build
    slots); a stop closes the sandboxes they hold."""

    def __init__(self, plan: RunPlan, stop: threading.Event):
        self.stop_event = stop
        self.live = _LiveSandboxes(plan.open_sandbox, stop)
        self.plan = dataclasses.replace(plan, open_sandbox=self.live.open)
        self.tasks = {task.id: task for task in plan.tasks}
        self.workers: _Workers | None = None

    def start(self, specs: list[SampleSpec]) -> None:
        by_unit = {(s.task_id, s.sample): s for s in specs}
        self._specs = by_unit
        self.workers = _Workers(self.plan, [(self.tasks[s.task_id], s.sample) for s in specs],
                                self.stop_event)
        self.workers.start()

    def next(self):
        assert self.workers is not None
        task, sample, outcome = _next(self.workers)
        return self._specs[(task.id, sample)], outcome

    def stop(self) -> None:
        if self.workers is not None:
            _stop_now(self.plan, self.stop_event, self.live, self.workers)

    def slot_usage(self) -> dict:
        return self.plan.build_slots.usage()

    def close(self) -> None:
        pass


class _Workers:
    """Daemon worker threads over a queue of units. Daemons, so that a stopping run does not
    wait for a model call or a compile in flight: its sandbox is closed and it is abandoned."""

    def __init__(self, plan: RunPlan, todo: list[tuple[Task, int]], stop: threading.Event):
        self.plan, self.stop = plan, stop
        self.units: queue.Queue = queue.Queue()
        for unit in todo:
            self.units.put(unit)
        self.done: queue.Queue = queue.Queue()
        self.threads = [threading.Thread(target=self._work, daemon=True, name=f"kateval-{i}")
                        for i in range(max(1, min(plan.suite.max_samples, len(todo))))]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def _work(self) -> None:
        while not self.stop.is_set():
            try:
                task, sample = self.units.get_nowait()
            except queue.Empty:
                return
            try:
                self.done.put((task, sample, run_sample(self.plan, task, sample, self.stop)))
            except BaseException as exc:  # noqa: BLE001 - reported to the main thread
                self.done.put((task, sample, exc))

    def join(self, timeout_s: float, threads=None) -> None:
        deadline = time.monotonic() + timeout_s
        for thread in self.threads if threads is None else threads:
            thread.join(max(0.0, deadline - time.monotonic()))


def _next(workers: _Workers):
    while True:
        try:
            return workers.done.get(timeout=0.2)
        except queue.Empty:
            if not any(t.is_alive() for t in workers.threads) and workers.done.empty():
                raise InfraError("every worker stopped with samples left; see the run folder")


def _stop_now(plan: RunPlan, stop: threading.Event, live: "_LiveSandboxes",
              workers: _Workers) -> None:
    stop.set()
    cancel = getattr(plan.solver, "cancel", None)
    if cancel is not None:
        cancel()
    # Workers whose sandbox was just killed (or is opening) notice the stop and clean up after
    # themselves; one blocked in a model call cannot notice it (closing the client does not
    # wake a blocked read) and holds nothing to clean up: it is abandoned, not waited for.
    busy = live.close_all()
    workers.join(STOP_GRACE_S, busy)
    live.close_all()  # and whatever opened in between


STOP_GRACE_S = 2.0


class _LiveSandboxes:
    """Remembers open sandboxes, and the worker holding each, so a stopping run can kill what
    they run; once the run is stopping, no new sandbox opens."""

    def __init__(self, opener: SandboxOpener, stop: threading.Event):
        self._opener = opener
        self._stop = stop
        self._open: dict = {}  # _Tracked sandbox -> the thread that opened it
        self._opening: set = set()
        self._lock = threading.Lock()

    def open(self, root: Path):
        if self._stop.is_set():
            raise InfraError("run interrupted: no new sandbox")
        me = threading.current_thread()
        with self._lock:
            self._opening.add(me)
        try:
            sandbox, paths = self._opener(root)
        finally:
            with self._lock:
                self._opening.discard(me)
        tracked = _Tracked(sandbox, self._forget)
        with self._lock:
            self._open[tracked] = me
            stopping = self._stop.is_set()
        if stopping:
            _close(tracked)
            raise InfraError("run interrupted: sandbox closed")
        return tracked, paths

    def _forget(self, tracked: "_Tracked") -> None:
        with self._lock:
            self._open.pop(tracked, None)

    def close_all(self) -> set:
        """Close every open sandbox; the threads that held one or were opening one."""
        with self._lock:
            sandboxes, self._open = self._open, {}
            threads = set(sandboxes.values()) | self._opening
        for sandbox in sandboxes:
            _close(sandbox)
        return threads


class _Tracked:
    """A sandbox that leaves _LiveSandboxes when its worker closes it."""

    def __init__(self, sandbox, forget: Callable):
        self._sandbox, self._forget = sandbox, forget

    def __getattr__(self, name: str):
        return getattr(self._sandbox, name)

    def close(self) -> None:
        self._forget(self)
        self._sandbox.close()


def _close(sandbox) -> None:
    try:
        sandbox.close()
    except Exception:  # clean-up must go on for the others
        pass


