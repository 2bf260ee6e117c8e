"""Scoped reads for rubrics, review assignments, reviews and assessments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, DecimalField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Round
from django.utils.formats import number_format
from django.utils.translation import gettext

from base.i18n import localised
from programme.selectors import get_visible_or_404
from roadmaps import charts, scoring
from roadmaps.choices import (
    CLOSED_ASSIGNMENT_STATUSES,
    AssessmentStatus,
    CriterionGroupCode,
    ReviewStatus,
)
from roadmaps.models import (
    REVIEW,
    Assessment,
    ConsolidatedScore,
    Criterion,
    Review,
    ReviewAssignment,
    ReviewScore,
    Rubric,
)
from roadmaps.rules import (
    reviewer_names_visible,
    reviewer_names_visible_on,
    rubric_can_publish,
)

# --- Assessment against the effectiveness criteria -----------------------------------------


def review_assignment_list(*, user) -> QuerySet[ReviewAssignment]:
    """Review assignments this user may see: a reviewer's own, or every one for the secretariat."""
    return ReviewAssignment.objects.visible_to(user).select_related(
        "version__roadmap__country", "reviewer", "milestone", "review"
    )


def review_assignment_for_reviewer(*, user, pk: int) -> ReviewAssignment:
    """The assignment `pk` if `user` is its reviewer; 404 for anyone else (even the
    secretariat, who read reviews on the consolidation page, never through the form)."""
    return get_visible_or_404(
        ReviewAssignment.objects.filter(reviewer_id=user.pk).select_related(
            "version__roadmap__country", "milestone", "review__rubric"
        ),
        user,
        REVIEW,
        pk=pk,
    )


def review_peer_reviews(*, user, assignment: ReviewAssignment) -> list[Review]:
    """Other reviewers' submitted reviews of the same version, for a reviewer who has
    submitted their own. Blind review: before that, nothing (so no one anchors on others)."""
    own = assignment.review
    if not own.is_submitted:
        return []
    return list(
        Review.objects.filter(
            assignment__version_id=assignment.version_id, status=ReviewStatus.SUBMITTED
        )
        .exclude(pk=own.pk)
        .select_related("assignment__reviewer", "assignment__expert")
        .prefetch_related(
            Prefetch("scores", queryset=ReviewScore.objects.select_related("criterion"))
        )
    )


def assessment_list(*, user) -> QuerySet[Assessment]:
    """Assessments this user may read: all for the secretariat, finalised ones of published
    versions for everyone (the advisory group and partners included), and a focal point's own
    country's once the version is returned or accepted."""
    return Assessment.objects.visible_to(user).select_related(
        "version__roadmap__country__region", "version__roadmap__owner", "rubric"
    )


def _consolidated_scores() -> Prefetch:
    return Prefetch("scores", queryset=ConsolidatedScore.objects.select_related("criterion__group"))


@dataclass
class ConsolidationRow:
    """One criterion on the consolidation page: what each reviewer said, and the decision."""

    criterion: Criterion
    levels: list
    reviewer_scores: list[tuple[Review, ReviewScore | None]]
    proposal: scoring.Proposal
    consolidated: ConsolidatedScore | None


def assessment_consolidation(*, assessment: Assessment) -> list[ConsolidationRow]:
    """Every criterion with the reviewers' submitted scores, the proposed mean, the spread and
    the moderation flag, for the secretariat (who may see every review)."""
    criteria = list(assessment.rubric.criteria.select_related("group").prefetch_related("levels"))
    submitted = [
        r
        for r in Review.objects.filter(assignment__version_id=assessment.version_id)
        .select_related("assignment__reviewer", "assignment__expert")
        .prefetch_related("scores")
        if r.is_submitted
    ]
    scores = {(s.review_id, s.criterion_id): s for r in submitted for s in r.scores.all()}
    consolidated = {s.criterion_id: s for s in assessment.scores.all()}
    rows = []
    for c in criteria:
        per_reviewer = [(r, scores.get((r.pk, c.pk))) for r in submitted]
        rows.append(
            ConsolidationRow(
                criterion=c,
                levels=list(c.levels.all()),
                reviewer_scores=per_reviewer,
                proposal=scoring.propose([s.score for _r, s in per_reviewer if s is not None]),
                consolidated=consolidated.get(c.pk),
            )
        )
    return rows


@dataclass
class ScorecardRow:
    """One criterion on a scorecard, with its move since the previous assessed version."""

    number: int
    short_name: str
    name: str
    group: str
    score: Decimal | None
    insufficient: bool
    comment: str
    previous: Decimal | None = None
    movement: str | None = None


@dataclass
class VersionScores:
    """One assessed version of the roadmap: its scores by criterion number, and their means."""

    assessment: Assessment
    rows: list[ScorecardRow]
    summary: scoring.Summary
    radar: str = ""


