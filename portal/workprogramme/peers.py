"""Peer learning: which countries a pilot could learn from, from data already in the app.

A candidate earns points for being in the same region (1), for each SDG both roadmaps give
priority to (1 each), and for each of the pilot's weakest criteria on which its latest
consolidated score is higher (2 each). The pilot's weakest criteria are its `WEAKEST` lowest
scored ones in its latest finalised assessment (ties by criterion number). Everything is read
through the roadmaps' scoped selectors, so a user is never told a score they may not read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Prefetch

from base.i18n import localised
from pilots.choices import PilotKind
from pilots.models import Pilot
from portal.workprogramme.selectors import landscape_pilot_list
from roadmaps.choices import AssessmentStatus
from roadmaps.models import ConsolidatedScore, RoadmapGoal
from roadmaps.selectors import assessment_list, roadmap_list

WEAKEST = 3
REGION_POINTS, GOAL_POINTS, CRITERION_POINTS = 1, 1, 2


@dataclass(frozen=True)
class CriterionScore:
    number: int
    name: str
    score: Decimal


@dataclass(frozen=True)
class Stronger:
    number: int
    name: str
    own: Decimal
    theirs: Decimal


@dataclass
class Suggestion:
    pilot: Pilot
    same_region: bool
    shared_goals: list[int] = field(default_factory=list)
    stronger_on: list[Stronger] = field(default_factory=list)

    @property
    def points(self) -> int:
        return (
            REGION_POINTS * self.same_region
            + GOAL_POINTS * len(self.shared_goals)
            + CRITERION_POINTS * len(self.stronger_on)
        )


@dataclass
class PeerLearning:
    pilot: Pilot
    weakest: list[CriterionScore]
    suggestions: list[Suggestion]


def _latest_scores(*, user, country_ids: set[int]) -> dict[int, dict[int, CriterionScore]]:
    """Each country's latest finalised consolidated scores `user` may read, by criterion."""
    latest = (
        assessment_list(user=user)
        .filter(status=AssessmentStatus.FINALISED, version__roadmap__country__in=country_ids)
        .order_by("version__roadmap__country_id", "-finalised_at", "-pk")
        .distinct("version__roadmap__country_id")
        # The country rides along in the same row: no query per assessment for its version.
        .annotate(peer_country_id=F("version__roadmap__country_id"))
        .select_related(None)
        .only("pk")
        .prefetch_related(
            Prefetch(
                "scores",
                queryset=ConsolidatedScore.objects.select_related("criterion").only(
                    "assessment_id", "score", "criterion__number", "criterion__short_name"
                ),
            )
        )
    )
    return {
        a.peer_country_id: {
            s.criterion.number: CriterionScore(
                s.criterion.number, localised(s.criterion, "short_name"), s.score
            )
            for s in a.scores.all()
            if s.score is not None
        }
        for a in latest
    }


def peer_suggestions(*, user, pilot: Pilot, limit: int = 5) -> PeerLearning:
    """Pilots `pilot` could learn from, best first; a fixed number of queries."""
    candidates = [
        p
        for p in landscape_pilot_list(user=user).filter(
            kind=PilotKind.NATIONAL, country__isnull=False
        )
        if p.pk != pilot.pk
    ]
    if pilot.country_id is None:
        return PeerLearning(pilot=pilot, weakest=[], suggestions=[])
    country_ids = {p.country_id for p in candidates} | {pilot.country_id}
    goals: dict[int, set[int]] = {}
    for country_id, number in RoadmapGoal.objects.filter(
        roadmap__in=roadmap_list(user=user), roadmap__country__in=country_ids
    ).values_list("roadmap__country_id", "goal__number"):
        goals.setdefault(country_id, set()).add(number)
    scores = _latest_scores(user=user, country_ids=country_ids)

    own = scores.get(pilot.country_id, {})
    weakest = sorted(own.values(), key=lambda c: (c.score, c.number))[:WEAKEST]
    own_goals = goals.get(pilot.country_id, set())
    own_region = pilot.country.region_id
    suggestions = []
    for candidate in candidates:
        theirs = scores.get(candidate.country_id, {})
        suggestion = Suggestion(
            pilot=candidate,
            same_region=candidate.country.region_id == own_region,
            shared_goals=sorted(own_goals & goals.get(candidate.country_id, set())),
            stronger_on=[
                Stronger(w.number, w.name, w.score, theirs[w.number].score)
                for w in weakest
                if w.number in theirs and theirs[w.number].score > w.score
            ],
        )
        if suggestion.points:
            suggestions.append(suggestion)
    suggestions.sort(key=lambda s: (-s.points, str(s.pilot)))
    return PeerLearning(pilot=pilot, weakest=weakest, suggestions=suggestions[:limit])
