"""The People pages: the secretariat invites people, gives and takes roles, deactivates and
invites again, and resets a lost second factor; an invitee uses the emailed link to choose a
password. Who may do what is `programme.rules` (asked through each view's `rule`); every write
is a service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django_otp.plugins.otp_totp.models import TOTPDevice

from base.cache import read_key
from base.errors import DomainError, form_errors_add
from base.generic import ScopedFilterView, ServiceActionView, ServiceFormView
from pilots.models import Country, FocalPoint, Pilot
from portal.people.filtersets import PersonFilterSet
from portal.people.forms import PersonInviteForm, RoleGrantForm
from portal.people.selectors import person_detail, person_invitations, person_list
from portal.people.services import invitation_accept, person_role_grant, person_role_remove
from programme.choices import Role
from programme.models import Invitation, Organisation, User
from programme.notify import invitation_for_token
from programme.roles import RoleRequiredMixin
from programme.rules import (
    person_can_manage,
    person_deactivate_refusal,
    person_manage_refusal,
    person_reinvite_refusal,
    role_remove_refusal,
    two_factor_reset_refusal,
)
from programme.services import (
    invitation_refusal,
    person_deactivate,
    person_invite,
    person_reinvite,
    two_factor_reset,
)


class PersonListView(RoleRequiredMixin, ScopedFilterView):
    """Who has which role, for which country or organisation (the secretariat's)."""

    template_name = "people/person_list.html"
    selector = staticmethod(person_list)
    filterset_class = PersonFilterSet

    @classmethod
    def allows(cls, user) -> bool:
        return person_can_manage(user)

    # The rows (roles, country links, organisation, invitations, second factor) and the
    # filters' choices: the list and its filters are kept until a write to one of them.
    cache_models = (User, Group, FocalPoint, Country, Pilot, Organisation, Invitation, TOTPDevice)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # Read only when the cached copy is gone.
        ctx["rows"] = SimpleLazyObject(lambda: _with_role_names(ctx["object_list"]))
        return ctx

    def cache_key_parts(self) -> tuple[str, ...]:
        # An invitation that expires turns a row from "Invited" to "Inactive" with no write.
        return (str(Invitation.objects.open().count()),)


def _with_role_names(people) -> list:
    people = list(people)
    for person in people:
        person.role_names = role_names(person)
    return people


def role_names(person) -> list[str]:
    """The labels of the roles a person holds, from their prefetched groups (no query)."""
    held = {group.name for group in person.groups.all()}
    return [str(label) for role, label in Role.choices if role in held]


class PersonInviteView(ServiceFormView):
    """Invite a new person by email with a role."""

    template_name = "form_page.html"
    form_class = PersonInviteForm
    rule = staticmethod(person_manage_refusal)
    rule_needs_object = False
    success_message = _("Invitation sent.")

    @classmethod
    def allows(cls, user) -> bool:
        return person_can_manage(user)

    def get_success_url(self) -> str:
        return reverse("people:person-list")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            title=gettext("Invite a person"),
            intro=gettext(
                "They get an email with a link to choose their password; the link works once "
                "and expires. The role is theirs when they use it."
            ),
            cancel_url=self.get_success_url(),
            submit_label=gettext("Send the invitation"),
        )
        return ctx

    def perform(self, form):
        invitation = person_invite(actor=self.request.user, **form.cleaned_data)
        return reverse("people:person-roles", args=[invitation.user_id])


class _PersonMixin:
    """A page or action about one person: the secretariat's (403 first for anyone else)."""

    rule_needs_object = False

    def load_person(self):
        self.person = person_detail(user=self.request.user, pk=self.kwargs["pk"])
        return self.person

    def get_success_url(self) -> str:
        return reverse("people:person-roles", args=[self.kwargs["pk"]])


