"""Databases for real ``samtrygg serve`` runs (the fault tests): one migrated template with
a few users, copied for each test, on SQLite or on PostgreSQL.

Migrating takes long (a minute on a busy machine), so a template is built once per test
module and each test gets a copy: SQLite's online backup of the file, or PostgreSQL's
``CREATE DATABASE … TEMPLATE``. The tests read the database from outside the server (as
an operator would) through :meth:`ServedDatabase.scalar`.
"""

from __future__ import annotations

import os
import sqlite3
import urllib.parse
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from samtrygg.testing.serving import samtrygg, scratch_env

PASSWORD = "a-long-test-password-1234"  # noqa: S105  (the test users' only)

#: Run in ``samtrygg shell`` on the migrated template: the categories, a municipality with
#: a coordinator and an analyst, a housing company (the import source) with a reporter.
WORLD_SCRIPT = f"""
from samtrygg.accounts.models import Membership, Organisation, OrganisationKind, User
from samtrygg.incidents.taxonomy import install_defaults
install_defaults()
office = Organisation.objects.create(
    name="Stadsledningskontoret", code="slk", kind=OrganisationKind.MUNICIPAL_OFFICE)
housing = Organisation.objects.create(
    name="Bostadsbolaget", code="bostad", kind=OrganisationKind.HOUSING_COMPANY)
for username, organisation, role in (
    ("samordnare", office, "coordinator"),
    ("analytiker", office, "analyst"),
    ("rapportor", housing, "reporter"),
):
    user = User.objects.create_user(username=username, password={PASSWORD!r})
    Membership.objects.create(user=user, organisation=organisation, role=role)
"""


def postgres_server_url() -> str | None:
    """The PostgreSQL server the test suite runs on (its ``DATABASE_URL``), if any."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def _with_database(url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def _admin(url: str) -> Any:
    return psycopg.connect(_with_database(url, "postgres"), autocommit=True)


@dataclass
class ServedDatabase:
    """One test's database: ``env`` runs ``samtrygg`` on it, ``scalar`` reads it."""

    vendor: str
    env: dict[str, str]
    sqlite_file: Path | None = None
    pg_url: str | None = None

    def scalar(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        """The first column of the first row (``None`` when there is no row); ``?`` marks a
        parameter."""
        if self.sqlite_file is not None:
            # Read-only and short: never holds a lock the server would wait for.
            lite = sqlite3.connect(f"file:{self.sqlite_file}?mode=ro", uri=True)
            try:
                row = lite.execute(sql, params).fetchone()
            finally:
                lite.close()
        else:
            assert self.pg_url is not None
            with psycopg.connect(self.pg_url, autocommit=True) as pg:
                # No parameters: none parsed (a LIKE pattern's % stays as it is).
                query: Any = sql.replace("?", "%s")
                row = pg.execute(query, list(params) if params else None).fetchone()
        return None if row is None else row[0]

    def drop(self) -> None:
        if self.pg_url is None:
            return
        name = urllib.parse.urlsplit(self.pg_url).path.lstrip("/")
        with _admin(self.pg_url) as admin:
            # FORCE: a backend of a server killed with SIGKILL may not have noticed yet.
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Template:
    vendor: str
    sqlite_file: Path | None = None
    pg_url: str | None = None

    def copy(self, folder: Path, **extra: str) -> ServedDatabase:
        """A copy of the template for one test, served from ``folder``."""
        if self.sqlite_file is not None:
            env = scratch_env(folder, **extra)
            target = folder / "samtrygg.sqlite3"
            source = sqlite3.connect(self.sqlite_file)
            dest = sqlite3.connect(target)
            with dest:
                source.backup(dest)
            source.close()
            dest.close()
            return ServedDatabase(vendor="sqlite", env=env, sqlite_file=target)
        assert self.pg_url is not None
        template = urllib.parse.urlsplit(self.pg_url).path.lstrip("/")
        name = f"samtrygg_fault_{uuid.uuid4().hex[:12]}"
        with _admin(self.pg_url) as admin:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        url = _with_database(self.pg_url, name)
        env = scratch_env(folder, **{**extra, "DATABASE_URL": url})
        return ServedDatabase(vendor="postgresql", env=env, pg_url=url)

    def drop(self) -> None:
        if self.pg_url is not None:
            ServedDatabase(vendor="postgresql", env={}, pg_url=self.pg_url).drop()


def template_build(vendor: str, folder: Path) -> Template:
    """Migrate a new database and put the users of ``WORLD_SCRIPT`` in it."""
    if vendor == "sqlite":
        env = scratch_env(folder)
        template = Template(vendor="sqlite", sqlite_file=folder / "samtrygg.sqlite3")
    else:
        server = postgres_server_url()
        assert server is not None, "PostgreSQL runs need DATABASE_URL=postgres://…"
        name = f"samtrygg_fault_template_{uuid.uuid4().hex[:8]}"
        with _admin(server) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        url = _with_database(server, name)
        env = scratch_env(folder, DATABASE_URL=url)
        template = Template(vendor="postgresql", pg_url=url)
    try:
        samtrygg(env, "migrate", "--noinput", "-v", "0")
        samtrygg(env, "shell", "-c", WORLD_SCRIPT)
    except BaseException:
        template.drop()
        raise
    return template
