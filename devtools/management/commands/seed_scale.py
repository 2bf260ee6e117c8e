"""SYNTHETIC data at programme scale, for benchmarks (`make bench`) and nothing else.

Every pilot country gets a roadmap with twenty drafts, each decided draft a finalised
assessment scored by three reviewers, plus meetings and milestones by the hundred and thousand.
All of it is invented and says so: names start with "Synthetic", summaries and comments say
"synthetic scale-test data". Real countries appear only as the reference data they are; no
real country drafted, submitted or was scored like this. Never load it into a real database.

Idempotent: the demo data is loaded first (itself idempotent); then each part creates only
what is missing (a roadmap's drafts are made all at once or not at all, in one transaction),
so a second run creates nothing. Rows are written with bulk inserts: a few minutes at most.
A run that finds every part already there stops at once (`make bench` run again does not
reload anything); `--complete` checks and fills in each part anyway.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from decimal import Decimal

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from base.cache import generation_bump_all
from devtools.monitoring_scale import seed_monitoring_scale
from egm.choices import (
    HostRole,
    MeetingKind,
    MeetingStatus,
    ParticipantLevel,
    ParticipantStatus,
)
from egm.models import Meeting, MeetingHost, Participant
from monitoring.models import CountryUpdate
from pilots.choices import PilotKind, PilotStatus, RoadmapStep, StepStatus, SupportRole
from pilots.models import Country, FocalPoint, Pilot, PilotStatusChange, PilotStep, PilotSupport
from programme.choices import MilestoneKind, MilestoneStatus, OrganisationKind, Role
from programme.models import Milestone, Organisation, User
from programme.roles import ensure_role_groups
from roadmaps.choices import (
    MODERATION_SPREAD,
    AssessmentStatus,
    Priority,
    ReviewStatus,
    RoadmapKind,
    VersionStatus,
)
from roadmaps.models import (
    Assessment,
    ConsolidatedScore,
    Goal,
    Review,
    ReviewAssignment,
    ReviewScore,
    Roadmap,
    RoadmapGoal,
    RoadmapVersion,
    Rubric,
    VersionTransition,
)

MARK = "Synthetic scale-test data, not a real record."
PREFIX = "Synthetic"
VERSIONS_PER_ROADMAP = 20
REVIEWERS_PER_VERSION = 3
ORGANISATIONS = 300
REVIEWERS = 60
MEETINGS = 500
PARTICIPANTS_PER_MEETING = 40  # 20,000 in all
MILESTONES_TOTAL = 50_000
BATCH = 5_000
# One stored file shared by every synthetic draft, so downloads work at scale too.
FILE_NAME = "roadmaps/synthetic/scale-test-draft.pdf"
FILE_BODY = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

D = dt.date


def _bulk(model, rows, **kwargs):
    return model.objects.bulk_create(rows, batch_size=BATCH, **kwargs)


class Command(BaseCommand):
    help = "Load SYNTHETIC programme-scale data for benchmarks (idempotent; never in production)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--versions", type=int, default=VERSIONS_PER_ROADMAP, help="Drafts per roadmap."
        )
        parser.add_argument(
            "--milestones", type=int, default=MILESTONES_TOTAL, help="Milestones in all."
        )
        parser.add_argument(
            "--countries",
            type=int,
            default=0,
            help="At most this many synthetic pilot countries (0: every country without a pilot).",
        )
        parser.add_argument(
            "--complete",
            action="store_true",
            help="Check and fill in every part even when the data looks loaded already.",
        )
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Load even with DEBUG off (a scratch database on a production-like set-up).",
        )

    def handle(
        self,
        *args,
        versions: int,
        milestones: int,
        countries: int,
        complete: bool,
        allow_without_debug: bool,
        **options,
    ):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "DEBUG is off: this looks like a real deployment, and seed_scale writes "
                "synthetic data. Use a scratch database, or pass --allow-without-debug."
            )
        if (
            not complete
            and not countries
            and self._loaded(versions=versions, milestones=milestones)
        ):
            self.stdout.write(
                self.style.SUCCESS(
                    "Synthetic scale data already loaded (--complete checks every part)."
                )
            )
            return
        started = timezone.now()
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        self.rng = random.Random(2018)
        self.now = timezone.now()
        with transaction.atomic():
            groups = ensure_role_groups()
            self.secretariat = User.objects.get(username="secretariat")
            orgs = self._organisations()
            reviewers = self._users(groups, Role.REVIEWER, "reviewer", REVIEWERS, orgs)
            pilots = self._pilots(orgs, countries)
            self._focal_points(groups, pilots, orgs)
            self._roadmaps(pilots, reviewers, versions)
            # Every published roadmap: 5-15 indicators and four periods of updates.
            seed_monitoring_scale(rng=self.rng, actor=self.secretariat)
            self._meetings(orgs)
            self._participants(orgs)
            self._milestones(milestones)
        self._write_file()
        # Bulk inserts send no signals; every write of this command has committed by now.
        generation_bump_all(settled=True)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        seconds = (timezone.now() - started).total_seconds()
        counts = {
            "pilots": Pilot.objects.count(),
            "versions": RoadmapVersion.objects.count(),
            "transitions": VersionTransition.objects.count(),
            "assessments": Assessment.objects.count(),
            "review scores": ReviewScore.objects.count(),
            "consolidated scores": ConsolidatedScore.objects.count(),
            "meetings": Meeting.objects.count(),
            "participants": Participant.objects.count(),
            "milestones": Milestone.objects.count(),
            "country updates": CountryUpdate.objects.count(),
            "organisations": Organisation.objects.count(),
            "users": User.objects.count(),
        }
        for name, n in counts.items():
            self.stdout.write(f"  {name:<20} {n:>8,}")
        self.stdout.write(self.style.SUCCESS(f"Synthetic scale data ready in {seconds:.0f} s."))

    def _loaded(self, *, versions: int, milestones: int) -> bool:
        """Whether a full earlier run left its data: every country a pilot, every synthetic
        roadmap its drafts, the meetings, the milestones and the country updates."""
        synthetic = Roadmap.objects.filter(summary=MARK)
        short = synthetic.annotate(drafts=Count("versions")).filter(drafts__lt=versions)
        return (
            synthetic.exists()
            and not Country.objects.filter(pilot__isnull=True).exists()
            and not short.exists()
            and Meeting.objects.filter(title__startswith=f"{PREFIX} meeting ").count() >= MEETINGS
            and Milestone.objects.count() >= milestones
            and CountryUpdate.objects.exists()
        )

    def _new_pilot_countries(self, limit: int) -> list[Country]:
        """Countries without a pilot that get a synthetic one: all, or up to `limit` synthetic
        pilots in all (a smaller programme, grown by running again with a larger limit)."""
        free = Country.objects.filter(pilot__isnull=True).order_by("pk")
        if not limit:
            return list(free)
        have = Pilot.objects.filter(summary=MARK).count()
        return list(free[: max(0, limit - have)])

    # --- Directory ---------------------------------------------------------------------

    def _organisations(self) -> list[Organisation]:
        kinds = list(OrganisationKind.values)
        rows = [
            Organisation(
                name=f"{PREFIX} organisation {n:03d}",
                slug=f"synthetic-organisation-{n:03d}",
                kind=kinds[n % len(kinds)],
                description=MARK,
            )
            for n in range(1, ORGANISATIONS + 1)
        ]
        _bulk(Organisation, rows, ignore_conflicts=True)
        return list(Organisation.objects.filter(slug__startswith="synthetic-organisation-"))

    def _users(self, groups, role, label, count, orgs) -> list[User]:
        rows = [
            User(
                username=f"synthetic.{label}.{n:03d}",
                first_name=PREFIX,
                last_name=f"{label.title()} {n:03d}",
                email=f"synthetic.{label}.{n:03d}@scale-test.invalid",
                password="!",  # no usable password: nobody signs in as these accounts
                organisation=orgs[n % len(orgs)],
            )
            for n in range(1, count + 1)
        ]
        _bulk(User, rows, ignore_conflicts=True)
        users = list(User.objects.filter(username__startswith=f"synthetic.{label}."))
        through = User.groups.through
        _bulk(
            through,
            [through(user_id=u.pk, group_id=groups[role].pk) for u in users],
            ignore_conflicts=True,
        )
        return users

    def _focal_points(self, groups, pilots, orgs):
        # One synthetic focal point per synthetic pilot country, so user selects are full.
        countries = [p.country for p in pilots if p.country_id]
        rows = [
            User(
                username=f"synthetic.focal.{c.iso3.lower()}",
                first_name=PREFIX,
                last_name=f"Focal point {c.iso3}",
                email=f"synthetic.focal.{c.iso3.lower()}@scale-test.invalid",
                password="!",
                organisation=orgs[i % len(orgs)],
            )
            for i, c in enumerate(countries)
        ]
        _bulk(User, rows, ignore_conflicts=True)
        users = {
            u.username: u for u in User.objects.filter(username__startswith="synthetic.focal.")
        }
        through = User.groups.through
        group = groups[Role.FOCAL_POINT]
        _bulk(
            through,
            [through(user_id=u.pk, group_id=group.pk) for u in users.values()],
            ignore_conflicts=True,
        )
        links = [
            FocalPoint(
                user=users[f"synthetic.focal.{c.iso3.lower()}"], country=c, since=D(2020, 1, 1)
            )
            for c in countries
        ]
        _bulk(FocalPoint, links, ignore_conflicts=True)

    # --- Pilots ------------------------------------------------------------------------

    def _pilots(self, orgs, limit: int) -> list[Pilot]:
        statuses = [
            PilotStatus.ACTIVE,
            PilotStatus.ACTIVE,
            PilotStatus.ACCEPTED,
            PilotStatus.ROADMAP_ADOPTED,
            PilotStatus.IMPLEMENTING,
            PilotStatus.INTERESTED,
        ]
        rng = self.rng
        new = [
            Pilot(
                kind=PilotKind.NATIONAL,
                country=country,
                status=statuses[i % len(statuses)],
                joined_on=D(2019 + i % 6, 1 + i % 12, 1),
                lead_institution=orgs[i % len(orgs)],
                summary=MARK,
            )
            for i, country in enumerate(self._new_pilot_countries(limit))
        ]
        _bulk(Pilot, new)
        pilots = list(Pilot.objects.filter(summary=MARK).select_related("country"))
        have_steps = set(PilotStep.objects.filter(pilot__in=pilots).values_list("pilot", flat=True))
        have_supports = set(
            PilotSupport.objects.filter(pilot__in=pilots).values_list("pilot", flat=True)
        )
        steps, supports, changes = [], [], []
        for pilot in pilots:
            if pilot.pk not in have_steps:
                done = rng.randint(0, 6)
                for step in RoadmapStep:
                    started = pilot.joined_on + dt.timedelta(days=90 * (step - 1))
                    if step <= done:
                        status, completed = StepStatus.DONE, started + dt.timedelta(days=80)
                    elif step == done + 1:
                        status, completed = StepStatus.IN_PROGRESS, None
                    else:
                        status, completed, started = StepStatus.NOT_STARTED, None, None
                    steps.append(
                        PilotStep(
                            pilot=pilot,
                            step=step,
                            status=status,
                            started_on=started,
                            completed_on=completed,
                            notes=MARK,
                        )
                    )
                changes.append(
                    PilotStatusChange(
                        pilot=pilot,
                        from_status=PilotStatus.INTERESTED,
                        to_status=pilot.status,
                        actor=self.secretariat,
                        reason=MARK,
                    )
                )
            if pilot.pk not in have_supports:
                roles = [SupportRole.CO_LEAD, SupportRole.MEMBER, SupportRole.SUPPORTER]
                for k, org in enumerate(rng.sample(orgs, 4)):
                    # The fourth support ended: supports change over time.
                    ended = k == 3
                    supports.append(
                        PilotSupport(
                            pilot=pilot,
                            organisation=org,
                            role=roles[k % len(roles)],
                            start_on=pilot.joined_on,
                            end_on=pilot.joined_on + dt.timedelta(days=365) if ended else None,
                            notes=MARK,
                        )
                    )
        _bulk(PilotStep, steps)
        _bulk(PilotSupport, supports)
        _bulk(PilotStatusChange, changes)
        return pilots

    # --- Roadmaps, drafts, reviews and assessments -------------------------------------

    def _roadmaps(self, pilots, reviewers, per_roadmap: int):
        countries = [p.country for p in pilots if p.country_id]
        have = set(
            Roadmap.objects.filter(country__in=countries).values_list("country_id", flat=True)
        )
        _bulk(
            Roadmap,
            [
                Roadmap(
                    kind=RoadmapKind.NATIONAL,
                    country=c,
                    title=f"{PREFIX} scale-test roadmap {c.iso3}",
                    summary=MARK,
                )
                for c in countries
                if c.pk not in have
            ],
        )
        roadmaps = list(
            Roadmap.objects.filter(summary=MARK, versions__isnull=True).select_related("country")
        )
        if not roadmaps:
            return
        goals = list(Goal.objects.all())
        _bulk(
            RoadmapGoal,
            [
                RoadmapGoal(roadmap=r, goal=g, priority=Priority.PRIMARY if k == 0 else "secondary")
                for r in roadmaps
                for k, g in enumerate(self.rng.sample(goals, 3))
            ],
            ignore_conflicts=True,
        )
        rubric = Rubric.objects.filter(published_at__isnull=False).order_by("version").first()
        criteria = list(rubric.criteria.order_by("number"))
        sha = hashlib.sha256(FILE_BODY).hexdigest()

        versions = []
        for index, roadmap in enumerate(roadmaps):
            for number in range(1, per_roadmap + 1):
                versions.append(
                    RoadmapVersion(
                        roadmap=roadmap,
                        number=number,
                        status=self._version_status(index, number, per_roadmap),
                        file=FILE_NAME,
                        original_filename=f"synthetic-scale-test-draft-v{number}.pdf",
                        content_type="application/pdf",
                        size=len(FILE_BODY),
                        sha256=sha,
                        change_summary=MARK,
                        created_by=self.secretariat,
                    )
                )
        _bulk(RoadmapVersion, versions)
        self._transitions(versions)
        self._assessments(versions, reviewers, rubric, criteria)

    @staticmethod
    def _version_status(index: int, number: int, last: int) -> str:
        """Older drafts were returned, accepted or published; the latest one varies."""
        if number < last:
            return {0: VersionStatus.PUBLISHED, 3: VersionStatus.ACCEPTED}.get(
                number % 4, VersionStatus.RETURNED
            )
        return [
            VersionStatus.PUBLISHED,
            VersionStatus.PUBLISHED,
            VersionStatus.RETURNED,
            VersionStatus.ACCEPTED,
            VersionStatus.UNDER_REVIEW,
            VersionStatus.PUBLISHED,
            VersionStatus.SUBMITTED,
        ][index % 7]

    def _transitions(self, versions):
        path = [
            VersionStatus.DRAFT,
            VersionStatus.SUBMITTED,
            VersionStatus.UNDER_REVIEW,
        ]
        ends = {
            VersionStatus.SUBMITTED: path[:2],
            VersionStatus.UNDER_REVIEW: path,
            VersionStatus.RETURNED: [*path, VersionStatus.RETURNED],
            VersionStatus.ACCEPTED: [*path, VersionStatus.ACCEPTED],
            VersionStatus.PUBLISHED: [*path, VersionStatus.ACCEPTED, VersionStatus.PUBLISHED],
        }
        rows = []
        for version in versions:
            previous = ""
            for status in ends[version.status]:
                rows.append(
                    VersionTransition(
                        version=version,
                        from_status=previous,
                        to_status=status,
                        actor=self.secretariat,
                        comment=MARK if status == VersionStatus.RETURNED else "",
                    )
                )
                previous = status
        _bulk(VersionTransition, rows)

    def _assessments(self, versions, reviewers, rubric, criteria):
        rng = self.rng
        decided = {VersionStatus.RETURNED, VersionStatus.ACCEPTED, VersionStatus.PUBLISHED}
        assessed = [v for v in versions if v.status in decided | {VersionStatus.UNDER_REVIEW}]
        milestones, assignments = [], []
        for version in assessed:
            for reviewer in rng.sample(reviewers, REVIEWERS_PER_VERSION):
                milestone = Milestone(
                    title=f"{PREFIX} review of {version.roadmap.country.iso3} v{version.number}",
                    kind=MilestoneKind.REVIEW,
                    status=MilestoneStatus.DONE
                    if version.status in decided
                    else MilestoneStatus.PLANNED,
                    due_on=D(2020, 1, 1) + dt.timedelta(days=version.number * 60),
                    country=version.roadmap.country,
                    description=MARK,
                )
                if milestone.status == MilestoneStatus.DONE:
                    milestone.completed_on = milestone.due_on
                milestones.append(milestone)
                assignments.append(
                    ReviewAssignment(
                        version=version,
                        reviewer=reviewer,
                        assigned_by=self.secretariat,
                        milestone=milestone,
                    )
                )
        _bulk(Milestone, milestones)
        owners = Milestone.owners.through
        _bulk(
            owners,
            [owners(milestone_id=a.milestone.pk, user_id=a.reviewer.pk) for a in assignments],
        )
        for a in assignments:
            a.milestone_id = a.milestone.pk
        _bulk(ReviewAssignment, assignments)

        reviews, raw = [], {}
        for a in assignments:
            submitted = a.version.status in decided
            reviews.append(
                Review(
                    assignment=a,
                    rubric=rubric,
                    status=ReviewStatus.SUBMITTED if submitted else ReviewStatus.DRAFT,
                    submitted_at=self.now if submitted else None,
                )
            )
        _bulk(Review, reviews)
        scores = []
        for review in reviews:
            version = review.assignment.version
            for criterion in criteria:
                value = rng.choice([0, 1, 1, 2, 2, 2, 3, 3, 4, None])
                raw.setdefault((version.pk, criterion.pk), []).append(value)
                scores.append(
                    ReviewScore(
                        review=review,
                        criterion=criterion,
                        score=value,
                        insufficient_information=value is None,
                        justification=MARK,
                        evidence=f"Synthetic section {criterion.number}",
                    )
                )
        _bulk(ReviewScore, scores)

        assessments = [
            Assessment(
                version=v,
                rubric=rubric,
                status=AssessmentStatus.FINALISED if v.status in decided else AssessmentStatus.OPEN,
                summary=MARK,
                finalised_at=self.now if v.status in decided else None,
                finalised_by=self.secretariat if v.status in decided else None,
                show_reviewer_names=v.number % 2 == 0,
            )
            for v in assessed
        ]
        _bulk(Assessment, assessments)
        consolidated = []
        for assessment in assessments:
            for criterion in criteria:
                given = [s for s in raw[(assessment.version.pk, criterion.pk)] if s is not None]
                if not given:
                    consolidated.append(
                        ConsolidatedScore(
                            assessment=assessment,
                            criterion=criterion,
                            insufficient_information=True,
                            comment=MARK,
                        )
                    )
                    continue
                mean = (Decimal(sum(given)) / len(given)).quantize(Decimal("0.01"))
                spread = max(given) - min(given)
                consolidated.append(
                    ConsolidatedScore(
                        assessment=assessment,
                        criterion=criterion,
                        score=mean,
                        proposed_mean=mean,
                        spread=spread,
                        needs_moderation=spread >= MODERATION_SPREAD,
                        comment=MARK if spread >= MODERATION_SPREAD else "",
                    )
                )
        _bulk(ConsolidatedScore, consolidated)

    # --- Meetings and milestones -------------------------------------------------------

    def _meetings(self, orgs):
        have = set(
            Meeting.objects.filter(title__startswith=f"{PREFIX} meeting ").values_list(
                "title", flat=True
            )
        )
        kinds = [MeetingKind.REGIONAL, MeetingKind.SUPPLEMENTARY, MeetingKind.SIDE_EVENT]
        countries = list(Country.objects.all())
        rows = []
        for n in range(1, MEETINGS + 1):
            title = f"{PREFIX} meeting {n:03d} (scale test)"
            if title in have:
                continue
            start = D(2019, 1, 1) + dt.timedelta(days=5 * n)
            held = start < self.now.date()
            rows.append(
                Meeting(
                    kind=kinds[n % len(kinds)],
                    title=title,
                    status=MeetingStatus.HELD if held else MeetingStatus.PLANNED,
                    start_date=start,
                    end_date=start + dt.timedelta(days=1),
                    city="Synthetic city",
                    country=countries[n % len(countries)],
                    summary=MARK,
                    source=MARK,
                    is_public=n % 5 != 0,
                )
            )
        _bulk(Meeting, rows)
        _bulk(
            MeetingHost,
            [
                MeetingHost(meeting=m, organisation=orgs[k % len(orgs)], role=HostRole.HOST)
                for k, m in enumerate(rows)
            ],
        )

    def _participants(self, orgs):
        meetings = list(
            Meeting.objects.filter(summary=MARK, participants__isnull=True).order_by("pk")
        )
        countries = list(Country.objects.all())
        levels = list(ParticipantLevel.values)
        statuses = list(ParticipantStatus.values)
        _bulk(
            Participant,
            [
                Participant(
                    meeting=meeting,
                    full_name=f"{PREFIX} participant {meeting.pk}-{n:02d}",
                    organisation=orgs[(meeting.pk + n) % len(orgs)],
                    country=countries[(meeting.pk * 7 + n) % len(countries)],
                    level=levels[n % len(levels)],
                    status=statuses[n % len(statuses)],
                    email=f"synthetic.participant.{meeting.pk}.{n}@scale-test.invalid",
                )
                for meeting in meetings
                for n in range(1, PARTICIPANTS_PER_MEETING + 1)
            ],
        )

    def _milestones(self, total: int):
        missing = total - Milestone.objects.count()
        if missing <= 0:
            return
        start = Milestone.objects.filter(title__startswith=f"{PREFIX} milestone ").count()
        countries = list(Country.objects.all())
        kinds = [MilestoneKind.PROGRAMME, MilestoneKind.PILOT, MilestoneKind.MEETING]
        statuses = list(MilestoneStatus.values)
        rows = []
        for n in range(start + 1, start + missing + 1):
            status = statuses[n % len(statuses)]
            due = D(2019, 1, 1) + dt.timedelta(days=n % 4000)
            rows.append(
                Milestone(
                    title=f"{PREFIX} milestone {n:05d}",
                    description=MARK,
                    kind=kinds[n % len(kinds)],
                    status=status,
                    due_on=due,
                    completed_on=due if status == MilestoneStatus.DONE else None,
                    is_public=n % 3 == 0,
                    country=countries[n % len(countries)] if n % 4 else None,
                )
            )
        _bulk(Milestone, rows)

    def _write_file(self):
        path = settings.PRIVATE_MEDIA_ROOT / FILE_NAME
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            path.write_bytes(FILE_BODY)
