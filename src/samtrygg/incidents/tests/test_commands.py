"""``samtrygg import-incidents``: exit codes, --dry-run, --skip-invalid, and an import
killed mid-way (a real subprocess, killed with SIGKILL) leaves no rows."""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from http import HTTPStatus
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.urls import reverse

from samtrygg.incidents.models import Incident

from .test_import import good_rows

pytestmark = pytest.mark.django_db

#: Runs an import in its own process and holds it, through its progress callback, once
#: the given number of rows is done (after writing the marker file).
HELD_IMPORT = "samtrygg.testing.held_import"


def test_import_command_saves_and_reports(areas, source, write_csv, capsys) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(good_rows())
    call_command("import-incidents", str(path), "--format", "csv", "--source", source.code)
    out = capsys.readouterr().out
    assert "3 created" in out or "3 skapade" in out
    assert Incident.objects.count() == 3


def test_bad_rows_exit_non_zero_and_name_row_and_field(areas, source, write_csv, capsys) -> None:  # type: ignore[no-untyped-def]
    rows = good_rows()
    rows[1]["lon"] = "x"
    with pytest.raises(CommandError):
        call_command(
            "import-incidents", str(write_csv(rows)), "--format", "csv", "--source", source.code
        )
    err = capsys.readouterr().err
    assert "rad 3, fält ”lon”: inget tal" in err  # the municipality's language throughout
    assert Incident.objects.count() == 0


def test_dry_run_and_skip_invalid(areas, source, write_csv, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    rows = good_rows()
    rows[0]["description"] = "Ring 070-123 45 67"
    path = write_csv(rows)
    call_command(
        "import-incidents",
        str(path),
        "--format",
        "csv",
        "--source",
        source.code,
        "--dry-run",
        "--skip-invalid",
        str(tmp_path / "r.csv"),
    )
    assert Incident.objects.count() == 0
    rejects = tmp_path / "rejects.csv"
    call_command(
        "import-incidents",
        str(path),
        "--format",
        "csv",
        "--source",
        source.code,
        "--skip-invalid",
        str(rejects),
    )
    assert Incident.objects.count() == 2
    with rejects.open(encoding="utf-8") as handle:
        rejected = list(csv.DictReader(handle))
    assert [r["external_id"] for r in rejected] == ["A-1"]
    assert "description" in rejected[0]["reason"] and "123 45" not in rejected[0]["reason"]
    # Every row bad: nothing saved because of errors → non-zero exit, even with --skip-invalid.
    bad = write_csv([dict(r, category="okänd") for r in good_rows()], name="bad.csv")
    with pytest.raises(CommandError):
        call_command(
            "import-incidents",
            str(bad),
            "--format",
            "csv",
            "--source",
            source.code,
            "--skip-invalid",
            str(tmp_path / "r2.csv"),
        )


def test_unknown_source_and_unreadable_file(source, write_csv, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError, match="no-such-org"):
        call_command(
            "import-incidents",
            str(write_csv(good_rows())),
            "--format",
            "csv",
            "--source",
            "no-such-org",
        )
    with pytest.raises(CommandError):
        call_command(
            "import-incidents",
            str(tmp_path / "missing.csv"),
            "--format",
            "csv",
            "--source",
            source.code,
        )


def _subprocess_database(tmp_path: Path) -> tuple[str, Path | None]:
    """A DATABASE_URL a subprocess can use to reach this test's (committed) data."""
    if connection.vendor == "sqlite":
        target = tmp_path / "kill.sqlite3"
        dest = sqlite3.connect(target)
        connection.ensure_connection()
        connection.connection.backup(dest)
        dest.close()
        return f"sqlite:///{target}", target
    settings_dict = connection.settings_dict
    url = (
        f"postgres://{settings_dict['USER']}:{settings_dict.get('PASSWORD') or ''}"
        f"@{settings_dict.get('HOST') or '127.0.0.1'}:{settings_dict.get('PORT') or 5432}"
        f"/{settings_dict['NAME']}"
    )
    return url, None


@pytest.mark.django_db(transaction=True)
def test_an_import_killed_mid_way_leaves_no_rows(default_taxonomy, areas, source, tmp_path) -> None:  # type: ignore[no-untyped-def]
    rows = 30_000  # more than one chunk: the first chunk is written before the kill
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["external_id", "occurred_from", "category", "lon", "lat"])
        for i in range(rows):
            writer.writerow([f"K-{i}", "2025-05-01 12:00", "klotter", "16.52", "59.61"])
    url, sqlite_file = _subprocess_database(tmp_path)
    marker = tmp_path / "paused"
    env = dict(os.environ, DATABASE_URL=url)
    process = subprocess.Popen(
        [sys.executable, "-m", HELD_IMPORT, str(path), source.code, "1", str(marker)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            if process.poll() is not None:
                _out, err = process.communicate()
                pytest.fail(f"the import ended before the pause: {err.decode()[-2000:]}")
            if time.monotonic() > deadline:
                pytest.fail("the import did not reach the pause")
            time.sleep(0.1)
        written = int(marker.read_text())
        assert 0 < written < rows  # killed in the middle: some rows written, not all
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()
    assert process.returncode == -signal.SIGKILL
    if sqlite_file is not None:
        check = sqlite3.connect(sqlite_file)
        count = check.execute("SELECT COUNT(*) FROM incidents_incident").fetchone()[0]
        links = check.execute("SELECT COUNT(*) FROM incidents_incidentarea").fetchone()[0]
        check.close()
    else:
        count = Incident.objects.count()
        links = 0
    assert count == 0 and links == 0


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="SQLite: the staged import and a log-in are tested in test_staged_import",
)
def test_a_login_during_a_long_import_succeeds_on_postgresql(  # type: ignore[no-untyped-def]
    default_taxonomy, areas, source, tmp_path, django_user_model
) -> None:
    """On PostgreSQL an import's transaction locks only its own rows: a user logs in while
    a command-line import is held open half-way (its transaction not yet committed)."""
    # pytest-django's transactional test: the subprocess sees the committed user and areas.
    password = "a-long-test-password-1234"
    django_user_model.objects.create_user(username="inloggning", password=password)
    rows = 30_000
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["external_id", "occurred_from", "category", "lon", "lat"])
        for i in range(rows):
            writer.writerow([f"L-{i}", "2025-05-01 12:00", "klotter", "16.52", "59.61"])
    url, _file = _subprocess_database(tmp_path)
    marker = tmp_path / "paused"
    env = dict(os.environ, DATABASE_URL=url)
    process = subprocess.Popen(
        [sys.executable, "-m", HELD_IMPORT, str(path), source.code, "1", str(marker)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 180
        while not marker.exists():
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the import did not reach the pause")
            time.sleep(0.1)
        started = time.monotonic()
        response = Client().post(
            reverse("accounts:login"), {"username": "inloggning", "password": password}
        )
        waited = time.monotonic() - started
        # The import holds its transaction open for an hour: a login it blocked would not
        # return at all. (The time is the log-in's own work — argon2 — on a busy machine.)
        assert response.status_code == HTTPStatus.FOUND, waited  # logged in
        assert process.poll() is None  # the import is still open
    finally:
        process.kill()
        process.communicate()
    assert Incident.objects.count() == 0  # killed before commit: nothing half-saved
