"""Spanish: three-letter months in lower case, as Spanish writes them (Django's "b": "jun",
"jul"); "M" would capitalise them."""

ABBR_DATE_FORMAT = "j b Y"
ABBR_DATETIME_FORMAT = "j b Y, H:i"
ABBR_MONTH_FORMAT = "b Y"
ABBR_DAY_MONTH_FORMAT = "j b"
