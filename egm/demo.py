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

from base.dates import DatePrecision
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
from programme.demo import RECORD_URLS, sources

SOURCE = "IATT, STI for SDGs Roadmaps: work programme presentation (2018)"
D = dt.date


def _upsert(model, lookup: dict, **values):
    obj = model.objects.filter(**lookup).first() or model(**lookup)
    for field, value in values.items():
        setattr(obj, field, value)
    obj.full_clean()
    obj.save()
    return obj


# The text's "further questions & challenges", which EGMs take up: its headings as names (theme
# 1 in its own words) and its questions as descriptions.
THEMES = [
    ("regional-organisations", "Roles of international and supranational policy guidance and assistance", "What next steps can members of these organizations take to learn from each other and strengthen the necessary capabilities to harness STI for the SDGs, generating regional or collective goods and addressing collective challenges?"),
    ("un-business-models", "UN agencies' business models in support of STI roadmaps", "How best can UN agencies join forces to synergize, and harmonize where appropriate, methodologies and approaches to fit countries' demands and fill the gaps, at scale, while acknowledging and accommodating diversity of realities and circumstances countries face?"),
    ("donor-strategies", "STI strategies by donor countries and agencies", "In a fiscally constrained and interconnected world, what international STI cooperation strategies by and among developed countries can best harness STI as a 'bridging force' to serve both national and global interests?"),
    ("methodologies", "Methodologies for helping governments think through STI's role in meeting the SDGs", "There are various approaches but still no readily available methodology, particularly for developing countries."),
    ("fragmented-support", "Fragmented support and no coherent framework", "Efforts potentially supporting STI roadmaps are fragmented at international, regional, national and sub-national levels, and do not necessarily have the SDGs as a focus; there is no coherent framework that guides policymakers and development practitioners to better achieve the SDGs through STI."),
]  # fmt: skip

# The themes in French and Spanish (our translation of the 2018 text).
THEME_TRANSLATIONS = {
    "regional-organisations": {
        "fr": {"name": "Rôle de l'orientation et de l'assistance politiques internationales et supranationales", "description": "Quelles prochaines étapes les membres de ces organisations peuvent-ils franchir pour apprendre les uns des autres et renforcer les capacités nécessaires pour mettre la STI au service des ODD, en produisant des biens régionaux ou collectifs et en relevant des défis collectifs ?"},
        "es": {"name": "Función de la orientación y la asistencia en materia de políticas internacionales y supranacionales", "description": "¿Qué próximos pasos pueden dar los miembros de estas organizaciones para aprender unos de otros y reforzar las capacidades necesarias para aprovechar la CTI en favor de los ODS, generando bienes regionales o colectivos y abordando retos colectivos?"},
    },
    "un-business-models": {
        "fr": {"name": "Modèles d'activité des organismes des Nations Unies à l'appui des feuilles de route STI", "description": "Comment les organismes des Nations Unies peuvent-ils au mieux unir leurs forces pour créer des synergies et, le cas échéant, harmoniser les méthodes et les approches afin de répondre à la demande des pays et de combler les lacunes, à grande échelle, tout en tenant compte de la diversité des réalités et des situations des pays ?"},
        "es": {"name": "Modelos de actividad de los organismos de las Naciones Unidas en apoyo de las hojas de ruta de CTI", "description": "¿Cómo pueden los organismos de las Naciones Unidas unir mejor sus fuerzas para crear sinergias y, cuando proceda, armonizar metodologías y enfoques que respondan a la demanda de los países y colmen las lagunas, a escala, reconociendo y teniendo en cuenta la diversidad de realidades y circunstancias de los países?"},
    },
    "donor-strategies": {
        "fr": {"name": "Stratégies STI des pays et organismes donateurs", "description": "Dans un monde aux finances contraintes et interconnecté, quelles stratégies de coopération internationale en matière de STI, par et entre les pays développés, peuvent le mieux faire de la STI une « force de liaison » au service des intérêts nationaux et mondiaux ?"},
        "es": {"name": "Estrategias de CTI de los países y organismos donantes", "description": "En un mundo interconectado y con limitaciones fiscales, ¿qué estrategias de cooperación internacional en CTI, por y entre los países desarrollados, pueden aprovechar mejor la CTI como «fuerza de unión» al servicio de los intereses nacionales y mundiales?"},
    },
    "methodologies": {
        "fr": {"name": "Méthodes pour aider les gouvernements à penser le rôle de la STI dans la réalisation des ODD", "description": "Diverses approches existent, mais toujours aucune méthode directement utilisable, en particulier pour les pays en développement."},
        "es": {"name": "Metodologías para ayudar a los gobiernos a pensar el papel de la CTI en el logro de los ODS", "description": "Existen diversos enfoques, pero todavía ninguna metodología lista para usar, en particular para los países en desarrollo."},
    },
    "fragmented-support": {
        "fr": {"name": "Un appui fragmenté, sans cadre cohérent", "description": "Les efforts susceptibles d'appuyer les feuilles de route STI sont fragmentés aux niveaux international, régional, national et infranational, et ne sont pas nécessairement centrés sur les ODD ; aucun cadre cohérent ne guide les décideurs et les praticiens du développement pour mieux atteindre les ODD grâce à la STI."},
        "es": {"name": "Apoyo fragmentado y sin un marco coherente", "description": "Los esfuerzos que podrían apoyar las hojas de ruta de CTI están fragmentados en los niveles internacional, regional, nacional y subnacional, y no siempre se centran en los ODS; no hay un marco coherente que oriente a los responsables de políticas y a los profesionales del desarrollo para alcanzar mejor los ODS mediante la CTI."},
    },
}  # fmt: skip

