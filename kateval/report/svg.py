"""Inline SVG charts for the HTML report: bars, horizontal bars, box plots and a Pareto scatter.

Pure functions from numbers to SVG text; no JavaScript, no external fonts or stylesheets, so
the report renders offline. Every chart carries a <title> for screen readers and tooltips.
"""

from __future__ import annotations

import math
from html import escape

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
    """Text made safe for HTML/SVG content and attribute values."""
    return escape(str(text), quote=True)


def el(tag: str, content: str | None = None, **attrs: object) -> str:
    """One SVG element. Attribute names use _ for - (text_anchor); floats get one decimal;
    content is raw markup (escape text with esc() first)."""
    parts = []
    for name, value in attrs.items():
        if value is None:
            continue
        shown = f"{value:.1f}" if isinstance(value, float) else str(value)
        parts.append(f'{name.rstrip("_").replace("_", "-")}="{esc(shown)}"')
    head = f"<{tag} {' '.join(parts)}" if parts else f"<{tag}"
    return f"{head}/>" if content is None else f"{head}>{content}</{tag}>"


def text(x: float, y: float, content: str, **attrs: object) -> str:
    """A <text> element holding `content` (escaped here)."""
    return el("text", esc(content), x=x, y=y, **attrs)


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
            f'width="{width}" height="{height}" font-family="system-ui, sans-serif" '
            f'font-size="12"><title>{esc(title)}</title>'
            + text(8, 16, title, font_weight=600, font_size=13))


def _empty(width: int, height: int, title: str, why: str) -> str:
    return (_open(width, height, title)
            + text(width / 2, height / 2, why, text_anchor="middle", fill=AXIS) + "</svg>")


def bar_chart(bars: list[tuple[str, float | None]], title: str, *, y_max: float = 1.0,
              percent: bool = True, color: str = PASSED) -> str:
    """Vertical bars with value labels; None values are drawn as 'n/a'."""
    # top leaves room for a 100% bar's value label under the title
    width, height, left, bottom, top = max(260, 70 * len(bars) + 60), 230, 44, 36, 42
    if not bars:
        return _empty(width, height, title, "no data")
    plot_h, plot_w = height - top - bottom, width - left - 12
    base = float(top + plot_h)
    out = [_open(width, height, title)]
    for tick in nice_ticks(0, y_max, 4):
        y = top + plot_h * (1 - tick / y_max)
        out.append(el("line", x1=left, x2=width - 12, y1=y, y2=y, stroke=GRID))
        out.append(text(left - 6, y + 4, f"{100 * tick:.0f}%" if percent else fmt_num(tick),
                        text_anchor="end", fill=AXIS))
    slot = plot_w / len(bars)
    for i, (label, value) in enumerate(bars):
        x, mid = left + i * slot + slot * 0.2, left + i * slot + slot * 0.5
        shown = "n/a" if value is None else (f"{100 * value:.1f}%" if percent else fmt_num(value))
        h = 0.0 if value is None else plot_h * min(value, y_max) / y_max
        if value is not None:
            out.append(el("rect", el("title", esc(f"{label}: {shown}")), x=x, y=base - h,
                          width=slot * 0.6, height=h, fill=color))
        out.append(text(mid, base - h - 4, shown, text_anchor="middle"))
        out.append(text(mid, height - 14, label, text_anchor="middle", fill=AXIS))
    out.append(el("line", x1=left, x2=width - 12, y1=base, y2=base, stroke=AXIS))
    return "".join(out) + "</svg>"


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
        out.append(text(label_w - 6, y + 14, label, text_anchor="end"))
        out.append(el("rect", el("title", esc(f"{label}: {fmt_num(value)}")), x=label_w,
                      y=y + 3, width=float(w), height=row_h - 6, fill=color))
        out.append(text(label_w + w + 4, y + 14, fmt_num(value)))
    return "".join(out) + "</svg>"


