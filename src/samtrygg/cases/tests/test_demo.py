"""The case demo, and the proof that no identity reaches the database in clear text: the
demo is built into a fresh SQLite file (and, on PostgreSQL, a fresh database that is then
dumped with pg_dump), and every byte is searched for every demo personnummer and name."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from django.utils import timezone

from samtrygg.accounts import demo as accounts_demo
from samtrygg.accounts.models import User
from samtrygg.cases import demo as cases_demo
from samtrygg.cases.demo.data import CASES
from samtrygg.cases.models import Case, CaseStub, Consent, Disclosure, PlanAction
from samtrygg.core.demo_support import DemoContext
from samtrygg.core.permissions import permissions_for

BUILD_DEMO = """
import io, django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from samtrygg.accounts import demo as accounts_demo
from samtrygg.cases import demo as cases_demo
from samtrygg.core.demo_support import DemoContext
from django.db import connection, transaction
ctx = DemoContext(out=io.StringIO())
with transaction.atomic():
    accounts_demo.build(ctx)
with transaction.atomic():
    cases_demo.build(ctx)
connection.close()
"""


def secrets() -> set[bytes]:
    """Every identity of the demo in the forms it could be written in, and some case texts."""
    found: set[str] = set()
    for spec in CASES:
        for person in (spec.subject, *spec.guardians):
            found.add(person.name)
            if person.identity_number:
                digits = person.identity_number
                found |= {digits, f"{digits[:8]}-{digits[8:]}", f"{digits[2:8]}-{digits[8:]}"}
                found.add(digits[2:])
            found |= {value for value in (person.phone, person.email) if value}
        found |= set(spec.notes) | set(spec.goals)
    return {s.encode() for s in found}


def scan(data: bytes) -> list[bytes]:
    return sorted(s for s in secrets() if s in data)


def build_in_subprocess(database_url: str) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "samtrygg.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", BUILD_DEMO],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.mark.django_db
def test_the_demo_cases() -> None:
    ctx = DemoContext(out=io.StringIO())
    accounts_demo.build(ctx)
    cases_demo.build(ctx)
    assert Case.objects.count() == len(CASES) - 1  # one long-closed case deleted
    assert CaseStub.objects.count() == 1
    assert Case.objects.get(legal_hold=True).status == "closed"
    assert Consent.objects.filter(withdrawn_on__isnull=False).exists()
    overdue = PlanAction.objects.filter(done_on__isnull=True, due_on__lt=timezone.localdate())
    assert overdue.exists()
    assert {d.basis.code for d in Disclosure.objects.all()} >= {"consent", "osl-10-18a"}

    def visible(username: str) -> set[str]:
        user = User.objects.get(username=username)
        cases = permissions_for(user).filter_viewable(Case.objects.all())
        return set(cases.values_list("programme", flat=True))

    assert visible("handlaggare") == {"sspf", "victim_support"}
    assert visible("avhopp") == {"exit_programme"}
    assert visible("polis") == {"sspf", "exit_programme"}  # where consent covers the police
    assert visible("samordnare") == visible("granskare") == set()
    logins = {login.username for login in ctx.logins}
    assert {"handlaggare", "avhopp"} <= logins
    before = Case.objects.count()
    cases_demo.build(ctx)
    assert Case.objects.count() == before


@pytest.mark.slow
def test_no_identity_in_the_sqlite_file(tmp_path: Path) -> None:
    database = tmp_path / "demo.sqlite3"
    build_in_subprocess(f"sqlite:///{database}")
    files = [p for p in tmp_path.iterdir() if p.name.startswith("demo.sqlite3")]
    data = b"".join(p.read_bytes() for p in files)
    assert b"SSPF-" in data  # the demo is there (its pseudonymous references)
    assert scan(data) == []


@pytest.mark.slow
def test_no_identity_in_a_postgresql_dump(tmp_path: Path) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the test database is not PostgreSQL (CI's second run dumps one)")
    if shutil.which("pg_dump") is None:
        if os.environ.get("SAMTRYGG_REQUIRE_TOOLS") == "1":
            pytest.fail("pg_dump not found (apt install postgresql-client)")
        pytest.skip("pg_dump not found")
    settings_dict = connection.settings_dict
    name = f"{settings_dict['NAME']}_scan_{os.getpid()}"
    host, port = settings_dict.get("HOST") or "127.0.0.1", settings_dict.get("PORT") or "5432"
    user, password = settings_dict.get("USER") or "postgres", settings_dict.get("PASSWORD") or ""
    admin = psycopg.connect(
        host=host, port=port, user=user, password=password, dbname="postgres", autocommit=True
    )
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        credentials = f"{user}:{password}@" if password else f"{user}@"
        build_in_subprocess(f"postgres://{credentials}{host}:{port}/{name}")
        dump = subprocess.run(
            ["pg_dump", "-h", host, "-p", str(port), "-U", user, name],
            env={**os.environ, "PGPASSWORD": password},
            capture_output=True,
            timeout=300,
            check=True,
        ).stdout
        assert b"SSPF-" in dump
        assert scan(dump) == []
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
