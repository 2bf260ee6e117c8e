"""Writes for programme-wide records. Every write goes through a service."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from programme.errors import DomainError
from programme.models import ApiToken, Milestone, Organisation, User


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
    return len(to_create), len(to_update)


def model_fields_apply(instance: models.Model, fields: dict[str, Any]) -> None:
    """Set plain and foreign-key fields on `instance`; refuse names the model does not have."""
    names = {f.name for f in instance._meta.concrete_fields}
    unknown = sorted(set(fields) - names)
    if unknown:
        raise ValidationError({name: "No such field." for name in unknown})
    for name, value in fields.items():
        setattr(instance, name, value)


# --- Organisations -------------------------------------------------------------------------


@transaction.atomic
def organisation_create(*, actor: User, **fields: Any) -> Organisation:
    """Add an organisation to the programme's directory (secretariat work)."""
    organisation = Organisation()
    model_fields_apply(organisation, fields)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_update(*, actor: User, organisation: Organisation, **fields: Any) -> Organisation:
    """Correct an organisation's details; the model's rules are checked again."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    model_fields_apply(organisation, fields)
    organisation.full_clean()
    organisation.save()
    return organisation


# --- Milestones ----------------------------------------------------------------------------


@transaction.atomic
def milestone_create(*, actor: User, **fields: Any) -> Milestone:
    """Add a dated commitment to the programme's plan."""
    milestone = Milestone()
    model_fields_apply(milestone, fields)
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def milestone_update(*, actor: User, milestone: Milestone, **fields: Any) -> Milestone:
    """Change a milestone (reschedule, mark done); the row is locked so two edits do not mix."""
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    model_fields_apply(milestone, fields)
    milestone.full_clean()
    milestone.save()
    return milestone


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
    if not user.is_active:
        raise ValidationError({"user": "API tokens are issued to active accounts only."})
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
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise DomainError("This token was already revoked.", code="already_revoked")
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
