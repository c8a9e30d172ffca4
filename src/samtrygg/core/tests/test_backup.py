"""``samtrygg backup`` and ``samtrygg restore``: a round trip leaves every table equal and
the audit trail unchanged; a damaged archive, a foreign database or a non-empty database is
refused with a clear message."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

import environ
import psycopg
import pytest

from samtrygg.testing.serving import samtrygg, scratch_env

pytestmark = pytest.mark.slow

MAKE_DATA = (
    "from samtrygg.accounts.models import Organisation;"
    "from django.core.files.base import ContentFile;"
    "from django.core.files.storage import default_storage;"
    "Organisation.objects.create(name='Räddningstjänsten', code='rtj', kind='municipal_unit');"
    "default_storage.save('imports/2026/12/händelser.csv', ContentFile(b'a,b\\n1,2\\n'))"
)


def _tables(database: Path) -> dict[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(database) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            # The names come from sqlite_master itself, not from input.
            name: sorted(
                connection.execute(f'SELECT * FROM "{name}"').fetchall(),  # noqa: S608
                key=repr,
            )
            for name in sorted(names)
        }


def _fails(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "samtrygg.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode != 0, done.stdout
    return done.stderr


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "sqlite").startswith("postgres"),
    reason="the SQLite round trip (the PostgreSQL one is below)",
)
def test_sqlite_round_trip(tmp_path: Path) -> None:
    first = tmp_path / "first"
    first.mkdir()
    env = scratch_env(first, DJANGO_SUPERUSER_PASSWORD="a-long-test-password-1234")
    samtrygg(env, "migrate", "--noinput", "-v", "0")
    samtrygg(env, "createsuperuser", "--noinput", "--username", "drift", "--email", "d@x.se")
    samtrygg(env, "shell", "-c", MAKE_DATA)
    before = _tables(first / "samtrygg.sqlite3")
    assert before["auditlog_logentry"], "the audit trail has entries to keep"
    assert any(row for row in before["accounts_organisation"] if "rtj" in row)

    archive = tmp_path / "backup.tar.gz"
    out = samtrygg(env, "backup", "--out", str(archive))
    assert "1 file(s)" in out
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    with tarfile.open(archive) as opened:
        names = opened.getnames()
        manifest = json.loads(opened.extractfile("manifest.json").read())  # type: ignore[union-attr]
    assert names[0] == "manifest.json"
    assert "database.sqlite3" in names and "media/imports/2026/12/händelser.csv" in names
    assert manifest["database"]["vendor"] == "sqlite"
    assert manifest["migrations"]["accounts"].startswith("00")
    assert all(len(f["sha256"]) == 64 for f in manifest["files"].values())

    second = tmp_path / "second"
    second.mkdir()
    env2 = scratch_env(second)
    out = samtrygg(env2, "restore", str(archive))
    assert "Restored" in out
    after = _tables(second / "samtrygg.sqlite3")
    assert after == before  # every table, the audit trail included, row for row
    restored = second / "media" / "imports" / "2026" / "12" / "händelser.csv"
    assert restored.read_bytes() == b"a,b\n1,2\n"

    # A second restore into the now non-empty database is refused without --force …
    assert "not empty" in _fails(env2, "restore", str(archive))
    # … and with --force replaces what is there (a change made since is gone).
    samtrygg(
        env2,
        "shell",
        "-c",
        "from samtrygg.accounts.models import Organisation;"
        "Organisation.objects.filter(code='rtj').delete()",
    )
    samtrygg(env2, "restore", "--force", str(archive))
    assert _tables(second / "samtrygg.sqlite3") == before


def test_a_damaged_or_foreign_archive_is_refused(tmp_path: Path) -> None:
    env = scratch_env(tmp_path)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(damaged, "w:gz") as archive:
        manifest = {
            "format": "samtrygg-backup",
            "version": 1,
            "created_at": "2026-12-06T00:00:00+00:00",
            "database": {"vendor": "sqlite", "member": "database.sqlite3"},
            "migrations": {},
            "files": {"database.sqlite3": {"sha256": "0" * 64, "size": 5}},
        }
        for name, data in (
            ("manifest.json", json.dumps(manifest).encode()),
            ("database.sqlite3", b"hello"),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    assert "checksum mismatch for 'database.sqlite3'" in _fails(env, "restore", str(damaged))

    sneaky = tmp_path / "sneaky.tar.gz"
    with tarfile.open(sneaky, "w:gz") as archive:
        data = json.dumps({**manifest, "files": {}}).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
        info = tarfile.TarInfo("../escape.txt")
        info.size = 1
        archive.addfile(info, io.BytesIO(b"x"))
    assert "unexpected member" in _fails(env, "restore", str(sneaky))
    assert not (tmp_path.parent / "escape.txt").exists()

    other = tmp_path / "other.tar.gz"
    with tarfile.open(other, "w:gz") as archive:
        info = tarfile.TarInfo("hello.txt")
        info.size = 1
        archive.addfile(info, io.BytesIO(b"x"))
    assert "not a Samtrygg backup" in _fails(env, "restore", str(other))
    assert "no such file" in _fails(env, "restore", str(tmp_path / "missing.tar.gz"))


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="PostgreSQL: runs when the suite runs on PostgreSQL (CI's second run)",
)
def test_postgresql_round_trip(tmp_path: Path) -> None:

    config = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    server: dict[str, Any] = {
        "host": config.get("HOST") or "localhost",
        "port": config.get("PORT") or 5432,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
    }
    names = [f"samtrygg_backup_{os.getpid()}_{suffix}" for suffix in ("a", "b")]

    def url(name: str) -> str:
        auth = server["user"] or ""
        if server["password"]:
            auth += f":{server['password']}"
        return f"postgres://{auth}@{server['host']}:{server['port']}/{name}"

    def tables(name: str) -> dict[str, list[tuple[Any, ...]]]:
        with psycopg.connect(dbname=name, **server) as connection:
            found = connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            ).fetchall()
            return {
                table: sorted(
                    connection.execute(f'SELECT * FROM "{table}"').fetchall(),  # noqa: S608
                    key=repr,
                )
                for (table,) in found
            }

    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        first, second = tmp_path / "first", tmp_path / "second"
        first.mkdir()
        second.mkdir()
        env = scratch_env(
            first, DATABASE_URL=url(names[0]), DJANGO_SUPERUSER_PASSWORD="a-long-password-123"
        )
        samtrygg(env, "migrate", "--noinput", "-v", "0")
        samtrygg(env, "createsuperuser", "--noinput", "--username", "drift", "--email", "d@x.se")
        samtrygg(env, "shell", "-c", MAKE_DATA)
        before = tables(names[0])
        assert before["auditlog_logentry"]
        archive = tmp_path / "backup.tar.gz"
        samtrygg(env, "backup", "--out", str(archive))
        env2 = scratch_env(second, DATABASE_URL=url(names[1]))
        samtrygg(env2, "restore", str(archive))
        assert tables(names[1]) == before
        assert "not empty" in _fails(env2, "restore", str(archive))
        samtrygg(env2, "restore", "--force", str(archive))
        assert tables(names[1]) == before
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
