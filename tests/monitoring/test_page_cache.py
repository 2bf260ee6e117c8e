"""The results page and the programme view are kept per reader's scope and language until
a write to what they show: read again, a kept page runs fewer queries; another reader never
gets someone else's copy; a write shows on the next read."""

from decimal import Decimal

import pytest
from django.urls import reverse

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
