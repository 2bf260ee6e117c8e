"""The project's own date formats per language, beside Django's (FORMAT_MODULE_PATH).

Pages name a format (`|date:"ABBR_DATE_FORMAT"`), never spell one out, so each language gets
its own. Every language in LANGUAGES needs a module here defining every name below (a test
checks it): Django returns an unknown name as the format itself.

- ABBR_DATE_FORMAT: a day with the month abbreviated, in tables and lists ("1 Jun 2026").
- ABBR_DATETIME_FORMAT: the same with the time.
- ABBR_MONTH_FORMAT: a month with its year ("Jun 2026").
- ABBR_DAY_MONTH_FORMAT: a day without the year ("1 Jun").
"""

NAMES = (
    "ABBR_DATE_FORMAT",
    "ABBR_DATETIME_FORMAT",
    "ABBR_MONTH_FORMAT",
    "ABBR_DAY_MONTH_FORMAT",
)
