"""The report's Jinja2 environment: templates packaged in kateval/report/templates, autoescape
on for every template, so model output (hostile: `</script>`, `<img onerror>`) is only ever
written out as text. Charts (svg.Node trees) are written by the `node` macro of svg.j2."""

from __future__ import annotations

import functools

import jinja2
import markupsafe

from kateval.report import fmt, svg


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("kateval.report", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters.update(pct=fmt.pct, num=fmt.num, usd=fmt.usd)
    env.globals.update(status_color=lambda s: svg.STATUS_COLORS.get(s, "#888"),
                       asset=_asset)
    return env


def _asset(name: str) -> markupsafe.Markup:
    """A packaged stylesheet or script, inlined as it is (kateval's own file, never data)."""
    source, _, _ = environment().loader.get_source(environment(), name)
    return markupsafe.Markup(source)


def render(name: str, **context) -> str:
    return environment().get_template(name).render(**context)


def chart_markup(chart: svg.Node) -> str:
    """One chart as SVG markup (for tests and anything that needs it outside a page)."""
    return str(environment().get_template("svg.j2").module.node(chart))