def _quantile(ordered: list[float], q: float) -> float:
    """Linear-interpolated quantile of sorted values (smooth boxes for small samples)."""
    pos = (len(ordered) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def _box(label: str, values: list[float], mid: float, color: str, sx) -> list[str]:
    ordered = sorted(values)
    p5, p25, p50, p75, p95 = (_quantile(ordered, q) for q in (0.05, 0.25, 0.5, 0.75, 0.95))
    tip = " ".join(f"{name}={fmt_num(v)}" for name, v in (
        ("p5", p5), ("p25", p25), ("median", p50), ("p75", p75), ("p95", p95)))
    marks = (el("title", esc(f"{label}: n={len(values)} {tip}"))
             + el("line", x1=sx(p5), x2=sx(p95), y1=mid, y2=mid, stroke=color)
             + el("rect", x=sx(p25), y=mid - 9, width=max(1.5, sx(p75) - sx(p25)), height=18,
                  fill=color, fill_opacity=0.35, stroke=color)
             + el("line", x1=sx(p50), x2=sx(p50), y1=mid - 9, y2=mid + 9, stroke=color,
                  stroke_width=3))
    # Deterministic vertical jitter keeps equal values visible as separate dots.
    dots = [el("circle", cx=sx(v), cy=mid + ((j * 7919) % 13 - 6) * 0.9, r=2, fill=color,
               fill_opacity=0.6) for j, v in enumerate(ordered)]
    return [el("g", marks), *dots]


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
        return float(label_w + plot_w * v / hi)

    out = [_open(width, height, f"{title} ({unit})")]
    axis_y = height - 22
    for tick in ticks:
        out.append(el("line", x1=sx(tick), x2=sx(tick), y1=26, y2=axis_y, stroke=GRID))
        out.append(text(sx(tick), axis_y + 14, fmt_num(tick), text_anchor="middle", fill=AXIS))
    for i, (label, vs) in enumerate(groups.items()):
        mid = 30 + i * row_h + row_h / 2
        out.append(text(label_w - 6, mid + 4, label, text_anchor="end"))
        out += _box(label, vs, mid, SERIES[i % len(SERIES)], sx)
    return "".join(out) + "</svg>"


def _short(label: str, limit: int = 26) -> str:
    return label if len(label) <= limit else label[:limit - 1] + "\u2026"


def _point(p: dict, i: int, x_label: str, y_label: str, at: tuple[float, float, float]) -> str:
    cx, cy, r = at
    x_text = "n/a" if p.get("x") is None else fmt_num(p["x"])
    cost = "" if p.get("size") is None else f", cost ${p['size']:.4f}"
    front = " (Pareto front)" if p.get("front") else ""
    tip = (f"{p['label']}: {y_label} {fmt_num(100 * (p['y'] or 0))}%, {x_label} {x_text}"
           f"{cost}{front}")
    ring = el("circle", cx=cx, cy=cy, r=r + 4, fill="none", stroke=FRONT,
              stroke_width=2) if p.get("front") else ""
    dot = el("circle", cx=cx, cy=cy, r=r, fill=SERIES[i % len(SERIES)], fill_opacity=0.8)
    return el("g", el("title", esc(tip)) + ring + dot)


def pareto_scatter(points: list[dict], title: str, x_label: str, y_label: str) -> str:
    """Scatter of dicts {label, short, x, y, size, front}: y up is better, x right is better,
    dot area grows with `size` (cost). Front points are ringed and joined by a dashed line."""
    width, height, left, bottom, top, right = 620, 340, 54, 44, 30, 210
    if not points:
        return _empty(width, height, title, "no variants")
    xs = [p["x"] for p in points if p.get("x") is not None]
    x_ticks = nice_ticks(0, max(xs) if xs else 1, 5)
    x_hi = x_ticks[-1] or 1
    biggest = max((p["size"] for p in points if p.get("size") is not None), default=0)
    plot_w, plot_h = width - left - right, height - top - bottom

    def sx(v: float | None) -> float:
        return float(left + plot_w * (v or 0) / x_hi)

    def sy(v: float | None) -> float:
        return float(top + plot_h * (1 - (v or 0)))

    out = [_open(width, height, title, "chart scatter")]
    for tick in nice_ticks(0, 1, 4):
        out.append(el("line", x1=left, x2=left + plot_w, y1=sy(tick), y2=sy(tick), stroke=GRID))
        out.append(text(left - 6, sy(tick) + 4, f"{100 * tick:.0f}%", text_anchor="end", fill=AXIS))
    for tick in x_ticks:
        out.append(el("line", x1=sx(tick), x2=sx(tick), y1=top, y2=top + plot_h, stroke=GRID))
        out.append(text(sx(tick), top + plot_h + 14, fmt_num(tick), text_anchor="middle",
                        fill=AXIS))
    out.append(text(left + plot_w / 2, height - 8, x_label, text_anchor="middle"))
    out.append(el("text", esc(y_label), transform=f"translate(14 {top + plot_h / 2}) rotate(-90)",
                  text_anchor="middle"))
    front = sorted((p for p in points if p.get("front")),
                   key=lambda p: (p.get("x") or 0, p["y"] or 0))
    if len(front) > 1:
        path = " ".join(f"{sx(p.get('x')):.1f},{sy(p['y']):.1f}" for p in front)
        out.append(el("polyline", points=path, fill="none", stroke=FRONT, stroke_dasharray="5 4"))
    legend_x = left + plot_w + 16
    for i, p in enumerate(points):
        size = p.get("size")
        r = 6.0 if size is None or not biggest else 5 + 9 * math.sqrt(size / biggest)
        out.append(_point(p, i, x_label, y_label, (sx(p.get("x")), sy(p["y"]), r)))
        ly = top + 8 + i * 18
        out.append(el("circle", cx=legend_x, cy=ly, r=5, fill=SERIES[i % len(SERIES)]))
        label = _short(p.get("short") or p["label"]) + (" *" if p.get("front") else "")
        out.append(text(legend_x + 10, ly + 4, label))
    out.append(text(legend_x - 4, top + plot_h, "* Pareto front", fill=FRONT))
    return "".join(out) + "</svg>"
