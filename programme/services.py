"""Writes for programme-wide records. Every write goes through a service."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any, TypeVar

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from base.cache import generation_bump
from base.errors import DomainError, refuse
from programme.choices import Role
from programme.models import ApiToken, Invitation, Milestone, Organisation, User
from programme.notify import INVITATION, PASSWORD_RESET
from programme.outbox import outbox_enqueue
from programme.roles import grant_role, revoke_role
from programme.rules import (
    api_token_manage_refusal,
    person_deactivate_refusal,
    person_manage_refusal,
    person_reinvite_refusal,
    programme_record_keep_refusal,
    role_remove_refusal,
    signin_lock_lift_refusal,
    two_factor_reset_refusal,
    two_factor_turn_off_refusal,
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


# --- People and roles ----------------------------------------------------------------------


# What the People pages write in a person's history, in English as stored; the history panel
# shows each in the reader's language (so each is a fixed phrase in the catalogues).
HISTORY_INVITED = gettext_noop("Invited")
HISTORY_INVITED_AGAIN = gettext_noop("Invited again")
HISTORY_INVITATION_ACCEPTED = gettext_noop("Invitation accepted")
HISTORY_DEACTIVATED = gettext_noop("Deactivated")
HISTORY_TWO_FACTOR_ON = gettext_noop("Two-factor sign-in turned on")
HISTORY_TWO_FACTOR_OFF = gettext_noop("Two-factor sign-in turned off")
HISTORY_TWO_FACTOR_RESET = gettext_noop("Two-factor sign-in reset")
HISTORY_ROLE_GIVEN = {
    Role.SECRETARIAT: gettext_noop("Role given: secretariat"),
    Role.REVIEWER: gettext_noop("Role given: reviewer"),
    Role.FOCAL_POINT: gettext_noop("Role given: country focal point"),
    Role.ADVISORY_GROUP: gettext_noop("Role given: advisory-group member"),
    Role.PARTNER: gettext_noop("Role given: partner"),
}
HISTORY_ROLE_REMOVED = {
    Role.SECRETARIAT: gettext_noop("Role removed: secretariat"),
    Role.REVIEWER: gettext_noop("Role removed: reviewer"),
    Role.FOCAL_POINT: gettext_noop("Role removed: country focal point"),
    Role.ADVISORY_GROUP: gettext_noop("Role removed: advisory-group member"),
    Role.PARTNER: gettext_noop("Role removed: partner"),
}


def person_history_note(person: User, *, actor: User | None, reason: str) -> None:
    """Write a row in `person`'s audit history saying who did what to their account."""
    # A row in the person's audit history naming who did what (the role grant itself is also
    # in the copy of their groups), so the People pages' changes are on record.
    history = getattr(User, "history", None)
    if history is not None:
        history.bulk_history_create(
            [person], update=True, default_user=actor, default_change_reason=reason[:100]
        )


def _invitation_queue(invitation: Invitation, *, language: str) -> None:
    outbox_enqueue(
        kind=INVITATION,
        key=f"{INVITATION}:{invitation.pk}",
        payload={"invitation": invitation.pk},
        recipient=invitation.user,
        language=language,
    )


def _invitation_new(
    *, actor: User, person: User, role: str, country=None, organisation=None
) -> Invitation:
    now = timezone.now()
    # An older link stops working as soon as a newer one is sent.
    Invitation.objects.filter(user=person).open(now).update(voided_at=now)
    invitation = Invitation(
        user=person,
        role=role,
        country=country,
        organisation=organisation,
        invited_by=actor,
        created_at=now,
        expires_at=now + settings.INVITATION_MAX_AGE,
    )
    invitation.full_clean()
    invitation.save()
    return invitation


