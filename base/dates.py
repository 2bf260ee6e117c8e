"""Dates as the record gives them: a day, a month, or "by" a month, and "not recorded" when it
gives none. The record often names a month ("Ukraine joined in February 2021") or a bound ("a
draft existed by the April 2019 EGM"); storing such a date as a day would invent the day, so a
model keeps the precision beside the date and every page prints it through `recorded_date`."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    # The date stands for its month (stored as the month's first day).
    MONTH = "month", _("Month")
    # Done no later than that month; the day and month it happened are not recorded.
    BY_MONTH = "by_month", _("By the month")


def recorded_date(value: dt.date | None, precision: str = DatePrecision.DAY) -> str:
    """The date in the active language, no more precise than the record."""
    if value is None:
        return gettext("not recorded")
    if precision == DatePrecision.MONTH:
        return date_format(value, "YEAR_MONTH_FORMAT")
    if precision == DatePrecision.BY_MONTH:
        return gettext("by %(month)s") % {"month": date_format(value, "YEAR_MONTH_FORMAT")}
    return date_format(value, "j F Y")


def recorded_span(
    start: dt.date | None, end: dt.date | None, precision: str = DatePrecision.DAY
) -> str:
    """A first and last day (both in full), or the month alone."""
    if start is None:
        return gettext("not recorded")
    if precision != DatePrecision.DAY or end is None or end == start:
        return recorded_date(start, precision)
    return f"{recorded_date(start)} \u2013 {recorded_date(end)}"
