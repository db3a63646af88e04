"""What crosses the executor seam: plain data, so it can cross a network too."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union


@dataclass(frozen=True)
class SampleSpec:
    """One sample to evaluate, as plain data: what crosses the seam (and the network)."""

    task_id: str
    sample: int
    max_attempts: int
    task_hash: str  # tree hash of the task folder: names the copy a node holds


@dataclass(frozen=True)
class SampleOutput:
    """A sample evaluated away from the run folder: its record and every file it wrote."""

    record: dict
    files: dict[str, bytes]  # path relative to the sample folder -> bytes
    cache: dict[str, bytes] = field(default_factory=dict)  # path relative to cache/ -> bytes


Outcome = Union[dict, SampleOutput, BaseException]
