"""The data version: database triggers bump it on every write to a table a picture reads,
whoever writes and however (the picture's cache key; see situation/tests/test_data_version.py
for the picture following each write)."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest
from django.db import connection, transaction

from samtrygg.accounts.models import Organisation
from samtrygg.areas.models import Area, AreaPopulation, Place
from samtrygg.incidents.dataversion import WATCHED_TABLES, data_version
from samtrygg.incidents.models import Category, Incident, IncidentArea, PendingImport
from samtrygg.incidents.taxonomy import CATEGORIES
from samtrygg.incidents.tests.test_views import make_incident

pytestmark = pytest.mark.django_db


def _triggers() -> dict[str, set[str]]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT tbl_name, sql FROM sqlite_master "
                "WHERE type = 'trigger' AND name LIKE 'data_version_%'"
            )
            found: dict[str, set[str]] = {}
            for table, sql in cursor.fetchall():
                op = sql.split(" ON ")[0].rsplit(" ", 1)[-1]
                found.setdefault(table, set()).add(op.upper())
            return found
        # PostgreSQL: a constraint trigger deferred to the commit for the row writes, and an
        # immediate statement trigger for TRUNCATE. tgtype bits: 4 insert, 8 delete,
        # 16 update, 32 truncate.
        cursor.execute(
            "SELECT c.relname, t.tgname, t.tgtype, t.tgdeferrable, t.tginitdeferred "
            "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname IN ('data_version_bump', 'data_version_at_commit')"
        )
        names = {4: "INSERT", 8: "DELETE", 16: "UPDATE", 32: "TRUNCATE"}
        found = {}
        for table, name, tgtype, deferrable, deferred in cursor.fetchall():
            ops = {op for bit, op in names.items() if tgtype & bit}
            if name == "data_version_at_commit":
                assert deferrable and deferred, table
            else:
                assert ops == {"TRUNCATE"}, table
                ops = set()
            found.setdefault(table, set()).update(ops)
        return found


def test_every_table_a_picture_reads_bumps_the_version_on_every_write() -> None:
    models = (
        Incident,
        IncidentArea,
        Category,
        Area,
        AreaPopulation,
        Place,
        Organisation,
        PendingImport,
    )
    assert set(WATCHED_TABLES) == {m._meta.db_table for m in models}
    triggers = _triggers()
    for table in WATCHED_TABLES:
        assert triggers.get(table) == {"INSERT", "UPDATE", "DELETE"}, table


def _changes(write: Any) -> bool:
    before = data_version()
    write()
    return data_version() != before


def test_each_kind_of_write_changes_the_version(world) -> None:  # type: ignore[no-untyped-def]
    incident = make_incident(world)
    category = Category.objects.get(code="klotter")
    assert _changes(lambda: make_incident(world))
    assert _changes(lambda: Incident.objects.filter(pk=incident.pk).update(category=category))
    assert _changes(lambda: category.save())
    assert _changes(
        lambda: Organisation.objects.filter(pk=world.organisations["housing"].pk).update(
            name="Bostäder AB"
        )
    )
    with connection.cursor() as cursor:
        assert _changes(lambda: cursor.execute("UPDATE incidents_incident SET description = 'x'"))
    assert _changes(lambda: Incident.objects.filter(pk=incident.pk).delete())
    # Nothing bumps it without a write.
    assert not _changes(lambda: list(Incident.objects.all()))


def test_a_rolled_back_version_is_never_reused(world) -> None:  # type: ignore[no-untyped-def]
    incident = make_incident(world)
    before = data_version()
    rolled_back = None
    with pytest.raises(RuntimeError), transaction.atomic():
        Incident.objects.filter(pk=incident.pk).update(description="ändrad")
        rolled_back = data_version()
        raise RuntimeError
    assert data_version() == before
    Incident.objects.filter(pk=incident.pk).update(description="annan ändring")
    # The same count of bumps, but other data: another version.
    assert data_version() not in {before, rolled_back}


@pytest.mark.django_db(transaction=True)
def test_a_long_writing_transaction_holds_up_no_other_writer(world) -> None:  # type: ignore[no-untyped-def]
    """On PostgreSQL the version is bumped as a transaction commits, so an import running in
    one long transaction does not make a report submitted meanwhile wait for it; the
    version still changes when the import commits."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time")
    # A transactional test's flush takes the categories of the data migration with it.
    for code, name_sv, name_en, group, *_rest in CATEGORIES:
        if code == "brand":
            Category.objects.get_or_create(
                code=code, defaults={"name_sv": name_sv, "name_en": name_en, "group": group}
            )
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    other = psycopg.connect(**params)
    try:
        other.execute(
            "UPDATE accounts_organisation SET name = name || ' ' WHERE id = %s",
            [world.organisations["board"].pk],
        )  # opens a transaction that wrote a watched table, left open
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '2s'")
        make_incident(world)  # would wait for the other transaction and fail after 2 s
        between = data_version()
        other.commit()
    finally:
        other.close()
    assert data_version() != between
