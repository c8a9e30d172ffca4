"""Indicator values and their status against the target.

Computed indicators are computed on demand from the incidents the reader may read
(``incidents.adapters.incident_count``, one count per year) and cached for
``CACHE_SECONDS`` per indicator, data scope and day: new incidents show up within that
time, and an edited indicator at once (its ``updated_at`` is in the key). No stored copy
can go stale, and no background job has to watch the incidents. Survey and hand-entered
indicators read their ``IndicatorValue`` rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone

from samtrygg.actionplan.adapters import day_span
from samtrygg.actionplan.indicator_sources import indicator_source
from samtrygg.actionplan.models import Direction, Indicator, IndicatorKind, Measure
from samtrygg.areas.models import Area, AreaPopulation
from samtrygg.core.permissions import permissions_for
from samtrygg.core.roles import Role
from samtrygg.incidents.adapters import incident_count

CACHE_SECONDS = 600
#: The series name of values that belong to no area (the whole municipality).
ALL_AREAS = ""


@dataclass(frozen=True)
class Point:
    year: int
    value: float | None
    count: int | None = None
    population: int | None = None
    n: int | None = None
    source: str = ""
    partial: bool = False


@dataclass
class Series:
    key: str  # area code, or ALL_AREAS
    label: str
    points: list[Point] = field(default_factory=list)

    def complete(self) -> list[Point]:
        return [p for p in self.points if p.value is not None and not p.partial]

    def value_in(self, year: int) -> float | None:
        for p in self.points:
            if p.year == year and not p.partial:
                return p.value
        return None


@dataclass
class IndicatorStatus:
    """``met``, ``improving``, ``unchanged``, ``worsening``, ``single`` (one value, nothing
    to compare with), ``no_target`` or ``no_data``."""

    code: str
    latest: Point | None
    baseline: float | None
    baseline_year: int | None


@dataclass
class IndicatorView:
    indicator: Indicator
    series: list[Series]
    status: IndicatorStatus
    chart: str = ""  # an SVG, when a page asked for it

    @property
    def headline(self) -> Series | None:
        return self.series[0] if self.series else None


def _scope_key(user: Any) -> str:
    perms = permissions_for(user)
    reporter_orgs = sorted(perms.organisation_ids(Role.REPORTER))
    return f"{'-'.join(sorted(perms.roles))}:{int(perms.police_data)}:{reporter_orgs}"


def population_in(area: Area, year: int, populations: dict[int, dict[int, int]]) -> int | None:
    """The area's population in ``year``: that year's figure, else the latest earlier
    one, else the earliest later one, else the area's own figure."""
    by_year = populations.get(area.pk, {})
    if year in by_year:
        return by_year[year]
    earlier = [y for y in by_year if y < year]
    if earlier:
        return by_year[max(earlier)]
    if by_year:
        return by_year[min(by_year)]
    return area.population


def _computed_points(indicator: Indicator, *, user: Any, today: dt.date) -> list[Point]:
    areas = list(indicator.areas.all())
    area_ids = [a.pk for a in areas] or None
    category_ids = list(indicator.categories.values_list("pk", flat=True)) or None
    populations: dict[int, dict[int, int]] = {}
    for row in AreaPopulation.objects.filter(area__in=areas).values(
        "area_id", "year", "population"
    ):
        populations.setdefault(row["area_id"], {})[row["year"]] = row["population"]
    points = []
    for year in range(indicator.first_year, today.year + 1):
        start, end = day_span(dt.date(year, 1, 1), dt.date(year, 12, 31))
        count = incident_count(
            user=user,
            start=start,
            end=end,
            categories=category_ids,
            areas=area_ids,
            mappable_only=False,
        )
        population = None
        value: float | None = float(count)
        if indicator.measure == Measure.RATE:
            pops = [population_in(a, year, populations) for a in areas]
            population = sum(p for p in pops if p) if all(pops) else None
            value = 1000.0 * count / population if population else None
        points.append(
            Point(
                year=year,
                value=value,
                count=count,
                population=population,
                partial=year == today.year,
            )
        )
    return points


