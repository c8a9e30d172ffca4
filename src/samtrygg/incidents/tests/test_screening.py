"""Personal-data screening: what is found, what is not (false positives), masking."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samtrygg.incidents.screening import (
    COORDINATION_NUMBER,
    EMAIL,
    PERSONAL_IDENTITY_NUMBER,
    PHONE_NUMBER,
    describe_findings,
    luhn_valid,
    screen_text,
    screen_texts,
)
from samtrygg.incidents.validation import ChunkValidator, RawChunk

#: The day screened on, fixed: a test does not change its answer with the wall clock.
TODAY = dt.date(2026, 12, 6)


def kinds(text: str, today: dt.date = TODAY) -> list[str]:
    return [f.kind for f in screen_text(text, today=today)]


def with_check_digit(nine: str) -> str:
    for d in "0123456789":
        if luhn_valid(nine + d):
            return nine + d
    raise AssertionError


def test_luhn() -> None:
    assert luhn_valid("1212121212")
    assert luhn_valid("8112189876")
    assert not luhn_valid("1212121213")
    assert with_check_digit("811218987") == "8112189876"


@pytest.mark.parametrize(
    "text",
    [
        "Personnummer 19121212-1212 på lappen",
        "pnr 191212121212",
        "121212-1212",
        "1212121212",
        "Född 811218-9876 enligt kortet",
        "121212+1212 (över hundra år)",
        "121212 1212",
        "(19121212-1212)",
        "pnr:121212-1212.",
    ],
)
def test_valid_personal_identity_numbers_are_found(text: str) -> None:
    assert kinds(text) == [PERSONAL_IDENTITY_NUMBER]


@pytest.mark.parametrize(
    "text",
    [
        "19121212-1213",  # wrong check digit
        "121212-1213",
        "1212121213",
        "811218-9877",
        "811318-9876",  # month 13
        "810230-1234",  # 30 February
    ],
)
def test_invalid_checksums_and_dates_are_not_flagged(text: str) -> None:
    assert PERSONAL_IDENTITY_NUMBER not in kinds(text)
    assert COORDINATION_NUMBER not in kinds(text)


def test_coordination_number_day_plus_sixty() -> None:
    number = with_check_digit("701063239")  # 3 October 1970 → day 63
    assert kinds(f"samordningsnummer {number[:6]}-{number[6:]}") == [COORDINATION_NUMBER]
    assert kinds(f"19{number}") == [COORDINATION_NUMBER]
    # Day 92 (= 32) is no date.
    bad = with_check_digit("701092239")
    assert kinds(f"{bad[:6]}-{bad[6:]}") == []


def test_leap_days() -> None:
    leap = with_check_digit("000229123")  # 29 Feb 2000 (a leap year)
    assert kinds(f"20{leap[:6]}-{leap[6:]}") == [PERSONAL_IDENTITY_NUMBER]
    not_leap = with_check_digit("010229123")  # 29 Feb 2001
    assert kinds(f"{not_leap[:6]}-{not_leap[6:]}") == []
    assert kinds(f"1900{leap[2:6]}-{leap[6:]}") == []  # 1900 was no leap year


def test_twelve_digit_birth_year_in_the_future_is_not_a_person() -> None:
    number = with_check_digit("991212121")
    assert kinds(f"2099{number[2:6]}-{number[6:]}") == []
    assert kinds(f"1999{number[2:6]}-{number[6:]}") == [PERSONAL_IDENTITY_NUMBER]


NEW_YEARS_EVE, NEW_YEARS_DAY = dt.date(2026, 12, 31), dt.date(2027, 1, 1)


def test_a_twelve_digit_birth_date_after_the_day_screened_on_is_not_a_person() -> None:
    born_new_years_day = with_check_digit("270101123")
    text = f"20{born_new_years_day[:6]}-{born_new_years_day[6:]}"
    assert kinds(text, NEW_YEARS_EVE) == []
    assert kinds(text, NEW_YEARS_DAY) == [PERSONAL_IDENTITY_NUMBER]
    # Later in the same year is in the future too, not only a later year.
    born_in_december = with_check_digit("261231123")
    text = f"20{born_in_december[:6]}-{born_in_december[6:]}"
    assert kinds(text, dt.date(2026, 6, 1)) == []
    assert kinds(text, NEW_YEARS_EVE) == [PERSONAL_IDENTITY_NUMBER]


def test_a_ten_digit_number_is_somebody_born_on_or_before_the_day_screened_on() -> None:
    # Without the century, 31 Dec "26" is 1926 in June 2026 (someone of 99): still a person.
    born_in_december = with_check_digit("261231123")
    text = f"{born_in_december[:6]}-{born_in_december[6:]}"
    assert kinds(text, dt.date(2026, 6, 1)) == [PERSONAL_IDENTITY_NUMBER]
    assert kinds(text, NEW_YEARS_EVE) == [PERSONAL_IDENTITY_NUMBER]
    coordination = with_check_digit("270161123")  # 1 January plus 60
    assert kinds(f"{coordination[:6]}-{coordination[6:]}", NEW_YEARS_EVE) == [COORDINATION_NUMBER]


def test_a_plus_sign_puts_the_birth_a_hundred_years_further_back() -> None:
    leap_day = with_check_digit("000229123")
    # "-": 29 Feb 2000, a leap day. "+": 29 Feb 1900, which did not exist.
    assert kinds(f"{leap_day[:6]}-{leap_day[6:]}", NEW_YEARS_DAY) == [PERSONAL_IDENTITY_NUMBER]
    assert kinds(f"{leap_day[:6]}+{leap_day[6:]}", NEW_YEARS_DAY) == []
    assert kinds(f"{leap_day[:6]}+{leap_day[6:]}", dt.date(2101, 1, 1)) == [
        PERSONAL_IDENTITY_NUMBER  # 29 Feb 2000, someone of 100
    ]


@pytest.mark.parametrize(
    "text",
    [
        "ring 070-123 45 67",
        "070 123 45 67",
        "0701234567",
        "073-1234567",
        "Västerås 021-10 10 00",
        "021-101000",
        "08-123 456 78",
        "08-12 34 56",
        "(021) 10 10 00",
        "+46 70 123 45 67",
        "+46701234567",
        "+46 (0)21 10 10 00",
        "0046 21 101000",
        "tel:0701234567",
    ],
)
def test_phone_numbers_are_found(text: str) -> None:
    assert kinds(text) == [PHONE_NUMBER]


@pytest.mark.parametrize(
    "text",
    [
        "a.person@example.se",
        "Mejla kalle.anka+tips@kommun.vasteras.se i dag",
        "åsa.öberg@företag.se",
        "<x@y.nu>",
    ],
)
def test_emails_are_found(text: str) -> None:
    assert kinds(text) == [EMAIL]


@pytest.mark.parametrize(
    "text",
    [
        "Händelsen 2025-06-07 kl. 18.50",
        "den 07-06-2025 kl 18:50",
        "07.06.2025",
        "20250607",
        "Öppet 0800-1700 vardagar",
        "kl 2300-0600",
        "Skadan uppskattas till 12 500 kr",
        "Kostnad 1 250 000 kronor",
        "Postnummer 722 15 Västerås",
        "722 15",
        "Org.nr 556677-8899",
        "Tips till polisen på 114 14 eller 112",
        "Ärende 5000-K123456-25",
        "Diarienummer KS 2025/01234",
        "Koordinater 59.609901,16.544809",
        "x 6609234 y 587123",
        "Tre rutor krossade, 4 bilar, 10 personer",
        "Bussnummer 021",
        "år 2024, vecka 23",
        "Spår 1-2, plattform 3",
        "mellan 18.00 och 23.30",
        "kl. 07.30-16.00",
        "Version 1.2.3, 10-15 st",
        "Tel: 0",
        "@kommunen på sociala medier",
    ],
)
def test_no_false_positives(text: str) -> None:
    assert screen_text(text, today=TODAY) == []


def test_positions_and_masking_never_reveal_the_number() -> None:
    text = "Lapp med 19121212-1212 och 070-123 45 67 och kalle@example.se"
    findings = screen_text(text, today=TODAY)
    assert [f.kind for f in findings] == [PERSONAL_IDENTITY_NUMBER, PHONE_NUMBER, EMAIL]
    pnr, phone, email = findings
    assert text[pnr.start : pnr.end] == "19121212-1212"
    assert pnr.masked == "19******-****"
    assert text[phone.start : phone.end] == "070-123 45 67"
    assert phone.masked == "070-*** ** 67"
    assert email.masked == "k***@example.se"
    message = describe_findings(findings)
    assert "1212-1212" not in message and "123 45" not in message and "kalle@" not in message
    assert "19******-****" in message


def test_ten_digits_that_are_both_phone_and_identity_number_are_reported_once() -> None:
    # 0701234567 as a personnummer would be 7 Jan 2023, serial 456, check 7.
    number = with_check_digit("070123456")
    findings = screen_text(number, today=TODAY)
    assert len(findings) == 1


def test_screen_texts_maps_findings_to_their_texts() -> None:
    texts = ["Klotter på fasad", None, "ring 070-123 45 67", "", "19121212-1212 och a@b.se"]
    result = screen_texts(texts, today=TODAY)
    assert sorted(result) == [2, 4]
    assert [f.kind for f in result[4]] == [PERSONAL_IDENTITY_NUMBER, EMAIL]
    assert result[2][0].start == 5
    assert screen_texts(["inget här", "12 personer"], today=TODAY) == {}


@given(st.lists(st.text(max_size=40), max_size=20))
def test_screen_texts_agrees_with_screen_text(texts: list[str]) -> None:
    expected = {
        i: screen_text(t, today=TODAY) for i, t in enumerate(texts) if screen_text(t, today=TODAY)
    }
    assert screen_texts(texts, today=TODAY) == expected


@given(st.lists(st.text(alphabet="0123456789 -+()@.aZ", max_size=30), max_size=12))
def test_the_sieve_misses_nothing_in_digit_heavy_texts(texts: list[str]) -> None:
    expected = {
        i: screen_text(t, today=TODAY) for i, t in enumerate(texts) if screen_text(t, today=TODAY)
    }
    assert screen_texts(texts, today=TODAY) == expected


@given(st.integers(min_value=0, max_value=99), st.integers(1, 12), st.integers(1, 28))
def test_every_valid_number_is_found(yy: int, mm: int, dd: int) -> None:
    number = with_check_digit(f"{yy:02d}{mm:02d}{dd:02d}123")
    assert kinds(f"x {number[:6]}-{number[6:]} y") == [PERSONAL_IDENTITY_NUMBER]


def test_an_import_screens_on_the_swedish_day() -> None:
    # 23:30 UTC on New Year's Eve is 00:30 on New Year's Day in Stockholm: a number of
    # someone born on New Year's Day is a person's by then.
    born = with_check_digit("270101123")
    validator = ChunkValidator(
        categories={"brand": 1},
        areas={},
        default_classification="internal",
        allow_restricted=True,
        now=dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC),
    )
    chunk = RawChunk(
        rows=[2],
        columns={
            "occurred_from": ["2026-12-31 12:00"],
            "category": ["brand"],
            "address": ["Torget"],
            "description": [f"pnr 20{born[:6]}-{born[6:]}"],
        },
        records=[[]],
    )
    assert [fld for fld, _message in validator.validate(chunk).errors[0]] == ["description"]