@dataclass
class Scorecard:
    """What the scorecard page shows: the assessment, its rows, history and charts."""

    assessment: Assessment
    rows: list[ScorecardRow]
    summary: scoring.Summary
    groups: list[tuple[str, str, scoring.GroupSummary]]
    history: list[VersionScores]
    previous: VersionScores | None
    trend_svg: str
    trend_table: list[tuple[str, list[Decimal | None]]]
    trend_labels: list[str]
    reviewers: list
    improved: list[ScorecardRow] = field(default_factory=list)
    fell_back: list[ScorecardRow] = field(default_factory=list)


def _version_scores(assessment: Assessment) -> VersionScores:
    rows = [
        ScorecardRow(
            number=s.criterion.number,
            short_name=localised(s.criterion, "short_name"),
            name=localised(s.criterion, "name"),
            group=s.criterion.group.code,
            score=s.score,
            insufficient=s.insufficient_information,
            comment=s.comment,
        )
        for s in sorted(assessment.scores.all(), key=lambda s: s.criterion.number)
    ]
    summary = scoring.summarise(scoring.CriterionScore(r.number, r.group, r.score) for r in rows)
    return VersionScores(assessment=assessment, rows=rows, summary=summary)


def assessment_scores_get(*, assessment: Assessment) -> VersionScores:
    """An assessment's consolidated scores by criterion with its group and overall means, from
    `scoring` (so the API and the scorecard page agree). No query when the assessment's scores
    were prefetched with `assessment_api_list`."""
    cached = getattr(assessment, "_version_scores", None)
    if cached is None:
        cached = assessment._version_scores = _version_scores(assessment)
    return cached


def assessment_api_list(*, user) -> QuerySet[Assessment]:
    """Assessments this user may read, with their scores, criteria and reviewers prefetched so
    a page of them costs the same few queries however many rows it holds."""
    return assessment_list(user=user).prefetch_related(
        _consolidated_scores(),
        # Those whose review counts (not declined or withdrawn), reviewers and outside experts.
        Prefetch(
            "version__assignments",
            queryset=ReviewAssignment.objects.exclude(
                status__in=CLOSED_ASSIGNMENT_STATUSES
            ).select_related("reviewer", "expert"),
            to_attr="assignments_with_reviewers",
        ),
    )


# The groups in their order, with their names (read once, not per row).
_GROUP_NAMES = dict(CriterionGroupCode.choices)

_API_HEAD = (
    "id",
    "version_id",
    "version__number",
    "version__status",
    "version__roadmap_id",
    "version__roadmap__title",
    "version__roadmap__country_id",
    "version__roadmap__country__iso3",
    "version__roadmap__country__name",
    "rubric_id",
    "rubric__version",
    "status",
    "finalised_at",
    "show_reviewer_names",
    "illustrative",
)


