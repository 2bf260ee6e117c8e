"""Writes for programme-wide records. Every write goes through a service."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any, TypeVar

from axes.utils import reset as axes_reset
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext

from base.cache import generation_bump
from base.errors import DomainError, refuse
from programme.choices import Role
from programme.models import ApiToken, Milestone, Organisation, User
from programme.notifications import PASSWORD_RESET
from programme.outbox import outbox_enqueue
from programme.rules import (
    api_token_manage_refusal,
    programme_record_keep_refusal,
    signin_lock_lift_refusal,
)

M = TypeVar("M", bound=models.Model)


@transaction.atomic
def reference_rows_sync(
    model: type[models.Model], *, key: str, rows: Sequence[dict[str, Any]]
) -> tuple[int, int]:
    """Make `model` hold `rows` (matched on `key`): insert missing rows, update changed ones.

    Used for reference data, so loading the same file twice changes nothing. Foreign keys are
    given as `<field>_id`. Runs a fixed number of queries whatever the number of rows.
    Returns (created, updated).
    """
    keys = [row[key] for row in rows]
    existing = {getattr(obj, key): obj for obj in model.objects.filter(**{f"{key}__in": keys})}
    to_create: list[models.Model] = []
    to_update: list[models.Model] = []
    changed_fields: set[str] = set()
    for row in rows:
        obj = existing.get(row[key])
        if obj is None:
            obj = model(**row)
            # Uniqueness is left to the database (one query for all rows, not one per row).
            obj.full_clean(validate_unique=False, validate_constraints=False)
            to_create.append(obj)
            continue
        changed = [field for field, value in row.items() if getattr(obj, field) != value]
        if changed:
            for field in changed:
                setattr(obj, field, row[field])
            changed_fields.update(changed)
            to_update.append(obj)
    model.objects.bulk_create(to_create)
    if to_update:
        model.objects.bulk_update(to_update, sorted(changed_fields))
    if to_create or to_update:
        # Bulk writes send no signals: invalidate the cached reads built from this model.
        generation_bump(model)
    return len(to_create), len(to_update)


def model_fields_apply(instance: models.Model, fields: dict[str, Any]) -> None:
    """Set plain and foreign-key fields on `instance`; refuse names the model does not have."""
    names = {f.name for f in instance._meta.concrete_fields}
    unknown = sorted(set(fields) - names)
    if unknown:
        raise ValidationError({name: gettext("No such field.") for name in unknown})
    for name, value in fields.items():
        setattr(instance, name, value)


# --- Records the secretariat keeps ----------------------------------------------------------


def record_create(model: type[M], *, fields: dict[str, Any]) -> M:
    """Create a record from `fields`, validated by the model's own rules. Who may is the
    caller's rule, raised before it calls."""
    instance = model()
    model_fields_apply(instance, fields)
    instance.full_clean()
    instance.save()
    return instance


def record_update(instance: M, *, fields: dict[str, Any]) -> M:
    """Change a record; the row is locked so two edits do not mix. Who may is the caller's
    rule, raised before it calls."""
    instance = type(instance).objects.select_for_update().get(pk=instance.pk)
    model_fields_apply(instance, fields)
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def organisation_create(*, actor: User, **fields: Any) -> Organisation:
    """Add an organisation to the programme's directory."""
    refuse(programme_record_keep_refusal(actor))
    return record_create(Organisation, fields=fields)


@transaction.atomic
def organisation_update(*, actor: User, organisation: Organisation, **fields: Any) -> Organisation:
    """Correct an organisation's details; the model's rules are checked again."""
    refuse(programme_record_keep_refusal(actor, organisation))
    return record_update(organisation, fields=fields)


def programme_people() -> models.QuerySet[User]:
    """People who may own a milestone: active accounts holding a programme role other than
    read-only partner access."""
    return User.objects.filter(
        is_active=True,
        groups__name__in=[role for role in Role.values if role != Role.PARTNER],
    ).distinct()


