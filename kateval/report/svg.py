"""Inline SVG charts for the HTML report: bars, horizontal bars, box plots and scatters.

Pure functions from numbers to a tree of `Node`s (tag, attributes, children); the report's
templates write the tree out with autoescape (templates/svg.j2), so no markup is built from
strings here. No JavaScript, no external fonts or stylesheets: the charts render offline.
Every chart carries a <title> for screen readers and tooltips. A missing value (None) is left
out of a chart and named in its note, never drawn as 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

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


@dataclass
class Node:
    """One SVG element: children are Nodes or plain text (escaped when written out)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list = field(default_factory=list)


def el(tag: str, *children: "Node | str", **attrs: object) -> Node:
    """One SVG element. Attribute names use _ for - (text_anchor); floats get one decimal;
    None attributes are left out."""
    shown = {name.rstrip("_").replace("_", "-"): f"{value:.1f}" if isinstance(value, float)
             else str(value) for name, value in attrs.items() if value is not None}
    return Node(tag, shown, list(children))


def text(x: float, y: float, content: str, **attrs: object) -> Node:
    """A <text> element holding `content`."""
    return el("text", str(content), x=x, y=y, **attrs)


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


def _open(width: int, height: int, title: str, css_class: str = "chart") -> Node:
    return el("svg", el("title", title), text(8, 16, title, font_weight=600, font_size=13),
              class_=css_class, role="img", viewBox=f"0 0 {width} {height}", width=width,
              height=height, font_family="system-ui, sans-serif", font_size=12)


def _empty(width: int, height: int, title: str, why: str) -> Node:
    chart = _open(width, height, title)
    chart.children.append(text(width / 2, height / 2, why, text_anchor="middle", fill=AXIS))
    return chart


def _pct_ticks(chart: Node, left: float, right: float, sy) -> None:
    for tick in nice_ticks(0, 1, 4):
        chart.children.append(el("line", x1=left, x2=right, y1=sy(tick), y2=sy(tick), stroke=GRID))
        chart.children.append(text(left - 6, sy(tick) + 4, f"{100 * tick:.0f}%",
                                   text_anchor="end", fill=AXIS))


def bar_chart(bars: list[tuple[str, float | None]], title: str, *, color: str = PASSED) -> Node:
    """Vertical bars of shares (0..1) with value labels; a None value gets no bar, only 'n/a'."""
    # top leaves room for a 100% bar's value label under the title
    width, height, left, bottom, top = max(260, 70 * len(bars) + 60), 230, 44, 36, 42
    if not bars:
        return _empty(width, height, title, "no data")
    plot_h, plot_w = height - top - bottom, width - left - 12
    base = float(top + plot_h)
    chart = _open(width, height, title)
    _pct_ticks(chart, left, width - 12, lambda v: top + plot_h * (1 - v))
    slot = plot_w / len(bars)
    for i, (label, value) in enumerate(bars):
        x, mid = left + i * slot + slot * 0.2, left + i * slot + slot * 0.5
        shown = "n/a" if value is None else f"{100 * value:.1f}%"
        h = 0.0 if value is None else plot_h * min(value, 1.0)
        if value is not None:
            chart.children.append(el("rect", el("title", f"{label}: {shown}"), x=x, y=base - h,
                                     width=slot * 0.6, height=h, fill=color))
        chart.children.append(text(mid, base - h - 4, shown, text_anchor="middle"))
        chart.children.append(text(mid, height - 14, label, text_anchor="middle", fill=AXIS))
    chart.children.append(el("line", x1=left, x2=width - 12, y1=base, y2=base, stroke=AXIS))
    return chart


def hbar_chart(rows: list[tuple[str, float, str]], title: str) -> Node:
    """Horizontal bars (label, count, color), e.g. the breakdown of statuses."""
    label_w, bar_w, row_h = 170, 220, 22
    width, height = label_w + bar_w + 60, 34 + row_h * max(1, len(rows))
    if not rows:
        return _empty(width, height + 20, title, "no samples")
    top_value = max(v for _, v, _ in rows) or 1
    chart = _open(width, height, title)
    for i, (label, value, color) in enumerate(rows):
        y = 28 + i * row_h
        w = bar_w * value / top_value
        chart.children += [
            text(label_w - 6, y + 14, label, text_anchor="end"),
            el("rect", el("title", f"{label}: {fmt_num(value)}"), x=label_w, y=y + 3,
               width=float(w), height=row_h - 6, fill=color),
            text(label_w + w + 4, y + 14, fmt_num(value))]
    return chart


