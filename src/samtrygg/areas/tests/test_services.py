"""Area services: the GeoJSON import (real municipalities, EPSG:3006, repairs, refusals,
all-or-nothing, re-import), single areas, places, and the area-changed hook."""

from __future__ import annotations

import copy
import importlib
import json
from typing import Any

import pytest
import shapely
from django.core.exceptions import ValidationError
from django.utils import translation

from samtrygg.areas import selectors, services
from samtrygg.areas.models import Area, AreaPopulation, Place
from samtrygg.areas.tests.conftest import ChangeRecorder, data_path, read_json
from samtrygg.testing.actors import member

pytestmark = pytest.mark.django_db

SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[16.50, 59.60], [16.51, 59.60], [16.51, 59.605], [16.50, 59.605], [16.50, 59.60]]
    ],
}
MUNICIPALITIES = "municipalities_vastmanland_and_two_multipolygons.geojson"


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


def import_municipalities(**kwargs: Any) -> services.ImportResult:
    return services.area_import_geojson(
        actor=member("coordinator"),
        data=data_path(MUNICIPALITIES).read_bytes(),
        kind="custom",
        name_field="kom_namn",
        code_field="id",
        **kwargs,
    )


def feature(code: Any, name: Any, geometry: dict[str, Any] = SQUARE, **props: Any) -> dict:
    return {
        "type": "Feature",
        "properties": {"code": code, "name": name, **props},
        "geometry": geometry,
    }


def shifted(dx: float) -> dict[str, Any]:
    ring = [[lon + dx, lat] for lon, lat in SQUARE["coordinates"][0]]  # type: ignore[operator]
    return {"type": "Polygon", "coordinates": [ring]}


