"""English: three-letter months (Django's "M")."""

ABBR_DATE_FORMAT = "j M Y"
ABBR_DATETIME_FORMAT = "j M Y, H:i"
ABBR_MONTH_FORMAT = "M Y"
ABBR_DAY_MONTH_FORMAT = "j M"
