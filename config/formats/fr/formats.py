"""French: the usual abbreviations (Django's "N": "juin", "juil.", "sept."), lower case. The
three-letter "M" makes both June and July "Jui"."""

ABBR_DATE_FORMAT = "j N Y"
ABBR_DATETIME_FORMAT = "j N Y, H:i"
ABBR_MONTH_FORMAT = "N Y"
ABBR_DAY_MONTH_FORMAT = "j N"
