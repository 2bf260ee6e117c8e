"""The rules of the roadmap workflow, one predicate each.

Services enforce these; views, templates, serializers, the admin and the menu ask them, so a
page never offers what the service would refuse and no rule is written twice. Each rule that can
refuse has a `*_refusal` form returning the domain error (None when allowed), which the service
raises and the page can show as a reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from base.errors import DomainError, IllegalTransition, NotPermitted
from roadmaps.choices import (
    CLOSED_ASSIGNMENT_STATUSES,
    FEEDBACK_REPLY_STATUSES,
    VERSION_STATUS_MOVES,
    WITH_SECRETARIAT_STATUSES,
    AssessmentStatus,
    AssignmentStatus,
    ReviewStatus,
    RoadmapKind,
    VersionStatus,
)
from roadmaps.errors import (
    AssessmentFinalised,
    NotYourReview,
    ReviewLocked,
    VersionNotAssessable,
)
from roadmaps.expert_links import expert_link_names
from roadmaps.models import (
    REVIEW,
    Assessment,
    PublicReleaseConsent,
    ReviewAssignment,
    Roadmap,
    RoadmapVersion,
    VersionTransition,
)

# ScopedQuerySet actions: the country submits its drafts (the secretariat may do it for it);
# every later move is the secretariat's.
SUBMIT = "submit"
CHANGE_ROADMAP = "link_sdgs"


@dataclass(frozen=True)
class Move:
    """A workflow move a user may make now, and what it needs from them."""

    to_status: str
    # A return says what to revise; an acceptance with no finalised assessment says why the
    # secretariat overrides the review. Either way the comment goes into the history.
    needs_comment: bool = False
    override: bool = False


def _status_label(status: str) -> str:
    return VersionStatus(status).label.lower() if status in VersionStatus.values else status


def roadmap_pending_number(roadmap_id: int, *, exclude_pk: int | None = None) -> int | None:
    """The number of the roadmap's version that is with the secretariat, if any: one draft
    of a roadmap is in the secretariat's hands at a time."""
    return (
        RoadmapVersion.objects.filter(roadmap_id=roadmap_id, status__in=WITH_SECRETARIAT_STATUSES)
        .exclude(pk=exclude_pk)
        .values_list("number", flat=True)
        .first()
    )


def version_pending_number(version: RoadmapVersion) -> int | None:
    """Another version of the same roadmap that is with the secretariat, if any."""
    return roadmap_pending_number(version.roadmap_id, exclude_pk=version.pk)


def version_assessment_finalised(version: RoadmapVersion) -> bool:
    """Whether the version's assessment against the criteria is finalised."""
    return Assessment.objects.filter(
        version_id=version.pk, status=AssessmentStatus.FINALISED
    ).exists()


def version_move_check(user, version: RoadmapVersion, to_status: str) -> Move:
    """The one rule for a workflow move: who may make it, from which status, and what it
    needs. Returns the Move, or raises the DomainError that refuses it."""
    if to_status not in VersionStatus.values:
        raise IllegalTransition(_("There is no status “%(status)s”.") % {"status": to_status})
    action = SUBMIT if to_status == VersionStatus.SUBMITTED else REVIEW
    # Beyond submitting, moves are the secretariat's alone: a reviewer's "review" scope on an
    # assigned version lets them score it, never accept or publish it.
    if not (action == SUBMIT or user.is_secretariat) or not (
        RoadmapVersion.objects.restrict(user, action).filter(pk=version.pk).exists()
    ):
        raise NotPermitted(_("You may not make this move on this version."))
    label = _status_label(to_status)
    if version.status == to_status:
        raise IllegalTransition(_("This version is already %(status)s.") % {"status": label})
    if to_status not in VERSION_STATUS_MOVES.get(version.status, ()):
        raise IllegalTransition(
            _("A version that is %(current)s cannot be %(status)s.")
            % {"current": _status_label(version.status), "status": label}
        )
    if to_status == VersionStatus.SUBMITTED:
        pending = version_pending_number(version)
        if pending is not None:
            raise IllegalTransition(
                _(
                    "Version %(number)s of this roadmap is already with the secretariat; "
                    "wait for it to be returned or accepted before submitting another."
                )
                % {"number": pending},
                code="another_version_pending",
            )
    if to_status == VersionStatus.ACCEPTED and not version_assessment_finalised(version):
        return Move(to_status, needs_comment=True, override=True)
    return Move(to_status, needs_comment=to_status == VersionStatus.RETURNED)


