"""A published version cannot be changed through any path: model, queryset, raw SQL
(the database trigger, SQLite and PostgreSQL), services, pages, the API and the admin."""

from __future__ import annotations

import json

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse

from samtrygg.core.exceptions import AppendOnlyError
from samtrygg.situation import services
from samtrygg.situation.models import (
    EventOutcome,
    ReportAction,
    ReportEvent,
    SituationVersion,
    VersionAsset,
    VersionWithdrawal,
)
from samtrygg.situation.tests.factories import ReportFactory
from samtrygg.testing.matrix import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(world):  # type: ignore[no-untyped-def]
    report = ReportFactory.create_signed(world)
    return services.report_publish(actor=world.user("coordinator"), report=report)


def _snapshot(version: SituationVersion) -> tuple:  # type: ignore[type-arg]
    fresh = SituationVersion.objects.get(pk=version.pk)
    assets = {a.name: bytes(a.data) for a in fresh.assets.all()}
    return (
        fresh.title,
        json.dumps(fresh.figures, sort_keys=True),
        json.dumps(fresh.public, sort_keys=True),
        json.dumps(fresh.sections, sort_keys=True),
        json.dumps(fresh.signatures, sort_keys=True),
        fresh.content_hash,
        assets,
    )


def test_model_and_queryset_refuse(version) -> None:  # type: ignore[no-untyped-def]
    before = _snapshot(version)
    version.title = "Ändrad"
    with pytest.raises(AppendOnlyError):
        version.save()
    with pytest.raises(AppendOnlyError):
        version.delete()
    with pytest.raises(AppendOnlyError):
        SituationVersion.objects.filter(pk=version.pk).update(title="Ändrad")
    with pytest.raises(AppendOnlyError):
        SituationVersion.objects.filter(pk=version.pk).delete()
    with pytest.raises(AppendOnlyError):
        SituationVersion.objects.bulk_update([version], ["title"])
    asset = version.assets.first()
    asset.data = b"x"
    with pytest.raises(AppendOnlyError):
        asset.save()
    with pytest.raises(AppendOnlyError):
        VersionAsset.objects.filter(version=version).update(data=b"x")
    # the report cannot be deleted from under its versions
    with pytest.raises(ProtectedError):
        version.report.delete()
    assert _snapshot(version) == before


@pytest.mark.parametrize(
    "table, column",
    [
        ("situation_situationversion", "title"),
        ("situation_versionasset", "name"),
        ("situation_reportevent", "message"),
    ],
)
def test_database_trigger_refuses_updates(version, table, column) -> None:  # type: ignore[no-untyped-def]
    before = _snapshot(version)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {column} = 'x'")  # noqa: S608
    # the base manager bypasses the application guard; the database still refuses
    with pytest.raises(DatabaseError), transaction.atomic():
        SituationVersion._base_manager.filter(pk=version.pk).update(title="x")
    assert _snapshot(version) == before


def test_withdrawal_row_is_frozen_too(version, world) -> None:  # type: ignore[no-untyped-def]
    withdrawal = services.version_withdraw(
        actor=world.user("coordinator"), version=version, reason="Fel i underlaget."
    )
    withdrawal.reason = "Annat"
    with pytest.raises(AppendOnlyError):
        withdrawal.save()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE situation_versionwithdrawal SET reason = 'x'")


def test_services_leave_versions_alone(version, world) -> None:  # type: ignore[no-untyped-def]
    before = _snapshot(version)
    report = version.report
    analyst = world.user("analyst")
    services.report_section_update(actor=analyst, report=report, kind="analysis", body="Ny text")
    report.refresh_from_db()
    services.report_update(
        actor=analyst,
        report=report,
        title="Nytt namn",
        period_kind="month",
        period_start=report.period_start,
        period_end=report.period_end,
    )
    services.version_withdraw(actor=world.user("coordinator"), version=version, reason="Test")
    with pytest.raises(services.PublishingRefused):
        services.version_unpublish_refuse(actor=world.user("coordinator"), version=version)
    assert _snapshot(version) == before
    event = ReportEvent.objects.filter(report=report, outcome=EventOutcome.REFUSED).first()
    assert event is not None and event.action == ReportAction.WITHDRAW


def test_pages_cannot_change_a_version(version, world) -> None:  # type: ignore[no-untyped-def]
    before = _snapshot(version)
    client = login(Client(), world.user("coordinator"))
    for name in ("situation:version_detail", "situation:version_pdf"):
        response = client.post(reverse(name, args=[version.pk]), {"title": "Ändrad"})
        assert response.status_code == 405
    response = client.post(
        reverse("situation:version_asset", args=[version.pk, "choropleth.png"]), {"data": "x"}
    )
    assert response.status_code == 405
    # editing the report's section through its page makes a new draft, not a new version text
    response = client.post(
        reverse("situation:section_edit", args=[version.report_id, "summary"]),
        {"body": "Ändrad sammanfattning"},
    )
    assert response.status_code == 302
    assert _snapshot(version) == before
    assert not VersionWithdrawal.objects.exists()


def test_api_cannot_change_a_version(version, world) -> None:  # type: ignore[no-untyped-def]
    before = _snapshot(version)
    client = login(Client(), world.user("coordinator"))
    url = reverse("api:v1:situation-report-detail", args=[version.pk])
    assert client.get(url).status_code == 200
    for method in ("put", "patch", "delete"):
        response = getattr(client, method)(
            url, data=json.dumps({"title": "x"}), content_type="application/json"
        )
        assert response.status_code == 405, method
        # The refusal names only the methods that work (the refused ones are routed only to
        # record the attempt).
        assert response["Allow"] == "GET, HEAD, OPTIONS", method
    assert client.options(url)["Allow"] == "GET, HEAD, OPTIONS"
    assert _snapshot(version) == before
    refused = ReportEvent.objects.filter(
        report=version.report, action=ReportAction.WITHDRAW, outcome=EventOutcome.REFUSED
    )
    assert refused.count() == 3
    list_url = reverse("api:v1:situation-report-list")
    assert client.post(list_url, {"title": "x"}).status_code == 405


def test_admin_is_read_only(version, world) -> None:  # type: ignore[no-untyped-def]
    admin_user = world.user("coordinator")
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client = login(Client(), admin_user)
    before = _snapshot(version)
    url = reverse("admin:situation_situationversion_change", args=[version.pk])
    response = client.post(url, {"title": "Ändrad"})
    assert response.status_code == 403
    delete = reverse("admin:situation_situationversion_delete", args=[version.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert _snapshot(version) == before
