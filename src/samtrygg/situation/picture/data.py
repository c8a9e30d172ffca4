"""Loading what a picture needs: incidents as arrays (the incidents adapter), a few grouped
counts, and the areas and categories in scope.

Every read of incidents goes through the permission resolver (the adapter filters with
it; the grouped counts here start from ``permissions_for(user).filter_viewable``), so a
picture never holds rows its *data scope* may not read. A data scope is a user plus,
optionally, a set of classifications: the dashboard uses the viewer with every
classification they may read; a report uses the classifications chosen for it; the public
picture uses open and internal incidents only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
import shapely
from django.db.models import Count, Max, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from samtrygg.areas.models import Area, AreaKind, AreaPopulation
from samtrygg.core.models import Classification
from samtrygg.core.permissions import permissions_for
from samtrygg.incidents.adapters import IncidentArrays, incident_arrays
from samtrygg.incidents.models import (
    Category,
    Incident,
    IncidentArea,
    IncidentQuerySet,
    SourceSystem,
)
from samtrygg.situation.picture.params import PictureParams

OPEN_AND_INTERNAL = (Classification.OPEN.value, Classification.INTERNAL.value)
ALL_CLASSIFICATIONS = tuple(Classification.values)
#: Years of history before the period for the weekly control chart's baseline.
BASELINE_YEARS = 2


@dataclass(frozen=True)
class DataScope:
    """Whose incidents a picture is computed from."""

    user: Any
    #: None = every classification the user may read.
    classifications: tuple[str, ...] | None = None
    #: Shown in the picture and recorded in snapshots.
    label: str = ""

    @property
    def key(self) -> str:
        """Users with the same grants read the same incidents: the cache shares them."""
        perms = permissions_for(self.user)
        grants = sorted((g.organisation_id, g.role, g.police_data) for g in perms.grants)
        own = getattr(self.user, "pk", None) if perms.has_role("reporter") else None
        raw = json.dumps([grants, own, self.classifications], default=str)
        return hashlib.sha256(raw.encode()).hexdigest()[:20]

    def describe(self) -> dict[str, Any]:
        perms = permissions_for(self.user)
        readable = ALL_CLASSIFICATIONS if perms.police_data else OPEN_AND_INTERNAL
        used = self.classifications or readable
        return {
            "user": getattr(self.user, "username", ""),
            "name": (getattr(self.user, "get_full_name", lambda: "")() or "")
            or getattr(self.user, "username", ""),
            "police_data": bool(perms.police_data),
            "classifications": [c for c in ALL_CLASSIFICATIONS if c in used and c in readable],
            "label": self.label,
        }


def scope_for_user(user: Any) -> DataScope:
    return DataScope(user=user)


def public_scope(user: Any) -> DataScope:
    return DataScope(user=user, classifications=OPEN_AND_INTERNAL, label="public")


@dataclass(frozen=True)
class CategoryInfo:
    id: int
    code: str
    name: str
    colour: str
    harm_weight: float
    near_repeat: bool
    order: int


@dataclass(frozen=True)
class AreaInfo:
    id: int
    code: str
    name: str
    kind: str
    population: int | None
    population_year: int | None
    area_km2: float
    geometry: shapely.Geometry  # EPSG:3006
    geojson: dict[str, Any]  # EPSG:4326


@dataclass
class PictureData:
    params: PictureParams
    scope: DataScope
    arrays: IncidentArrays
    categories: dict[int, CategoryInfo]
    #: Rows of the area tables (chosen areas, else the districts).
    areas: list[AreaInfo]
    #: Counts per category id in the previous period and a year earlier.
    previous_by_category: dict[int, int]
    year_before_by_category: dict[int, int]
    #: Incidents per local day over the baseline years and the period (for the chart).
    history_days: np.ndarray = field(default_factory=lambda: np.empty(0, dtype="datetime64[D]"))
    history_counts: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    #: (organisation name, source system, count) in the period.
    sources: list[tuple[str, str, int]] = field(default_factory=list)
    today: dt.date = field(default_factory=dt.date.today)


def local_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """``[start 00:00, end + 1 day 00:00)`` in the local time zone."""
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz),
    )


def category_infos() -> dict[int, CategoryInfo]:
    return {
        c.pk: CategoryInfo(
            c.pk, c.code, c.name, c.colour, float(c.harm_weight), c.near_repeat, c.order
        )
        for c in Category.objects.order_by("order", "code")
    }


def category_ids_for(codes: tuple[str, ...], cats: dict[int, CategoryInfo]) -> list[int] | None:
    if not codes:
        return None
    wanted = set(codes)
    return [c.id for c in cats.values() if c.code in wanted]


def _population(
    area: Area, year: int, by_year: dict[int, list[tuple[int, int]]]
) -> tuple[Any, Any]:
    rows = by_year.get(area.pk, [])
    best = [r for r in rows if r[0] <= year]
    if best:
        return max(best)[1], max(best)[0]
    if rows:
        return min(rows)[1], min(rows)[0]
    return area.population, area.population_year


def area_infos(area_ids: tuple[int, ...], year: int) -> list[AreaInfo]:
    """The chosen areas, or every district (every area when there are no districts)."""
    qs = Area.objects.all()
    if area_ids:
        qs = qs.filter(pk__in=area_ids)
    elif Area.objects.filter(kind=AreaKind.DISTRICT).exists():
        qs = qs.filter(kind=AreaKind.DISTRICT)
    areas = list(qs.order_by("name"))
    by_year: dict[int, list[tuple[int, int]]] = {}
    for area_id, y, pop in AreaPopulation.objects.filter(
        area_id__in=[a.pk for a in areas]
    ).values_list("area_id", "year", "population"):
        by_year.setdefault(area_id, []).append((y, pop))
    out = []
    for a in areas:
        population, pop_year = _population(a, year, by_year)
        out.append(
            AreaInfo(
                id=a.pk,
                code=a.code,
                name=a.name,
                kind=a.kind,
                population=population,
                population_year=pop_year,
                area_km2=float(a.area_km2),
                geometry=shapely.from_wkb(bytes(a.geometry_3006)),
                geojson=a.geometry,
            )
        )
    return out


def scoped_incidents(
    scope: DataScope,
    start: dt.date,
    end: dt.date,
    *,
    category_ids: list[int] | None,
    area_ids: tuple[int, ...],
) -> IncidentQuerySet:
    """The scope's incidents that started in the period, through the resolver."""
    qs = cast(IncidentQuerySet, permissions_for(scope.user).filter_viewable(Incident.objects.all()))
    qs = qs.in_period(*local_bounds(start, end))
    if scope.classifications is not None:
        qs = qs.filter(classification__in=scope.classifications)
    if category_ids is not None:
        qs = qs.filter(category_id__in=category_ids)
    if area_ids:
        qs = qs.in_areas(list(area_ids))
    return qs