# The EGMs held: (sequence, city, venue, country ISO3, start, end, hosts, summary, source keys).
EGMS = [
    (1, "New York", "", "USA", D(2018, 3, 26), D(2018, 3, 27), [], "The first EGM took place on 26-27 March 2018 in New York.", ("WP2018", "P1")),
    (2, "Tokyo", "Miraikan", "JPN", D(2018, 5, 8), D(2018, 5, 9), [], "The second EGM was held on 8-9 May 2018 at Miraikan, Tokyo.", ("WP2018", "P1")),
    (3, "Brussels", "", "BEL", D(2018, 11, 27), D(2018, 11, 29), [("JRC", HostRole.CO_HOST), ("G-STIC", HostRole.CO_HOST)], "One of the two additional global EGMs (Europe), co-hosted by the EU/JRC and G-STIC.", ("WP2018", "P1")),
    (4, "Nairobi", "", "KEN", D(2019, 4, 1), D(2019, 4, 3), [], "An EGM on STI roadmaps held in Nairobi, 1-3 April 2019; it made recommendations for the finalisation of the Guidebook.", ("P1", "P2")),
]  # fmt: skip
NAIROBI_PLANNED = (
    "The 2018 text planned the other additional EGM in Asia: Bangkok, 7-8 February 2019 (tbc). "
    "The record has no Bangkok meeting; the consultation held was in Nairobi."
)
BANGKOK_TITLE = "Planned Expert Group Meeting in Bangkok"

RESPONSIBILITIES = [
    "Guide the key activities on planning EGMs.",
    "Developing the Guidebook and organising other activities.",
    "Overall coordination and facilitation (the World Bank and UN DESA).",
]


