"""The programme report: a PDF the secretariat hands to the STI Forum, for a period it chooses.

A summary page first (the period, the key figures, what changed in it), then the pilots, the
scores and the timeline drawn as charts with their tables, the meetings held, the Guidebook and
the trust fund. Drawn with fpdf2 (pure Python) in Source Sans Pro, an OFL font that a PyPI
package ships (`font-source-sans-pro`; no font file is kept in this repository), which covers
French and Spanish text ("œ", "ñ", the narrow spaces of French numbers). Numbers and dates are
written in the reader's language (1 décembre 2026, 250 000,00), numbers right-aligned; where
data is missing the report says so in words, never as a zero.
Everything is read through the same selectors as the pages, for the user who asks.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import font_source_sans_pro
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace

from egm.choices import MeetingStatus
from egm.models import Meeting
from guidebook.choices import ChapterStatus, EditionStatus
from guidebook.models import GuidebookEdition
from pilots.models import ALL_STEPS_DONE
from portal.workprogramme import money
from portal.workprogramme.landscape import build_landscape
from portal.workprogramme.selectors import (
    landscape_pilot_list,
    support_list,
    trust_fund_totals,
)
from programme.choices import MilestoneStatus
from programme.models import Milestone
from roadmaps.choices import CriterionGroupCode
from roadmaps.models import RoadmapVersion
from roadmaps.selectors import assessment_heatmap, assessment_list

# fontTools reports every glyph it keeps when fpdf2 subsets the font: not news for the logs.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONT = "report"
FONT_FILES = {
    "": "SourceSansPro-Regular.ttf",
    "B": "SourceSansPro-Bold.ttf",
    "I": "SourceSansPro-It.ttf",
}
INK, MUTED, RULE = (33, 37, 41), (90, 98, 106), (206, 212, 218)
BLUE, GREEN, RED, ORANGE = (11, 61, 145), (0, 122, 94), (176, 0, 32), (213, 94, 0)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def __contains__(self, day) -> bool:
        return day is not None and self.start <= day <= self.end


def default_period(today: dt.date | None = None) -> Period:
    """From the first of January of last year to today: a year and more of the programme."""
    today = today or timezone.localdate()
    return Period(dt.date(today.year - 1, 1, 1), today)


def day(value: dt.date) -> str:
    """A date as the reader's language writes it in prose: 1 décembre 2026, 1 de diciembre de
    2026; in English the UN's day-month-year (1 December 2026), not Django's US default."""
    return date_format(value, "j F Y" if get_language().startswith("en") else "DATE_FORMAT")


def amount(value: Decimal) -> str:
    return number_format(value, decimal_pos=2, force_grouping=True)


def score(value) -> str:
    return _("not scored") if value is None else number_format(value, decimal_pos=2)


class _Report(FPDF):
    def __init__(self, title: str):
        super().__init__(format="A4")
        self.report_title = title
        folder = Path(font_source_sans_pro.font_directory)
        for style, name in FONT_FILES.items():
            self.add_font(FONT, style, str(folder / name))
        self.set_auto_page_break(auto=True, margin=16)
        self.set_title(title)
        self.set_text_color(*INK)

    def header(self):
        if self.page_no() == 1:
            return
        self.set_font(FONT, "I", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 6, self.report_title, align="R")
        self.set_text_color(*INK)
        self.ln(8)

    def footer(self):
        self.set_y(-12)
        self.set_font(FONT, "I", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 6, _("Page %(n)s") % {"n": self.page_no()}, align="C")
        self.set_text_color(*INK)

    def heading(self, text: str) -> None:
        if self.get_y() > self.h - 60:
            self.add_page()
        self.ln(4)
        self.set_font(FONT, "B", 14)
        self.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        self.set_font(FONT, size=10)

    def paragraph(self, text: str, *, muted: bool = False) -> None:
        self.set_font(FONT, size=10)
        if muted:
            self.set_text_color(*MUTED)
        self.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*INK)

    def bullets(self, lines: list[str]) -> None:
        self.set_font(FONT, size=10)
        for line in lines:
            self.set_x(self.l_margin + 3)
            self.multi_cell(0, 5, "\u2022  " + line, new_x="LMARGIN", new_y="NEXT")

    def grid(
        self, header: list[str], rows: list[list], *, widths=None, numeric=(), empty=None
    ) -> None:
        """A table; the columns in `numeric` (indexes) are right-aligned, as numbers read."""
        if not rows:
            self.paragraph(empty or _("Nothing in this period."), muted=True)
            return
        self.set_font(FONT, size=9)
        align = tuple("RIGHT" if i in numeric else "LEFT" for i in range(len(header)))
        with self.table(
            col_widths=widths,
            headings_style=FontFace(emphasis="BOLD", fill_color=(233, 236, 239)),
            line_height=5,
            text_align=align,
            borders_layout="HORIZONTAL_LINES",
        ) as table:
            head = table.row()
            for cell in header:
                head.cell(str(cell))
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(str(value))
        self.ln(2)

    def figures(self, items: list[tuple[str, str]]) -> None:
        """Key figures: a label on the left, its number right-aligned beside it."""
        self.set_font(FONT, size=11)
        for label, value in items:
            self.set_x(self.l_margin)
            self.cell(110, 7, label, border="B")
            self.set_font(FONT, "B", 11)
            self.cell(30, 7, value, border="B", align="R", new_x="LMARGIN", new_y="NEXT")
            self.set_font(FONT, size=11)


def _score_chart(pdf: _Report, rows) -> None:
    """Each roadmap's overall mean as a bar on the 0-4 scale, its value printed beside it."""
    if not rows:
        pdf.paragraph(_("No assessment was finalised by the end of the period."), muted=True)
        return
    label_w, bar_w, row_h = 55, 100, 7
    x0 = pdf.l_margin + label_w
    top = pdf.get_y() + 2
    if top + row_h * (len(rows) + 2) > pdf.h - 20:
        pdf.add_page()
        top = pdf.get_y() + 2
    pdf.set_font(FONT, size=8)
    pdf.set_draw_color(*RULE)
    for level in range(5):
        x = x0 + bar_w * level / 4
        pdf.line(x, top, x, top + row_h * len(rows))
        pdf.set_xy(x - 5, top + row_h * len(rows) + 1)
        pdf.set_text_color(*MUTED)
        pdf.cell(10, 4, str(level), align="C")
    pdf.set_text_color(*INK)
    pdf.set_font(FONT, size=9)
    for i, row in enumerate(rows):
        y = top + row_h * i
        pdf.set_xy(pdf.l_margin, y + 1)
        pdf.cell(label_w - 3, row_h - 2, f"{row.label} v{row.assessment.version.number}", align="R")
        overall = row.summary.overall
        if overall is not None:
            pdf.set_fill_color(*BLUE)
            pdf.rect(x0, y + 1.5, bar_w * float(overall) / 4, row_h - 3, style="F")
        pdf.set_xy(x0 + bar_w + 3, y + 1)
        pdf.cell(20, row_h - 2, score(overall))
    pdf.set_fill_color(255, 255, 255)  # tables drawn next fill with the current colour
    pdf.set_y(top + row_h * len(rows) + 7)
    pdf.paragraph(
        _("Overall mean of the ten criteria, on the scale of 0 (absent) to 4 (exemplary)."),
        muted=True,
    )


