"""Features of the public picture: only the ``public`` figures of published versions.

A published, not withdrawn ``SituationVersion`` gives two collections:

* ``lagesbild-<id>-omraden`` — one feature per area: the suppressed counts per category
  and in total for the version's period;
* ``lagesbild-<id>-rutor`` — 1 km cells with their suppressed counts (when the version has
  mappable incidents).

Nothing else is read: not the internal figures, not the written sections, not incidents.
Suppressed values are ``null`` and their field names are listed in ``suppressed``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

from samtrygg.areas.spatial import to_4326
from samtrygg.situation.models import SituationVersion
from samtrygg.situation.selectors import public_versions

_ID = re.compile(r"^lagesbild-(\d+)-(omraden|rutor)$")


@dataclass(frozen=True)
class Collection:
    id: str
    version: SituationVersion
    kind: str  # "omraden" or "rutor"

    @property
    def public(self) -> dict[str, Any]:
        return self.version.public or {}

    @property
    def title(self) -> str:
        what = "områden" if self.kind == "omraden" else "rutor 1 km"
        return f"{self.version.title}, version {self.version.number} – {what}"

    @property
    def description(self) -> str:
        period = self.public.get("period", {})
        threshold = self.public.get("threshold", 5)
        return (
            f"Antal händelser {period.get('start')} – {period.get('end')} "
            f"({'per område och kategori' if self.kind == 'omraden' else 'per ruta om 1 km'}). "
            f"Endast öppna och interna händelser; antal från 1 till {threshold - 1} "
            "redovisas inte (null), och fler värden döljs så att de inte kan räknas fram."
        )


def field_name(code: str) -> str:
    return "cat_" + re.sub(r"[^a-z0-9_]", "_", code.lower())


def collections() -> list[Collection]:
    out = []
    for version in public_versions():
        out.append(Collection(f"lagesbild-{version.pk}-omraden", version, "omraden"))
        if (version.public or {}).get("grid"):
            out.append(Collection(f"lagesbild-{version.pk}-rutor", version, "rutor"))
    return out


def collection_get(collection_id: str) -> Collection | None:
    match = _ID.match(collection_id)
    if not match:
        return None
    version = public_versions().filter(pk=int(match.group(1))).first()
    if version is None:
        return None
    if match.group(2) == "rutor" and not (version.public or {}).get("grid"):
        return None
    return Collection(collection_id, version, match.group(2))


def _common(c: Collection) -> dict[str, Any]:
    period = c.public.get("period", {})
    return {
        "report": c.version.title,
        "version": c.version.number,
        "period_start": period.get("start"),
        "period_end": period.get("end"),
    }


def _area_features(c: Collection) -> list[dict[str, Any]]:
    pub = c.public
    table = pub["table"]
    cats = pub["categories"]
    features = []
    for i, area in enumerate(pub["areas"]):
        if not area.get("geometry"):
            continue
        props: dict[str, Any] = {
            "area_code": area["code"],
            "area_name": area["name"],
            "area_kind": area["kind"],
            **_common(c),
        }
        suppressed = []
        total = table["row_totals"][i]
        props["total"] = total
        if total is None:
            suppressed.append("total")
        population = area.get("population")
        props["population"] = population
        props["per_1000_inhabitants"] = (
            round(total / population * 1000.0, 2) if total is not None and population else None
        )
        for j, cat in enumerate(cats):
            name = field_name(cat["code"])
            value = table["cells"][i][j]
            props[name] = value
            if value is None:
                suppressed.append(name)
        props["suppressed"] = ",".join(suppressed)
        features.append(
            {"type": "Feature", "id": i + 1, "geometry": area["geometry"], "properties": props}
        )
    return features


def _grid_features(c: Collection) -> list[dict[str, Any]]:
    grid = c.public["grid"]
    cells = grid["cells"]
    if not cells:
        return []
    size = grid["cell"]
    ix = np.array([cell[0] for cell in cells], dtype=float)
    iy = np.array([cell[1] for cell in cells], dtype=float)
    x0 = grid["x0"] + ix * size
    y0 = grid["y0"] + iy * size
    xs = np.stack([x0, x0 + size, x0 + size, x0, x0], axis=1)
    ys = np.stack([y0, y0, y0 + size, y0 + size, y0], axis=1)
    lon, lat = to_4326(xs.ravel(), ys.ravel())
    lon = np.round(lon.reshape(xs.shape), 6)
    lat = np.round(lat.reshape(ys.shape), 6)
    features = []
    for k, (cx, cy, value) in enumerate(cells):
        ring = [[float(lon[k, j]), float(lat[k, j])] for j in range(5)]
        features.append(
            {
                "type": "Feature",
                "id": k + 1,
                "geometry": {"type": "Polygon", "coordinates": [ring]},
                "properties": {
                    "cell": f"{int(cx)}_{int(cy)}",
                    "count": value,
                    "suppressed": "count" if value is None else "",
                    **_common(c),
                },
            }
        )
    return features


_cache: dict[tuple[Any, ...], tuple[list[dict[str, Any]], np.ndarray]] = {}


def features(c: Collection) -> tuple[list[dict[str, Any]], np.ndarray]:
    """All features of a collection and their bounding boxes (lon/lat), cached per version
    (a published version never changes)."""
    key = (c.version.pk, c.kind, c.version.content_hash, str(c.version.published_at))
    hit = _cache.get(key)
    if hit is not None:
        return hit
    feats = _area_features(c) if c.kind == "omraden" else _grid_features(c)
    if feats:
        geoms = [shapely.geometry.shape(f["geometry"]) for f in feats]
        boxes = shapely.bounds(np.array(geoms, dtype=object))
    else:
        boxes = np.empty((0, 4))
    if len(_cache) > 256:
        _cache.clear()
    _cache[key] = (feats, boxes)
    return feats, boxes


def extent(c: Collection) -> list[float] | None:
    _feats, boxes = features(c)
    if not len(boxes):
        return None
    return [
        round(float(boxes[:, 0].min()), 6),
        round(float(boxes[:, 1].min()), 6),
        round(float(boxes[:, 2].max()), 6),
        round(float(boxes[:, 3].max()), 6),
    ]


def schema_fields(c: Collection) -> dict[str, str]:
    """Property name → JSON type, for the OpenAPI description."""
    if c.kind == "rutor":
        return {"cell": "string", "count": "integer", "suppressed": "string"}
    fields = {
        "area_code": "string",
        "area_name": "string",
        "area_kind": "string",
        "total": "integer",
        "population": "integer",
        "per_1000_inhabitants": "number",
    }
    for cat in c.public.get("categories", []):
        fields[field_name(cat["code"])] = "integer"
    fields["suppressed"] = "string"
    return fields
