"""The date of birth in a personal identity or coordination number: the ten-digit form's
century around New Year, the ``+`` of a hundred years, leap days."""

from __future__ import annotations

import datetime as dt

import pytest

from samtrygg.core.identitynumbers import birth_date

NEW_YEARS_EVE, NEW_YEARS_DAY = dt.date(2026, 12, 31), dt.date(2027, 1, 1)


@pytest.mark.parametrize(
    ("yymmdd", "plus", "today", "born"),
    [
        ("261231", False, NEW_YEARS_EVE, dt.date(2026, 12, 31)),  # born today
        ("270101", False, NEW_YEARS_EVE, dt.date(1927, 1, 1)),  # 99, not unborn
        ("270101", False, NEW_YEARS_DAY, dt.date(2027, 1, 1)),
        ("261231", False, dt.date(2026, 6, 1), dt.date(1926, 12, 31)),
        ("270101", True, NEW_YEARS_EVE, dt.date(1827, 1, 1)),
        ("261231", True, NEW_YEARS_EVE, dt.date(1926, 12, 31)),  # turns 100 today
        ("270161", False, NEW_YEARS_DAY, dt.date(2027, 1, 1)),  # coordination: day + 60
        ("000229", False, NEW_YEARS_DAY, dt.date(2000, 2, 29)),
        ("000229", True, NEW_YEARS_DAY, None),  # 1900 was no leap year
        ("261301", False, NEW_YEARS_DAY, None),
        ("260100", False, NEW_YEARS_DAY, None),
    ],
)
def test_ten_digits(yymmdd: str, plus: bool, today: dt.date, born: dt.date | None) -> None:
    assert birth_date(century=None, yymmdd=yymmdd, plus=plus, today=today) == born


def test_twelve_digits_say_the_year_even_after_today() -> None:
    assert birth_date(century="20", yymmdd="270101", plus=False, today=NEW_YEARS_EVE) == (
        dt.date(2027, 1, 1)
    )
    assert birth_date(century="19", yymmdd="000229", plus=False, today=NEW_YEARS_EVE) is None
