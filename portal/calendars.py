"""iCalendar feeds of milestones and meetings, built with the `icalendar` package (never
hand-written text). Milestones are all-day events on their due date; meetings span their days.

Rows come in as plain values (`portal.selectors.calendar_*`), not model instances: a feed may
hold thousands of events, and building a model per row was most of its cost."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from base.i18n import localised_value
from egm.choices import MeetingKind
from programme.choices import MilestoneKind, MilestoneStatus
from programme.models.milestones import generated_title

PRODID = "-//IATT STI for SDGs Roadmaps//Programme calendar//EN"

# The fields each row of the feed is read with (`QuerySet.values(*FIELDS)`).
# A generated title is stored as a pattern and its values, written out in the feed's language.
MILESTONE_FIELDS = (
    "pk", "title", "title_template", "title_args", "description", "kind", "status", "due_on",
    "country__name", "country__translations",
)  # fmt: skip
MEETING_FIELDS = (
    "pk",
    "title",
    "summary",
    "kind",
    "start_date",
    "end_date",
    "venue",
    "city",
    "country__name",
    "country__translations",
)


def _country(row: dict) -> str:
    """The row's country named in the feed's language (as on the pages), English if untranslated."""
    if not row["country__name"]:
        return ""
    return localised_value(row["country__name"], row["country__translations"], "name")


def _host() -> str:
    return settings.SITE_URL.split("//")[-1].split("/")[0].split(":")[0] or "sti-roadmaps"


def calendar_build(*, name: str, milestones: Iterable[dict], meetings: Iterable[dict]) -> bytes:
    """One VCALENDAR holding `milestones` (all-day, on the due date) and `meetings`, each a
    dict of MILESTONE_FIELDS / MEETING_FIELDS."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    stamp = timezone.now()
    host = _host()
    site = settings.SITE_URL.rstrip("/")
    # Labels are looked up once per kind, not once per row.
    milestone_kinds = {value: str(label) for value, label in MilestoneKind.choices}
    meeting_kinds = {value: str(label) for value, label in MeetingKind.choices}
    one_day = dt.timedelta(days=1)
    for row in milestones:
        event = Event()
        event.add("uid", f"milestone-{row['pk']}@{host}")
        event.add("dtstamp", stamp)
        event.add(
            "summary", generated_title(row["title"], row["title_template"], row["title_args"])
        )
        event.add("dtstart", row["due_on"])
        event.add("dtend", row["due_on"] + one_day)
        event.add("categories", [milestone_kinds.get(row["kind"], row["kind"])])
        cancelled = row["status"] == MilestoneStatus.CANCELLED
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        if row["description"]:
            event.add("description", row["description"])
        if row["country__name"]:
            event.add("location", _country(row))
        cal.add_component(event)
    meeting_path = reverse("egm:meeting-detail", args=[0]).replace("/0/", "/{}/")
    for row in meetings:
        event = Event()
        event.add("uid", f"meeting-{row['pk']}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", row["title"])
        event.add("dtstart", row["start_date"])
        event.add("dtend", (row["end_date"] or row["start_date"]) + one_day)
        event.add("categories", [meeting_kinds.get(row["kind"], row["kind"])])
        place = ", ".join(p for p in [row["venue"], row["city"], _country(row)] if p)
        if place:
            event.add("location", place)
        if row["summary"]:
            event.add("description", row["summary"])
        event.add("url", site + meeting_path.format(row["pk"]))
        cal.add_component(event)
    return cal.to_ical()


# The window a feed covers unless asked otherwise, and the most it may be asked to cover:
# calendar programs poll feeds often, and every event outside the window is work for nothing.
YEARS_BACK = 1
YEARS_AHEAD = 2
MAX_YEARS = 10


class CalendarWindowForm(forms.Form):
    """`?years_back=N&years_ahead=N`: how many years before and after today a feed covers
    (defaults 1 and 2, each at most MAX_YEARS)."""

    years_back = forms.IntegerField(min_value=0, max_value=MAX_YEARS, required=False)
    years_ahead = forms.IntegerField(min_value=0, max_value=MAX_YEARS, required=False)

    def window(self, today: dt.date) -> tuple[dt.date, dt.date]:
        """The first and last day covered (call once the form is valid)."""
        back = self.cleaned_data.get("years_back")
        ahead = self.cleaned_data.get("years_ahead")
        back = YEARS_BACK if back is None else back
        ahead = YEARS_AHEAD if ahead is None else ahead
        return _years_from(today, -back), _years_from(today, ahead)


def _years_from(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)