def _counts_by_category(qs: QuerySet[Incident]) -> dict[int, int]:
    return {
        row["category_id"]: row["n"]
        for row in qs.order_by().values("category_id").annotate(n=Count("id"))
    }


def load_picture_data(
    params: PictureParams, scope: DataScope, *, today: dt.date | None = None
) -> PictureData:
    cats = category_infos()
    category_ids = category_ids_for(params.category_codes, cats)
    start_dt, end_dt = local_bounds(params.start, params.end)
    arrays = incident_arrays(
        user=scope.user,
        start=start_dt,
        end=end_dt,
        categories=category_ids,
        areas=list(params.area_ids) or None,
        mappable_only=False,
        classifications=scope.classifications,
    )

    def counts(p: PictureParams) -> dict[int, int]:
        return _counts_by_category(
            scoped_incidents(scope, p.start, p.end, category_ids=category_ids, area_ids=p.area_ids)
        )

    history_start = dt.date(params.start.year - BASELINE_YEARS, 1, 1)
    history = (
        scoped_incidents(
            scope, history_start, params.end, category_ids=category_ids, area_ids=params.area_ids
        )
        .order_by()
        .annotate(day=TruncDate("occurred_from"))
        .values("day")
        .annotate(n=Count("id"))
        .values_list("day", "n")
    )
    history_rows = sorted(history)
    sources = [
        (row["source_organisation__name"], row["source_system"], row["n"])
        for row in scoped_incidents(
            scope, params.start, params.end, category_ids=category_ids, area_ids=params.area_ids
        )
        .order_by()
        .values("source_organisation__name", "source_system")
        .annotate(n=Count("id"))
    ]
    return PictureData(
        params=params,
        scope=scope,
        arrays=arrays,
        categories=cats,
        areas=area_infos(params.area_ids, params.end.year),
        previous_by_category=counts(params.previous()),
        year_before_by_category=counts(params.year_before()),
        history_days=np.array([d for d, _n in history_rows], dtype="datetime64[D]"),
        history_counts=np.array([n for _d, n in history_rows], dtype=np.int64),
        sources=sorted(sources, key=lambda r: (-r[2], r[0], r[1])),
        today=today or timezone.localdate(),
    )


def data_fingerprint() -> str:
    """Changes whenever incidents, their area links, areas or categories change: part of
    every cache key (there is no cheaper change signal from the incidents app)."""
    inc = Incident.objects.aggregate(n=Count("id"), changed=Max("updated_at"), ids=Sum("id"))
    links = IncidentArea.objects.aggregate(n=Count("id"), ids=Sum("area_id"))
    areas = Area.objects.aggregate(n=Count("id"), changed=Max("updated_at"))
    pops = AreaPopulation.objects.aggregate(n=Count("id"), s=Sum("population"))
    cats = Category.objects.aggregate(n=Count("id"), changed=Max("updated_at"))
    raw = json.dumps([inc, links, areas, pops, cats], default=str, sort_keys=True)
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


POLICE_FEED = SourceSystem.POLICE_FEED.value