def assessment_api_rows(*, user, ids: Sequence[int]) -> list[dict]:
    """The API's representation of the assessments `ids` (already scoped: they come from
    `assessment_list`), in that order, built from plain values in four queries whatever their
    number: each rubric's criteria are read once, not once per score; reviewers only for rows
    whose names `user` may read. The same fields and numbers as `AssessmentSerializer`, whose
    output it is tested against; the means come from `scoring`."""
    from rest_framework import fields as api_fields

    # The API's own formatting of a moment, so times read exactly as the serializer writes
    # them. Scores and means already have two places (the column; scoring.rounded), which is
    # what the serializer's decimal field gives; JSON writes them as numbers.
    moment = api_fields.DateTimeField()

    def number(value):
        return None if value is None else float(value)

    heads = {h["id"]: h for h in Assessment.objects.filter(pk__in=ids).values(*_API_HEAD)}
    criteria = {
        c["id"]: c
        for c in Criterion.objects.filter(
            rubric_id__in={h["rubric_id"] for h in heads.values()}
        ).values("id", "number", "short_name", "name", "group__code")
    }
    scores: dict[int, list[dict]] = {}
    for assessment_id, criterion_id, score, insufficient, comment in (
        ConsolidatedScore.objects.filter(assessment_id__in=list(heads))
        .order_by()
        .values_list(
            "assessment_id", "criterion_id", "score", "insufficient_information", "comment"
        )
    ):
        c = criteria[criterion_id]
        scores.setdefault(assessment_id, []).append(
            {
                "number": c["number"],
                "short_name": c["short_name"],
                "name": c["name"],
                "group": c["group__code"],
                "score": score,
                "insufficient_information": insufficient,
                "comment": comment,
            }
        )
    named = [
        h["version_id"]
        for h in heads.values()
        if reviewer_names_visible_on(
            user,
            show_reviewer_names=h["show_reviewer_names"],
            country_id=h["version__roadmap__country_id"],
        )
    ]
    reviewers: dict[int, list[str]] = {}
    if named:
        for version_id, first, last, username, expert in (
            ReviewAssignment.objects.filter(version_id__in=named)
            .exclude(status__in=CLOSED_ASSIGNMENT_STATUSES)
            .order_by("version_id", "created_at", "id")
            .values_list(
                "version_id",
                "reviewer__first_name",
                "reviewer__last_name",
                "reviewer__username",
                "expert__name",
            )
        ):
            # As str(User): the full name, else the username; an outside expert's name.
            name = expert or f"{first or ''} {last or ''}".strip() or username
            reviewers.setdefault(version_id, []).append(name)

    rows = []
    for pk in ids:
        h = heads.get(pk)
        if h is None:
            continue
        items = sorted(scores.get(pk, []), key=lambda r: r["number"])
        summary = scoring.summarise(
            scoring.CriterionScore(r["number"], r["group"], r["score"]) for r in items
        )
        for item in items:
            item["score"] = number(item["score"])
        country = h["version__roadmap__country_id"]
        rows.append(
            {
                "id": pk,
                "version": h["version_id"],
                "version_number": h["version__number"],
                "version_status": h["version__status"],
                "roadmap": h["version__roadmap_id"],
                "roadmap_title": h["version__roadmap__title"],
                "country": None
                if country is None
                else {
                    "id": country,
                    "iso3": h["version__roadmap__country__iso3"],
                    "name": h["version__roadmap__country__name"],
                },
                "rubric": h["rubric_id"],
                "rubric_version": h["rubric__version"],
                "status": h["status"],
                "finalised_at": None
                if h["finalised_at"] is None
                else moment.to_representation(h["finalised_at"]),
                "overall_mean": None if summary.overall is None else float(summary.overall),
                "scored": summary.scored,
                "insufficient": summary.insufficient,
                "group_means": [
                    {
                        "code": g.code,
                        "name": _GROUP_NAMES.get(g.code, g.code),
                        "mean": number(g.mean),
                        "scored": g.scored,
                        "insufficient": g.insufficient,
                    }
                    for code in _GROUP_NAMES
                    if (g := summary.groups.get(code)) is not None
                ],
                "scores": items,
                "reviewers": reviewers.get(h["version_id"], []) if h["version_id"] in named else [],
                "illustrative": h["illustrative"],
            }
        )
    return rows


def roadmap_latest_overall_score(*, user) -> Subquery:
    """The overall mean of each roadmap's latest finalised assessment `user` may see (an
    expression for `Roadmap` querysets). For partners that is the latest finalised assessment
    of a published version. Computed in SQL as `scoring.mean` computes it: insufficient
    information left out, two decimals, halves rounded up."""
    overall = (
        ConsolidatedScore.objects.filter(assessment=OuterRef("pk"), score__isnull=False)
        .order_by()
        .values("assessment")
        .annotate(mean=Round(Avg("score"), 2))
        .values("mean")
    )
    latest = (
        assessment_list(user=user)
        .filter(status=AssessmentStatus.FINALISED, version__roadmap=OuterRef("pk"))
        .order_by("-version__number", "-finalised_at", "-pk")
        .annotate(overall=Subquery(overall))
        .values("overall")[:1]
    )
    return Subquery(latest, output_field=DecimalField(max_digits=3, decimal_places=2))


def _score_text(score: Decimal | None) -> str:
    return gettext("insufficient information") if score is None else number_format(score)


