"""Backup and restore: the database and the uploaded files in one archive.

``samtrygg backup --out FILE`` writes a gzip-compressed tar archive holding

- ``manifest.json``: the format version, when, which database engine, the last migration
  of every app, and the SHA-256 and size of every other member;
- ``database.sqlite3`` (SQLite's online backup API: a consistent copy while the server
  runs) or ``database.pgdump`` (``pg_dump --format=custom``);
- ``media/…``: the uploaded files (``MEDIA_ROOT``).

``samtrygg restore FILE`` checks every checksum first, then loads the database into an
empty database (a non-empty one is refused unless ``--force``) and puts the files back.
A restore copies the database as it was, below Django: no model is saved, so no audit
entry is added and the audit trail is exactly the one in the backup.

The archive holds personal data (and the case data, encrypted under ``CASE_DATA_KEY``,
which is *not* in it): it is written readable by its owner only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "samtrygg-backup"
VERSION = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.pgdump"
MEDIA_PREFIX = "media/"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    vendor: str
    files: int
    size: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def _postgres_env(db: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore; the password goes in the environment,
    never on the command line (where other users could read it)."""
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise BackupError(
            f"{command[0]} not found: install the PostgreSQL client (Debian: postgresql-client)"
        ) from None
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[:2000]}")


def _dump_database(folder: Path) -> tuple[str, Path]:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        target = folder / SQLITE_MEMBER
        source = sqlite3.connect(str(db["NAME"]))
        copy = sqlite3.connect(str(target))
        try:
            with copy:
                source.backup(copy)
        finally:
            copy.close()
            source.close()
        return "sqlite", target
    if connection.vendor == "postgresql":
        target = folder / POSTGRES_MEMBER
        args, env = _postgres_env(db)
        _run(
            [
                "pg_dump",
                *args,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(target),
                str(db["NAME"]),
            ],
            env,
        )
        return "postgresql", target
    raise BackupError(f"backups of {connection.vendor} databases are not supported")


def _media_files() -> Iterator[tuple[str, Path]]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield MEDIA_PREFIX + path.relative_to(root).as_posix(), path


def _migrations() -> dict[str, str]:
    last: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        last[app] = max(last.get(app, ""), name)
    return dict(sorted(last.items()))


def backup_create(*, out: Path) -> BackupSummary:
    """Write the archive to ``out`` (atomically: a failed backup leaves no partial file)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="samtrygg-backup-") as tmp:
        vendor, dump = _dump_database(Path(tmp))
        members: list[tuple[str, Path]] = [(dump.name, dump), *_media_files()]
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database": {"vendor": vendor, "member": dump.name},
            "migrations": _migrations(),
            "files": {
                name: {"sha256": _sha256(path), "size": path.stat().st_size}
                for name, path in members
            },
        }
        partial = out.with_name(f".{out.name}.partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
            data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mode = 0o600
            archive.addfile(info, io.BytesIO(data))
            for name, path in members:
                archive.add(str(path), arcname=name, recursive=False)
        partial.replace(out)
    return BackupSummary(path=out, vendor=vendor, files=len(members) - 1, size=out.stat().st_size)


# --- restore ---------------------------------------------------------------------------
def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == path.as_posix()


def _read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = archive.getmember(MANIFEST)
        handle = archive.extractfile(member)
        manifest = json.loads(handle.read()) if handle is not None else None
    except (KeyError, ValueError) as exc:
        raise BackupError(f"not a Samtrygg backup (no readable {MANIFEST}: {exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("not a Samtrygg backup (wrong manifest format)")
    if manifest.get("version") != VERSION:
        raise BackupError(f"backup format version {manifest.get('version')} is not supported")
    return manifest


def _extract_checked(archive: tarfile.TarFile, manifest: dict[str, Any], folder: Path) -> None:
    """Extract every listed member to ``folder``, refusing anything not in the manifest,
    any unsafe name, and any checksum or size that does not match."""
    expected: dict[str, dict[str, Any]] = manifest.get("files", {})
    seen = set()
    for member in archive.getmembers():
        if member.name == MANIFEST:
            continue
        if member.name not in expected or not member.isfile() or not _safe_name(member.name):
            raise BackupError(f"unexpected member in the backup: {member.name!r}")
        target = folder / member.name
        target.parent.mkdir(parents=True, exist_ok=True)
        source = archive.extractfile(member)
        if source is None:
            raise BackupError(f"cannot read {member.name!r} from the backup")
        with target.open("wb") as out:
            shutil.copyfileobj(source, out, CHUNK)
        want = expected[member.name]
        if target.stat().st_size != want["size"] or _sha256(target) != want["sha256"]:
            raise BackupError(f"checksum mismatch for {member.name!r}: the backup is damaged")
        seen.add(member.name)
    missing = set(expected) - seen
    if missing:
        raise BackupError(f"the backup lacks {len(missing)} listed file(s), e.g. {min(missing)!r}")


def database_is_empty() -> bool:
    """No tables at all (a new SQLite file or a new PostgreSQL database)."""
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def _restore_sqlite(dump: Path) -> None:
    connections.close_all()
    target = sqlite3.connect(str(connection.settings_dict["NAME"]))
    source = sqlite3.connect(str(dump))
    try:
        # The backup API copies page by page into the live file and its WAL: a running
        # reader never sees a half-replaced file (unlike copying the file over it).
        source.backup(target)
    finally:
        source.close()
        target.close()


def _drop_postgres_schema() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE")
        cursor.execute("CREATE SCHEMA public")
    connections.close_all()


def _restore_postgres(dump: Path) -> None:
    db = connection.settings_dict
    args, env = _postgres_env(db)
    connections.close_all()
    _run(
        [
            "pg_restore",
            *args,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--dbname",
            str(db["NAME"]),
            str(dump),
        ],
        env,
    )


def backup_restore(*, path: Path, force: bool = False) -> dict[str, Any]:
    """Restore the archive at ``path``; returns its manifest."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"no such file: {path}")
    with tempfile.TemporaryDirectory(prefix="samtrygg-restore-") as tmp:
        folder = Path(tmp)
        try:
            with tarfile.open(path, mode="r:gz") as archive:
                manifest = _read_manifest(archive)
                _extract_checked(archive, manifest, folder)
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise BackupError(f"cannot read the backup: {exc}") from None
        vendor = manifest["database"]["vendor"]
        if vendor != connection.vendor:
            raise BackupError(
                f"the backup is of a {vendor} database; this installation uses "
                f"{connection.vendor} (DATABASE_URL)"
            )
        if not database_is_empty():
            if not force:
                raise BackupError(
                    "the database is not empty: restore into a new, empty database, or give "
                    "--force to replace everything in it"
                )
            if vendor == "postgresql":
                _drop_postgres_schema()
        dump = folder / manifest["database"]["member"]
        if vendor == "sqlite":
            _restore_sqlite(dump)
        else:
            _restore_postgres(dump)
        media_root = Path(settings.MEDIA_ROOT)
        for name in manifest["files"]:
            if name.startswith(MEDIA_PREFIX):
                target = media_root / name.removeprefix(MEDIA_PREFIX)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(folder / name, target)
    return manifest
