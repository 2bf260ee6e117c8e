"""The programme's meetings, regional tracks and advisory group as the IATT's 2018
work-programme presentation on STI for SDGs roadmaps states them (`SOURCE`).

Only what that text says is recorded: dates and places it gives, host roles it states
("co-hosted by EU/JRC and G-STIC"; supplementary meetings "in partnership with OECD, European
Commission, INGSA"), its statuses ("took place", "was held", "tbc"). A host, venue or status it
does not state is left empty or "to be confirmed". No public record of the participants or
outcomes of the held meetings was at hand, so none are recorded. Idempotent.
"""

from __future__ import annotations

import datetime as dt

from egm.choices import AdvisoryRole, HostRole, MeetingKind, MeetingStatus, TrackPartnerRole
from egm.models import (
    AdvisoryGroupMembership,
    AdvisoryResponsibility,
    Meeting,
    MeetingHost,
    MeetingSeries,
    RegionalTrack,
    RegionalTrackPartner,
    Theme,
)
from pilots.models import Region

SOURCE = "IATT, STI for SDGs Roadmaps: work programme presentation (2018)"
D = dt.date


def _upsert(model, lookup: dict, **values):
    obj = model.objects.filter(**lookup).first() or model(**lookup)
    for field, value in values.items():
        setattr(obj, field, value)
    obj.full_clean()
    obj.save()
    return obj


# The text's "further questions & challenges", which EGMs take up.
THEMES = [
    ("methodologies", "Methodologies for developing countries", "Various approaches exist but still no readily available methodology, particularly for developing countries."),
    ("fragmented-support", "Fragmented support", "Efforts supporting STI roadmaps are fragmented at international, regional, national and sub-national levels."),
    ("un-business-models", "UN agencies' business models", "How UN agencies can join forces to synergise and harmonise methodologies to fit countries' demands."),
    ("donor-strategies", "Donor countries' STI strategies", "International STI cooperation strategies by and among developed countries."),
    ("regional-organisations", "Role of regional and supranational organisations", "Roles of international and supranational policy guidance and assistance."),
]  # fmt: skip

# (sequence, city, venue, country ISO3, start, end, status, hosts, summary)
EGMS = [
    (1, "New York", "", "USA", D(2018, 3, 26), D(2018, 3, 27), MeetingStatus.HELD, [], "The first EGM took place on 26-27 March 2018 in New York."),
    (2, "Tokyo", "Miraikan", "JPN", D(2018, 5, 8), D(2018, 5, 9), MeetingStatus.HELD, [], "The second EGM was held on 8-9 May 2018 at Miraikan, Tokyo."),
    (3, "Brussels", "", "BEL", D(2018, 11, 27), D(2018, 11, 29), MeetingStatus.CONFIRMED, [("JRC", HostRole.CO_HOST), ("G-STIC", HostRole.CO_HOST)], "One of the two additional global EGMs (Europe), co-hosted by the EU/JRC and G-STIC."),
    (4, "Bangkok", "", "THA", D(2019, 2, 7), D(2019, 2, 8), MeetingStatus.TO_BE_CONFIRMED, [], "One of the two additional global EGMs (Asia); dates to be confirmed."),
]  # fmt: skip

RESPONSIBILITIES = [
    "Guide the key activities on planning EGMs.",
    "Developing the Guidebook and organising other activities.",
    "Overall coordination and facilitation (the World Bank and UN DESA).",
]