def attempt_bars(rows: list[tuple[str, list[float | None]]], title: str) -> Node:
    """Per variant, its pass rate within 1, 2, ... attempts as one stacked bar: attempt 1 in
    full colour, what each later attempt added in lighter shades (as Aider's charts do). A
    variant with no graded sample gets no bar, only 'n/a'."""
    attempts = max((len(rates) for _, rates in rows), default=1)
    width, height, left, bottom, top = max(300, 90 * len(rows) + 80), 270, 44, 56, 42
    if not rows:
        return _empty(width, height, title, "no variants")
    plot_h, plot_w = height - top - bottom, width - left - 12
    sy = lambda v: float(top + plot_h * (1 - v))  # noqa: E731
    chart = _open(width, height, title)
    _pct_ticks(chart, left, width - 12, sy)
    slot = plot_w / len(rows)
    for i, (label, rates) in enumerate(rows):
        x, mid = left + i * slot + slot * 0.2, left + i * slot + slot * 0.5
        known = [r for r in rates if r is not None]
        low = 0.0
        for a, rate in enumerate(rates):
            if rate is None or rate <= low:
                continue
            chart.children.append(el(
                "rect", el("title", f"{label}: {100 * rate:.1f}% within {a + 1} attempt(s)"),
                x=x, y=sy(rate), width=slot * 0.6, height=sy(low) - sy(rate), fill=PASSED,
                fill_opacity=round(1 - 0.55 * a / max(1, attempts - 1), 2)))
            low = rate
        shown = f"{100 * known[-1]:.1f}%" if known else "n/a"
        chart.children.append(text(mid, sy(low) - 4, shown, text_anchor="middle"))
        chart.children.append(text(mid, height - bottom + 16, _short(label, 14),
                                   text_anchor="middle", fill=AXIS))
    for a in range(attempts):
        lx = left + a * 90
        chart.children += [el("rect", x=lx, y=height - 18, width=10, height=10, fill=PASSED,
                              fill_opacity=round(1 - 0.55 * a / max(1, attempts - 1), 2)),
                           text(lx + 14, height - 9, f"attempt {a + 1}", fill=AXIS)]
    chart.children.append(el("line", x1=left, x2=width - 12, y1=sy(0), y2=sy(0), stroke=AXIS))
    return chart


