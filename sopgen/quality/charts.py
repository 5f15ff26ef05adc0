"""Small SVG line charts of scores over time, drawn by hand so that browsers and WeasyPrint show the same thing.

Only elements and attributes WeasyPrint's SVG renderer draws are used: lines,
polylines, circles, paths and text positioned with x, y and text-anchor.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 600, 190
LEFT, RIGHT, TOP, BOTTOM = 34, 18, 14, 26
INK, MUTED, RULE, ACCENT, WARNING = "#1e2326", "#5c676d", "#dfe5e6", "#1c5a61", "#a3262a"
FONT = 'font-family="\'Source Sans 3\', \'DejaVu Sans\', Helvetica, Arial, sans-serif" font-size="10"'
TICK_STEPS = (1, 7, 14, 28, 56, 91, 182, 364)   # days between date labels
MAX_TICKS = 7


@dataclass(frozen=True)
class Point:
    date: dt.date
    value: float
    flagged: bool = False       # drawn in the warning colour: a visit where a critical item was missed


@dataclass(frozen=True)
class Marker:
    date: dt.date
    value: float
    label: str


def scale_floor(values: list[float]) -> int:
    """Where a score axis starts: below the lowest value, in tens. Charts that are compared share one."""
    return max(0, math.floor((min(values, default=50) - 5) / 10) * 10)


def line_chart(points: list[Point], start: dt.date, end: dt.date, *, target: float | None = None,
               markers: tuple[Marker, ...] = (), description: str = "", low: int | None = None) -> str:
    """A chart of ``points`` (oldest first) from ``start`` to ``end`` on a ``low``–100 scale, with a dashed
    target line and labelled markers. Without ``low`` the scale starts below the lowest value shown.

    A visit where a critical standard was missed is a triangle, not only another colour, so it
    shows in black and white and to a reader who cannot tell red from black."""
    if start >= end:
        start, end = start - dt.timedelta(days=3), start + dt.timedelta(days=3)
    values = [p.value for p in points] + [m.value for m in markers] + ([target] if target is not None else [])
    low = scale_floor(values) if low is None else min(low, scale_floor(values))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(date: dt.date) -> float:
        return LEFT + plot_w * (date - start).days / (end - start).days

    def y(value: float) -> float:
        return TOP + plot_h * (100 - value) / (100 - low)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(description)}">']
    if description:
        parts.append(f"<title>{escape(description)}</title>")
    step = 10 if 100 - low <= 50 else 20
    for value in range(100, low - 1, -step):
        parts.append(f'<line x1="{LEFT}" y1="{y(value):.1f}" x2="{WIDTH - RIGHT}" y2="{y(value):.1f}" '
                     f'stroke="{RULE}" stroke-width="1"/>')
        floor = " floor" if value - step < low else ""     # the lowest: hidden where dates are drawn large
        parts.append(f'<text class="axis-label{floor}" x="{LEFT - 6}" y="{y(value) + 3.5:.1f}" text-anchor="end" '
                     f'fill="{MUTED}" {FONT}>{value}</text>')
    for index, date in enumerate(_ticks(start, end)):
        parts.append(f'<line x1="{x(date):.1f}" y1="{HEIGHT - BOTTOM}" x2="{x(date):.1f}" '
                     f'y2="{HEIGHT - BOTTOM + 4}" stroke="{MUTED}" stroke-width="1"/>')
        # Every other date label can be hidden on a narrow screen, where the labels are drawn larger.
        parts.append(f'<text class="axis-label{" minor" if index % 2 else ""}" x="{x(date):.1f}" '
                     f'y="{HEIGHT - BOTTOM + 15}" text-anchor="middle" fill="{MUTED}" '
                     f'{FONT}>{date.day} {date:%b}</text>')
    if target is not None:
        parts.append(f'<line x1="{LEFT}" y1="{y(target):.1f}" x2="{WIDTH - RIGHT}" y2="{y(target):.1f}" '
                     f'stroke="{ACCENT}" stroke-width="1.2" stroke-dasharray="5 4"/>')
        parts.append(f'<text class="chart-label" x="{LEFT + 4}" y="{y(target) - 4:.1f}" fill="{ACCENT}" {FONT}>'
                     f'target {target:g}</text>')
    for marker in markers:
        mx, my = x(marker.date), y(marker.value)
        parts.append(f'<path d="M {mx:.1f} {my - 6:.1f} L {mx + 6:.1f} {my:.1f} L {mx:.1f} {my + 6:.1f} '
                     f'L {mx - 6:.1f} {my:.1f} Z" fill="#ffffff" stroke="{ACCENT}" stroke-width="1.5"/>')
        anchor = "end" if mx > LEFT + plot_w * 0.75 else "start"
        above = target is None or marker.value >= target    # keep the label off the target line
        parts.append(f'<text class="chart-label" x="{mx + (-9 if anchor == "end" else 9):.1f}" '
                     f'y="{my - 8 if above else my + 14:.1f}" '
                     f'text-anchor="{anchor}" fill="{ACCENT}" {FONT}>{escape(marker.label)}</text>')
    if len(points) > 1:
        line = " ".join(f"{x(p.date):.1f},{y(p.value):.1f}" for p in points)
        parts.append(f'<polyline points="{line}" fill="none" stroke="{INK}" stroke-width="1.8" '
                     f'stroke-linejoin="round"/>')
    for point in points:
        px, py = x(point.date), y(point.value)
        if point.flagged:
            parts.append(f'<path class="critical" d="M {px:.1f} {py - 7:.1f} L {px + 6.5:.1f} {py + 4.5:.1f} '
                         f'L {px - 6.5:.1f} {py + 4.5:.1f} Z" fill="{WARNING}" stroke="#ffffff" stroke-width="1.2"/>')
        else:
            parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.2" fill="{INK}" stroke="#ffffff" '
                         f'stroke-width="1.2"/>')
    parts.append("</svg>")
    return "\n".join(parts)


def _ticks(start: dt.date, end: dt.date) -> list[dt.date]:
    span = (end - start).days
    step = next((s for s in TICK_STEPS if span // s < MAX_TICKS), TICK_STEPS[-1])
    return [start + dt.timedelta(days=d) for d in range(0, span + 1, step)]
