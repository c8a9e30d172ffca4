"""Incident counts for indicators and evaluations, in the reading user's data scope.

The action plan needs counts, not rows: incidents per area, time window and category.
Rows are always filtered by the permission resolver first (the same filter as
``samtrygg.incidents.adapters``), so a count never includes an incident the user may not
read. Indicators use ``incidents.adapters.incident_count`` (one count per year); an
evaluation needs many cells at once (areas × windows × categories) and gets them from
one grouped query here, which stays fast at hundreds of thousands of incidents (see
``benchmarks/bench_actionplan.py``). The tests check these cells against
``incident_count``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from django.db.models import Case, Count, F, IntegerField, Value, When
from django.utils import timezone

from samtrygg.core.models import Classification
from samtrygg.core.permissions import permissions_for
from samtrygg.incidents.models import Incident, IncidentQuerySet


def local_midnight(day: dt.date) -> dt.datetime:
    """The start of ``day`` in the configured time zone (an aware datetime)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time()), timezone.get_current_timezone())


def day_span(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """``[first 00:00, last + 1 day 00:00)`` in local time: whole days, both included."""
    return local_midnight(first), local_midnight(last + dt.timedelta(days=1))


def data_scope(*, user: Any, include_restricted: bool) -> list[str]:
    """The classifications an evaluation or indicator counts for ``user``.

    Open and internal incidents by default; police-only (restricted) incidents only when
    asked for and the user may read them (the police and analysts granted police data).
    """
    scope = [Classification.OPEN.value, Classification.INTERNAL.value]
    if include_restricted and permissions_for(user).police_data:
        scope.append(Classification.RESTRICTED.value)
    return scope


@dataclass
class CellCounts:
    """Counts per (area id, window name) and per category within them."""

    totals: dict[tuple[int, str], int] = field(default_factory=dict)
    by_category: dict[tuple[int, str], dict[int, int]] = field(default_factory=dict)

    def count(self, area_id: int, window: str) -> int:
        return self.totals.get((area_id, window), 0)

    def categories(self, area_id: int, window: str) -> dict[int, int]:
        return dict(self.by_category.get((area_id, window), {}))


def viewable_incidents(
    *,
    user: Any,
    categories: Iterable[int] | None = None,
    classifications: Iterable[str] | None = None,
) -> IncidentQuerySet:
    qs = cast(IncidentQuerySet, permissions_for(user).filter_viewable(Incident.objects.all()))
    if categories is not None:
        qs = qs.filter(category_id__in=list(categories))
    if classifications is not None:
        qs = qs.filter(classification__in=list(classifications))
    return qs


def area_window_counts(
    *,
    user: Any,
    area_ids: Iterable[int],
    windows: Mapping[str, tuple[dt.datetime, dt.datetime]],
    categories: Iterable[int] | None = None,
    classifications: Iterable[str] | None = None,
) -> CellCounts:
    """Incidents ``user`` may read, per area, window (``[start, end)`` of
    ``occurred_from``) and category, in one grouped query.

    An incident counts in every listed area that contains it (areas of an evaluation do
    not overlap; the service refuses overlapping ones). All incidents linked to an area
    count, whatever their location precision: an incident reported for an area belongs
    to it.
    """
    ids = sorted(set(area_ids))
    result = CellCounts()
    if not ids or not windows:
        return result
    start = min(s for s, _e in windows.values())
    end = max(e for _s, e in windows.values())
    qs = viewable_incidents(user=user, categories=categories, classifications=classifications)
    names = list(windows)
    window = Case(
        *[
            When(occurred_from__gte=s, occurred_from__lt=e, then=Value(i))
            for i, (s, e) in enumerate(windows.values())
        ],
        default=Value(-1),
        output_field=IntegerField(),
    )
    rows = (
        qs.in_period(start, end)
        .filter(incidentarea__area_id__in=ids)
        .annotate(window=window, link_area=F("incidentarea__area_id"))
        .order_by()
        .values_list("link_area", "window", "category_id")
        .annotate(n=Count("pk"))
    )
    for area_id, index, category_id, n in rows:
        if index < 0:
            continue
        key = (int(area_id), names[index])
        result.totals[key] = result.totals.get(key, 0) + int(n)
        cats = result.by_category.setdefault(key, {})
        cats[int(category_id)] = cats.get(int(category_id), 0) + int(n)
    return result