def _evaluate(user, version: RoadmapVersion) -> tuple[list[Move], list[str]]:
    moves, reasons = [], []
    order = list(VersionStatus.values)
    for to_status in sorted(VERSION_STATUS_MOVES[version.status], key=order.index):
        try:
            moves.append(version_move_check(user, version, to_status))
        except NotPermitted:
            continue
        except DomainError as exc:
            reasons.append(exc.message)
    return moves, reasons


def version_allowed_moves(user, version: RoadmapVersion) -> list[Move]:
    """The moves `user` may make on `version` now: exactly what the service would accept."""
    return _evaluate(user, version)[0]


def version_blocked_reasons(user, version: RoadmapVersion) -> list[str]:
    """Why moves this user's role could make are refused now (e.g. another version is with
    the secretariat), so the page can say so instead of offering a button that fails."""
    return _evaluate(user, version)[1]


def version_move_comment_missing(move: Move) -> DomainError:
    """The refusal for a move made without the comment it needs."""
    if move.override:
        return IllegalTransition(
            _(
                "No finalised assessment backs this acceptance: say why the secretariat accepts "
                "the version without one; the reason is kept in its history."
            ),
            code="reason_required",
        )
    return IllegalTransition(
        _("Say why the version is returned, so the country knows what to revise."),
        code="reason_required",
    )


def version_delete_refusal(user, version: RoadmapVersion) -> DomainError | None:
    """Who may delete a draft: its uploader or the secretariat, while nobody has seen it."""
    allowed = RoadmapVersion.objects.restrict(user, SUBMIT).filter(pk=version.pk).exists()
    if not allowed or not (user.is_secretariat or version.created_by_id == user.pk):
        return NotPermitted(_("Only the person who uploaded a draft may delete it."))
    if version.status != VersionStatus.DRAFT:
        return IllegalTransition(_("Only drafts can be deleted; this version has been submitted."))
    return None


def version_can_delete(user, version: RoadmapVersion) -> bool:
    """Whether the page offers "Delete this draft" (the service's rule)."""
    return version_delete_refusal(user, version) is None


def version_file_readable(user, version: RoadmapVersion) -> bool:
    """Whether `user` may download `version`'s file: anyone once it is published; before
    that the secretariat, the country's own focal points and the reviewers assigned to it.
    Reads the version's roadmap (which list selectors join in) and, for reviewers only, their
    assignments once per request."""
    if version.status == VersionStatus.PUBLISHED:
        return True
    if not user.is_authenticated:
        return False
    if user.is_secretariat:
        return True
    country_id = version.roadmap.country_id
    if country_id is not None and country_id in user.country_ids:
        return True
    if user.is_reviewer:
        assigned = user.__dict__.get("_assigned_version_ids")
        if assigned is None:
            assigned = frozenset(user.review_assignments.values_list("version_id", flat=True))
            user.__dict__["_assigned_version_ids"] = assigned
        return version.pk in assigned
    return False


def roadmap_change_refusal(user, roadmap: Roadmap) -> DomainError | None:
    """Countries keep their roadmap's record (title, summary, SDGs, targets) current until a
    version is published; from then on the published record is the secretariat's to amend."""
    if not Roadmap.objects.restrict(user, CHANGE_ROADMAP).filter(pk=roadmap.pk).exists():
        return NotPermitted(_("You may not change this roadmap."))
    if not user.is_secretariat and roadmap.versions.filter(status=VersionStatus.PUBLISHED).exists():
        return NotPermitted(
            _("This roadmap has a published version; ask the secretariat to change its record.")
        )
    return None


