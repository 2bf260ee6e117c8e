"""The programme timeline, drawn on the server as SVG (see roadmaps/charts.py for the
conventions: role="img" with a title and description, and a table of the same rows beside it).

Milestones are diamonds at their due date, meetings are bars from their first to last day.
Overdue milestones are red AND hatched (colour is never the only carrier); done ones are
hollow; a dashed line marks today. Items without a date are not drawn (the table lists them).

Legible on a screen of any width: the chart is drawn twice, and CSS shows one. Wide screens get
labels beside the rows; phones get each label above its row, at full width. Labels are never
cut: they wrap onto as many lines as they need (the <title> holds the whole label as well).
Years in which nothing happens are folded into a narrow break (marked with a zigzag), so
the axis is not half empty when the programme has a quiet stretch; every year shown is
labelled in the middle of its band, so none is clipped at the edge.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import count

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

MILESTONE_COLOUR = "#0b3d91"
OVERDUE_COLOUR = "#b00020"
MEETING_COLOUR = "#007a5e"
DONE_COLOUR = "#6c757d"
TODAY_COLOUR = "#d55e00"
_ids = count(1)


@dataclass(frozen=True)
class TimelineItem:
    """One row of the chart: a milestone (start == end) or a meeting (start..end)."""

    label: str
    start: dt.date
    end: dt.date
    is_meeting: bool = False
    is_overdue: bool = False
    is_done: bool = False
    anchor: str = ""


# Widths in the SVG's own units; the wide chart is shown at about its size, the narrow one at a
# phone's width, so font sizes below are close to the pixels a reader sees.
WIDE = {"width": 960, "label": 330, "font": 13, "line": 16, "lane": 14, "wrap": 46}
NARROW = {"width": 360, "label": 0, "font": 13, "line": 16, "lane": 20, "wrap": 50}
GAP = 26  # the break that stands for years with nothing in them


@dataclass(frozen=True)
class _Band:
    """A stretch of the axis: a year drawn to scale, or a folded run of empty years."""

    start: dt.date
    stop: dt.date  # exclusive
    x0: float
    x1: float
    folded: bool = False


def _bands(dated: Sequence[TimelineItem], today: dt.date, x0: float, x1: float) -> list[_Band]:
    first = min([today, *(item.start for item in dated)]).year
    last = max([today, *(item.end for item in dated)]).year
    busy = {today.year}
    for item in dated:
        busy.update(range(item.start.year, item.end.year + 1))
    runs: list[tuple[int, int, bool]] = []  # (first year, last year, folded)
    for year in range(first, last + 1):
        folded = year not in busy
        if runs and runs[-1][2] and folded:
            runs[-1] = (runs[-1][0], year, True)
        else:
            runs.append((year, year, folded))
    folded_runs = sum(1 for run in runs if run[2])
    year_w = (x1 - x0 - GAP * folded_runs) / max(len(runs) - folded_runs, 1)
    bands, x = [], x0
    for a, b, folded in runs:
        w = GAP if folded else year_w
        bands.append(_Band(dt.date(a, 1, 1), dt.date(b + 1, 1, 1), x, x + w, folded))
        x += w
    return bands


def _x(bands: list[_Band], day: dt.date) -> float:
    for band in bands:
        if band.start <= day < band.stop:
            share = (day - band.start).days / max((band.stop - band.start).days, 1)
            return band.x0 + (band.x1 - band.x0) * share
    return bands[-1].x1


def _lines(label: str, width: int) -> list[str]:
    return textwrap.wrap(label, width, break_long_words=True) or [""]


def _tspans(lines: list[str], x: float, y: float, line: int) -> str:
    return "".join(
        f'<tspan x="{x:.1f}" y="{y + i * line:.1f}">{escape(text)}</tspan>'
        for i, text in enumerate(lines)
    )


def _diamond(cx: float, y: float, style: str, label: str, r: float = 7) -> str:
    points = f"{cx:.1f},{y - r:.1f} {cx + r:.1f},{y:.1f} {cx:.1f},{y + r:.1f} {cx - r:.1f},{y:.1f}"
    return f'<polygon points="{points}" {style}><title>{escape(label)}</title></polygon>'


def _draw(
    dated: Sequence[TimelineItem], *, today: dt.date, title: str, desc: str, dims: dict, css: str
) -> str:
    chart_id = f"timeline-{next(_ids)}"
    width, font, line, lane = dims["width"], dims["font"], dims["line"], dims["lane"]
    beside = dims["label"] > 0
    left = dims["label"] if beside else 12
    right, top = 16, 30
    bands = _bands(dated, today, left, width - right)

    # Rows: where each starts and how tall it is (its label's lines, and the lane below them
    # on a phone).
    rows, y = [], top + 8
    for item in dated:
        lines = _lines(item.label, dims["wrap"])
        label_h = line * len(lines)
        height = max(label_h, lane) + 8 if beside else label_h + lane + 8
        rows.append((item, lines, y, height))
        y += height
    plot_bottom = y

    # The legend wraps onto as many lines as the width needs.
    legend_items = [
        ("milestone", _("Milestone")),
        ("overdue", _("Overdue (red, hatched)")),
        ("done", _("Done")),
        ("meeting", _("Meeting")),
    ]
    legend_rows, lx, ly = [], 12 + 8, plot_bottom + 40
    for key, label in legend_items:
        w = 28 + int(font * 0.6 * len(label))
        if lx + w > width - right and lx > 20:
            lx, ly = 20, ly + line + 6
        legend_rows.append((key, label, lx, ly))
        lx += w
    height = ly + 14

    hatch = f"url(#{chart_id}-hatch)"
    styles = {
        "milestone": f'fill="{MILESTONE_COLOUR}"',
        "overdue": f'fill="{hatch}" stroke="{OVERDUE_COLOUR}" stroke-width="2"',
        "done": f'fill="#ffffff" stroke="{DONE_COLOUR}" stroke-width="2"',
    }
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="chart chart-timeline {css}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
        f'<defs><pattern id="{chart_id}-hatch" width="4" height="4" '
        f'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="4" height="4" fill="#fde2e4"/>'
        f'<line x1="0" y1="0" x2="0" y2="4" stroke="{OVERDUE_COLOUR}" stroke-width="2"/>'
        f"</pattern></defs>"
    ]
    # Alternate rows shaded, so a label and its mark read as one line across the chart.
    for index, (_item, _text, row_y, row_h) in enumerate(rows):
        if index % 2:
            parts.append(
                f'<rect x="0" y="{row_y - 4:.1f}" width="{width}" height="{row_h:.1f}" '
                f'fill="#f3f5f7"/>'
            )
    # Year bands: a line at each year's start, quarters faint, the year in the middle; a
    # folded run of empty years is a zigzag with its years in its <title>.
    for band in bands:
        if band.folded:
            mid = (band.x0 + band.x1) / 2
            zig = " ".join(
                f"{mid + (4 if k % 2 else -4):.1f},{top - 4 + k * 8:.1f}"
                for k in range(int((plot_bottom - top) / 8) + 2)
            )
            years = str(band.start.year)
            if band.stop.year - 1 > band.start.year:
                years += f"\u2013{band.stop.year - 1}"
            parts.append(
                f'<rect x="{band.x0:.1f}" y="{top - 6}" width="{band.x1 - band.x0:.1f}" '
                f'height="{plot_bottom - top + 6}" fill="#ffffff"/>'
                f'<polyline points="{zig}" fill="none" stroke="#adb5bd" stroke-width="1.5">'
                f"<title>{escape(_('No dates in %(years)s') % {'years': years})}</title>"
                f"</polyline>"
            )
            continue
        for month in (4, 7, 10):
            qx = _x(bands, band.start.replace(month=month))
            parts.append(
                f'<line x1="{qx:.1f}" y1="{top - 4}" x2="{qx:.1f}" y2="{plot_bottom}" '
                f'stroke="#e9ecef"/>'
            )
        parts.append(
            f'<line x1="{band.x0:.1f}" y1="{top - 14}" x2="{band.x0:.1f}" y2="{plot_bottom}" '
            f'stroke="#adb5bd"/>'
            f'<text x="{(band.x0 + band.x1) / 2:.1f}" y="{top - 10}" font-size="{font - 1}" '
            f'text-anchor="middle" fill="#495057">{band.start.year}</text>'
        )
    end = bands[-1].x1
    parts.append(
        f'<line x1="{end:.1f}" y1="{top - 14}" x2="{end:.1f}" y2="{plot_bottom}" stroke="#adb5bd"/>'
    )
    for item, lines, row_y, row_h in rows:
        if beside:
            text_y = row_y + font - 2
            mark_y = row_y + (row_h - 8) / 2
            parts.append(
                f'<text font-size="{font}" text-anchor="end" fill="#212529">'
                f"{_tspans(lines, left - 10, text_y, line)}"
                f"<title>{escape(item.label)}</title></text>"
            )
        else:
            text_y = row_y + font - 2
            mark_y = row_y + line * len(lines) + lane / 2 - 2
            # A white halo keeps the label readable where the year lines cross it.
            parts.append(
                f'<text font-size="{font}" fill="#212529" stroke="#ffffff" stroke-width="3" '
                f'paint-order="stroke">'
                f"{_tspans(lines, left, text_y, line)}<title>{escape(item.label)}</title></text>"
            )
        if item.is_meeting:
            x0, x1 = _x(bands, item.start), _x(bands, item.end + dt.timedelta(days=1))
            parts.append(
                f'<rect x="{x0:.1f}" y="{mark_y - 6:.1f}" width="{max(x1 - x0, 5):.1f}" '
                f'height="12" fill="{MEETING_COLOUR}" rx="2"><title>{escape(item.label)}</title>'
                f"</rect>"
            )
            continue
        key = "overdue" if item.is_overdue else ("done" if item.is_done else "milestone")
        parts.append(_diamond(_x(bands, item.start), mark_y, styles[key], item.label))
    tx = _x(bands, today)
    anchor = "end" if tx > width - 60 else ("start" if tx < left + 40 else "middle")
    parts.append(
        f'<line x1="{tx:.1f}" y1="{top - 6}" x2="{tx:.1f}" y2="{plot_bottom + 4}" '
        f'stroke="{TODAY_COLOUR}" stroke-width="2" stroke-dasharray="5 3"/>'
        f'<text x="{tx:.1f}" y="{plot_bottom + 20}" font-size="{font - 1}" '
        f'text-anchor="{anchor}" fill="#a04000">{escape(_("Today"))}</text>'
    )
    for key, label, lx, ly in legend_rows:
        if key == "meeting":
            mark = f'<rect x="-8" y="{ly - 5}" width="16" height="10" fill="{MEETING_COLOUR}"/>'
        else:
            mark = _diamond(0, ly, styles[key], label, r=6)
        parts.append(
            f'<g transform="translate({lx},0)">{mark}'
            f'<text x="12" y="{ly + 4}" font-size="{font - 1}" fill="#212529">'
            f"{escape(label)}</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def timeline(
    items: Sequence[TimelineItem], *, today: dt.date, title: str, desc: str = ""
) -> SafeString:
    """A Gantt-like chart of `items` by year, with a line at `today`: drawn for wide screens
    (labels beside the rows) and for phones (labels above them); CSS shows the one that fits."""
    dated = [item for item in items if item.start is not None]
    wide = _draw(dated, today=today, title=title, desc=desc, dims=WIDE, css="chart-wide")
    narrow = _draw(dated, today=today, title=title, desc=desc, dims=NARROW, css="chart-narrow")
    return mark_safe(wide + narrow)  # every text above is escaped
