"""Templates ask the rules rooms through one tag (`{% rule %}`), never a role by name: the tag
answers what the predicate answers, refuses anything but a yes/no rule, and the pages built on
it offer a link only to whom the linked page opens."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.urls import reverse

from egm.rules import meeting_can_manage
from guidebook.rules import chapter_can_lead
from pilots.choices import PilotKind, PilotStatus
from programme.templatetags.rules import role_labels
from tests.factories import ChapterFactory, OrganisationFactory, PilotFactory

pytestmark = pytest.mark.django_db


def render(text: str, user, **context) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load rules %}" + text).render(Context({"request": request, **context}))


def test_the_tag_answers_what_the_rule_answers(
    secretariat_user, reviewer_user, focal_point_user, advisory_user, partner_user
):
    users = [secretariat_user, reviewer_user, focal_point_user, advisory_user, partner_user]
    shown = [render('{% rule "egm.meeting_can_manage" as ok %}{{ ok }}', u) for u in users]
    assert shown == [str(meeting_can_manage(u)) for u in users]
    assert shown == ["True", "False", "False", "False", "False"]


def test_the_tag_passes_the_object(secretariat_user, focal_point_user):
    chapter = ChapterFactory()
    text = '{% rule "guidebook.chapter_can_lead" chapter as ok %}{{ ok }}'
    for user in (secretariat_user, focal_point_user):
        assert render(text, user, chapter=chapter) == str(chapter_can_lead(user, chapter))
    assert render(text, secretariat_user, chapter=chapter) == "True"
    assert render(text, focal_point_user, chapter=chapter) == "False"


def test_the_tag_says_no_to_anonymous_readers():
    assert render('{% rule "egm.meeting_can_manage" as ok %}{{ ok }}', AnonymousUser()) == "False"


@pytest.mark.parametrize(
    "name",
    [
        "egm.meeting_manage_refusal",  # a refusal is for services, not for deciding a button
        "egm.services.meeting_create",  # a service is never called from a template
        "meeting_can_manage",  # no app named
        "egm.meeting_can_fly",  # no such rule
    ],
)
def test_the_tag_refuses_anything_but_a_yes_no_rule(secretariat_user, name):
    with pytest.raises(TemplateSyntaxError):
        render('{% rule "' + name + '" as ok %}{{ ok }}', secretariat_user)


def test_the_account_menu_names_roles_for_people(secretariat_user, focal_point_user):
    assert role_labels(secretariat_user) == ["Secretariat"]
    assert role_labels(focal_point_user) == ["Country focal point"]


def test_no_template_names_a_role():
    """Templates ask rules (`{% rule %}`); a role name or a role flag in one is a rule written
    a second time."""
    pattern = re.compile(r"is_secretariat|user\.roles|in user\.roles|has_role")
    base = Path(settings.BASE_DIR)
    folders = [base / "templates", *base.glob("*/templates")]
    offenders = [
        f"{path.relative_to(base)}:{n}"
        for folder in folders
        for path in folder.rglob("*.html")
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []


PEER_LINK = "Peer learning: countries to learn from"


@pytest.mark.parametrize("status", [PilotStatus.INTERESTED, PilotStatus.ACTIVE])
def test_pilot_page_offers_peer_learning_only_where_it_opens(ghana, focal_point_client, status):
    pilot = PilotFactory(country=ghana, status=status)
    page = focal_point_client.get(reverse("pilots:pilot-detail", args=[pilot.pk]))
    peers = focal_point_client.get(reverse("workprogramme:peer-learning", args=[pilot.pk]))
    assert page.status_code == 200
    assert (PEER_LINK in page.content.decode()) == (peers.status_code == 200)
    assert peers.status_code == (200 if status == PilotStatus.ACTIVE else 404)


def test_no_peer_learning_link_on_an_international_partners_page(staff_client):
    # Peer learning is between pilot countries: a partner organisation has no such page.
    pilot = PilotFactory(
        kind=PilotKind.INTERNATIONAL_PARTNER, country=None, organisation=OrganisationFactory()
    )
    page = staff_client.get(reverse("pilots:pilot-detail", args=[pilot.pk]))
    peers = staff_client.get(reverse("workprogramme:peer-learning", args=[pilot.pk]))
    assert page.status_code == 200
    assert peers.status_code == 404
    assert PEER_LINK not in page.content.decode()
