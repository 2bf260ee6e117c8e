"""Fixtures for API tests: a client per role (partners and staff by token, others by session),
objects on both sides of every scope line, and write payloads."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from guidebook.choices import EditionStatus
from pilots.choices import PilotStatus
from pilots.models import Country, Pilot, PilotStep, Region, TaskTeamPerson
from portal.models import CountryRecordLink, PeerExchangeRequest
from programme.models import WorkProgrammeComponent
from roadmaps.choices import VersionStatus
from roadmaps.models import (
    Assessment,
    Criterion,
    FeedbackReply,
    Goal,
    PublicReleaseConsent,
    RoadmapTarget,
    Rubric,
    Target,
    TargetLink,
)
from tests.factories import (
    MINIMAL_PDF,
    AdvisoryGroupMembershipFactory,
    BackgroundPaperFactory,
    ChapterDraftFactory,
    ChapterFactory,
    CommentFactory,
    GuidebookEditionFactory,
    InvitationFactory,
    MeetingFactory,
    MilestoneFactory,
    OrganisationFactory,
    OutlineVersionFactory,
    PilotFactory,
    PilotSupportFactory,
    ReviewAssignmentFactory,
    RoadmapFactory,
    RoadmapVersionFactory,
    api_token_for,
    country,
    current_rubric,
    finalised_assessment,
)
from tests.matrix import API_COLUMNS, World, shared_world
from tests.monitoring.objects import monitoring_api_objects

# The permission table's columns, by name (tests/matrix.py: the same roles as the web tables,
# the secretariat once more by token).
ROLES = [
    f"{role}_token" if token and role == "secretariat" else role for role, token in API_COLUMNS
]


@pytest.fixture(autouse=True)
def _generous_rate_limits(settings):
    # Tests make many calls a minute; the limits themselves are tested with low rates.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"burst": "100000/min", "sustained": "100000/hour"},
    }
    yield
    cache.clear()


@dataclass(frozen=True)
class OpenApiDocument:
    content: bytes
    # What drf-spectacular warned of, or called an error, while generating it.
    warnings: tuple[str, ...]


@pytest.fixture(scope="session")
def openapi_generated(django_db_setup, django_db_blocker) -> OpenApiDocument:
    """The OpenAPI schema as the API serves it (JSON), generated once per test process (the
    schema view keeps it per language, config/api.py): it is built from the code, not from any
    row, and takes seconds to build. Generated here afresh, with drf-spectacular's warnings."""
    from drf_spectacular.drainage import GENERATOR_STATS

    from config.api import ApiSchemaView

    ApiSchemaView._generated.clear()
    GENERATOR_STATS.reset()
    with django_db_blocker.unblock():
        response = Client().get(
            "/api/v1/schema/", headers={"accept": "application/vnd.oai.openapi+json"}
        )
    assert response.status_code == 200
    warnings = (*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache)
    return OpenApiDocument(content=response.content, warnings=tuple(warnings))


@pytest.fixture(scope="session")
def openapi_document(openapi_generated) -> bytes:
    return openapi_generated.content


@pytest.fixture
def openapi_schema(openapi_document) -> dict:
    """The OpenAPI schema, parsed afresh for each test (a test may change its copy)."""
    return json.loads(openapi_document)


def token_client(key: str) -> Client:
    return Client(headers={"authorization": f"Token {key}"})


@pytest.fixture
def partner_token(partner_user):
    return api_token_for(partner_user)


@pytest.fixture
def partner_api_client(partner_token):
    return token_client(partner_token[1])


@pytest.fixture
def staff_api_client(secretariat_user):
    return token_client(api_token_for(secretariat_user)[1])