class PersonRolesView(_PersonMixin, ServiceFormView):
    """One person: their roles (with a way to remove each), invitations, state, second factor,
    and a form to give them another role."""

    template_name = "people/person_roles.html"
    form_class = RoleGrantForm
    rule = staticmethod(person_manage_refusal)
    success_message = _("Role given.")

    @classmethod
    def allows(cls, user) -> bool:
        return person_can_manage(user)

    def setup_objects(self) -> None:
        self.load_person()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        person = self.person
        ctx["person"] = person
        held = {group.name for group in person.groups.all()}
        actor = self.request.user
        # Each role with why it may not be taken away now (the button shows only when it may).
        ctx["roles"] = [
            (role, label, role_remove_refusal(actor, person, role))
            for role, label in Role.choices
            if role in held
        ]
        ctx["focal_point_role"] = Role.FOCAL_POINT
        ctx["invitations"] = person_invitations(person=person)
        ctx["deactivate_refusal"] = person_deactivate_refusal(self.request.user, person)
        ctx["reinvite_refusal"] = person_reinvite_refusal(self.request.user, person)
        ctx["two_factor_reset_refusal"] = two_factor_reset_refusal(self.request.user, person)
        # The role form's fields (a select of every pilot country and one of every
        # organisation) are the same for every person: drawn once per reader and language
        # until a write to what they list, and kept (`role_form_key`) while the form is empty.
        ctx["role_form_key"] = read_key("people-role-form", actor, ROLE_FORM_MODELS)
        return ctx

    def perform(self, form):
        person_role_grant(actor=self.request.user, person=self.person, **form.cleaned_data)


# What the role form's selects list: pilot countries and organisations.
ROLE_FORM_MODELS = (Country, Pilot, Organisation)


class _PersonActionView(_PersonMixin, ServiceActionView):
    rule = staticmethod(person_manage_refusal)

    def get_object(self):
        return self.load_person()


class PersonRoleRemoveView(_PersonActionView):
    """Take one role away (with the safeguards of the rules)."""

    success_message = _("Role removed.")

    def perform(self, form):
        role = self.kwargs["role"]
        if role not in Role.values:
            raise Http404
        person_role_remove(actor=self.request.user, person=self.object, role=role)


class PersonDeactivateView(_PersonActionView):
    """Stop a person signing in (sessions and API tokens stop at once)."""

    success_message = _("Account deactivated.")

    def perform(self, form):
        person_deactivate(actor=self.request.user, person=self.object)


class PersonReinviteView(_PersonActionView):
    """Send a new invitation link (the earlier one stops working)."""

    success_message = _("A new invitation was sent.")

    def perform(self, form):
        person_reinvite(actor=self.request.user, person=self.object)


class PersonTwoFactorResetView(_PersonActionView):
    """Remove a person's second factor (they lost their phone and recovery codes)."""

    success_message = _("Two-factor sign-in was reset for this person.")

    def perform(self, form):
        two_factor_reset(actor=self.request.user, person=self.object)


class InvitationAcceptView(View):
    """The emailed invitation link: choose a password, once. The signed link is the authority
    (no sign-in); a forged one is a 404, a used, replaced or expired one says so."""

    template_name = "people/invitation_accept.html"

    def dispatch(self, request, *args, **kwargs):
        self.invitation = invitation_for_token(kwargs["token"])
        if self.invitation is None:
            raise Http404(gettext("This invitation link is not valid."))
        return super().dispatch(request, *args, **kwargs)

    def _render(self, request, form, status=200):
        refusal = invitation_refusal(self.invitation)
        response = render(
            request,
            self.template_name,
            {"invitation": self.invitation, "form": form, "refusal": refusal},
            status=410 if refusal is not None else status,
        )
        # The link's secret must not stay in a shared cache; it leaves as a referrer only to
        # this site (the form posts back here, and a stricter policy would send "Origin: null",
        # which the CSRF check rightly refuses).
        response["Cache-Control"] = "no-store"
        response["Referrer-Policy"] = "same-origin"
        return response

    def get(self, request, token):
        return self._render(request, SetPasswordForm(self.invitation.user))

    def post(self, request, token):
        form = SetPasswordForm(self.invitation.user, request.POST)
        if invitation_refusal(self.invitation) is not None:
            return self._render(request, form)
        if not form.is_valid():
            return self._render(request, form, status=400)
        try:
            invitation_accept(
                invitation=self.invitation, password=form.cleaned_data["new_password1"]
            )
        except (DomainError, ValidationError) as exc:
            form_errors_add(form, exc)
            return self._render(request, form, status=400)
        messages.success(
            request, gettext("Your password is set. Sign in with your email address and it.")
        )
        return redirect("login")
