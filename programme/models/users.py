"""People who sign in and the roles they hold."""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractUser, Group
from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef
from django.utils.translation import gettext_lazy as _

from base.search import FullText
from programme.choices import (
    Role,
)

USER_FULL_TEXT = FullText(title=("first_name", "last_name"), text=("job_title",))


class User(AbstractUser):
    """A person who signs in: secretariat staff, reviewers, focal points, advisers, partners.

    Roles are auth Groups named after `Role`; a focal point's countries come from
    `pilots.FocalPoint`. Both are read once per request and cached on the instance.
    """

    organisation = models.ForeignKey(
        "programme.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("The organisation this person works for."),
    )
    job_title = models.CharField(max_length=200, blank=True)
    mute_noncritical_reminders = models.BooleanField(
        _("mute non-critical reminders"),
        default=False,
        help_text=_(
            "Only reminders on the day before, on the due date and while overdue are sent."
        ),
    )
    # No choices here: the languages offered are settings.LANGUAGES (checked in clean()), so
    # adding a language needs no migration. Empty means "follow my browser".
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        default="",
        help_text=_("The language of the pages and of the emails you receive."),
    )
    # The secret in this person's private calendar address; empty until they ask for one,
    # replaced when they reset it (the old address then answers 404).
    calendar_token = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    full_text = USER_FULL_TEXT

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        indexes = [USER_FULL_TEXT.index("user_full_text")]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def clean(self):
        super().clean()
        if self.language and self.language not in dict(settings.LANGUAGES):
            raise ValidationError({"language": _("Choose one of the languages offered.")})

    @property
    def email_language(self) -> str:
        """The language this person's emails are written in: their choice, else the site's."""
        return self.language or settings.LANGUAGE_CODE

    @cached_property
    def roles(self) -> frozenset[str]:
        if not self.is_authenticated:
            return frozenset()
        return frozenset(self.groups.values_list("name", flat=True))

    @staticmethod
    def roles_query(user_field: str) -> ArraySubquery:
        """The role names of the user `user_field` points to, as an annotation: a query that
        reads users with their roles (hand them over with `roles_known`)."""
        return ArraySubquery(Group.objects.filter(user=OuterRef(user_field)).values("name"))

    def roles_known(self, names) -> None:
        """The roles read with the user (`roles_query`), so `roles` needs no query of its own."""
        self.__dict__["roles"] = frozenset(names or ())

    def has_role(self, role: str) -> bool:
        return role in self.roles

    @property
    def is_secretariat(self) -> bool:
        return self.is_superuser or Role.SECRETARIAT in self.roles

    @property
    def is_reviewer(self) -> bool:
        return Role.REVIEWER in self.roles

    @property
    def is_focal_point(self) -> bool:
        return Role.FOCAL_POINT in self.roles

    @property
    def is_partner(self) -> bool:
        return Role.PARTNER in self.roles

    @property
    def is_partner_only(self) -> bool:
        """A partner account with no other role: it reads through the API only."""
        return self.roles == {Role.PARTNER} and not (self.is_superuser or self.is_staff)

    @property
    def is_advisory_member(self) -> bool:
        return Role.ADVISORY_GROUP in self.roles

    @cached_property
    def country_ids(self) -> frozenset[int]:
        """Countries this user is a current focal point for (empty for everyone else)."""
        if not self.is_authenticated or Role.FOCAL_POINT not in self.roles:
            return frozenset()
        # Through the reverse relation (pilots.FocalPoint.user): the directory does not import
        # the pilots app that stands on it.
        return frozenset(self.focal_points.current().values_list("country_id", flat=True))
