"""Test factories, one per model that tests build. Countries, SDGs and the rubric are
reference data: tests take them from the `reference_data` fixture instead of inventing them."""

from __future__ import annotations

import datetime as dt
import hashlib

import factory
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile

from egm.choices import MeetingKind, MeetingStatus
from egm.models import AdvisoryGroupMembership, Meeting, meeting_is_over
from guidebook.models import Chapter, GuidebookEdition
from pilots.choices import PilotKind, PilotStatus, SupportRole
from pilots.models import Country, FocalPoint, Pilot, PilotSupport
from programme.choices import MilestoneKind, OrganisationKind, Role
from programme.models import ApiToken, Milestone, Organisation, User
from programme.roles import grant_role
from roadmaps.choices import RoadmapKind, VersionStatus
from roadmaps.models import Roadmap, RoadmapVersion

# The smallest well-formed PDF: what a real upload starts with and ends with.
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


TEST_PASSWORD = "pw-for-tests-1"
_hashed: dict[str, str] = {}


def test_password_hash() -> str:
    """TEST_PASSWORD hashed once per hasher in use: a user is saved once, with it, instead of
    being saved again after `set_password` (each save writes a history record)."""
    from django.conf import settings

    hasher = settings.PASSWORD_HASHERS[0]
    if hasher not in _hashed:
        _hashed[hasher] = make_password(TEST_PASSWORD)
    return _hashed[hasher]


def country(iso3: str) -> Country:
    return Country.objects.get(iso3=iso3)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    acronym = factory.Sequence(lambda n: f"ORG{n}")
    slug = factory.Sequence(lambda n: f"org-{n}")
    kind = OrganisationKind.UN_ENTITY