def _computed_series(indicator: Indicator, *, user: Any, today: dt.date) -> list[Series]:
    key = (
        f"actionplan:indicator:{indicator.pk}:{indicator.updated_at.timestamp()}:"
        f"{_scope_key(user)}:{today.isoformat()}"
    )
    points = cache.get(key)
    if points is None:
        points = _computed_points(indicator, user=user, today=today)
        cache.set(key, points, CACHE_SECONDS)
    names = ", ".join(a.name for a in indicator.areas.all())
    return [Series(key=ALL_AREAS, label=names, points=points)]


def _stored_series(indicator: Indicator) -> list[Series]:
    chosen = {a.pk for a in indicator.areas.all()}
    series: dict[str, Series] = {}
    for value in indicator.values.select_related("area").order_by("year"):
        if chosen and value.area_id is not None and value.area_id not in chosen:
            continue
        key = value.area.code if value.area else ALL_AREAS
        label = value.area.name if value.area else ""
        s = series.setdefault(key, Series(key=key, label=label))
        s.points.append(Point(year=value.year, value=value.value, n=value.n, source=value.source))
    # The series without an area first (the headline), then areas by name.
    return sorted(series.values(), key=lambda s: (s.key != ALL_AREAS, s.label))


def _registered_series(indicator: Indicator, *, today: dt.date) -> list[Series]:
    source = indicator_source(indicator.registered_source)
    if source is None:
        return []
    points = [
        Point(year=v.year, value=v.value, partial=v.partial)
        for v in source.values(indicator.first_year, today)
    ]
    return [Series(key=ALL_AREAS, label=str(source.label), points=points)]


def indicator_status(indicator: Indicator, series: Series | None) -> IndicatorStatus:
    """Where the latest complete value stands against the target and the baseline."""
    points = series.complete() if series else []
    latest = points[-1] if points else None
    baseline = indicator.baseline_value
    baseline_year = indicator.baseline_year
    if baseline is None and series is not None and len(points) > 1:
        baseline, baseline_year = points[0].value, points[0].year
    if latest is None or latest.value is None:
        return IndicatorStatus("no_data", None, baseline, baseline_year)
    better = 1 if indicator.direction == Direction.INCREASE else -1
    if indicator.target_value is not None and (latest.value - indicator.target_value) * better >= 0:
        return IndicatorStatus("met", latest, baseline, baseline_year)
    if baseline is None or baseline_year == latest.year:
        code = "no_target" if indicator.target_value is None else "single"
        return IndicatorStatus(code, latest, baseline, baseline_year)
    change = (latest.value - baseline) * better
    code = "improving" if change > 0 else "worsening" if change < 0 else "unchanged"
    return IndicatorStatus(code, latest, baseline, baseline_year)


def indicator_view(
    indicator: Indicator, *, user: Any, today: dt.date | None = None
) -> IndicatorView:
    today = today or timezone.localdate()
    if indicator.kind == IndicatorKind.COMPUTED:
        series = _computed_series(indicator, user=user, today=today)
    elif indicator.kind == IndicatorKind.REGISTERED:
        series = _registered_series(indicator, today=today)
    else:
        series = _stored_series(indicator)
    view = IndicatorView(
        indicator=indicator,
        series=series,
        status=indicator_status(indicator, series[0] if series else None),
    )
    return view


def indicator_list(
    *, user: Any, goal_ids: list[int] | None = None, focus_area_id: int | None = None
) -> QuerySet[Indicator]:
    qs = Indicator.objects.select_related("goal__focus_area", "goal__council")
    if goal_ids is not None:
        qs = qs.filter(goal_id__in=goal_ids)
    if focus_area_id is not None:
        qs = qs.filter(goal__focus_area_id=focus_area_id)
    return permissions_for(user).filter_viewable(qs)


def indicator_change(
    view: IndicatorView, *, since: dt.date | None
) -> tuple[Point | None, Point | None]:
    """The headline value in the last complete year before ``since`` and the latest one."""
    series = view.headline
    if series is None:
        return None, None
    points = series.complete()
    if not points:
        return None, None
    before = None
    if since is not None:
        earlier = [p for p in points if p.year < since.year]
        before = earlier[-1] if earlier else None
    latest = points[-1]
    return before, latest if before is None or latest.year > before.year else None
