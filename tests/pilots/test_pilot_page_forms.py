"""The pilot page carries no form: each of the secretariat's record-keeping forms is a page of
its own (GET shows it, POST saves and goes back, errors answer 400), so the page's body is
kept per reader's scope and language."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from pilots.choices import PilotStatus
from pilots.models import PilotSupport
from tests.factories import OrganisationFactory, PilotFactory, UserFactory
from tests.programme.test_cache_language import settle
from tests.querycount import counted

pytestmark = pytest.mark.django_db


def _body(page: bytes) -> str:
    html = page.decode()
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def test_the_pilot_page_links_to_form_pages_and_holds_no_select_of_everyone(staff_client, ghana):
    pilot = PilotFactory(country=ghana, status=PilotStatus.ACTIVE)
    for _ in range(30):
        UserFactory()
        OrganisationFactory()
    body = _body(staff_client.get(reverse("pilots:pilot-detail", args=[pilot.pk])).content)
    assert "<select" not in body
    # The only forms left in the page are the audit panels' and the header's, outside the body.
    for name in ("pilot-transition", "support-create", "task-team-add", "focal-point-link"):
        assert reverse(f"pilots:{name}", args=[pilot.pk]) in body
    assert reverse("pilots:pilot-step", args=[pilot.pk, 3]) in body


def test_a_form_page_saves_and_goes_back_and_answers_400_on_errors(staff_client, ghana):
    pilot = PilotFactory(country=ghana, status=PilotStatus.ACTIVE)
    org = OrganisationFactory()
    url = reverse("pilots:support-create", args=[pilot.pk])
    page = staff_client.get(url)
    assert page.status_code == 200
    assert f'value="{org.pk}"' in page.content.decode()
    bad = staff_client.post(url, {"support-organisation": "", "support-role": "donor"})
    assert bad.status_code == 400
    assert "organisation" in bad.context["form"].errors
    assert not PilotSupport.objects.exists()
    good = staff_client.post(url, {"support-organisation": org.pk, "support-role": "donor"})
    assert good.status_code == 302
    assert good["Location"] == reverse("pilots:pilot-detail", args=[pilot.pk])
    support = PilotSupport.objects.get()
    # Ending it: GET asks, POST does it.
    end = reverse("pilots:support-end", args=[pilot.pk, support.pk])
    assert "?" in staff_client.get(end).context["question"]
    support.refresh_from_db()
    assert support.end_on is None
    assert staff_client.post(end).status_code == 302
    support.refresh_from_db()
    assert support.end_on is not None


def test_the_body_is_kept_per_scope_and_language_and_dropped_on_a_write(
    staff_client, focal_point_client, ghana
):
    pilot = PilotFactory(country=ghana, status=PilotStatus.ACTIVE)
    url = reverse("pilots:pilot-detail", args=[pilot.pk])
    settle()
    first = staff_client.get(url)
    cached, again = counted(lambda: staff_client.get(url))
    cache.clear()
    computed, _response = counted(lambda: staff_client.get(url))
    assert 0 < cached < computed - 5, (cached, computed)
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip.sub("", _body(again.content)) == strip.sub("", _body(first.content))
    # The focal point's copy is their own: no secretariat link in it.
    focal = _body(focal_point_client.get(url).content)
    assert reverse("pilots:pilot-transition", args=[pilot.pk]) not in focal
    # French readers get a French body.
    staff_client.post(reverse("programme:language-set"), {"language": "fr", "next": "/"})
    assert "Modifier le statut" in _body(staff_client.get(url).content) or (
        'lang="fr"' in staff_client.get(url).content.decode()
    )
    staff_client.post(reverse("programme:language-set"), {"language": "en", "next": "/"})
    org = OrganisationFactory(name="Newly supporting", acronym="NEWSUP")
    staff_client.post(
        reverse("pilots:support-create", args=[pilot.pk]),
        {"support-organisation": org.pk, "support-role": "donor"},
    )
    settle()
    assert "Newly supporting" in _body(staff_client.get(url).content)


def test_cached_pilot_page_queries_do_not_grow(staff_client, ghana):
    pilot = PilotFactory(country=ghana, status=PilotStatus.ACTIVE)
    url = reverse("pilots:pilot-detail", args=[pilot.pk])

    def count():
        settle()
        staff_client.get(url)
        queries, _response = counted(lambda: staff_client.get(url))
        assert queries > 0
        return queries

    few = count()
    for _ in range(10):
        PilotSupport.objects.create(pilot=pilot, organisation=OrganisationFactory(), role="donor")
    assert count() == few
