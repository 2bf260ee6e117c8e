"""The monitoring pages: the full loop through the web, scoping, and what each page shows."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from monitoring import services
from monitoring.choices import UpdateStatus
from monitoring.models import CountryUpdate, Evidence
from tests.factories import MINIMAL_PDF

pytestmark = pytest.mark.django_db


def _post_update(client, update, indicators, action, **extra):
    data = {
        "narrative": "Grants awarded in all regions.",
        f"value_{indicators[0].pk}": "12.5",
        f"value_{indicators[1].pk}": "9",
        f"status_{action.pk}": "on_track",
        **extra,
    }
    return client.post(reverse("monitoring:update-edit", args=[update.pk]), data)


def test_the_full_loop_through_the_pages(
    period, indicators, action, focal_point_client, staff_client, partner_client
):
    response = focal_point_client.post(reverse("monitoring:update-start", args=[period.pk]))
    update = CountryUpdate.objects.get(period=period)
    assert response.status_code == 302 and response.url.endswith(f"/updates/{update.pk}/edit/")
    assert _post_update(focal_point_client, update, indicators, action).status_code == 302
    response = focal_point_client.post(
        reverse("monitoring:evidence-add", args=[update.pk]),
        {"title": "Grant list", "file": SimpleUploadedFile("grants.pdf", MINIMAL_PDF)},
    )
    assert Evidence.objects.filter(update=update).count() == 1
    move = reverse("monitoring:update-move", args=[update.pk])
    focal_point_client.post(move, {"to_status": "submitted"})
    update.refresh_from_db()
    assert update.status == UpdateStatus.SUBMITTED
    # The focal point may not judge their own update.
    focal_point_client.post(move, {"to_status": "approved"})
    update.refresh_from_db()
    assert update.status == UpdateStatus.SUBMITTED
    page = staff_client.get(reverse("monitoring:update-detail", args=[update.pk]))
    assert b"Return with comments" in page.content and b"Approve" in page.content
    staff_client.post(move, {"to_status": "returned", "comment": "Give the source."})
    update.refresh_from_db()
    assert update.status == UpdateStatus.RETURNED
    _post_update(focal_point_client, update, indicators, action, narrative="Source: MoF.")
    focal_point_client.post(move, {"to_status": "submitted"})
    staff_client.post(move, {"to_status": "approved"})
    update.refresh_from_db()
    assert update.status == UpdateStatus.APPROVED
    # Approved: the form is closed to everyone.
    assert (
        focal_point_client.get(reverse("monitoring:update-edit", args=[update.pk])).status_code
        == 403
    )
    results = focal_point_client.get(reverse("monitoring:results", args=[period.roadmap_id]))
    assert results.status_code == 200
    assert b"<svg" in results.content and b"12.5" in results.content
    # Partners read through the API only.
    assert (
        partner_client.get(reverse("monitoring:update-detail", args=[update.pk])).status_code == 403
    )


def test_bad_values_come_back_on_their_fields(period, indicators, action, focal_point_client):
    focal_point_client.post(reverse("monitoring:update-start", args=[period.pk]))
    update = CountryUpdate.objects.get(period=period)
    response = _post_update(
        focal_point_client, update, indicators, action, **{f"value_{indicators[0].pk}": "lots"}
    )
    assert response.status_code == 200
    assert f"value_{indicators[0].pk}" in response.context["form"].errors
    update.refresh_from_db()
    assert update.narrative == ""  # nothing half-saved


def test_another_country_gets_404_and_hidden_equals_unknown(
    roadmap, period, focal_point_user, other_focal_point_client, version
):
    from roadmaps.choices import VersionStatus

    version.status = VersionStatus.DRAFT  # Ghana's roadmap is not published
    version.save()
    update = services.update_start(actor=focal_point_user, period=period)
    for name, pk in [
        ("monitoring:results", roadmap.pk),
        ("monitoring:update-detail", update.pk),
        ("monitoring:update-edit", update.pk),
    ]:
        hidden = other_focal_point_client.get(reverse(name, args=[pk]))
        unknown = other_focal_point_client.get(reverse(name, args=[987654]))
        assert hidden.status_code == unknown.status_code == 404


def test_a_published_roadmap_shows_only_approved_updates_to_others(
    period, indicators, action, focal_point_user, secretariat_user, other_focal_point_client
):
    # A value no id, token or date on the page can contain by chance ("99" once matched a
    # record number), checked absent while the update is a draft and present once approved,
    # so the check proves it reads the value where the page would show it.
    update = services.update_start(actor=focal_point_user, period=period)
    services.update_save(
        actor=focal_point_user,
        update=update,
        narrative="Grants awarded in all regions.",
        values={indicators[0].pk: Decimal("48213.75")},
    )
    url = reverse("monitoring:update-detail", args=[update.pk])
    assert other_focal_point_client.get(url).status_code == 404
    results = reverse("monitoring:results", args=[period.roadmap_id])
    page = other_focal_point_client.get(results)
    assert page.status_code == 200 and b"48213" not in page.content
    assert b"48,213" not in page.content
    services.update_transition(actor=focal_point_user, update=update, to_status="submitted")
    services.update_transition(actor=secretariat_user, update=update, to_status="approved")
    page = other_focal_point_client.get(results)
    assert b"48213.75" in page.content or b"48,213.75" in page.content


def test_programme_view_says_which_updates_are_late(period, staff_client):
    response = staff_client.get(reverse("monitoring:programme"))
    assert response.status_code == 200
    line = response.context["shown"]["lines"][0]
    assert line.late_periods == [period]  # due in January 2022, never submitted


def test_the_framework_is_edited_by_its_country(
    framework, action, focal_point_client, other_focal_point_client
):
    url = reverse("monitoring:indicator-create", args=[action.pk])
    data = {
        "title": "Patents filed",
        "unit": "patents",
        "direction": "increase",
        "baseline_value": "40",
        "baseline_year": "2020",
        "targets": "2020: 45",
        "order": "1",
    }
    response = focal_point_client.post(url, data)
    # The service's refusal lands on the field it names.
    assert response.status_code == 200 and "targets" in response.context["form"].errors
    data["targets"] = "2022: 50\n2025: 80"
    assert focal_point_client.post(url, data).status_code == 302
    assert other_focal_point_client.post(url, data).status_code == 403
