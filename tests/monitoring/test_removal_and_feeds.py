"""Removing framework items and evidence through the pages (what the rules allow and refuse),
and where monitoring shows up elsewhere: the menu, the dashboard's tasks, the public home."""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.html import escape

from monitoring import rules, services
from monitoring.models import (
    Action,
    ActionReport,
    Evidence,
    Indicator,
    IndicatorValue,
    Objective,
)
from tests.factories import MINIMAL_PDF

pytestmark = pytest.mark.django_db


def _draft(period, actor, indicators, action):
    update = services.update_start(actor=actor, period=period)
    services.update_save(
        actor=actor,
        update=update,
        narrative="Grants awarded.",
        values={i.pk: Decimal("3") for i in indicators},
        statuses={action.pk: "on_track"},
    )
    return update


def _submit(update, actor):
    services.update_transition(actor=actor, update=update, to_status="submitted")


# --- Removing framework items ---------------------------------------------------------------


def test_an_indicator_nobody_reported_on_is_removed_after_its_confirmation_page(
    framework, indicators, focal_point_client
):
    indicator = indicators[0]
    url = reverse("monitoring:indicator-delete", args=[indicator.pk])
    page = focal_point_client.get(url)
    assert page.status_code == 200
    assert escape(indicator.title) in page.content.decode()
    assert b'type="submit"' in page.content
    response = focal_point_client.post(url)
    assert response.status_code == 302
    assert response.url == reverse("monitoring:framework-edit", args=[framework.pk])
    assert not Indicator.objects.filter(pk=indicator.pk).exists()
    assert Indicator.objects.filter(pk=indicators[1].pk).exists()


def test_a_draft_s_entries_go_with_the_item_and_the_draft_stays(
    framework, period, indicators, action, secretariat_user, focal_point_client
):
    update = _draft(period, secretariat_user, indicators, action)
    assert rules.framework_item_can_delete(secretariat_user, action)
    focal_point_client.post(reverse("monitoring:action-delete", args=[action.pk]))
    assert not Action.objects.filter(pk=action.pk).exists()
    assert not IndicatorValue.objects.filter(update=update).exists()
    assert not ActionReport.objects.filter(update=update).exists()
    update.refresh_from_db()
    assert update.narrative == "Grants awarded."


@pytest.mark.parametrize("level", ["objective", "action", "indicator"])
def test_what_a_submitted_update_reports_on_stays(
    level, framework, period, indicators, action, secretariat_user, focal_point_client
):
    _submit(_draft(period, secretariat_user, indicators, action), secretariat_user)
    item = {"objective": action.objective, "action": action, "indicator": indicators[0]}[level]
    url = reverse(f"monitoring:{level}-delete", args=[item.pk])
    # The page says why, and offers no button.
    page = focal_point_client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "the update is the record" in text
    assert 'type="submit"' not in text.split("<main", 1)[1]
    # Posted anyway: refused with the same reason, nothing removed.
    response = focal_point_client.post(url, follow=True)
    assert "the update is the record" in response.content.decode()
    assert type(item).objects.filter(pk=item.pk).exists()
    assert IndicatorValue.objects.filter(indicator__in=indicators).count() == len(indicators)


def test_the_edit_page_offers_removal_only_of_what_is_not_on_record(
    framework, period, indicators, action, secretariat_user, staff_client
):
    edit = reverse("monitoring:framework-edit", args=[framework.pk])
    page = staff_client.get(edit).content.decode()
    for item, level in ((action.objective, "objective"), (action, "action")):
        assert reverse(f"monitoring:{level}-delete", args=[item.pk]) in page
    extra = services.indicator_save(
        actor=secretariat_user, action=action, title="Not yet reported", unit="people",
        baseline_value=Decimal("0"), baseline_year=2020,
    )  # fmt: skip
    update = _draft(period, secretariat_user, indicators, action)
    _submit(update, secretariat_user)
    page = staff_client.get(edit).content.decode()
    assert reverse("monitoring:objective-delete", args=[action.objective.pk]) not in page
    assert reverse("monitoring:action-delete", args=[action.pk]) not in page
    assert reverse("monitoring:indicator-delete", args=[indicators[0].pk]) not in page
    assert reverse("monitoring:indicator-delete", args=[extra.pk]) in page


def test_removing_an_objective_takes_its_actions_and_indicators(
    framework, action, indicators, staff_client
):
    objective = action.objective
    page = staff_client.get(reverse("monitoring:objective-delete", args=[objective.pk]))
    assert "Its 2 indicators go with it" in page.content.decode()
    staff_client.post(reverse("monitoring:objective-delete", args=[objective.pk]))
    assert not Objective.objects.filter(pk=objective.pk).exists()
    assert not Indicator.objects.filter(pk__in=[i.pk for i in indicators]).exists()


def test_another_country_may_not_remove_and_an_unseen_item_is_404(
    framework, indicators, focal_point_client, other_focal_point_client
):
    # Kenya's focal point reads Ghana's published framework but may not change it.
    url = reverse("monitoring:indicator-delete", args=[indicators[0].pk])
    assert other_focal_point_client.get(url).status_code == 403
    assert other_focal_point_client.post(url).status_code == 403
    assert Indicator.objects.filter(pk=indicators[0].pk).exists()
    unknown = reverse("monitoring:indicator-delete", args=[10**9])
    assert focal_point_client.get(unknown).status_code == 404


