"""The demo meetings say what the IATT's 2018 work-programme text planned and what the public
record shows happened, and nothing more."""

import pytest
from django.core.management import call_command

from egm.models import (
    AdvisoryGroupMembership,
    AdvisoryResponsibility,
    Meeting,
    Outcome,
    Participant,
    RegionalTrack,
)

# Builds the demo meetings (40-75 s each in a loaded full run): slow, left out of `make test-fast`.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _hosts(meeting):
    return {(link.organisation.acronym, link.role) for link in meeting.host_links.all()}


def test_demo_meetings_follow_the_2018_text(demo_programme):
    egms = {m.sequence: m for m in Meeting.objects.filter(kind="egm", sequence__isnull=False)}
    assert [egms[n].status for n in (1, 2, 3, 4)] == ["held", "held", "held", "held"]
    assert egms[4].city == "Nairobi"
    # "took place ... in New York", "was held ... Miraikan, Tokyo": no host is stated.
    assert _hosts(egms[1]) == set() and _hosts(egms[2]) == set()
    assert egms[2].venue == "Miraikan" and egms[1].venue == ""
    # "3rd EGM in Brussels, co-hosted by EU/JRC and G-STIC".
    assert _hosts(egms[3]) == {("JRC", "co_host"), ("G-STIC", "co_host")}
    # The 4th EGM (Nairobi) is a global EGM, not a regional-track meeting; no host is stated.
    assert egms[4].track is None and _hosts(egms[4]) == set()
    bangkok = Meeting.objects.get(city="Bangkok")
    assert bangkok.status == "not_on_record" and bangkok.planned_start_date is not None
    assert {m.series.slug for m in egms.values()} == {"egm"}
    # No public record of who attended or what was concluded was at hand: nothing invented.
    assert not Participant.objects.exists() and not Outcome.objects.exists()
    supplementary = Meeting.objects.get(kind="supplementary")
    assert _hosts(supplementary) == {("OECD", "partner"), ("EC", "partner"), ("INGSA", "partner")}
    assert supplementary.start_date is None
    # No host is stated for the forum's session or the side events.
    forum = Meeting.objects.filter(kind__in=["forum_session", "side_event", "hlpf"])
    assert all(_hosts(m) == set() for m in forum)
    assert Meeting.objects.get(kind="forum_session").city == "New York"


def test_demo_advisory_group_and_tracks_follow_the_2018_text(demo_programme):
    seats = AdvisoryGroupMembership.objects.all()
    assert {(s.organisation.acronym, s.role, s.start_on) for s in seats} == {
        ("WB", "coordinator", None),
        ("UN DESA", "coordinator", None),
    }
    assert AdvisoryResponsibility.objects.count() == 3
    asia = RegionalTrack.objects.get(slug="asia-track")
    assert {(p.organisation.acronym, p.role) for p in asia.partners.all()} == {
        ("ESCAP", "partner"),
        ("ASEAN", "possible"),
        ("AsDB", "possible"),
    }
    # Running the demo again changes nothing.
    before = (Meeting.objects.count(), seats.count(), RegionalTrack.objects.count())
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert before == (Meeting.objects.count(), seats.count(), RegionalTrack.objects.count())