@pytest.fixture(scope="module")
def api_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The role users, their API tokens and the objects of `build_api_objects`, built once for
    the test module (tests/matrix.py); each test runs in a savepoint on them."""
    media = tmp_path_factory.mktemp("api-world-media")
    with shared_world(django_db_blocker, media, build_api_objects) as world:
        yield world


@pytest.fixture
def api_clients(api_world, db, settings):
    """Every column's client by name, in the permission table's order, for one test."""
    settings.PRIVATE_MEDIA_ROOT = settings.MEDIA_ROOT = api_world.media_root
    return {
        name: api_world.client(role, token=token)
        for name, (role, token) in zip(ROLES, API_COLUMNS, strict=True)
    }


@pytest.fixture
def api_objects(api_world, api_clients):
    """The shared objects by key (callables make a fresh one per call)."""
    return api_world.objects


def build_api_objects(world: World) -> dict:
    """One object per scope case: public, own country (Ghana), other country, staff only. The
    reviewer column's user is really assigned to Ghana's version under review."""
    ghana, kenya = country("GHA"), country("KEN")
    focal_point_user = world.users["focal_own"]
    advisory_user = world.users["advisory"]
    reviewer_user = world.users["reviewer"]
    world.tokens = {
        role: api_token_for(world.users[role])[1] for role, token in API_COLUMNS if token
    }
    roadmap_published = RoadmapFactory(country=kenya)
    version_published = RoadmapVersionFactory(
        roadmap=roadmap_published, status=VersionStatus.PUBLISHED
    )
    roadmap_draft_own = RoadmapFactory(country=ghana)
    version_draft_own = RoadmapVersionFactory(roadmap=roadmap_draft_own)
    edition_public = GuidebookEditionFactory(status=EditionStatus.PUBLISHED)
    edition_drafting = GuidebookEditionFactory(status=EditionStatus.DRAFTING)
    chapter_public = ChapterFactory(edition=edition_public)
    # Ghana's focal point is invited to contribute to this chapter; nobody else in the table is.
    chapter_invited = ChapterFactory(edition=edition_drafting)
    InvitationFactory(chapter=chapter_invited, user=focal_point_user)
    draft_invited = ChapterDraftFactory(chapter=chapter_invited)
    version_returned_own = RoadmapVersionFactory(
        roadmap=roadmap_draft_own, status=VersionStatus.RETURNED
    )
    version_under_review_own = RoadmapVersionFactory(
        roadmap=roadmap_draft_own, status=VersionStatus.UNDER_REVIEW
    )
    scores = dict.fromkeys(range(1, 11), 2)
    assessment_open_own = Assessment.objects.create(
        version=version_under_review_own, rubric=current_rubric()
    )
    ReviewAssignmentFactory(version=version_under_review_own, reviewer=reviewer_user)
    return {
        # Callables make a fresh object for every call, for routes that change state.
        # A draft on a roadmap of its own: one draft per roadmap is with the secretariat at a
        # time, so each submission needs a roadmap with nothing pending.
        "new_draft_own": lambda: RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana)),
        "new_pilot": lambda: PilotFactory(
            country=Country.objects.filter(pilot__isnull=True).order_by("pk").first(),
            status=PilotStatus.ACCEPTED,
        ),
        "assessment_published": finalised_assessment(version_published, scores),
        "assessment_returned_own": finalised_assessment(version_returned_own, scores),
        "assessment_open_own": assessment_open_own,
        "version_assigned": version_under_review_own,
        "organisation": OrganisationFactory(),
        "milestone_public": MilestoneFactory(is_public=True),
        "milestone_own": MilestoneFactory(is_public=False, country=ghana),
        "region": Region.objects.filter(parent__isnull=True).first(),
        "country": ghana,
        "pilot": PilotFactory(country=ghana),
        "goal": Goal.objects.get(number=9),
        "target": Target.objects.get(code="9.5"),
        "rubric": Rubric.objects.get(version=1),
        "criterion": Criterion.objects.filter(rubric__version=1, number=1).get(),
        "roadmap_published": roadmap_published,
        "roadmap_draft_own": roadmap_draft_own,
        "version_published": version_published,
        "version_draft_own": version_draft_own,
        "meeting_public": MeetingFactory(is_public=True),
        "meeting_private": MeetingFactory(is_public=False),
        "advisory_membership": AdvisoryGroupMembershipFactory(),
        "edition": edition_public,
        "edition_private": GuidebookEditionFactory(status=EditionStatus.DRAFTING),
        "chapter_public": chapter_public,
        "chapter_private": ChapterFactory(edition=edition_drafting),
        "chapter_invited": chapter_invited,
        "draft_public": ChapterDraftFactory(chapter=chapter_public),
        "draft_invited": draft_invited,
        "comment_invited": CommentFactory(draft=draft_invited),
        "outline_public": OutlineVersionFactory(edition=edition_public),
        "outline_invited": OutlineVersionFactory(edition=edition_drafting),
        "paper": BackgroundPaperFactory(),
        **_meeting_objects(advisory_user, focal_point_user),
        # What a country keeps of its own record (Ghana's here).
        **_country_kept_objects(ghana, roadmap_draft_own, focal_point_user),
        # Monitoring (results frameworks, periods, country updates).
        **monitoring_api_objects(
            version_published=version_published, version_draft_own=version_draft_own
        ),
    }


def _published_ghana_version():
    """A published version of a roadmap of Ghana's of its own (one consent per version)."""
    roadmap = RoadmapFactory(country=country("GHA"))
    return RoadmapVersionFactory(roadmap=roadmap, status=VersionStatus.PUBLISHED)