def load(*, orgs: dict, countries: dict) -> None:
    """Load the meetings, tracks, themes and advisory group; `orgs` by acronym, `countries`
    by ISO3 (as seed_demo has them)."""
    themes = {
        slug: _upsert(Theme, {"slug": slug}, name=name, description=text, source=SOURCE)
        for slug, name, text in THEMES
    }
    _advisory_group(orgs)
    _tracks(orgs)
    series = _upsert(
        MeetingSeries,
        {"slug": "egm"},
        name="Expert Group Meetings on STI for SDGs roadmaps",
        description="The numbered global EGMs: open action items carry from one to the next.",
    )
    for seq, city, venue, iso3, start, end, status, hosts, summary in EGMS:
        meeting = _upsert(
            Meeting,
            {"kind": MeetingKind.EGM, "sequence": seq},
            title=f"{_ordinal(seq)} Expert Group Meeting on STI for SDGs roadmaps",
            series=series,
            start_date=start,
            end_date=end,
            city=city,
            venue=venue,
            country=countries[iso3],
            status=status,
            # The 4th EGM is a global EGM, not a regional-track meeting.
            track=None,
            summary=summary,
            expected_outcomes=(
                "Advanced planning state of national (champion countries) and international "
                "STI roadmaps; a refined version of the annotated outline of the Guidebook."
            ),
            source=SOURCE,
        )
        _hosts(meeting, orgs, hosts)
        if seq >= 3:
            meeting.themes.set(themes.values())
    for kind, title in [
        (MeetingKind.FORUM_SESSION, "STI Forum 2019: session on STI roadmaps"),
        (MeetingKind.SIDE_EVENT, "STI Forum 2019: side event on STI roadmaps"),
    ]:
        meeting = _upsert(
            Meeting,
            {"kind": kind, "title": title},
            start_date=D(2019, 5, 14),
            end_date=D(2019, 5, 15),
            city="",
            venue="",
            country=None,
            status=MeetingStatus.CONFIRMED,
            source=SOURCE,
        )
        _hosts(meeting, orgs, [])
    meeting = _upsert(
        Meeting,
        {
            "kind": MeetingKind.SUPPLEMENTARY,
            "title": "Supplementary meetings on elements of national and international roadmaps",
        },
        start_date=None,
        end_date=None,
        status=MeetingStatus.TO_BE_CONFIRMED,
        purpose="Focused discussion on elements of national roadmaps or international roadmaps.",
        summary="In partnership with OECD, the European Commission and INGSA, among others.",
        source=SOURCE,
    )
    _hosts(meeting, orgs, [(a, HostRole.PARTNER) for a in ("OECD", "EC", "INGSA")])


def _ordinal(n: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")


def _hosts(meeting: Meeting, orgs: dict, hosts: list) -> None:
    keep = [orgs[acronym].pk for acronym, _role in hosts]
    # Roles the text does not state are not kept from earlier loads.
    MeetingHost.objects.filter(meeting=meeting).exclude(organisation_id__in=keep).delete()
    for acronym, role in hosts:
        _upsert(MeetingHost, {"meeting": meeting, "organisation": orgs[acronym]}, role=role)


def _advisory_group(orgs: dict) -> None:
    for acronym in ("WB", "UN DESA"):
        _upsert(
            AdvisoryGroupMembership,
            {"organisation": orgs[acronym]},
            role=AdvisoryRole.COORDINATOR,
            start_on=None,  # the text gives no term
            responsibilities="Overall coordination and facilitation.",
            source=SOURCE,
        )
    # "The IATT sub-working group members will be the implementing organizations": the text
    # names none of them, so none is recorded here.
    for order, text in enumerate(RESPONSIBILITIES, start=1):
        _upsert(AdvisoryResponsibility, {"order": order}, text=text, source=SOURCE)


def _tracks(orgs: dict) -> dict:
    regions = {r.name: r for r in Region.objects.filter(level="region")}
    spec = {
        "Asia": ("ESCAP", ["ASEAN", "AsDB"]),
        "Africa": ("ECA", ["TICAD", "AfDB"]),
    }
    tracks = {}
    for region, (partner, possible) in spec.items():
        track = _upsert(
            RegionalTrack,
            {"slug": f"{region.lower()}-track"},
            name=f"{region} regional track",
            region=regions[region],
            description=(
                f"Organised by the IATT in partnership with regional commissions: {region}, "
                f"with {partner} and possibly {' and '.join(possible)}."
            ),
        )
        _upsert(
            RegionalTrackPartner,
            {"track": track, "organisation": orgs[partner]},
            role=TrackPartnerRole.PARTNER,
        )
        for acronym in possible:
            _upsert(
                RegionalTrackPartner,
                {"track": track, "organisation": orgs[acronym]},
                role=TrackPartnerRole.POSSIBLE,
            )
        tracks[region] = track
    return tracks
