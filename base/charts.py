"""The programme timeline, drawn on the server as SVG (see roadmaps/charts.py for the
conventions: role="img" with a title and description, and a table of the same rows beside it).

Milestones are diamonds at their due date, meetings are bars from their first to last day.
Overdue milestones are red AND hatched (colour is never the only carrier); done ones are
hollow; a dashed line marks today. Items without a date are not drawn (the table lists them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import count

from django.utils.formats import date_format
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


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _short(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def timeline(
    items: Sequence[TimelineItem], *, today: dt.date, title: str, desc: str = ""
) -> SafeString:
    """A Gantt-like chart of `items` on a month grid, with a line at `today`."""
    chart_id = f"timeline-{next(_ids)}"
    dated = [item for item in items if item.start is not None]
    first = min([today, *(item.start for item in dated)])
    last = max([today, *(item.end for item in dated)])
    start = _month_start(first)
    stop = _next_month(last)
    span = max((stop - start).days, 1)
    left, right, top, row_h = 230, 20, 34, 22
    width = 960
    plot_w = width - left - right
    height = top + row_h * max(len(dated), 1) + 44

    def x(day: dt.date) -> float:
        return left + plot_w * (day - start).days / span

    months = []
    month = start
    while month <= stop:
        months.append(month)
        month = _next_month(month)
    many = len(months) > 25
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="chart chart-timeline" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
        f'<defs><pattern id="{chart_id}-hatch" width="4" height="4" '
        f'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="4" height="4" fill="#fde2e4"/>'
        f'<line x1="0" y1="0" x2="0" y2="4" stroke="{OVERDUE_COLOUR}" stroke-width="2"/>'
        f"</pattern></defs>"
    ]
    # Month grid: every month a faint line; labels every month, or every January when long.
    for month in months:
        mx = x(month)
        is_year = month.month == 1
        parts.append(
            f'<line x1="{mx:.1f}" y1="{top - 6}" x2="{mx:.1f}" y2="{height - 40}" '
            f'stroke="{"#adb5bd" if is_year else "#e9ecef"}"/>'
        )
        if (not many) or is_year:
            label = str(month.year) if many else date_format(month, "M y")
            parts.append(
                f'<text x="{mx + 2:.1f}" y="{top - 12}" font-size="10" fill="#495057">'
                f"{escape(label)}</text>"
            )
    for index, item in enumerate(dated):
        y = top + row_h * index + row_h / 2
        parts.append(
            f'<text x="{left - 8}" y="{y + 4:.1f}" font-size="11" text-anchor="end" '
            f'fill="#212529">{escape(_short(item.label))}<title>{escape(item.label)}</title>'
            f"</text>"
        )
        if item.is_meeting:
            x0, x1 = x(item.start), x(item.end + dt.timedelta(days=1))
            parts.append(
                f'<rect x="{x0:.1f}" y="{y - 6:.1f}" width="{max(x1 - x0, 4):.1f}" height="12" '
                f'fill="{MEETING_COLOUR}" rx="2"><title>{escape(item.label)}</title></rect>'
            )
            continue
        cx = x(item.start)
        points = (
            f"{cx:.1f},{y - 7:.1f} {cx + 7:.1f},{y:.1f} {cx:.1f},{y + 7:.1f} {cx - 7:.1f},{y:.1f}"
        )
        if item.is_overdue:
            style = f'fill="url(#{chart_id}-hatch)" stroke="{OVERDUE_COLOUR}" stroke-width="2"'
        elif item.is_done:
            style = f'fill="#ffffff" stroke="{DONE_COLOUR}" stroke-width="2"'
        else:
            style = f'fill="{MILESTONE_COLOUR}"'
        parts.append(
            f'<polygon points="{points}" {style}><title>{escape(item.label)}</title></polygon>'
        )
    tx = x(today)
    parts.append(
        f'<line x1="{tx:.1f}" y1="{top - 6}" x2="{tx:.1f}" y2="{height - 40}" '
        f'stroke="{TODAY_COLOUR}" stroke-width="2" stroke-dasharray="5 3"/>'
        f'<text x="{tx - 3:.1f}" y="{height - 28}" font-size="10" text-anchor="end" '
        f'fill="{TODAY_COLOUR}">'
        f"{escape(_('Today'))}</text>"
    )
    # Legend: one sample of each mark.
    ly = height - 12
    legend = [
        (
            f'<polygon points="0,{ly - 6} 6,{ly} 0,{ly + 6} -6,{ly}" fill="{MILESTONE_COLOUR}"/>',
            _("Milestone"),
        ),
        (
            f'<polygon points="0,{ly - 6} 6,{ly} 0,{ly + 6} -6,{ly}" fill="url(#{chart_id}-hatch)" '
            f'stroke="{OVERDUE_COLOUR}" stroke-width="2"/>',
            _("Overdue (red, hatched)"),
        ),
        (
            f'<polygon points="0,{ly - 6} 6,{ly} 0,{ly + 6} -6,{ly}" fill="#ffffff" '
            f'stroke="{DONE_COLOUR}" stroke-width="2"/>',
            _("Done"),
        ),
        (
            f'<rect x="-8" y="{ly - 5}" width="16" height="10" fill="{MEETING_COLOUR}"/>',
            _("Meeting"),
        ),
    ]
    lx = left
    for mark, label in legend:
        parts.append(
            f'<g transform="translate({lx},0)">{mark}'
            f'<text x="12" y="{ly + 4}" font-size="11" fill="#212529">{escape(label)}</text></g>'
        )
        lx += 40 + 7 * len(label)
    parts.append("</svg>")
    return mark_safe("".join(parts))
