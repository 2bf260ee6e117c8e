"""Scoring arithmetic for assessments, kept free of the database so it can be tested alone.

A criterion's score is a number from 0 to 4, or None when the draft gave insufficient
information. Insufficient information is excluded from every mean (it is not a zero) but is
counted, so a reader sees how much of a mean rests on evidence. A mean of nothing is None.
Every criterion weighs the same in the overall mean, whatever group it belongs to.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from roadmaps.choices import MODERATION_SPREAD

Number = int | float | Decimal
TWO_PLACES = Decimal("0.01")


def rounded(value: Number | None) -> Decimal | None:
    """A score as shown and stored: two decimal places, halves rounded up."""
    if value is None:
        return None
    return Decimal(str(value)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def mean(values: Iterable[Number | None]) -> Decimal | None:
    """The mean of the scorable values (None ignored), or None when none is scorable."""
    scored = [Decimal(str(v)) for v in values if v is not None]
    if not scored:
        return None
    return rounded(sum(scored) / len(scored))


@dataclass(frozen=True)
class CriterionScore:
    """One criterion's score within a scorecard (None: insufficient information)."""

    number: int
    group: str
    score: Number | None


@dataclass(frozen=True)
class GroupSummary:
    """A group's mean over its scorable criteria, and how many were not scorable."""

    code: str
    mean: Decimal | None
    scored: int
    insufficient: int


@dataclass(frozen=True)
class Summary:
    """Criterion scores rolled up into group means and an overall mean."""

    groups: dict[str, GroupSummary]
    overall: Decimal | None
    scored: int
    insufficient: int


def summarise(scores: Iterable[CriterionScore]) -> Summary:
    """Group means and the overall mean of a set of criterion scores."""
    scores = list(scores)
    by_group: dict[str, list[CriterionScore]] = {}
    for s in scores:
        by_group.setdefault(s.group, []).append(s)
    groups = {
        code: GroupSummary(
            code=code,
            mean=mean(s.score for s in items),
            scored=sum(1 for s in items if s.score is not None),
            insufficient=sum(1 for s in items if s.score is None),
        )
        for code, items in by_group.items()
    }
    scored = sum(1 for s in scores if s.score is not None)
    return Summary(
        groups=groups,
        overall=mean(s.score for s in scores),
        scored=scored,
        insufficient=len(scores) - scored,
    )


@dataclass(frozen=True)
class Proposal:
    """What the reviewers' scores on one criterion suggest to the secretariat."""

    mean: Decimal | None
    spread: int | None
    needs_moderation: bool
    insufficient: int
    reviewers: int = 0


def propose(reviewer_scores: Sequence[int | None]) -> Proposal:
    """The proposed consolidated score (the mean) and whether reviewers disagree too much.

    The spread is the distance between the highest and lowest score; a spread of
    MODERATION_SPREAD or more is flagged. A reviewer who found the information insufficient
    while another scored it also counts as a disagreement worth moderating.
    """
    scored = [s for s in reviewer_scores if s is not None]
    insufficient = len(reviewer_scores) - len(scored)
    spread = (max(scored) - min(scored)) if scored else None
    mixed = bool(scored) and insufficient > 0
    return Proposal(
        mean=mean(scored),
        spread=spread,
        needs_moderation=(spread is not None and spread >= MODERATION_SPREAD) or mixed,
        insufficient=insufficient,
        reviewers=len(reviewer_scores),
    )


IMPROVED = "improved"
FELL_BACK = "fell back"
UNCHANGED = "unchanged"


def compare(current: Number | None, previous: Number | None) -> str | None:
    """How a score moved since the previous version; None when either is not scorable."""
    if current is None or previous is None:
        return None
    current, previous = Decimal(str(current)), Decimal(str(previous))
    if current > previous:
        return IMPROVED
    if current < previous:
        return FELL_BACK
    return UNCHANGED


def compare_all(
    current: Mapping[int, Number | None], previous: Mapping[int, Number | None]
) -> dict[int, str | None]:
    """`compare` for every criterion number in `current` (criteria match by number across
    rubric versions, so a new edition of the rubric can still be compared)."""
    return {n: compare(score, previous.get(n)) for n, score in current.items()}