def fc(*features: dict[str, Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


def test_import_real_municipalities(django_capture_on_commit_callbacks, area_changes) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        result = import_municipalities()
    assert (result.crs, result.crs_source) == ("EPSG:4326", "coordinates")
    assert len(result.created) == 12 and not result.repairs
    vasteras = Area.objects.get(code="1980")
    assert vasteras.name == "Västerås" and vasteras.kind == "custom"
    assert 900 < vasteras.area_km2 < 1_400
    geom = shapely.from_wkb(bytes(vasteras.geometry_3006))
    assert (vasteras.min_x, vasteras.min_y, vasteras.max_x, vasteras.max_y) == geom.bounds
    assert vasteras.geometry["type"] == "Polygon"
    landskrona = Area.objects.get(name="Landskrona")
    assert landskrona.geometry["type"] == "MultiPolygon"
    assert area_changes.ids == set(Area.objects.values_list("pk", flat=True))
    # The index finds Västerås centrum in Västerås only.
    assert selectors.area_ids_at(lon=16.5448, lat=59.6099) == [vasteras.pk]


def test_reimport_updates_by_code_without_duplicates(
    django_capture_on_commit_callbacks, area_changes
) -> None:
    import_municipalities()
    doc = read_json(MUNICIPALITIES)
    changed = next(f for f in doc["features"] if f["properties"]["id"] == "1980")
    changed["geometry"] = SQUARE
    renamed = next(f for f in doc["features"] if f["properties"]["id"] == "1982")
    renamed["properties"]["kom_namn"] = "Sala kommun"
    before = Area.objects.get(code="1980")
    with django_capture_on_commit_callbacks(execute=True):
        result = services.area_import_geojson(
            actor=member("coordinator"),
            data=doc,
            kind="custom",
            name_field="kom_namn",
            code_field="id",
        )
    assert Area.objects.count() == 12
    assert sorted(a.code for a in result.updated) == ["1980", "1982"]
    assert len(result.unchanged) == 10 and not result.created
    after = Area.objects.get(code="1980")
    assert after.pk == before.pk and after.area_km2 < 1
    assert Area.objects.get(code="1982").name == "Sala kommun"
    # Only the area whose geometry changed is announced.
    assert area_changes.calls == [[after.pk]]


def test_import_sweref_file_with_population() -> None:
    result = services.area_import_geojson(
        actor=member("coordinator"),
        data=data_path("districts_sweref99tm.geojson").read_bytes(),
        kind="district",
        name_field="NAMN",
        code_field="KOD",
        population_field="BEF",
        population_year=2024,
    )
    assert (result.crs, result.crs_source) == ("EPSG:3006", "file")
    centrum = Area.objects.get(code="T-CENTRUM")
    assert (centrum.population, centrum.population_year) == (10_000, 2024)
    assert centrum.area_km2 == pytest.approx(1.0)
    assert AreaPopulation.objects.get(area=centrum, year=2024).population == 10_000
    # Stored in EPSG:4326 too, around the centre it was drawn at.
    shape = shapely.geometry.shape(centrum.geometry)
    assert shape.centroid.x == pytest.approx(16.5448, abs=1e-4)
    assert shape.centroid.y == pytest.approx(59.6099, abs=1e-4)


def test_bow_tie_repaired_and_reported_in_result() -> None:
    result = services.area_import_geojson(
        actor=member("coordinator"),
        data=data_path("bowtie_repaired.geojson").read_bytes(),
        kind="custom",
        name_field="name",
        code_field="code",
    )
    assert len(result.created) == 2
    (repair,) = result.repairs
    assert repair.number == 2 and "Self-intersection" in str(repair)
    assert Area.objects.get(code="bow-tie").geometry["type"] == "MultiPolygon"


def test_refused_feature_named_and_nothing_saved() -> None:
    with pytest.raises(services.AreaImportRefused) as exc:
        services.area_import_geojson(
            actor=member("coordinator"),
            data=data_path("hole_outside_refused.geojson").read_bytes(),
            kind="custom",
            name_field="name",
            code_field="code",
        )
    (problem,) = exc.value.problems
    assert problem.number == 2 and str(problem).startswith("Feature 2:")
    assert "Hole lies outside shell" in str(problem)
    assert not Area.objects.exists()  # the valid first feature was not saved either


def test_missing_and_duplicate_codes_and_names_named() -> None:
    doc = fc(
        feature("a", "Alfa"),
        feature(None, "Beta", shifted(0.02)),
        feature("a", "Gamma", shifted(0.04)),
        feature("d", "alfa", shifted(0.06)),
        feature("e", "", shifted(0.08)),
        feature("f", "Zeta", shifted(0.10), pop="many"),
    )
    with pytest.raises(services.AreaImportRefused) as exc:
        services.area_import_geojson(
            actor=member("coordinator"),
            data=doc,
            kind="custom",
            name_field="name",
            code_field="code",
            population_field="pop",
            population_year=2024,
        )
    messages = [str(p) for p in exc.value.problems]
    assert messages == [
        "Feature 2: property “code” is missing or empty.",
        "Feature 3: code “a” is also used by feature 1.",
        "Feature 4: name “alfa” is also used by feature 1.",
        "Feature 5: property “name” is missing or empty.",
        "Feature 6: property “pop” (“many”) is not a whole number of inhabitants.",
    ]
    assert not Area.objects.exists()


def test_names_clashing_with_existing_areas_and_other_kinds_refused() -> None:
    services.area_create(
        actor=member("coordinator"), name="Alfa", code="a", kind="district", geometry=SQUARE
    )
    services.area_create(
        actor=member("coordinator"), name="Beta", code="b", kind="custom", geometry=shifted(0.02)
    )
    with pytest.raises(services.AreaImportRefused) as exc:
        services.area_import_geojson(
            actor=member("coordinator"),
            data=fc(feature("a", "Alfa"), feature("c", "Beta", shifted(0.04))),
            kind="custom",
            name_field="name",
            code_field="code",
        )
    messages = [str(p) for p in exc.value.problems]
    assert "Feature 1: code “a” belongs to the area Alfa of another kind (District)." in messages
    assert "Feature 2: name “Beta” is already used by the area with code “b”." in messages


def test_names_may_swap_within_one_import() -> None:
    services.area_import_geojson(
        actor=member("coordinator"),
        data=fc(feature("a", "Alfa"), feature("b", "Beta", shifted(0.02))),
        kind="custom",
        name_field="name",
        code_field="code",
    )
    services.area_import_geojson(
        actor=member("coordinator"),
        data=fc(feature("a", "Beta"), feature("b", "Alfa", shifted(0.02))),
        kind="custom",
        name_field="name",
        code_field="code",
    )
    assert Area.objects.get(code="a").name == "Beta"


def test_update_existing_false_refuses_known_codes() -> None:
    import_municipalities()
    with pytest.raises(services.AreaImportRefused, match="already exists"):
        import_municipalities(update_existing=False)


def test_wrong_field_names_listed_with_the_available_ones() -> None:
    with pytest.raises(services.AreaImportRefused) as exc:
        services.area_import_geojson(
            actor=member("coordinator"),
            data=data_path(MUNICIPALITIES).read_bytes(),
            kind="custom",
            name_field="NAMN",
            code_field="id",
        )
    assert str(exc.value) == (
        "No feature has the property “NAMN”. Properties in the file: "
        "“geo_point_2d”, “id”, “kom_namn”, “lan_code”."
    )


def test_file_level_refusals() -> None:
    with pytest.raises(services.AreaImportRefused, match="Unknown kind"):
        services.area_import_geojson(
            actor=member("coordinator"), data=b"{}", kind="county", name_field="n", code_field="c"
        )
    with pytest.raises(services.AreaImportRefused, match="year of the population"):
        services.area_import_geojson(
            actor=member("coordinator"),
            data=b"{}",
            kind="custom",
            name_field="n",
            code_field="c",
            population_field="p",
        )
    with pytest.raises(services.AreaImportRefused, match="not valid JSON"):
        services.area_import_geojson(
            actor=member("coordinator"), data=b"{", kind="custom", name_field="n", code_field="c"
        )


def test_wrong_declared_crs_refused_nothing_saved() -> None:
    doc = read_json(MUNICIPALITIES)
    doc["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3006"}}
    with pytest.raises(services.AreaImportRefused, match="do not fit EPSG:3006"):
        services.area_import_geojson(
            actor=member("coordinator"),
            data=doc,
            kind="custom",
            name_field="kom_namn",
            code_field="id",
        )
    assert not Area.objects.exists()


def test_all_or_nothing_when_a_write_fails_midway(monkeypatch) -> None:
    """A failure after some areas were written rolls the whole import back."""
    target = "samtrygg.areas.services.areas.set_population"
    original = importlib.import_module("samtrygg.areas.services.areas").set_population
    calls = {"n": 0}

    def failing(area: Area, year: int, population: int) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return original(area, year, population)

    monkeypatch.setattr(target, failing)
    with pytest.raises(RuntimeError):
        services.area_import_geojson(
            actor=member("coordinator"),
            data=data_path("districts_sweref99tm.geojson").read_bytes(),
            kind="district",
            name_field="NAMN",
            code_field="KOD",
            population_field="BEF",
            population_year=2024,
        )
    assert not Area.objects.exists() and not AreaPopulation.objects.exists()


# --- Single areas and the hook -----------------------------------------------------------


def test_create_update_delete_notify(django_capture_on_commit_callbacks, area_changes) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        area = services.area_create(
            actor=member("coordinator"),
            name="Ritat",
            code="drawn",
            kind="custom",
            geometry=SQUARE,
            population=10,
            population_year=2024,
        )
    assert area_changes.calls == [[area.pk]]
    assert (area.population, area.population_year) == (10, 2024)

    # A change without new geometry (name, population) does not re-assign incidents.
    with django_capture_on_commit_callbacks(execute=True):
        services.area_update(
            actor=member("coordinator"),
            area=area,
            name="Ritat 2",
            code="drawn",
            kind="custom",
            population=12,
            population_year=2025,
        )
    assert area_changes.calls == [[area.pk]]
    area.refresh_from_db()
    assert (area.name, area.population, area.population_year) == ("Ritat 2", 12, 2025)

    with django_capture_on_commit_callbacks(execute=True):
        services.area_update(
            actor=member("coordinator"),
            area=area,
            name="Ritat 2",
            code="drawn",
            kind="custom",
            geometry=shifted(0.01),
        )
    assert area_changes.calls == [[area.pk], [area.pk]]

    pk = area.pk
    with django_capture_on_commit_callbacks(execute=True):
        services.area_delete(actor=member("coordinator"), area=area)
    assert area_changes.calls[-1] == [pk]
    assert not Area.objects.filter(pk=pk).exists()


def test_hook_not_called_when_transaction_rolls_back(
    django_capture_on_commit_callbacks, area_changes: ChangeRecorder
) -> None:
    from django.db import transaction

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.area_create(
            actor=member("coordinator"), name="X", code="x", kind="custom", geometry=SQUARE
        )
        raise RuntimeError
    assert area_changes.calls == []


def test_create_validation_errors_by_field() -> None:
    services.area_create(
        actor=member("coordinator"), name="Alfa", code="a", kind="custom", geometry=SQUARE
    )
    with pytest.raises(ValidationError) as exc:
        services.area_create(
            actor=member("coordinator"),
            name="alfa",
            code="a",
            kind="custom",
            geometry={"type": "Point", "coordinates": [16.5, 59.6]},
            population=5,
        )
    errors = exc.value.message_dict
    assert set(errors) == {"name", "code", "geometry", "population_year"}
    assert "Point" in errors["geometry"][0]


def test_create_from_sweref_upload() -> None:
    doc = read_json("districts_sweref99tm.geojson")
    one = {"type": "FeatureCollection", "crs": doc["crs"], "features": doc["features"][:1]}
    area = services.area_create(
        actor=member("coordinator"),
        name="Från fil",
        code="file",
        kind="district",
        geometry=json.dumps(one).encode(),
    )
    assert area.area_km2 == pytest.approx(1.0)


def test_index_cache_follows_changes() -> None:
    area = services.area_create(
        actor=member("coordinator"), name="A", code="a", kind="custom", geometry=SQUARE
    )
    first = selectors.area_index()
    assert selectors.area_index() is first  # cached
    assert selectors.area_ids_at(lon=16.505, lat=59.602) == [area.pk]
    services.area_update(
        actor=member("coordinator"),
        area=area,
        name="A",
        code="a",
        kind="custom",
        geometry=shifted(0.05),
    )
    assert selectors.area_ids_at(lon=16.505, lat=59.602) == []
    assert selectors.area_ids_at(lon=16.555, lat=59.602) == [area.pk]
    services.area_delete(actor=member("coordinator"), area=area)
    assert len(selectors.area_index()) == 0


def test_area_index_by_kind() -> None:
    d = services.area_create(
        actor=member("coordinator"), name="D", code="d", kind="district", geometry=SQUARE
    )
    c = services.area_create(
        actor=member("coordinator"), name="C", code="c", kind="custom", geometry=SQUARE
    )
    assert sorted(selectors.area_index().ids.tolist()) == sorted([d.pk, c.pk])
    assert selectors.area_index(kinds=["district"]).ids.tolist() == [d.pk]


# --- Places ------------------------------------------------------------------------------


def test_place_create_update_delete() -> None:
    place = services.place_create(
        actor=member("coordinator"), name=" Stora torget ", lon=16.5446, lat=59.6106, radius_m=80
    )
    assert place.name == "Stora torget"
    assert 580_000 < place.x < 600_000 and 6_600_000 < place.y < 6_620_000
    services.place_update(
        actor=member("coordinator"), place=place, name="Torget", lon=16.55, lat=59.61, radius_m=None
    )
    place.refresh_from_db()
    assert (place.name, place.radius_m, place.lon) == ("Torget", None, 16.55)
    services.place_delete(actor=member("coordinator"), place=place)
    assert not Place.objects.exists()


def test_place_validation() -> None:
    with pytest.raises(ValidationError) as exc:
        services.place_create(actor=member("coordinator"), name="", lon=2.35, lat=48.85, radius_m=0)
    assert set(exc.value.message_dict) == {"name", "lon", "lat", "radius_m"}


def test_geometry_stored_in_4326_does_not_mutate_input() -> None:
    data = copy.deepcopy(SQUARE)
    services.area_create(
        actor=member("coordinator"), name="A", code="a", kind="custom", geometry=data
    )
    assert data == SQUARE