def milestone_owners_check(owners: Iterable[User]) -> list[User]:
    """Refuse owners who are not people of the programme (the one place this is decided)."""
    owners = list(owners)
    ids = {owner.pk for owner in owners}
    allowed = set(programme_people().filter(pk__in=ids).values_list("pk", flat=True))
    strangers = [str(owner) for owner in owners if owner.pk not in allowed]
    if strangers:
        raise ValidationError(
            {
                "owners": gettext("Not a person of the programme: %(names)s.")
                % {"names": ", ".join(strangers)}
            }
        )
    return owners


@transaction.atomic
def milestone_create(*, actor: User, owners: Iterable[User] = (), **fields: Any) -> Milestone:
    """Add a dated commitment to the programme's plan."""
    refuse(programme_record_keep_refusal(actor))
    owners = milestone_owners_check(owners)
    milestone = record_create(Milestone, fields=fields)
    milestone.owners.set(owners)
    return milestone


@transaction.atomic
def milestone_update(
    *, actor: User, milestone: Milestone, owners: Iterable[User] | None = None, **fields: Any
) -> Milestone:
    """Change a milestone (reschedule, mark done, change who owns it).

    Nothing here talks to the broker: reminders are found by the periodic sweep from the
    database, so saving works while Redis is down and a rescheduled date is reminded afresh.
    """
    refuse(programme_record_keep_refusal(actor, milestone))
    milestone = record_update(milestone, fields=fields)
    if owners is not None:
        milestone.owners.set(milestone_owners_check(owners))
    return milestone


def milestone_attach(
    *,
    title: str,
    kind: str,
    due_on,
    owners: Sequence[User] = (),
    country=None,
    component=None,
    is_public: bool = False,
    description: str = "",
    title_template: str = "",
    title_args: dict | None = None,
) -> Milestone:
    """Make the milestone that carries another record's due date (a review, an action item, a
    chapter), so every deadline in the programme is reminded from one place.

    A generated title is given as `title_template` (an English pattern marked with
    gettext_noop where it is written) and `title_args`; `title` is its English.

    Called by other apps' services, which have already checked who may set the date; the
    owning record keeps a foreign key to the milestone it gets back (and registers itself in
    `programme.subjects` so the milestone can link to it).
    """
    owners = milestone_owners_check(owners)
    milestone = Milestone(
        title=title,
        title_template=title_template,
        title_args=title_args or {},
        kind=kind,
        due_on=due_on,
        country=country,
        component=component,
        is_public=is_public,
        description=description,
    )
    milestone.full_clean()
    milestone.save()
    milestone.owners.set(owners)
    return milestone


def milestone_reschedule(
    milestone: Milestone,
    *,
    due_on=None,
    title: str | None = None,
    title_args: dict | None = None,
    owners: Sequence[User] | None = None,
) -> Milestone:
    """Bring an attached milestone in line with its owning record: a new due date, title (and
    a generated title's values) or owners (the same people check as `milestone_attach`).
    Unchanged arguments stay as they are."""
    if due_on is not None:
        milestone.due_on = due_on
    if title is not None:
        milestone.title = title
    if title_args is not None:
        milestone.title_args = title_args
    milestone.full_clean()
    milestone.save(update_fields=["due_on", "title", "title_args"])
    if owners is not None:
        milestone.owners.set(milestone_owners_check(owners))
    return milestone


# --- Reminder settings ----------------------------------------------------------------------


@transaction.atomic
def reminder_preferences_update(*, actor: User, mute_noncritical: bool) -> User:
    """Turn a person's non-critical reminders off or on (their own account only)."""
    User.objects.filter(pk=actor.pk).update(mute_noncritical_reminders=mute_noncritical)
    generation_bump(User)  # an update sends no signal: cached reads of people go stale
    actor.mute_noncritical_reminders = mute_noncritical
    return actor


@transaction.atomic
def user_language_set(*, actor: User, language: str) -> User:
    """Store the language a person reads the site and their emails in ("" follows the browser).

    A language not in settings.LANGUAGES is refused (ValidationError on `language`)."""
    actor.language = language
    actor.full_clean(
        exclude=[f.name for f in User._meta.fields if f.name != "language"], validate_unique=False
    )
    User.objects.filter(pk=actor.pk).update(language=language)
    generation_bump(User)  # an update sends no signal: cached reads of people go stale
    return actor


