"""Incidents as numpy arrays for ``samtrygg.analysis`` (the lägesbild, evaluations).

The analysis library takes arrays, never querysets; this is the one place that turns the
incidents a user may read into arrays. Rows are filtered by the permission resolver, so
a council member's arrays hold open incidents only and restricted rows reach only the
police and named analysts.

``incident_arrays(user=…, start=…, end=…, categories=…, areas=…, mappable_only=True)``
→ ``IncidentArrays`` with, per incident: ``x``, ``y`` (EPSG:3006 metres; NaN when not
mappable), ``t`` (days since ``origin``, from ``occurred_from``), ``t_to``, local time
(for hour-of-day and weekday), category id and harm weight, and the incident–area pairs.
Keep ``mappable_only=True`` (the default) for anything spatial: hotspots, kernel density,
Knox — municipality centroids from the police feed must never become points.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
from django.db.models import QuerySet
from django.utils import timezone

from samtrygg.core.permissions import permissions_for
from samtrygg.incidents.models import Category, Incident, IncidentArea, IncidentQuerySet

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_DAY = 86_400.0


@dataclass(frozen=True)
class IncidentArrays:
    ids: np.ndarray
    #: EPSG:3006 metres (NaN for rows that are not mappable, if those were asked for).
    x: np.ndarray
    y: np.ndarray
    #: Days since ``origin`` (UTC), from ``occurred_from`` and ``occurred_to``.
    t: np.ndarray
    t_to: np.ndarray
    #: ``occurred_from`` in local time (``TIME_ZONE``), for hour-of-day and weekday.
    local_time: np.ndarray
    category_id: np.ndarray
    harm_weight: np.ndarray
    mappable: np.ndarray
    origin: dt.datetime
    #: Incident–area membership: ``ids[pair_incident[k]]`` lies in area ``pair_area[k]``.
    pair_incident: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    pair_area: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    #: Category id → code.
    category_codes: dict[int, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def hour(self) -> np.ndarray:
        return (self.local_time.astype("datetime64[h]").astype(np.int64) % 24).astype(np.int64)

    @property
    def weekday(self) -> np.ndarray:
        """Monday = 0 … Sunday = 6."""
        days = self.local_time.astype("datetime64[D]").astype(np.int64)
        return ((days + 3) % 7).astype(np.int64)  # 1970-01-01 was a Thursday


def _queryset(
    *,
    user: Any,
    start: dt.datetime | None,
    end: dt.datetime | None,
    categories: Iterable[int] | None,
    areas: Iterable[int] | None,
    mappable_only: bool,
    classifications: Iterable[str] | None,
    sources: Iterable[int] | None,
    near_repeat_only: bool,
) -> QuerySet[Incident]:
    qs = cast(IncidentQuerySet, permissions_for(user).filter_viewable(Incident.objects.all()))
    qs = qs.in_period(start, end)
    if categories is not None:
        qs = qs.filter(category_id__in=list(categories))
    if near_repeat_only:
        qs = qs.filter(category__near_repeat=True)
    if areas is not None:
        qs = qs.in_areas(list(areas))
    if classifications is not None:
        qs = qs.filter(classification__in=list(classifications))
    if sources is not None:
        qs = qs.filter(source_organisation_id__in=list(sources))
    if mappable_only:
        qs = qs.mappable()
    return qs.order_by("occurred_from", "id")


def incident_arrays(
    *,
    user: Any,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    categories: Iterable[int] | None = None,
    areas: Iterable[int] | None = None,
    mappable_only: bool = True,
    classifications: Iterable[str] | None = None,
    sources: Iterable[int] | None = None,
    near_repeat_only: bool = False,
    with_area_pairs: bool = True,
    origin: dt.datetime | None = None,
) -> IncidentArrays:
    """The incidents ``user`` may read as arrays. ``start``/``end`` bound ``occurred_from``
    (``[start, end)``, aware datetimes); ``categories``/``areas``/``sources`` are ids;
    ``near_repeat_only`` keeps the burglary-like categories."""
    qs = _queryset(
        user=user,
        start=start,
        end=end,
        categories=categories,
        areas=areas,
        mappable_only=mappable_only,
        classifications=classifications,
        sources=sources,
        near_repeat_only=near_repeat_only,
    )
    rows = list(
        qs.values_list("id", "x", "y", "occurred_from", "occurred_to", "category_id", "precision")
    )
    origin = origin or start or EPOCH
    n = len(rows)
    weights = dict(Category.objects.values_list("pk", "harm_weight"))
    codes = dict(Category.objects.values_list("pk", "code"))
    if n:
        ids, xs, ys, froms, tos, cats, precisions = zip(*rows, strict=True)
    else:
        ids = xs = ys = froms = tos = cats = precisions = ()
    from_s = np.fromiter(((f - EPOCH).total_seconds() for f in froms), float, n)
    to_s = np.fromiter(((t - EPOCH).total_seconds() for t in tos), float, n)
    offset = (origin - EPOCH).total_seconds()
    local = np.array([_local(f) for f in froms], dtype="datetime64[s]").reshape(n)
    id_array = np.array(ids, dtype=np.int64).reshape(n)
    x = np.array([np.nan if v is None else v for v in xs], dtype=float).reshape(n)
    y = np.array([np.nan if v is None else v for v in ys], dtype=float).reshape(n)
    mappable = np.array([p in ("exact", "address") for p in precisions], dtype=bool).reshape(n)
    mappable &= ~np.isnan(x)
    # A municipality or county centroid is not a place: never hand it out as a point.
    x[~mappable] = np.nan
    y[~mappable] = np.nan
    category_id = np.array(cats, dtype=np.int64).reshape(n)
    pair_incident = np.empty(0, dtype=np.int64)
    pair_area = np.empty(0, dtype=np.int64)
    if with_area_pairs and n:
        links = np.array(
            list(
                IncidentArea.objects.filter(incident_id__in=qs.values("id"))
                .order_by()
                .values_list("incident_id", "area_id")
            ),
            dtype=np.int64,
        ).reshape(-1, 2)
        position = {pk: i for i, pk in enumerate(id_array.tolist())}
        pair_incident = np.array([position[i] for i in links[:, 0].tolist()], dtype=np.int64)
        pair_area = links[:, 1].copy()
    return IncidentArrays(
        ids=id_array,
        x=x,
        y=y,
        t=(from_s - offset) / _DAY,
        t_to=(to_s - offset) / _DAY,
        local_time=local,
        category_id=category_id,
        harm_weight=np.array([weights.get(c, 1.0) for c in category_id.tolist()], dtype=float),
        mappable=mappable,
        origin=origin,
        pair_incident=pair_incident,
        pair_area=pair_area,
        category_codes=codes,
    )


def _local(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value).replace(tzinfo=None)


def incident_count(*, user: Any, **filters: Any) -> int:
    """How many incidents ``incident_arrays`` would return (cheap: one COUNT)."""
    filters.pop("with_area_pairs", None)
    filters.pop("origin", None)
    return _queryset(
        user=user,
        start=filters.get("start"),
        end=filters.get("end"),
        categories=filters.get("categories"),
        areas=filters.get("areas"),
        mappable_only=filters.get("mappable_only", True),
        classifications=filters.get("classifications"),
        sources=filters.get("sources"),
        near_repeat_only=filters.get("near_repeat_only", False),
    ).count()
