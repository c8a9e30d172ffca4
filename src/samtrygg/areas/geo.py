"""Reading area geometry from GeoJSON: coordinate system, geometry type, validity.

Pure functions (no database): ``read_feature_collection`` for imports and
``read_geometry`` for one drawn or uploaded polygon. Both accept EPSG:4326 (lon/lat) or
EPSG:3006 (SWEREF 99 TM metres), taken from the ``crs`` argument, the file's ``crs``
member, or the range of the coordinates, and refuse coordinates that fit neither or that
contradict what was declared.

Invalid polygons are repaired with ``shapely.make_valid`` only when that is safe: the
result is still polygonal and its area differs by less than 1 % from the area the rings
enclose. The bow-tie is the typical safe case (its two lobes are kept); a hole outside its
shell or overlapping parts of a multipolygon are refused.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

import shapely
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samtrygg.areas.spatial import project_geometry
from samtrygg.core import jsonlimits
from samtrygg.core.numbers import percent

WGS84 = "EPSG:4326"
SWEREF99TM = "EPSG:3006"
SUPPORTED_CRS = (WGS84, SWEREF99TM)

#: Sweden with a margin, in each system: (min x, min y, max x, max y).
SWEDEN_LONLAT = (9.5, 54.5, 25.0, 69.5)
SWEDEN_3006 = (100_000.0, 6_000_000.0, 1_100_000.0, 7_800_000.0)

#: A repair may change the area by less than this fraction.
MAX_REPAIR_AREA_CHANGE = 0.01
# ~2 m at Swedish latitudes: invisible on a street map, and it drops survey-grade detail.
DISPLAY_TOLERANCE_DEGREES = 0.00002

_EPSG_RE = re.compile(r"EPSG(?::|/)+(?:[\d.]*(?::|/)+)?(\d+)$", re.IGNORECASE)


class GeometryRefused(ValueError):
    """The input cannot be used; the message says why (translated)."""


@dataclass(frozen=True)
class Geometry:
    """A valid polygonal geometry in both systems."""

    wgs84: shapely.Geometry
    sweref: shapely.Geometry
    #: Set when the input was invalid and repaired: what was wrong and what was done.
    repair: str = ""

    def geojson(self) -> dict[str, Any]:
        return geometry_to_geojson(self.wgs84)

    def display_geojson(self) -> dict[str, Any]:
        return display_geometry(self.wgs84)


@dataclass(frozen=True)
class Feature:
    number: int  # 1-based position in the file
    properties: dict[str, Any]
    geometry: Geometry


@dataclass
class FeatureProblem:
    number: int | None  # 1-based feature number; None for the file as a whole
    message: str

    def __str__(self) -> str:
        if self.number is None:
            return self.message
        return _("Feature %(number)d: %(message)s") % {
            "number": self.number,
            "message": self.message,
        }


@dataclass
class ReadResult:
    crs: str
    crs_source: str  # "argument", "file" or "coordinates"
    features: list[Feature] = field(default_factory=list)
    problems: list[FeatureProblem] = field(default_factory=list)


def normalise_crs(value: Any) -> str | None:
    """``EPSG:4326``/``EPSG:3006`` for the names GeoJSON files and users give them."""
    if value is None or value == "":
        return None
    if isinstance(value, dict):  # a GeoJSON ``crs`` member (2008 spec)
        props = value.get("properties") or {}
        if value.get("type") == "EPSG" and "code" in props:
            value = f"EPSG:{props['code']}"
        else:
            value = props.get("name", "")
    text = str(value).strip()
    if text.upper().endswith("CRS84") or text.upper() == "WGS84":
        return WGS84
    match = _EPSG_RE.search(text)
    code = match.group(1) if match else (text if text.isdigit() else None)
    if code is None:
        raise GeometryRefused(
            _("Unknown coordinate reference system “%(crs)s”; use EPSG:4326 or EPSG:3006.")
            % {"crs": text}
        )
    crs = f"EPSG:{int(code)}"
    if crs not in SUPPORTED_CRS:
        raise GeometryRefused(
            _("Coordinate reference system %(crs)s is not supported; use EPSG:4326 or EPSG:3006.")
            % {"crs": crs}
        )
    return crs


def parse_json(data: bytes | str | dict[str, Any]) -> dict[str, Any]:
    if isinstance(data, dict):
        return data
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise GeometryRefused(_("The file is not UTF-8 text.")) from exc
    try:
        parsed = jsonlimits.loads(data)
    except jsonlimits.JSONTooDeep as exc:
        raise GeometryRefused(
            _("The file nests deeper than %(depth)d levels; GeoJSON never needs that.")
            % {"depth": exc.limit}
        ) from None
    except json.JSONDecodeError as exc:
        raise GeometryRefused(
            _("The file is not valid JSON (line %(line)d, column %(column)d: %(error)s).")
            % {"line": exc.lineno, "column": exc.colno, "error": exc.msg}
        ) from exc
    if not isinstance(parsed, dict):
        raise GeometryRefused(_("The file is not a GeoJSON object."))
    return parsed


def read_feature_collection(data: bytes | str | dict[str, Any], *, crs: str | None) -> ReadResult:
    """Every feature's geometry, validated (and safely repaired) in both systems.

    Raises ``GeometryRefused`` for problems with the file as a whole; problems with single
    features are collected in ``ReadResult.problems`` so that all of them can be reported.
    """
    doc = parse_json(data)
    if doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        raise GeometryRefused(
            _("The file is not a GeoJSON FeatureCollection (its type is “%(type)s”).")
            % {"type": doc.get("type")}
        )
    raw_features = doc["features"]
    if not raw_features:
        raise GeometryRefused(_("The file has no features."))
    parsed: list[tuple[int, dict[str, Any], shapely.Geometry]] = []
    problems: list[FeatureProblem] = []
    for number, raw in enumerate(raw_features, start=1):
        if not isinstance(raw, dict) or raw.get("type") != "Feature":
            problems.append(FeatureProblem(number, _("not a GeoJSON Feature.")))
            continue
        properties = raw.get("properties") or {}
        if not isinstance(properties, dict):
            problems.append(FeatureProblem(number, _("its properties are not an object.")))
            continue
        try:
            geom = _shape(raw.get("geometry"))
        except GeometryRefused as exc:
            problems.append(FeatureProblem(number, str(exc)))
            continue
        parsed.append((number, properties, geom))
    if not parsed:
        raise GeometryRefused(
            _("No feature has a usable geometry: %(problems)s")
            % {"problems": "; ".join(str(p) for p in problems[:5])}
        )
    chosen, source = _decide_crs([g for _n, _p, g in parsed], argument=crs, declared=doc.get("crs"))
    result = ReadResult(crs=chosen, crs_source=source, problems=problems)
    for number, properties, geom in parsed:
        try:
            geometry = _finish(geom, chosen)
        except GeometryRefused as exc:
            result.problems.append(FeatureProblem(number, str(exc)))
            continue
        result.features.append(Feature(number=number, properties=properties, geometry=geometry))
    result.problems.sort(key=lambda p: p.number or 0)
    return result


def read_geometry(data: bytes | str | dict[str, Any], *, crs: str | None = None) -> Geometry:
    """One area's geometry from a GeoJSON geometry, Feature, or FeatureCollection of one."""
    doc = parse_json(data)
    declared = doc.get("crs")
    if doc.get("type") == "FeatureCollection":
        features = doc.get("features") or []
        if len(features) != 1:
            raise GeometryRefused(
                _("Expected one feature, found %(count)d; use the import page for several areas.")
                % {"count": len(features)}
            )
        doc = features[0] if isinstance(features[0], dict) else {}
    if doc.get("type") == "Feature":
        doc = doc.get("geometry") or {}
    geom = _shape(doc)
    chosen, _source = _decide_crs([geom], argument=crs, declared=declared)
    return _finish(geom, chosen)


