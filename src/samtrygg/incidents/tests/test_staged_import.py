"""The staged import on SQLite (``incidents.staging``): all-or-nothing, re-import by
external id, dry run, staging rows removed — and a log-in succeeds while a long import is
held half-way. Transactional tests: the staged path runs only outside a transaction (in
a test's own transaction the import writes straight through, as it does on PostgreSQL)."""

from __future__ import annotations

import csv
import datetime as dt
import os
import sqlite3
import subprocess
import sys
import time
from http import HTTPStatus
from pathlib import Path
from typing import Any

import pytest
from django.db import IntegrityError, connection
from django.test import Client
from django.urls import reverse

from samtrygg.core.models import Classification
from samtrygg.incidents.importer import incidents_import
from samtrygg.incidents.models import Category, Incident, IncidentArea, SourceSystem
from samtrygg.incidents.publication import pending_imports_abandoned_clean
from samtrygg.incidents.staging import LINKS, ROWS, StagedIncidentSink

from .test_commands import HELD_IMPORT, _subprocess_database

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="staging is SQLite's: PostgreSQL imports in one transaction without blocking",
    ),
]

ROWS_PER_CHUNK = 100


def _write(path: Path, rows: int, *, bad_at: int | None = None, prefix: str = "S") -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["external_id", "occurred_from", "category", "lon", "lat", "description"])
        for i in range(rows):
            lon = "x" if i == bad_at else "16.52"
            writer.writerow([f"{prefix}-{i}", "2025-05-01 12:00", "klotter", lon, "59.61", f"n{i}"])
    return path


def _import(path: Path, source: Any, **options: Any) -> Any:
    return incidents_import(
        path=path,
        format="csv",
        source=source,
        classification=Classification.INTERNAL,
        chunk_rows=ROWS_PER_CHUNK,
        **options,
    )


def _staging_tables() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM temp.sqlite_master WHERE type = 'table'")
        return [name for (name,) in cursor.fetchall() if name in (ROWS, LINKS)]


def test_staged_import_publishes_every_row_at_once(  # type: ignore[no-untyped-def]
    default_taxonomy, areas, source, tmp_path
) -> None:
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(Incident.objects.count())  # nothing visible before the end

    report = _import(_write(tmp_path / "a.csv", 350), source, progress=progress)
    assert (report.created, report.updated, report.area_links) == (350, 0, 350)
    assert seen == [0, 0, 0, 0]  # four chunks staged, none published
    assert Incident.objects.count() == 350 and IncidentArea.objects.count() == 350
    assert _staging_tables() == []


def test_a_bad_row_late_in_the_file_leaves_nothing(  # type: ignore[no-untyped-def]
    default_taxonomy, areas, source, tmp_path
) -> None:
    report = _import(_write(tmp_path / "bad.csv", 350, bad_at=340), source)
    assert report.rejected == 1 and report.errors[0].row == 342  # header + 1-based
    assert report.created == 0 and not report.saved
    assert Incident.objects.count() == 0 and IncidentArea.objects.count() == 0
    assert _staging_tables() == []


def test_re_import_updates_and_dry_run_changes_nothing(  # type: ignore[no-untyped-def]
    default_taxonomy, areas, source, tmp_path
) -> None:
    _import(_write(tmp_path / "a.csv", 150), source)
    Incident.objects.filter(external_id="S-3").update(status="seen")
    dry = _import(_write(tmp_path / "b.csv", 200), source, dry_run=True)
    assert (dry.created, dry.updated) == (50, 150) and Incident.objects.count() == 150
    again = _import(tmp_path / "b.csv", source)
    assert (again.created, again.updated) == (50, 150)
    assert Incident.objects.count() == 200 and IncidentArea.objects.count() == 200
    assert Incident.objects.get(external_id="S-3").status == "seen"  # kept by an update
    assert _staging_tables() == []


