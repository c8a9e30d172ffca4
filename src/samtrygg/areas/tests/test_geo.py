"""Reading GeoJSON: coordinate system detection, refusals, safe repair (no database)."""

from __future__ import annotations

import json
from typing import Any

import pytest
import shapely
from django.utils import translation

from samtrygg.areas import geo
from samtrygg.areas.tests.conftest import read_json

SQUARE_4326 = [[[16.50, 59.60], [16.51, 59.60], [16.51, 59.605], [16.50, 59.605], [16.50, 59.60]]]


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


def collection(*geometries: dict[str, Any], crs: str | None = None) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"code": f"c{i}"}, "geometry": g}
            for i, g in enumerate(geometries)
        ],
    }
    if crs:
        doc["crs"] = {"type": "name", "properties": {"name": crs}}
    return doc


def polygon(coords: Any) -> dict[str, Any]:
    return {"type": "Polygon", "coordinates": coords}


def test_lonlat_detected_from_coordinates() -> None:
    result = geo.read_feature_collection(read_json("vasteras_municipality_1980.geojson"), crs=None)
    assert (result.crs, result.crs_source) == ("EPSG:4326", "coordinates")
    (feature,) = result.features
    # Projected to SWEREF 99 TM: Västerås lies around x 590 km, y 6,610 km.
    minx, miny, maxx, maxy = feature.geometry.sweref.bounds
    assert 540_000 < minx < maxx < 640_000 and 6_580_000 < miny < maxy < 6_650_000
    assert 900 < feature.geometry.sweref.area / 1e6 < 1_400  # km²


def test_sweref_declared_in_the_file() -> None:
    result = geo.read_feature_collection(read_json("districts_sweref99tm.geojson"), crs=None)
    assert (result.crs, result.crs_source) == ("EPSG:3006", "file")
    first = result.features[0].geometry
    assert first.sweref.area == pytest.approx(1_000_000)
    lon, lat = first.wgs84.centroid.x, first.wgs84.centroid.y
    assert lon == pytest.approx(16.5448, abs=1e-4) and lat == pytest.approx(59.6099, abs=1e-4)


def test_sweref_detected_from_coordinates_without_crs_member() -> None:
    doc = read_json("districts_sweref99tm.geojson")
    del doc["crs"]
    result = geo.read_feature_collection(doc, crs=None)
    assert (result.crs, result.crs_source) == ("EPSG:3006", "coordinates")


def test_argument_chooses_the_system() -> None:
    doc = read_json("districts_sweref99tm.geojson")
    del doc["crs"]
    result = geo.read_feature_collection(doc, crs="EPSG:3006")
    assert (result.crs, result.crs_source) == ("EPSG:3006", "argument")


@pytest.mark.parametrize(
    "name",
    [
        "urn:ogc:def:crs:EPSG::3006",
        "EPSG:3006",
        "http://www.opengis.net/def/crs/EPSG/0/3006",
        "urn:ogc:def:crs:EPSG:6.3:3006",
    ],
)
def test_crs_names_for_sweref(name: str) -> None:
    assert geo.normalise_crs(name) == "EPSG:3006"


@pytest.mark.parametrize(
    "name", ["urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326"]
)
def test_crs_names_for_wgs84(name: str) -> None:
    assert geo.normalise_crs(name) == "EPSG:4326"


def test_unsupported_crs_refused() -> None:
    doc = collection(polygon(SQUARE_4326), crs="urn:ogc:def:crs:EPSG::3857")
    with pytest.raises(geo.GeometryRefused, match="EPSG:3857 is not supported"):
        geo.read_feature_collection(doc, crs=None)


def test_declared_sweref_but_lonlat_coordinates_refused() -> None:
    doc = collection(polygon(SQUARE_4326), crs="urn:ogc:def:crs:EPSG::3006")
    with pytest.raises(geo.GeometryRefused) as exc:
        geo.read_feature_collection(doc, crs=None)
    message = str(exc.value)
    assert "do not fit EPSG:3006" in message and "the file declared" in message
    assert "longitude/latitude degrees (EPSG:4326)" in message


def test_declared_wgs84_but_metres_refused() -> None:
    doc = read_json("districts_sweref99tm.geojson")
    doc["crs"]["properties"]["name"] = "urn:ogc:def:crs:OGC:1.3:CRS84"
    with pytest.raises(geo.GeometryRefused, match="SWEREF 99 TM metres"):
        geo.read_feature_collection(doc, crs=None)


def test_argument_contradicting_file_refused() -> None:
    doc = read_json("districts_sweref99tm.geojson")
    with pytest.raises(geo.GeometryRefused, match="You chose EPSG:4326, but the file declares"):
        geo.read_feature_collection(doc, crs="EPSG:4326")


def test_coordinates_fitting_neither_refused() -> None:
    web_mercator = [
        [
            [1_840_000, 8_300_000],
            [1_841_000, 8_300_000],
            [1_841_000, 8_301_000],
            [1_840_000, 8_300_000],
        ]
    ]
    with pytest.raises(geo.GeometryRefused, match="fit neither"):
        geo.read_feature_collection(collection(polygon(web_mercator)), crs=None)


