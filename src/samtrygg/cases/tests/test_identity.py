"""Reading an identity number around New Year: the ten-digit form names someone born on or
before the day it is read, the twelve-digit form may name a day after it (refused)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from samtrygg.cases.identity import luhn_check_digit, parse_identity_number

NEW_YEARS_EVE = dt.date(2026, 12, 31)


def _number(yymmdd: str, serial: str = "123") -> str:
    return f"{yymmdd}{serial}{luhn_check_digit(yymmdd + serial)}"


def test_ten_digits_dated_after_today_are_a_hundred_years_back() -> None:
    digits = _number("270101")
    number = parse_identity_number(f"{digits[:6]}-{digits[6:]}", today=NEW_YEARS_EVE)
    assert number.birth_date == dt.date(1927, 1, 1)
    plus = parse_identity_number(f"{digits[:6]}+{digits[6:]}", today=NEW_YEARS_EVE)
    assert plus.birth_date == dt.date(1827, 1, 1)


def test_twelve_digits_dated_after_today_are_refused() -> None:
    digits = _number("270101")
    with pytest.raises(ValidationError) as refused:
        parse_identity_number(f"20{digits[:6]}-{digits[6:]}", today=NEW_YEARS_EVE)
    assert refused.value.code == "date"
    assert parse_identity_number(f"20{digits}", today=dt.date(2027, 1, 1)).digits == f"20{digits}"