def load(*, orgs: dict, countries: dict) -> None:
    """Load the meetings, tracks, themes and advisory group; `orgs` by acronym, `countries`
    by ISO3 (as seed_demo has them)."""
    themes = {
        slug: _upsert(
            Theme,
            {"slug": slug},
            name=name,
            description=text,
            source=SOURCE,
            translations=THEME_TRANSLATIONS[slug],
        )
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
    # The 2018 text's 4th EGM in Bangkok (tbc): planned, but not on the record. Kept with the
    # plan beside it and no number, so the Nairobi EGM the record shows is the 4th.
    bangkok = Meeting.objects.filter(kind=MeetingKind.EGM, city="Bangkok").first()
    bangkok = _upsert(
        Meeting,
        {"pk": bangkok.pk} if bangkok else {"kind": MeetingKind.EGM, "title": BANGKOK_TITLE},
        kind=MeetingKind.EGM,
        sequence=None,
        title=BANGKOK_TITLE,
        series=series,
        start_date=None,
        end_date=None,
        planned_start_date=D(2019, 2, 7),
        planned_end_date=D(2019, 2, 8),
        planned_note=(
            "Planned in the 2018 text as the 4th EGM, in Bangkok (tbc). The public record has no "
            "Bangkok meeting: the consultation held was in Nairobi, 1-3 April 2019."
        ),
        city="Bangkok",
        venue="",
        country=countries["THA"],
        status=MeetingStatus.NOT_ON_RECORD,
        track=None,
        summary="",
        source=sources("WP2018", "P1", "P2"),
        source_url=RECORD_URLS["P1"],
    )
    _hosts(bangkok, orgs, [])
    for seq, city, venue, iso3, start, end, hosts, summary, keys in EGMS:
        meeting = _upsert(
            Meeting,
            {"kind": MeetingKind.EGM, "sequence": seq},
            title=f"{_ordinal(seq)} Expert Group Meeting on STI for SDGs roadmaps",
            series=series,
            start_date=start,
            end_date=end,
            planned_note=NAIROBI_PLANNED if city == "Nairobi" else "",
            city=city,
            venue=venue,
            country=countries[iso3],
            status=MeetingStatus.HELD,
            # The 4th EGM is a global EGM, not a regional-track meeting.
            track=None,
            summary=summary,
            expected_outcomes=(
                "Advanced planning state of national (champion countries) and international "
                "STI roadmaps; a refined version of the annotated outline of the Guidebook."
            ),
            source=sources(*keys),
            source_url=RECORD_URLS["P1"],
        )
        _hosts(meeting, orgs, hosts)
        if seq >= 3:
            meeting.themes.set(themes.values())
    _forum_2019(orgs, countries)
    _later_events(orgs, countries)
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


def _forum_2019(orgs: dict, countries: dict) -> None:
    """The 2019 STI Forum (held, 14-15 May 2019), where the 2018 text planned a session on
    STI roadmaps and a side event; the record shows the forum, not the side event."""
    forum = _upsert(
        Meeting,
        {"kind": MeetingKind.FORUM_SESSION, "title": "STI Forum 2019: session on STI roadmaps"},
        start_date=D(2019, 5, 14),
        end_date=D(2019, 5, 15),
        city="New York",
        venue="UN Headquarters",
        country=countries["USA"],
        status=MeetingStatus.HELD,
        summary=(
            "The fourth annual STI Forum was held on 14-15 May 2019 at UN Headquarters, New "
            "York; the 2018 text planned a session on STI roadmaps there."
        ),
        source=sources("WP2018", "P10"),
        source_url=RECORD_URLS["P10"],
    )
    _hosts(forum, orgs, [])
    side = _upsert(
        Meeting,
        {"kind": MeetingKind.SIDE_EVENT, "title": "STI Forum 2019: side event on STI roadmaps"},
        start_date=None,
        end_date=None,
        planned_start_date=D(2019, 5, 14),
        planned_end_date=D(2019, 5, 15),
        planned_note="Planned in the 2018 text; the record used here does not show it.",
        city="",
        venue="",
        country=None,
        status=MeetingStatus.NOT_ON_RECORD,
        source=sources("WP2018", "P10"),
    )
    _hosts(side, orgs, [])


def _later_events(orgs: dict, countries: dict) -> None:
    """What the record shows after the 2018 plan: the launch at the HLPF (July 2019, no day
    on record) and the STI Forum 2021 side event (3 May 2021)."""
    hlpf = _upsert(
        Meeting,
        {"kind": MeetingKind.HLPF, "title": "HLPF 2019: the Global Pilot Programme announced"},
        start_date=D(2019, 7, 1),
        end_date=D(2019, 7, 1),
        date_precision=DatePrecision.MONTH,
        status=MeetingStatus.HELD,
        summary=(
            "The Global Pilot Programme on STI for SDGs Roadmaps was announced at the HLPF in "
            "July 2019, with Ethiopia, Ghana, India, Kenya and Serbia as its first pilots; the "
            "programme started on 12 July 2019."
        ),
        source=sources("P1", "P3"),
        source_url=RECORD_URLS["P1"],
    )
    _hosts(hlpf, orgs, [])
    side_2021 = _upsert(
        Meeting,
        {
            "kind": MeetingKind.SIDE_EVENT,
            "title": "STI Forum 2021: high-level side event on STI for SDGs roadmaps",
        },
        start_date=D(2021, 5, 3),
        end_date=D(2021, 5, 3),
        status=MeetingStatus.HELD,
        summary=(
            "The Guidebook was presented and the Progress Report launched; Serbia had adopted "
            "its STI for SDGs roadmap by then. The IATT sub-working group is co-led by UN "
            "DESA, the World Bank, UNESCO, EC/JRC and UNCTAD."
        ),
        source=sources("P4", "P5"),
    )
    _hosts(side_2021, orgs, [])


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