def roadmap_can_change(user, roadmap: Roadmap) -> bool:
    """Whether the page offers editing the roadmap's record (the services' rule)."""
    return roadmap_change_refusal(user, roadmap) is None


def roadmap_create_refusal(user, country=None, *, kind: str | None = None) -> DomainError | None:
    """Who opens a roadmap record: the secretariat for any country or organisation, a focal
    point a national roadmap of their own country. Asked with no country, whether `user` may
    open one at all (the "New roadmap" button, the form page)."""
    if roadmap_can_create_any(user):
        return None
    refused = NotPermitted(_("You may open a roadmap only for your own country."))
    if not (user and user.is_authenticated and user.country_ids):
        return refused
    if kind is not None and (kind != RoadmapKind.NATIONAL or country is None):
        # The record itself (the service passes its kind): a national roadmap naming a country.
        return refused
    if country is not None and country.pk not in user.country_ids:
        return refused
    return None


def roadmap_can_create_any(user) -> bool:
    """Whether `user` opens roadmaps of any kind, for any country or organisation (the
    secretariat), rather than only a national roadmap of their own country (the form's
    choices)."""
    return bool(user and user.is_authenticated and user.is_secretariat)


def version_can_write(user, obj=None) -> bool:
    """Whether `user` holds a role that uploads drafts or moves versions at all (the
    secretariat and focal points): the API's gate; which roadmap or version is the services'
    rule (`roadmap_can_upload`, `version_move_check`)."""
    return bool(user and user.is_authenticated and (user.is_secretariat or user.is_focal_point))


def roadmap_can_create(user, country=None) -> bool:
    """Whether the page offers opening a roadmap (the service's rule)."""
    return roadmap_create_refusal(user, country) is None


def rubric_publish_refusal(user, obj=None) -> DomainError | None:
    """The secretariat publishes revised rubric versions (the criteria reviewers score)."""
    if not (user and user.is_authenticated and user.is_secretariat):
        return NotPermitted(_("Only the secretariat may do this."))
    return None


def rubric_can_publish(user, obj=None) -> bool:
    """Whether the criteria page offers preparing a new rubric version."""
    return rubric_publish_refusal(user, obj) is None


def assessment_can_open(user, version: RoadmapVersion | None = None) -> bool:
    """Whether `user` may open a version's assessment page (assign reviewers, consolidate):
    the secretariat's. Reviewers score on their own review page."""
    return bool(user and user.is_authenticated and user.is_secretariat)


def assessment_consolidate_refusal(
    user, assessment: Assessment | None = None
) -> DomainError | None:
    """Who consolidates an assessment's scores, writes its summary and finalises it: the
    secretariat. (Whether the assessment is still open is the service's check of the locked
    row.)"""
    if not (user and user.is_authenticated and user.is_secretariat):
        return NotPermitted(_("Only the secretariat may consolidate assessments."))
    return None


def assessment_can_consolidate(user, assessment: Assessment | None = None) -> bool:
    """Whether the assessment page offers the consolidation form (the services' rule)."""
    return assessment_consolidate_refusal(user, assessment) is None


def assessment_heatmap_can_open(user, obj=None) -> bool:
    """Who reads the programme-wide heatmap of finalised assessments (page and exports): the
    secretariat and the advisory group."""
    return bool(user and user.is_authenticated and (user.is_secretariat or user.is_advisory_member))


def review_list_can_open(user, obj=None) -> bool:
    """Who opens "My reviews": reviewers. The list is personal; the secretariat reads every
    review on the consolidation pages."""
    return bool(user and user.is_authenticated and user.is_reviewer)