def _timeline_chart(pdf: _Report, period: Period, meetings, milestones) -> None:
    """Meetings (bars) and milestones (diamonds) of the period on a month axis."""
    items = [(m.title, m.start_date, m.end_date or m.start_date, "meeting") for m in meetings]
    items += [(m.title, m.due_on, m.due_on, "milestone") for m in milestones]
    items.sort(key=lambda item: item[1])
    if not items:
        pdf.paragraph(_("No meeting or milestone in this period."), muted=True)
        return
    label_w, row_h = 70, 6
    x0 = pdf.l_margin + label_w
    width = pdf.w - pdf.r_margin - x0
    span = max((period.end - period.start).days + 1, 1)

    def x(value: dt.date) -> float:
        value = min(max(value, period.start), period.end)
        return x0 + width * (value - period.start).days / span

    top = pdf.get_y() + 7
    if top + row_h * (len(items) + 3) > pdf.h - 20:
        pdf.add_page()
        top = pdf.get_y() + 7
    bottom = top + row_h * len(items)
    # Years (or, in a short period, months) along the top.
    pdf.set_font(FONT, size=8)
    pdf.set_draw_color(*RULE)
    marks, month = [], dt.date(period.start.year, period.start.month, 1)
    while month <= period.end:
        marks.append(month)
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    yearly = len(marks) > 18
    for month in marks:
        if yearly and month.month != 1:
            continue
        mx = x(month)
        pdf.line(mx, top - 1, mx, bottom)
        pdf.set_xy(mx, top - 6)
        pdf.set_text_color(*MUTED)
        pdf.cell(14, 4, str(month.year) if yearly else date_format(month, "ABBR_MONTH_FORMAT"))
    pdf.set_text_color(*INK)
    pdf.set_font(FONT, size=8)
    for i, (title, start, end, kind) in enumerate(items):
        y = top + row_h * i
        pdf.set_xy(pdf.l_margin, y)
        # A label too long for its column is shortened here; the table below has it whole.
        label = title
        pdf.set_font(FONT, size=7.5)
        while pdf.get_string_width(label) > label_w - 4 and len(label) > 10:
            label = label[:-2]
        if label != title:
            label = label.rstrip() + "\u2026"
        pdf.cell(label_w - 3, row_h, label, align="R")
        cy = y + row_h / 2
        if kind == "meeting":
            pdf.set_fill_color(*GREEN)
            x1 = x(end) + width / span
            pdf.rect(x(start), cy - 1.6, max(x1 - x(start), 1.2), 3.2, style="F")
        else:
            pdf.set_fill_color(*BLUE)
            cx = x(start)
            pdf.polygon([(cx, cy - 2), (cx + 2, cy), (cx, cy + 2), (cx - 2, cy)], style="F")
    pdf.set_fill_color(255, 255, 255)
    pdf.set_y(bottom + 3)
    pdf.paragraph(
        _("Green bars: meetings held; blue diamonds: milestones due. Tables follow."), muted=True
    )


