"""Test data for the situation tests and the benchmark: square areas and incidents
written through the incidents app's bulk writer (with its area assignment)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import transaction

from samtrygg.areas.models import Area
from samtrygg.areas.selectors import area_index
from samtrygg.areas.services import area_create
from samtrygg.areas.spatial import to_4326
from samtrygg.incidents.bulk import IncidentColumns, IncidentWriter
from samtrygg.incidents.models import Category

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
#: South-west corner of the test areas (SWEREF 99 TM, central Västerås).
X0, Y0 = 585_000.0, 6_607_000.0


def square(x: float, y: float, size: float) -> dict[str, Any]:
    return {
        "type": "Polygon",
        "coordinates": [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]],
    }


def grid_areas(
    *,
    nx: int = 2,
    ny: int = 2,
    size: float = 1000.0,
    kind: str = "district",
    population: int | None = 1000,
    year: int = 2026,
    prefix: str = "T",
) -> list[Area]:
    """``nx × ny`` square areas of ``size`` metres, named ``T00``, ``T01``, …
    (column-major from the south-west)."""
    areas = []
    for i in range(nx):
        for j in range(ny):
            areas.append(
                area_create(
                    name=f"{prefix}{i}{j}",
                    code=f"{prefix.lower()}{i}{j}",
                    kind=kind,
                    geometry=square(X0 + i * size, Y0 + j * size, size),
                    crs="EPSG:3006",
                    population=population,
                    population_year=year if population is not None else None,
                )
            )
    return areas


@dataclass
class Row:
    """One incident: local start time, category code, point (or None), classification."""

    at: dt.datetime
    category: str
    xy: tuple[float, float] | None = None
    classification: str = "internal"
    hours: float = 0.0
    precision: str = "exact"


def utc64(values: Sequence[dt.datetime]) -> np.ndarray:
    return np.array(
        [
            np.datetime64(
                v.replace(tzinfo=STOCKHOLM if v.tzinfo is None else v.tzinfo)
                .astimezone(dt.UTC)
                .replace(tzinfo=None),
                "s",
            )
            for v in values
        ],
        dtype="datetime64[s]",
    ).reshape(len(values))


def write_incidents(
    rows: Sequence[Row], *, organisation: Any, system: str = "form", prefix: str = "r"
) -> list[int]:
    """Write ``rows`` as incidents of ``organisation``; returns their ids."""
    categories = dict(Category.objects.values_list("code", "pk"))
    n = len(rows)
    x = np.array([r.xy[0] if r.xy else np.nan for r in rows], dtype=float)
    y = np.array([r.xy[1] if r.xy else np.nan for r in rows], dtype=float)
    lon, lat = to_4326(np.nan_to_num(x, nan=X0), np.nan_to_num(y, nan=Y0))
    lon = np.where(np.isnan(x), np.nan, lon)
    lat = np.where(np.isnan(y), np.nan, lat)
    starts = utc64([r.at for r in rows])
    ends = starts + np.array([int(r.hours * 3600) for r in rows], dtype="timedelta64[s]")
    existing = Area.objects.count()
    with transaction.atomic():
        writer = IncidentWriter(
            source_organisation_id=organisation.pk,
            source_system=system,
            area_index=area_index(),
        )
        result = writer.write(
            IncidentColumns(
                occurred_from=starts,
                occurred_to=ends,
                category_id=np.array([categories[r.category] for r in rows], dtype=np.int64),
                lon=lon,
                lat=lat,
                x=x,
                y=y,
                precision=[r.precision if r.xy else "municipality" for r in rows],
                address=[""] * n,
                description=[""] * n,
                external_id=[
                    f"{prefix}{k}-{existing}-{r.at.isoformat()}" for k, r in enumerate(rows)
                ],
                classification=[r.classification for r in rows],
                reported_at=starts,
            )
        )
    return result.ids
