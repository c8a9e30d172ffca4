"""Fixtures for the incidents tests: two areas in Västerås, a source organisation."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import shapely
from shapely.geometry import box, mapping

from samtrygg.accounts.models import Organisation, OrganisationKind
from samtrygg.areas.models import Area
from samtrygg.areas.spatial import project_geometry


def make_area(code: str, bounds: tuple[float, float, float, float], kind: str = "district") -> Area:
    """An area from a lon/lat box (min_lon, min_lat, max_lon, max_lat)."""
    geom = box(*bounds)
    projected = project_geometry(geom, "EPSG:4326", "EPSG:3006")
    min_x, min_y, max_x, max_y = projected.bounds
    return Area.objects.create(
        name=code.title(),
        code=code,
        kind=kind,
        geometry=mapping(geom),
        geometry_3006=shapely.to_wkb(projected),
        min_x=min_x,
        min_y=min_y,
        max_x=max_x,
        max_y=max_y,
        area_km2=projected.area / 1e6,
    )


def set_area_bounds(area: Area, bounds: tuple[float, float, float, float]) -> None:
    geom = box(*bounds)
    projected = project_geometry(geom, "EPSG:4326", "EPSG:3006")
    area.geometry = mapping(geom)
    area.geometry_3006 = shapely.to_wkb(projected)
    area.min_x, area.min_y, area.max_x, area.max_y = projected.bounds
    area.area_km2 = projected.area / 1e6
    area.save()


@pytest.fixture
def areas(db: Any) -> dict[str, Area]:
    from samtrygg.areas import selectors

    if hasattr(selectors, "area_index_clear"):
        selectors.area_index_clear()
    return {
        "west": make_area("test-west", (16.50, 59.60, 16.55, 59.62)),
        "east": make_area("test-east", (16.55, 59.60, 16.60, 59.62)),
    }


@pytest.fixture
def source(db: Any) -> Organisation:
    return Organisation.objects.create(
        name="Bostadsbolaget Test", code="bostad-import", kind=OrganisationKind.HOUSING_COMPANY
    )


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    def write(rows: list[dict[str, Any]], name: str = "in.csv", delimiter: str = ",") -> Path:
        path = tmp_path / name
        fields: list[str] = []
        for row in rows:
            fields.extend(k for k in row if k not in fields)
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields, delimiter=delimiter)
            writer.writeheader()
            writer.writerows(rows)
        return path

    return write


@pytest.fixture
def default_taxonomy(transactional_db: Any) -> None:
    """Transactional tests start from a flushed database: put the categories back."""
    from samtrygg.incidents.taxonomy import install_defaults

    install_defaults()
