"""Writes for roadmaps, their SDG links, their versions and the SDG reference data."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from base.errors import NotPermitted, refuse
from base.uploads import inspect_upload
from pilots.models import Country
from programme.models import Organisation
from programme.services import reference_rows_sync
from roadmaps.choices import Priority, VersionStatus
from roadmaps.models import (
    Goal,
    Roadmap,
    RoadmapGoal,
    RoadmapTarget,
    RoadmapVersion,
    Target,
    VersionTransition,
)
from roadmaps.notifications import version_transition_queue
from roadmaps.rules import (
    roadmap_change_refusal,
    roadmap_create_refusal,
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
    _require_roadmap_change(actor, roadmap)
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
    _require_roadmap_change(actor, link.roadmap)
    link.delete()


@transaction.atomic
def roadmap_target_set(
    *,
    actor,
    roadmap: Roadmap,
    target: Target,
    priority: str = Priority.PRIMARY,
    synergies: str = "",
    trade_offs: str = "",
) -> RoadmapTarget:
    """Record (or update) an SDG target the roadmap addresses, with its synergies and
    trade-offs. The target's goal is added to the roadmap's SDGs if it is not there yet."""
    _require_roadmap_change(actor, roadmap)
    link = RoadmapTarget.objects.filter(roadmap=roadmap, target=target).first() or RoadmapTarget(
        roadmap=roadmap, target=target
    )
    link.priority, link.synergies, link.trade_offs = priority, synergies, trade_offs
    link.full_clean()
    link.save()
    RoadmapGoal.objects.get_or_create(
        roadmap=roadmap, goal_id=target.goal_id, defaults={"priority": priority}
    )
    return link


@transaction.atomic
def roadmap_target_remove(*, actor, link: RoadmapTarget) -> None:
    """Drop an SDG target from a roadmap's list (its goal stays)."""
    _require_roadmap_change(actor, link.roadmap)
    link.delete()
