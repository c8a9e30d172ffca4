"""English formats for a Swedish service: "6 Dec 2026" in running text, "2026-12-06 10:46"
in tables and stamps, a 24-hour clock.

Django's English formats are American ("12/06/2026 10:46 a.m."): beside the ISO dates the
pages print themselves, 12/06 reads as 12 June as easily as 6 December.
"""

from django.conf.locale.en.formats import *  # noqa: F403 - keep Django's input formats

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
