"""The API's incident list: each incident's area codes, without loading the areas' shapes;
the same answer as the ModelSerializer gives."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from samtrygg.api.pagination import ValidatedLimitOffsetPagination
from samtrygg.areas.services import place_create
from samtrygg.incidents import selectors
from samtrygg.incidents.api import IncidentSerializer
from samtrygg.incidents.models import Incident
from samtrygg.situation.tests.helpers import (
    A,
    B,
    C,
    Row,
    at,
    build_town,
    grid_areas,
    write_incidents,
)

pytestmark = pytest.mark.django_db


def test_list_names_the_areas_and_reads_no_geometry(world, client_for) -> None:  # type: ignore[no-untyped-def]
    build_town(world)
    write_incidents(
        [Row(at("2026-03-25", 8), "skadegorelse", A)],
        organisation=world.organisations["housing"],
        prefix="api",
    )
    client = client_for("analyst")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("api:v1:incident-list"), {"limit": 50})
    assert response.status_code == 200
    rows = {r["external_id"].split("-")[0]: r for r in response.json()["results"]}
    assert "t00" in rows["api0"]["areas"]
    area_reads = [q["sql"] for q in queries.captured_queries if '"areas_area"' in q["sql"]]
    assert area_reads
    assert not any("geometry" in sql for sql in area_reads)


def _as_the_serializer_answers(user, query: str) -> bytes:  # type: ignore[no-untyped-def]
    """The list's answer as the ModelSerializer over model instances gives it (what the
    list served before it read plain values), through the same paginator and renderer."""
    factory = APIRequestFactory()
    request = Request(factory.get(f"/api/v1/incidents/{query}"))
    request.user = user
    queryset = selectors.incident_list(
        user=user, filters=selectors.parse_incident_filters(request.query_params)
    ).prefetch_related("areas")
    paginator = ValidatedLimitOffsetPagination()
    page = paginator.paginate_queryset(queryset, request)
    assert page is not None
    data = IncidentSerializer(page, many=True).data
    return bytes(JSONRenderer().render(paginator.get_paginated_response(data).data))


@pytest.mark.parametrize("actor", ["analyst", "police", "reporter"])
def test_list_answers_byte_for_byte_as_the_serializer(world, client_for, actor) -> None:  # type: ignore[no-untyped-def]
    # A second layer of areas of another kind: an incident lies in two, listed in order.
    grid_areas(nx=1, ny=1, size=3000.0, kind="police_area", prefix="P")
    build_town(world)
    place = place_create(actor=world.user("coordinator"), name="Torget", lon=16.54, lat=59.61)
    ids = write_incidents(
        [
            Row(at("2026-07-02", 23, 59), "skadegorelse", A, hours=1.5),  # summer time
            Row(at("2026-01-02", 0, 1), "skadegorelse", B, precision="address"),
            Row(at("2026-01-03", 9), "skadegorelse", C, precision="area"),  # point not shown
        ],
        organisation=world.organisations["housing"],
        prefix="bytes",
    )
    Incident.objects.filter(pk=ids[0]).update(
        place=place,
        address='Storgatan 1, "porten"',
        description="Klotter på fasaden\nåäö ÅÄÖ – ✓",
        feedback="Sanerat",
        status="action_taken",
        external_id=None,
    )
    client = client_for(actor)
    user = world.user(actor)
    queries = ["?limit=50", "?limit=3&offset=2", "?limit=50&mappable=true", "?limit=5&area=t00"]
    for query in queries:
        response = client.get(f"/api/v1/incidents/{query}")
        assert response.status_code == 200
        assert response.content == _as_the_serializer_answers(user, query), query
    rows = client.get("/api/v1/incidents/?limit=50").json()["results"]
    if actor == "reporter":
        assert all(row["classification"] != "restricted" for row in rows)
        return
    by_id = {row["id"]: row for row in rows}
    assert by_id[ids[0]]["areas"] == ["t00", "p00"]  # kind "district" before "police_area"
    assert by_id[ids[0]]["occurred_from"].endswith("+02:00")
    assert by_id[ids[1]]["reported_at"] == "2026-01-02T00:01:00+01:00"  # winter time
    assert by_id[ids[2]]["lon"] is None and by_id[ids[2]]["x"] is None
    assert by_id[ids[1]]["lon"] is not None


def test_the_count_is_kept_until_the_data_changes(world, client_for) -> None:  # type: ignore[no-untyped-def]
    build_town(world)
    client = client_for("coordinator")
    url = "/api/v1/incidents/?limit=2"
    first = client.get(url).json()["count"]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).json()["count"] == first
    assert not any("COUNT(" in q["sql"] for q in queries.captured_queries)
    write_incidents(
        [Row(at("2026-03-26", 8), "skadegorelse", A)],
        organisation=world.organisations["housing"],
        prefix="more",
    )
    assert client.get(url).json()["count"] == first + 1
    # Another reader's scope is another count (the police read the restricted row too).
    assert client_for("police").get(url).json()["count"] == first + 2