def roadmap_can_upload(user, roadmap: Roadmap) -> bool:
    """Whether `user` may upload a new draft of `roadmap` (its country, or the secretariat)."""
    return Roadmap.objects.restrict(user, "upload").filter(pk=roadmap.pk).exists()


def review_assignment_refusal(
    user, version: RoadmapVersion, assessment: Assessment | None
) -> DomainError | None:
    """Who may assign a reviewer, and when: the secretariat, while the version is with it and
    its assessment is not finalised."""
    if not (user and user.is_authenticated and user.is_secretariat):
        return NotPermitted(_("Only the secretariat may assign reviewers."))
    if version.status not in WITH_SECRETARIAT_STATUSES:
        return VersionNotAssessable(
            _(
                "Only submitted versions or versions under review can be assigned; this one is "
                "%(status)s."
            )
            % {"status": _status_label(version.status)}
        )
    if assessment is not None and assessment.is_finalised:
        return AssessmentFinalised(_("The assessment of this version is already finalised."))
    return None


def review_can_assign(user, version: RoadmapVersion, assessment: Assessment | None) -> bool:
    """Whether the assessment page offers assigning a reviewer (the service's rule)."""
    return review_assignment_refusal(user, version, assessment) is None


def reviewer_names_visible(user, assessment: Assessment) -> bool:
    """Whether `user` may read who reviewed `assessment`: the secretariat always; the
    country's focal points when the secretariat chose to show names; nobody else (partners,
    the advisory group, other reviewers) ever."""
    return reviewer_names_visible_on(
        user,
        show_reviewer_names=assessment.show_reviewer_names,
        country_id=assessment.version.roadmap.country_id,
    )


def reviewer_names_visible_on(user, *, show_reviewer_names: bool, country_id: int | None) -> bool:
    """The rule of `reviewer_names_visible`, on plain values (for rows read as values)."""
    if user.is_secretariat:
        return True
    if not show_reviewer_names:
        return False
    return country_id is not None and country_id in user.country_ids


def transition_comment_visible(user, transition: VersionTransition) -> bool:
    """Whether `user` may read the comment on a workflow move: the secretariat always; the
    version's own country's focal points, except an override reason (the secretariat's
    internal justification for accepting without a finalised assessment); nobody else (other
    countries, reviewers, the advisory group, partners read the move, not what was said)."""
    return transition_comment_visible_on(
        user, country_id=transition.version.roadmap.country_id, override=transition.override
    )


def transition_comment_visible_on(user, *, country_id: int | None, override: bool) -> bool:
    """The rule of `transition_comment_visible`, on plain values."""
    if not (user and user.is_authenticated):
        return False
    if user.is_secretariat:
        return True
    return not override and country_id is not None and country_id in user.country_ids


def transition_comments_q(user) -> Q:
    """The rule of `transition_comment_visible` as a filter on VersionTransition rows, for
    lists of comments (a country's feedback)."""
    if user and user.is_authenticated and user.is_secretariat:
        return Q()
    country_ids = user.country_ids if user and user.is_authenticated else frozenset()
    if not country_ids:
        return Q(pk__in=[])
    return Q(version__roadmap__country_id__in=country_ids, override=False)


def review_milestone_owners_hidden(user):
    """The rule of `reviewer_names_visible` for the due dates of reviews: an expression on
    `programme.Milestone`, true for review milestones whose reviewer `user` may not name
    (milestone lists, the timeline, the API's `owners`, exports). A reviewer still sees
    themselves on their own review's milestone. None when `user` may name every reviewer."""
    signed_in = bool(user and user.is_authenticated)
    if signed_in and user.is_secretariat:
        return None
    shown = Q(pk__in=[])
    if signed_in:
        shown = Q(reviewer_id=user.pk)
        if user.country_ids:
            shown |= Q(
                version__assessment__show_reviewer_names=True,
                version__roadmap__country_id__in=user.country_ids,
            )
    return Exists(ReviewAssignment.objects.filter(milestone=OuterRef("pk")).exclude(shown))


