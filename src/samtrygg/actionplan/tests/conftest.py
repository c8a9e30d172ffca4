"""Fixtures for the action-plan tests: areas, incidents written where and when we say."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from importlib import import_module
from typing import Any

import pytest
import shapely
from django.core.cache import cache
from django.utils import timezone

from samtrygg.areas.models import Area
from samtrygg.areas.spatial import to_4326
from samtrygg.incidents.models import Category, Incident, IncidentArea


@pytest.fixture(autouse=True)
def _fresh_cache() -> Any:
    cache.clear()
    yield
    cache.clear()


def ensure_defaults() -> None:
    """Categories, focus areas and methods come from data migrations; a transactional
    test's flush removes them."""
    from samtrygg.governance.models import FocusArea
    from samtrygg.incidents.taxonomy import install_defaults

    install_defaults()
    focus = import_module("samtrygg.governance.migrations.0002_default_focus_areas")
    for order, (code, name, description) in enumerate(focus.FOCUS_AREAS, start=1):
        FocusArea.objects.get_or_create(
            code=code, defaults={"name": name, "description": description, "order": order}
        )
    methods = import_module("samtrygg.actionplan.migrations.0002_default_methods")
    from samtrygg.actionplan.models import Method

    for code, name_sv, name_en, description, order in methods.METHODS:
        Method.objects.get_or_create(
            code=code,
            defaults={
                "name_sv": name_sv,
                "name_en": name_en,
                "description": description,
                "order": order,
            },
        )


def local(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def point_in(area: Area) -> tuple[float, float]:
    geom = shapely.from_wkb(bytes(area.geometry_3006))
    p = geom.representative_point()
    return float(p.x), float(p.y)


def add_incidents(
    *,
    area: Area | None,
    day: dt.date,
    n: int,
    organisation: Any,
    category: str = "skadegorelse",
    classification: str = "internal",
    hour: int = 12,
    link: bool = True,
    xy: tuple[float, float] | None = None,
) -> list[Incident]:
    """``n`` incidents on ``day`` at a point inside ``area``, linked to it."""
    cat = Category.objects.get(code=category)
    x, y = xy or (point_in(area) if area is not None else (None, None))
    lon = lat = None
    if x is not None and y is not None:
        lon_a, lat_a = to_4326([x], [y])
        lon, lat = float(lon_a[0]), float(lat_a[0])
    when = local(day, hour)
    rows = Incident.objects.bulk_create(
        [
            Incident(
                occurred_from=when,
                occurred_to=when,
                reported_at=when,
                category=cat,
                lon=lon,
                lat=lat,
                x=x,
                y=y,
                precision="exact" if x is not None else "municipality",
                source_organisation=organisation,
                source_system="form",
                classification=classification,
            )
            for _ in range(n)
        ]
    )
    if link and area is not None:
        IncidentArea.objects.bulk_create([IncidentArea(incident=r, area=area) for r in rows])
    return rows


@pytest.fixture
def incidents(world: Any) -> Callable[..., list[Incident]]:
    """``incidents(area=…, day=…, n=…)``: incidents of the housing company (by default)."""

    def make(**kwargs: Any) -> list[Incident]:
        kwargs.setdefault("organisation", world.organisations["housing"])
        return add_incidents(**kwargs)

    return make
