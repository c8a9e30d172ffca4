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
from samtrygg.testing.actors import member

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
                    actor=member("coordinator"),
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


def ensure_taxonomy() -> None:
    """The default categories (a data migration) are gone after a transactional test's
    flush; put back the missing ones."""
    from samtrygg.incidents.taxonomy import CATEGORIES

    existing = set(Category.objects.values_list("code", flat=True))
    for code, name_sv, name_en, group, colour, harm, near_repeat, order in CATEGORIES:
        if code not in existing:
            Category.objects.create(
                code=code,
                name_sv=name_sv,
                name_en=name_en,
                group=group,
                colour=colour,
                harm_weight=harm,
                near_repeat=near_repeat,
                order=order,
            )


def write_incidents(
    rows: Sequence[Row], *, organisation: Any, system: str = "form", prefix: str = "r"
) -> list[int]:
    """Write ``rows`` as incidents of ``organisation``; returns their ids."""
    ensure_taxonomy()
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


def at(day: str, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, minute=minute)


# Points well inside each 1 km square (T00 south-west, T01 north-west, T10 south-east, …)
A = (X0 + 300.0, Y0 + 300.0)  # T00
A2 = (X0 + 320.0, Y0 + 330.0)
B = (X0 + 1500.0, Y0 + 400.0)  # T10
B2 = (X0 + 1560.0, Y0 + 430.0)
C = (X0 + 500.0, Y0 + 1500.0)  # T01


def build_town(world: Any) -> dict[str, Area]:
    """March 2026 in four districts (population 1,000 each):

    * T00: three vandalism reports (Mon 2 March 10:00, Mon 9 March 10:00, Mon 16 March 22:00)
    * T10: two residential burglaries (Fri 20 March 02:00, Sat 21 March 03:00), 60 m apart
    * no point: one police-feed notice of vandalism (Thu 5 March 12:00, municipality)
    * T01: one restricted (police-only) burglary (Tue 10 March 09:00)
    * February 2026: one vandalism in T00; March 2025: four vandalism reports in T00 (the
      housing company's first reports: its record begins on 3 March 2025).
    * 20 January 2025: a police-feed notice of vandalism (the police's record begins).
    """
    areas = {a.code: a for a in grid_areas()}
    org = world.organisations["housing"]
    police = world.organisations["police"]
    write_incidents(
        [
            Row(at("2026-03-02", 10), "skadegorelse", A),
            Row(at("2026-03-09", 10), "skadegorelse", A2),
            Row(at("2026-03-16", 22), "skadegorelse", A),
            Row(at("2026-03-20", 2), "inbrott-bostad", B),
            Row(at("2026-03-21", 3), "inbrott-bostad", B2),
            Row(at("2026-02-10", 12), "skadegorelse", A),
            *(Row(at(f"2025-03-{d:02d}", 15), "skadegorelse", A) for d in (3, 10, 17, 24)),
        ],
        organisation=org,
    )
    write_incidents(
        [
            Row(at("2026-03-05", 12), "skadegorelse", None, classification="open"),
            Row(at("2025-01-20", 12), "skadegorelse", None, classification="open"),
        ],
        organisation=police,
        system="police_feed",
        prefix="feed",
    )
    write_incidents(
        [Row(at("2026-03-10", 9), "inbrott-bostad", C, classification="restricted")],
        organisation=police,
        system="import",
        prefix="restricted",
    )
    return areas
