"""The serving side's own view of a run, from its Prometheus `/metrics`.

vLLM serves `/metrics`, and llama.cpp's server does with `--metrics`. Read through the run,
they tell why a serving variant was slow: requests queued at the server, running requests,
KV-cache use, tokens served. A server without the endpoint is noted once and left alone.
"""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from dataclasses import dataclass, field

GAUGES = {
    "running": ("vllm:num_requests_running", "llamacpp:requests_processing"),
    "waiting": ("vllm:num_requests_waiting", "llamacpp:requests_deferred"),
    "kv_cache": ("vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc",
                 "llamacpp:kv_cache_usage_ratio"),
}
"""Series sampled through the run (mean and peak), by what they mean, per server kind."""
COUNTERS = {
    "generation_tokens": ("vllm:generation_tokens_total", "llamacpp:tokens_predicted_total"),
    "prompt_tokens": ("vllm:prompt_tokens_total", "llamacpp:prompt_tokens_total"),
}
"""Totals whose growth over the run is what the server served."""
MAX_BYTES = 2_000_000


def metrics_url(base_url: str) -> str:
    """`/metrics` beside the OpenAI routes: http://host:8000/v1 -> http://host:8000/metrics."""
    root = base_url.rstrip("/")
    return (root[:-3] if root.endswith("/v1") else root) + "/metrics"


def parse(text: str) -> dict[str, float]:
    """Prometheus text format: each metric's value, summed over its label sets."""
    values: dict[str, float] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name_part, _, rest = line.partition(" ") if "{" not in line.split(" ")[0] \
            else (line[:line.index("{")], "", line[line.index("}") + 1:])
        try:
            value = float(rest.split()[0])
        except (IndexError, ValueError):
            continue
        values[name_part] = values.get(name_part, 0.0) + value
    return values


def _first(values: dict[str, float], names: tuple[str, ...]) -> float | None:
    return next((values[n] for n in names if n in values), None)


@dataclass
class _Series:
    """One endpoint's samples."""

    url: str
    gauges: dict[str, list[float]] = field(default_factory=dict)
    first: dict[str, float] = field(default_factory=dict)
    last: dict[str, float] = field(default_factory=dict)
    unavailable: str | None = None

    def add(self, values: dict[str, float]) -> None:
        for key, names in GAUGES.items():
            value = _first(values, names)
            if value is not None:
                self.gauges.setdefault(key, []).append(value)
        for key, names in COUNTERS.items():
            value = _first(values, names)
            if value is not None:
                self.first.setdefault(key, value)
                self.last[key] = value

    def summary(self) -> dict:
        if self.unavailable is not None:
            return {"url": self.url, "unavailable": self.unavailable}
        out: dict = {"url": self.url, "samples": max(map(len, self.gauges.values()), default=0)}
        for key, series in self.gauges.items():
            out[key] = {"mean": round(sum(series) / len(series), 3), "peak": max(series)}
        for key in self.last:
            out[key] = self.last[key] - self.first[key]
        return out


class ServerMetrics:
    """Samples each endpoint's `/metrics` every `interval_s` on a daemon thread."""

    def __init__(self, urls: dict[str, str], interval_s: float = 2.0):
        self.series = {name: _Series(url) for name, url in urls.items()}
        self.interval_s = interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True, name="kateval-metrics")

    def start(self) -> "ServerMetrics":
        if self.series:
            self._thread.start()
        return self

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval_s)

    def sample(self) -> None:
        for series in self.series.values():
            if series.unavailable is None:
                try:
                    series.add(parse(_fetch(series.url)))
                except (OSError, ValueError, urllib.error.URLError) as exc:
                    series.unavailable = f"{type(exc).__name__}: {exc}"[:200]

    def stop(self) -> dict[str, dict]:
        """Stop sampling (one last sample first); each endpoint's summary."""
        if self._thread.is_alive():
            self._stop.set()
            self._thread.join(10)
            self.sample()
        return {name: series.summary() for name, series in self.series.items()}


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=2.0) as response:  # noqa: S310 - the user's own endpoint
        return response.read(MAX_BYTES).decode("utf-8", "replace")
