"""`kateval endpoints check` and `kateval endpoints bench`."""

from __future__ import annotations

import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from rich.console import Console
from rich.table import Table

from kateval.commands.tables import print_json
from kateval.config import Endpoint, load_models
from kateval.errors import ConfigError, InfraError
from kateval.models.client import CallFailed, CallRecord, ModelClient
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


def _check_one(role: str, name: str, ep: Endpoint) -> dict:
    """One role's check: the models its server lists, then one tiny request."""
    client = ModelClient(name, ep.model_copy(update={"max_retries": 0}))
    entry: dict = {"role": role, "endpoint": name, "base_url": ep.base_url, "model": ep.model,
                   "served": None, "listed": None, "latency_s": None, "tokens_per_s": None,
                   "ok": False, "error": None, "fix": None}
    try:
        entry["served"] = client.list_models()
        entry["listed"] = ep.model in entry["served"]
    except Exception as exc:
        entry["list_error"] = f"{type(exc).__name__}: {exc}"[:300]
    try:
        rec = _tiny_request(client, role).record
        entry |= {"ok": True, "latency_s": rec.latency_s, "tokens_per_s": rec.tokens_per_s}
    except CallFailed as exc:
        error = exc.record.error or str(exc)
        entry |= {"error": error, "fix": fix_hint(ep, error)}
    return entry


def _check_row(e: dict) -> list[str]:
    served = e["served"]
    listed = ("unreachable" if served is None else
              ", ".join(served[:4]) + (" ..." if len(served) > 4 else ""))
    if not e["ok"]:
        return [e["role"], f"{e['endpoint']} {e['base_url']}", listed, "-", "-",
                f"[red]{e['error']}[/]; fix: {e['fix']}"]
    note = "" if e["listed"] in (True, None) or not served else \
        f" [yellow](model '{e['model']}' not listed)[/]"
    return [e["role"], f"{e['endpoint']} {e['base_url']}", listed, f"{e['latency_s']:.2f}s",
            f"{e['tokens_per_s'] or '-'}", "[green]ok[/]" + note]


def check_command(console: Console, *, models_path: Path, as_json: bool = False) -> None:
    models = load_models(models_path)
    entries = [_check_one(role, name, models.endpoints[name])
               for role, name in models.roles.items()]
    if as_json:
        print_json(console, entries)
    else:
        table = Table(title=f"endpoints in {models_path}")
        for column in ("role", "endpoint", "served models", "latency", "tok/s", "result"):
            table.add_column(column, overflow="fold")
        for entry in entries:
            table.add_row(*_check_row(entry))
        console.print(table)
    failed = [e for e in entries if not e["ok"]]
    if failed:
        first = failed[0]
        more = f" (and {len(failed) - 1} more endpoint(s))" if len(failed) > 1 else ""
        raise InfraError(f"endpoint check failed: {first['role']} endpoint '{first['endpoint']}' "
                         f"({first['base_url']}): {first['error']}; fix: {first['fix']}{more}")


def _levels(text: str) -> list[int]:
    try:
        levels = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        levels = []
    if not levels or any(x < 1 for x in levels):
        raise ConfigError(f"--concurrency: '{text}' is not a list like 1,4,16")
    return levels


def _bench_level(client: ModelClient, role: str, level: int, requests: int) -> dict:
    """`requests` tiny streamed requests, `level` at a time: TTFT, latency, rates, errors."""
    start = time.monotonic()
    with ThreadPoolExecutor(level) as pool:
        outcomes = list(pool.map(lambda _: _safe(client, role), range(requests)))
    wall = time.monotonic() - start
    ok = [r for r in outcomes if isinstance(r, CallRecord)]
    errors = Counter(r for r in outcomes if isinstance(r, str))
    ttft = [r.ttft_s for r in ok if r.ttft_s is not None]
    return {"concurrency": level, "requests": requests,
            "ttft_p50_s": percentile(ttft, 50), "ttft_p95_s": percentile(ttft, 95),
            "latency_p50_s": percentile([r.latency_s for r in ok], 50),
            "requests_per_s": len(ok) / wall,
            "tokens_per_s": sum(r.completion_tokens for r in ok) / wall,
            "errors": sum(errors.values()),
            "error": errors.most_common(1)[0][0] if errors else None}


def bench_command(console: Console, *, models_path: Path, role: str, concurrency: str,
                  requests: int, as_json: bool = False) -> None:
    models = load_models(models_path)
    ep = models.endpoint_for(role)
    if ep is None:
        raise ConfigError(f"{models_path}: roles.{role}: no endpoint plays this role "
                          f"(roles: {', '.join(models.roles)})")
    name = models.roles[role]  # type: ignore[index]
    levels = []
    for level in _levels(concurrency):
        client = ModelClient(name, ep.model_copy(update={"max_concurrency": level,
                                                          "max_retries": 0, "stream": True}))
        levels.append(_bench_level(client, role, level, requests))
        if levels[-1]["errors"] == requests:
            break  # the endpoint answers nothing: more load tells nothing more
    if as_json:
        print_json(console, {"role": role, "endpoint": name, "model": ep.model,
                             "base_url": ep.base_url, "levels": levels})
    else:
        _print_bench(console, role, ep, requests, levels)
    dead = next((x for x in levels if x["errors"] == requests), None)
    if dead is not None:
        raise InfraError(f"endpoints bench: all {requests} requests to {role} endpoint '{name}' "
                         f"({ep.base_url}) failed at concurrency {dead['concurrency']}: "
                         f"{dead['error']}; fix: {fix_hint(ep, dead['error'] or '')}")


def _print_bench(console: Console, role: str, ep: Endpoint, requests: int,
                 levels: list[dict]) -> None:
    table = Table(title=f"{role}: {ep.model} @ {ep.base_url}, {requests} requests per level")
    for column in ("concurrency", "TTFT p50", "TTFT p95", "latency p50", "req/s", "tok/s",
                   "errors"):
        table.add_column(column)
    for x in levels:
        table.add_row(str(x["concurrency"]), _s(x["ttft_p50_s"]), _s(x["ttft_p95_s"]),
                      _s(x["latency_p50_s"]), f"{x['requests_per_s']:.2f}",
                      f"{x['tokens_per_s']:.1f}", str(x["errors"]))
    console.print(table)
    for x in levels:
        if x["errors"] and x["errors"] < requests:
            console.print(f"[yellow]warning:[/] {x['errors']} of {requests} requests failed at "
                          f"concurrency {x['concurrency']}: {x['error']}", highlight=False)


def _safe(client: ModelClient, role: str) -> CallRecord | str:
    """The call's record, or its error text when it failed."""
    try:
        return _tiny_request(client, role, stream=True).record
    except CallFailed as exc:
        return exc.record.error or str(exc)


def _s(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}s"
