"""Invariants the database itself holds, whatever door a write comes through."""

import datetime as dt

import pytest
from django.db import IntegrityError

from monitoring.models import CountryUpdate, Evidence, ReportingPeriod

pytestmark = pytest.mark.django_db


def test_one_update_per_period_in_the_database(period, framework, focal_point_user):
    CountryUpdate.objects.create(period=period, framework=framework, created_by=focal_point_user)
    with pytest.raises(IntegrityError):
        CountryUpdate.objects.create(
            period=period, framework=framework, created_by=focal_point_user
        )


def test_a_correction_has_a_reason_in_the_database(period, framework, focal_point_user):
    original = CountryUpdate.objects.create(
        period=period, framework=framework, created_by=focal_point_user, status="approved"
    )
    with pytest.raises(IntegrityError):
        CountryUpdate.objects.create(
            period=period, framework=framework, created_by=focal_point_user, corrects=original
        )


def test_evidence_is_a_file_or_a_link_in_the_database(period, framework, focal_point_user):
    update = CountryUpdate.objects.create(
        period=period, framework=framework, created_by=focal_point_user
    )
    with pytest.raises(IntegrityError):
        Evidence.objects.create(update=update, title="Nothing", added_by=focal_point_user)


def test_a_period_ends_after_it_starts_in_the_database(period):
    with pytest.raises(IntegrityError):
        ReportingPeriod.objects.filter(pk=period.pk).update(ends_on=dt.date(2020, 1, 1))
