"""People and roles without the admin: invitations (signed, expiring, once only), role changes,
deactivation and their safeguards, each through a service and on record in the history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.utils import timezone

from base.errors import DomainError, NotPermitted
from pilots.models import FocalPoint
from pilots.rules import focal_point_candidates
from pilots.services import focal_point_link, focal_point_unlink
from portal.people.services import invitation_accept, person_role_grant, person_role_remove
from programme.choices import Role
from programme.models import Invitation, User
from programme.notify import INVITATION_SALT, invitation_for_token, invitation_token
from programme.outbox import outbox_sweep
from programme.roles import grant_role
from programme.services import (
    invitation_refusal,
    person_deactivate,
    person_invite,
    person_reinvite,
    role_grant,
    role_revoke,
)
from tests.factories import OrganisationFactory, PilotFactory, UserFactory, api_token_for

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-Passphrase-42"


def _later(minutes: int = 10) -> dt.datetime:
    return timezone.now() + dt.timedelta(minutes=minutes)


def _history_reasons(person: User) -> list[str]:
    return list(person.history.values_list("history_change_reason", flat=True))


# --- Invitations -----------------------------------------------------------------------------


def test_an_invitation_makes_an_account_that_cannot_sign_in_yet(secretariat_user, kenya):
    PilotFactory(country=kenya)
    invitation = person_invite(
        actor=secretariat_user,
        email="New.Person@Example.org",
        role=Role.FOCAL_POINT,
        country=kenya,
        first_name="Wanjiru",
    )
    person = invitation.user
    assert person.username == "new.person@example.org"
    assert not person.is_active and not person.has_usable_password()
    assert person.groups.count() == 0  # the role comes with the link's use
    assert invitation.expires_at - invitation.created_at == dt.timedelta(days=7)
    assert "Invited" in _history_reasons(person)


def test_the_invitation_email_goes_after_commit_in_the_invitees_language(secretariat_user):
    invitation = person_invite(
        actor=secretariat_user, email="ana@example.org", role=Role.REVIEWER, language="es"
    )
    assert mail.outbox == []  # owed, not yet sent
    outbox_sweep(now=_later())
    [message] = mail.outbox
    assert message.to == ["ana@example.org"]
    html = message.alternatives[0][0]
    assert 'lang="es"' in html
    # The signed link, in both parts, names this invitation.
    token = message.body.split("/accounts/invitation/")[1].split("/")[0]
    assert invitation_for_token(token) == invitation
    assert f"/accounts/invitation/{token}/" in html


def test_an_invitation_is_used_once_and_grants_its_role(secretariat_user):
    invitation = person_invite(actor=secretariat_user, email="r@example.org", role=Role.REVIEWER)
    person = invitation_accept(invitation=invitation, password=PASSWORD)
    person.refresh_from_db()
    assert person.is_active and person.check_password(PASSWORD)
    assert set(person.groups.values_list("name", flat=True)) == {Role.REVIEWER}
    with pytest.raises(DomainError) as used:
        invitation_accept(invitation=invitation, password="another-Passphrase-43")
    assert used.value.code == "used"
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


def test_an_expired_invitation_is_refused(secretariat_user):
    invitation = person_invite(actor=secretariat_user, email="late@example.org", role="")
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    invitation.refresh_from_db()
    with pytest.raises(DomainError) as expired:
        invitation_accept(invitation=invitation, password=PASSWORD)
    assert expired.value.code == "expired"
    assert not User.objects.get(pk=invitation.user_id).is_active


def test_a_link_older_than_the_setting_is_refused_by_its_signature(secretariat_user, settings):
    invitation = person_invite(actor=secretariat_user, email="old@example.org", role="")
    token = invitation_token(invitation)
    assert invitation_for_token(token) == invitation
    settings.INVITATION_MAX_AGE = dt.timedelta(seconds=-1)
    assert invitation_for_token(token) is None


def test_a_forged_or_altered_link_finds_nothing(secretariat_user):
    invitation = person_invite(actor=secretariat_user, email="f@example.org", role="")
    token = invitation_token(invitation)
    assert invitation_for_token(token[:-2] + ("AA" if token[-2:] != "AA" else "BB")) is None
    assert invitation_for_token(signing.dumps({"i": invitation.pk}, salt="other")) is None
    assert (
        invitation_for_token(signing.dumps({"i": invitation.pk}, salt=INVITATION_SALT + "x"))
        is None
    )
    assert invitation_refusal(None).code == "invalid"


def test_a_weak_password_is_refused_and_the_invitation_stays_open(secretariat_user):
    invitation = person_invite(actor=secretariat_user, email="w@example.org", role="")
    with pytest.raises(ValidationError):
        invitation_accept(invitation=invitation, password="12345678")
    invitation.refresh_from_db()
    assert invitation.accepted_at is None and invitation.is_open


def test_a_new_invitation_replaces_the_old_link(secretariat_user):
    first = person_invite(actor=secretariat_user, email="again@example.org", role=Role.REVIEWER)
    second = person_reinvite(actor=secretariat_user, person=first.user)
    first.refresh_from_db()
    assert first.voided_at is not None and second.role == Role.REVIEWER
    with pytest.raises(DomainError) as replaced:
        invitation_accept(invitation=first, password=PASSWORD)
    assert replaced.value.code == "replaced"
    invitation_accept(invitation=second, password=PASSWORD)


def test_only_the_secretariat_invites(focal_point_user):
    with pytest.raises(NotPermitted):
        person_invite(actor=focal_point_user, email="x@example.org", role=Role.REVIEWER)


def test_an_address_already_in_use_is_refused(secretariat_user, focal_point_user):
    with pytest.raises(ValidationError) as taken:
        person_invite(actor=secretariat_user, email=focal_point_user.email.upper(), role="")
    assert "email" in taken.value.message_dict


def test_a_focal_point_invitation_needs_a_country_and_a_partner_an_organisation(secretariat_user):
    with pytest.raises(ValidationError) as no_country:
        person_invite(actor=secretariat_user, email="fp@example.org", role=Role.FOCAL_POINT)
    assert "country" in no_country.value.message_dict
    with pytest.raises(ValidationError) as no_org:
        person_invite(actor=secretariat_user, email="pa@example.org", role=Role.PARTNER)
    assert "organisation" in no_org.value.message_dict
    assert not User.objects.filter(email__in=["fp@example.org", "pa@example.org"]).exists()


def test_a_focal_points_invitation_links_the_country(secretariat_user, kenya):
    PilotFactory(country=kenya)
    invitation = person_invite(
        actor=secretariat_user, email="fp.ke@example.org", role=Role.FOCAL_POINT, country=kenya
    )
    person = invitation_accept(invitation=invitation, password=PASSWORD)
    person = User.objects.get(pk=person.pk)
    assert person.is_focal_point and person.country_ids == {kenya.pk}


def test_an_invitation_from_someone_no_longer_secretariat_cannot_link_a_country(
    secretariat_user, kenya
):
    PilotFactory(country=kenya)
    UserFactory(roles=[Role.SECRETARIAT])  # so the inviter is not the last one
    invitation = person_invite(
        actor=secretariat_user, email="fp2@example.org", role=Role.FOCAL_POINT, country=kenya
    )
    secretariat_user.groups.clear()
    invitation = Invitation.objects.get(pk=invitation.pk)  # as the link finds it
    with pytest.raises(NotPermitted):
        invitation_accept(invitation=invitation, password=PASSWORD)
    assert not User.objects.get(pk=invitation.user_id).is_active  # nothing half-done


# --- Roles and their safeguards -------------------------------------------------------------


def test_nobody_removes_their_own_secretariat_role(secretariat_user):
    UserFactory(roles=[Role.SECRETARIAT])
    with pytest.raises(DomainError) as own:
        role_revoke(actor=secretariat_user, person=secretariat_user, role=Role.SECRETARIAT)
    assert own.value.code == "own_secretariat_role"
    assert User.objects.get(pk=secretariat_user.pk).is_secretariat


def test_the_last_active_secretariat_account_keeps_its_role_and_stays_active(secretariat_user):
    other = UserFactory(roles=[Role.SECRETARIAT])
    superuser = UserFactory(is_superuser=True)
    person_deactivate(actor=other, person=secretariat_user)
    # `other` is now the last active secretariat account: a superuser may not remove it.
    with pytest.raises(DomainError) as last:
        role_revoke(actor=superuser, person=other, role=Role.SECRETARIAT)
    assert last.value.code == "last_secretariat"
    with pytest.raises(DomainError) as last_deactivate:
        person_deactivate(actor=superuser, person=other)
    assert last_deactivate.value.code == "last_secretariat"


def test_a_secretariat_role_is_removed_when_another_remains(secretariat_user):
    colleague = UserFactory(roles=[Role.SECRETARIAT])
    role_revoke(actor=secretariat_user, person=colleague, role=Role.SECRETARIAT)
    assert not User.objects.get(pk=colleague.pk).is_secretariat
    assert "Role removed: secretariat" in _history_reasons(colleague)


def test_nobody_deactivates_their_own_account(secretariat_user):
    UserFactory(roles=[Role.SECRETARIAT])
    with pytest.raises(DomainError) as own:
        person_deactivate(actor=secretariat_user, person=secretariat_user)
    assert own.value.code == "own_account"


@pytest.mark.parametrize("other", [Role.FOCAL_POINT, Role.REVIEWER])
def test_a_partner_cannot_also_be_a_focal_point_or_reviewer(secretariat_user, kenya, other):
    PilotFactory(country=kenya)
    partner = UserFactory(roles=[Role.PARTNER], organisation=OrganisationFactory())
    with pytest.raises(NotPermitted) as refused:
        person_role_grant(actor=secretariat_user, person=partner, role=other, country=kenya)
    assert refused.value.code == "roles_exclusive"
    assert set(User.objects.get(pk=partner.pk).roles) == {Role.PARTNER}


def test_a_reviewer_cannot_be_made_a_partner(secretariat_user):
    reviewer = UserFactory(roles=[Role.REVIEWER])
    with pytest.raises(NotPermitted):
        role_grant(
            actor=secretariat_user,
            person=reviewer,
            role=Role.PARTNER,
            organisation=OrganisationFactory(),
        )


def test_a_focal_points_role_comes_only_with_a_country(secretariat_user):
    person = UserFactory()
    with pytest.raises(DomainError) as needs_country:
        role_grant(actor=secretariat_user, person=person, role=Role.FOCAL_POINT)
    assert needs_country.value.code == "focal_point_needs_country"
    with pytest.raises(DomainError):
        role_revoke(actor=secretariat_user, person=person, role=Role.FOCAL_POINT)


def test_linking_grants_the_role_and_the_last_unlink_removes_it(secretariat_user, ghana, kenya):
    PilotFactory(country=ghana), PilotFactory(country=kenya)
    person = UserFactory()
    first = focal_point_link(actor=secretariat_user, user=person, country=ghana)
    second = focal_point_link(actor=secretariat_user, user=person, country=kenya)
    assert User.objects.get(pk=person.pk).is_focal_point
    focal_point_unlink(actor=secretariat_user, link=first)
    assert User.objects.get(pk=person.pk).is_focal_point  # Kenya's link is left
    focal_point_unlink(actor=secretariat_user, link=second)
    assert not User.objects.get(pk=person.pk).is_focal_point


def test_removing_the_focal_point_role_ends_every_link(secretariat_user, focal_point_user):
    person_role_remove(actor=secretariat_user, person=focal_point_user, role=Role.FOCAL_POINT)
    person = User.objects.get(pk=focal_point_user.pk)
    assert not person.is_focal_point and person.country_ids == frozenset()
    assert not FocalPoint.objects.current().filter(user=person).exists()


def test_link_a_focal_point_offers_only_eligible_accounts(
    secretariat_user, reviewer_user, partner_user
):
    eligible = UserFactory()
    inactive = UserFactory(is_active=False)
    offered = set(focal_point_candidates())
    assert eligible in offered
    assert not {reviewer_user, partner_user, inactive} & offered


def test_only_the_secretariat_changes_roles(focal_point_user, advisory_user):
    with pytest.raises(NotPermitted):
        role_grant(actor=focal_point_user, person=advisory_user, role=Role.REVIEWER)
    with pytest.raises(NotPermitted):
        role_revoke(actor=advisory_user, person=advisory_user, role=Role.ADVISORY_GROUP)
    with pytest.raises(NotPermitted):
        person_deactivate(actor=focal_point_user, person=advisory_user)


# --- API tokens follow the person's current role ----------------------------------------------


def test_a_deactivated_persons_token_stops_working_at_once(secretariat_user, client):
    partner = UserFactory(roles=[Role.PARTNER], organisation=OrganisationFactory())
    _token, key = api_token_for(partner)
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
    assert client.get("/api/v1/pilots/", **auth).status_code == 200
    person_deactivate(actor=secretariat_user, person=partner)
    assert client.get("/api/v1/pilots/", **auth).status_code == 401
    assert "Deactivated" in _history_reasons(partner)


def test_a_role_change_changes_what_a_token_may_do(secretariat_user, client):
    colleague = UserFactory(roles=[Role.SECRETARIAT])
    _token, key = api_token_for(colleague)
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
    # The secretariat may try to write (a bad body is a 400, not a 403)...
    tried = client.post("/api/v1/organisations/", {}, content_type="application/json", **auth)
    assert tried.status_code == 400
    role_revoke(actor=secretariat_user, person=colleague, role=Role.SECRETARIAT)
    grant_role(colleague, Role.ADVISORY_GROUP)
    # ...and, from the next call on, the same token may not.
    refused = client.post("/api/v1/organisations/", {}, content_type="application/json", **auth)
    assert refused.status_code == 403