def test_swapped_lat_lon_explained() -> None:
    swapped = [[[lat, lon] for lon, lat in SQUARE_4326[0]]]
    with pytest.raises(geo.GeometryRefused, match="wrong order"):
        geo.read_feature_collection(collection(polygon(swapped)), crs=None)


def test_invalid_json_and_wrong_type_refused() -> None:
    with pytest.raises(geo.GeometryRefused, match="not valid JSON"):
        geo.read_feature_collection(b"{not json", crs=None)
    with pytest.raises(geo.GeometryRefused, match="not a GeoJSON FeatureCollection"):
        geo.read_feature_collection({"type": "Feature"}, crs=None)
    with pytest.raises(geo.GeometryRefused, match="no features"):
        geo.read_feature_collection({"type": "FeatureCollection", "features": []}, crs=None)


def test_non_polygon_features_are_problems_with_their_number() -> None:
    doc = collection(
        polygon(SQUARE_4326),
        {"type": "LineString", "coordinates": [[16.5, 59.6], [16.6, 59.7]]},
        polygon([[[16.5, 59.6], [16.6, 59.6], [16.5, 59.6]]]),  # too few points
    )
    result = geo.read_feature_collection(doc, crs=None)
    assert [f.number for f in result.features] == [1]
    problems = {p.number: str(p) for p in result.problems}
    assert "LineString" in problems[2] and problems[2].startswith("Feature 2:")
    assert "Too few points" in problems[3] and "cannot be repaired" in problems[3]


def test_bow_tie_repaired_and_reported() -> None:
    result = geo.read_feature_collection(read_json("bowtie_repaired.geojson"), crs=None)
    assert not result.problems
    valid, bow = result.features
    assert valid.geometry.repair == ""
    assert "Self-intersection" in bow.geometry.repair and "2 parts" in bow.geometry.repair
    assert bow.geometry.wgs84.geom_type == "MultiPolygon" and bow.geometry.wgs84.is_valid
    assert bow.geometry.sweref.is_valid
    # Both triangles kept: half of the bounding box.
    assert bow.geometry.wgs84.area == pytest.approx(0.5 * 0.02 * 0.01)


def test_hole_outside_shell_refused_with_reason() -> None:
    result = geo.read_feature_collection(read_json("hole_outside_refused.geojson"), crs=None)
    assert [f.number for f in result.features] == [1]
    (problem,) = result.problems
    assert problem.number == 2
    assert "Hole lies outside shell" in problem.message and "refused" in problem.message


def test_overlapping_multipolygon_parts_refused() -> None:
    a = [[[16.50, 59.60], [16.52, 59.60], [16.52, 59.61], [16.50, 59.61], [16.50, 59.60]]]
    b = [[[16.51, 59.60], [16.53, 59.60], [16.53, 59.61], [16.51, 59.61], [16.51, 59.60]]]
    with pytest.raises(geo.GeometryRefused, match="change its area"):
        geo.read_geometry({"type": "MultiPolygon", "coordinates": [a, b]})


def test_tiny_spike_repaired() -> None:
    ring = [
        [16.50, 59.60],
        [16.51, 59.60],
        [16.51, 59.602],
        [16.515, 59.602],
        [16.51, 59.602],
        [16.51, 59.605],
        [16.50, 59.605],
        [16.50, 59.60],
    ]
    geometry = geo.read_geometry(polygon([ring]))
    assert geometry.repair and geometry.wgs84.geom_type == "Polygon"
    assert geometry.wgs84.area == pytest.approx(0.01 * 0.005)


def test_flat_polygon_refused() -> None:
    flat = [[[16.50, 59.60], [16.51, 59.60], [16.52, 59.60], [16.50, 59.60]]]
    with pytest.raises(geo.GeometryRefused, match="nothing with an area remains"):
        geo.read_geometry(polygon(flat))


def test_read_geometry_accepts_feature_and_single_feature_collection() -> None:
    feature = {"type": "Feature", "properties": {}, "geometry": polygon(SQUARE_4326)}
    assert geo.read_geometry(feature).wgs84.equals(shapely.geometry.shape(polygon(SQUARE_4326)))
    one = {"type": "FeatureCollection", "features": [feature]}
    assert geo.read_geometry(json.dumps(one).encode()).wgs84.area > 0
    with pytest.raises(geo.GeometryRefused, match="Expected one feature, found 2"):
        geo.read_geometry({"type": "FeatureCollection", "features": [feature, feature]})


def test_geojson_output_is_rounded_and_plain() -> None:
    geometry = geo.read_geometry(read_json("districts_sweref99tm.geojson")["features"][0])
    out = geometry.geojson()
    assert out["type"] == "Polygon"
    lon, lat = out["coordinates"][0][0]
    assert isinstance(lon, float) and round(lon, 7) == lon and 16 < lon < 17 and 59 < lat < 60