def password_reset_queue(*, user: User, language: str = "") -> None:
    """Owe `user` a password-reset email (through the outbox; the link is made when it is
    sent). Each request is its own email; the person's language if they chose one, else the
    language the request was in."""
    outbox_enqueue(
        kind=PASSWORD_RESET,
        key=f"{PASSWORD_RESET}:{user.pk}:{secrets.token_hex(8)}",
        recipient=user,
        language=user.language or language,
    )


@transaction.atomic
def calendar_token_reset(*, actor: User) -> str:
    """Give a person a new secret calendar address; the old one stops working at once."""
    token = secrets.token_urlsafe(32)
    User.objects.filter(pk=actor.pk).update(calendar_token=token)
    generation_bump(User)  # an update sends no signal: cached reads of people go stale
    actor.calendar_token = token
    return token


# --- API tokens ----------------------------------------------------------------------------


def api_token_hash(key: str) -> str:
    """The stored form of a token's secret (SHA-256: the secret is long and random)."""
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *, actor: User, user: User, name: str, expires_at: datetime | None = None
) -> tuple[ApiToken, str]:
    """Make a token for a partner's (or a staff member's) system. Returns (token, plaintext key);
    the key is never stored, so this is the only time anyone sees it. The token reads exactly
    what its user may read."""
    refuse(api_token_manage_refusal(actor))
    if not user.is_active:
        raise ValidationError({"user": gettext("API tokens are issued to active accounts only.")})
    key = secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name,
        prefix=key[: ApiToken.PREFIX_LENGTH],
        key_hash=api_token_hash(key),
        created_by=actor,
        expires_at=expires_at,
    )
    token.full_clean()
    token.save()
    return token, key


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """Stop a token working from now on; the row stays so its use remains on record."""
    refuse(api_token_manage_refusal(actor, token))
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise DomainError(gettext("This token was already revoked."), code="already_revoked")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    return token


# A token's last use is recorded at most this often, so reading the API is not a write per call.
API_TOKEN_USE_RESOLUTION = timedelta(minutes=1)


def api_token_record_use(*, token: ApiToken) -> None:
    """Note that a token was just used (coarsely), so stale tokens can be spotted and revoked."""
    now = timezone.now()
    if token.last_used_at and now - token.last_used_at < API_TOKEN_USE_RESOLUTION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now


# --- Sign-in locks ---------------------------------------------------------------------------


def _note_in_history(*, username: str, actor: User | None, reason: str) -> None:
    # The person's audit history (django-simple-history, registered by the audit app) keeps
    # who lifted a lock and when; without a history, there is nothing to write to.
    person = User.objects.filter(username=username).first()
    history = getattr(User, "history", None)
    if person is not None and history is not None:
        history.bulk_history_create(
            [person], update=True, default_user=actor, default_change_reason=reason[:100]
        )


@transaction.atomic
def signin_lock_lift(*, actor: User, username: str, ip_address: str) -> int:
    """Let `username` sign in from `ip_address` again before the cool-off ends (the person
    asked the secretariat); returns how many attempt records were cleared (0: no such lock,
    or it had ended). Who lifted it is kept in the person's history."""
    refusal = signin_lock_lift_refusal(actor)
    if refusal is not None:
        raise refusal
    if not username or not ip_address:
        raise ValidationError(gettext("Say which username and address to let in again."))
    cleared = axes_reset(ip=ip_address, username=username)
    if cleared:
        _note_in_history(
            username=username, actor=actor, reason=f"Sign-in lock lifted ({ip_address})"
        )
    return cleared


def signin_locks_clear_after_reset(*, user: User) -> int:
    """Lift every sign-in pause on `user`'s username: they have just chosen a new password
    through the reset link sent to their address, which proves the account is theirs."""
    cleared = axes_reset(username=user.get_username())
    if cleared:
        _note_in_history(
            username=user.get_username(), actor=user, reason="Sign-in lock lifted (reset)"
        )
    return cleared
