"""The date of birth in a Swedish personal identity number (personnummer) or coordination
number (samordningsnummer), for the cases app (which reads them) and the incidents
screening (which refuses them in free text).

The ten-digit form leaves out the century: the number belongs to someone younger than a
hundred, or, with a ``+`` separator, to someone a hundred or older (Skatteverket). So the
year is the latest one ending in the two digits whose date is not after today — a date
later in the year than today is a hundred years back, not in the future — and a further
hundred years back with ``+``. The twelve-digit form says the year itself, and may name a
day after today, which no living person was born on.
"""

from __future__ import annotations

import datetime as dt

#: A coordination number carries the day of birth plus this.
COORDINATION_DAY_OFFSET = 60


def birth_date(*, century: str | None, yymmdd: str, plus: bool, today: dt.date) -> dt.date | None:
    """The date of birth the number's date part (``ÅÅMMDD``, a coordination number's day
    taken back by 60) names, with its century inferred when ``century`` is ``None``;
    ``None`` when no such day exists. The caller decides what a date after ``today`` is."""
    month, day = int(yymmdd[2:4]), int(yymmdd[4:6])
    if day > COORDINATION_DAY_OFFSET:
        day -= COORDINATION_DAY_OFFSET
    if century is not None:
        year = int(century + yymmdd[:2])
    else:
        year = today.year - (today.year - int(yymmdd[:2])) % 100
        if year == today.year and (month, day) > (today.month, today.day):
            year -= 100
        if plus:
            year -= 100
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