def _quantile(ordered: list[float], q: float) -> float:
    """Linear-interpolated quantile of sorted values (smooth boxes for small samples)."""
    pos = (len(ordered) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def _box(label: str, values: list[float], mid: float, color: str, sx) -> list[Node]:
    ordered = sorted(values)
    p5, p25, p50, p75, p95 = (_quantile(ordered, q) for q in (0.05, 0.25, 0.5, 0.75, 0.95))
    tip = " ".join(f"{name}={fmt_num(v)}" for name, v in (
        ("p5", p5), ("p25", p25), ("median", p50), ("p75", p75), ("p95", p95)))
    marks = el("g", el("title", f"{label}: n={len(values)} {tip}"),
               el("line", x1=sx(p5), x2=sx(p95), y1=mid, y2=mid, stroke=color),
               el("rect", x=sx(p25), y=mid - 9, width=max(1.5, sx(p75) - sx(p25)), height=18,
                  fill=color, fill_opacity=0.35, stroke=color),
               el("line", x1=sx(p50), x2=sx(p50), y1=mid - 9, y2=mid + 9, stroke=color,
                  stroke_width=3))
    # Deterministic vertical jitter keeps equal values visible as separate dots.
    dots = [el("circle", cx=sx(v), cy=mid + ((j * 7919) % 13 - 6) * 0.9, r=2, fill=color,
               fill_opacity=0.6) for j, v in enumerate(ordered)]
    return [marks, *dots]


def box_plot(groups: dict[str, list[float]], title: str, unit: str) -> Node:
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

    chart = _open(width, height, f"{title} ({unit})")
    axis_y = height - 22
    for tick in ticks:
        chart.children.append(el("line", x1=sx(tick), x2=sx(tick), y1=26, y2=axis_y, stroke=GRID))
        chart.children.append(text(sx(tick), axis_y + 14, fmt_num(tick), text_anchor="middle",
                                   fill=AXIS))
    for i, (label, vs) in enumerate(groups.items()):
        mid = 30 + i * row_h + row_h / 2
        chart.children.append(text(label_w - 6, mid + 4, label, text_anchor="end"))
        chart.children += _box(label, vs, mid, SERIES[i % len(SERIES)], sx)
    return chart


def _short(label: str, limit: int = 26) -> str:
    return label if len(label) <= limit else label[:limit - 1] + "\u2026"


@dataclass(frozen=True)
class Axes:
    """A scatter's axes: labels and how an x value is written (tokens/s, dollars)."""

    x_label: str
    y_label: str
    x_money: bool = False

    def x_text(self, value: float) -> str:
        return f"${value:.4f}" if self.x_money else fmt_num(value)


def _point(p: dict, i: int, axes: Axes, at: tuple[float, float, float]) -> Node:
    cx, cy, r = at
    cost = "" if p.get("size") is None else f", cost ${p['size']:.4f}"
    front = " (Pareto front)" if p.get("front") else ""
    tip = (f"{p['label']}: {axes.y_label} {fmt_num(100 * p['y'])}%, {axes.x_label} "
           f"{axes.x_text(p['x'])}{cost}{front}")
    marks = [el("title", tip)]
    if p.get("front"):
        marks.append(el("circle", cx=cx, cy=cy, r=r + 4, fill="none", stroke=FRONT,
                        stroke_width=2))
    marks.append(el("circle", cx=cx, cy=cy, r=r, fill=SERIES[i % len(SERIES)], fill_opacity=0.8))
    return el("g", *marks)


def _scatter_frame(chart: Node, axes: Axes, x_hi: float, box: tuple[float, ...]) -> None:
    left, top, plot_w, plot_h, height = box
    sy = lambda v: float(top + plot_h * (1 - v))  # noqa: E731
    _pct_ticks(chart, left, left + plot_w, sy)
    for tick in nice_ticks(0, x_hi, 5):
        x = float(left + plot_w * tick / x_hi)
        chart.children.append(el("line", x1=x, x2=x, y1=top, y2=top + plot_h, stroke=GRID))
        chart.children.append(text(x, top + plot_h + 14, axes.x_text(tick) if axes.x_money
                                   else fmt_num(tick), text_anchor="middle", fill=AXIS))
    chart.children.append(text(left + plot_w / 2, height - 8, axes.x_label, text_anchor="middle"))
    chart.children.append(el("text", axes.y_label, text_anchor="middle",
                             transform=f"translate(14 {top + plot_h / 2}) rotate(-90)"))


def scatter(points: list[dict], title: str, axes: Axes) -> Node:
    """Scatter of dicts {label, short, x, y, size, front}: y (a share) up is better, dot area
    grows with `size` (cost); front points are ringed and joined by a dashed line. A point
    without x or y is left out of the plot and named under the legend."""
    width, height, left, bottom, top, right = 620, 340, 54, 44, 30, 210
    if not points:
        return _empty(width, height, title, "no variants")
    drawn = [p for p in points if p.get("x") is not None and p.get("y") is not None]
    x_hi = nice_ticks(0, max((p["x"] for p in drawn), default=1) or 1, 5)[-1]
    biggest = max((p["size"] for p in points if p.get("size") is not None), default=0)
    plot_w, plot_h = width - left - right, height - top - bottom
    sx = lambda v: float(left + plot_w * v / x_hi)  # noqa: E731
    sy = lambda v: float(top + plot_h * (1 - v))  # noqa: E731
    chart = _open(width, height, title, "chart scatter")
    _scatter_frame(chart, axes, x_hi, (left, top, plot_w, plot_h, height))
    front = sorted((p for p in drawn if p.get("front")), key=lambda p: (p["x"], p["y"]))
    if len(front) > 1:
        path = " ".join(f"{sx(p['x']):.1f},{sy(p['y']):.1f}" for p in front)
        chart.children.append(el("polyline", points=path, fill="none", stroke=FRONT,
                                 stroke_dasharray="5 4"))
    legend_x = left + plot_w + 16
    for i, p in enumerate(points):
        size = p.get("size")
        r = 6.0 if size is None or not biggest else 5 + 9 * math.sqrt(size / biggest)
        if p in drawn:
            chart.children.append(_point(p, i, axes, (sx(p["x"]), sy(p["y"]), r)))
        ly = top + 8 + i * 18
        label = _short(p.get("short") or p["label"]) + (" *" if p.get("front") else "")
        chart.children += [el("circle", cx=legend_x, cy=ly, r=5, fill=SERIES[i % len(SERIES)]),
                           text(legend_x + 10, ly + 4, label)]
    missing = [_short(p.get("short") or p["label"], 18) for p in points if p not in drawn]
    if missing:
        chart.children.append(text(legend_x - 4, top + plot_h - 16,
                                   f"not measured: {', '.join(missing)}", fill=AXIS))
    if any(p.get("front") for p in points):
        chart.children.append(text(legend_x - 4, top + plot_h, "* Pareto front", fill=FRONT))
    return chart
