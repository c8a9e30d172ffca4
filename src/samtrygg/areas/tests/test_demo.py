"""The Västerås demo areas: a partition of the municipality, stable codes, idempotent."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from samtrygg.areas import demo, selectors
from samtrygg.areas.models import Area, AreaPopulation, Place
from samtrygg.core.demo_support import DemoContext
from samtrygg.testing.actors import demo_context

pytestmark = pytest.mark.django_db


def build() -> DemoContext:
    ctx = demo_context(quick=True)
    demo.build(ctx)
    return ctx


def test_demo_builds_once_and_is_idempotent() -> None:
    first = build()
    n = len(demo.DEMO_DISTRICTS)
    assert first.created == {"areas": n + 2, "places": len(demo.DEMO_PLACES)}
    second = build()
    assert second.created == {}
    assert Area.objects.count() == n + 2 and Place.objects.count() == len(demo.DEMO_PLACES)


def test_districts_partition_the_municipality() -> None:
    build()
    municipality = Area.objects.get(code=demo.DEMO_MUNICIPALITY_CODE)
    outline = shapely.from_wkb(bytes(municipality.geometry_3006))
    rng = np.random.default_rng(1)
    x0, y0, x1, y1 = outline.bounds
    x, y = rng.uniform(x0, x1, 20_000), rng.uniform(y0, y1, 20_000)
    inside = shapely.contains_xy(outline, x, y)
    x, y = x[inside], y[inside]
    index = selectors.area_index(kinds=["district"])
    points, _areas = index.pairs(x, y)
    counts = np.bincount(points, minlength=x.size)
    assert np.all(counts == 1), "every point of the municipality is in exactly one district"


def test_codes_centres_and_populations() -> None:
    build()
    total = sum(d.population for d in demo.DEMO_DISTRICTS)
    assert 155_000 <= total <= 165_000
    names = {d.name for d in demo.DEMO_DISTRICTS}
    for required in [
        "Centrum",
        "Bäckby",
        "Råby",
        "Vallby",
        "Hammarby",
        "Skallberget",
        "Pettersberg",
        "Viksäng",
        "Malmaberg",
        "Hälla",
        "Erikslund",
        "Skiljebo",
        "Kristiansborg",
        "Önsta-Gryta",
        "Gideonsberg",
        "Haga",
    ]:
        assert required in names
    for district in demo.DEMO_DISTRICTS:
        area = Area.objects.get(code=district.code)
        assert (area.population, area.population_year) == (district.population, 2024)
        assert area.populations.count() == 2
        # The district's own centre lies in it.
        assert area.pk in selectors.area_ids_at(lon=district.lon, lat=district.lat)
    municipality = Area.objects.get(code=demo.DEMO_MUNICIPALITY_CODE)
    assert municipality.population == total
    assert AreaPopulation.objects.filter(year=2023).count() == len(demo.DEMO_DISTRICTS) + 2


def test_vulnerable_area_lies_inside_backby() -> None:
    build()
    backby = Area.objects.get(code="district-backby")
    vulnerable = Area.objects.get(code=demo.DEMO_VULNERABLE_AREA_CODE)
    assert vulnerable.kind == "vulnerable_area"
    inner = shapely.from_wkb(bytes(vulnerable.geometry_3006))
    outer = shapely.from_wkb(bytes(backby.geometry_3006))
    assert outer.buffer(0.01).contains(inner) and inner.area < outer.area
    assert vulnerable.population < backby.population  # type: ignore[operator]


def test_places_lie_in_the_municipality() -> None:
    build()
    municipality = Area.objects.get(code=demo.DEMO_MUNICIPALITY_CODE)
    for place in Place.objects.all():
        assert municipality.pk in selectors.area_ids_at(lon=place.lon, lat=place.lat)