def _consent_own():
    return PublicReleaseConsent.objects.create(
        version=_published_ghana_version(), given_by="Minister", given_on=dt.date(2021, 3, 1),
        evidence="Letter",
    )  # fmt: skip


def _roadmap_with_two_targets():
    """A roadmap of Ghana's listing targets 9.5 and 4.4 (a link between them is once per
    roadmap, so each call that links them needs its own)."""
    roadmap = RoadmapFactory(country=country("GHA"))
    for code in ("9.5", "4.4"):
        RoadmapTarget.objects.create(roadmap=roadmap, target=Target.objects.get(code=code))
    return roadmap


def _new_target_link():
    return TargetLink.objects.create(
        roadmap=_roadmap_with_two_targets(), from_target=Target.objects.get(code="9.5"),
        to_target=Target.objects.get(code="4.4"), kind="trade_off",
    )  # fmt: skip


def _country_kept_objects(ghana, roadmap_draft_own, focal_point_user) -> dict:
    pilot = PilotFactory(country=country("CIV"))  # a pilot whose record is nobody's in the table
    ghana_pilot = Pilot.objects.get(country=ghana)
    linked = _roadmap_with_two_targets()
    returned = RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana),
                                     status=VersionStatus.RETURNED)  # fmt: skip
    return {
        "pilot_step_own": PilotStep.objects.create(pilot=ghana_pilot, step=1),
        "pilot_step_nobodys": PilotStep.objects.create(pilot=pilot, step=1),
        "person_own": TaskTeamPerson.objects.create(
            pilot=ghana_pilot, name="Ama Mensah", contact="ama@example.org"
        ),
        "new_person_own": lambda: TaskTeamPerson.objects.create(
            pilot=ghana_pilot, name=f"Person {next(_unique)}"
        ),
        "roadmap_target_own": RoadmapTarget.objects.create(
            roadmap=roadmap_draft_own, target=Target.objects.get(code="9.1")
        ),
        "new_roadmap_target_own": lambda: RoadmapTarget.objects.create(
            roadmap=_roadmap_with_two_targets(), target=Target.objects.get(code="9.1")
        ),
        "target_link_own": TargetLink.objects.create(
            roadmap=linked,
            from_target=Target.objects.get(code="9.5"),
            to_target=Target.objects.get(code="4.4"),
            kind="synergy",
        ),
        "new_target_link_own": _new_target_link,
        "consent_own": _consent_own(),
        "new_consent_own": _consent_own,
        "reply_own": FeedbackReply.objects.create(
            version=returned, body="Revised.", author=focal_point_user
        ),
        "country_record": CountryRecordLink.objects.create(
            country=ghana, source="stip_compass", record="countries/gha"
        ),
        "exchange_request_own": PeerExchangeRequest.objects.create(
            learner=ghana_pilot, suggested_peer=pilot, topic="Task teams"
        ),
    }


