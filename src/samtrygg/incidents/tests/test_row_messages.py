"""The messages of bad import rows: one message for one mistake, naming the wrong field."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from samtrygg.incidents.validation import ChunkValidator, RawChunk

GOOD = {"occurred_from": "2025-06-07 18:50", "category": "klotter"}


def problems(row: dict[str, str], language: str = "en") -> list[tuple[str, str]]:
    """The (field, message) pairs of one row, which has no address nor area unless given."""
    record = GOOD | row
    with translation.override(language):
        validator = ChunkValidator(
            categories={"klotter": 1},
            areas={"T-1": 1},
            default_classification="internal",
            allow_restricted=True,
            now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        )
        chunk = RawChunk(
            rows=[2], columns={k: [v] for k, v in record.items()}, records=[list(record)]
        )
        return validator.validate(chunk).errors.get(0, [])


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        ({"lon": "öster", "lat": "59.61"}, "lon", "not a number"),
        ({"lon": "16.52", "lat": "59,61,2"}, "lat", "not a number"),
        ({"lon": "", "lat": "59.61"}, "lon", "missing"),
        ({"lon": "200", "lat": "59.61"}, "lon", "“lon” must be between 10 and 24.5"),
        ({"lon": "16.52", "lat": "52"}, "lat", "“lat” must be between 55 and 69.5"),
        ({"lon": "59.61", "lat": "16.52"}, "lon", "“lon” and “lat” seem swapped"),
        ({"lon": "120", "lat": "-30"}, "lon", "the point (“lon”, “lat”) is not in Sweden"),
        ({"x": "100", "y": "6600000"}, "x", "“x” must be between 200,000 and 1,000,000"),
        ({"x": "560000", "y": "y"}, "y", "not a number"),
        ({"lon": "200", "lat": "59.61", "precision": "exact"}, "lon", "must be between"),
        ({"area": "T-9"}, "area", "unknown area code"),
    ],
)
def test_a_wrong_place_gives_one_message_naming_the_wrong_field(row, field, words) -> None:  # type: ignore[no-untyped-def]
    found = problems(row)
    assert len(found) == 1, found
    assert found[0][0] == field and words in found[0][1]


def test_no_place_at_all_is_one_message() -> None:
    assert [f for f, _m in problems({"lon": "", "lat": ""})] == ["lon"]
    assert [f for f, _m in problems({"lon": "", "lat": "", "precision": "exact"})] == ["lon"]


def test_the_range_is_written_as_swedish_numbers_in_swedish() -> None:
    assert problems({"lon": "200", "lat": "59.61"}, "sv") == [
        ("lon", "inte i Sverige: ”lon” ska vara mellan 10 och 24,5 (WGS84-grader)")
    ]
    assert problems({"lon": "59.61", "lat": "16.52"}, "sv") == [
        ("lon", "”lon” och ”lat” verkar ha bytt plats (punkten ligger i Sverige om de byts)")
    ]
