"""Inline SVG charts for the HTML report: bars, horizontal bars, box plots and a Pareto scatter.

Pure functions from numbers to SVG text; no JavaScript, no external fonts or stylesheets, so
the report renders offline. Every chart carries a <title> for screen readers and tooltips.
"""

from __future__ import annotations

import math
from html import escape

FONT = 'font-family="system-ui, sans-serif" font-size="12"'
AXIS = "#555"
GRID = "#e3e3e3"
PASSED = "#2f9e44"
STATUS_COLORS = {
    "passed": PASSED, "tests_failed": "#e8590c", "build_failed": "#c92a2a",
    "patch_failed": "#862e9c", "malformed_edit": "#5f3dc4", "timeout": "#f08c00",
    "model_error": "#868e96", "infra_error": "#495057",
}
SERIES = ["#1c7ed6", "#e8590c", "#2f9e44", "#862e9c", "#f08c00", "#0c8599", "#c2255c"]
FRONT = "#c2255c"


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 times a power of ten apart) from at or below lo to at
    or above hi, so every value falls inside the axis."""
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / max(1, count)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    ticks, i = [], 0
    start = math.floor(lo / step) * step
    while not ticks or ticks[-1] < hi - step * 1e-9:
        ticks.append(round(start + i * step, 10))
        i += 1
    return ticks


def fmt_num(value: float) -> str:
    """Short human number: integers bare, else 2 significant decimals below 10, 1 below 100."""
    if float(value).is_integer():
        return str(int(value))
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) < 0.01:
        return f"{value:.2g}"
    return f"{value:.2f}".rstrip("0").rstrip(".") if abs(value) < 10 else f"{value:.1f}"


def _open(width: int, height: int, title: str, css_class: str = "chart") -> str:
    return (f'<svg class="{css_class}" role="img" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" {FONT}><title>{esc(title)}</title>'
            f'<text x="8" y="16" font-weight="600" font-size="13">{esc(title)}</text>')


def _empty(width: int, height: int, title: str, why: str) -> str:
    return (_open(width, height, title) + f'<text x="{width / 2}" y="{height / 2}" '
            f'text-anchor="middle" fill="{AXIS}">{esc(why)}</text></svg>')


def bar_chart(bars: list[tuple[str, float | None]], title: str, *, y_max: float = 1.0,
              percent: bool = True, color: str = PASSED) -> str:
    """Vertical bars with value labels; None values are drawn as 'n/a'."""
    width, height, left, bottom, top = max(260, 70 * len(bars) + 60), 220, 44, 36, 30
    if not bars:
        return _empty(width, height, title, "no data")
    plot_h, plot_w = height - top - bottom, width - left - 12
    out = [_open(width, height, title)]
    for tick in nice_ticks(0, y_max, 4):
        y = top + plot_h * (1 - tick / y_max)
        label = f"{100 * tick:.0f}%" if percent else fmt_num(tick)
        out.append(f'<line x1="{left}" x2="{width - 12}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
                   f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{AXIS}">{label}</text>')
    slot = plot_w / len(bars)
    for i, (label, value) in enumerate(bars):
        x = left + i * slot + slot * 0.2
        shown = "n/a" if value is None else (f"{100 * value:.1f}%" if percent else fmt_num(value))
        if value is not None:
            h = plot_h * min(value, y_max) / y_max
            out.append(f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{slot * 0.6:.1f}" '
                       f'height="{h:.1f}" fill="{color}"><title>{esc(label)}: {shown}</title></rect>')
        y_label = top + plot_h - (0 if value is None else plot_h * min(value, y_max) / y_max) - 4
        out.append(f'<text x="{x + slot * 0.3:.1f}" y="{y_label:.1f}" text-anchor="middle">{shown}</text>'
                   f'<text x="{x + slot * 0.3:.1f}" y="{height - 14}" text-anchor="middle" '
                   f'fill="{AXIS}">{esc(label)}</text>')
    out.append(f'<line x1="{left}" x2="{width - 12}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="{AXIS}"/></svg>')
    return "".join(out)


def hbar_chart(rows: list[tuple[str, float, str]], title: str) -> str:
    """Horizontal bars (label, count, color), e.g. the breakdown of statuses."""
    label_w, bar_w, row_h = 170, 220, 22
    width, height = label_w + bar_w + 60, 34 + row_h * max(1, len(rows))
    if not rows:
        return _empty(width, height + 20, title, "no samples")
    top_value = max(v for _, v, _ in rows) or 1
    out = [_open(width, height, title)]
    for i, (label, value, color) in enumerate(rows):
        y = 28 + i * row_h
        w = bar_w * value / top_value
        out.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{esc(label)}</text>'
                   f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" '
                   f'fill="{color}"><title>{esc(label)}: {fmt_num(value)}</title></rect>'
                   f'<text x="{label_w + w + 4:.1f}" y="{y + 14}">{fmt_num(value)}</text>')
    return "".join(out) + "</svg>"


def _quantile(ordered: list[float], q: float) -> float:
    """Linear-interpolated quantile of sorted values (smooth boxes for small samples)."""
    pos = (len(ordered) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def box_plot(groups: dict[str, list[float]], title: str, unit: str) -> str:
    """Horizontal box plots (p5-p95 whiskers, p25-p75 box, median) with every value as a dot."""
    label_w, plot_w, row_h = 90, 330, 34
    width, height = label_w + plot_w + 30, 50 + row_h * max(1, len(groups))
    values = [v for vs in groups.values() for v in vs]
    if not values:
        return _empty(width, 90, title, "no model calls recorded")
    ticks = nice_ticks(0, max(values), 4)
    hi = ticks[-1] or 1

    def sx(v: float) -> float:
        return label_w + plot_w * v / hi

    out = [_open(width, height, f"{title} ({unit})")]
    axis_y = height - 22
    for tick in ticks:
        out.append(f'<line x1="{sx(tick):.1f}" x2="{sx(tick):.1f}" y1="26" y2="{axis_y}" stroke="{GRID}"/>'
                   f'<text x="{sx(tick):.1f}" y="{axis_y + 14}" text-anchor="middle" '
                   f'fill="{AXIS}">{fmt_num(tick)}</text>')
    for i, (label, vs) in enumerate(groups.items()):
        color = SERIES[i % len(SERIES)]
        mid = 30 + i * row_h + row_h / 2
        ordered = sorted(vs)
        p5, p25, p50, p75, p95 = (_quantile(ordered, q) for q in (0.05, 0.25, 0.5, 0.75, 0.95))
        tip = (f"{label}: n={len(vs)} p5={fmt_num(p5)} p25={fmt_num(p25)} median={fmt_num(p50)} "
               f"p75={fmt_num(p75)} p95={fmt_num(p95)} {unit}")
        out.append(f'<text x="{label_w - 6}" y="{mid + 4:.1f}" text-anchor="end">{esc(label)}</text>'
                   f'<g><title>{esc(tip)}</title>'
                   f'<line x1="{sx(p5):.1f}" x2="{sx(p95):.1f}" y1="{mid:.1f}" y2="{mid:.1f}" stroke="{color}"/>'
                   f'<rect x="{sx(p25):.1f}" y="{mid - 9:.1f}" width="{max(1.5, sx(p75) - sx(p25)):.1f}" '
                   f'height="18" fill="{color}" fill-opacity="0.35" stroke="{color}"/>'
                   f'<line x1="{sx(p50):.1f}" x2="{sx(p50):.1f}" y1="{mid - 9:.1f}" y2="{mid + 9:.1f}" '
                   f'stroke="{color}" stroke-width="3"/></g>')
        for j, v in enumerate(ordered):
            # Deterministic vertical jitter so equal values stay visible as separate dots.
            dy = ((j * 7919) % 13 - 6) * 0.9
            out.append(f'<circle cx="{sx(v):.1f}" cy="{mid + dy:.1f}" r="2" fill="{color}" fill-opacity="0.6"/>')
    return "".join(out) + "</svg>"


def _short(label: str, limit: int = 26) -> str:
    return label if len(label) <= limit else label[:limit - 1] + "\u2026"


def pareto_scatter(points: list[dict], title: str, x_label: str, y_label: str) -> str:
    """Scatter of dicts {label, x, y, size, front}: y up is better, x right is better, dot area
    grows with `size` (cost). Pareto-front points are ringed and joined by a dashed line."""
    width, height, left, bottom, top, right = 620, 340, 54, 44, 30, 210
    if not points:
        return _empty(width, height, title, "no variants")
    xs = [p["x"] for p in points if p.get("x") is not None]
    x_ticks = nice_ticks(0, max(xs) if xs else 1, 5)
    x_hi = x_ticks[-1] or 1
    sizes = [p["size"] for p in points if p.get("size") is not None]
    plot_w, plot_h = width - left - right, height - top - bottom

    def sx(v: float | None) -> float:
        return left + plot_w * (v or 0) / x_hi

    def sy(v: float | None) -> float:
        return top + plot_h * (1 - (v or 0))

    out = [_open(width, height, title, "chart scatter")]
    for tick in nice_ticks(0, 1, 4):
        out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{sy(tick):.1f}" y2="{sy(tick):.1f}" '
                   f'stroke="{GRID}"/><text x="{left - 6}" y="{sy(tick) + 4:.1f}" text-anchor="end" '
                   f'fill="{AXIS}">{100 * tick:.0f}%</text>')
    for tick in x_ticks:
        out.append(f'<line x1="{sx(tick):.1f}" x2="{sx(tick):.1f}" y1="{top}" y2="{top + plot_h}" '
                   f'stroke="{GRID}"/><text x="{sx(tick):.1f}" y="{top + plot_h + 14}" '
                   f'text-anchor="middle" fill="{AXIS}">{fmt_num(tick)}</text>')
    out.append(f'<text x="{left + plot_w / 2}" y="{height - 8}" text-anchor="middle">{esc(x_label)}</text>'
               f'<text transform="translate(14 {top + plot_h / 2}) rotate(-90)" text-anchor="middle">'
               f'{esc(y_label)}</text>')
    front = sorted((p for p in points if p.get("front")), key=lambda p: (p.get("x") or 0, p["y"] or 0))
    if len(front) > 1:
        path = " ".join(f"{sx(p.get('x')):.1f},{sy(p['y']):.1f}" for p in front)
        out.append(f'<polyline points="{path}" fill="none" stroke="{FRONT}" stroke-dasharray="5 4"/>')
    for i, p in enumerate(points):
        r = 6 if p.get("size") is None or not sizes or max(sizes) == 0 \
            else 5 + 9 * math.sqrt(p["size"] / max(sizes))
        color = SERIES[i % len(SERIES)]
        cx, cy = sx(p.get("x")), sy(p["y"])
        x_text = "n/a" if p.get("x") is None else fmt_num(p["x"])
        cost = "" if p.get("size") is None else ", cost $%.4f" % p["size"]
        front_text = " (Pareto front)" if p.get("front") else ""
        tip = f"{p['label']}: {y_label} {fmt_num(100 * (p['y'] or 0))}%, {x_label} {x_text}{cost}{front_text}"
        ring = f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r + 4:.1f}" fill="none" stroke="{FRONT}" ' \
               f'stroke-width="2"/>' if p.get("front") else ""
        out.append(f'<g><title>{esc(tip)}</title>{ring}<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" '
                   f'fill="{color}" fill-opacity="0.8"/></g>')
        ly = top + 8 + i * 18
        out.append(f'<circle cx="{left + plot_w + 16}" cy="{ly}" r="5" fill="{color}"/>'
                   f'<text x="{left + plot_w + 26}" y="{ly + 4}">{esc(_short(p.get("short") or p["label"]))}'
                   f'{" *" if p.get("front") else ""}</text>')
    out.append(f'<text x="{left + plot_w + 12}" y="{top + plot_h}" fill="{FRONT}">* Pareto front</text>')
    return "".join(out) + "</svg>"
