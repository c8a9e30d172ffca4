"""The change audit trail and the append-only access log."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.contrib import admin
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from samtrygg.accounts.models import Organisation
from samtrygg.core.audit import access_log_record
from samtrygg.core.exceptions import AppendOnlyError
from samtrygg.core.models import AccessLogEntry
from samtrygg.testing.matrix import World, build_world


def test_a_change_through_the_web_is_in_the_audit_trail(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    org = world.organisations["housing"]
    coordinator = client_for("coordinator")
    response = coordinator.post(
        reverse("accounts:organisation_detail", args=[org.pk]),
        {"name": "Bostadsbolaget AB", "kind": org.kind, "is_active": "on"},
    )
    assert response.status_code == 302
    entry = LogEntry.objects.get_for_object(org).order_by("-timestamp").first()
    assert entry is not None
    assert entry.actor == world.user("coordinator")
    assert entry.changes_dict["name"] == ["Bostadsbolaget", "Bostadsbolaget AB"]
    # The auditor reads it on the audit-trail page.
    page = client_for("auditor").get(reverse("core:change_log"), {"person": "test-coordinator"})
    assert "Bostadsbolaget AB" in page.content.decode()


def test_audit_trail_filters(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    Organisation.objects.create(name="Ny AB", code="ny-ab", kind="business")
    page = client_for("auditor").get(reverse("core:change_log"), {"object_type": "accounts.user"})
    table = page.content.decode().split("<table", 1)[1]  # the filter lists every organisation
    assert "Ny AB" not in table
    page = client_for("auditor").get(
        reverse("core:change_log"), {"object_type": "accounts.organisation"}
    )
    assert "Ny AB" in page.content.decode().split("<table", 1)[1]


def test_access_log_records_and_is_shown_to_the_auditor(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    org = world.organisations["police"]
    entry = access_log_record(
        user=world.user("police"), obj=org, reason="case review", action="view"
    )
    assert entry.username == "test-police"
    assert entry.object_type == "accounts.organisation"
    assert entry.object_id == str(org.pk)
    page = client_for("auditor").get(reverse("core:access_log"))
    content = page.content.decode()
    assert "test-police" in content and "case review" in content
    # Reading the access log is itself logged.
    assert AccessLogEntry.objects.filter(username="test-auditor", action="search").exists()


def test_access_log_cannot_be_changed_or_deleted_by_the_application(world: World) -> None:
    entry = access_log_record(user=world.user("police"), object_type="x.y", object_id="1")
    entry.reason = "tampered"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.filter(pk=entry.pk).update(reason="tampered")
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.all().delete()
    entry.refresh_from_db()
    assert entry.reason == ""


def test_access_log_update_is_refused_by_the_database(world: World) -> None:
    entry = access_log_record(user=world.user("police"), object_type="x.y", object_id="1")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_accesslogentry SET reason = %s WHERE id = %s", ["tampered", entry.pk]
        )
    entry.refresh_from_db()
    assert entry.reason == ""


def test_access_log_delete_is_refused_by_the_database(world: World) -> None:
    entry = access_log_record(user=world.user("police"), object_type="x.y", object_id="1")
    for statement, params in [
        ("DELETE FROM core_accesslogentry WHERE id = %s", [entry.pk]),
        ("DELETE FROM core_accesslogentry", []),
    ]:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, params)
    assert AccessLogEntry.objects.filter(pk=entry.pk).exists()


def test_access_log_truncate_is_refused_by_postgresql(world: World) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE exists on PostgreSQL only")
    entry = access_log_record(user=world.user("police"), object_type="x.y", object_id="1")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE core_accesslogentry CASCADE")
    assert AccessLogEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_the_test_runners_flush_still_empties_the_access_log() -> None:
    # The one sanctioned lifting of the guard: a whole-database flush, with the guard back
    # afterwards (the next test's DELETE is refused again).
    user = build_world().user("police")
    access_log_record(user=user, object_type="x.y", object_id="1")
    call_command("flush", interactive=False, verbosity=0)
    assert not AccessLogEntry.objects.exists()
    entry = access_log_record(user=None, object_type="x.y", object_id="2")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_accesslogentry WHERE id = %s", [entry.pk])


def test_access_log_is_read_only_in_the_django_admin(world: World) -> None:
    model_admin = admin.site._registry[AccessLogEntry]
    assert not model_admin.has_add_permission(None)  # type: ignore[arg-type]
    assert not model_admin.has_change_permission(None)  # type: ignore[arg-type]
    assert not model_admin.has_delete_permission(None)  # type: ignore[arg-type]


def test_access_log_record_needs_a_target(world: World) -> None:
    with pytest.raises(ValueError, match="obj= or object_type="):
        access_log_record(user=world.user("police"))
    with pytest.raises(ValueError, match="unknown access action"):
        access_log_record(user=world.user("police"), object_type="x", action="peek")