@transaction.atomic
def person_invite(
    *,
    actor: User,
    email: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    country=None,
    organisation=None,
    language: str = "",
) -> Invitation:
    """Invite a new person by email with a role (a focal point for a country, a partner for an
    organisation). Their account exists from now on but cannot sign in until they choose a
    password through the emailed link; the role is granted then (`invitation_accept`)."""
    refuse(person_manage_refusal(actor))
    email = User.objects.normalize_email(email).strip()
    if not email:
        raise ValidationError({"email": gettext("Give the person's email address.")})
    if User.objects.filter(
        models.Q(email__iexact=email) | models.Q(username__iexact=email)
    ).exists():
        raise ValidationError(
            {
                "email": gettext(
                    "Someone already has an account with this address: change their roles "
                    "on the People page, or send them a new invitation there."
                )
            }
        )
    person = User(
        username=email.lower(),
        email=email,
        first_name=first_name,
        last_name=last_name,
        language=language,
        is_active=False,
        organisation=organisation,
    )
    person.set_unusable_password()
    person.full_clean()
    person.save()
    invitation = _invitation_new(
        actor=actor, person=person, role=role, country=country, organisation=organisation
    )
    person_history_note(person, actor=actor, reason=HISTORY_INVITED)
    _invitation_queue(invitation, language=language)
    return invitation


@transaction.atomic
def person_reinvite(*, actor: User, person: User) -> Invitation:
    """Send a person a new invitation link (theirs expired, was lost, or their account was
    deactivated): the earlier link stops working; the role of their last invitation is kept."""
    person = User.objects.select_for_update().get(pk=person.pk)
    refuse(person_reinvite_refusal(actor, person))
    last = Invitation.objects.filter(user=person).first()
    invitation = _invitation_new(
        actor=actor,
        person=person,
        role=last.role if last else "",
        country=last.country if last else None,
        organisation=last.organisation if last else person.organisation,
    )
    person_history_note(person, actor=actor, reason=HISTORY_INVITED_AGAIN)
    _invitation_queue(invitation, language=person.language)
    return invitation


def invitation_refusal(invitation: Invitation | None) -> DomainError | None:
    """Why an invitation link cannot be used now (None when it can)."""
    if invitation is None:
        return DomainError(gettext("This invitation link is not valid."), code="invalid")
    if invitation.accepted_at is not None:
        return DomainError(
            gettext("This invitation was already used: sign in with the password you chose."),
            code="used",
        )
    if invitation.voided_at is not None:
        return DomainError(
            gettext("A newer invitation replaced this one: use the link in the latest email."),
            code="replaced",
        )
    if invitation.expires_at <= timezone.now():
        return DomainError(
            gettext("This invitation has expired: ask the secretariat to send a new one."),
            code="expired",
        )
    return None


@transaction.atomic
def invitation_account_open(*, invitation: Invitation, password: str) -> User:
    """Use an invitation: the invitee's password (checked by the site's password validators),
    an active account, and the invited role unless it is a focal point's (linking the country
    grants that: `portal.people.services.invitation_accept`). Once only."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    refuse(invitation_refusal(invitation))
    person = User.objects.select_for_update().get(pk=invitation.user_id)
    validate_password(password, user=person)
    person.set_password(password)
    person.is_active = True
    if invitation.organisation_id and not person.organisation_id:
        person.organisation_id = invitation.organisation_id
    person.save()
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    if invitation.role and invitation.role != Role.FOCAL_POINT:
        grant_role(person, invitation.role)
    person_history_note(person, actor=person, reason=HISTORY_INVITATION_ACCEPTED)
    return person


@transaction.atomic
def role_grant(*, actor: User, person: User, role: str, organisation=None) -> User:
    """Give a person one more role. A focal point's role comes with a country link
    (`pilots.services.focal_point_link`); roles that exclude each other are refused."""
    refuse(person_manage_refusal(actor, person))
    person = User.objects.select_for_update().get(pk=person.pk)
    if role == Role.FOCAL_POINT:
        raise DomainError(
            gettext("A focal point is linked to a country: choose the country."),
            code="focal_point_needs_country",
        )
    if not person.is_active:
        raise DomainError(
            gettext("%(person)s's account is not active.") % {"person": person},
            code="inactive",
        )
    if role == Role.PARTNER:
        organisation = organisation or person.organisation
        if organisation is None:
            raise ValidationError(
                {"organisation": gettext("Say which organisation a partner account is for.")}
            )
        person.organisation = organisation
        person.save(update_fields=["organisation"])
    grant_role(person, role)
    person_history_note(person, actor=actor, reason=HISTORY_ROLE_GIVEN[role])
    return person


@transaction.atomic
def role_revoke(*, actor: User, person: User, role: str) -> User:
    """Take a role from a person: never a focal point's (unlink their countries), never one's
    own secretariat role or the last active secretariat's."""
    refuse(person_manage_refusal(actor, person))
    # Locking the secretariat's rows makes two removals at once see each other.
    list(User.objects.select_for_update().filter(groups__name=Role.SECRETARIAT))
    person = User.objects.select_for_update().get(pk=person.pk)
    if role == Role.FOCAL_POINT:
        raise DomainError(
            gettext("A focal point stops being one when their last country link ends."),
            code="focal_point_unlink",
        )
    if role not in set(person.groups.values_list("name", flat=True)):
        raise DomainError(gettext("This person does not hold that role."), code="not_held")
    refuse(role_remove_refusal(actor, person, role))
    revoke_role(person, role)
    person_history_note(person, actor=actor, reason=HISTORY_ROLE_REMOVED[role])
    return person


