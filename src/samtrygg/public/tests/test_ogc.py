"""OGC API – Features: JSON structure, paging, filters, what is (not) served, and GDAL."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from django.test import Client
from django.urls import reverse

from samtrygg.public.tests.conftest import SECRET_TEXT, publish_town
from samtrygg.situation import services
from samtrygg.situation.tests.factories import ReportFactory

pytestmark = pytest.mark.django_db


def get(client: Client, url: str, **params):  # type: ignore[no-untyped-def]
    response = client.get(url, params)
    return response, (json.loads(response.content) if response.content else None)


def rels(doc) -> dict[str, dict]:  # type: ignore[no-untyped-def, type-arg]
    return {link["rel"]: link for link in doc["links"]}


def test_landing_and_conformance(client) -> None:  # type: ignore[no-untyped-def]
    response, doc = get(client, reverse("ogc:landing"))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    links = rels(doc)
    assert {"self", "service-desc", "conformance", "data"} <= set(links)
    assert links["data"]["href"].endswith("/ogc/collections")
    _r, conf = get(client, reverse("ogc:conformance"))
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in conf["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson" in conf["conformsTo"]
    response, api = get(client, reverse("ogc:api"))
    assert api["openapi"].startswith("3.0")
    assert "/collections/{collectionId}/items" in api["paths"]


def test_collections_items_and_paging(client, published) -> None:  # type: ignore[no-untyped-def]
    cid = f"lagesbild-{published.pk}-omraden"
    _r, doc = get(client, reverse("ogc:collections"))
    ids = [c["id"] for c in doc["collections"]]
    assert cid in ids and f"lagesbild-{published.pk}-rutor" in ids
    _r, coll = get(client, reverse("ogc:collection", args=[cid]))
    assert coll["itemType"] == "feature"
    assert coll["extent"]["temporal"]["interval"] == [
        ["2026-03-01T00:00:00Z", "2026-03-31T23:59:59Z"]
    ]
    lon0, lat0, lon1, lat1 = coll["extent"]["spatial"]["bbox"][0]
    assert 16.0 < lon0 < lon1 < 17.0 and 59.0 < lat0 < lat1 < 60.0
    assert rels(coll)["items"]["type"] == "application/geo+json"

    items_url = reverse("ogc:items", args=[cid])
    response, page = get(client, items_url)
    assert response["Content-Type"] == "application/geo+json"
    assert page["type"] == "FeatureCollection"
    assert page["numberMatched"] == 4 and page["numberReturned"] == 4
    assert "timeStamp" in page
    names = {f["properties"]["area_name"] for f in page["features"]}
    assert names == {"T00", "T01", "T10", "T11"}

    _r, first = get(client, items_url, limit=3)
    assert first["numberReturned"] == 3 and first["numberMatched"] == 4
    assert "prev" not in rels(first)
    next_href = rels(first)["next"]["href"]
    _r, second = get(client, next_href.split("testserver", 1)[1])
    assert second["numberReturned"] == 1 and "next" not in rels(second)
    assert "offset=0" in rels(second)["prev"]["href"]
    ids_seen = [f["id"] for f in first["features"] + second["features"]]
    assert sorted(ids_seen) == [1, 2, 3, 4]

    # bbox around the south-west square only (T00); another far away
    feature = next(f for f in page["features"] if f["properties"]["area_name"] == "T00")
    ring = feature["geometry"]["coordinates"][0]
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    inner = f"{min(lons) + 0.001},{min(lats) + 0.001},{min(lons) + 0.002},{min(lats) + 0.002}"
    _r, boxed = get(client, items_url, bbox=inner)
    assert [f["properties"]["area_name"] for f in boxed["features"]] == ["T00"]
    _r, none = get(client, items_url, bbox="20,65,21,66")
    assert none["numberMatched"] == 0 and none["features"] == []
    _r, inside = get(client, items_url, datetime="2026-03-15T12:00:00Z")
    assert inside["numberMatched"] == 4
    _r, before = get(client, items_url, datetime="../2026-02-28")
    assert before["numberMatched"] == 0

    fid = feature["id"]
    response, one = get(client, reverse("ogc:item", args=[cid, fid]))
    assert response.status_code == 200 and one["properties"]["area_name"] == "T00"


def test_bad_requests(client, published) -> None:  # type: ignore[no-untyped-def]
    cid = f"lagesbild-{published.pk}-omraden"
    items = reverse("ogc:items", args=[cid])
    assert client.get(items, {"limit": "many"}).status_code == 400
    assert client.get(items, {"limit": "0"}).status_code == 400
    assert client.get(items, {"bbox": "1,2,3"}).status_code == 400
    assert client.get(items, {"datetime": "igår"}).status_code == 400
    assert client.get(items, {"sortby": "total"}).status_code == 400
    assert client.get(items, {"f": "html"}).status_code == 400
    assert client.get(reverse("ogc:items", args=["lagesbild-999999-omraden"])).status_code == 404
    assert client.get(reverse("ogc:collection", args=["incidents"])).status_code == 404
    assert client.get(reverse("ogc:item", args=[cid, "99"])).status_code == 404
    assert client.post(items).status_code == 405


def test_small_counts_and_restricted_data_never_served(client, published) -> None:  # type: ignore[no-untyped-def]
    # the internal figures counted the restricted burglary in T01 (police data included) …
    internal = {a["code"]: a["count"] for a in published.figures["by_area"]}
    assert internal["t01"] == 1
    # … the public features do not
    cid = f"lagesbild-{published.pk}-omraden"
    _r, page = get(client, reverse("ogc:items", args=[cid]))
    by_name = {f["properties"]["area_name"]: f["properties"] for f in page["features"]}
    assert by_name["T01"]["total"] == 0 and by_name["T01"]["cat_inbrott_bostad"] == 0
    for props in by_name.values():
        for key, value in props.items():
            if key == "total" or key.startswith("cat_"):
                assert value is None or value == 0 or value >= 5, (key, value)
    # T00 had 3 vandalism reports and T10 2 burglaries: hidden, and listed as hidden
    assert by_name["T00"]["cat_skadegorelse"] is None
    assert "cat_skadegorelse" in by_name["T00"]["suppressed"].split(",")
    assert by_name["T10"]["total"] is None
    # nothing of the written text, no incident, no restricted marker anywhere in /ogc/
    bodies = []
    for url in (
        reverse("ogc:landing"),
        reverse("ogc:collections"),
        reverse("ogc:api"),
        reverse("ogc:items", args=[cid]),
        reverse("ogc:items", args=[f"lagesbild-{published.pk}-rutor"]),
    ):
        bodies.append(client.get(url).content.decode())
    text = "\n".join(bodies)
    assert SECRET_TEXT not in text
    assert "restricted" not in text
    _r, grid = get(client, reverse("ogc:items", args=[f"lagesbild-{published.pk}-rutor"]))
    for f in grid["features"]:
        assert f["properties"]["count"] is None or f["properties"]["count"] >= 5


def test_only_published_and_not_withdrawn(client, world) -> None:  # type: ignore[no-untyped-def]
    ReportFactory.create_in_review(world, title="Granskas")
    _r, doc = get(client, reverse("ogc:collections"))
    assert doc["collections"] == []
    version = publish_town(world)
    _r, doc = get(client, reverse("ogc:collections"))
    assert len(doc["collections"]) == 2
    services.version_withdraw(actor=world.user("coordinator"), version=version, reason="Fel")
    _r, doc = get(client, reverse("ogc:collections"))
    assert doc["collections"] == []
    assert (
        client.get(reverse("ogc:items", args=[f"lagesbild-{version.pk}-omraden"])).status_code
        == 404
    )


def _ogrinfo() -> str | None:
    path = shutil.which("ogrinfo")
    if path is None:
        message = "GDAL's ogrinfo is not installed (apt install gdal-bin)"
        if os.environ.get("SAMTRYGG_REQUIRE_TOOLS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.mark.django_db(transaction=True)
def test_gdal_reads_the_collections(live_server, world) -> None:  # type: ignore[no-untyped-def]
    ogrinfo = _ogrinfo()
    version = publish_town(world)
    cid = f"lagesbild-{version.pk}-omraden"
    env = os.environ | {"GDAL_HTTP_TIMEOUT": "30", "CPL_DEBUG": "OFF"}
    summary = subprocess.run(
        [ogrinfo, "-ro", "-al", "-so", f"OAPIF:{live_server.url}/ogc/", cid],  # type: ignore[list-item]
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert summary.returncode == 0, summary.stderr
    assert f"Layer name: {cid}" in summary.stdout
    assert "Feature Count: 4" in summary.stdout
    assert "area_name: String" in summary.stdout
    listing = subprocess.run(
        [ogrinfo, "-ro", "-al", f"OAPIF:{live_server.url}/ogc/", cid],  # type: ignore[list-item]
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert listing.returncode == 0, listing.stderr
    for name in ("T00", "T01", "T10", "T11"):
        assert f"area_name (String) = {name}" in listing.stdout
    assert listing.stdout.count("OGRFeature(") == 4
    grid_id = f"lagesbild-{version.pk}-rutor"
    grid = subprocess.run(
        [
            ogrinfo,  # type: ignore[list-item]
            "-ro",
            "-al",
            "-so",
            f"OAPIF:{live_server.url}/ogc/",
            grid_id,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert grid.returncode == 0, grid.stderr
    assert "Feature Count:" in grid.stdout
