"""Swedish formats: "5 dec. 2026" in running text, "2026-12-05" in tables.

Django's own Swedish formats write the month in full ("5 december 2026") and pages used
``date:"j M Y"``, which title-cases the abbreviation ("5 Dec 2026"). The abbreviations with
their full stops ("dec.", but "maj", "juni") come from the project catalogue
(``src/samtrygg/locale``), which overrides Django's "dec".
"""

from django.conf.locale.sv.formats import *  # noqa: F403 - keep Django's input formats

DATE_FORMAT = "j N Y"
DATETIME_FORMAT = "j N Y H:i"
MONTH_DAY_FORMAT = "j N"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
DECIMAL_SEPARATOR = ","
# A no-break space, so that "28 778" never breaks across lines.
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