@pytest.mark.parametrize("held", ["staging", "publishing"])
@pytest.mark.usefixtures("default_taxonomy", "areas")
def test_a_login_succeeds_while_a_long_import_is_held(  # type: ignore[no-untyped-def]
    source, tmp_path, django_user_model, held
) -> None:
    """The import runs in its own process against a WAL SQLite file and is held half-way
    (its progress callback sleeps) while staging, or between two pieces of its publish; a
    log-in through the test client against the same file writes its session, last log-in
    and audit entry and succeeds, and none of the import's rows is visible. The import,
    killed while held, leaves nothing visible, and what it wrote hidden is removed."""
    password = "a-long-test-password-1234"
    django_user_model.objects.create_user(username="inloggning", password=password)
    path = _write(tmp_path / "big.csv", 30_000, prefix="L")
    url, sqlite_file = _subprocess_database(tmp_path)
    assert sqlite_file is not None
    marker = tmp_path / "held"
    hold = ["1"] if held == "staging" else ["10000", "10000"]  # rows; rows per piece
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            HELD_IMPORT,
            str(path),
            source.code,
            hold[0],
            str(marker),
            *hold[1:],
        ],
        env=dict(os.environ, DATABASE_URL=url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    # The test database is in memory (Django never closes it): set it aside while this
    # connection talks to the file.
    original, in_memory = connection.settings_dict["NAME"], connection.connection
    try:
        deadline = time.monotonic() + 180
        while not marker.exists():
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the import did not reach the hold")
            time.sleep(0.1)
        connection.connection = None
        connection.settings_dict["NAME"] = str(sqlite_file)
        response = Client().post(
            reverse("accounts:login"), {"username": "inloggning", "password": password}
        )
        assert response.status_code == HTTPStatus.FOUND  # logged in, not a 503
        assert process.poll() is None  # the import is still held
        assert Incident.objects.count() == 0
        written = 10_000 if held == "publishing" else 0
        assert Incident.all_objects.count() == written
        process.kill()
        process.communicate()
        assert pending_imports_abandoned_clean() == written
    finally:
        if connection.settings_dict["NAME"] != original:
            connection.close()
            connection.settings_dict["NAME"] = original
            connection.connection = in_memory
        process.kill()
        process.communicate()
    check = sqlite3.connect(sqlite_file)
    counts = [
        check.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608
        for table in ("incidents_incident", "incidents_incidentarea", "incidents_pendingimport")
    ]
    check.close()
    assert counts == [0, 0, 0]


def test_a_row_created_between_prepare_and_publish_fails_the_publish(  # type: ignore[no-untyped-def]
    default_taxonomy, areas, source, tmp_path, monkeypatch
) -> None:
    """The rows the source already has are found before the write lock (``prepare``); a
    row of the same source and external id written after that (by another import of the
    same source) must not be duplicated or overwritten: the publish fails, nothing of the
    import is saved, and the import runs again as an update."""
    prepare = StagedIncidentSink.prepare

    def prepare_then_race(sink: StagedIncidentSink) -> None:
        prepare(sink)
        when = dt.datetime(2025, 5, 1, 10, tzinfo=dt.UTC)
        Incident.objects.create(  # as the other import's publish would, committed at once
            source_organisation=source,
            source_system=SourceSystem.IMPORT,
            external_id="S-0",
            category=Category.objects.get(code="klotter"),
            occurred_from=when,
            occurred_to=when,
            reported_at=when,
            precision="exact",
        )

    monkeypatch.setattr(StagedIncidentSink, "prepare", prepare_then_race)
    with pytest.raises(IntegrityError):
        _import(_write(tmp_path / "a.csv", 150), source)
    assert list(Incident.objects.values_list("external_id", flat=True)) == ["S-0"]
    assert IncidentArea.objects.count() == 0 and _staging_tables() == []
    monkeypatch.setattr(StagedIncidentSink, "prepare", prepare)
    again = _import(tmp_path / "a.csv", source)
    assert (again.created, again.updated) == (149, 1) and Incident.objects.count() == 150
