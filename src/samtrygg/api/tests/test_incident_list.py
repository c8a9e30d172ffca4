"""The API's incident list: each incident's area codes, without loading the areas' shapes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samtrygg.situation.tests.helpers import A, Row, at, build_town, write_incidents

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