def _meeting_objects(advisory_user, focal_point_user) -> dict:
    """Meetings' records: on a public meeting, and on one still being planned (not public)."""
    from egm.models import AdvisoryResponsibility, MeetingSeries, Outcome, PlanningComment, Theme
    from egm.models import RegionalTrack as Track
    from tests.factories import (
        AgendaSessionFactory,
        ParticipantFactory,
        action_item,
        meeting_document,
    )

    public = MeetingFactory(is_public=True)
    private = MeetingFactory(is_public=False)
    upcoming = MeetingFactory(is_public=True, upcoming=True)
    text_version = meeting_document(public)
    return {
        "egm_meeting": public,
        # Still to come: invitations, answers and registration.
        "meeting_upcoming": upcoming,
        # Ghana's focal point is invited to it (their own invitation, listed to nobody).
        "participant_answer_own": ParticipantFactory(meeting=upcoming, user=focal_point_user),
        "participant": ParticipantFactory(meeting=public),
        "participant_private": ParticipantFactory(meeting=private),
        # Listed, by the person's own choice, to partners only / to signed-in users only.
        "participant_to_partners": ParticipantFactory(meeting=public, listed_to_partners=True),
        "participant_to_users": ParticipantFactory(meeting=public, listed_to_users=True),
        "new_participant": lambda: ParticipantFactory(meeting=public),
        "session": AgendaSessionFactory(meeting=public),
        "document": text_version.document,
        "document_version": text_version,
        "document_version_file": meeting_document(public, pdf=True),
        "outcome": Outcome.objects.create(meeting=public, title="Shared understanding"),
        "action_item": action_item(public),
        "action_item_advisory": action_item(public, owner=advisory_user),
        "comment": PlanningComment.objects.create(
            meeting=private, author=advisory_user, body="Invite the regional commissions."
        ),
        "track": Track.objects.create(name="Asia regional track", slug="asia-track"),
        "series": MeetingSeries.objects.create(name="EGMs", slug="egm"),
        "theme": Theme.objects.create(name="Fragmented support", slug="fragmented-support"),
        "advisory_responsibility": AdvisoryResponsibility.objects.create(
            order=1, text="Guide the planning of EGMs."
        ),
        # Work programme.
        "component": WorkProgrammeComponent.objects.create(name="Peer learning", slug="peer"),
        "support_announced": PilotSupportFactory(
            pilot=PilotFactory(country=country("NGA"), status=PilotStatus.ACTIVE)
        ),
        "support_unannounced": PilotSupportFactory(
            pilot=PilotFactory(country=country("SEN"), status=PilotStatus.INTERESTED)
        ),
    }


_unique = itertools.count(1)

# A valid body for creating (POST, PUT) or changing (PATCH) each writable resource; every call
# gives fresh unique names.
PAYLOADS = {
    "organisation": lambda n: {"name": f"Institute {n}", "slug": f"inst-{n}", "kind": "research"},
    "milestone": lambda n: {"title": f"Report {n}", "kind": "programme", "due_on": "2030-06-30"},
    "meeting": lambda n: {
        "kind": "supplementary",
        "title": f"Workshop {n}",
        "status": "planned",
        "start_date": "2030-03-02",
        "end_date": "2030-03-03",
    },
}
PATCHES = {
    "pilot-step": lambda n: {"notes": f"Changed {n}"},
    "organisation": lambda n: {"name": f"Renamed institute {n}"},
    "milestone": lambda n: {"title": f"Renamed report {n}"},
    "meeting": lambda n: {"title": f"Renamed workshop {n}"},
}