@transaction.atomic
def person_deactivate(*, actor: User, person: User) -> User:
    """Stop a person signing in: their sessions, API tokens and open invitations stop working
    at once (the account and its records stay, and a new invitation brings them back)."""
    list(User.objects.select_for_update().filter(groups__name=Role.SECRETARIAT))
    person = User.objects.select_for_update().get(pk=person.pk)
    refuse(person_deactivate_refusal(actor, person))
    person.is_active = False
    person.save(update_fields=["is_active"])
    Invitation.objects.filter(user=person).open().update(voided_at=timezone.now())
    person_history_note(person, actor=actor, reason=HISTORY_DEACTIVATED)
    return person


# --- Two-factor sign-in ----------------------------------------------------------------------


@transaction.atomic
def two_factor_setup_start(*, actor: User) -> TOTPDevice:
    """A new authenticator secret for `actor`, not yet in force: it counts once they enter a
    code from it (`two_factor_setup_confirm`). An earlier unfinished set-up is replaced."""
    TOTPDevice.objects.filter(user=actor, confirmed=False).delete()
    return TOTPDevice.objects.create(user=actor, name=gettext("Authenticator app"), confirmed=False)


@transaction.atomic
def two_factor_setup_confirm(*, actor: User, device: TOTPDevice, token: str) -> list[str]:
    """Turn two-factor sign-in on with the device `actor` just added, once a code from it
    matches; returns the recovery codes (each works once), which are shown this one time.
    Any earlier authenticator and recovery codes stop working."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=actor)
    if not device.verify_token((token or "").strip().replace(" ", "")):
        raise ValidationError({"token": gettext("This code does not match. Try the next one.")})
    TOTPDevice.objects.filter(user=actor).exclude(pk=device.pk).delete()
    StaticDevice.objects.filter(user=actor).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    recovery = StaticDevice.objects.create(user=actor, name=gettext("Recovery codes"))
    codes = [StaticToken.random_token() for _ in range(settings.OTP_RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=recovery, token=code) for code in codes])
    person_history_note(actor, actor=actor, reason=HISTORY_TWO_FACTOR_ON)
    return codes


def _two_factor_remove(person: User) -> None:
    TOTPDevice.objects.filter(user=person).delete()
    StaticDevice.objects.filter(user=person).delete()


@transaction.atomic
def two_factor_turn_off(*, actor: User) -> None:
    """Turn one's own two-factor sign-in off (refused where it is required)."""
    refuse(two_factor_turn_off_refusal(actor))
    _two_factor_remove(actor)
    person_history_note(actor, actor=actor, reason=HISTORY_TWO_FACTOR_OFF)


@transaction.atomic
def two_factor_reset(*, actor: User, person: User) -> None:
    """Remove another person's second factor (a lost phone and recovery codes): they sign in
    with their password and, where it is required, set a new one up before anything else."""
    refuse(two_factor_reset_refusal(actor, person))
    _two_factor_remove(person)
    person_history_note(person, actor=actor, reason=HISTORY_TWO_FACTOR_RESET)
