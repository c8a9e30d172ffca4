"""Parsing the police events feed: every shared sample, the date traps, the year turn."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.utils import translation

from samtrygg.incidents.policefeed import (
    STOCKHOLM,
    FeedParseError,
    infer_event_time,
    parse_event,
    parse_name,
    parse_published,
    read_events,
)

DATA = Path(__file__).parent / "data"
API_SAMPLE = DATA / "polisen_api_events_sample_2025-06-07_dnouri.json"
ARCHIVE = DATA / "polisen_events_2024-01-15_21_crimecity3k_fixture.jsonl"


def test_published_time_with_unpadded_hour_and_space_before_offset() -> None:
    value = parse_published("2025-06-07 7:32:06 +02:00")
    assert value == dt.datetime(2025, 6, 7, 5, 32, 6, tzinfo=dt.UTC)
    assert parse_published("2024-01-15 18:43:26 +01:00") == dt.datetime(
        2024, 1, 15, 17, 43, 26, tzinfo=dt.UTC
    )
    with pytest.raises(FeedParseError):
        parse_published("igår")
    with pytest.raises(FeedParseError):
        parse_published("2025-02-30 7:00:00 +01:00")


def test_every_event_of_the_api_sample() -> None:
    raw = json.loads(API_SAMPLE.read_text())
    events = [parse_event(item) for item in raw]
    assert len(events) == 8
    first = events[0]
    assert first.police_id == 588172
    assert first.police_type == "Trafikbrott"
    # Published 7 June 07:32, the event itself on 6 June at 18.50 local time.
    assert first.occurred_at == dt.datetime(2025, 6, 6, 18, 50, tzinfo=STOCKHOLM)
    assert first.published_at.astimezone(STOCKHOLM).hour == 7
    assert first.municipality == "Kungsör" and not first.county_only
    assert (first.lat, first.lon) == (59.422397, 16.097786)
    summaries = [e for e in events if e.is_summary]
    assert len(summaries) == 3
    assert all(e.county_only for e in summaries)
    assert summaries[0].municipality == "Örebro län"
    # A type with a comma: the municipality is still the last part of the name.
    last = events[-1]
    assert last.police_type == "Trafikolycka, personskada"
    assert last.municipality == "Gävle"
    for event in events:
        assert event.occurred_at <= event.published_at + dt.timedelta(days=1)


def test_every_event_of_the_archive() -> None:
    items = list(read_events(ARCHIVE.read_bytes()))
    assert len(items) == 476
    events = [parse_event(raw) for _, raw in items]
    assert {e.police_id for e in events} >= {483827, 484084, 484566}
    for event in events:
        assert dt.datetime(2024, 1, 14, tzinfo=dt.UTC) < event.occurred_at
        assert event.occurred_at <= event.published_at + dt.timedelta(days=1)
        assert event.municipality
        assert event.lat is not None and 55 < event.lat < 70
    vasteras = {e.police_id: e for e in events if e.municipality == "Västerås"}
    assert set(vasteras) == {483827, 484084, 484566}
    # Published 19 January 07:30, named "18 januari 21.03".
    assert vasteras[484566].occurred_at == dt.datetime(2024, 1, 18, 21, 3, tzinfo=STOCKHOLM)
    assert sum(e.is_summary for e in events) == 73


def test_read_events_accepts_array_object_and_lines() -> None:
    item = {
        "id": 1,
        "datetime": "2025-01-01 0:30:00 +01:00",
        "name": "31 december 23.10, Brand, Västerås",
        "type": "Brand",
    }
    assert [n for n, _ in read_events(json.dumps([item, item]))] == [1, 2]
    assert len(list(read_events(json.dumps({"events": [item]})))) == 1
    assert len(list(read_events(json.dumps(item) + "\n\n" + json.dumps(item) + "\n"))) == 2
    with pytest.raises(FeedParseError):
        list(read_events("[{"))
    with pytest.raises(FeedParseError):
        list(read_events('{"a": 1}\nnot json\n'))


def test_year_inference_at_new_year() -> None:
    published = parse_published("2025-01-01 0:30:00 +01:00")
    occurred, rest = parse_name("31 december 23.10, Brand, Västerås", published)
    assert occurred == dt.datetime(2024, 12, 31, 23, 10, tzinfo=STOCKHOLM)
    assert rest == "Brand, Västerås"
    # The same name published later on New Year's Eve stays in that year.
    late = parse_published("2024-12-31 23:50:00 +01:00")
    assert parse_name("31 december 23.10, Brand, Västerås", late)[0].year == 2024
    # An event on 1 January published on 1 January is this year's.
    assert parse_name("01 januari 00.05, Brand, Västerås", published)[0].year == 2025
    # A UTC publication time that is already the new year in Sweden.
    utc = parse_published("2024-12-31T23:30:00Z")
    assert parse_name("01 januari 00.10, Brand, Västerås", utc)[0] == dt.datetime(
        2025, 1, 1, 0, 10, tzinfo=STOCKHOLM
    )


def test_leap_day_and_impossible_dates() -> None:
    published = parse_published("2025-03-01 8:00:00 +01:00")
    # 29 February 2025 does not exist; 2024's did, but a year back is too far.
    with pytest.raises(FeedParseError):
        parse_name("29 februari 22.00, Brand, Västerås", published)
    published = parse_published("2024-03-01 8:00:00 +01:00")
    assert parse_name("29 februari 22.00, Brand, Västerås", published)[0].day == 29
    with pytest.raises(FeedParseError):
        infer_event_time(31, 4, 12, 0, published)
    with pytest.raises(FeedParseError, match="juno"):
        parse_name("06 juno 18.50, Brand, Västerås", published)
    with pytest.raises(FeedParseError):
        parse_name("Brand i Västerås", published)


def test_county_location_since_2026() -> None:
    raw = {
        "id": 700001,
        "datetime": "2026-02-03 9:15:00 +01:00",
        "name": "03 februari 08.40, Inbrott, Västerås",
        "summary": "Inbrott i lokal.",
        "url": "/aktuellt/handelser/2026/februari/3/x/",
        "type": "Inbrott",
        "location": {"name": "Västmanlands län", "gps": "59.671,16.216"},
    }
    event = parse_event(raw)
    assert event.location_name == "Västmanlands län"
    assert event.municipality == "Västerås"
    assert not event.county_only


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"id": "abc"}, "id"),
        ({"type": ""}, "type"),
        ({"datetime": None}, "datetime"),
        ({"name": "Inbrott"}, "name"),
        ({"location": {"name": "Västerås", "gps": "59.6"}}, "location.gps"),
        ({"location": {"name": "Västerås", "gps": "abc,def"}}, "location.gps"),
    ],
)
def test_bad_events_name_the_field(change: dict, field: str) -> None:
    raw = json.loads(API_SAMPLE.read_text())[0] | change
    with pytest.raises(FeedParseError) as info:
        parse_event(raw)
    assert info.value.field == field


@pytest.mark.parametrize(
    ("change", "swedish", "english"),
    [
        ({"id": "abc"}, "inget tal: ”abc”", "not a number: “abc”"),
        ({"location": {"gps": "59.6"}}, "inte ”lat,lon”: ”59.6”", "not “lat,lon”: “59.6”"),
        ({"name": "06 juno 18.50, Brand"}, "okänd månad ”juno”", "unknown month “juno”"),
    ],
)
def test_bad_events_are_described_in_the_language_with_its_quotes(  # type: ignore[no-untyped-def]
    change, swedish, english
) -> None:
    raw = json.loads(API_SAMPLE.read_text())[0] | change
    for language, expected in (("sv", swedish), ("en", english)):
        with translation.override(language), pytest.raises(FeedParseError) as info:
            parse_event(raw)
        assert info.value.message == expected
