"""iCalendar feeds of milestones and meetings, built with the `icalendar` package (never
hand-written text). Milestones are all-day events on their due date; meetings span their days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from egm.models import Meeting
from programme.models import Milestone

PRODID = "-//IATT STI for SDGs Roadmaps//Programme calendar//EN"


def _uid(kind: str, pk: int) -> str:
    host = settings.SITE_URL.split("//")[-1].split("/")[0].split(":")[0] or "sti-roadmaps"
    return f"{kind}-{pk}@{host}"


def calendar_build(
    *, name: str, milestones: Iterable[Milestone], meetings: Iterable[Meeting]
) -> bytes:
    """One VCALENDAR holding `milestones` (all-day, on the due date) and `meetings`."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    stamp = timezone.now()
    site = settings.SITE_URL.rstrip("/")
    for milestone in milestones:
        event = Event()
        event.add("uid", _uid("milestone", milestone.pk))
        event.add("dtstamp", stamp)
        event.add("summary", milestone.display_title)
        event.add("dtstart", milestone.due_on)
        event.add("dtend", milestone.due_on + dt.timedelta(days=1))
        event.add("categories", [str(milestone.get_kind_display())])
        event.add("status", "CANCELLED" if milestone.status == "cancelled" else "CONFIRMED")
        if milestone.description:
            event.add("description", milestone.description)
        if milestone.country_id:
            event.add("location", str(milestone.country))
        cal.add_component(event)
    for meeting in meetings:
        event = Event()
        event.add("uid", _uid("meeting", meeting.pk))
        event.add("dtstamp", stamp)
        event.add("summary", meeting.title)
        event.add("dtstart", meeting.start_date)
        event.add("dtend", (meeting.end_date or meeting.start_date) + dt.timedelta(days=1))
        event.add("categories", [str(meeting.get_kind_display())])
        place = ", ".join(p for p in [meeting.venue, meeting.city, str(meeting.country or "")] if p)
        if place:
            event.add("location", place)
        if meeting.summary:
            event.add("description", meeting.summary)
        event.add("url", site + reverse("egm:meeting-detail", args=[meeting.pk]))
        cal.add_component(event)
    return cal.to_ical()