# Bodies of the routes that are actions rather than a resource's create or change, by route name
# (each maker gets the objects, for ids). Uploads are multipart.
ACTION_PAYLOADS = {
    "api:roadmap-version-list": lambda n, objects: {
        "roadmap": objects["roadmap_draft_own"].pk,
        "file": SimpleUploadedFile(f"draft-{n}.pdf", MINIMAL_PDF, "application/pdf"),
        "change_summary": f"Draft {n}",
    },
    "api:roadmap-version-transition": lambda n, objects: {"to_status": "submitted"},
    "api:pilot-transition": lambda n, objects: {"to_status": "active", "reason": f"Move {n}"},
    "api:guidebook-comment-list": lambda n, objects: {
        "draft": objects["draft_invited"].pk,
        "body": f"Comment {n}",
    },
}
MULTIPART = frozenset({("api:roadmap-version-list", "POST")})


def _pilot_of(code: str):
    return Pilot.objects.get(country__iso3=code)


# What a country keeps of its own record: bodies naming Ghana's records (fresh ones where a
# record is once per version or roadmap).
ACTION_PAYLOADS.update(
    {
        "api:pilot-step-list": lambda n, o: {
            "pilot": _pilot_of("GHA").pk, "step": 2, "status": "in_progress",
            "notes": f"Workshop {n}", "evidence_links": ["https://example.org/step2.pdf"],
        },
        "api:task-team-person-list": lambda n, o: {
            "pilot": _pilot_of("GHA").pk, "name": f"Person {n}", "role": "member",
            "contact": f"p{n}@example.org",
        },
        "api:roadmap-target-list": lambda n, o: {
            "roadmap": o["roadmap_draft_own"].pk, "target": "4.4", "priority": "secondary",
        },
        "api:target-link-list": lambda n, o: {
            "roadmap": _roadmap_with_two_targets().pk, "from_target": "9.5",
            "to_target": "4.4", "kind": "synergy", "note": f"Link {n}",
        },
        "api:public-release-consent-list": lambda n, o: {
            "version": _published_ghana_version().pk, "given_by": "Minister",
            "given_on": "2021-03-01", "evidence": f"Letter {n}",
        },
        "api:public-release-consent-withdraw": lambda n, o: {},
        "api:feedback-reply-list": lambda n, o: {
            "version": RoadmapVersionFactory(
                roadmap=RoadmapFactory(country=country("GHA")), status=VersionStatus.RETURNED
            ).pk,
            "body": f"Reply {n}",
        },
        "api:country-record-list": lambda n, o: {
            "country": country("GHA").pk, "source": "go_spin", "record": f"gha-{n}",
        },
        "api:peer-exchange-request-list": lambda n, o: {
            "learner": _pilot_of("GHA").pk, "suggested_peer": o["support_announced"].pilot_id,
            "topic": f"Exchange {n}",
        },
    }
)  # fmt: skip