def geometry_to_geojson(geom: shapely.Geometry, *, digits: int = 7) -> dict[str, Any]:
    """GeoJSON geometry with coordinates rounded (7 decimals of a degree ≈ 1 cm)."""
    rounded = shapely.transform(geom, lambda xy: xy.round(digits))
    result: dict[str, Any] = json.loads(shapely.to_geojson(rounded))
    return result


def display_geometry(geom: shapely.Geometry) -> dict[str, Any]:
    """The geometry simplified for maps: corners closer than ~2 m to the line dropped,
    coordinates to 6 decimals (~0.1 m); the topology (no self-crossing) kept."""
    simplified = shapely.simplify(geom, DISPLAY_TOLERANCE_DEGREES, preserve_topology=True)
    return geometry_to_geojson(simplified, digits=6)


def _shape(geometry: Any) -> shapely.Geometry:
    if not isinstance(geometry, dict) or "type" not in geometry:
        raise GeometryRefused(_("it has no geometry."))
    kind = geometry.get("type")
    if kind not in ("Polygon", "MultiPolygon"):
        raise GeometryRefused(
            _("its geometry is a %(type)s; only Polygon and MultiPolygon are accepted.")
            % {"type": kind}
        )
    try:
        geom = shapely.from_geojson(json.dumps(geometry))
    except (shapely.errors.GEOSException, ValueError, TypeError) as exc:
        raise GeometryRefused(
            _("its coordinates cannot be read (%(error)s).") % {"error": _short(exc)}
        ) from exc
    if geom is None or geom.is_empty:
        raise GeometryRefused(_("its geometry is empty."))
    geom = shapely.force_2d(geom)
    coords = shapely.get_coordinates(geom)
    if len(coords) > settings.AREA_MAX_VERTICES:
        raise GeometryRefused(
            _(
                "its geometry has %(count)s corners; at most %(max)s are accepted. "
                "Simplify it first (e.g. in QGIS: Vector → Geometry tools → Simplify)."
            )
            % {"count": len(coords), "max": settings.AREA_MAX_VERTICES}
        )
    if not all(math.isfinite(v) for v in coords.ravel()):
        raise GeometryRefused(_("its coordinates contain non-numbers."))
    return geom