class UserFactory(factory.django.DjangoModelFactory):
    """A user; `roles=[...]` grants roles, `countries=[...]` makes a focal point of them."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    password = factory.LazyFunction(test_password_hash)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or []:
            grant_role(self, role)

    @factory.post_generation
    def countries(self, create, extracted, **kwargs):
        for c in extracted or []:
            FocalPoint.objects.create(user=self, country=c, since=dt.date(2019, 1, 1))
        self.__dict__.pop("country_ids", None)


class PilotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pilot

    kind = PilotKind.NATIONAL
    status = PilotStatus.ACTIVE
    joined_on = dt.date(2019, 7, 9)


class RoadmapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Roadmap

    kind = RoadmapKind.NATIONAL
    title = factory.LazyAttribute(lambda r: f"{r.country} STI for SDGs roadmap")


class RoadmapVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoadmapVersion

    roadmap = factory.SubFactory(RoadmapFactory)
    number = factory.Sequence(lambda n: n + 1)
    status = VersionStatus.DRAFT
    file = factory.LazyFunction(lambda: ContentFile(MINIMAL_PDF, name="draft.pdf"))
    original_filename = "draft.pdf"
    content_type = "application/pdf"
    size = len(MINIMAL_PDF)
    sha256 = hashlib.sha256(MINIMAL_PDF).hexdigest()
    created_by = factory.SubFactory(UserFactory)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    kind = MeetingKind.SUPPLEMENTARY
    title = factory.Sequence(lambda n: f"Meeting {n}")
    status = MeetingStatus.PLANNED
    start_date = dt.date(2019, 5, 14)
    end_date = dt.date(2019, 5, 15)

    class Params:
        # A meeting still to come, whose participants are invited (not one that is over).
        upcoming = factory.Trait(
            start_date=factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=30)),
            end_date=factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=31)),
        )


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Milestone {n}")
    kind = MilestoneKind.PROGRAMME
    due_on = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=30))

    @factory.post_generation
    def owners(self, create, extracted, **kwargs):
        if create and extracted:
            self.owners.set(extracted)


class GuidebookEditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuidebookEdition

    title = "Guidebook"
    label = factory.Sequence(lambda n: f"Edition {n}")
    status = "planned"
    published_on = None
    # A published edition says in which year it came out.
    published_year = factory.LazyAttribute(
        lambda o: (
            (o.published_on.year if o.published_on else 2021) if o.status == "published" else None
        )
    )


class ChapterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Chapter

    edition = factory.SubFactory(GuidebookEditionFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Chapter {n}")


# --- Assessment against the effectiveness criteria -----------------------------------------


def current_rubric():
    """The rubric new assessments use (the service's own rule, so tests cannot drift from it)."""
    from roadmaps.services import current_rubric as service_current_rubric

    return service_current_rubric()


class ReviewAssignmentFactory(factory.django.DjangoModelFactory):
    """An assignment with its REVIEW milestone and an empty draft review (rubric v1)."""

    class Meta:
        model = "roadmaps.ReviewAssignment"
        skip_postgeneration_save = True

    version = factory.SubFactory(RoadmapVersionFactory, status=VersionStatus.SUBMITTED)
    reviewer = factory.SubFactory(UserFactory, roles=["reviewer"])
    assigned_by = factory.SubFactory(UserFactory, roles=["secretariat"])
    milestone = factory.SubFactory(MilestoneFactory, kind=MilestoneKind.REVIEW)

    @factory.post_generation
    def milestone_owners(self, create, extracted, **kwargs):
        if create and self.reviewer_id:  # an outside expert has no account to own it
            self.milestone.owners.set([self.reviewer])

    @factory.post_generation
    def review(self, create, extracted, **kwargs):
        from roadmaps.models import Assessment, Review

        rubric = current_rubric()
        Assessment.objects.get_or_create(version=self.version, defaults={"rubric": rubric})
        Review.objects.get_or_create(assignment=self, defaults={"rubric": rubric})


def review_scores(assignment, scores, *, submit=True):
    """Give an assignment's review `scores` (criterion number -> 0-4 or None for
    insufficient information), written directly, and submit it."""
    from django.utils import timezone

    from roadmaps.models import ReviewScore

    review = assignment.review
    criteria = {c.number: c for c in review.rubric.criteria.all()}
    ReviewScore.objects.bulk_create(
        ReviewScore(
            review=review,
            criterion=criteria[n],
            score=value,
            insufficient_information=value is None,
            justification=f"Evidence for criterion {n}.",
            evidence=f"p. {n}",
        )
        for n, value in scores.items()
    )
    if submit:
        review.status = "submitted"
        review.submitted_at = timezone.now()
        review.save()
    return review


def finalised_assessment(version, scores, *, comment="", show_reviewer_names=False):
    """A finalised assessment of `version` with consolidated `scores` (criterion number ->
    score or None for insufficient information), written directly, without reviews."""
    from decimal import Decimal

    from django.utils import timezone

    from roadmaps.models import Assessment, ConsolidatedScore

    rubric = current_rubric()
    assessment, _ = Assessment.objects.update_or_create(
        version=version,
        defaults={
            "rubric": rubric,
            "status": "finalised",
            "finalised_at": timezone.now(),
            "summary": "Feedback for the country.",
            "show_reviewer_names": show_reviewer_names,
        },
    )
    criteria = {c.number: c for c in rubric.criteria.all()}
    ConsolidatedScore.objects.bulk_create(
        ConsolidatedScore(
            assessment=assessment,
            criterion=criteria[n],
            score=None if value is None else Decimal(str(value)),
            insufficient_information=value is None,
            comment=comment or f"Comment on criterion {n}.",
        )
        for n, value in scores.items()
    )
    return assessment


def make_docx(extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal DOCX archive: the two entries the upload check looks for."""
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buf.getvalue()


def make_odt(mimetype: str = "application/vnd.oasis.opendocument.text") -> bytes:
    """A minimal ODT archive: a stored `mimetype` entry first, then content.xml."""
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>", zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def national_roadmap(country, **kwargs) -> Roadmap:
    """A country's roadmap (the thing focal points upload drafts of)."""
    return RoadmapFactory(country=country, **kwargs)


class AdvisoryGroupMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdvisoryGroupMembership

    organisation = factory.SubFactory(OrganisationFactory)


class PilotSupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PilotSupport

    organisation = factory.SubFactory(OrganisationFactory)
    role = SupportRole.SUPPORTER


def api_token_for(user, *, name: str = "Data hub", **kwargs) -> tuple[ApiToken, str]:
    """A token for `user` made the way the secretariat makes one; returns (token, key)."""
    from programme.services import api_token_create

    actor = UserFactory(roles=[Role.SECRETARIAT])
    return api_token_create(actor=actor, user=user, name=name, **kwargs)


# --- The Guidebook -------------------------------------------------------------------------


class ChapterDraftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "guidebook.ChapterDraft"

    chapter = factory.SubFactory(ChapterFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"# Draft {n}\n\n## Scope\n\nWhat the chapter covers.\n")


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "guidebook.Invitation"

    chapter = factory.SubFactory(ChapterFactory)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "guidebook.Comment"

    draft = factory.SubFactory(ChapterDraftFactory)
    body = factory.Sequence(lambda n: f"Comment {n}")
    author = factory.SubFactory(UserFactory)


class OutlineVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "guidebook.OutlineVersion"

    edition = factory.SubFactory(GuidebookEditionFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"## 1. Chapter\n\nOutline {n}\n")


class BackgroundPaperFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "guidebook.BackgroundPaper"

    title = factory.Sequence(lambda n: f"Background paper {n}")
    year = 2021
    url = factory.Sequence(lambda n: f"https://example.org/papers/{n}")


# --- Meetings: participants, agenda, documents, outcomes, action items --------------------------


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "egm.Participant"

    meeting = factory.SubFactory(MeetingFactory)
    full_name = factory.Sequence(lambda n: f"Participant {n}")
    level = "expert"
    # Nobody is invited to a meeting that is over (egm.models.Participant.clean).
    status = factory.LazyAttribute(
        lambda o: "attended" if meeting_is_over(o.meeting) else "invited"
    )
    email = factory.Sequence(lambda n: f"participant{n}@example.org")
    phone = "+1 212 555 0100"


class AgendaSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "egm.AgendaSession"

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    day = factory.LazyAttribute(lambda o: o.meeting.start_date)
    start_time = dt.time(9, 0)
    end_time = dt.time(10, 30)


def meeting_document(meeting, *, body: str = "Notes of the meeting.", pdf: bool = False):
    """A document of `meeting` with one version (a PDF file or Markdown text), made through
    the service as the secretariat makes it."""
    from egm.services import document_add

    actor = UserFactory(roles=[Role.SECRETARIAT])
    if pdf:
        return document_add(
            actor=actor,
            meeting=meeting,
            kind="material",
            title="Concept note",
            file=ContentFile(MINIMAL_PDF, name="concept.pdf"),
            filename="concept.pdf",
        )
    return document_add(actor=actor, meeting=meeting, kind="minutes", title="Minutes", body=body)


def action_item(meeting, *, owner=None, due_on=dt.date(2030, 1, 31), title="Follow up"):
    """An action item made through the service, with its milestone."""
    from egm.services import action_item_add

    actor = UserFactory(roles=[Role.SECRETARIAT])
    return action_item_add(
        actor=actor, meeting=meeting, title=title, owner=owner or actor, due_on=due_on
    )


# --- Monitoring (results frameworks, reporting periods, country updates) -------------------


def results_framework(version, *, actor=None, indicators: int = 1, baseline_year: int = 2020):
    """A framework for `version` with one objective, one action and `indicators` indicators
    (baseline 10 in %, targets 20 and 30 for the next two years), made through the services."""
    from decimal import Decimal

    from monitoring import services as monitoring_services

    actor = actor or UserFactory(roles=[Role.SECRETARIAT])
    framework = monitoring_services.framework_create(actor=actor, version=version)
    objective = monitoring_services.objective_save(
        actor=actor, framework=framework, title="Stronger research system"
    )
    action = monitoring_services.action_save(
        actor=actor, objective=objective, title="Fund research grants"
    )
    for n in range(indicators):
        monitoring_services.indicator_save(
            actor=actor,
            action=action,
            title=f"R&D spending {n + 1}",
            unit="% of GDP",
            baseline_value=Decimal("10"),
            baseline_year=baseline_year,
            targets={baseline_year + 1: Decimal("20"), baseline_year + 2: Decimal("30")},
        )
    return framework


def reporting_period(roadmap, *, actor=None, year: int = 2021):
    """A yearly reporting period of `roadmap`, due a month after the year ends."""
    from monitoring import services as monitoring_services

    actor = actor or UserFactory(roles=[Role.SECRETARIAT])
    return monitoring_services.period_create(
        actor=actor,
        roadmap=roadmap,
        starts_on=dt.date(year, 1, 1),
        ends_on=dt.date(year, 12, 31),
        due_on=dt.date(year + 1, 1, 31),
    )
