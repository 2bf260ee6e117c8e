"""The shared base views ask a rule before acting: a role the rule refuses gets 403 (as the
API answers), any other refusal is a message, and a service's errors reach the form through
the one adapter (`base.errors.form_errors_add`), by field."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.views import View

from base.api.base import ReadOnlyScopedViewSet
from base.errors import DomainError, IllegalTransition, NotPermitted
from base.generic import ServiceActionView, ServiceFormView
from programme.choices import Role
from programme.roles import RoleRequiredMixin
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BACK = "/back/"


class Thing:
    """What a page acts on: `closed` things refuse every change (a workflow state)."""

    def __init__(self, *, closed: bool = False):
        self.closed = closed
        self.names: list[str] = []


def thing_change_refusal(user, thing) -> DomainError | None:
    if not user.is_secretariat:
        return NotPermitted("Only the secretariat changes things.")
    if thing is not None and thing.closed:
        return IllegalTransition("This thing is closed.")
    return None


def thing_rename(*, actor, thing, name: str) -> None:
    """The service: it refuses what the rule refuses, and names it validates itself."""
    refusal = thing_change_refusal(actor, thing)
    if refusal is not None:
        raise refusal
    if name == "taken":
        raise ValidationError({"name": "This name is taken."})
    if name == "late":
        raise IllegalTransition("Things are renamed before their deadline.")
    if name == "forbidden":
        raise NotPermitted("Nobody may use this name.")
    thing.names.append(name)


class NameForm(forms.Form):
    name = forms.CharField(max_length=20)


class ThingFormView(ServiceFormView):
    # Never rendered here: the tests read the response's context.
    template_name = "thing_form.html"
    form_class = NameForm
    rule = staticmethod(thing_change_refusal)
    thing = Thing()

    def setup_objects(self):
        self.object = self.thing

    def get_success_url(self):
        return BACK

    def perform(self, form):
        thing_rename(actor=self.request.user, thing=self.object, **form.cleaned_data)


class ThingActionView(ServiceActionView):
    form_class = NameForm
    rule = staticmethod(thing_change_refusal)
    thing = Thing()

    def get_object(self):
        return self.thing

    def get_success_url(self):
        return BACK

    def perform(self, form):
        thing_rename(actor=self.request.user, thing=self.object, **form.cleaned_data)


def call(rf, view, user, method="post", data=None, **attrs):
    request = getattr(rf, method)("/things/1/", data or {})
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    response = view.as_view(**attrs)(request)
    return response, [str(m) for m in get_messages(request)]


@pytest.fixture
def staff():
    return UserFactory(roles=[Role.SECRETARIAT])


@pytest.fixture
def country_person():
    return UserFactory(roles=[Role.FOCAL_POINT])


# --- The form page ---------------------------------------------------------------------------


def test_form_page_refuses_a_role_with_403_before_showing_or_saving(rf, country_person):
    thing = Thing()
    for method in ("get", "post"):
        with pytest.raises(PermissionDenied):
            call(rf, ThingFormView, country_person, method, {"name": "new"}, thing=thing)
    assert thing.names == []


def test_form_page_sends_anonymous_readers_to_sign_in(rf):
    response, _messages = call(rf, ThingFormView, AnonymousUser(), "get")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_form_page_shows_another_refusal_as_a_message_and_saves_nothing(rf, staff):
    thing = Thing(closed=True)
    response, messages = call(rf, ThingFormView, staff, "post", {"name": "new"}, thing=thing)
    assert (response.status_code, response["Location"]) == (302, BACK)
    assert messages == ["This thing is closed."]
    assert thing.names == []


def test_form_page_puts_the_services_field_error_on_its_field(rf, staff):
    thing = Thing()
    response, messages = call(rf, ThingFormView, staff, "post", {"name": "taken"}, thing=thing)
    assert response.status_code == 400
    form = response.context_data["form"]
    assert form.errors == {"name": ["This name is taken."]}
    assert messages == []
    assert thing.names == []


def test_form_page_puts_a_domain_refusal_above_the_form(rf, staff):
    thing = Thing()
    response, _messages = call(rf, ThingFormView, staff, "post", {"name": "late"}, thing=thing)
    assert response.status_code == 400
    assert response.context_data["form"].non_field_errors() == [
        "Things are renamed before their deadline."
    ]


def test_form_page_answers_a_services_not_permitted_with_403(rf, staff):
    with pytest.raises(PermissionDenied):
        call(rf, ThingFormView, staff, "post", {"name": "forbidden"}, thing=Thing())


def test_form_page_saves_and_says_so(rf, staff):
    thing = Thing()
    response, messages = call(rf, ThingFormView, staff, "post", {"name": "new"}, thing=thing)
    assert (response.status_code, response["Location"]) == (302, BACK)
    assert messages == ["Saved."]
    assert thing.names == ["new"]


def test_form_page_invalid_input_is_a_400_with_the_field_error(rf, staff):
    thing = Thing()
    response, _messages = call(rf, ThingFormView, staff, "post", {"name": ""}, thing=thing)
    assert response.status_code == 400
    assert list(response.context_data["form"].errors) == ["name"]
    assert thing.names == []


# --- The POST-only action --------------------------------------------------------------------


def test_action_refuses_a_role_with_403_and_saves_nothing(rf, country_person):
    thing = Thing()
    with pytest.raises(PermissionDenied):
        call(rf, ThingActionView, country_person, "post", {"name": "new"}, thing=thing)
    assert thing.names == []


def test_action_takes_no_get(rf, staff):
    response, _messages = call(rf, ThingActionView, staff, "get")
    assert response.status_code == 405


def test_action_shows_another_refusal_as_a_message(rf, staff):
    thing = Thing(closed=True)
    response, messages = call(rf, ThingActionView, staff, "post", {"name": "new"}, thing=thing)
    assert (response.status_code, response["Location"]) == (302, BACK)
    assert messages == ["This thing is closed."]
    assert thing.names == []


def test_action_reports_the_services_errors_as_messages(rf, staff):
    thing = Thing()
    _response, messages = call(rf, ThingActionView, staff, "post", {"name": "taken"}, thing=thing)
    assert messages == ["This name is taken."]
    _response, messages = call(rf, ThingActionView, staff, "post", {"name": "late"}, thing=thing)
    assert messages == ["Things are renamed before their deadline."]
    assert thing.names == []


def test_action_answers_a_services_not_permitted_with_403(rf, staff):
    with pytest.raises(PermissionDenied):
        call(rf, ThingActionView, staff, "post", {"name": "forbidden"}, thing=Thing())


def test_action_saves_and_says_so(rf, staff):
    thing = Thing()
    response, messages = call(rf, ThingActionView, staff, "post", {"name": "new"}, thing=thing)
    assert response.status_code == 302
    assert messages == ["Saved."]
    assert thing.names == ["new"]


def test_a_page_that_names_no_rule_opens_for_nobody_and_says_why():
    """No page falls back to a list of roles: one that names no rule is a mistake, not open."""

    class Unruled(RoleRequiredMixin, View):
        pass

    with pytest.raises(ImproperlyConfigured, match="Unruled must say who may open it"):
        Unruled.allows(UserFactory(roles=[Role.SECRETARIAT]))


def test_an_api_resource_that_names_no_write_rule_is_read_only(staff, country_person):
    """The API's write gate is the viewset's rule; without one nobody writes, the secretariat
    included, and with one it answers what the rule answers."""
    assert ReadOnlyScopedViewSet().can_write(staff) is False

    class Ruled(ReadOnlyScopedViewSet):
        write_rule = staticmethod(lambda user: user.is_secretariat)

    assert Ruled().can_write(staff) is True
    assert Ruled().can_write(country_person) is False
    assert Ruled().can_write(AnonymousUser()) is False
