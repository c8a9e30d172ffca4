"""The messages of bad import rows: one message for one mistake, naming the wrong field, and
names and values quoted as each language quotes them (”lon” in Swedish, “lon” in English)."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import translation

from samtrygg.core.exceptions import RowError
from samtrygg.core.text import quoted, quoted_list
from samtrygg.incidents.importer import ImportRefused
from samtrygg.incidents.readers import read_csv
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


#: Rows with every kind of message that names a field or quotes a value.
NAMING = [
    {"lon": "", "lat": "59.61"},
    {"lon": "16.52", "lat": ""},
    {"x": "", "y": "6600000"},
    {"x": "560000", "y": ""},
    {"lon": "16.52", "lat": "52"},
    {"lon": "59.61", "lat": "16.52"},
    {"lon": "120", "lat": "-30"},
    {"occurred_to": "2025-06-01", "address": "Storgatan 1"},
    {"category": "Okänd sak", "address": "Storgatan 1"},
    {"area": "T-9"},
    {"lon": "", "lat": ""},
    {"precision": "ungefär", "address": "Storgatan 1"},
    {"precision": "exact", "address": "Storgatan 1"},
    {"precision": "address", "area": "T-1"},
    {"precision": "area", "address": "Storgatan 1"},
    {"classification": "hemlig", "address": "Storgatan 1"},
]


@pytest.mark.parametrize("row", NAMING)
def test_names_and_values_are_quoted_as_the_language_quotes_them(row) -> None:  # type: ignore[no-untyped-def]
    english, swedish = problems(row, "en"), problems(row, "sv")
    assert len(english) == len(swedish) == 1, (english, swedish)
    (field, en), (sv_field, sv) = english[0], swedish[0]
    assert field == sv_field
    assert "'" not in en + sv and '"' not in en + sv
    assert "“" not in sv and en.count("“") == en.count("”") >= 1
    assert sv.count("”") == 2 * en.count("“")
    # The same names and values, quoted, in both languages.
    assert [part.split("”")[0] for part in en.split("“")[1:]] == sv.split("”")[1::2]


def test_the_command_line_and_the_rejects_file_share_the_message(  # type: ignore[no-untyped-def]
    areas, source, write_csv, tmp_path, capsys
) -> None:
    good = GOOD | {"lon": "16.52", "lat": "59.61"}
    path = write_csv([good | {"category": "Okänd sak"}, good])
    rejects = tmp_path / "rejects.csv"
    with translation.override("sv"):
        call_command(
            "import-incidents",
            *(str(path), "--format", "csv", "--source", source.code),
            *("--skip-invalid", str(rejects)),
        )
    message = "okänd kategori ”Okänd sak”"
    assert f"rad 2, fält ”category”: {message}" in capsys.readouterr().err
    with rejects.open(encoding="utf-8") as handle:
        assert [line["reason"] for line in csv.DictReader(handle)] == [f"category: {message}"]


def test_quotation_marks_follow_the_language() -> None:
    with translation.override("sv"):
        assert quoted("lon") == "”lon”"
        assert quoted_list(["exact", "area"]) == "”exact”, ”area”"
        assert (
            str(RowError(row=5, field="lon", message="inget tal")) == "rad 5, fält ”lon”: inget tal"
        )
        assert str(RowError(row=5, field=None, message="tom")) == "rad 5: tom"
    with translation.override("en"):
        assert quoted("lon") == "“lon”"
        assert str(RowError(row=5, field="lon", message="not a number")) == (
            "row 5, field “lon”: not a number"
        )
        assert str(RowError(row=None, field=None, message="empty")) == "empty"


def test_the_header_names_columns_quoted(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "in.csv"
    path.write_text("occurred_from,colour,lon,lon\n2025-06-07,red,16.5,16.5\n", encoding="utf-8")
    with translation.override("sv"), pytest.raises(ImportRefused) as refused:
        read_csv(path, 100)
    text = str(refused.value)
    assert "Okänd kolumn: ”colour”." in text
    assert "Kolumnen förekommer två gånger: ”lon”." in text
    assert "Kolumnen ”category” saknas." in text
