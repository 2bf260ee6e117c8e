"""Dates no more precise than the record, and titles the programme makes, in the reader's
language."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from base.dates import DatePrecision, recorded_date, recorded_span
from programme.models import Milestone


def test_a_date_says_what_the_record_says():
    day = dt.date(2021, 2, 1)
    with translation.override("en"):
        assert recorded_date(None) == "not recorded"
        assert recorded_date(day, DatePrecision.MONTH) == "February 2021"
        assert recorded_date(day, DatePrecision.BY_MONTH) == "by February 2021"
        assert recorded_date(day) == "1 February 2021"
        assert recorded_span(day, dt.date(2021, 2, 3)) == "1 February 2021 \u2013 3 February 2021"
        # A month stays a month however the dates are stored.
        assert recorded_span(day, dt.date(2021, 2, 28), DatePrecision.MONTH) == "February 2021"
    with translation.override("fr"):
        assert recorded_date(None) == "non consigné"
        assert recorded_date(day, DatePrecision.MONTH) == "février 2021"
        assert recorded_date(day, DatePrecision.BY_MONTH) == "au plus tard en février 2021"
    with translation.override("es"):
        assert recorded_date(day, DatePrecision.MONTH).lower() == "febrero de 2021"


@pytest.mark.django_db
def test_a_generated_milestone_title_is_written_in_the_readers_language():
    milestone = Milestone(
        title="Progress update: Ghana roadmap, 1 January 2026 to 31 December 2026",
        title_template="Progress update: %(roadmap)s, %(starts_on)s to %(ends_on)s",
        title_args={"roadmap": "Ghana roadmap", "starts_on": "2026-01-01", "ends_on": "2026-12-31"},
        kind="pilot",
    )
    with translation.override("fr"):
        title = milestone.display_title
    assert title.startswith("Mise à jour de l'avancement : Ghana roadmap, du 1")
    assert "décembre 2026" in title and "Dec." not in title
    with translation.override("es"):
        assert "diciembre de 2026" in milestone.display_title
    # A title typed by a person is shown as typed.
    assert Milestone(title="Trust fund set up").display_title == "Trust fund set up"
