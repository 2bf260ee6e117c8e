"""The country update's workflow and the framework's writes, through the services."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from base.errors import IllegalTransition, NotPermitted
from monitoring import services
from monitoring.choices import ActionStatus, UpdateStatus
from monitoring.models import CountryUpdate, Evidence, IndicatorValue, UpdateTransition
from programme.choices import MilestoneStatus
from roadmaps.choices import VersionStatus
from tests.factories import MINIMAL_PDF, RoadmapVersionFactory, reporting_period

pytestmark = pytest.mark.django_db


def _filled(actor, period, indicators, action):
    update = services.update_start(actor=actor, period=period)
    return services.update_save(
        actor=actor,
        update=update,
        narrative="Grants were awarded.",
        values={indicators[0].pk: Decimal("12.5"), indicators[1].pk: Decimal("11")},
        statuses={action.pk: ActionStatus.ON_TRACK},
    )


def test_the_full_loop(
    period,
    indicators,
    action,
    focal_point_user,
    secretariat_user,
    django_capture_on_commit_callbacks,
):
    update = _filled(focal_point_user, period, indicators, action)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.update_transition(
            actor=focal_point_user, update=update, to_status=UpdateStatus.SUBMITTED
        )
    assert len(callbacks) == 1  # the email to the secretariat, queued after commit
    period.milestone.refresh_from_db()
    assert period.milestone.status == MilestoneStatus.DONE
    services.update_transition(
        actor=secretariat_user,
        update=update,
        to_status=UpdateStatus.RETURNED,
        comment="Give the source of the spending figure.",
    )
    period.milestone.refresh_from_db()
    assert period.milestone.status == MilestoneStatus.IN_PROGRESS
    services.update_save(actor=focal_point_user, update=update, narrative="Grants; source: MoF.")
    services.update_transition(
        actor=focal_point_user, update=update, to_status=UpdateStatus.SUBMITTED
    )
    services.update_transition(
        actor=secretariat_user, update=update, to_status=UpdateStatus.APPROVED
    )
    update.refresh_from_db()
    assert update.status == UpdateStatus.APPROVED and update.approved_at
    assert list(
        UpdateTransition.objects.filter(update=update)
        .order_by("id")
        .values_list("to_status", flat=True)
    ) == ["submitted", "returned", "submitted", "approved"]
    # History is kept for every save.
    assert update.history.count() >= 4


def test_a_period_has_one_update(period, focal_point_user):
    services.update_start(actor=focal_point_user, period=period)
    with pytest.raises(IllegalTransition) as exc:
        services.update_start(actor=focal_point_user, period=period)
    assert exc.value.code == "update_exists"
    assert CountryUpdate.objects.filter(period=period).count() == 1


def test_an_update_is_not_submitted_twice(period, indicators, action, focal_point_user):
    update = _filled(focal_point_user, period, indicators, action)
    services.update_transition(actor=focal_point_user, update=update, to_status="submitted")
    with pytest.raises(IllegalTransition) as exc:
        services.update_transition(actor=focal_point_user, update=update, to_status="submitted")
    assert exc.value.code == "already"
    assert UpdateTransition.objects.filter(update=update).count() == 1


@pytest.mark.parametrize("to_status", ["approved", "returned"])
def test_only_the_secretariat_judges(period, indicators, action, focal_point_user, to_status):
    update = _filled(focal_point_user, period, indicators, action)
    services.update_transition(actor=focal_point_user, update=update, to_status="submitted")
    with pytest.raises(NotPermitted):
        services.update_transition(
            actor=focal_point_user, update=update, to_status=to_status, comment="x"
        )
    update.refresh_from_db()
    assert update.status == UpdateStatus.SUBMITTED


def test_a_return_says_why(period, indicators, action, focal_point_user, secretariat_user):
    update = _filled(focal_point_user, period, indicators, action)
    services.update_transition(actor=focal_point_user, update=update, to_status="submitted")
    with pytest.raises(IllegalTransition) as exc:
        services.update_transition(actor=secretariat_user, update=update, to_status="returned")
    assert exc.value.code == "reason_required"


def test_submitting_needs_a_narrative(period, focal_point_user):
    update = services.update_start(actor=focal_point_user, period=period)
    with pytest.raises(IllegalTransition) as exc:
        services.update_transition(actor=focal_point_user, update=update, to_status="submitted")
    assert exc.value.code == "narrative_required"


def test_an_approved_update_is_never_changed(
    period, indicators, action, focal_point_user, secretariat_user
):
    update = _filled(focal_point_user, period, indicators, action)
    services.update_transition(actor=focal_point_user, update=update, to_status="submitted")
    services.update_transition(actor=secretariat_user, update=update, to_status="approved")
    for actor in (focal_point_user, secretariat_user):
        with pytest.raises(IllegalTransition) as exc:
            services.update_save(actor=actor, update=update, narrative="Changed")
        assert exc.value.code == "approved"
        with pytest.raises(IllegalTransition):
            services.evidence_add(actor=actor, update=update, title="x", url="https://example.org")
    # Not even through the model: clean() refuses it too.
    update.refresh_from_db()
    update.narrative = "Changed behind the services' back"
    with pytest.raises(ValidationError):
        update.full_clean()


def test_an_approved_update_is_corrected_by_a_new_one_that_says_why(
    period, indicators, action, focal_point_user, secretariat_user
):
    update = _filled(focal_point_user, period, indicators, action)
    services.update_transition(actor=focal_point_user, update=update, to_status="submitted")
    services.update_transition(actor=secretariat_user, update=update, to_status="approved")
    with pytest.raises(ValidationError) as exc:
        services.update_correct(actor=focal_point_user, update=update, reason="  ")
    assert "correction_reason" in exc.value.message_dict
    correction = services.update_correct(
        actor=focal_point_user, update=update, reason="The ministry revised the 2021 figure."
    )
    assert correction.corrects == update and correction.status == UpdateStatus.DRAFT
    assert correction.values.count() == 2  # starts from the approved values
    with pytest.raises(IllegalTransition) as exc:
        services.update_correct(actor=focal_point_user, update=update, reason="Again")
    assert exc.value.code == "correction_exists"
    update.refresh_from_db()
    assert update.status == UpdateStatus.APPROVED


def test_a_draft_cannot_be_corrected(period, focal_point_user):
    update = services.update_start(actor=focal_point_user, period=period)
    with pytest.raises(IllegalTransition):
        services.update_correct(actor=focal_point_user, update=update, reason="Why")


def test_bad_values_are_refused_on_their_field_and_nothing_is_saved(
    period, indicators, action, focal_point_user, other_focal_point_user
):
    update = services.update_start(actor=focal_point_user, period=period)
    with pytest.raises(ValidationError) as exc:
        services.update_save(
            actor=focal_point_user,
            update=update,
            narrative="Half",
            values={indicators[0].pk: Decimal("12"), indicators[1].pk: Decimal("1e15")},
            statuses={action.pk: "finished"},
        )
    errors = exc.value.message_dict
    assert "% of GDP" in errors[f"value_{indicators[1].pk}"][0]
    assert f"status_{action.pk}" in errors
    update.refresh_from_db()
    assert update.narrative == "" and not IndicatorValue.objects.filter(update=update).exists()


def test_a_value_of_another_framework_is_refused(
    period, kenya_roadmap, focal_point_user, indicators
):
    from monitoring.models import Indicator

    foreign = Indicator.objects.filter(action__objective__framework__roadmap=kenya_roadmap).first()
    update = services.update_start(actor=focal_point_user, period=period)
    with pytest.raises(ValidationError) as exc:
        services.update_save(
            actor=focal_point_user, update=update, values={foreign.pk: Decimal("1")}
        )
    assert f"value_{foreign.pk}" in exc.value.message_dict


def test_another_country_cannot_write(period, other_focal_point_user, focal_point_user):
    with pytest.raises(NotPermitted):
        services.update_start(actor=other_focal_point_user, period=period)
    update = services.update_start(actor=focal_point_user, period=period)
    with pytest.raises(NotPermitted):
        services.update_save(actor=other_focal_point_user, update=update, narrative="x")


def test_evidence_is_a_checked_file_or_a_link(period, focal_point_user):
    update = services.update_start(actor=focal_point_user, period=period)
    link = services.evidence_add(
        actor=focal_point_user, update=update, title="Budget law", url="https://example.org/law"
    )
    pdf = services.evidence_add(
        actor=focal_point_user,
        update=update,
        title="Grant list",
        file=ContentFile(MINIMAL_PDF, name="grants.pdf"),
    )
    assert link.url and pdf.content_type == "application/pdf" and pdf.size == len(MINIMAL_PDF)
    with pytest.raises(ValidationError) as exc:
        services.evidence_add(
            actor=focal_point_user,
            update=update,
            title="Script",
            file=ContentFile(b"#!/bin/sh\necho hi\n", name="grants.pdf"),
        )
    assert "file" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.evidence_add(actor=focal_point_user, update=update, title="Nothing")
    assert Evidence.objects.filter(update=update).count() == 2


def test_a_period_is_a_milestone_of_the_focal_points(period, focal_point_user):
    milestone = period.milestone
    assert list(milestone.owners.all()) == [focal_point_user]
    assert milestone.due_on == period.due_on and milestone.country_id == period.roadmap.country_id
    assert milestone.subject[1] == period


def test_periods_check_their_dates(roadmap, period, secretariat_user):
    import datetime as dt

    with pytest.raises(ValidationError) as exc:
        services.period_create(
            actor=secretariat_user,
            roadmap=roadmap,
            starts_on=dt.date(2021, 6, 1),
            ends_on=dt.date(2022, 5, 31),
            due_on=dt.date(2022, 6, 30),
        )
    assert "starts_on" in exc.value.message_dict  # overlaps 2021
    with pytest.raises(ValidationError) as exc:
        services.period_create(
            actor=secretariat_user,
            roadmap=roadmap,
            starts_on=dt.date(2023, 1, 1),
            ends_on=dt.date(2023, 12, 31),
            due_on=dt.date(2023, 6, 1),
        )
    assert "due_on" in exc.value.message_dict


def test_rescheduling_a_period_moves_its_milestone(period, secretariat_user):
    import datetime as dt

    services.period_update(
        actor=secretariat_user,
        period=period,
        starts_on=period.starts_on,
        ends_on=period.ends_on,
        due_on=dt.date(2022, 3, 1),
    )
    period.milestone.refresh_from_db()
    assert period.milestone.due_on == dt.date(2022, 3, 1)


def test_a_new_version_starts_from_a_copy_of_the_framework(
    roadmap, framework, secretariat_user, indicators
):
    from monitoring.models import Indicator

    version2 = RoadmapVersionFactory(
        roadmap=roadmap, number=2, status=VersionStatus.DRAFT, created_by=secretariat_user
    )
    copy = services.framework_create(actor=secretariat_user, version=version2)
    copied = Indicator.objects.filter(action__objective__framework=copy)
    assert copy.copied_from == framework and copied.count() == 2
    assert sorted(copied.first().targets.values_list("year", flat=True)) == [2021, 2022]
    with pytest.raises(IllegalTransition):
        services.framework_create(actor=secretariat_user, version=version2)
    # Changing the copy leaves the original as it was.
    services.indicator_save(
        actor=secretariat_user,
        action=copied.first().action,
        indicator=copied.first(),
        title="Changed",
    )
    assert not Indicator.objects.filter(
        action__objective__framework=framework, title="Changed"
    ).exists()


def test_target_years_come_after_the_baseline(action, secretariat_user):
    with pytest.raises(ValidationError) as exc:
        services.indicator_save(
            actor=secretariat_user,
            action=action,
            title="Patents",
            unit="patents",
            baseline_value=Decimal("3"),
            baseline_year=2020,
            targets={2019: Decimal("4")},
        )
    assert "targets" in exc.value.message_dict


def test_an_indicator_reported_on_stays(period, indicators, action, focal_point_user):
    update = _filled(focal_point_user, period, indicators, action)
    services.update_transition(actor=focal_point_user, update=update, to_status="submitted")
    with pytest.raises(IllegalTransition) as refused:
        services.framework_item_delete(actor=focal_point_user, item=indicators[0])
    assert refused.value.code == "on_record"
    assert IndicatorValue.objects.filter(indicator=indicators[0]).count() == 1


def test_an_indicator_only_a_draft_reports_on_goes_with_the_draft_s_value(
    period, indicators, action, focal_point_user
):
    update = _filled(focal_point_user, period, indicators, action)
    services.framework_item_delete(actor=focal_point_user, item=indicators[0])
    assert list(update.values.values_list("indicator_id", flat=True)) == [indicators[1].pk]


def test_another_country_cannot_change_the_framework(framework, other_focal_point_user):
    with pytest.raises(NotPermitted):
        services.objective_save(actor=other_focal_point_user, framework=framework, title="x")


def test_reporting_period_fixture_year(roadmap, period, secretariat_user):
    second = reporting_period(roadmap, actor=secretariat_user, year=2022)
    assert second.year == 2022