def test_the_service_refuses_what_the_rule_refuses(
    framework, period, indicators, action, secretariat_user
):
    from base.errors import DomainError

    _submit(_draft(period, secretariat_user, indicators, action), secretariat_user)
    with pytest.raises(DomainError) as refused:
        services.framework_item_delete(actor=secretariat_user, item=indicators[0])
    assert refused.value.code == "on_record"


# --- Removing evidence ----------------------------------------------------------------------


def _evidence(update, actor):
    return services.evidence_add(
        actor=actor, update=update, title="Grant list",
        file=ContentFile(MINIMAL_PDF, name="grants.pdf"),
    )  # fmt: skip


def test_evidence_comes_off_a_draft_with_its_file(
    period, framework, secretariat_user, focal_point_client, django_capture_on_commit_callbacks
):
    update = services.update_start(actor=secretariat_user, period=period)
    evidence = _evidence(update, secretariat_user)
    storage, name = evidence.file.storage, evidence.file.name
    assert storage.exists(name)
    detail = focal_point_client.get(reverse("monitoring:update-detail", args=[update.pk]))
    url = reverse("monitoring:evidence-remove", args=[evidence.pk])
    assert url in detail.content.decode()
    assert "Grant list" in focal_point_client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = focal_point_client.post(url)
    assert response.url == reverse("monitoring:update-detail", args=[update.pk])
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    assert not storage.exists(name)


def test_evidence_of_a_submitted_update_stays(
    period, framework, secretariat_user, focal_point_client
):
    update = services.update_start(actor=secretariat_user, period=period)
    services.update_save(actor=secretariat_user, update=update, narrative="Reported.")
    evidence = _evidence(update, secretariat_user)
    _submit(update, secretariat_user)
    url = reverse("monitoring:evidence-remove", args=[evidence.pk])
    detail = focal_point_client.get(reverse("monitoring:update-detail", args=[update.pk]))
    assert url not in detail.content.decode()
    page = focal_point_client.get(url)
    assert page.status_code == 200
    assert "with the secretariat" in page.content.decode()
    assert 'type="submit"' not in page.content.decode().split("<main", 1)[1]
    response = focal_point_client.post(url, follow=True)
    assert "with the secretariat" in response.content.decode()
    assert Evidence.objects.filter(pk=evidence.pk).exists()


# --- Feeds: the menu, the dashboard, the pilot page, the public home ------------------------


def test_the_menu_offers_the_programme_view_as_its_rule_says(
    staff_client, focal_point_client, partner_client
):
    url = reverse("monitoring:programme")

    def menu(client):
        context = client.get("/").context
        return [item[1] for item in [*context["nav_items"], *context["nav_more"]]]

    for client in (staff_client, focal_point_client):
        assert url in menu(client)
    # Partners read through the API: no page of theirs links to it.
    assert url not in menu(partner_client)


def test_the_focal_point_sees_the_due_update_as_a_task_with_its_date(period, focal_point_client):
    page = focal_point_client.get("/").content.decode()
    milestone = period.milestone
    assert milestone.title in page
    assert f'datetime="{milestone.due_on:%Y-%m-%d}"' in page


def test_the_secretariat_sees_submitted_updates_to_review_and_others_do_not(
    period, indicators, action, secretariat_user, staff_client, focal_point_client
):
    update = _draft(period, secretariat_user, indicators, action)
    link = reverse("monitoring:update-detail", args=[update.pk])
    # A draft is not the secretariat's yet; a submitted one is among its tasks.
    assert link not in staff_client.get("/").content.decode()
    _submit(update, secretariat_user)
    page = staff_client.get("/").content.decode()
    assert "Review the update" in page and link in page
    assert "Review the update" not in focal_point_client.get("/").content.decode()
    services.update_transition(actor=secretariat_user, update=update, to_status="approved")
    assert link not in staff_client.get("/").content.decode()


def test_past_the_first_few_updates_to_review_the_dashboard_says_how_many_more(
    period, indicators, action, secretariat_user, staff_client, monkeypatch
):
    update = _draft(period, secretariat_user, indicators, action)
    _submit(update, secretariat_user)
    monkeypatch.setattr("portal.selectors.UPDATES_SHOWN", 0)
    page = staff_client.get("/").content.decode()
    assert reverse("monitoring:update-detail", args=[update.pk]) not in page
    assert "1 more update waits for review" in page


def test_the_pilot_page_links_to_the_results_and_shows_the_update_due(
    roadmap, framework, secretariat_user, focal_point_client
):
    from django.utils import timezone
    from django.utils.dateformat import format as date_format

    from tests.factories import PilotFactory, reporting_period

    pilot = PilotFactory(country=roadmap.country)
    due = reporting_period(roadmap, actor=secretariat_user, year=timezone.localdate().year)
    page = focal_point_client.get(reverse("pilots:pilot-detail", args=[pilot.pk])).content
    page = page.decode()
    assert reverse("monitoring:results", args=[roadmap.pk]) in page
    # The period's milestone among the country's upcoming ones, with its date.
    assert f"{date_format(due.due_on, 'j M Y')}</span> · {escape(due.milestone.title)}" in page


def test_the_public_home_links_to_public_progress(client):
    page = client.get(reverse("public:home")).content.decode()
    assert reverse("public-progress:list") in page