# Meetings' records: bodies that name other objects (the meeting, an owner), by route and method.
OBJECT_PAYLOADS = {
    ("api:meeting-participant-list", "POST"): lambda n, o: {
        "meeting": o["egm_meeting"].pk,
        "full_name": f"Person {n}",
        "level": "expert",
        # The meeting is over: nobody is added to it as invited.
        "status": "attended",
    },
    ("api:meeting-participant-detail", "PUT"): lambda n, o: {
        "meeting": o["egm_meeting"].pk,
        "full_name": f"Renamed person {n}",
        "level": "practitioner",
    },
    ("api:meeting-participant-detail", "PATCH"): lambda n, o: {"status": "registered"},
    ("api:meeting-session-list", "POST"): lambda n, o: {
        "meeting": o["egm_meeting"].pk,
        "title": f"Panel {n}",
        "day": "2019-05-15",
        "start_time": "14:00",
        "end_time": "15:00",
    },
    ("api:meeting-session-detail", "PUT"): lambda n, o: {
        "meeting": o["egm_meeting"].pk,
        "title": f"Panel {n}",
        "day": "2019-05-14",
        "start_time": "09:00",
        "end_time": "10:00",
    },
    ("api:meeting-session-detail", "PATCH"): lambda n, o: {"title": f"Renamed panel {n}"},
    ("api:meeting-document-list", "POST"): lambda n, o: {
        "meeting": o["egm_meeting"].pk,
        "kind": "material",
        "title": f"Note {n}",
        "body": f"Background note {n}.",
    },
    ("api:meeting-document-versions", "POST"): lambda n, o: {
        "file": SimpleUploadedFile(f"note-{n}.pdf", MINIMAL_PDF, "application/pdf"),
        "note": "Revised.",
    },
    ("api:meeting-outcome-list", "POST"): lambda n, o: {
        "meeting": o["egm_meeting"].pk,
        "title": f"Outcome {n}",
    },
    ("api:meeting-outcome-detail", "PUT"): lambda n, o: {
        "meeting": o["egm_meeting"].pk,
        "title": f"Outcome {n}",
        "description": "**Agreed**.",
    },
    ("api:meeting-outcome-detail", "PATCH"): lambda n, o: {"title": f"Renamed outcome {n}"},
    ("api:meeting-action-list", "POST"): lambda n, o: {
        "meeting": o["egm_meeting"].pk,
        "title": f"Action {n}",
        "owner": o["action_item"].owner_id,
        "due_on": "2030-02-28",
    },
    ("api:meeting-action-detail", "PUT"): lambda n, o: {
        "meeting": o["egm_meeting"].pk,
        "title": f"Action {n}",
        "owner": o["action_item"].owner_id,
        "due_on": "2030-03-31",
        "status": "in_progress",
    },
    ("api:meeting-action-detail", "PATCH"): lambda n, o: {"status": "in_progress"},
    ("api:meeting-comment-list", "POST"): lambda n, o: {
        "meeting": o["egm_meeting"].pk,
        "body": f"Remark {n}",
    },
    ("api:pilot-step-detail", "PUT"): lambda n, o: {
        "pilot": o["pilot_step_own"].pilot_id,
        "step": 1,
        "status": "in_progress",
        "notes": f"Replaced {n}",
    },
    ("api:meeting-invitations", "POST"): lambda n, o: {
        "addresses": [f"Person {n} <person{n}@example.org>"],
    },
    ("api:meeting-attendance", "POST"): lambda n, o: {"attended": [o["participant"].pk]},
    ("api:meeting-registration", "POST"): lambda n, o: {"registration_open": True},
    ("api:meeting-participant-answer", "POST"): lambda n, o: {
        "answer": "registered",
        "attendance_mode": "online",
        "needs": f"Need {n}",
    },
    ("api:meeting-participants-import", "POST"): lambda n, o: {
        "file": SimpleUploadedFile(
            f"list-{n}.csv", f"name,level\nImported {n},expert\n".encode(), "text/csv"
        ),
        "mode": "preview",
    },
}
MULTIPART = MULTIPART | {
    ("api:meeting-document-list", "POST"),
    ("api:meeting-document-versions", "POST"),
    ("api:meeting-participants-import", "POST"),
}


def payload_for(name: str, method: str, objects: dict | None = None) -> dict | None:
    """A fresh valid body for calling route `name` with `method` (None if it takes none)."""
    if (name, method) in OBJECT_PAYLOADS:
        return OBJECT_PAYLOADS[(name, method)](next(_unique), objects or {})
    if method == "POST" and name in ACTION_PAYLOADS:
        return ACTION_PAYLOADS[name](next(_unique), objects or {})
    basename = name.removeprefix("api:").rsplit("-", 1)[0]
    table = PATCHES if method == "PATCH" else PAYLOADS
    maker = table.get(basename)
    return maker(next(_unique)) if maker else None