def _within(bounds: tuple[float, float, float, float], box: tuple[float, ...]) -> bool:
    return (
        bounds[0] >= box[0] and bounds[1] >= box[1] and bounds[2] <= box[2] and bounds[3] <= box[3]
    )


def _decide_crs(
    geoms: list[shapely.Geometry], *, argument: str | None, declared: Any
) -> tuple[str, str]:
    chosen_arg = normalise_crs(argument)
    chosen_file = normalise_crs(declared) if declared else None
    if chosen_arg and chosen_file and chosen_arg != chosen_file:
        raise GeometryRefused(
            _("You chose %(chosen)s, but the file declares %(declared)s.")
            % {"chosen": chosen_arg, "declared": chosen_file}
        )
    bounds = shapely.total_bounds(geoms)
    box = (float(bounds[0]), float(bounds[1]), float(bounds[2]), float(bounds[3]))
    looks_lonlat = _within(box, SWEDEN_LONLAT)
    looks_sweref = _within(box, SWEDEN_3006)
    looks_latlon = _within((box[1], box[0], box[3], box[2]), SWEDEN_LONLAT)
    extent = _("x from %(x0)s to %(x1)s, y from %(y0)s to %(y1)s") % {
        "x0": f"{box[0]:.6g}",
        "x1": f"{box[2]:.6g}",
        "y0": f"{box[1]:.6g}",
        "y1": f"{box[3]:.6g}",
    }
    hint = ""
    if looks_sweref:
        hint = _("They look like SWEREF 99 TM metres (EPSG:3006).")
    elif looks_lonlat:
        hint = _("They look like longitude/latitude degrees (EPSG:4326).")
    elif looks_latlon:
        hint = _("They look like latitude/longitude in the wrong order (GeoJSON wants lon, lat).")
    chosen = chosen_arg or chosen_file
    if chosen is not None:
        source = "argument" if chosen_arg else "file"
        fits = looks_lonlat if chosen == WGS84 else looks_sweref
        if not fits:
            raise GeometryRefused(
                " ".join(
                    [
                        _(
                            "The coordinates (%(extent)s) do not fit %(crs)s within Sweden, "
                            "which %(who)s declared."
                        )
                        % {
                            "extent": extent,
                            "crs": chosen,
                            "who": _("you") if source == "argument" else _("the file"),
                        },
                        hint,
                    ]
                ).strip()
            )
        return chosen, source
    if looks_lonlat:
        return WGS84, "coordinates"
    if looks_sweref:
        return SWEREF99TM, "coordinates"
    raise GeometryRefused(
        " ".join(
            [
                _(
                    "The coordinates (%(extent)s) fit neither longitude/latitude (EPSG:4326) "
                    "nor SWEREF 99 TM (EPSG:3006) within Sweden."
                )
                % {"extent": extent},
                hint,
            ]
        ).strip()
    )


