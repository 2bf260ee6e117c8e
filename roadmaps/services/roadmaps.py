"""Writes for roadmaps, their SDG links, their versions and the SDG reference data."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext

from base.errors import NotPermitted, refuse
from base.uploads import inspect_upload
from pilots.models import Country
from programme.models import Organisation
from programme.services import reference_rows_sync
from roadmaps.choices import Priority, VersionStatus
from roadmaps.models import (
    FeedbackReply,
    Goal,
    PublicReleaseConsent,
    Roadmap,
    RoadmapGoal,
    RoadmapTarget,
    RoadmapVersion,
    Target,
    TargetLink,
    VersionTransition,
)
from roadmaps.notifications import version_transition_queue
from roadmaps.rules import (
    consent_give_refusal,
    consent_withdraw_refusal,
    feedback_reply_refusal,
    roadmap_change_refusal,
    roadmap_create_refusal,
    roadmap_sdgs_change_refusal,
    target_link_change_refusal,
    version_delete_refusal,
    version_move_check,
    version_move_comment_missing,
)


@transaction.atomic
def reference_sdgs_load(*, path: Path) -> tuple[int, int]:
    """Load the 17 SDGs and their 169 targets from `path` (JSON). Idempotent.

    Returns (created, updated) counted over goals and targets together.
    """
    goals = json.loads(Path(path).read_text(encoding="utf-8"))
    g_created, g_updated = reference_rows_sync(
        Goal,
        key="number",
        rows=[
            {"number": g["number"], "short_title": g["short_title"], "title": g["title"]}
            for g in goals
        ],
    )
    goal_ids = dict(Goal.objects.values_list("number", "pk"))
    t_created, t_updated = reference_rows_sync(
        Target,
        key="code",
        rows=[
            {"code": t["code"], "text": t["text"], "order": i, "goal_id": goal_ids[g["number"]]}
            for g in goals
            for i, t in enumerate(g["targets"], start=1)
        ],
    )
    return g_created + t_created, g_updated + t_updated


def _delete_stored_file(name: str) -> None:
    if name:
        RoadmapVersion._meta.get_field("file").storage.delete(name)


def roadmap_version_upload(
    *, actor, roadmap: Roadmap, file, change_summary: str = "", filename: str | None = None
) -> RoadmapVersion:
    """Store a new draft of `roadmap`, numbered max+1 under a lock on the roadmap.

    The file is checked (type by content, size, archive safety, name) before anything is
    written; if anything fails after the file is written, the file is deleted again, so a
    failed upload leaves neither a row nor an orphan file.
    """
    try:
        info = inspect_upload(file, filename)
    except ValidationError as exc:
        # Every reason a file is refused is about the file: key it so.
        raise ValidationError({"file": getattr(exc, "error_list", exc.messages)}) from exc
    version: RoadmapVersion | None = None
    try:
        with transaction.atomic():
            if not Roadmap.objects.restrict(actor, "upload").filter(pk=roadmap.pk).exists():
                raise NotPermitted(gettext("You may not upload drafts of this roadmap."))
            locked = Roadmap.objects.select_for_update().get(pk=roadmap.pk)
            latest = locked.versions.aggregate(n=Max("number"))["n"] or 0
            version = RoadmapVersion(
                roadmap=locked,
                number=latest + 1,
                file=file,
                original_filename=info.filename,
                content_type=info.content_type,
                size=info.size,
                sha256=info.sha256,
                change_summary=change_summary,
                created_by=actor,
            )
            version.full_clean()
            version.save()
            VersionTransition.objects.create(
                version=version, from_status="", to_status=VersionStatus.DRAFT, actor=actor,
                comment="Uploaded.",
            )  # fmt: skip
    except BaseException:
        if version is not None and version.file._committed:
            _delete_stored_file(version.file.name)
        raise
    return version


@transaction.atomic
def roadmap_version_delete(*, actor, version: RoadmapVersion) -> None:
    """Withdraw a draft nobody has seen yet: its uploader (or the secretariat) may delete it."""
    locked = RoadmapVersion.objects.select_for_update().get(pk=version.pk)
    refusal = version_delete_refusal(actor, locked)
    if refusal is not None:
        raise refusal
    name = locked.file.name
    locked.delete()
    transaction.on_commit(lambda: _delete_stored_file(name))


def roadmap_version_transition(
    *, actor, version: RoadmapVersion, to_status: str, comment: str = ""
) -> VersionTransition:
    """Move a version through the submission workflow, once, and record who did it and why.

    `roadmaps.rules.version_move_check` decides whether the move is allowed and whether it
    needs a comment (a return; an acceptance with no finalised assessment, which is then
    recorded as the secretariat's override). The row is locked, so of two people making the
    same move at once exactly one wins; the other gets an IllegalTransition. Emails are written
    to the outbox with the move and sent once it commits.
    """
    comment = (comment or "").strip()
    with transaction.atomic():
        if to_status == VersionStatus.SUBMITTED:
            # One draft of a roadmap is in the secretariat's hands at a time: the roadmap row
            # is locked first, so two drafts submitted at once cannot both get in.
            Roadmap.objects.select_for_update().get(pk=version.roadmap_id)
        locked = RoadmapVersion.objects.select_for_update().get(pk=version.pk)
        move = version_move_check(actor, locked, to_status)
        if move.needs_comment and not comment:
            raise version_move_comment_missing(move)
        from_status = locked.status
        locked.status = to_status
        now = timezone.now()
        if to_status == VersionStatus.SUBMITTED:
            locked.submitted_at = now
        if to_status == VersionStatus.PUBLISHED:
            locked.published_at = now
        locked.full_clean()
        locked.save(update_fields=["status", "submitted_at", "published_at"])
        transition = VersionTransition(
            version=locked, from_status=from_status, to_status=to_status, actor=actor,
            comment=comment, override=move.override,
        )  # fmt: skip
        transition.full_clean()
        transition.save()
        # Owed in this transaction (the outbox), sent once it commits.
        version_transition_queue(transition=transition)
    version.status, version.submitted_at = locked.status, locked.submitted_at
    version.published_at = locked.published_at
    return transition


def roadmap_version_submit(
    *, actor, version: RoadmapVersion, comment: str = ""
) -> VersionTransition:
    """Send a draft to the secretariat (the country's move; the secretariat may do it for it)."""
    return roadmap_version_transition(
        actor=actor, version=version, to_status=VersionStatus.SUBMITTED, comment=comment
    )


def _require_roadmap_change(actor, roadmap: Roadmap) -> None:
    refusal = roadmap_change_refusal(actor, roadmap)
    if refusal is not None:
        raise refusal


def _require_sdgs_change(actor, roadmap: Roadmap) -> None:
    refuse(roadmap_sdgs_change_refusal(actor, roadmap))


@transaction.atomic
def roadmap_create(
    *,
    actor,
    kind: str,
    title: str,
    summary: str = "",
    country: Country | None = None,
    owner: Organisation | None = None,
) -> Roadmap:
    """Open a roadmap record: the secretariat for anyone, a focal point for their country."""
    refuse(roadmap_create_refusal(actor, country, kind=kind))
    roadmap = Roadmap(kind=kind, title=title, summary=summary, country=country, owner=owner)
    roadmap.full_clean()
    roadmap.save()
    return roadmap


@transaction.atomic
def roadmap_update(*, actor, roadmap: Roadmap, title: str, summary: str) -> Roadmap:
    """Change a roadmap's title and summary."""
    roadmap = Roadmap.objects.select_for_update().get(pk=roadmap.pk)
    _require_roadmap_change(actor, roadmap)
    roadmap.title, roadmap.summary = title, summary
    roadmap.full_clean()
    roadmap.save(update_fields=["title", "summary", "updated_at"])
    return roadmap


@transaction.atomic
def roadmap_goal_set(
    *, actor, roadmap: Roadmap, goal: Goal, priority: str = Priority.PRIMARY, notes: str = ""
) -> RoadmapGoal:
    """Record (or update) an SDG the roadmap addresses; the country keeps this current."""
    _require_sdgs_change(actor, roadmap)
    link = RoadmapGoal.objects.filter(roadmap=roadmap, goal=goal).first() or RoadmapGoal(
        roadmap=roadmap, goal=goal
    )
    link.priority, link.notes = priority, notes
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def roadmap_goal_remove(*, actor, link: RoadmapGoal) -> None:
    """Drop an SDG from a roadmap's list."""
    _require_sdgs_change(actor, link.roadmap)
    link.delete()


@transaction.atomic
def roadmap_target_set(
    *,
    actor,
    roadmap: Roadmap,
    target: Target,
    priority: str = Priority.PRIMARY,
    notes: str = "",
) -> RoadmapTarget:
    """Record (or update) an SDG target the roadmap addresses (its synergies and trade-offs
    are links between targets: `target_link_add`). The target's goal is added to the
    roadmap's SDGs if it is not there yet."""
    _require_sdgs_change(actor, roadmap)
    link = RoadmapTarget.objects.filter(roadmap=roadmap, target=target).first() or RoadmapTarget(
        roadmap=roadmap, target=target
    )
    link.priority, link.notes = priority, (notes or "").strip()
    link.full_clean()
    link.save()
    RoadmapGoal.objects.get_or_create(
        roadmap=roadmap, goal_id=target.goal_id, defaults={"priority": priority}
    )
    return link


@transaction.atomic
def roadmap_target_remove(*, actor, link: RoadmapTarget) -> None:
    """Drop an SDG target from a roadmap's list (its goal stays), with the synergies and
    trade-offs that name it: a link is between two of the roadmap's targets."""
    _require_sdgs_change(actor, link.roadmap)
    for target_link in TargetLink.objects.filter(roadmap_id=link.roadmap_id).filter(
        Q(from_target_id=link.target_id) | Q(to_target_id=link.target_id)
    ):
        # One by one, so each removal is in the history.
        target_link.delete()
    link.delete()


@transaction.atomic
def target_link_add(
    *,
    actor,
    roadmap: Roadmap,
    from_target: Target,
    to_target: Target,
    kind: str,
    note: str = "",
    version: RoadmapVersion | None = None,
) -> TargetLink:
    """Link two of a roadmap's targets as a synergy or a trade-off, for the roadmap as a whole
    or for the version that changes them. The roadmap row is locked so the same link cannot
    be made twice at once; the model refuses a self-link, a target outside the roadmap's and a
    duplicate, each with its message."""
    refuse(target_link_change_refusal(actor, roadmap))
    Roadmap.objects.select_for_update().get(pk=roadmap.pk)
    if (
        version is not None
        and version.status == VersionStatus.PUBLISHED
        and not (actor.is_secretariat)
    ):
        raise ValidationError(
            {"version": gettext("A published version's links are the secretariat's to amend.")}
        )
    link = TargetLink(
        roadmap=roadmap, version=version, from_target=from_target, to_target=to_target,
        kind=kind, note=(note or "").strip(),
    )  # fmt: skip
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def target_link_remove(*, actor, link: TargetLink) -> None:
    """Remove a synergy or trade-off between two targets (the history keeps it)."""
    refuse(target_link_change_refusal(actor, link.roadmap))
    link.delete()


@transaction.atomic
def feedback_reply_create(*, actor, version: RoadmapVersion, body: str) -> FeedbackReply:
    """The country's reply to the feedback on a returned or published version. The version
    row is locked, so two replies sent at once cannot both be kept."""
    locked = RoadmapVersion.objects.select_for_update().select_related("roadmap").get(pk=version.pk)
    refuse(feedback_reply_refusal(actor, locked))
    reply = FeedbackReply(version=locked, body=body, author=actor)
    reply.full_clean()
    reply.save()
    return reply


@transaction.atomic
def public_release_consent_give(
    *, actor, version: RoadmapVersion, given_by: str, given_on, evidence: str
) -> PublicReleaseConsent:
    """Record the country's consent to show a published version and its scorecard to the
    world (its focal points, or the secretariat for them). The version is locked, so two
    consents cannot be put in force at once; the model says clearly when one already is."""
    locked = RoadmapVersion.objects.select_for_update().select_related("roadmap").get(pk=version.pk)
    refuse(consent_give_refusal(actor, locked))
    consent = PublicReleaseConsent(
        version=locked, given_by=(given_by or "").strip(), given_on=given_on,
        evidence=(evidence or "").strip(), recorded_by=actor,
    )  # fmt: skip
    consent.full_clean()
    consent.save()
    return consent


@transaction.atomic
def public_release_consent_withdraw(
    *, actor, consent: PublicReleaseConsent, withdrawn_on=None
) -> PublicReleaseConsent:
    """Take a version off the public site: the country withdrew its consent (today unless
    said otherwise)."""
    locked = (
        PublicReleaseConsent.objects.select_for_update()
        .select_related("version__roadmap")
        .get(pk=consent.pk)
    )
    refuse(consent_withdraw_refusal(actor, locked))
    locked.withdrawn_on = withdrawn_on or timezone.localdate()
    locked.full_clean()
    locked.save(update_fields=["withdrawn_on"])
    return locked
