"""`kateval endpoints check` and `kateval endpoints bench`."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from rich.console import Console
from rich.table import Table

from kateval.config import Endpoint, load_models
from kateval.errors import ConfigError, InfraError
from kateval.models.client import CallFailed, ModelClient
from kateval.scoring import percentile

TINY_CHAT = [{"role": "user", "content": "Reply with the single word OK."}]
TINY_FIM = "<fim_suffix>\n}<fim_prefix>fun answer(): Int {\n    return <fim_middle>"


def fix_hint(endpoint: Endpoint, error: str) -> str:
    if "Connection" in error or "Timeout" in error:
        return f"is a server listening on {endpoint.base_url}? (vLLM, llama.cpp or Ollama)"
    if "HTTP 401" in error or "HTTP 403" in error:
        return f"set the API key in ${endpoint.api_key_env or '<api_key_env in models.yaml>'}"
    if "HTTP 404" in error:
        return f"the server does not serve '{endpoint.model}'; see the models it lists"
    if "HTTP 400" in error and endpoint.kind == "completion":
        return "the server refused /v1/completions; is this a chat-only server? try kind: chat"
    return "see the server's log"


def _tiny_request(client: ModelClient, role: str, stream: bool = False):
    ep = client.endpoint
    if stream != ep.stream:
        client = ModelClient(client.name, ep.model_copy(update={"stream": stream}))
    if ep.kind == "completion":
        return client.complete(role, TINY_FIM, temperature=0, max_tokens=16)
    return client.chat(role, TINY_CHAT, temperature=0, max_tokens=16)


def check_command(console: Console, *, models_path: Path) -> None:
    models = load_models(models_path)
    table = Table(title=f"endpoints in {models_path}")
    for column in ("role", "endpoint", "served models", "latency", "tok/s", "result"):
        table.add_column(column, overflow="fold")
    failures = 0
    for role, name in models.roles.items():
        ep = models.endpoints[name]
        client = ModelClient(name, ep.model_copy(update={"max_retries": 0}))
        try:
            served = client.list_models()
            listed = ", ".join(served[:4]) + (" ..." if len(served) > 4 else "")
        except Exception as exc:
            served, listed = [], f"unreachable ({type(exc).__name__})"
        try:
            done = _tiny_request(client, role)
            rec = done.record
            result = "[green]ok[/]" + ("" if ep.model in served or not served else
                                       f" [yellow](model '{ep.model}' not listed)[/]")
            table.add_row(role, f"{name} {ep.base_url}", listed, f"{rec.latency_s:.2f}s",
                          f"{rec.tokens_per_s or '-'}", result)
        except CallFailed as exc:
            failures += 1
            table.add_row(role, f"{name} {ep.base_url}", listed, "-", "-",
                          f"[red]{exc.record.error}[/]; fix: {fix_hint(ep, exc.record.error or '')}")
    console.print(table)
    if failures:
        raise InfraError(f"{failures} endpoint(s) failed the check; see the fix column above")


def _levels(text: str) -> list[int]:
    try:
        levels = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        levels = []
    if not levels or any(x < 1 for x in levels):
        raise ConfigError(f"--concurrency: '{text}' is not a list like 1,4,16")
    return levels


def bench_command(console: Console, *, models_path: Path, role: str, concurrency: str,
                  requests: int) -> None:
    models = load_models(models_path)
    ep = models.endpoint_for(role)
    if ep is None:
        raise ConfigError(f"{models_path}: roles.{role}: no endpoint plays this role "
                          f"(roles: {', '.join(models.roles)})")
    name = models.roles[role]  # type: ignore[index]
    table = Table(title=f"{role}: {ep.model} @ {ep.base_url}, {requests} requests per level")
    for column in ("concurrency", "TTFT p50", "TTFT p95", "latency p50", "req/s", "tok/s", "errors"):
        table.add_column(column)
    for level in _levels(concurrency):
        client = ModelClient(name, ep.model_copy(update={"max_concurrency": level,
                                                          "max_retries": 0, "stream": True}))
        start = time.monotonic()
        with ThreadPoolExecutor(level) as pool:
            outcomes = list(pool.map(lambda _: _safe(client, role), range(requests)))
        wall = time.monotonic() - start
        ok = [r for r in outcomes if r is not None]
        ttft = [r.ttft_s for r in ok if r.ttft_s is not None]
        lat = [r.latency_s for r in ok]
        tokens = sum(r.completion_tokens for r in ok)
        table.add_row(str(level), _s(percentile(ttft, 50)), _s(percentile(ttft, 95)),
                      _s(percentile(lat, 50)), f"{len(ok) / wall:.2f}", f"{tokens / wall:.1f}",
                      str(len(outcomes) - len(ok)))
    console.print(table)


def _safe(client: ModelClient, role: str):
    try:
        return _tiny_request(client, role, stream=True).record
    except CallFailed:
        return None


def _s(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}s"
