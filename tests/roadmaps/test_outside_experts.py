"""Outside experts: invited by email to review one version from a personal link, without
becoming a programme user. Services and rules, the link's pages, and the emails."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from base.errors import DomainError, NotPermitted
from programme.choices import MilestoneStatus
from programme.models import OutboxEmail, User
from programme.outbox import outbox_send
from roadmaps import services as svc
from roadmaps.choices import AssessmentStatus, AssignmentStatus, ReviewStatus, VersionStatus
from roadmaps.errors import NotYourReview, ReviewLocked
from roadmaps.expert_links import (
    EXPERT_LINK_MAX_AGE,
    expert_link_assignment,
    expert_link_token,
)
from roadmaps.models import OutsideExpert, ReviewAssignment, ScoreChange
from roadmaps.rules import (
    expert_assignment_can_withdraw,
    expert_can_invite,
    expert_link_can_resend,
    expert_link_spent,
    review_assignment_can_answer,
)
from tests.factories import (
    ReviewAssignmentFactory,
    RoadmapFactory,
    RoadmapVersionFactory,
    review_scores,
)

pytestmark = pytest.mark.django_db

DUE = dt.date.today() + dt.timedelta(days=21)


def full(score=3):
    return {
        n: {"score": score, "justification": f"Section {n} shows it.", "evidence": f"p. {n}"}
        for n in range(1, 11)
    }


@pytest.fixture
def version(ghana):
    return RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana), number=1, status=VersionStatus.SUBMITTED
    )


@pytest.fixture
def invited(version, secretariat_user):
    return svc.outside_expert_invite(
        actor=secretariat_user,
        version=version,
        name="Amina Diallo",
        email="Amina.Diallo@Example.org",
        organisation="University of Dakar",
        language="fr",
        due_on=DUE,
    )


@pytest.fixture
def token(invited):
    return expert_link_token(invited)


def _accept(assignment, token):
    return svc.review_assignment_answer(
        actor=None, assignment=assignment, accept=True, conflict="none", token=token
    )


def _send(kind: str) -> list:
    mail.outbox.clear()
    for row in OutboxEmail.objects.filter(kind=kind).order_by("pk"):
        outbox_send(row_id=row.pk)
    return list(mail.outbox)


# --- Services and rules ----------------------------------------------------------------------


def test_inviting_an_expert_makes_no_account_and_owes_them_an_email(
    invited, version, secretariat_user
):
    users_before = User.objects.count()
    expert = invited.expert
    assert (expert.name, expert.email, expert.organisation, expert.language) == (
        "Amina Diallo",
        "amina.diallo@example.org",
        "University of Dakar",
        "fr",
    )
    assert invited.reviewer is None and invited.status == AssignmentStatus.OFFERED
    assert invited.link_nonce and invited.review.status == ReviewStatus.DRAFT
    assert list(invited.milestone.owners.all()) == []  # nobody's account
    version.refresh_from_db()
    assert version.status == VersionStatus.UNDER_REVIEW
    [row] = OutboxEmail.objects.filter(kind="roadmaps.expert_invited")
    assert (row.recipient, row.email, row.language) == (None, expert.email, "fr")
    assert User.objects.count() == users_before
    # The same address again is the same person, asked once per version.
    with pytest.raises(ValidationError) as exc:
        svc.outside_expert_invite(
            actor=secretariat_user,
            version=version,
            name="A. Diallo",
            email="amina.diallo@example.org",
            language="en",
            due_on=DUE,
        )
    assert "email" in exc.value.message_dict
    assert OutsideExpert.objects.count() == 1


def test_only_the_secretariat_invites_and_only_while_the_version_is_with_it(
    version, reviewer_user, secretariat_user, ghana
):
    assert not expert_can_invite(reviewer_user, version, None)
    with pytest.raises(NotPermitted):
        svc.outside_expert_invite(
            actor=reviewer_user, version=version, name="X", email="x@example.org",
            language="en", due_on=DUE,
        )  # fmt: skip
    draft = RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana), status="draft")
    assert not expert_can_invite(secretariat_user, draft, None)
    with pytest.raises(DomainError):
        svc.outside_expert_invite(
            actor=secretariat_user, version=draft, name="X", email="x@example.org",
            language="en", due_on=DUE,
        )  # fmt: skip
    assert not ReviewAssignment.objects.filter(expert__isnull=False).exists()


def test_an_assignment_names_exactly_one_reviewer_or_expert(invited, reviewer_user):
    invited.reviewer = reviewer_user
    with pytest.raises(ValidationError):
        invited.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewAssignment.objects.filter(pk=invited.pk).update(reviewer=reviewer_user)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewAssignment.objects.filter(pk=invited.pk).update(expert=None)


def test_the_link_names_its_assignment_and_nothing_forged_expired_or_replaced(
    invited, token, secretariat_user, monkeypatch
):
    assert expert_link_assignment(token) == invited
    assert expert_link_assignment(token[:-2] + ("A" if token[-1] != "A" else "B") + "x") is None
    assert expert_link_assignment(token + "x") is None
    # An old link: made longer ago than the limit.
    past = time.time() - EXPERT_LINK_MAX_AGE.total_seconds() - 60
    with monkeypatch.context() as patch:
        patch.setattr(time, "time", lambda: past)
        old = expert_link_token(invited)
    assert expert_link_assignment(old) is None
    # Sending the link again voids the one before.
    resent = svc.expert_link_resend(actor=secretariat_user, assignment=invited)
    assert expert_link_assignment(token) is None
    assert expert_link_assignment(expert_link_token(resent)) == resent
    assert OutboxEmail.objects.filter(kind="roadmaps.expert_invited").count() == 2
    # The first email, still unsent, goes nowhere now: only the newest link is mailed.
    assert len(_send("roadmaps.expert_invited")) == 1


def test_the_expert_answers_only_with_their_link(invited, token, reviewer_user):
    assert not review_assignment_can_answer(reviewer_user, invited)
    assert not review_assignment_can_answer(None, invited, "forged")
    assert review_assignment_can_answer(None, invited, token)
    with pytest.raises(NotPermitted):
        _accept(invited, "forged")
    with pytest.raises(NotYourReview):
        svc.review_save(actor=None, review=invited.review, scores=full(), token="forged")
    answered = _accept(invited, token)
    assert answered.status == AssignmentStatus.ACCEPTED
    # The history keeps the answer, and whose it was.
    record = answered.history.order_by("-history_id").first()
    assert record.status == AssignmentStatus.ACCEPTED
    assert record.history_user is None
    assert record.history_change_reason == "Outside expert: Amina Diallo"


def test_a_declared_conflict_blocks_it_and_tells_the_secretariat(invited, token, settings):
    answered = svc.review_assignment_answer(
        actor=None,
        assignment=invited,
        accept=True,
        conflict="declared",
        conflict_statement="I drafted chapter 3 of this roadmap.",
        token=token,
    )
    assert answered.status == AssignmentStatus.DECLINED
    invited.milestone.refresh_from_db()
    assert invited.milestone.status == MilestoneStatus.CANCELLED
    [message] = _send("roadmaps.review_declined")
    assert message.to == [settings.SECRETARIAT_EMAIL]
    assert "Amina Diallo declined" in message.body and "chapter 3" in message.body
    assert expert_link_spent(answered)


def test_the_experts_scores_count_in_consolidation_like_a_reviewers(
    invited, token, version, secretariat_user, reviewer_user
):
    colleague = ReviewAssignmentFactory(version=version, reviewer=reviewer_user)
    review_scores(colleague, dict.fromkeys(range(1, 11), 1))
    _accept(invited, token)
    assessment = version.assessment
    with pytest.raises(svc.ReviewsMissing) as waiting:
        svc.assessment_scores_set(actor=secretariat_user, assessment=assessment, scores={})
    assert "Amina Diallo" in str(waiting.value)
    svc.review_save(actor=None, review=invited.review, scores=full(3), submit=True, token=token)
    invited.refresh_from_db()
    assert invited.review.status == ReviewStatus.SUBMITTED
    changes = ScoreChange.objects.filter(review=invited.review, field="score")
    assert changes.count() == 10
    assert {(c.actor, c.expert) for c in changes} == {(None, invited.expert)}
    submitted = invited.history.order_by("-history_id").first()
    assert submitted.history_change_reason == "Outside expert: Amina Diallo"
    # The reviewers' mean is the expert's and the colleague's together.
    from roadmaps.selectors import assessment_consolidation

    rows = assessment_consolidation(assessment=assessment)
    assert [float(r.proposal.mean) for r in rows] == [2.0] * 10
    svc.assessment_save(
        actor=secretariat_user,
        assessment=assessment,
        scores={n: {"score": 2, "comment": "Agreed."} for n in range(1, 11)},
        finalise=True,
    )
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.FINALISED
    # Once submitted, the review is locked and the link is spent.
    assert expert_link_spent(invited)
    with pytest.raises(ReviewLocked):
        svc.review_save(actor=None, review=invited.review, scores=full(1), token=token)


def test_declined_and_withdrawn_assignments_never_hold_up_consolidation(
    invited, version, secretariat_user, reviewer_user
):
    declined = ReviewAssignmentFactory(version=version)
    svc.review_assignment_answer(
        actor=declined.reviewer, assignment=declined, accept=False, conflict="none", reason="Busy"
    )
    kept = ReviewAssignmentFactory(version=version, reviewer=reviewer_user)
    review_scores(kept, dict.fromkeys(range(1, 11), 2))
    assert expert_assignment_can_withdraw(secretariat_user, invited)
    assert not expert_assignment_can_withdraw(reviewer_user, invited)
    assert not expert_assignment_can_withdraw(secretariat_user, kept)  # a reviewer's
    withdrawn = svc.expert_assignment_withdraw(actor=secretariat_user, assignment=invited)
    assert withdrawn.status == AssignmentStatus.WITHDRAWN and expert_link_spent(withdrawn)
    withdrawn.milestone.refresh_from_db()
    assert withdrawn.milestone.status == MilestoneStatus.CANCELLED
    assert not expert_link_can_resend(secretariat_user, withdrawn)
    with pytest.raises(DomainError):
        svc.expert_link_resend(actor=secretariat_user, assignment=withdrawn)
    svc.assessment_scores_set(
        actor=secretariat_user,
        assessment=version.assessment,
        scores={n: {"score": 2} for n in range(1, 11)},
    )
    assert version.assessment.scores.count() == 10


def test_a_submitted_review_cannot_be_withdrawn(invited, token, secretariat_user):
    _accept(invited, token)
    svc.review_save(actor=None, review=invited.review, scores=full(), submit=True, token=token)
    with pytest.raises(DomainError):
        svc.expert_assignment_withdraw(actor=secretariat_user, assignment=invited)
    with pytest.raises(DomainError):
        svc.expert_link_resend(actor=secretariat_user, assignment=invited)


# --- The link's pages ------------------------------------------------------------------------


def _page(token: str) -> str:
    return reverse("roadmaps:expert-review", args=[token])


def _draft(token: str, version) -> str:
    return reverse("roadmaps:expert-draft", args=[token, version.pk])


def _answer_form(answer="accept", conflict="none", **extra):
    return {"answer": answer, "conflict": conflict, "conflict_statement": "", "reason": "", **extra}


def _scores_form(score="3", **extra):
    data = {}
    for n in range(1, 11):
        data[f"c{n}-score"] = score
        data[f"c{n}-justification"] = f"Section {n} shows it."
        data[f"c{n}-evidence"] = f"p. {n}"
    return {**data, **extra}


def test_the_link_opens_a_bare_page_in_the_experts_language_with_no_session(
    client, invited, token, settings
):
    page = client.get(_page(token))
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="fr"' in html
    assert "Amina Diallo" in html and str(invited.version) in html
    # No menu, no search, no link to any other page of the site.
    assert 'name="q"' not in html and "nav-main" not in html
    assert "<a " not in html
    assert settings.SESSION_COOKIE_NAME not in page.cookies
    assert not client.cookies.get(settings.SESSION_COOKIE_NAME)


def test_accepting_then_scoring_then_submitting_from_the_link(client, invited, token, settings):
    assert client.post(_page(token), _answer_form()).status_code == 302
    invited.refresh_from_db()
    assert invited.status == AssignmentStatus.ACCEPTED
    page = client.get(_page(token))
    html = page.content.decode()
    assert page.status_code == 200 and 'name="c10-score"' in html
    # The draft of this version only (and no other link).
    assert _draft(token, invited.version) in html
    assert html.count("<a ") == html.count(_draft(token, invited.version))
    bad = client.post(_page(token), _scores_form(score="", submit="1"))
    assert bad.status_code == 400
    assert client.post(_page(token), _scores_form(save="1")).status_code == 302
    done = client.post(_page(token), _scores_form(submit="1"))
    assert done.status_code == 200
    invited.refresh_from_db()
    assert invited.review.status == ReviewStatus.SUBMITTED
    # The link has done its work: a plain "gone" page, for the draft too.
    gone = client.get(_page(token))
    assert gone.status_code == 410 and "<form" not in gone.content.decode()
    assert gone["Cache-Control"] == "private, no-store" and gone["Content-Language"] == "fr"
    assert client.get(_draft(token, invited.version)).status_code == 410
    assert client.post(_page(token), _scores_form(submit="1")).status_code == 410
    assert not client.cookies.get(settings.SESSION_COOKIE_NAME)  # never signed in


def test_a_declined_or_withdrawn_assignments_link_is_gone(
    client, invited, token, version, secretariat_user
):
    declined = client.post(_page(token), _answer_form("decline", reason="On leave."))
    assert declined.status_code == 200
    assert client.get(_page(token)).status_code == 410
    other = svc.outside_expert_invite(
        actor=secretariat_user, version=version, name="B", email="b@example.org",
        language="en", due_on=DUE,
    )  # fmt: skip
    other_token = expert_link_token(other)
    assert client.get(_page(other_token)).status_code == 200
    svc.expert_assignment_withdraw(actor=secretariat_user, assignment=other)
    assert client.get(_page(other_token)).status_code == 410


def test_tampered_expired_and_replaced_links_are_404(
    client, invited, token, secretariat_user, monkeypatch
):
    assert client.get(_page(token + "x")).status_code == 404
    assert client.get(_page("not-a-token")).status_code == 404
    past = time.time() - EXPERT_LINK_MAX_AGE.total_seconds() - 60
    with monkeypatch.context() as patch:
        patch.setattr(time, "time", lambda: past)
        old = expert_link_token(invited)
    assert client.get(_page(old)).status_code == 404
    svc.expert_link_resend(actor=secretariat_user, assignment=invited)
    assert client.get(_page(token)).status_code == 404
    assert client.post(_page(token), _answer_form()).status_code == 404


def test_the_draft_of_another_version_is_404(client, invited, token, ghana):
    _accept(invited, token)
    other = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana), number=1, status=VersionStatus.SUBMITTED
    )
    mine = client.get(_draft(token, invited.version))
    assert mine.status_code == 200 and mine["Cache-Control"] == "private, no-store"
    assert client.get(_draft(token, other)).status_code == 404
    assert client.get(reverse("roadmaps:version-download", args=[other.pk])).status_code == 302


def test_every_other_page_still_needs_sign_in(client, invited, token):
    _accept(invited, token)
    assert client.get(_page(token)).status_code == 200
    for url in (
        reverse("programme:dashboard"),
        reverse("roadmaps:version-detail", args=[invited.version_id]),
        reverse("roadmaps:version-download", args=[invited.version_id]),
        reverse("roadmaps:review-edit", args=[invited.pk]),
        reverse("roadmaps:version-assessment", args=[invited.version_id]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_the_secretariat_invites_withdraws_and_resends_from_the_assessment_page(
    staff_client, version
):
    url = reverse("roadmaps:version-assessment", args=[version.pk])
    form = {
        "action": "invite_expert",
        "expert-name": "Lucía Pérez",
        "expert-email": "lucia@example.org",
        "expert-organisation": "CONICET",
        "expert-language": "es",
        "expert-due_on": DUE.isoformat(),
    }
    assert staff_client.post(url, {**form, "expert-email": "not an address"}).status_code == 400
    assert staff_client.post(url, form).status_code == 302
    assignment = ReviewAssignment.objects.get(expert__email="lucia@example.org")
    page = staff_client.get(url).content.decode()
    assert "Lucía Pérez" in page and "outside expert" in page
    assert reverse("roadmaps:expert-link-resend", args=[assignment.pk]) in page
    first = expert_link_token(assignment)
    staff_client.post(reverse("roadmaps:expert-link-resend", args=[assignment.pk]))
    assert expert_link_assignment(first) is None
    staff_client.post(reverse("roadmaps:expert-assignment-withdraw", args=[assignment.pk]))
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.WITHDRAWN
    page = staff_client.get(url).content.decode()
    assert reverse("roadmaps:expert-link-resend", args=[assignment.pk]) not in page


def test_the_assessment_page_says_not_started_until_the_expert_saves_scores(
    staff_client, client, invited, token
):
    """The review column follows the expert: not started while only invited or accepted, a
    draft once scores are saved, submitted at the end (it once said "Draft" from the start)."""
    url = reverse("roadmaps:version-assessment", args=[invited.version.pk])

    def review_cell() -> str:
        page = staff_client.get(url).content.decode()
        row = page[page.index("Amina Diallo") :]
        return row[: row.index("</tr>")]

    assert "Not started" in review_cell() and "Draft" not in review_cell()
    client.post(_page(token), _answer_form())
    assert "Not started" in review_cell()
    client.post(_page(token), _scores_form(save="1"))
    assert "Draft" in review_cell() and "Not started" not in review_cell()
    client.post(_page(token), _scores_form(submit="1"))
    assert "Submitted" in review_cell() and "Draft" not in review_cell()


# --- The email -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "says"),
    [("en", "Will you review"), ("fr", "Accepteriez-vous")],
)
def test_the_invitation_is_sent_in_text_and_html_in_the_experts_language(
    version, secretariat_user, language, says
):
    assignment = svc.outside_expert_invite(
        actor=secretariat_user, version=version, name="Amina Diallo", email="a@example.org",
        language=language, due_on=DUE,
    )  # fmt: skip
    [message] = _send("roadmaps.expert_invited")
    assert message.to == ["a@example.org"]
    assert says in message.subject
    html = message.alternatives[0][0]
    # The link is signed when the email is written, so its timestamp (and signature) need not
    # match one made here: each part's link must open this assignment.
    prefix = reverse("roadmaps:expert-review", args=["TOKEN"]).split("TOKEN")[0]
    for part in (message.body, html):
        assert "Amina Diallo" in part
        tokens = re.findall(re.escape(prefix) + r"([^/\s\"<]+)/", part)
        assert tokens, part
        assert {expert_link_assignment(token) for token in tokens} == {assignment}
        # Never muted: no mute link, no settings page (an expert has no account).
        assert "/notifications/" not in part
    assert f'lang="{language}"' in html


# --- Around the assignment -------------------------------------------------------------------


def test_the_experts_deadline_links_to_the_assessment_page_and_a_declined_review_is_no_task(
    invited, version, reviewer_user
):
    from programme.subjects import milestone_subject
    from roadmaps.selectors.tasks import review_task_list

    subject, owner = milestone_subject(invited.milestone)
    assert owner == invited
    assert subject.url(owner) == reverse("roadmaps:version-assessment", args=[version.pk])
    mine = ReviewAssignmentFactory(version=version, reviewer=reviewer_user)
    today = dt.date.today()
    assert [t.url for t in review_task_list(user=reviewer_user, today=today)] == [
        reverse("roadmaps:review-edit", args=[mine.pk])
    ]
    svc.review_assignment_answer(
        actor=reviewer_user, assignment=mine, accept=False, conflict="none", reason="On leave."
    )
    assert review_task_list(user=reviewer_user, today=today) == []