# --- What a country keeps of its roadmaps ---------------------------------------------------


def _keeps_country_of(user, roadmap) -> bool:
    """The secretariat, or a focal point of the roadmap's own country (a roadmap without a
    country, an international one, is the secretariat's)."""
    if not (user and user.is_authenticated):
        return False
    if user.is_secretariat:
        return True
    return roadmap.country_id is not None and roadmap.country_id in user.country_ids


def roadmap_sdgs_change_refusal(user, roadmap: Roadmap) -> DomainError | None:
    """Who keeps a roadmap's SDGs, targets and the synergies and trade-offs between them: the
    secretariat always; the country's focal points while the roadmap's newest version is not
    published: before any is, and after an earlier one is, for the draft they work on (the
    published record itself is the secretariat's to amend)."""
    if not Roadmap.objects.restrict(user, CHANGE_ROADMAP).filter(pk=roadmap.pk).exists():
        return NotPermitted(_("You may not change this roadmap."))
    if user.is_secretariat:
        return None
    newest = roadmap.versions.order_by("-number").values_list("status", flat=True).first()
    if newest == VersionStatus.PUBLISHED:
        return NotPermitted(
            _(
                "The newest version of this roadmap is published: upload a new draft to change "
                "its SDGs and targets, or ask the secretariat."
            )
        )
    return None


def roadmap_sdgs_can_change(user, roadmap: Roadmap) -> bool:
    """Whether the roadmap page offers changing its SDGs, targets and links between targets."""
    return roadmap_sdgs_change_refusal(user, roadmap) is None


def target_link_change_refusal(user, roadmap: Roadmap) -> DomainError | None:
    """Who links two of a roadmap's targets as a synergy or trade-off: whoever keeps its SDGs
    and targets (`roadmap_sdgs_change_refusal`), since a link is between two of them."""
    return roadmap_sdgs_change_refusal(user, roadmap)


def target_link_can_change(user, roadmap: Roadmap) -> bool:
    """Whether the roadmap page offers linking targets."""
    return target_link_change_refusal(user, roadmap) is None


def country_keeper_can_write(user, obj=None) -> bool:
    """Whether `user`'s role keeps a country's roadmap record at all (the secretariat and focal
    points linked to a country): the API's gate; which roadmap or version is the service's
    rule."""
    return bool(user and user.is_authenticated and (user.is_secretariat or bool(user.country_ids)))


def consent_give_refusal(user, version: RoadmapVersion) -> DomainError | None:
    """Who gives a country's consent to show a published version to the world: the country's
    focal points, or the secretariat recording it for them. (That the version is published
    and has no consent in force already is the model's check, with its own message.)"""
    if not _keeps_country_of(user, version.roadmap):
        return NotPermitted(
            _("Only the country's focal points and the secretariat may give this consent.")
        )
    return None


def consent_can_give(user, version: RoadmapVersion) -> bool:
    """Whether the roadmap page offers giving consent for `version` (published, none in
    force)."""
    return (
        version.status == VersionStatus.PUBLISHED
        and consent_give_refusal(user, version) is None
        and not any(c.withdrawn_on is None for c in version.public_consents.all())
    )


def consent_withdraw_refusal(user, consent: PublicReleaseConsent) -> DomainError | None:
    """Who withdraws a consent in force: the country's focal points and the secretariat."""
    if not _keeps_country_of(user, consent.version.roadmap):
        return NotPermitted(
            _("Only the country's focal points and the secretariat may withdraw this consent.")
        )
    if consent.withdrawn_on is not None:
        return DomainError(_("This consent was already withdrawn."), code="already_withdrawn")
    return None


