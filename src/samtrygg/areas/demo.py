"""Demo areas of Västerås: districts, Bäckby as a vulnerable area, the municipality, places.

The districts are *approximate*: Voronoi cells around real district centres, clipped to
the municipality's (simplified) boundary, so that every point of the municipality lies in
exactly one district. Their populations (2024) sum to about 160,000. Codes are stable:
other apps' demo builders look areas up by them (``DEMO_DISTRICTS``,
``DEMO_VULNERABLE_AREA_CODE``, ``DEMO_MUNICIPALITY_CODE``).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely

from samtrygg.areas import services
from samtrygg.areas.geo import SWEREF99TM, WGS84, Geometry
from samtrygg.areas.models import Area, AreaKind, AreaPopulation, Place
from samtrygg.areas.spatial import project_geometry, to_3006
from samtrygg.core.demo_support import DemoContext
from samtrygg.core.roles import Role

MUNICIPALITY_FILE = Path(__file__).parent / "demo_data" / "vasteras_municipality_1980.geojson"
POPULATION_YEAR = 2024
PREVIOUS_YEAR = 2023


@dataclass(frozen=True)
class DemoDistrict:
    name: str
    code: str
    lon: float  # approximate centre, WGS84
    lat: float
    population: int  # 2024


def _d(name: str, slug: str, lat: float, lon: float, population: int) -> DemoDistrict:
    return DemoDistrict(name=name, code=f"district-{slug}", lon=lon, lat=lat, population=population)


#: Västerås districts: name, stable code, approximate centre, population 2024 (made up, of
#: realistic size). Sum: about 160,000.
DEMO_DISTRICTS: tuple[DemoDistrict, ...] = (
    _d("Centrum", "centrum", 59.6099, 16.5448, 10_000),
    _d("Östermalm", "ostermalm", 59.6135, 16.5640, 8_500),
    _d("Kristiansborg", "kristiansborg", 59.6130, 16.5260, 5_000),
    _d("Gideonsberg", "gideonsberg", 59.6110, 16.5085, 4_000),
    _d("Viksäng", "viksang", 59.6000, 16.5020, 7_700),
    _d("Lillhamra", "lillhamra", 59.5890, 16.4880, 2_500),
    _d("Blåsbo", "blasbo", 59.5985, 16.4780, 2_000),
    _d("Västerås-Barkarö", "barkaro", 59.5560, 16.4700, 3_000),
    _d("Bäckby", "backby", 59.6255, 16.4880, 7_500),
    _d("Råby", "raby", 59.6290, 16.5090, 4_000),
    _d("Vallby", "vallby", 59.6225, 16.5250, 4_000),
    _d("Malmaberg", "malmaberg", 59.6185, 16.5065, 3_500),
    _d("Hammarby", "hammarby", 59.6370, 16.4800, 4_000),
    _d("Skälby", "skalby", 59.6320, 16.4650, 5_500),
    _d("Skallberget", "skallberget", 59.6380, 16.5200, 4_500),
    _d("Pettersberg", "pettersberg", 59.6290, 16.5350, 5_500),
    _d("Haga", "haga", 59.6190, 16.5390, 3_500),
    _d("Skiljebo", "skiljebo", 59.6250, 16.5520, 6_500),
    _d("Önsta-Gryta", "onsta-gryta", 59.6460, 16.5400, 7_000),
    _d("Vetterslund", "vetterslund", 59.6280, 16.5680, 4_000),
    _d("Rocklunda", "rocklunda", 59.6215, 16.5780, 2_000),
    _d("Bjurhovda", "bjurhovda", 59.6400, 16.5780, 5_500),
    _d("Klockartorpet", "klockartorpet", 59.6300, 16.5900, 4_500),
    _d("Hökåsen", "hokasen", 59.6690, 16.5550, 1_800),
    _d("Hemdal", "hemdal", 59.6150, 16.5820, 4_500),
    _d("Kungsängen", "kungsangen", 59.6030, 16.5760, 4_000),
    _d("Talltorp", "talltorp", 59.6090, 16.5970, 3_500),
    _d("Stenby", "stenby", 59.6180, 16.6050, 3_000),
    _d("Hälla", "halla", 59.6060, 16.6180, 400),
    _d("Erikslund", "erikslund", 59.6100, 16.4520, 600),
    _d("Djäkneberget", "djakneberget", 59.6080, 16.5300, 2_600),
    _d("Herrgärdet", "herrgardet", 59.6330, 16.5450, 3_400),
    _d("Jakobsberg", "jakobsberg", 59.6180, 16.5560, 2_800),
    _d("Tunbytorp", "tunbytorp", 59.6150, 16.4850, 2_000),
    _d("Öster Mälarstrand", "oster-malarstrand", 59.6045, 16.5600, 2_500),
    _d("Tillberga", "tillberga", 59.6800, 16.6200, 3_000),
    _d("Romfartuna", "romfartuna", 59.7250, 16.5800, 1_500),
    _d("Irsta", "irsta", 59.5970, 16.7050, 3_000),
    _d("Kärrbo", "karrbo", 59.5600, 16.7700, 700),
    _d("Skultuna", "skultuna", 59.7160, 16.4270, 4_000),
    _d("Dingtuna", "dingtuna", 59.5730, 16.3950, 2_500),
)

DEMO_MUNICIPALITY_CODE = "kommun-1980"
DEMO_MUNICIPALITY_NAME = "Västerås kommun"
DEMO_VULNERABLE_AREA_CODE = "vulnerable-backby"
DEMO_VULNERABLE_AREA_NAME = "Bäckby (utsatt område)"
#: Share of Bäckby's inhabitants who live in the vulnerable area (the denser core).
VULNERABLE_SHARE = 0.8
#: The vulnerable area: Bäckby within this distance (m) of its centre.
VULNERABLE_RADIUS_M = 650.0


@dataclass(frozen=True)
class DemoPlace:
    name: str
    lat: float
    lon: float
    radius_m: int | None
    description: str


DEMO_PLACES: tuple[DemoPlace, ...] = (
    DemoPlace("Stora torget", 59.6106, 16.5446, 80, "Torget i centrum; kvällsliv."),
    DemoPlace("Västerås resecentrum", 59.6079, 16.5510, 150, "Tåg- och bussstation."),
    DemoPlace("Vasaparken", 59.6125, 16.5418, 100, "Park vid Svartån i centrum."),
    DemoPlace("Bäckby centrum", 59.6248, 16.4895, 150, "Torg, butiker och bibliotek."),
    DemoPlace("Bäckbyskolans skolgård", 59.6262, 16.4860, 80, "Skolgård; kvällstid samlingsplats."),
    DemoPlace("Råby centrum", 59.6285, 16.5100, 120, "Torg och butiker."),
    DemoPlace(
        "Vallby Friluftsmuseum, parkering",
        59.6210,
        16.5235,
        60,
        "Parkeringen vid Vallby Friluftsmuseum.",
    ),
    DemoPlace("Erikslund shopping", 59.6105, 16.4525, 400, "Köpcentrum med stora parkeringar."),
    DemoPlace("Pettersbergs centrum", 59.6283, 16.5345, 100, "Lokalt centrum."),
    DemoPlace("Skallbergstorget", 59.6360, 16.5195, 80, "Torg i Skallberget."),
    DemoPlace("Oxbacken centrum", 59.6185, 16.5290, 100, "Lokalt centrum."),
    DemoPlace("Lögarängen", 59.6020, 16.5470, 250, "Park och badplats vid Mälaren."),
)


def municipality_geometry() -> shapely.Geometry:
    """The municipality boundary in EPSG:3006."""
    doc = json.loads(MUNICIPALITY_FILE.read_text(encoding="utf-8"))
    geom = shapely.geometry.shape(doc["features"][0]["geometry"])
    return project_geometry(geom, WGS84, SWEREF99TM)


def district_geometries(municipality: shapely.Geometry) -> dict[str, shapely.Geometry]:
    """Voronoi cells of the district centres, clipped to the municipality (EPSG:3006)."""
    x, y = to_3006([d.lon for d in DEMO_DISTRICTS], [d.lat for d in DEMO_DISTRICTS])
    centres = shapely.multipoints(np.column_stack([x, y]))
    cells = shapely.get_parts(
        shapely.voronoi_polygons(centres, extend_to=municipality, ordered=True)
    )
    result = {}
    for district, cell in zip(DEMO_DISTRICTS, cells, strict=True):
        clipped = shapely.make_valid(shapely.intersection(cell, municipality))
        parts = [p for p in shapely.get_parts(clipped) if p.geom_type == "Polygon"]
        result[district.code] = parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)
    return result


def _geometry(sweref: shapely.Geometry) -> Geometry:
    return Geometry(wgs84=project_geometry(sweref, SWEREF99TM, WGS84), sweref=sweref)


def build(ctx: DemoContext) -> None:
    codes = {d.code for d in DEMO_DISTRICTS} | {DEMO_MUNICIPALITY_CODE, DEMO_VULNERABLE_AREA_CODE}
    existing = set(Area.objects.filter(code__in=codes).values_list("code", flat=True))
    if existing != codes:
        _build_areas(ctx, existing)
    place_names = set(Place.objects.values_list("name", flat=True))
    for place in DEMO_PLACES:
        if place.name not in place_names:
            services.place_create(
                actor=ctx.actor(Role.COORDINATOR),
                name=place.name,
                lon=place.lon,
                lat=place.lat,
                radius_m=place.radius_m,
                description=place.description,
            )
            ctx.count("places")


def _previous_population(rng: random.Random, population: int) -> int:
    growth = rng.uniform(-0.005, 0.025)
    return round(population / (1 + growth))


def _build_areas(ctx: DemoContext, existing: set[str]) -> None:
    rng = random.Random(ctx.seed)
    municipality = municipality_geometry()
    districts = district_geometries(municipality)
    previous = {d.code: _previous_population(rng, d.population) for d in DEMO_DISTRICTS}
    for district in DEMO_DISTRICTS:
        if district.code in existing:
            continue
        area = services.area_create(
            actor=ctx.actor(Role.COORDINATOR),
            name=district.name,
            code=district.code,
            kind=AreaKind.DISTRICT,
            geometry=_geometry(districts[district.code]),
            population=district.population,
            population_year=POPULATION_YEAR,
        )
        AreaPopulation.objects.create(
            area=area, year=PREVIOUS_YEAR, population=previous[district.code]
        )
        ctx.count("areas")
    backby = next(d for d in DEMO_DISTRICTS if d.code == "district-backby")
    if DEMO_VULNERABLE_AREA_CODE not in existing:
        bx, by = to_3006(backby.lon, backby.lat)
        core = shapely.Point(float(bx), float(by)).buffer(VULNERABLE_RADIUS_M, quad_segs=8)
        inside = shapely.intersection(core, districts[backby.code])
        area = services.area_create(
            actor=ctx.actor(Role.COORDINATOR),
            name=DEMO_VULNERABLE_AREA_NAME,
            code=DEMO_VULNERABLE_AREA_CODE,
            kind=AreaKind.VULNERABLE_AREA,
            geometry=_geometry(inside),
            population=round(backby.population * VULNERABLE_SHARE),
            population_year=POPULATION_YEAR,
        )
        AreaPopulation.objects.create(
            area=area,
            year=PREVIOUS_YEAR,
            population=round(previous[backby.code] * VULNERABLE_SHARE),
        )
        ctx.count("areas")
    if DEMO_MUNICIPALITY_CODE not in existing:
        area = services.area_create(
            actor=ctx.actor(Role.COORDINATOR),
            name=DEMO_MUNICIPALITY_NAME,
            code=DEMO_MUNICIPALITY_CODE,
            kind=AreaKind.CUSTOM,
            geometry=_geometry(municipality),
            population=sum(d.population for d in DEMO_DISTRICTS),
            population_year=POPULATION_YEAR,
        )
        AreaPopulation.objects.create(
            area=area, year=PREVIOUS_YEAR, population=sum(previous.values())
        )
        ctx.count("areas")