def assessment_scorecard_get(*, user, version_pk: int) -> Scorecard:
    """The finalised scorecard of a version, compared with the roadmap's earlier assessed
    versions the user may see. 404 when there is none the user may read.

    Runs a fixed number of queries however many versions the roadmap has.
    """
    finalised = assessment_list(user=user).filter(status=AssessmentStatus.FINALISED)
    assessment = get_visible_or_404(finalised, user, version_id=version_pk)
    history_qs = (
        finalised.filter(
            version__roadmap_id=assessment.version.roadmap_id,
            version__number__lte=assessment.version.number,
        )
        .prefetch_related(_consolidated_scores())
        .order_by("version__number")
    )
    history = [_version_scores(a) for a in history_qs]
    current = history[-1]
    previous = history[-2] if len(history) > 1 else None
    if previous is not None:
        before = {r.number: r.score for r in previous.rows}
        for row in current.rows:
            row.previous = before.get(row.number)
            row.movement = scoring.compare(row.score, row.previous)
    labels = {code: label for code, label in CriterionGroupCode.choices}
    for vs in history:
        vs.radar = charts.radar(
            [(r.short_name, r.score) for r in vs.rows],
            title=gettext("Scores of version %(n)s by criterion")
            % {"n": vs.assessment.version.number},
            desc=", ".join(f"{r.number}. {r.short_name}: {_score_text(r.score)}" for r in vs.rows),
        )
    x_labels = [f"v{vs.assessment.version.number}" for vs in history]
    trend_table = [(gettext("Overall"), [vs.summary.overall for vs in history])] + [
        (
            labels[code],
            [vs.summary.groups[code].mean if code in vs.summary.groups else None for vs in history],
        )
        for code in CriterionGroupCode.values
    ]
    trend_svg = charts.trend(
        x_labels,
        trend_table,
        title=gettext("Overall and group means over versions"),
        desc="; ".join(
            f"{name}: "
            + ", ".join(
                f"{x} {gettext('n/a') if v is None else number_format(v)}"
                for x, v in zip(x_labels, values, strict=True)
            )
            for name, values in trend_table
        ),
    )
    show_names = reviewer_names_visible(user, assessment)
    reviewers = (
        [
            a.assignee
            for a in ReviewAssignment.objects.filter(version_id=assessment.version_id)
            .exclude(status__in=CLOSED_ASSIGNMENT_STATUSES)
            .select_related("reviewer", "expert")
        ]
        if show_names
        else []
    )
    return Scorecard(
        assessment=assessment,
        rows=current.rows,
        summary=current.summary,
        groups=[
            (code, labels[code], current.summary.groups[code])
            for code in CriterionGroupCode.values
            if code in current.summary.groups
        ],
        history=history,
        previous=previous,
        trend_svg=trend_svg,
        trend_table=trend_table,
        trend_labels=x_labels,
        reviewers=reviewers,
        improved=[r for r in current.rows if r.movement == scoring.IMPROVED],
        fell_back=[r for r in current.rows if r.movement == scoring.FELL_BACK],
    )


@dataclass
class HeatmapRow:
    """A roadmap's latest finalised assessment, as one row of the programme heatmap."""

    assessment: Assessment
    cells: list[ScorecardRow | None]
    summary: scoring.Summary

    @property
    def label(self) -> str:
        roadmap = self.assessment.version.roadmap
        return str(roadmap.country or roadmap.owner)

    @property
    def region(self) -> str:
        country = self.assessment.version.roadmap.country
        return str(country.region) if country else ""

    @property
    def cohort(self) -> str:
        country = self.assessment.version.roadmap.country
        pilot = getattr(country, "pilot", None) if country else None
        return str(pilot.cohort) if pilot and pilot.cohort else ""


def rubric_newest_published() -> Rubric | None:
    """The rubric new assessments use and the heatmap names its columns after: the published
    version with the highest number (None before any is published)."""
    return Rubric.objects.filter(published_at__isnull=False).order_by("-version").first()


def heatmap_criteria() -> list[Criterion]:
    """The heatmap's columns: the criteria as the newest published rubric names them
    (assessments made with older rubrics match by criterion number)."""
    rubric = rubric_newest_published()
    if rubric is None:
        return []
    return list(rubric.criteria.select_related("group"))


def assessment_heatmap(*, user, assessments: QuerySet[Assessment]) -> list[HeatmapRow]:
    """Each roadmap's latest finalised assessment among `assessments` (already scoped and
    filtered), with its scores by criterion number and group means, ordered by country.

    Runs a fixed number of queries however many countries there are.
    """
    numbers = list(range(1, 11))
    # The latest ids first, in a narrow query: DISTINCT ON then sorts ids, not wide rows.
    latest_ids = (
        assessments.filter(status=AssessmentStatus.FINALISED)
        .order_by("version__roadmap_id", "-finalised_at", "-id")
        .distinct("version__roadmap_id")
        .values("id")
    )
    latest = (
        Assessment.objects.filter(pk__in=latest_ids)
        .select_related(
            "version__roadmap__country__region",
            "version__roadmap__country__pilot__cohort",
            "version__roadmap__owner",
            "rubric",
        )
        .prefetch_related(_consolidated_scores())
    )
    rows = []
    for a in latest:
        vs = _version_scores(a)
        by_number = {r.number: r for r in vs.rows}
        rows.append(
            HeatmapRow(assessment=a, cells=[by_number.get(n) for n in numbers], summary=vs.summary)
        )
    rows.sort(key=lambda r: r.label)
    return rows


def rubric_list(*, user) -> QuerySet[Rubric]:
    """Rubric versions: published ones for everyone signed in, drafts for the secretariat."""
    if not user.is_authenticated:
        return Rubric.objects.none()
    if rubric_can_publish(user):
        # Who prepares new rubric versions reads their drafts.
        return Rubric.objects.all()
    return Rubric.objects.filter(published_at__isnull=False)


def criterion_list(*, user) -> QuerySet[Criterion]:
    """Criteria of the rubric versions this user may see, with their group."""
    return Criterion.objects.filter(rubric__in=rubric_list(user=user)).select_related(
        "rubric", "group"
    )
