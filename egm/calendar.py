"""A meeting as an iCalendar (RFC 5545) file, made with the `icalendar` package."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from icalendar import Calendar, Event

from egm.models import Meeting


def meeting_ical(meeting: Meeting, *, host: str) -> bytes:
    """One all-day event spanning the meeting's days (the end date is exclusive in iCalendar)."""
    calendar = Calendar()
    calendar.add("prodid", "-//STI for SDGs Roadmaps//Meetings//EN")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{host.split(':')[0] or 'sti-roadmaps'}")
    event.add("dtstamp", timezone.now())
    event.add("summary", meeting.title)
    event.add("dtstart", meeting.start_date)
    event.add("dtend", (meeting.end_date or meeting.start_date) + dt.timedelta(days=1))
    place = ", ".join(p for p in [meeting.venue, meeting.city] if p)
    if meeting.country_id:
        place = ", ".join(p for p in [place, meeting.country.name] if p)
    if place:
        event.add("location", place)
    description = meeting.purpose or meeting.summary
    if description:
        event.add("description", description)
    event.add(
        "status",
        "CANCELLED"
        if meeting.status == "cancelled"
        else ("CONFIRMED" if meeting.status in ("confirmed", "held") else "TENTATIVE"),
    )
    calendar.add_component(event)
    return calendar.to_ical()
