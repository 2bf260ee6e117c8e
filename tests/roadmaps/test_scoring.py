"""The scoring arithmetic: criterion scores -> group means -> overall mean, and proposals."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from roadmaps import scoring
from roadmaps.scoring import CriterionScore, compare, mean, propose, summarise

GROUPS = {1: "inputs", 2: "inputs", 3: "inputs", 4: "outputs", 5: "outputs", 6: "outputs"}
GROUPS |= {7: "process", 8: "process", 9: "process", 10: "process"}


def card(values):
    return [CriterionScore(n, GROUPS[n], v) for n, v in values.items()]


def test_group_and_overall_means_weigh_every_criterion_the_same():
    summary = summarise(card({1: 4, 2: 2, 3: 3, 4: 1, 5: 1, 6: 1, 7: 0, 8: 4, 9: 2, 10: 2}))
    assert summary.groups["inputs"].mean == Decimal("3.00")
    assert summary.groups["outputs"].mean == Decimal("1.00")
    assert summary.groups["process"].mean == Decimal("2.00")
    # 20 points over 10 criteria, not the mean of the three group means (2.00 as well here).
    assert summary.overall == Decimal("2.00")
    summary = summarise(card({1: 4, 2: 4, 3: 4, 7: 0, 8: 0, 9: 0, 10: 0}))
    assert summary.overall == Decimal("1.71")  # 12 / 7, rounded half up


def test_insufficient_information_is_excluded_from_means_but_counted():
    summary = summarise(card({1: 4, 2: None, 3: 2, 4: None}))
    assert summary.groups["inputs"].mean == Decimal("3.00")
    assert summary.groups["inputs"].insufficient == 1
    assert summary.groups["inputs"].scored == 2
    assert summary.groups["outputs"].mean is None
    assert summary.groups["outputs"].insufficient == 1
    assert summary.overall == Decimal("3.00")
    assert (summary.scored, summary.insufficient) == (2, 2)


def test_nothing_scorable_gives_no_mean_rather_than_zero():
    assert mean([]) is None
    assert mean([None, None]) is None
    assert summarise(card({1: None, 5: None})).overall is None
    assert summarise([]).overall is None


def test_proposal_is_the_mean_and_a_spread_of_two_is_flagged():
    assert propose([2, 3]) == scoring.Proposal(Decimal("2.50"), 1, False, 0, 2)
    flagged = propose([1, 3, 2])
    assert flagged.spread == 2
    assert flagged.needs_moderation
    assert flagged.mean == Decimal("2.00")
    assert not propose([4]).needs_moderation
    assert propose([]).mean is None


def test_one_reviewer_finding_too_little_evidence_while_another_scores_needs_moderation():
    mixed = propose([3, None])
    assert mixed.mean == Decimal("3.00")
    assert mixed.insufficient == 1
    assert mixed.needs_moderation
    assert not propose([None, None]).needs_moderation


def test_compare_says_what_improved_and_what_fell_back():
    assert compare(3, 2) == scoring.IMPROVED
    assert compare(Decimal("1.5"), 2) == scoring.FELL_BACK
    assert compare(2, 2) == scoring.UNCHANGED
    assert compare(None, 2) is None
    assert scoring.compare_all({1: 3, 2: None}, {1: 1}) == {1: scoring.IMPROVED, 2: None}


scores = st.one_of(st.none(), st.integers(min_value=0, max_value=4))


@given(st.dictionaries(st.sampled_from(list(GROUPS)), scores))
def test_means_stay_within_the_scale_and_counts_add_up(values):
    summary = summarise(card(values))
    assert summary.scored + summary.insufficient == len(values)
    for group in summary.groups.values():
        assert group.mean is None or Decimal(0) <= group.mean <= Decimal(4)
    if summary.scored:
        scored = [v for v in values.values() if v is not None]
        assert min(scored) <= summary.overall <= max(scored)
    else:
        assert summary.overall is None


@given(st.lists(scores, min_size=1, max_size=6))
def test_moderation_flag_matches_the_spread(reviewer_scores):
    proposal = propose(reviewer_scores)
    scored = [s for s in reviewer_scores if s is not None]
    if scored:
        assert proposal.spread == max(scored) - min(scored)
        assert min(scored) <= proposal.mean <= max(scored)
    expect = (bool(scored) and max(scored) - min(scored) >= 2) or (
        bool(scored) and len(scored) < len(reviewer_scores)
    )
    assert proposal.needs_moderation == expect
