"""The programme report: a PDF the secretariat hands to the STI Forum.

Drawn with fpdf2 (pure Python; its only dependencies install as wheels), with the PDF core
fonts, which cover Latin-1: other characters are written in their closest Latin-1 form.
Everything is read through the same selectors as the pages, for the user who asks.
"""

from __future__ import annotations

import unicodedata

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace

from egm.choices import MeetingStatus
from egm.models import Meeting
from guidebook.choices import ChapterStatus
from guidebook.models import GuidebookEdition
from pilots.models import ALL_STEPS_DONE
from portal.workprogramme import money
from portal.workprogramme.landscape import build_landscape
from portal.workprogramme.selectors import (
    landscape_pilot_list,
    support_list,
    trust_fund_totals,
)
from roadmaps.choices import CriterionGroupCode
from roadmaps.selectors import assessment_heatmap, assessment_list

# Typographic characters outside Latin-1, by code point, and what the core fonts draw instead.
REPLACEMENTS = {
    "\u2014": "-",
    "\u2013": "-",
    "\u2019": "'",
    "\u2018": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2026": "...",
    "\u2192": "->",
}


def latin1(text) -> str:
    """`text` as the core fonts can draw it."""
    text = str(text)
    for char, plain in REPLACEMENTS.items():
        text = text.replace(char, plain)
    try:
        return text.encode("latin-1").decode("latin-1")
    except UnicodeEncodeError:
        decomposed = unicodedata.normalize("NFKD", text)
        return decomposed.encode("latin-1", "ignore").decode("latin-1")


def _score(value) -> str:
    return "-" if value is None else f"{value}"


class _Report(FPDF):
    def header(self):
        self.set_font("helvetica", "I", 8)
        self.cell(0, 6, latin1(_("STI for SDGs Roadmaps: programme report")), align="R")
        self.ln(8)

    def footer(self):
        self.set_y(-12)
        self.set_font("helvetica", "I", 8)
        self.cell(0, 6, latin1(_("Page %(n)s") % {"n": self.page_no()}), align="C")

    def heading(self, text: str) -> None:
        self.ln(3)
        self.set_font("helvetica", "B", 13)
        self.multi_cell(0, 7, latin1(text), new_x="LMARGIN", new_y="NEXT")
        self.set_font("helvetica", size=9)

    def paragraph(self, text: str) -> None:
        self.set_font("helvetica", size=9)
        self.multi_cell(0, 5, latin1(text), new_x="LMARGIN", new_y="NEXT")

    def grid(self, header: list[str], rows: list[list], widths=None) -> None:
        if not rows:
            self.paragraph(_("None yet."))
            return
        self.set_font("helvetica", size=8)
        with self.table(
            col_widths=widths,
            headings_style=FontFace(emphasis="BOLD"),
            line_height=5,
            text_align="LEFT",
        ) as table:
            head = table.row()
            for cell in header:
                head.cell(latin1(cell))
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(latin1(value))


def programme_report_pdf(*, user) -> bytes:
    """The report's PDF bytes, as `user` may see the programme (the secretariat: all of it)."""
    pdf = _Report(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_title(latin1(_("STI for SDGs Roadmaps: programme report")))
    pdf.add_page()
    pdf.set_font("helvetica", "B", 18)
    pdf.multi_cell(
        0,
        9,
        latin1(_("Global Pilot Programme on STI for SDGs Roadmaps")),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.paragraph(
        _("Programme report of %(date)s, prepared by the IATT secretariat.")
        % {"date": timezone.localdate().strftime("%d %B %Y")}
    )

    pilots = list(landscape_pilot_list(user=user).with_progress().select_related("cohort"))
    pdf.heading(_("1. Pilots and their progress through the six steps"))
    pdf.grid(
        [_("Pilot"), _("Status"), _("Steps done"), _("Current step")],
        [
            [
                p,
                p.get_status_display(),
                f"{p.steps_done} / 6",
                _("all done") if p.current_step == ALL_STEPS_DONE else p.current_step,
            ]
            for p in pilots
        ],
        widths=(40, 25, 20, 20),
    )

    pdf.heading(_("2. Consolidated scores against the ten effectiveness criteria"))
    pdf.paragraph(_("Each roadmap's latest finalised assessment; means on the 0-4 scale."))
    rows = assessment_heatmap(user=user, assessments=assessment_list(user=user))
    groups = list(CriterionGroupCode.values)
    pdf.grid(
        [_("Roadmap"), _("Version"), _("Overall"), *[CriterionGroupCode(g).label for g in groups]],
        [
            [
                row.label,
                f"v{row.assessment.version.number}",
                _score(row.summary.overall),
                *[
                    _score(row.summary.groups[g].mean) if g in row.summary.groups else "-"
                    for g in groups
                ],
            ]
            for row in rows
        ],
    )

    pdf.heading(_("3. Meetings held"))
    meetings = (
        Meeting.objects.visible_to(user)
        .filter(status=MeetingStatus.HELD)
        .select_related("country")
        .order_by("start_date")
    )
    pdf.grid(
        [_("Meeting"), _("Dates"), _("Place")],
        [
            [
                m.title,
                f"{m.start_date:%d %b %Y}"
                + (
                    f" - {m.end_date:%d %b %Y}" if m.end_date and m.end_date != m.start_date else ""
                ),
                ", ".join(x for x in [m.city, str(m.country or "")] if x),
            ]
            for m in meetings
        ],
        widths=(90, 50, 40),
    )

    pdf.heading(_("4. Guidebook progress"))
    editions = GuidebookEdition.objects.annotate(
        chapters_total=Count("chapters"),
        chapters_final=Count("chapters", filter=Q(chapters__status=ChapterStatus.FINAL)),
    )
    pdf.grid(
        [_("Edition"), _("Status"), _("Chapters final"), _("Target date")],
        [
            [
                e,
                e.get_status_display(),
                f"{e.chapters_final} / {e.chapters_total}",
                f"{e.target_date:%d %b %Y}" if e.target_date else _("to be confirmed"),
            ]
            for e in editions
        ],
    )

    pdf.heading(_("5. Trust fund"))
    totals = trust_fund_totals()
    pdf.grid(
        [_("Currency"), _("Pledged"), _("Received"), _("Pledged in USD"), _("Rate of")],
        [
            [
                t.currency,
                f"{t.pledged:,}",
                f"{t.received:,}",
                f"{t.pledged_usd:,}" if t.pledged_usd is not None else _("no rate recorded"),
                t.rate.rate_on.isoformat() if t.rate and t.rate.rate_on else "-",
            ]
            for t in totals
        ],
    )
    usd = money.usd_total(totals)
    if totals:
        note = _("In USD: %(p)s pledged, %(r)s received.") % {
            "p": f"{usd.pledged:,}",
            "r": f"{usd.received:,}",
        }
        if not usd.complete:
            note += " " + _("Not included for want of a recorded rate: %(c)s.") % {
                "c": ", ".join(usd.missing)
            }
        pdf.paragraph(note)

    pdf.heading(_("6. Support landscape"))
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
