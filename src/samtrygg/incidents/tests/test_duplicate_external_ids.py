"""A file naming the same external id on two rows is refused, wherever it comes from (CSV,
GeoJSON, police events; the command line and the web), naming both rows and the field, and
nothing of it is saved — on SQLite's staged path and in one transaction (PostgreSQL, or a
caller's transaction) alike. Which of the two rows is right only the file's maker knows."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from samtrygg.core.models import Classification
from samtrygg.incidents.importer import incidents_import
from samtrygg.incidents.models import FeedItem, ImportJob, Incident

from .test_import import DATA, good_rows

pytestmark = pytest.mark.django_db


def _import(path: Path, source: Any, **options: Any) -> Any:
    options = {"format": "csv", "classification": Classification.INTERNAL} | options
    with translation.override("en"):
        return incidents_import(path=path, source=source, **options)


def _duplicated(write_csv: Any) -> Path:
    """Rows 2-5 (row 1 is the header); row 5 repeats row 2's id, in the second chunk of two."""
    rows = good_rows()
    rows.append(dict(rows[2], external_id="A-1", description="Samma id igen"))
    return write_csv(rows)


def _problems(report: Any) -> list[tuple[int | None, str | None, str]]:
    return [(e.row, e.field, e.message) for e in report.errors]


def test_a_csv_file_naming_an_id_twice_saves_nothing(areas, source, write_csv) -> None:  # type: ignore[no-untyped-def]
    report = _import(_duplicated(write_csv), source, chunk_rows=2)
    assert _problems(report) == [(5, "external_id", "same as row 2")]
    assert report.refused_for_errors and not report.saved
    assert Incident.objects.count() == 0


def test_skip_invalid_keeps_the_first_row_and_rejects_the_second(  # type: ignore[no-untyped-def]
    areas, source, write_csv, tmp_path
) -> None:
    rejects = tmp_path / "rejects.csv"
    report = _import(_duplicated(write_csv), source, skip_invalid=True, rejects_path=rejects)
    assert (report.created, report.rejected) == (3, 1)
    assert Incident.objects.get(external_id="A-1").description == "Klotter på fasaden"
    assert "external_id: same as row 2" in rejects.read_text(encoding="utf-8")


def test_a_geojson_file_naming_an_id_twice_saves_nothing(areas, source, tmp_path) -> None:  # type: ignore[no-untyped-def]
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [16.52, 59.61]},
        "properties": {"external_id": "G-1", "occurred_from": "2025-06-01", "category": "brand"},
    }
    path = tmp_path / "in.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature, feature]}))
    report = _import(path, source, format="geojson")
    assert _problems(report) == [(2, "external_id", "same as row 1")]  # features, from 1
    assert Incident.objects.count() == 0


def test_a_police_events_file_with_an_event_twice_saves_nothing(source, tmp_path) -> None:  # type: ignore[no-untyped-def]
    events = json.loads(
        (DATA / "polisen_api_events_sample_2025-06-07_dnouri.json").read_text(encoding="utf-8")
    )
    malmo = next(e for e in events if e["id"] == 588164)  # the sample's one Malmö incident
    path = tmp_path / "events.json"
    path.write_text(json.dumps([malmo, malmo]), encoding="utf-8")
    report = _import(path, source, format="police-events", location="Malmö")
    assert _problems(report) == [(2, "external_id", "same as row 1")]
    assert Incident.objects.count() == 0 and FeedItem.objects.count() == 0


def test_the_command_line_names_both_rows(areas, source, write_csv, capsys) -> None:  # type: ignore[no-untyped-def]
    with translation.override("en"), pytest.raises(CommandError):
        call_command(
            "import-incidents",
            str(_duplicated(write_csv)),
            "--format",
            "csv",
            "--source",
            source.code,
        )
    assert "row 5, field “external_id”: same as row 2" in capsys.readouterr().err
    assert Incident.objects.count() == 0


def test_the_web_import_names_both_rows(  # type: ignore[no-untyped-def]
    world, areas, client_for, django_capture_on_commit_callbacks
) -> None:
    body = (
        "external_id,occurred_from,category,address\n"
        "W-1,2025-05-01 12:00,brand,Torget\n"
        "W-1,2025-05-02 12:00,brand,Torget\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        client_for("coordinator").post(
            reverse("incidents:import_list"),
            {
                "file": SimpleUploadedFile("x.csv", body.encode()),
                "format": "csv",
                "source": world.organisations["housing"].pk,
                "classification": "internal",
            },
        )
    job = ImportJob.objects.get()
    assert job.status == "failed" and job.created_count == 0
    # The worker runs in Swedish, the default language.
    assert job.errors == [{"row": 3, "field": "external_id", "message": "samma som rad 2"}]
    assert Incident.objects.count() == 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="staging is SQLite's; the tests above cover PostgreSQL's one transaction",
)
def test_the_staged_sqlite_import_saves_nothing(  # type: ignore[no-untyped-def]
    default_taxonomy, areas, source, write_csv
) -> None:
    report = _import(_duplicated(write_csv), source, chunk_rows=2)
    assert _problems(report) == [(5, "external_id", "same as row 2")]
    assert Incident.objects.count() == 0