def _finish(geom: shapely.Geometry, crs: str) -> Geometry:
    """Validate (and safely repair) in the source system, then project."""
    repaired, note = repair_polygonal(geom)
    if crs == WGS84:
        wgs84 = repaired
        sweref = project_geometry(repaired, WGS84, SWEREF99TM)
    else:
        sweref = repaired
        wgs84 = project_geometry(repaired, SWEREF99TM, WGS84)
    if not sweref.is_valid:  # projection can, rarely, make a tight spot invalid
        sweref, _extra = repair_polygonal(sweref)
    if sweref.area <= 0:
        raise GeometryRefused(_("its polygon has no area."))
    return Geometry(wgs84=wgs84, sweref=sweref, repair=note)


def repair_polygonal(geom: shapely.Geometry) -> tuple[shapely.Geometry, str]:
    """``(geom, "")`` if valid, else the safely repaired geometry and a note; raises
    ``GeometryRefused`` when the repair is not safe."""
    if geom.is_valid:
        if geom.area <= 0:
            raise GeometryRefused(_("its polygon has no area."))
        return geom, ""
    reason = shapely.is_valid_reason(geom)
    fixed = shapely.make_valid(geom)
    parts = [p for p in shapely.get_parts(fixed) if p.geom_type in ("Polygon", "MultiPolygon")]
    dropped = len(shapely.get_parts(fixed)) - len(parts)
    if not parts:
        raise GeometryRefused(
            _(
                "its polygon is invalid (%(reason)s) and cannot be repaired: nothing with an area "
                "remains."
            )
            % {"reason": reason}
        )
    polygonal = shapely.union_all(parts) if len(parts) > 1 else parts[0]
    if polygonal.geom_type not in ("Polygon", "MultiPolygon"):
        polygonal = shapely.MultiPolygon(
            [p for p in shapely.get_parts(polygonal) if p.geom_type == "Polygon"]
        )
    enclosed = _enclosed_area(geom)
    change = abs(polygonal.area - enclosed) / enclosed if enclosed > 0 else math.inf
    if change >= MAX_REPAIR_AREA_CHANGE or polygonal.area <= 0:
        raise GeometryRefused(
            _(
                "its polygon is invalid (%(reason)s) and the repair would change its area by "
                "%(change)s, more than 1 %%, so it is refused. Fix the polygon and upload it "
                "again."
            )
            % {"reason": reason, "change": _percent(change)}
        )
    note = _("invalid polygon (%(reason)s) repaired; area changed by %(change)s") % {
        "reason": reason,
        "change": _percent(change),
    }
    if dropped:
        note += ngettext(
            "; %(count)d line or point fragment dropped",
            "; %(count)d line or point fragments dropped",
            dropped,
        ) % {"count": dropped}
    if polygonal.geom_type == "MultiPolygon" and geom.geom_type == "Polygon":
        note += _("; now %(count)d parts") % {"count": len(polygonal.geoms)}
    return polygonal, note


def _ring_area(ring: Any) -> float:
    """Area a ring encloses, even when it crosses itself (each lobe counted once)."""
    coords = list(ring.coords)
    if len(coords) < 4:
        return 0.0
    polygon = shapely.Polygon(coords)
    if polygon.is_valid:
        return float(polygon.area)
    return float(shapely.make_valid(polygon).area)


def _enclosed_area(geom: shapely.Geometry) -> float:
    total = 0.0
    for polygon in shapely.get_parts(geom):
        total += _ring_area(polygon.exterior)
        total -= sum(_ring_area(ring) for ring in polygon.interiors)
    return total


def _percent(change: float) -> str:
    if math.isinf(change):
        return "∞ %"
    return percent(change * 100, 2)


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]