def consent_can_withdraw(user, consent: PublicReleaseConsent) -> bool:
    """Whether the roadmap page offers withdrawing `consent`."""
    return consent_withdraw_refusal(user, consent) is None


def consent_visible(user, roadmap: Roadmap) -> bool:
    """Who sees a roadmap's consents to public release on its page: the secretariat and the
    country's focal points (the public site shows only what they released)."""
    return _keeps_country_of(user, roadmap)


def feedback_reply_refusal(user, version: RoadmapVersion) -> DomainError | None:
    """Who answers the feedback on a returned or published version: the country's focal
    points (or the secretariat writing it down for them)."""
    if not _keeps_country_of(user, version.roadmap):
        return NotPermitted(_("Only the country's focal points may reply to this feedback."))
    if version.status not in FEEDBACK_REPLY_STATUSES:
        return IllegalTransition(
            _("Only the feedback on a returned or published version can be answered.")
        )
    return None


def feedback_can_reply(user, version: RoadmapVersion) -> bool:
    """Whether the page offers replying to the feedback on `version` (no reply yet)."""
    return feedback_reply_refusal(user, version) is None and not version_has_reply(version)


def version_has_reply(version: RoadmapVersion) -> bool:
    """Whether `version` already carries the country's reply (read once, cached on it)."""
    try:
        return version.feedback_reply is not None
    except RoadmapVersion.feedback_reply.RelatedObjectDoesNotExist:
        return False


# --- The normal next step -------------------------------------------------------------------


class NextStep:
    """What the secretariat normally does next with a version in its hands (the queue's row
    button, the version page's primary button, the dashboard's task)."""

    ASSIGN = "assign"
    AWAIT_REVIEWS = "await_reviews"
    CONSOLIDATE = "consolidate"
    ACCEPT = "accept"
    PUBLISH = "publish"


def version_next_step_on(
    user, *, status: str, reviewers: int, reviews_in: int, finalised: bool
) -> str | None:
    """The rule of `version_next_step`, on plain values (queue rows read them as annotations):
    reviewers first, then their reviews, then the consolidation, then the decision. None when
    the version needs nothing from `user` (not theirs, or not with the secretariat)."""
    if not assessment_can_open(user):
        return None
    if status == VersionStatus.ACCEPTED:
        return NextStep.PUBLISH
    if status not in WITH_SECRETARIAT_STATUSES:
        return None
    if finalised:
        return NextStep.ACCEPT
    if reviewers == 0:
        return NextStep.ASSIGN
    if reviews_in < reviewers:
        return NextStep.AWAIT_REVIEWS
    return NextStep.CONSOLIDATE


def version_next_step(user, version: RoadmapVersion) -> str | None:
    """The normal next step on `version` for `user` (see `version_next_step_on`)."""
    counts = (
        ReviewAssignment.objects.filter(version_id=version.pk)
        .exclude(status__in=CLOSED_ASSIGNMENT_STATUSES)
        .aggregate(
            reviewers=Count("pk"),
            reviews_in=Count("pk", filter=Q(review__status=ReviewStatus.SUBMITTED)),
        )
    )
    return version_next_step_on(
        user,
        status=version.status,
        reviewers=counts["reviewers"],
        reviews_in=counts["reviews_in"],
        finalised=version_assessment_finalised(version),
    )


def assessment_consolidation_open(*, reviewers: int, reviews_in: int, finalised: bool) -> bool:
    """Whether consolidated scores can be set now: every assigned reviewer has submitted and
    the assessment is not finalised. Before any review is in there is nothing to consolidate."""
    return reviewers > 0 and reviews_in == reviewers and not finalised


def _is_the_assignee(user, assignment, token: str) -> bool:
    # A reviewer signed in as themselves; an outside expert through their current link.
    if assignment.expert_id:
        return expert_link_names(token, assignment)
    return bool(user and user.is_authenticated and assignment.reviewer_id == user.pk)


