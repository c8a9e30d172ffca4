"""Bulk import: validation of every row, all-or-nothing, --skip-invalid, re-import."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from samtrygg.core.models import Classification
from samtrygg.incidents.dataversion import data_version
from samtrygg.incidents.importer import ImportRefused, incidents_import
from samtrygg.incidents.models import FeedItem, Incident, IncidentArea, Precision, SourceSystem

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"


def good_rows() -> list[dict[str, str]]:
    return [
        {
            "external_id": "A-1",
            "occurred_from": "2025-06-07 18:50",
            "occurred_to": "",
            "category": "klotter",
            "lon": "16.52",
            "lat": "59.61",
            "address": "Storgatan 1",
            "description": "Klotter på fasaden",
        },
        {
            "external_id": "A-2",
            "occurred_from": "2025-01-15T22:00:00",
            "occurred_to": "2025-01-16",
            "category": "Skadegörelse",
            "lon": "16,57",
            "lat": "59,61",
            "address": "",
            "description": "Krossad ruta i trapphus",
        },
        {
            "external_id": "A-3",
            "occurred_from": "2025-03-01T10:00:00+00:00",
            "occurred_to": "",
            "category": "Littering",
            "lon": "",
            "lat": "",
            "address": "Vasaparken",
            "description": "",
        },
    ]


def run(path: Path, source, **kwargs):  # type: ignore[no-untyped-def]
    options = {"format": "csv", "classification": Classification.INTERNAL} | kwargs
    return incidents_import(path=path, source=source, **options)


def test_good_rows_are_saved_with_areas_and_utc_times(areas, source, write_csv) -> None:  # type: ignore[no-untyped-def]
    before = data_version()
    report = run(write_csv(good_rows()), source)
    # Every cached picture is now out of date.
    assert data_version() != before
    assert (report.created, report.updated, report.rejected, report.saved) == (3, 0, 0, True)
    a1 = Incident.objects.get(external_id="A-1")
    # 18:50 in Stockholm in June (CEST) is 16:50 UTC; no end given → the same instant.
    assert a1.occurred_from == dt.datetime(2025, 6, 7, 16, 50, tzinfo=dt.UTC)
    assert a1.occurred_to == a1.occurred_from
    assert a1.category.code == "klotter"
    assert a1.precision == Precision.EXACT and a1.x is not None
    assert a1.source_system == SourceSystem.IMPORT
    assert list(a1.areas.values_list("code", flat=True)) == ["test-west"]
    a2 = Incident.objects.get(external_id="A-2")
    # Winter time (CET): 22:00 local is 21:00 UTC; a date-only end is the end of that day.
    assert a2.occurred_from == dt.datetime(2025, 1, 15, 21, 0, tzinfo=dt.UTC)
    assert a2.occurred_to == dt.datetime(2025, 1, 16, 22, 59, 59, tzinfo=dt.UTC)
    assert a2.category.code == "skadegorelse"
    assert list(a2.areas.values_list("code", flat=True)) == ["test-east"]
    a3 = Incident.objects.get(external_id="A-3")
    assert a3.occurred_from == dt.datetime(2025, 3, 1, 10, 0, tzinfo=dt.UTC)
    assert a3.precision == Precision.ADDRESS and a3.x is None
    assert not a3.areas.exists()
    assert Incident.objects.mappable().count() == 2


def test_one_bad_row_saves_nothing_and_every_bad_row_is_reported(areas, source, write_csv) -> None:  # type: ignore[no-untyped-def]
    rows = good_rows()
    rows[0]["lon"] = "öster"
    rows[1]["category"] = "okänd"
    rows[1]["occurred_from"] = "15/1 2025"
    rows.append(dict(rows[2], external_id="A-4", description="Ring mig på 070-123 45 67"))
    report = run(write_csv(rows), source)
    assert not report.saved and report.refused_for_errors
    assert Incident.objects.count() == 0
    assert report.rejected == 3
    found = {(e.row, e.field) for e in report.errors}
    assert found == {(2, "lon"), (3, "category"), (3, "occurred_from"), (5, "description")}
    message = next(e.message for e in report.errors if e.field == "description")
    assert "070-*** ** 67" in message and "123 45" not in message


def test_skip_invalid_saves_good_rows_and_writes_rejects(
    areas, source, write_csv, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    rows = good_rows()
    rows[1]["lat"] = ""
    rejects = tmp_path / "rejects.csv"
    report = run(write_csv(rows), source, skip_invalid=True, rejects_path=rejects)
    assert report.saved and report.created == 2 and report.rejected == 1
    assert set(Incident.objects.values_list("external_id", flat=True)) == {"A-1", "A-3"}
    with rejects.open(encoding="utf-8") as handle:
        lines = list(csv.DictReader(handle))
    assert len(lines) == 1
    assert lines[0]["external_id"] == "A-2"
    assert lines[0]["reason"].startswith("lat:")
    # The corrected rejects file imports as it is (row and reason columns are ignored).
    lines[0]["lat"] = "59.61"
    fixed = tmp_path / "fixed.csv"
    with fixed.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(lines[0]))
        writer.writeheader()
        writer.writerows(lines)
    again = run(fixed, source)
    assert again.created == 1 and Incident.objects.count() == 3


def test_reimport_updates_never_duplicates(areas, source, write_csv) -> None:  # type: ignore[no-untyped-def]
    run(write_csv(good_rows()), source)
    incident = Incident.objects.get(external_id="A-1")
    incident.status = "seen"
    incident.save()
    rows = good_rows()
    rows[0]["category"] = "brand"
    rows[0]["lon"] = "16.58"  # moved to the eastern area
    rows.append(dict(rows[2], external_id="A-9"))
    report = run(write_csv(rows), source)
    assert (report.created, report.updated) == (1, 3)
    assert Incident.objects.count() == 4
    incident.refresh_from_db()
    assert incident.category.code == "brand"
    assert incident.status == "seen"  # the municipality's handling is kept
    assert list(incident.areas.values_list("code", flat=True)) == ["test-east"]
    assert IncidentArea.objects.filter(incident=incident).count() == 1


def test_duplicate_external_id_in_one_file(areas, source, write_csv) -> None:  # type: ignore[no-untyped-def]
    rows = good_rows()
    rows[2]["external_id"] = "A-1"
    report = run(write_csv(rows), source)
    assert [(e.row, e.field) for e in report.errors] == [(4, "external_id")]
    assert "rad 2" in report.errors[0].message


def test_projected_coordinates_area_codes_and_classification(areas, source, write_csv) -> None:  # type: ignore[no-untyped-def]
    rows = [
        {
            "id": "X-1",
            "occurred_from": "2025-05-01 12:00",
            "category": "vald",
            "x": "585000",
            "y": "6610000",
            "classification": "open",
        },
        {
            "id": "X-2",
            "occurred_from": "2025-05-01 12:00",
            "category": "vald",
            "precision": "area",
            "area": "test-west",
        },
        {
            "id": "X-3",
            "occurred_from": "2025-05-01 12:00",
            "category": "vald",
            "precision": "municipality",
            "classification": "restricted",
        },
    ]
    report = run(write_csv(rows, delimiter=";"), source, allow_restricted=False)
    assert [(e.row, e.field) for e in report.errors] == [(4, "classification")]
    report = run(write_csv(rows, delimiter=";"), source)
    assert report.created == 3
    x1 = Incident.objects.get(external_id="X-1")
    assert x1.classification == "open"
    assert 16.4 < x1.lon < 16.7 and 59.5 < x1.lat < 59.7  # type: ignore[operator]
    x2 = Incident.objects.get(external_id="X-2")
    assert x2.precision == "area" and list(x2.areas.values_list("code", flat=True)) == ["test-west"]
    assert Incident.objects.get(external_id="X-3").classification == "restricted"
    assert Incident.objects.mappable().count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"lon": "12.0", "lat": "52.0"}, "lat"),
        ({"lon": "200", "lat": "59.61", "address": ""}, "lon"),
        ({"lat": ""}, "lat"),
        ({"occurred_to": "2025-06-01"}, "occurred_to"),
        ({"precision": "approximate"}, "precision"),
        ({"description": "pnr 19121212-1212"}, "description"),
        ({"address": "mejla a.b@example.se"}, "address"),
        ({"category": ""}, "category"),
        ({"occurred_from": ""}, "occurred_from"),
        ({"occurred_from": "today"}, "occurred_from"),
        ({"lon": "", "lat": "", "address": ""}, "lon"),
    ],
)
def test_each_bad_field_is_named(areas, source, write_csv, change, field) -> None:  # type: ignore[no-untyped-def]
    report = run(write_csv([good_rows()[0] | change]), source)
    assert [(e.row, e.field) for e in report.errors] == [(2, field)]
    assert Incident.objects.count() == 0


def test_files_that_cannot_be_read_are_refused(source, write_csv, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ImportRefused, match="lng2"):
        run(write_csv([{"occurred_from": "2025-01-01", "category": "brand", "lng2": "1"}]), source)
    with pytest.raises(ImportRefused, match="category"):
        run(write_csv([{"occurred_from": "2025-01-01"}]), source)
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes(
        "occurred_from,category,address\n2025-01-01,brand,Väster\n".encode("latin-1")
    )
    with pytest.raises(ImportRefused, match="UTF-8"):
        run(latin1, source)
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("occurred_from,category,address\n2025-01-01,brand\n", encoding="utf-8")
    report = run(ragged, source)
    assert (report.errors[0].row, report.errors[0].field) == (2, "row")


def test_dry_run_saves_nothing(areas, source, write_csv) -> None:  # type: ignore[no-untyped-def]
    report = run(write_csv(good_rows()), source, dry_run=True)
    assert report.created == 3 and not report.saved
    assert Incident.objects.count() == 0


def test_geojson_in_wgs84_and_sweref(areas, source, tmp_path) -> None:  # type: ignore[no-untyped-def]
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [16.52, 59.61]},
            "properties": {
                "external_id": "G-1",
                "occurred_from": "2025-06-01 22:00",
                "category": "brand",
                "extra": 1,
            },
        },
        {
            "type": "Feature",
            "geometry": None,
            "properties": {
                "external_id": "G-2",
                "occurred_from": "2025-06-01",
                "category": "brand",
                "precision": "municipality",
            },
        },
    ]
    path = tmp_path / "in.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    report = run(path, source, format="geojson")
    assert report.created == 2
    assert "extra" in report.warnings[0]
    assert list(Incident.objects.get(external_id="G-1").areas.values_list("code", flat=True)) == [
        "test-west"
    ]
    projected = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3006"}},
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [590000, 6611000]},
                "properties": {
                    "external_id": "G-3",
                    "occurred_from": "2025-06-01",
                    "category": "brand",
                },
            },
            {
                "type": "Feature",
                "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 0]]]},
                "properties": {
                    "external_id": "G-4",
                    "occurred_from": "2025-06-01",
                    "category": "brand",
                },
            },
        ],
    }
    path.write_text(json.dumps(projected))
    report = run(path, source, format="geojson", skip_invalid=True)
    assert report.created == 1
    assert (report.errors[0].row, report.errors[0].field) == (2, "geometry")
    g3 = Incident.objects.get(external_id="G-3")
    assert abs(g3.x - 590000) < 0.01 and abs(g3.y - 6611000) < 0.01  # type: ignore[operator]


def test_police_events_file(areas, source) -> None:  # type: ignore[no-untyped-def]
    sample = DATA / "polisen_api_events_sample_2025-06-07_dnouri.json"
    report = run(sample, source, format="police-events", location="Malmö")
    assert report.created == 1
    incident = Incident.objects.get()
    assert incident.source_system == SourceSystem.POLICE_FEED
    assert incident.external_id == "588164"
    assert incident.category.code == "vald"
    assert incident.precision == Precision.MUNICIPALITY
    assert not incident.areas.exists()
    assert incident.feed_item.raw["name"] == "07 juni 06.32, Misshandel, Malmö"  # type: ignore[union-attr]
    # Only the municipality's events are stored; a second import changes nothing.
    assert FeedItem.objects.count() == 1
    again = run(sample, source, format="police-events", location="Malmö")
    assert (again.created, again.updated) == (0, 1)
    assert Incident.objects.count() == 1


def test_police_events_archive_for_vasteras(source) -> None:  # type: ignore[no-untyped-def]
    archive = DATA / "polisen_events_2024-01-15_21_crimecity3k_fixture.jsonl"
    report = run(archive, source, format="police-events", location="Västerås")
    # Västerås's three events are a traffic accident, a missing person and a work accident:
    # stored raw, none of them an incident about the safety of a place.
    assert report.created == 0 and report.error_count == 0
    assert set(FeedItem.objects.values_list("police_id", flat=True)) == {483827, 484084, 484566}
    everywhere = run(archive, source, format="police-events", location="")
    assert everywhere.error_count == 0
    assert everywhere.created == Incident.objects.count() > 50
    assert not Incident.objects.mappable().exists()


def test_date_only_end_on_the_night_summer_time_ends(areas, source, write_csv) -> None:  # type: ignore[no-untyped-def]
    # 27 October 2024: clocks go back at 03:00; the day ends at 23:59:59 CET = 22:59:59 UTC.
    rows = [good_rows()[0] | {"occurred_from": "2024-10-27 23:25", "occurred_to": "2024-10-27"}]
    report = run(write_csv(rows), source)
    assert report.created == 1, report.errors
    incident = Incident.objects.get()
    assert incident.occurred_from == dt.datetime(2024, 10, 27, 22, 25, tzinfo=dt.UTC)
    assert incident.occurred_to == dt.datetime(2024, 10, 27, 22, 59, 59, tzinfo=dt.UTC)


def test_bad_bytes_deep_in_the_file_refuse_the_import(areas, source, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "mixed.csv"
    good = "".join(f"{i},2025-05-01 10:00,brand,16.52,59.61\n" for i in range(30_000))
    path.write_bytes(
        b"external_id,occurred_from,category,lon,lat\n"
        + good.encode()
        + "99999,2025-05-01 10:00,brand,16.52,59.61,Väster\n".encode("latin-1")
    )
    with pytest.raises(ImportRefused, match="UTF-8"):
        run(path, source)
    assert Incident.objects.count() == 0


HEADER = "external_id,occurred_from,category,lon,lat,description\n"


def test_an_unterminated_quote_refuses_the_file_naming_the_row(areas, source, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Without strict reading the second row vanished into the first one's description.
    path = tmp_path / "open-quote.csv"
    path.write_text(
        HEADER
        + '1,2025-05-01 10:00,brand,16.52,59.61,"Brand i soprum\n'
        + "2,2025-05-02 10:00,brand,16.52,59.61,Klotter\n",
        encoding="utf-8",
    )
    with pytest.raises(
        ImportRefused,
        match=r"Rad 2 \(radnummer 3 i filen\) är inte giltig CSV: ett citattecken öppnas",
    ):
        run(path, source)
    assert Incident.objects.count() == 0


def test_rows_swallowed_by_a_stray_quote_refuse_the_file(areas, source, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # A quote opened in row 3 and another in row 6 make one syntactically valid field that
    # holds rows 4 and 5: the file parses, but two rows would be lost without a word.
    rows = [f"{i},2025-05-01 10:00,brand,16.52,59.61,Text {i}\n" for i in range(1, 7)]
    rows[1] = '2,2025-05-01 10:00,brand,16.52,59.61,"Öppet citat\n'
    rows[4] = '5,2025-05-01 10:00,brand,16.52,59.61,slut"\n'
    path = tmp_path / "stray-quote.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    with pytest.raises(
        ImportRefused, match="Rad 3: ett fält inom citattecken fortsätter över 3 rader"
    ):
        run(path, source)
    assert Incident.objects.count() == 0


def test_a_description_over_several_lines_is_still_read(areas, source, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "multiline.csv"
    path.write_text(
        HEADER
        + '1,2025-05-01 10:00,brand,16.52,59.61,"Rad ett, med komma\nrad två"\n'
        + "2,2025-05-02 10:00,brand,16.52,59.61,Klotter\n",
        encoding="utf-8",
    )
    report = run(path, source)
    assert report.created == 2 and report.total_rows == 2
    assert Incident.objects.get(external_id="1").description == "Rad ett, med komma\nrad två"


def test_a_malformed_header_is_refused(source, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad-header.csv"
    path.write_text('occurred_from,"category\n2025-05-01,brand\n', encoding="utf-8")
    with pytest.raises(ImportRefused, match=r"Rad 1 \(radnummer 2 i filen\)"):
        run(path, source)
