"""The incidents app's pages and endpoints in the permission matrix.

Who reads which incident (rules.py): internal rows — the coordinator, analysts and the
police, and the reporting organisation; open rows — also council members; restricted
rows — the police and analysts granted police data (the world's analyst is not).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone

from samtrygg.testing.matrix import MEMBERS, Route, World, allow

REPORTERS = allow("coordinator", "analyst", "police", "reporter", "outsider")
READERS = allow("coordinator", "analyst", "police", "council_member", "reporter", "outsider")
COORDINATOR = allow("coordinator")
IMPORTERS = allow("coordinator", "analyst", "police")
FEED = allow("coordinator", "analyst")


def incident(world: World, classification: str = "internal") -> Any:
    from samtrygg.incidents.models import Category, Incident

    key = f"incident-{classification}"
    if key not in world.extra:
        when = timezone.now() - dt.timedelta(days=1)
        world.extra[key] = Incident.objects.create(
            occurred_from=when,
            occurred_to=when,
            reported_at=when,
            category=Category.objects.get(code="klotter"),
            lon=16.55,
            lat=59.61,
            x=587000.0,
            y=6609000.0,
            precision="exact",
            address="Storgatan 1",
            source_organisation=world.organisations["housing"],
            source_system="form",
            description="Klotter på fasaden",
            classification=classification,
            created_by=world.user("reporter"),
        )
    return world.extra[key]


def _pk(classification: str) -> Any:
    return lambda w: {"pk": incident(w, classification).pk}


def _category(world: World) -> dict[str, int]:
    from samtrygg.incidents.models import Category

    return {"pk": Category.objects.get(code="klotter").pk}


def _police_type(world: World) -> dict[str, int]:
    from samtrygg.incidents.models import PoliceTypeMapping

    return {"pk": PoliceTypeMapping.objects.get(police_type="Klotter").pk}


def _job(world: World) -> dict[str, int]:
    from pathlib import Path

    from django.core.files.base import ContentFile

    from samtrygg.incidents.models import ImportJob

    if "job" not in world.extra:
        job = ImportJob(
            created_by=world.user("analyst"),
            source=world.organisations["housing"],
            format="csv",
            classification="internal",
            skip_invalid=True,
            original_name="in.csv",
            status="succeeded",
            rejected_count=1,
        )
        job.file.save("matrix-in.csv", ContentFile(b"occurred_from,category\n"), save=False)
        rejects = Path(settings.MEDIA_ROOT) / "imports" / "rejects" / "matrix-rejects.csv"
        rejects.parent.mkdir(parents=True, exist_ok=True)
        rejects.write_text("occurred_from,category,reason\n,,occurred_from: required\n")
        job.rejects_file.name = str(rejects.relative_to(settings.MEDIA_ROOT))
        job.save()
        world.extra["job"] = job
    return {"pk": world.extra["job"].pk}


def _feed_source(world: World) -> dict[str, int]:
    from samtrygg.incidents.models import FeedSource

    if "feed" not in world.extra:
        # A closed local port: "fetch now" fails at once, without the outside network.
        world.extra["feed"] = FeedSource.objects.create(
            location="Västerås",
            organisation=world.organisations["police"],
            url="http://127.0.0.1:9/",
        )
    return {"pk": world.extra["feed"].pk}


def _report_data(world: World) -> dict[str, Any]:
    from samtrygg.incidents.models import Category

    return {
        "category": Category.objects.get(code="klotter").pk,
        "occurred_from": (timezone.localtime() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "lon": "16.55",
        "lat": "59.61",
        "description": "Klotter på en vägg",
        "classification": "internal",
    }


def _category_data(world: World) -> dict[str, Any]:
    return {
        "code": "klotter",
        "name_sv": "Klotter",
        "name_en": "Graffiti",
        "group": "damage",
        "colour": "#c49c94",
        "harm_weight": "1.5",
        "is_active": "on",
        "order": "20",
    }


def _feed_data(world: World) -> dict[str, Any]:
    pk = _feed_source(world)["pk"]
    prefix = f"source-{pk}-"
    return {
        f"{prefix}location": "Västerås",
        f"{prefix}organisation": world.organisations["police"].pk,
        f"{prefix}classification": "open",
        f"{prefix}interval_minutes": "60",
        f"{prefix}url": "http://127.0.0.1:9/",
    }


ROUTES = [
    Route("incidents:report", REPORTERS),
    Route("incidents:report", REPORTERS, method="post", data=_report_data, label="file"),
    Route("incidents:my_reports", REPORTERS),
    Route("incidents:incident_list", READERS),
    Route(
        "incidents:incident_list",
        READERS,
        query="start=2020-01-01&end=2030-12-31&category=klotter&classification=internal",
        label="filtered",
    ),
    Route(
        "incidents:incident_detail",
        allow("coordinator", "analyst", "police", "reporter"),
        kwargs=_pk("internal"),
    ),
    Route(
        "incidents:incident_detail",
        allow("coordinator", "analyst", "police", "reporter", "council_member"),
        kwargs=_pk("open"),
        label="open",
    ),
    Route(
        "incidents:incident_detail", allow("police"), kwargs=_pk("restricted"), label="restricted"
    ),
    Route(
        "incidents:incident_feedback",
        allow("coordinator", "analyst"),
        method="post",
        kwargs=_pk("internal"),
        data=lambda w: {"status": "seen", "feedback": "Vi har tagit bort klottret."},
    ),
    Route("incidents:category_list", COORDINATOR),
    Route("incidents:category_edit", COORDINATOR, kwargs=_category),
    Route(
        "incidents:category_edit",
        COORDINATOR,
        kwargs=_category,
        method="post",
        data=_category_data,
        label="save",
    ),
    Route("incidents:police_type_list", COORDINATOR),
    Route(
        "incidents:police_type_edit",
        COORDINATOR,
        method="post",
        kwargs=_police_type,
        data=lambda w: {"action": "ignore", "category": ""},
    ),
    Route("incidents:import_list", IMPORTERS),
    Route("incidents:import_detail", allow("coordinator", "analyst"), kwargs=_job),
    Route("incidents:import_progress", allow("coordinator", "analyst"), kwargs=_job),
    Route("incidents:import_rejects", allow("coordinator", "analyst"), kwargs=_job),
    Route("incidents:feed", FEED),
    Route("incidents:feed_source_edit", FEED, method="post", kwargs=_feed_source, data=_feed_data),
    Route("incidents:feed_fetch", FEED, method="post", kwargs=_feed_source),
    Route("api:v1:incident-list", READERS),
    Route(
        "api:v1:incident-list",
        REPORTERS,
        method="post",
        data=lambda w: {
            "category": "klotter",
            "lon": 16.55,
            "lat": 59.61,
            "description": "Klotter på en vägg",
        },
        label="create",
    ),
    Route(
        "api:v1:incident-detail",
        allow("coordinator", "analyst", "police", "reporter"),
        kwargs=_pk("internal"),
    ),
    Route("api:v1:incident-detail", allow("police"), kwargs=_pk("restricted"), label="restricted"),
    Route("api:v1:incident-export", READERS, kwargs=lambda w: {"fmt": "csv"}),
    Route("api:v1:incident-export", READERS, kwargs=lambda w: {"fmt": "geojson"}, label="geojson"),
    Route("api:v1:category-list", MEMBERS),
    Route("api:v1:category-detail", MEMBERS, kwargs=_category),
]
