"""Roadmaps, their SDGs and targets, and their numbered versions moving through the
submission workflow."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from base.i18n import localised, translations_field
from base.querysets import VIEW, ScopedQuerySet
from base.search import FullText
from base.storage import private_storage
from base.uploads import inspect_upload
from roadmaps.choices import (
    FEEDBACK_REPLY_STATUSES,
    Priority,
    RoadmapKind,
    TargetLinkKind,
    VersionStatus,
)

# The action a reviewer takes on a version assigned to them.
REVIEW = "review"


class Goal(models.Model):
    """One of the 17 Sustainable Development Goals (reference data, A/RES/71/313)."""

    number = models.PositiveSmallIntegerField(
        unique=True, validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    short_title = models.CharField(max_length=100)
    title = models.CharField(max_length=255)
    translations = translations_field()

    class Meta:
        ordering = ["number"]
        verbose_name = _("SDG")
        verbose_name_plural = _("SDGs")

    def __str__(self) -> str:
        return gettext("SDG %(number)s: %(title)s") % {
            "number": self.number,
            "title": localised(self, "short_title"),
        }


class Target(models.Model):
    """One of the 169 SDG targets, e.g. 9.5 (reference data, A/RES/71/313)."""

    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="targets")
    code = models.CharField(max_length=6, unique=True)
    text = models.TextField()
    order = models.PositiveSmallIntegerField(help_text=_("Position within its goal."))
    translations = translations_field()

    class Meta:
        ordering = ["goal__number", "order"]
        verbose_name = _("SDG target")
        constraints = [
            models.UniqueConstraint(fields=["goal", "order"], name="target_unique_order")
        ]

    def __str__(self) -> str:
        return gettext("Target %(code)s") % {"code": self.code}


class RoadmapQuerySet(ScopedQuerySet):
    country_path = "country"
    # Focal points upload drafts to their own country's roadmaps and keep its SDG links current.
    country_actions = frozenset({VIEW, "upload", "link_sdgs"})

    def public_q(self) -> Q:
        # A roadmap is public once one of its versions is published.
        return Q(versions__status=VersionStatus.PUBLISHED)

    def extra_scope_q(self, user, action: str) -> Q | None:
        # Reviewers reach the roadmap of a version assigned to them (its page lists only the
        # versions they may read). Only reviewers get the clause.
        if action == VIEW and user.is_reviewer:
            return Q(versions__assignments__reviewer=user)
        return None


ROADMAP_FULL_TEXT = FullText(title=("title",), text=("summary",))


class Roadmap(models.Model):
    """A national STI for SDGs roadmap, or an international or thematic one of an organisation."""

    kind = models.CharField(
        max_length=20, choices=RoadmapKind.choices, default=RoadmapKind.NATIONAL
    )
    country = models.ForeignKey(
        "pilots.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="roadmaps"
    )
    owner = models.ForeignKey(
        "programme.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roadmaps",
        help_text=_("The organisation that owns an international or thematic roadmap."),
    )
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    goals = models.ManyToManyField(Goal, through="RoadmapGoal", related_name="roadmaps")
    targets = models.ManyToManyField(Target, through="RoadmapTarget", related_name="roadmaps")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RoadmapQuerySet.as_manager()
    full_text = ROADMAP_FULL_TEXT

    class Meta:
        ordering = ["title"]
        indexes = [ROADMAP_FULL_TEXT.index("roadmap_full_text")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind=RoadmapKind.NATIONAL) & Q(country__isnull=False))
                | (Q(kind=RoadmapKind.INTERNATIONAL) & Q(owner__isnull=False)),
                name="roadmap_national_has_country_international_has_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.kind == RoadmapKind.NATIONAL and not self.country_id:
            raise ValidationError({"country": _("A national roadmap belongs to a country.")})
        if self.kind == RoadmapKind.INTERNATIONAL and not self.owner_id:
            raise ValidationError({"owner": _("An international roadmap needs an owner.")})


class RoadmapGoal(models.Model):
    """An SDG a roadmap addresses, primarily or secondarily."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="goal_links")
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="roadmap_links")
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.PRIMARY)
    notes = models.TextField(blank=True)
    source = models.CharField(
        _("source"), max_length=500, blank=True, help_text=_("Where this SDG focus is recorded.")
    )
    # Made up for a demonstration: pages and the API say so, the public site leaves it out.
    illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Made up for a demonstration, not the public record."),
    )

    class Meta:
        ordering = ["roadmap", "goal__number"]
        constraints = [
            models.UniqueConstraint(fields=["roadmap", "goal"], name="roadmap_goal_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.roadmap}: {self.goal} ({self.priority})"


class RoadmapTarget(models.Model):
    """An SDG target a roadmap addresses (its synergies and trade-offs with other targets are
    `TargetLink`s)."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="target_links")
    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="roadmap_links")
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.PRIMARY)
    notes = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["roadmap", "target__goal__number", "target__order"]
        constraints = [
            models.UniqueConstraint(fields=["roadmap", "target"], name="roadmap_target_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.roadmap}: {self.target} ({self.priority})"


class TargetLink(models.Model):
    """A synergy or trade-off between two of a roadmap's SDG targets, so links can be counted
    and compared across roadmaps. With a version, it is what that version changes; without,
    it holds for the roadmap as a whole."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="links")
    version = models.ForeignKey(
        "roadmaps.RoadmapVersion",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="target_links",
        verbose_name=_("version"),
        help_text=_("The version that makes this link; empty for the roadmap as a whole."),
    )
    from_target = models.ForeignKey(
        Target, on_delete=models.PROTECT, related_name="links_from", verbose_name=_("from target")
    )
    to_target = models.ForeignKey(
        Target, on_delete=models.PROTECT, related_name="links_to", verbose_name=_("to target")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=TargetLinkKind.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["roadmap", "from_target__goal__number", "from_target__order", "pk"]
        verbose_name = _("link between targets")
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_target=models.F("to_target")),
                name="target_link_two_targets",
                violation_error_message=_("A target is not linked to itself."),
            ),
            models.UniqueConstraint(
                fields=["roadmap", "version", "from_target", "to_target"],
                nulls_distinct=False,
                name="target_link_unique",
                violation_error_message=_("These two targets are already linked."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_target.code} → {self.to_target.code} ({self.get_kind_display()})"

    def clean(self) -> None:
        errors = {}
        if self.from_target_id and self.from_target_id == self.to_target_id:
            errors["to_target"] = _("Link a target to another target, not to itself.")
        if self.roadmap_id:
            chosen = set(
                RoadmapTarget.objects.filter(roadmap_id=self.roadmap_id).values_list(
                    "target_id", flat=True
                )
            )
            for name in ("from_target", "to_target"):
                target_id = getattr(self, f"{name}_id")
                if target_id and target_id not in chosen and name not in errors:
                    errors[name] = _("Add this target to the roadmap's targets first.")
            if self.version_id and self.version.roadmap_id != self.roadmap_id:
                errors["version"] = _("Choose a version of this roadmap.")
        if not errors and self.roadmap_id and self.from_target_id and self.to_target_id:
            duplicate = TargetLink.objects.filter(
                roadmap_id=self.roadmap_id,
                version_id=self.version_id,
                from_target_id=self.from_target_id,
                to_target_id=self.to_target_id,
            ).exclude(pk=self.pk)
            if duplicate.exists():
                errors["to_target"] = _("These two targets are already linked.")
        if errors:
            raise ValidationError(errors)


class FeedbackReply(models.Model):
    """The country's answer to the secretariat's feedback on a returned or published version:
    the secretariat reads it on the version's assessment, the next version points to it."""

    version = models.OneToOneField(
        "roadmaps.RoadmapVersion",
        on_delete=models.CASCADE,
        related_name="feedback_reply",
        verbose_name=_("version"),
    )
    body = models.TextField(_("reply"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("reply to feedback")
        verbose_name_plural = _("replies to feedback")

    def __str__(self) -> str:
        return gettext("Reply to the feedback on %(version)s") % {"version": self.version}

    def clean(self) -> None:
        errors = {}
        self.body = (self.body or "").strip()
        if not self.body:
            errors["body"] = _("Write the reply.")
        if self.version_id:
            if self.version.status not in FEEDBACK_REPLY_STATUSES:
                errors["version"] = _(
                    "Only the feedback on a returned or published version can be answered."
                )
            elif (
                FeedbackReply.objects.filter(version_id=self.version_id)
                .exclude(pk=self.pk)
                .exists()
            ):
                errors["version"] = _("This version's feedback already has a reply.")
        if errors:
            raise ValidationError(errors)


def version_upload_to(instance: RoadmapVersion, filename: str) -> str:
    # The stored name never uses the uploader's file name (path tricks, clashes); the original
    # name is kept in `original_filename` for downloads.
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"roadmaps/{instance.roadmap_id}/{uuid.uuid4().hex}{suffix}"


class RoadmapVersionQuerySet(ScopedQuerySet):
    country_path = "roadmap__country"
    # Focal points upload and submit drafts for their own countries.
    country_actions = frozenset({VIEW, "submit"})

    def public_q(self) -> Q:
        return Q(status=VersionStatus.PUBLISHED)

    def latest_first(self) -> RoadmapVersionQuerySet:
        """Newest version first: "latest" always means the highest number."""
        return self.order_by("-number", "-pk")

    def extra_scope_q(self, user, action: str) -> Q | None:
        # Reviewers read, and review, the versions the secretariat assigned to them. Only
        # reviewers get the clause, so nobody else's query joins the assignments.
        if action in (VIEW, REVIEW) and user.is_reviewer:
            return Q(assignments__reviewer=user)
        return None


# A version is found by what its authors wrote about it (its roadmap by its own title).
VERSION_FULL_TEXT = FullText(title=("change_summary",))


class RoadmapVersion(models.Model):
    """A numbered draft of a roadmap. Its file and number never change once it is submitted."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(
        max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    file = models.FileField(storage=private_storage, upload_to=version_upload_to, max_length=255)
    original_filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    change_summary = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="roadmap_versions"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # A made-up draft for a demonstration: every page, export and API answer that shows it says
    # so, and the public site never releases it.
    illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Made up for a demonstration, not a real country's draft."),
    )

    objects = RoadmapVersionQuerySet.as_manager()
    full_text = VERSION_FULL_TEXT

    class Meta:
        ordering = ["roadmap", "-number"]
        indexes = [VERSION_FULL_TEXT.index("roadmap_version_full_text")]
        constraints = [
            models.UniqueConstraint(fields=["roadmap", "number"], name="roadmap_version_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="roadmap_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.roadmap} v{self.number}"

    # What identifies the submitted document; frozen once the version leaves draft.
    FROZEN_FIELDS = ("roadmap_id", "number", "file", "sha256", "size", "content_type")

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT

    @property
    def extension(self) -> str:
        return PurePosixPath(self.file.name or "").suffix.lower()

    def clean(self) -> None:
        if self.file and not self.file._committed:
            # A new file: its content decides its type, size and checksum, whatever the caller
            # said, so no door (form, service, admin, API) can store an unchecked file.
            try:
                info = inspect_upload(self.file.file, self.original_filename or self.file.name)
            except ValidationError as exc:
                raise ValidationError({"file": exc.error_list}) from exc
            self.original_filename = info.filename
            self.content_type, self.size, self.sha256 = info.content_type, info.size, info.sha256
            # The stored name's suffix follows the content, never the uploader's extension.
            self.file.name = f"draft{info.extension}"
        if self.pk:
            stored = (
                type(self)._base_manager.filter(pk=self.pk).values("status", *self.FROZEN_FIELDS)
            ).first()
            if stored and stored["status"] != VersionStatus.DRAFT:
                current = {f: getattr(self, f) for f in self.FROZEN_FIELDS}
                current["file"] = self.file.name
                if any(current[f] != stored[f] for f in self.FROZEN_FIELDS):
                    raise ValidationError(
                        _("A submitted version cannot be changed; upload a new version instead."),
                        code="immutable",
                    )


class VersionTransition(models.Model):
    """One move of a version through the submission workflow, with actor and comment."""

    version = models.ForeignKey(
        RoadmapVersion, on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(max_length=20, choices=VersionStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=VersionStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    comment = models.TextField(blank=True)
    override = models.BooleanField(
        default=False,
        help_text=_(
            "The secretariat accepted the version without a finalised assessment; the comment "
            "says why."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.version}: {self.from_status or '-'} -> {self.to_status}"
