"""Pages: list with filters, detail with map data, create/edit by drawing or upload,
GeoJSON and population uploads with their reports, places; owner/colleague/outsider."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samtrygg.areas import services
from samtrygg.areas.models import Area, Place
from samtrygg.areas.tests.conftest import data_path
from samtrygg.testing.actors import member

SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[16.50, 59.60], [16.51, 59.60], [16.51, 59.605], [16.50, 59.605], [16.50, 59.60]]
    ],
}


def shifted(dx: float) -> dict[str, Any]:
    ring = [[lon + dx, lat] for lon, lat in SQUARE["coordinates"][0]]  # type: ignore[operator]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture
def areas(world) -> dict[str, Area]:  # type: ignore[no-untyped-def]
    return {
        "backby": services.area_create(
            actor=member("coordinator"),
            name="Bäckby",
            code="district-backby",
            kind="district",
            geometry=SQUARE,
            population=7500,
            population_year=2024,
        ),
        "raby": services.area_create(
            actor=member("coordinator"),
            name="Råby",
            code="district-raby",
            kind="district",
            geometry=shifted(0.02),
            population=4000,
            population_year=2024,
        ),
        "vulnerable": services.area_create(
            actor=member("coordinator"),
            name="Bäckby (utsatt)",
            code="vulnerable-backby",
            kind="vulnerable_area",
            geometry=SQUARE,
        ),
    }


def map_data(response: Any, element_id: str) -> dict[str, Any]:
    html = response.content.decode()
    start = html.index(f'id="{element_id}"')
    start = html.index(">", start) + 1
    return json.loads(html[start : html.index("</script>", start)])


def test_list_filters_by_kind_and_population(client_for, areas) -> None:
    client = client_for("reporter")
    response = client.get(reverse("areas:area_list"), {"kind": "district"})
    rows = [a.name for a in response.context["page"]]
    assert rows == ["Bäckby", "Råby"]
    features = map_data(response, "area-features")["features"]
    assert {f["properties"]["name"] for f in features} == {"Bäckby", "Råby"}
    # Coordinates reach the map unlocalised (a point, not a Swedish comma).
    assert "16.5," in response.content.decode() or "16.5]" in response.content.decode()
    response = client.get(reverse("areas:area_list"), {"min_population": "5000"})
    assert [a.name for a in response.context["page"]] == ["Bäckby"]
    response = client.get(reverse("areas:area_list"), {"q": "utsatt"})
    assert [a.code for a in response.context["page"]] == ["vulnerable-backby"]
    # Managing links only for those who may manage.
    assert reverse("areas:area_import") not in response.content.decode()
    manager_page = client_for("analyst").get(reverse("areas:area_list")).content.decode()
    assert reverse("areas:area_import") in manager_page


def test_detail_shows_populations_and_map(client_for, areas) -> None:
    backby = areas["backby"]
    services.area_population_set(
        actor=member("coordinator"), area=backby, year=2023, population=7400
    )
    response = client_for("outsider").get(reverse("areas:area_detail", args=[backby.pk]))
    assert response.status_code == 200
    assert [(p.year, p.population) for p in response.context["populations"]] == [
        (2024, 7500),
        (2023, 7400),
    ]
    (feature,) = map_data(response, "area-features")["features"]
    assert feature["geometry"] == backby.geometry
    assert reverse("areas:area_edit", args=[backby.pk]) not in response.content.decode()


def test_detail_of_missing_area_is_404(client_for, world) -> None:
    assert client_for("analyst").get(reverse("areas:area_detail", args=[999])).status_code == 404


def test_create_by_drawing(client_for, world, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("analyst").post(
            reverse("areas:area_create"),
            {
                "name": "Ny park",
                "code": "custom-park",
                "kind": "custom",
                "population": "",
                "geometry": json.dumps(SQUARE),
            },
        )
    area = Area.objects.get(code="custom-park")
    assert response.status_code == 302
    assert response["Location"] == reverse("areas:area_detail", args=[area.pk])
    assert area.area_km2 == pytest.approx(0.31, abs=0.02)


def test_create_without_geometry_or_with_bad_one_explains(client_for, world) -> None:
    client = client_for("coordinator")
    response = client.post(
        reverse("areas:area_create"), {"name": "X", "code": "x", "kind": "custom"}
    )
    assert response.status_code == 200
    assert "Rita området på kartan" in response.content.decode()
    line = {"type": "LineString", "coordinates": [[16.5, 59.6], [16.6, 59.7]]}
    response = client.post(
        reverse("areas:area_create"),
        {"name": "X", "code": "x", "kind": "custom", "geometry": json.dumps(line)},
    )
    assert "LineString" in str(response.context["form"].errors["geometry"])
    assert not Area.objects.exists()


def test_create_by_sweref_upload_reports_repair(client_for, world) -> None:
    bow = json.loads(data_path("bowtie_repaired.geojson").read_text())
    one = {"type": "FeatureCollection", "features": bow["features"][1:]}
    response = client_for("coordinator").post(
        reverse("areas:area_create"),
        {
            "name": "Fluga",
            "code": "bow",
            "kind": "custom",
            "geometry_file": SimpleUploadedFile("bow.geojson", json.dumps(one).encode()),
        },
        follow=True,
    )
    assert Area.objects.get(code="bow").geometry["type"] == "MultiPolygon"
    text = response.content.decode()
    assert "reparerad" in text.lower()


def test_edit_keeps_geometry_unless_redrawn(client_for, areas) -> None:
    raby = areas["raby"]
    before = raby.geometry
    client = client_for("analyst")
    response = client.post(
        reverse("areas:area_edit", args=[raby.pk]),
        {"name": "Råby-Vallby", "code": raby.code, "kind": "district"},
    )
    assert response.status_code == 302
    raby.refresh_from_db()
    assert raby.name == "Råby-Vallby" and raby.geometry == before
    client.post(
        reverse("areas:area_edit", args=[raby.pk]),
        {
            "name": "Råby",
            "code": raby.code,
            "kind": "district",
            "geometry": json.dumps(shifted(0.1)),
        },
    )
    raby.refresh_from_db()
    assert raby.geometry != before


def test_delete_needs_post(client_for, areas) -> None:
    raby = areas["raby"]
    client = client_for("coordinator")
    assert client.get(reverse("areas:area_delete", args=[raby.pk])).status_code == 200
    assert Area.objects.filter(pk=raby.pk).exists()
    client.post(reverse("areas:area_delete", args=[raby.pk]))
    assert not Area.objects.filter(pk=raby.pk).exists()


def test_import_page_reports_result_and_repairs(client_for, world) -> None:
    response = client_for("analyst").post(
        reverse("areas:area_import"),
        {
            "file": SimpleUploadedFile(
                "bow.geojson", data_path("bowtie_repaired.geojson").read_bytes()
            ),
            "kind": "custom",
            "name_field": "name",
            "code_field": "code",
            "update_existing": "on",
        },
    )
    result = response.context["result"]
    assert len(result.created) == 2
    text = response.content.decode()
    assert 'id="import-repairs"' in text and "Objekt 2:" in text
    assert Area.objects.count() == 2


def test_import_page_lists_problems_and_saves_nothing(client_for, world) -> None:
    response = client_for("coordinator").post(
        reverse("areas:area_import"),
        {
            "file": SimpleUploadedFile(
                "bad.geojson", data_path("hole_outside_refused.geojson").read_bytes()
            ),
            "kind": "custom",
            "name_field": "name",
            "code_field": "code",
        },
    )
    assert response.status_code == 200
    (problem,) = response.context["problems"]
    assert problem.startswith("Objekt 2:")
    assert "Inget importerades" in response.content.decode()
    assert not Area.objects.exists()


def test_population_upload_page(client_for, areas) -> None:
    client = client_for("analyst")
    csv = b"area_code,year,population\ndistrict-backby,2025,7600\nnope,2025,1\n"
    response = client.post(
        reverse("areas:population_import"), {"file": SimpleUploadedFile("p.csv", csv)}
    )
    assert response.context["problems"] == ["Rad 3, ”area_code”: inget område har koden ”nope”."]
    csv = b"area_code,year,population\ndistrict-backby,2025,7600\n"
    response = client.post(
        reverse("areas:population_import"), {"file": SimpleUploadedFile("p.csv", csv)}
    )
    assert response.context["result"].created == 1
    areas["backby"].refresh_from_db()
    assert (areas["backby"].population, areas["backby"].population_year) == (7600, 2025)


def test_places_list_create_edit_delete(client_for, world) -> None:
    client = client_for("coordinator")
    response = client.post(
        reverse("areas:place_create"),
        {"name": "Stora torget", "lat": "59,6106", "lon": "16.5446", "radius_m": "80"},
    )
    assert response.status_code == 302
    place = Place.objects.get()
    assert (place.lat, place.lon, place.radius_m) == (59.6106, 16.5446, 80)
    page = client_for("reporter").get(reverse("areas:place_list"))
    (feature,) = map_data(page, "place-features")["features"]
    assert feature["geometry"]["coordinates"] == [16.5446, 59.6106]
    assert "url" not in feature["properties"]  # reporters cannot edit
    client.post(
        reverse("areas:place_edit", args=[place.pk]),
        {"name": "Torget", "lat": "59.6106", "lon": "16.5446", "radius_m": ""},
    )
    place.refresh_from_db()
    assert (place.name, place.radius_m) == ("Torget", None)
    response = client.post(
        reverse("areas:place_edit", args=[place.pk]),
        {"name": "Torget", "lat": "48.85", "lon": "2.35"},
    )
    assert "Sverige" in str(response.context["form"].errors)
    client.post(reverse("areas:place_delete", args=[place.pk]))
    assert not Place.objects.exists()


def test_reporter_cannot_manage(client_for, areas) -> None:
    client = client_for("reporter")
    raby = areas["raby"]
    assert client.get(reverse("areas:area_edit", args=[raby.pk])).status_code == 403
    response = client.post(
        reverse("areas:area_create"),
        {"name": "X", "code": "x", "kind": "custom", "geometry": json.dumps(SQUARE)},
    )
    assert response.status_code == 403
    assert not Area.objects.filter(code="x").exists()


def test_detail_lists_containing_contained_and_overlapping_areas(client_for, areas) -> None:
    backby = areas["backby"]
    big = services.area_create(
        actor=member("coordinator"),
        name="Kommunen",
        code="kommun",
        kind="custom",
        geometry={
            "type": "Polygon",
            "coordinates": [[[16.4, 59.5], [16.7, 59.5], [16.7, 59.7], [16.4, 59.7], [16.4, 59.5]]],
        },
    )
    half = services.area_create(
        actor=member("coordinator"),
        name="Halva",
        code="half",
        kind="custom",
        geometry=shifted(0.005),
    )
    response = client_for("reporter").get(reverse("areas:area_detail", args=[backby.pk]))
    related = {(r.area.code, r.relation, r.percent) for r in response.context["related"]}
    # The vulnerable area has the same outline here: it covers all of Bäckby ("within").
    assert related == {
        ("vulnerable-backby", "within", 100),
        ("kommun", "within", 100),
        ("half", "overlaps", 50),
    }
    assert big.pk and half.pk
    text = response.content.decode()
    assert 'id="related-areas"' in text and "täcker 50 % av det här området" in text
    # The vulnerable area's detail lists Bäckby as containing it; Råby (0.02° east) is absent.
    small = services.area_create(
        actor=member("coordinator"),
        name="Litet",
        code="small",
        kind="custom",
        geometry=shifted(0.0025),
    )
    response = client_for("reporter").get(reverse("areas:area_detail", args=[small.pk]))
    codes = {r.area.code: r.relation for r in response.context["related"]}
    assert codes["district-backby"] == "overlaps" and "district-raby" not in codes
