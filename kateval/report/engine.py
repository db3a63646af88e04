"""How busy a run kept each endpoint and its build slots, in words: which side bounded it.
The console, report.md and report.html show the same lines (summary.json has the figures)."""

from __future__ import annotations

SERVER_GAUGES = ("running", "waiting", "kv_cache")


def _server(server: dict) -> str:
    """The endpoint's own view (its /metrics), when it served one."""
    parts = [f"{key} mean {server[key]['mean']:g} peak {server[key]['peak']:g}"
             for key in SERVER_GAUGES if isinstance(server.get(key), dict)]
    if "generation_tokens" in server:
        parts.append(f"{server['generation_tokens']:g} tokens generated")
    return "; server: " + ", ".join(parts) if parts else ""


def endpoint_line(name: str, use: dict) -> str:
    share = use.get("busy_share_while_waited")
    waited = ("samples never waited for it" if share is None else
              f"{share:.0%} of max_concurrency in use while samples waited "
              f"({use['waited_s']:.0f}s)")
    return (f"endpoint {name}: peak {use['peak_in_flight']}/{use['max_concurrency']} in "
            f"flight, mean {use['mean_in_flight']:g}; {waited}{_server(use.get('server') or {})}")


def slots_line(slots: dict) -> str:
    nodes = slots.get("nodes")
    where = (" (" + ", ".join(f"{node}: {n}" for node, n in sorted(nodes.items())) + ")"
             if nodes else "")
    builds = slots.get("builds")
    each = f", {slots['busy_s'] / builds:.1f}s per build" if builds else ""
    return (f"build slots: {slots['slots']}{where}, peak {slots['peak']} in use, busy "
            f"{slots['busy_share']:.0%}{each}")


def busy_lines(summary: dict) -> list[str]:
    """One line per endpoint the run called, then one for the build slots."""
    lines = [endpoint_line(name, use) for name, use in (summary.get("endpoints") or {}).items()
             if "peak_in_flight" in use]
    if summary.get("build_slots"):
        lines.append(slots_line(summary["build_slots"]))
    return lines
