"""The executor seam: where a run's samples are evaluated.

The runner plans the samples and hands the executor plain data (a SampleSpec per sample); the
executor hands back, per sample, its result record, and, when the sample ran away from the run
folder, its artifacts as bytes (SampleOutput), which the runner writes. `local` runs samples on
threads of this process (the default); `ray` runs them on actors spread over a Ray cluster.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from kateval.errors import ConfigError
from kateval.executors.spec import Outcome, SampleOutput, SampleSpec

if TYPE_CHECKING:
    import threading

    from kateval.sample import RunPlan

__all__ = ["EXECUTORS", "Executor", "Outcome", "SampleOutput", "SampleSpec", "make_executor"]
EXECUTORS = ("local", "ray")


class Executor(Protocol):
    def start(self, specs: list[SampleSpec]) -> None:
        """Begin evaluating every spec; returns at once."""

    def next(self) -> tuple[SampleSpec, Outcome]:
        """Block until some sample finished: its spec and its record, output or exception.
        Raises InfraError when no worker is left to run the samples that remain."""

    def slot_usage(self) -> dict:
        """How busy the run's build slots were (budgets.BuildSlots.usage); called before close."""

    def stop(self) -> None:
        """The run is stopping: start nothing new, cancel what runs, release what is held."""

    def close(self) -> None:
        """The run is over: release workers and connections."""


def make_executor(kind: str, plan: "RunPlan", stop: "threading.Event",
                  address: str | None = None) -> Executor:
    if kind == "local":
        from kateval.executors.local import LocalExecutor

        return LocalExecutor(plan, stop)
    if kind == "ray":
        from kateval.executors.ray import RayExecutor

        return RayExecutor(plan, stop, address or "auto")
    raise ConfigError(f"--executor: unknown executor '{kind}' (allowed: {', '.join(EXECUTORS)})")