def _meeting_dates(meeting) -> str:
    if meeting.end_date and meeting.end_date != meeting.start_date:
        return f"{day(meeting.start_date)} \u2013 {day(meeting.end_date)}"
    return day(meeting.start_date)


def _chapters_text(edition) -> str:
    """How far an edition's chapters are, in words: never "0 / 0"."""
    if not edition.chapters_total:
        if edition.status == EditionStatus.PUBLISHED:
            return _("chapters not recorded here")
        return _("not started")
    return ngettext(
        "%(final)s of %(total)s chapter final",
        "%(final)s of %(total)s chapters final",
        edition.chapters_total,
    ) % {"final": edition.chapters_final, "total": edition.chapters_total}


# Demonstration records (drafts, scores) are printed as such, never as the programme's record.
def _marked(record, text: str | None = None) -> str:
    """`text` (the record by default), followed by "(illustrative)" for a made-up record."""
    text = str(record) if text is None else text
    if getattr(record, "illustrative", False):
        return _("%(record)s (illustrative)") % {"record": text}
    return text


def programme_report_pdf(*, user, period: Period | None = None) -> bytes:
    """The report's PDF bytes for `period`, as `user` may see the programme (the secretariat:
    all of it)."""
    period = period or default_period()
    today = timezone.localdate()
    title = _("STI for SDGs Roadmaps: programme report")
    pdf = _Report(title)
    pdf.add_page()

    pilots = list(landscape_pilot_list(user=user).with_progress().select_related("cohort"))
    national = [p for p in pilots if p.steps_done is not None]
    versions = RoadmapVersion.objects.visible_to(user).select_related("roadmap")
    submitted = [
        v for v in versions.filter(submitted_at__isnull=False)
        if timezone.localdate(v.submitted_at) in period
    ]  # fmt: skip
    published = [
        v for v in versions.filter(published_at__isnull=False)
        if timezone.localdate(v.published_at) in period
    ]  # fmt: skip
    assessments = assessment_list(user=user)
    finalised = [
        a for a in assessments.filter(finalised_at__isnull=False)
        if timezone.localdate(a.finalised_at) in period
    ]  # fmt: skip
    meetings = list(
        Meeting.objects.visible_to(user)
        .filter(status=MeetingStatus.HELD, start_date__gte=period.start)
        .filter(start_date__lte=period.end)
        .select_related("country")
        .order_by("start_date")
    )
    milestones = list(
        Milestone.objects.visible_to(user)
        .filter(due_on__gte=period.start, due_on__lte=period.end)
        .order_by("due_on")
    )
    editions = list(
        GuidebookEdition.objects.visible_to(user).annotate(
            chapters_total=Count("chapters"),
            chapters_final=Count("chapters", filter=Q(chapters__status=ChapterStatus.FINAL)),
        )
    )
    totals = trust_fund_totals()
    usd = money.usd_total(totals)

    # --- Summary page --------------------------------------------------------------------
    pdf.set_font(FONT, "B", 20)
    pdf.multi_cell(
        0, 10, _("Global Pilot Programme on STI for SDGs Roadmaps"), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font(FONT, size=13)
    pdf.multi_cell(0, 7, _("Programme report"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.paragraph(
        _("Reporting period: %(start)s to %(end)s.")
        % {"start": day(period.start), "end": day(period.end)}
    )
    pdf.paragraph(
        _("Prepared by the IATT secretariat on %(date)s.") % {"date": day(today)}, muted=True
    )
    pdf.heading(_("Key figures"))
    pledged = amount(usd.pledged) + " USD" if totals and usd.complete else _("see the trust fund")
    pdf.figures(
        [
            (_("Pilot countries"), number_format(len(national))),
            (
                _("Pilots through all six steps"),
                number_format(sum(1 for p in national if p.current_step == ALL_STEPS_DONE)),
            ),
            (_("Roadmap versions submitted in the period"), number_format(len(submitted))),
            (_("Roadmap versions published in the period"), number_format(len(published))),
            (_("Assessments finalised in the period"), number_format(len(finalised))),
            (_("Meetings held in the period"), number_format(len(meetings))),
            (_("Milestones due in the period"), number_format(len(milestones))),
            (_("Pledged to the trust fund to date"), pledged if totals else _("none recorded")),
        ]
    )
    pdf.heading(_("What changed in the period"))
    changes = []
    for v in published:
        changes.append(
            _("%(version)s was published on %(date)s.")
            % {"version": _marked(v), "date": day(timezone.localdate(v.published_at))}
        )
    for v in submitted:
        changes.append(
            _("%(version)s was submitted on %(date)s.")
            % {"version": _marked(v), "date": day(timezone.localdate(v.submitted_at))}
        )
    for m in meetings:
        changes.append(
            _("%(meeting)s was held on %(date)s.") % {"meeting": m.title, "date": day(m.start_date)}
        )
    done = [m for m in milestones if m.status == MilestoneStatus.DONE]
    if done:
        changes.append(
            ngettext(
                "%(count)d milestone of the period is done.",
                "%(count)d milestones of the period are done.",
                len(done),
            )
            % {"count": len(done)}
        )
    pdf.bullets(changes[:14] or [_("Nothing was submitted, published or held in this period.")])
    if len(changes) > 14:
        pdf.paragraph(
            _("And %(count)s more, in the sections that follow.") % {"count": len(changes) - 14},
            muted=True,
        )

    # --- Sections ------------------------------------------------------------------------
    pdf.add_page()
    pdf.heading(_("1. Pilots and their progress through the six steps"))
    pdf.paragraph(_("As they stand today."), muted=True)
    pdf.grid(
        [_("Pilot"), _("Status"), _("Steps done"), _("Current step")],
        [
            [
                p,
                p.get_status_display(),
                _("not applicable") if p.steps_done is None else f"{p.steps_done} / 6",
                _("all done")
                if p.current_step == ALL_STEPS_DONE
                else (_("not applicable") if p.current_step is None else p.current_step),
            ]
            for p in pilots
        ],
        widths=(60, 40, 30, 30),
        numeric=(2, 3),
    )

    pdf.heading(_("2. Consolidated scores against the ten effectiveness criteria"))
    rows = assessment_heatmap(
        user=user,
        assessments=assessments.filter(finalised_at__date__lte=period.end),
    )
    pdf.paragraph(
        _("Each roadmap's latest assessment finalised by %(date)s.") % {"date": day(period.end)},
        muted=True,
    )
    if any(row.assessment.illustrative for row in rows):
        pdf.paragraph(
            _(
                "Rows marked “illustrative” were made up for a demonstration; they are not the "
                "programme's public record."
            ),
            muted=True,
        )
    _score_chart(pdf, rows)
    groups = list(CriterionGroupCode.values)
    pdf.grid(
        [_("Roadmap"), _("Version"), _("Overall"), *[CriterionGroupCode(g).label for g in groups]],
        [
            [
                _marked(row.assessment, str(row.label)),
                f"v{row.assessment.version.number}",
                score(row.summary.overall),
                *[
                    score(row.summary.groups[g].mean)
                    if g in row.summary.groups
                    else _("not scored")
                    for g in groups
                ],
            ]
            for row in rows
        ],
        numeric=tuple(range(2, 3 + len(groups))),
    )

    pdf.heading(_("3. Timeline of the period"))
    _timeline_chart(pdf, period, meetings, milestones)

    pdf.heading(_("4. Meetings held"))
    pdf.grid(
        [_("Meeting"), _("Dates"), _("Place")],
        [
            [
                m.title,
                _meeting_dates(m),
                ", ".join(x for x in [m.city, str(m.country or "")] if x) or _("not recorded"),
            ]
            for m in meetings
        ],
        widths=(90, 55, 35),
    )

    pdf.heading(_("5. Guidebook progress"))
    pdf.grid(
        [_("Edition"), _("Status"), _("Chapters"), _("Target date")],
        [
            [
                e,
                e.get_status_display(),
                _chapters_text(e),
                day(e.target_date) if e.target_date else _("to be confirmed"),
            ]
            for e in editions
        ],
        widths=(70, 30, 45, 35),
    )

    pdf.heading(_("6. Trust fund"))
    pdf.paragraph(_("Totals to date, per currency."), muted=True)
    pdf.grid(
        [_("Currency"), _("Pledged"), _("Received"), _("Pledged in USD"), _("Rate of")],
        [
            [
                t.currency,
                amount(t.pledged),
                amount(t.received),
                amount(t.pledged_usd) if t.pledged_usd is not None else _("no rate recorded"),
                day(t.rate.rate_on) if t.rate and t.rate.rate_on else _("no rate recorded"),
            ]
            for t in totals
        ],
        numeric=(1, 2, 3),
        empty=_("No pledge recorded yet."),
    )
    if totals:
        note = _("In USD: %(p)s pledged, %(r)s received.") % {
            "p": amount(usd.pledged),
            "r": amount(usd.received),
        }
        if not usd.complete:
            note += " " + _("Not included for want of a recorded rate: %(c)s.") % {
                "c": ", ".join(usd.missing)
            }
        pdf.paragraph(note)

    pdf.heading(_("7. Support landscape"))
    landscape = build_landscape(
        supports=support_list(user=user).current(), pilots=landscape_pilot_list(user=user)
    )
    pdf.paragraph(
        _(
            "%(orgs)s organisations support %(pilots)s pilots today. Steps not yet done that "
            "nobody supports: %(gaps)s. Steps with three or more organisations: %(overlaps)s."
        )
        % {
            "orgs": len(landscape.organisations),
            "pilots": len({s.pilot_id for _o, cells in landscape.rows for c in cells for s in c}),
            "gaps": len(landscape.gaps),
            "overlaps": len(landscape.overlaps),
        }
    )
    return bytes(pdf.output())
