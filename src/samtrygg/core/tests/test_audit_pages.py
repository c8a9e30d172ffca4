"""The auditor's pages read as a data-protection officer needs them: Swedish words, labelled
values, local time, full text, filters, CSV exports (themselves logged), one person's reads
and one record's history."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from samtrygg.accounts.models import Organisation, OrganisationKind
from samtrygg.core.audit import access_log_record
from samtrygg.core.models import AccessAction, AccessLogEntry
from samtrygg.core.trail import describe_entries, object_ref
from samtrygg.incidents.models import Incident
from samtrygg.incidents.tests.test_views import make_incident
from samtrygg.testing.matrix import World


def _change_kind_and_parent(world: World) -> Organisation:
    org = world.organisations["housing"]
    org.kind = OrganisationKind.BUSINESS
    org.parent = world.organisations["municipality"]
    org.contact_email = "x" * 200 + "@example.org"  # long, within the field's 254
    org.save()
    return org


def test_a_change_reads_in_swedish_with_labelled_values(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    org = _change_kind_and_parent(world)
    page = client_for("auditor").get(
        reverse("core:change_log"), {"object_type": "accounts.organisation"}
    )
    html = page.content.decode()
    # The model and its fields by their Swedish names, the action in Swedish.
    assert "Organisation" in html and "Ändrad" in html
    assert "Typ" in html and "Överordnad organisation" in html
    # Choices by their labels, a foreign key by the object's name, never "None".
    assert "Bostadsbolag → Näringsliv" in html
    assert "— → Stadsledningskontoret" in html
    assert "None" not in html and "update" not in html
    # The full text, not cut.
    assert "x" * 200 + "@example.org" in html
    # Local (Stockholm) time.
    entry = LogEntry.objects.get_for_object(org).latest("timestamp")
    assert timezone.localtime(entry.timestamp).strftime("%Y-%m-%d %H:%M:%S") in html


def test_a_record_the_reader_may_not_open_is_shown_by_reference(world: World) -> None:
    auditor = world.user("auditor")
    make_incident(world, org="police", classification="restricted", description="Hemligt")
    incident = Incident.objects.get(description="Hemligt")
    hidden = object_ref(Incident, str(incident.pk), obj=incident, user=auditor)
    assert hidden.reference == f"#{incident.pk}" and hidden.url == ""
    assert hidden.type_label == "Händelse"
    seen = object_ref(Incident, str(incident.pk), obj=incident, user=world.user("police"))
    assert seen.reference == str(incident)
    # People and organisations are named to every reader of the logs.
    other = world.organisations["police"]
    named = object_ref(Organisation, str(other.pk), obj=other, user=auditor)
    assert named.reference == "Lokalpolisområdet" and named.url == ""
    police = world.user("police")
    police.first_name, police.last_name = "Petra", "Polis"
    person = object_ref(type(police), str(police.pk), obj=police, user=auditor)
    assert person.reference == "Petra Polis (test-police)"


def test_created_records_show_no_before_value(world: World) -> None:
    Organisation.objects.create(name="Ny förening", code="ny-forening", kind="association")
    entry = LogEntry.objects.filter(object_repr="Ny förening").get()
    [row] = describe_entries([entry], user=world.user("auditor"))
    assert row.action == "Skapad"
    kind = next(c for c in row.changes if c.field == "Typ")
    assert kind.old == "" and kind.new == "Förening (civilsamhälle)"


def test_audit_trail_filters_by_organisation_action_and_period(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    _change_kind_and_parent(world)
    LogEntry.objects.filter(actor__isnull=True).update(actor=world.user("coordinator"))
    auditor = client_for("auditor")
    url = reverse("core:change_log")
    municipality = world.organisations["municipality"].pk
    police = world.organisations["police"].pk
    assert "Näringsliv" in auditor.get(url, {"organisation": municipality}).content.decode()
    assert "Näringsliv" not in auditor.get(url, {"organisation": police}).content.decode()
    assert "Näringsliv" in auditor.get(url, {"action": "1"}).content.decode()
    assert "Näringsliv" not in auditor.get(url, {"action": "2"}).content.decode()
    today = timezone.localdate().isoformat()
    assert "Näringsliv" in auditor.get(url, {"since": today, "until": today}).content.decode()
    assert "Näringsliv" not in auditor.get(url, {"until": "2020-01-01"}).content.decode()


def _csv(response) -> list[list[str]]:  # type: ignore[no-untyped-def]
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def test_audit_trail_csv_is_swedish_and_its_export_is_logged(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    _change_kind_and_parent(world)
    response = client_for("auditor").get(
        reverse("core:change_log_export"), {"object_type": "accounts.organisation"}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv(response)
    assert rows[0][:2] == ["När", "Vem"] and rows[0][3:] == [
        "Posttyp",
        "Post",
        "Fält",
        "Före",
        "Efter",
    ]
    assert any(r[5] == "Typ" and r[6] == "Bostadsbolag" and r[7] == "Näringsliv" for r in rows)
    entry = AccessLogEntry.objects.get(action=AccessAction.EXPORT, username="test-auditor")
    assert entry.object_type == "auditlog.logentry"
    assert entry.reason.startswith("CSV-export") and "accounts.organisation" in entry.reason


def test_access_log_per_person_and_per_record(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    police_org = world.organisations["police"]
    access_log_record(user=world.user("police"), obj=police_org, reason="granskning")
    access_log_record(
        user=world.user("analyst"),
        object_type="accounts.organisation",
        object_repr="3 poster",
        object_ids=[1, police_org.pk, 999],
    )
    access_log_record(user=world.user("analyst"), object_type="accounts.organisation")
    auditor = client_for("auditor")
    person = auditor.get(reverse("core:person_reads", args=[world.user("police").pk]))
    html = person.content.decode()
    assert "granskning" in html and "3 poster" not in html
    assert "Läste" in html
    record = auditor.get(
        reverse("core:object_history", args=["accounts.organisation", police_org.pk])
    )
    html = record.content.decode()
    # The read of the record itself and the list that held it; not the other list.
    assert "granskning" in html and "3 poster" in html
    assert f"object_type=accounts.organisation&amp;object_id={police_org.pk}" in html
    assert html.count("test-analyst") == 1
    # Each of those pages is itself in the access log, in Swedish.
    own = AccessLogEntry.objects.filter(username="test-auditor", action=AccessAction.SEARCH)
    assert own.count() == 2
    assert {e.reason.split(":")[0] for e in own} == {
        "Läsningar av en person",
        "Läsningar av en post",
    }


def test_access_log_csv_and_filters(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    access_log_record(user=world.user("police"), object_type="incidents.incident", object_id="7")
    access_log_record(
        user=world.user("analyst"), object_type="cases.case", object_id="3", action="export"
    )
    auditor = client_for("auditor")
    url = reverse("core:access_log")
    html = auditor.get(url, {"action": "export"}).content.decode()
    assert "test-analyst" in html and "test-police" not in html
    html = auditor.get(url, {"organisation": world.organisations["police"].pk}).content.decode()
    assert "test-police" in html and "test-analyst" not in html
    html = auditor.get(url, {"object_type": "cases.case"}).content.decode()
    assert "Ärende" in html and "test-police" not in html
    rows = _csv(auditor.get(reverse("core:access_log_export"), {"person": "police"}))
    assert rows[0][:3] == ["När", "Vem", "Användarnamn"]
    assert [r[2] for r in rows[1:]] == ["test-police"]
    assert rows[1][4] == "Händelse"
    assert AccessLogEntry.objects.filter(username="test-auditor", action="export").exists()


def test_local_time_in_the_access_log(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    entry = access_log_record(user=world.user("police"), object_type="cases.case", object_id="1")
    html = client_for("auditor").get(reverse("core:access_log")).content.decode()
    local = timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S")
    assert local in html
    # Stockholm is one or two hours ahead of UTC: the UTC time is not shown.
    assert entry.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S") not in html
    assert datetime.now(UTC)  # the test runs with aware datetimes
