"""Charts drawn on the server as SVG, so they need no JavaScript and print as they show.

Each chart is an image with a <title> and <desc> (role="img", aria-labelledby) and is always
shown beside a table of the same numbers: the picture helps sighted readers, the table is the
record. Missing values (insufficient information) are drawn as gaps, never as zero.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from decimal import Decimal
from itertools import count, pairwise

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

MAX_SCORE = 4
# Distinguishable for colour-blind readers (Okabe-Ito), and each series has its own dash and
# marker shape so colour is never the only carrier.
SERIES_STYLES = [
    ("#0b3d91", "", "circle"),
    ("#d55e00", "6 3", "square"),
    ("#009e73", "2 3", "diamond"),
    ("#cc79a7", "8 3 2 3", "triangle"),
]
_ids = count(1)


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def _chart_id(prefix: str) -> str:
    return f"{prefix}-{next(_ids)}"


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{_fmt(x - 4)}" y="{_fmt(y - 4)}" width="8" height="8" fill="{colour}"/>'
    if shape == "diamond":
        pts = " ".join(
            f"{_fmt(px)},{_fmt(py)}" for px, py in [(x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y)]
        )
        return f'<polygon points="{pts}" fill="{colour}"/>'
    if shape == "triangle":
        pts = f"{_fmt(x)},{_fmt(y - 5)} {_fmt(x + 5)},{_fmt(y + 4)} {_fmt(x - 5)},{_fmt(y + 4)}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    return f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="4" fill="{colour}"/>'


def _open(prefix: str, width: int, height: int, title: str, desc: str, css: str = "") -> str:
    chart_id = _chart_id(prefix)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="chart {css}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
    )
    return head


# Type sizes in the SVG's own units. The charts are drawn about as wide as a phone shows them
# (and CSS keeps them near that width on wide screens), so these are close to the pixels a
# reader sees: at least 12 px on a 390 px phone.
FONT = 16
SMALL = 14


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width) or [""]


def radar(
    scores: Sequence[tuple[str, float | Decimal | None]],
    *,
    title: str,
    desc: str = "",
    compare_with: Sequence[float | Decimal | None] | None = None,
    size: int = 236,
) -> SafeString:
    """A radar (spider) chart of criterion scores 0-4, one spoke per criterion.

    `compare_with` draws an earlier version's scores as a dashed outline underneath.
    A criterion without a score leaves a gap (its spoke is marked "n/a"). Each spoke's label
    wraps onto short lines (name, then score) so it stays large enough to read on a phone.
    """
    n = len(scores)
    # Room either side and above and below for the spoke labels.
    side, above = 122, 62
    width, height = size + 2 * side, size + 2 * above
    cx, cy = width / 2, height / 2
    radius = size / 2
    svg = _open("radar", width, height, title, desc, css="chart-radar")
    parts = [svg]

    def point(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        r = radius * value / MAX_SCORE
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    for level in range(1, MAX_SCORE + 1):
        ring = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in (point(i, level) for i in range(n)))
        parts.append(f'<polygon points="{ring}" fill="none" stroke="#ced4da" stroke-width="1"/>')
    for i, (label, value) in enumerate(scores):
        x, y = point(i, MAX_SCORE)
        parts.append(
            f'<line x1="{_fmt(cx)}" y1="{_fmt(cy)}" x2="{_fmt(x)}" y2="{_fmt(y)}" '
            'stroke="#ced4da"/>'
        )
        lx, ly = point(i, MAX_SCORE + 0.3)
        anchor = "middle" if abs(lx - cx) < 8 else ("start" if lx > cx else "end")
        # The label is text for people: the active language's decimal mark, not the SVG's.
        shown = gettext("n/a") if value is None else number_format(float(value), decimal_pos=1)
        lines = [*_wrap(label, 11), f"({shown})"]
        line_h = FONT + 1
        # Above the chart the lines grow upwards, below it downwards, beside it around the spoke.
        if ly < cy - radius * 0.6:
            first = ly - line_h * (len(lines) - 1)
        elif ly > cy + radius * 0.6:
            first = ly + FONT - 2
        else:
            first = ly - line_h * (len(lines) - 1) / 2 + FONT / 3
        spans = "".join(
            f'<tspan x="{_fmt(lx)}" y="{_fmt(first + k * line_h)}">{escape(text)}</tspan>'
            for k, text in enumerate(lines)
        )
        parts.append(
            f'<text font-size="{FONT}" text-anchor="{anchor}" fill="#212529">{spans}</text>'
        )
    for level in range(1, MAX_SCORE + 1):
        x, y = point(0, level)
        parts.append(
            f'<text x="{_fmt(x + 4)}" y="{_fmt(y + 5)}" font-size="{SMALL - 2}" '
            f'fill="#495057">{level}</text>'
        )

    def polygon(values, colour, dash, fill_opacity):
        # Gaps for missing values: draw the outline as segments between neighbouring scores.
        pts = [None if v is None else point(i, float(v)) for i, v in enumerate(values)]
        if all(p is not None for p in pts):
            joined = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in pts)
            parts.append(
                f'<polygon points="{joined}" fill="{colour}" fill-opacity="{fill_opacity}" '
                f'stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}"/>'
            )
        else:
            for i, p in enumerate(pts):
                q = pts[(i + 1) % n]
                if p is not None and q is not None:
                    parts.append(
                        f'<line x1="{_fmt(p[0])}" y1="{_fmt(p[1])}" x2="{_fmt(q[0])}" '
                        f'y2="{_fmt(q[1])}" stroke="{colour}" stroke-width="2" '
                        f'stroke-dasharray="{dash}"/>'
                    )
        return pts

    if compare_with is not None:
        polygon(compare_with, "#6c757d", "4 3", 0)
    colour, _dash, shape = SERIES_STYLES[0]
    for p in polygon([v for _label, v in scores], colour, "", 0.18):
        if p is not None:
            parts.append(_marker(shape, p[0], p[1], colour))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped


def trend(
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | Decimal | None]]],
    *,
    title: str,
    desc: str = "",
    width: int = 420,
    height: int = 230,
) -> SafeString:
    """A line chart of scores 0-4 over versions, one line per series (e.g. overall, groups).

    A version without a score for a series leaves a gap in that line. The legend sits under
    the plot, one series a line, so the chart keeps a phone's width and its type stays large.
    """
    left, right, top, bottom = 34, 24, 14, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    legend_line = FONT + 8
    total_h = height + 8 + legend_line * len(series)
    svg = _open("trend", width, total_h, title, desc, css="chart-trend")
    parts = [svg]
    steps = max(len(x_labels) - 1, 1)

    def xy(i: int, value: float) -> tuple[float, float]:
        x = left + (plot_w * i / steps if len(x_labels) > 1 else plot_w / 2)
        return x, top + plot_h * (1 - value / MAX_SCORE)

    for level in range(MAX_SCORE + 1):
        _x, y = xy(0, level)
        parts.append(
            f'<line x1="{left}" y1="{_fmt(y)}" x2="{left + plot_w}" y2="{_fmt(y)}" '
            f'stroke="#e9ecef"/><text x="{left - 8}" y="{_fmt(y + 5)}" font-size="{SMALL}" '
            f'text-anchor="end" fill="#495057">{level}</text>'
        )
    for i, label in enumerate(x_labels):
        x, _y = xy(i, 0)
        parts.append(
            f'<text x="{_fmt(x)}" y="{height - bottom + 22}" font-size="{FONT}" '
            f'text-anchor="middle" fill="#212529">{escape(label)}</text>'
        )
    for k, (name, values) in enumerate(series):
        colour, dash, shape = SERIES_STYLES[k % len(SERIES_STYLES)]
        pts = [None if v is None else xy(i, float(v)) for i, v in enumerate(values)]
        for p, q in pairwise(pts):
            if p is not None and q is not None:
                parts.append(
                    f'<line x1="{_fmt(p[0])}" y1="{_fmt(p[1])}" x2="{_fmt(q[0])}" '
                    f'y2="{_fmt(q[1])}" stroke="{colour}" stroke-width="2.5" '
                    f'stroke-dasharray="{dash}"/>'
                )
        parts += [_marker(shape, p[0], p[1], colour) for p in pts if p is not None]
        ly = height + 8 + legend_line * k + legend_line / 2
        lx = left
        parts.append(
            f'<line x1="{lx}" y1="{_fmt(ly)}" x2="{lx + 26}" y2="{_fmt(ly)}" stroke="{colour}" '
            f'stroke-width="2.5" stroke-dasharray="{dash}"/>'
            + _marker(shape, lx + 13, ly, colour)
            + f'<text x="{lx + 34}" y="{_fmt(ly + 5)}" font-size="{FONT}" fill="#212529">'
            f"{escape(name)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped
