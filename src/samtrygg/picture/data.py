"""Loading what a picture needs: incidents as arrays (the incidents adapter's
``IncidentArrays``, built by ``arrays.picture_arrays``), a few grouped counts, and the
areas and categories in scope.

Every read of incidents goes through the permission resolver (``scoped_incidents`` starts
from ``permissions_for(user).filter_viewable``), so a picture never holds rows its *data
scope* may not read. A data scope is a user plus,
optionally, a set of classifications: the dashboard uses the viewer with every
classification they may read; a report uses the classifications chosen for it; the public
picture uses open and internal incidents only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
import shapely
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from samtrygg.accounts.models import Organisation
from samtrygg.areas.models import Area, AreaKind, AreaPopulation
from samtrygg.core.dbtime import HourKey, hours_since_epoch, local_day_counts
from samtrygg.core.models import Classification
from samtrygg.core.permissions import permissions_for
from samtrygg.core.roles import Role
from samtrygg.incidents.adapters import IncidentArrays
from samtrygg.incidents.dataversion import data_version
from samtrygg.incidents.models import (
    Category,
    Incident,
    IncidentQuerySet,
    SourceSystem,
)
from samtrygg.picture.arrays import picture_arrays
from samtrygg.picture.coverage import SourceBook, SourceRecord, contributing, intervals
from samtrygg.picture.params import PictureParams
from samtrygg.picture.places import NamedPlace, named_places
from samtrygg.picture.sources import source_records

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
        own = getattr(self.user, "pk", None) if perms.has_role(Role.REPORTER) else None
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
    #: The full geometry in EPSG:3006: every statistic (point in area, km², densities).
    geometry: shapely.Geometry
    #: The area's stored map geometry (EPSG:4326, simplified to ~2 m when it was saved):
    #: what the picture's maps and GeoJSON serve, never used to compute.
    display: dict[str, Any]


@dataclass(frozen=True)
class Reference:
    """A period a picture is compared with, and the days both periods are covered."""

    start: dt.date
    end: dt.date
    #: Incidents per category id over the whole reference period.
    by_category: dict[int, int]
    #: Incidents per category id on its covered days.
    covered_by_category: dict[int, int]
    covered_days: int
    #: Per day of the *current* period: covered by the same sources.
    current_covered: np.ndarray
    #: The organisations (ids) the comparison rests on.
    sources: tuple[int, ...] = ()

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _empty_reference() -> Reference:
    return Reference(dt.date.min, dt.date.min, {}, {}, 0, np.zeros(0, dtype=bool))


@dataclass
class PictureData:
    params: PictureParams
    scope: DataScope
    arrays: IncidentArrays
    categories: dict[int, CategoryInfo]
    #: Rows of the area tables (chosen areas, else the districts).
    areas: list[AreaInfo]
    #: The previous period and the same period a year earlier.
    previous: Reference = field(default_factory=_empty_reference)
    year_before: Reference = field(default_factory=_empty_reference)
    #: Incidents per local day over the baseline years and the period (for the chart).
    history_days: np.ndarray = field(default_factory=lambda: np.empty(0, dtype="datetime64[D]"))
    history_counts: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    #: (organisation name, source system, count) in the period.
    sources: list[tuple[str, str, int]] = field(default_factory=list)
    #: Per incident (aligned with ``arrays.ids``): the source organisation's id.
    source_organisation: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    #: Every source's record in the scope (first day, gaps), by organisation id.
    records: dict[int, SourceRecord] = field(default_factory=dict)
    today: dt.date = field(default_factory=dt.date.today)
    #: The local day of the earliest incident the scope may read (None: no incidents).
    data_start: dt.date | None = None
    #: EPSG:3006 points (n × 2) of the mappable incidents of the previous period: the
    #: hot-spot map they give is scored against this period's incidents.
    previous_xy: np.ndarray = field(default_factory=lambda: np.empty((0, 2)))
    #: Named places (for saying where a hot-spot cell is).
    places: list[NamedPlace] = field(default_factory=list)

    @property
    def data_through(self) -> dt.date:
        """The last day the period's figures cover: its end, or today while it lasts."""
        return min(self.params.end, self.today)


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
    # The full GeoJSON is not read: statistics use the projected WKB, maps the display one.
    areas = list(qs.defer("geometry").order_by("name"))
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
                display=a.display_geometry or a.geometry,
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


def _in_intervals(qs: IncidentQuerySet, spans: list[tuple[dt.date, dt.date]]) -> IncidentQuerySet:
    if not spans:
        return qs.none()
    q = Q()
    for first, last in spans:
        lo, hi = local_bounds(first, last)
        q |= Q(occurred_from__gte=lo, occurred_from__lt=hi)
    return qs.filter(q)


def data_span(
    scope: DataScope, *, today: dt.date, version: str | None = None
) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the scope's incidents, the last no later than today
    (``None`` without incidents): how far period navigation may go. ``version``: the data
    version the caller read first, else read here."""
    fingerprint = data_version() if version is None else version
    records = source_records(scope, today=today, fingerprint=fingerprint)
    if not records:
        return None
    first = min(r.first_day for r in records.values())
    last = min(max(r.last_day for r in records.values()), today)
    return first, max(first, last)


def counts_on_days(qs: IncidentQuerySet, mask: np.ndarray, start: dt.date) -> dict[int, int]:
    """Incidents per category id of ``qs`` on the days ``mask`` marks (from ``start``)."""
    return _counts_by_category(_in_intervals(qs, intervals(mask, start)))


def counts_by_source(qs: IncidentQuerySet) -> tuple[Counter[int], Counter[int]]:
    """Incidents of ``qs`` per category id and per source organisation id."""
    by_category: Counter[int] = Counter()
    by_org: Counter[int] = Counter()
    for cat, org, n in (
        qs.order_by()
        .values("category_id", "source_organisation_id")
        .annotate(n=Count("id"))
        .values_list("category_id", "source_organisation_id", "n")
    ):
        by_category[cat] += n
        by_org[org] += n
    return by_category, by_org


def reference(
    *,
    current: PictureParams,
    ref: PictureParams,
    qs: IncidentQuerySet,
    current_orgs: Counter[int],
    book: SourceBook,
) -> Reference:
    """``ref`` as the reference of ``current``: its counts, and the days of both periods
    covered by the sources the comparison rests on (see ``coverage``)."""
    by_category, by_org = counts_by_source(qs)
    sources = contributing(current_orgs + by_org)
    current_mask = book.covered(current.start, current.end, sources)
    ref_mask = book.covered(ref.start, ref.end, sources)
    covered = dict(by_category) if ref_mask.all() else counts_on_days(qs, ref_mask, ref.start)
    return Reference(
        start=ref.start,
        end=ref.end,
        by_category=dict(by_category),
        covered_by_category=covered,
        covered_days=int(ref_mask.sum()),
        current_covered=current_mask,
        sources=tuple(sources),
    )


def load_picture_data(
    params: PictureParams,
    scope: DataScope,
    *,
    today: dt.date | None = None,
    fingerprint: str | None = None,
) -> PictureData:
    today = today or timezone.localdate()
    cats = category_infos()
    category_ids = category_ids_for(params.category_codes, cats)
    start_dt, _end_dt = local_bounds(params.start, params.end)

    def period_qs(p: PictureParams) -> IncidentQuerySet:
        return scoped_incidents(
            scope, p.start, p.end, category_ids=category_ids, area_ids=p.area_ids
        )

    rows = picture_arrays(
        period_qs(params),
        origin=start_dt,
        harm_weights={c.id: c.harm_weight for c in cats.values()},
        category_codes={c.id: c.code for c in cats.values()},
    )
    arrays = rows.arrays
    # Weekly baseline: the same weeks of the earlier years (± a week): counted per UTC hour
    # in the database before the period, from the arrays within it, as local days.
    history_start = params.start - dt.timedelta(days=366 * BASELINE_YEARS + 14)
    history = list(
        scoped_incidents(
            scope,
            history_start,
            params.start - dt.timedelta(days=1),
            category_ids=category_ids,
            area_ids=params.area_ids,
        )
        .order_by()
        .annotate(hour=HourKey("occurred_from"))
        .values("hour")
        .annotate(n=Count("id"))
        .values_list("hour", "n")
    )
    before_days, before_counts = local_day_counts(
        hours_since_epoch([h for h, _n in history]),
        np.array([n for _h, n in history], dtype=np.int64),
    )
    current_days, current_counts = np.unique(
        arrays.local_time.astype("datetime64[D]"), return_counts=True
    )
    history_days = np.concatenate([before_days, current_days])
    history_counts = np.concatenate([before_counts, current_counts.astype(np.int64)])
    names = dict(
        Organisation.objects.filter(
            pk__in=np.unique(rows.source_organisation).tolist()
        ).values_list("pk", "name")
    )
    source_counts: dict[tuple[str, str], int] = {}
    for org, system in zip(
        rows.source_organisation.tolist(), rows.source_system.tolist(), strict=True
    ):
        key = (names.get(org, ""), system)
        source_counts[key] = source_counts.get(key, 0) + 1
    sources = [(org, system, n) for (org, system), n in source_counts.items()]
    records = source_records(scope, today=today, fingerprint=fingerprint)
    book = SourceBook(records, today)
    current_orgs = Counter(rows.source_organisation.tolist())
    prev_params = params.previous()
    previous_qs = period_qs(prev_params)
    previous = reference(
        current=params,
        ref=prev_params,
        qs=previous_qs,
        current_orgs=current_orgs,
        book=book,
    )
    previous_xy = np.array(
        list(previous_qs.mappable().order_by().values_list("x", "y")), dtype=np.float64
    ).reshape(-1, 2)
    year_params = params.year_before()
    if (year_params.start, year_params.end) == (prev_params.start, prev_params.end):
        year_before = previous
    else:
        year_before = reference(
            current=params,
            ref=year_params,
            qs=period_qs(year_params),
            current_orgs=current_orgs,
            book=book,
        )
    firsts = [r.first_day for r in records.values()]
    return PictureData(
        params=params,
        scope=scope,
        arrays=arrays,
        categories=cats,
        areas=area_infos(params.area_ids, params.end.year),
        previous=previous,
        year_before=year_before,
        history_days=history_days,
        history_counts=history_counts,
        sources=sorted(sources, key=lambda r: (-r[2], r[0], r[1])),
        source_organisation=rows.source_organisation,
        records=records,
        today=today,
        data_start=min(firsts) if firsts else None,
        previous_xy=previous_xy,
        places=named_places(),
    )


POLICE_FEED = SourceSystem.POLICE_FEED.value
