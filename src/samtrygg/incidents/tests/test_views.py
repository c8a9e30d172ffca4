"""The report form, my reports, handling and feedback, lists, exports and their access log,
the API, categories and the import pages — with the outsider refused."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.utils import OperationalError
from django.urls import reverse
from django.utils import timezone

from samtrygg.core.housekeeping import housekeeping_run
from samtrygg.core.models import AccessLogEntry
from samtrygg.incidents import selectors, services
from samtrygg.incidents.models import Category, ImportJob, Incident, PoliceTypeMapping
from samtrygg.incidents.retention import import_files_purge
from samtrygg.testing.matrix import World

pytestmark = pytest.mark.django_db


def local(minutes_ago: int = 60) -> str:
    return (timezone.localtime() - dt.timedelta(minutes=minutes_ago)).strftime("%Y-%m-%dT%H:%M")


def report_data(**changes: Any) -> dict[str, Any]:
    data = {
        "category": Category.objects.get(code="klotter").pk,
        "occurred_from": local(),
        "lon": "16.52",
        "lat": "59.61",
        "description": "Klotter på fasaden vid entrén",
        "classification": "internal",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def make_incident(world: World, org: str = "housing", **fields: Any) -> Incident:
    when = timezone.now() - dt.timedelta(days=2)
    values = {
        "occurred_from": when,
        "occurred_to": when,
        "reported_at": when,
        "category": Category.objects.get(code="brand"),
        "lon": 16.52,
        "lat": 59.61,
        "x": 585000.0,
        "y": 6609000.0,
        "precision": "exact",
        "source_organisation": world.organisations[org],
        "source_system": "import",
        "classification": "internal",
        "description": "Brand i container",
    }
    values.update(fields)
    return Incident.objects.create(**values)


def test_reporter_files_a_report_and_sees_it_with_feedback(world, areas, client_for) -> None:  # type: ignore[no-untyped-def]
    reporter = client_for("reporter")
    page = reporter.get(reverse("incidents:report"))
    assert page.status_code == 200 and b'id="report-map"' in page.content
    response = reporter.post(reverse("incidents:report"), report_data())
    assert response.status_code == 302 and response["Location"] == reverse("incidents:my_reports")
    incident = Incident.objects.get()
    assert incident.created_by == world.user("reporter")
    assert incident.source_organisation == world.organisations["housing"]
    assert incident.precision == "exact" and incident.source_system == "form"
    assert list(incident.areas.values_list("code", flat=True)) == ["test-west"]
    mine = reporter.get(reverse("incidents:my_reports"))
    assert "Klotter" in mine.content.decode() and "Ny" in mine.content.decode()
    # The coordinator answers; the reporter sees the answer.
    coordinator = client_for("coordinator")
    answer = coordinator.post(
        reverse("incidents:incident_feedback", args=[incident.pk]),
        {"status": "action_taken", "feedback": "Klottret är sanerat."},
    )
    assert answer.status_code == 302
    incident.refresh_from_db()
    assert incident.status == "action_taken" and incident.feedback_by == world.user("coordinator")
    mine = reporter.get(reverse("incidents:my_reports")).content.decode()
    assert "Klottret är sanerat." in mine and "Åtgärdad" in mine
    # The police may read it but not handle it; the outsider does not even see it.
    assert (
        client_for("police")
        .post(reverse("incidents:incident_feedback", args=[incident.pk]), {"status": "closed"})
        .status_code
        == 403
    )
    assert (
        client_for("outsider")
        .get(reverse("incidents:incident_detail", args=[incident.pk]))
        .status_code
        == 404
    )


def test_personal_data_is_refused_with_a_masked_reason(world, client_for) -> None:  # type: ignore[no-untyped-def]
    reporter = client_for("reporter")
    response = reporter.post(
        reverse("incidents:report"),
        report_data(description="Kalle, pnr 19121212-1212, ring 070-123 45 67"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "19******-****" in page and "070-*** ** 67" in page
    assert "1212-1212" not in page.split("<textarea")[0]  # only echoed back in the text box
    assert Incident.objects.count() == 0
    response = reporter.post(
        reverse("incidents:report"), report_data(address="mejla a@b.se", lon="", lat="")
    )
    assert "a***@b.se" in response.content.decode() and Incident.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"lon": "", "lat": ""}, "Markera platsen"),
        ({"occurred_from": local(-180)}, "framtiden"),
        ({"occurred_to": local(120)}, "före början"),
        ({"lon": "12.0", "lat": "50.0"}, "inte i Sverige"),
    ],
)
def test_report_form_errors(world, client_for, changes, message) -> None:  # type: ignore[no-untyped-def]
    response = client_for("reporter").post(reverse("incidents:report"), report_data(**changes))
    assert response.status_code == 200 and message in response.content.decode()
    assert Incident.objects.count() == 0


def test_address_only_report(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client_for("reporter").post(
        reverse("incidents:report"), report_data(lon="", lat="", address="Vasaparken")
    )
    incident = Incident.objects.get()
    assert incident.precision == "address" and incident.x is None
    assert not Incident.objects.mappable().exists()


def test_visibility_by_role(world) -> None:  # type: ignore[no-untyped-def]
    internal = make_incident(world)
    open_ = make_incident(world, classification="open")
    restricted = make_incident(world, org="police", classification="restricted")
    other = make_incident(world, org="outsider")
    own = make_incident(world, org="outsider", created_by=world.user("reporter"))

    def visible(actor: str) -> set[int]:
        return set(selectors.incident_list(user=world.user(actor)).values_list("pk", flat=True))

    everything = {internal.pk, open_.pk, restricted.pk, other.pk, own.pk}
    assert visible("police") == everything
    assert visible("coordinator") == everything - {restricted.pk}
    assert visible("analyst") == everything - {restricted.pk}
    assert visible("council_member") == {open_.pk}
    assert visible("reporter") == {internal.pk, open_.pk, own.pk}
    assert visible("outsider") == {other.pk, own.pk}
    assert visible("case_worker") == set() and visible("auditor") == set()
    # An analyst granted police data reads restricted rows too.
    membership = world.user("analyst").memberships.get()
    membership.police_data = True
    membership.save()
    from samtrygg.core.permissions import Permissions

    analyst = world.user("analyst")
    analyst._samtrygg_permissions = Permissions(analyst)
    assert restricted.pk in set(selectors.incident_list(user=analyst).values_list("pk", flat=True))


def test_restricted_reads_and_exports_are_logged(world, client_for) -> None:  # type: ignore[no-untyped-def]
    restricted = make_incident(
        world, org="police", classification="restricted", description="Polisens uppgift"
    )
    make_incident(world)
    police = client_for("police")
    assert police.get(reverse("incidents:incident_detail", args=[restricted.pk])).status_code == 200
    entry = AccessLogEntry.objects.get()
    assert entry.object_id == str(restricted.pk) and entry.action == "view"
    police.get(reverse("incidents:incident_list"))
    assert AccessLogEntry.objects.filter(action="search").count() == 1
    export = police.get(reverse("api:v1:incident-export", kwargs={"fmt": "csv"}))
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "Polisens uppgift" in body
    logged = AccessLogEntry.objects.get(action="export")
    assert logged.object_repr.endswith("varav 1 begränsad")
    assert logged.object_ids == f",{restricted.pk},"
    # The analyst (no police data) exports without the restricted row: the export is
    # logged (every export is) and names no restricted row.
    analyst = client_for("analyst")
    body = b"".join(
        analyst.get(reverse("api:v1:incident-export", kwargs={"fmt": "csv"})).streaming_content
    ).decode("utf-8-sig")
    assert "Polisens uppgift" not in body and "Brand i container" in body
    analyst_export = AccessLogEntry.objects.get(action="export", username="test-analyst")
    assert analyst_export.object_ids == "" and analyst_export.object_repr.endswith("0 begränsade")


def test_exports_never_give_points_for_coarse_locations(world, areas, client_for) -> None:  # type: ignore[no-untyped-def]
    exact = make_incident(world, description="=HYPERLINK(x)")
    exact.areas.add(areas["west"])
    make_incident(world, precision="municipality", lon=16.5448, lat=59.6099, description="Centroid")
    client = client_for("coordinator")
    response = client.get(
        reverse("api:v1:incident-export", kwargs={"fmt": "csv"}), {"category": "brand"}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    by_description = {r["description"]: r for r in rows}
    assert by_description["Centroid"]["lon"] == "" and by_description["Centroid"]["x"] == ""
    formula = by_description["'=HYPERLINK(x)"]
    assert formula["lon"] == "16.52" and formula["areas"] == "test-west"
    geo = client.get(reverse("api:v1:incident-export", kwargs={"fmt": "geojson"}))
    document = json.loads(b"".join(geo.streaming_content))
    geometries = {f["properties"]["precision"]: f["geometry"] for f in document["features"]}
    assert geometries["municipality"] is None
    assert geometries["exact"] == {"type": "Point", "coordinates": [16.52, 59.61]}
    # The API hides the centroid too.
    listed = client.get(reverse("api:v1:incident-list"), {"precision": "municipality"}).json()
    assert listed["count"] == 1 and listed["results"][0]["lon"] is None
    assert client.get(reverse("api:v1:incident-export", kwargs={"fmt": "xls"})).status_code == 404


def test_api_filters_and_create(world, areas, client_for) -> None:  # type: ignore[no-untyped-def]
    make_incident(world)
    make_incident(
        world,
        category=Category.objects.get(code="klotter"),
        occurred_from=timezone.now() - dt.timedelta(days=40),
        occurred_to=timezone.now() - dt.timedelta(days=40),
    )
    client = client_for("analyst")
    url = reverse("api:v1:incident-list")
    assert client.get(url).json()["count"] == 2
    assert client.get(url, {"category": "brand"}).json()["count"] == 1
    start = (timezone.localdate() - dt.timedelta(days=10)).isoformat()
    assert client.get(url, {"start": start}).json()["count"] == 1
    bad = client.get(url, {"category": "nonsense"})
    assert bad.status_code == 400 and "nonsense" in bad.content.decode()
    assert client.get(url, {"start": "igår"}).status_code == 400
    reporter = client_for("reporter")
    created = reporter.post(
        url,
        {"category": "klotter", "lon": 16.58, "lat": 59.61, "description": "Nytt klotter"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["areas"] == ["test-east"]
    assert created.json()["source"] == "bostad-test"
    refused = reporter.post(
        url,
        {"category": "klotter", "address": "Storgatan", "description": "a@b.se"},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "a***@b.se" in refused.content.decode()
    other = reporter.post(
        url,
        {"category": "klotter", "address": "Storgatan", "source": "outsider-test"},
        content_type="application/json",
    )
    assert other.status_code == 400
    assert client_for("case_worker").get(url).status_code == 403
    assert client_for("council_member").post(url, {"category": "klotter"}).status_code == 403


def test_coordinator_edits_categories_and_police_types(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    category = Category.objects.get(code="klotter")
    data = {
        "code": "ignored",
        "name_sv": "Klotter och tags",
        "name_en": "Graffiti and tags",
        "group": "damage",
        "colour": "#112233",
        "harm_weight": "2.5",
        "order": "5",
        "is_active": "on",
    }
    assert (
        client.post(reverse("incidents:category_edit", args=[category.pk]), data).status_code == 302
    )
    category.refresh_from_db()
    assert (category.name_sv, category.harm_weight, category.code) == (
        "Klotter och tags",
        2.5,
        "klotter",
    )
    response = client.post(
        reverse("incidents:category_edit", args=[category.pk]), data | {"colour": "red"}
    )
    assert response.status_code == 200
    created = client.post(
        reverse("incidents:category_list"), data | {"code": "cykelstold", "name_sv": "Cykelstöld"}
    )
    assert created.status_code == 302 and Category.objects.filter(code="cykelstold").exists()
    mapping = PoliceTypeMapping.objects.get(police_type="Trafikolycka")
    client.post(
        reverse("incidents:police_type_edit", args=[mapping.pk]),
        {"action": "incident", "category": ""},
    )
    mapping.refresh_from_db()
    assert mapping.action == "ignore"
    page = client.post(
        reverse("incidents:police_type_edit", args=[mapping.pk]),
        {"action": "incident", "category": category.pk},
        follow=True,
    )
    mapping.refresh_from_db()
    assert mapping.action == "incident" and mapping.category == category
    assert "Trafikolycka: sparat. Lagrade händelser lästes om: 0 nya" in page.content.decode()


def test_import_page_runs_the_import_with_progress_and_rejects(
    world, areas, client_for, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("analyst")
    content = (
        "external_id,occurred_from,category,lon,lat,description\n"
        "1,2025-05-01 10:00,brand,16.52,59.61,Brand\n"
        "2,2025-05-01 10:00,okänd,16.52,59.61,Fel kategori\n"
    ).encode()
    upload = SimpleUploadedFile("incidenter.csv", content, content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("incidents:import_list"),
            {
                "file": upload,
                "format": "csv",
                "source": world.organisations["housing"].pk,
                "classification": "internal",
                "skip_invalid": "on",
            },
        )
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "incidents:import_detail", args=[job.pk]
    )
    job.refresh_from_db()
    assert (job.status, job.created_count, job.rejected_count) == ("succeeded", 1, 1)
    assert (
        job.errors == [{"row": 3, "field": "category", "message": "okänd kategori ”okänd”"}]
        or job.errors[0]["row"] == 3
    )
    page = client.get(reverse("incidents:import_detail", args=[job.pk])).content.decode()
    assert "hx-get" not in page and "Fel kategori" not in page
    progress = client.get(reverse("incidents:import_progress", args=[job.pk]))
    assert progress.status_code == 200
    rejects = client.get(reverse("incidents:import_rejects", args=[job.pk]))
    body = b"".join(rejects.streaming_content).decode()
    assert "Fel kategori" in body and "reason" in body.splitlines()[0]
    assert Incident.objects.get().import_job == job
    # The police import only for themselves, and see only their own jobs.
    police = client_for("police")
    assert police.get(reverse("incidents:import_detail", args=[job.pk])).status_code == 404


def test_an_all_or_nothing_web_import_reports_its_problems(
    world, client_for, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    upload = SimpleUploadedFile("x.csv", b"occurred_from,category,address\n,brand,Torget\n")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("incidents:import_list"),
            {
                "file": upload,
                "format": "csv",
                "source": world.organisations["housing"].pk,
                "classification": "internal",
            },
        )
    job = ImportJob.objects.get()
    assert job.status == "failed" and job.created_count == 0
    assert job.errors[0]["row"] == 2 and job.errors[0]["field"] == "occurred_from"
    page = client.get(reverse("incidents:import_detail", args=[job.pk])).content.decode()
    assert "occurred_from" in page


def test_an_interrupted_web_import_runs_again_and_a_lock_is_left_to_the_worker(
    world, areas, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """A job left "running" (the worker killed mid-import) saved nothing — the import is one
    transaction — so running its task again imports it from the start; a database lock
    during the import is raised to the worker (which queues the task again), not recorded
    as a failed import."""
    job = ImportJob.objects.create(
        created_by=world.user("analyst"),
        source=world.organisations["housing"],
        format="csv",
        classification="internal",
        original_name="incidenter.csv",
        status="running",
    )
    job.file.save(
        "incidenter.csv",
        ContentFile(
            b"external_id,occurred_from,category,lon,lat\n1,2025-05-01 10:00,brand,16.52,59.61\n"
        ),
    )

    def locked(**kwargs):  # type: ignore[no-untyped-def]
        raise OperationalError("database is locked")

    with monkeypatch.context() as patch:
        patch.setattr(services, "incidents_import", locked)
        with pytest.raises(OperationalError):
            services.import_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "running"  # still to do, not "failed"

    services.import_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.created_count) == ("succeeded", 1)
    # A finished job is not run again.
    assert services.import_job_run(job_id=job.pk).created_count == 1  # type: ignore[union-attr]


def test_uploaded_import_files_are_deleted_after_the_retention_period(
    world, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    settings.IMPORT_FILE_RETENTION_DAYS = 30
    now = timezone.now()

    def finished(days_ago: int, status: str = "succeeded") -> ImportJob:
        job = ImportJob.objects.create(
            created_by=world.user("analyst"),
            source=world.organisations["housing"],
            format="csv",
            classification="internal",
            original_name="incidenter.csv",
            status=status,
            finished_at=now - dt.timedelta(days=days_ago),
        )
        job.file.save("incidenter.csv", ContentFile(b"a,b\n"))
        job.rejects_file.save("rejects.csv", ContentFile(b"a,b,reason\n"))
        return job

    old, recent, running = finished(31, "failed"), finished(29), finished(40, "running")
    old_paths = [old.file.path, old.rejects_file.path]
    with django_capture_on_commit_callbacks(execute=True):
        outcome = housekeeping_run(now=now)
    assert outcome["import_files"] == "2 import file(s) deleted"
    old.refresh_from_db()
    assert (old.file.name, old.rejects_file.name) == ("", "")
    assert not any(Path(p).exists() for p in old_paths)
    assert old.status == "failed" and old.original_name == "incidenter.csv"  # the record stays
    recent.refresh_from_db()
    running.refresh_from_db()
    assert Path(recent.file.path).exists() and Path(running.file.path).exists()
    # Nothing left to do: a second run deletes nothing.
    assert import_files_purge(now=now) == 0
