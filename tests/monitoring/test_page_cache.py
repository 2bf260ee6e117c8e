"""The results page and the programme view are kept per reader's scope and language until
a write to what they show: read again, a kept page runs fewer queries; another reader never
gets someone else's copy; a write shows on the next read."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape

from monitoring import services
from tests.programme.test_cache_language import settle
from tests.querycount import counted
from tests.workprogramme.test_page_scale import _unmasked

pytestmark = pytest.mark.django_db


def _draft(period, actor, indicators, value: str):
    update = services.update_start(actor=actor, period=period)
    services.update_save(
        actor=actor,
        update=update,
        narrative="Grants awarded.",
        values={i.pk: Decimal(value) for i in indicators},
    )
    return update


def test_the_results_page_is_kept_per_reader_and_shows_an_approval_at_once(
    period, indicators, secretariat_user, focal_point_client, other_focal_point_client
):
    update = _draft(period, secretariat_user, indicators, "48213.75")
    url = reverse("monitoring:results", args=[period.roadmap_id])
    settle()
    first, page = counted(lambda: focal_point_client.get(url).content.decode())
    again, kept = counted(lambda: focal_point_client.get(url).content.decode())
    assert again < first, (again, first)
    assert "Start the update" not in kept and 'href="/monitoring/updates/' in kept
    # Kenya's focal point sees the page without Ghana's draft, whatever Ghana's copy holds.
    other = other_focal_point_client.get(url).content.decode()
    assert f"/monitoring/updates/{update.pk}/" not in other
    assert "48,213.75" not in other and "48213.75" not in other
    # The draft's value is no actual yet; once approved, it is, on the next read.
    assert "48,213.75" not in kept and "48213.75" not in kept
    services.update_transition(actor=secretariat_user, update=update, to_status="submitted")
    services.update_transition(actor=secretariat_user, update=update, to_status="approved")
    settle()
    page = focal_point_client.get(url).content.decode()
    assert "48,213.75" in page or "48213.75" in page
    assert "48213.75" in other_focal_point_client.get(url).content.decode().replace(",", "")


def test_the_programme_view_drops_a_late_update_once_it_is_submitted(
    period, indicators, secretariat_user, staff_client
):
    url = reverse("monitoring:programme")
    settle()
    first, page = counted(lambda: staff_client.get(url).content.decode())
    again, kept = counted(lambda: staff_client.get(url).content.decode())
    assert again < first, (again, first)
    # The same page (the CSRF token of the header's language form is masked afresh each time).
    assert _unmasked(kept) == _unmasked(page) and f"{period} (due" in kept
    update = _draft(period, secretariat_user, indicators, "12")
    services.update_transition(actor=secretariat_user, update=update, to_status="submitted")
    settle()
    assert f"{period} (due" not in staff_client.get(url).content.decode()


def test_the_framework_editor_is_kept_and_stops_offering_removal_once_an_update_reports(
    framework, period, indicators, secretariat_user, staff_client
):
    url = reverse("monitoring:framework-edit", args=[framework.pk])
    indicator = indicators[0]
    remove = reverse("monitoring:indicator-delete", args=[indicator.pk])
    settle()
    first, page = counted(lambda: staff_client.get(url).content.decode())
    again, kept = counted(lambda: staff_client.get(url).content.decode())
    assert again < first, (again, first)
    assert remove in kept and escape(indicator.title) in kept
    # A submitted update reports on the indicator: it is on record, and no longer removable.
    update = _draft(period, secretariat_user, indicators, "12")
    services.update_transition(actor=secretariat_user, update=update, to_status="submitted")
    settle()
    page = staff_client.get(url).content.decode()
    assert escape(indicator.title) in page and remove not in page
    # A new objective shows on the next read.
    services.objective_save(actor=secretariat_user, framework=framework, title="Skills for all")
    settle()
    assert "Skills for all" in staff_client.get(url).content.decode()


def test_an_updates_page_is_kept_per_reader_and_offers_what_the_rules_allow_now(
    period, indicators, secretariat_user, staff_client, focal_point_user, focal_point_client
):
    update = _draft(period, secretariat_user, indicators, "12")
    services.update_transition(actor=focal_point_user, update=update, to_status="submitted")
    url = reverse("monitoring:update-detail", args=[update.pk])
    move = reverse("monitoring:update-move", args=[update.pk])
    settle()
    first, page = counted(lambda: staff_client.get(url).content.decode())
    again, kept = counted(lambda: staff_client.get(url).content.decode())
    assert again < first, (again, first)
    # The secretariat judges it (its forms drawn afresh, each with its own token).
    assert 'value="approved"' in kept and 'value="returned"' in kept
    assert kept.count("csrfmiddlewaretoken") == page.count("csrfmiddlewaretoken") > 0
    # The country, whose update is with the secretariat, may neither judge nor change it.
    country = focal_point_client.get(url).content.decode()
    assert move not in country and 'value="approved"' not in country
    assert reverse("monitoring:update-edit", args=[update.pk]) not in country
    # Once approved: no moves left, a correction offered, and the approval in what happened.
    services.update_transition(actor=secretariat_user, update=update, to_status="approved")
    settle()
    page = staff_client.get(url).content.decode()
    assert move not in page
    assert reverse("monitoring:update-correct", args=[update.pk]) in page
    assert "Approved by" in page