def review_assignment_answer_refusal(user, assignment, token: str = "") -> DomainError | None:
    """The reviewer (or outside expert, by their link) offered an assignment accepts or
    declines it, once, before scoring."""
    if not _is_the_assignee(user, assignment, token):
        return NotPermitted(_("Only the reviewer asked may answer this assignment."))
    if assignment.status != AssignmentStatus.OFFERED:
        return IllegalTransition(_("This assignment has already been answered."))
    return None


def review_assignment_can_answer(user, assignment, token: str = "") -> bool:
    """Whether the review pages offer accepting or declining (the service's rule)."""
    return review_assignment_answer_refusal(user, assignment, token) is None


def review_write_refusal(user, assignment, token: str = "") -> DomainError | None:
    """Only the one asked scores a review (an outside expert by their link), while the
    assignment stands and the review is not yet submitted."""
    if not _is_the_assignee(user, assignment, token):
        return NotYourReview(_("This version is not assigned to you for review."))
    if assignment.status == AssignmentStatus.DECLINED:
        return NotYourReview(_("You declined this review."))
    if assignment.status == AssignmentStatus.WITHDRAWN:
        return NotYourReview(_("This review was withdrawn by the secretariat."))
    if assignment.review.is_submitted:
        return ReviewLocked(_("This review has been submitted and can no longer be changed."))
    return None


# --- Outside experts ----------------------------------------------------------------------


def expert_invite_refusal(
    user, version: RoadmapVersion, assessment: Assessment | None
) -> DomainError | None:
    """Who may invite an outside expert to review a version, and when: as for assigning a
    reviewer (the secretariat, while the version is with it and not finalised)."""
    return review_assignment_refusal(user, version, assessment)


def expert_can_invite(user, version: RoadmapVersion, assessment: Assessment | None) -> bool:
    """Whether the assessment page offers inviting an outside expert (the service's rule)."""
    return expert_invite_refusal(user, version, assessment) is None


def _expert_assignment_open_refusal(user, assignment) -> DomainError | None:
    if not (user and user.is_authenticated and user.is_secretariat):
        return NotPermitted(_("Only the secretariat may do this."))
    if not assignment.expert_id:
        return IllegalTransition(_("This assignment is not an outside expert's."))
    if assignment.status in CLOSED_ASSIGNMENT_STATUSES:
        return IllegalTransition(_("This assignment is already closed."))
    if assignment.review.is_submitted:
        return ReviewLocked(_("This review has been submitted."))
    return None


def expert_assignment_withdraw_refusal(user, assignment) -> DomainError | None:
    """The secretariat withdraws an outside expert's assignment until the review is in; the
    link then stops working and the review no longer holds up consolidation."""
    return _expert_assignment_open_refusal(user, assignment)


def expert_assignment_can_withdraw(user, assignment) -> bool:
    return expert_assignment_withdraw_refusal(user, assignment) is None


def expert_link_resend_refusal(user, assignment) -> DomainError | None:
    """The secretariat sends an outside expert a new link (the old one stops working) until
    the review is in or the assignment is closed."""
    return _expert_assignment_open_refusal(user, assignment)


def expert_link_can_resend(user, assignment) -> bool:
    return expert_link_resend_refusal(user, assignment) is None


def expert_draft_readable(assignment, token: str, version: RoadmapVersion) -> bool:
    """An outside expert reads the draft of the one version their live link names, once they
    have accepted (a conflict of interest is declared before reading)."""
    return (
        assignment.status == AssignmentStatus.ACCEPTED
        and expert_link_names(token, assignment)
        and not expert_link_spent(assignment)
        and version.pk == assignment.version_id
    )


def expert_link_spent(assignment) -> bool:
    """Whether an expert's link has done its work: the review is submitted, or the
    assignment was declined or withdrawn. The link then answers that it is gone."""
    return assignment.status in CLOSED_ASSIGNMENT_STATUSES or assignment.review.is_submitted
