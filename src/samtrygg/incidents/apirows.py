"""The API incident list's rows, read as plain values.

Building a model instance per incident, category, organisation and area, and running DRF's
ModelSerializer over them, cost two thirds of a list request's CPU for a page of 50. These
rows are read with ``values_list`` and one query for the page's area codes; they are the
``IncidentSerializer``'s output byte for byte (api/tests/test_incident_list.py checks it),
which stays the description of a row (detail, create and the OpenAPI document).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone

from samtrygg.areas.models import Area
from samtrygg.incidents.dataversion import data_version
from samtrygg.incidents.models import Incident, IncidentArea, point_is_mappable

#: How long a process keeps a list's count (seconds); a new data version is a new key.
COUNT_SECONDS = 300

#: The answer's fields in the serializer's order, with the column each is read from;
#: ``areas`` comes from its own query.
_FIELDS = (
    ("id", "id"),
    ("occurred_from", "occurred_from"),
    ("occurred_to", "occurred_to"),
    ("reported_at", "reported_at"),
    ("category", "category__code"),
    ("precision", "precision"),
    ("lon", "lon"),
    ("lat", "lat"),
    ("x", "x"),
    ("y", "y"),
    ("address", "address"),
    ("place", "place_id"),
    ("areas", None),
    ("description", "description"),
    ("source", "source_organisation__code"),
    ("source_system", "source_system"),
    ("external_id", "external_id"),
    ("classification", "classification"),
    ("status", "status"),
    ("feedback", "feedback"),
)
_COLUMNS = tuple(column for _name, column in _FIELDS if column is not None)
_NAMES = tuple(name for name, column in _FIELDS if column is not None)
_AT = {name: i for i, name in enumerate(_NAMES)}
_TIMES = tuple(_AT[name] for name in ("occurred_from", "occurred_to", "reported_at"))
_COORDINATES = tuple(_AT[name] for name in ("lon", "lat", "x", "y"))
_ORDER = tuple(name for name, _column in _FIELDS)
_BEFORE_AREAS = _ORDER.index("areas")


class IncidentValues:
    """``queryset`` (in its order) as the tuples ``incident_rows`` turns into rows, for
    DRF's paginator, which counts it and slices a page. The count is the plain queryset's:
    counted through the values, SQLite joined the categories and organisations to every
    incident (11 ms of 17 for a page of 50 out of 29,000); a process keeps it per query
    and data version (``incidents.dataversion``)."""

    def __init__(self, queryset: QuerySet[Incident]) -> None:
        self.queryset = queryset

    def count(self) -> int:
        # Counting is a scan of every readable incident (20 ms of a coordinator's page of 50
        # out of 29,000); the count is kept per query and data version, so it is exact.
        sql, params = self.queryset.query.sql_with_params()
        raw = repr((sql, params, data_version())).encode()
        key = f"incidents:api-count:{hashlib.sha256(raw).hexdigest()}"
        found = cache.get(key)
        if found is None:
            found = self.queryset.count()
            cache.set(key, found, COUNT_SECONDS)
        return int(found)

    def __getitem__(self, rows: slice) -> QuerySet[Any]:
        return self.queryset.values_list(*_COLUMNS)[rows]

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.queryset.values_list(*_COLUMNS))


def _timestamp(value: dt.datetime | None, zone: dt.tzinfo) -> str | None:
    # As DRF's DateTimeField: in the current time zone, ISO 8601, UTC written "Z".
    if value is None:
        return None
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _related_order(prefix: str, ordering: Sequence[Any]) -> list[str]:
    return [
        f"-{prefix}{name[1:]}" if name.startswith("-") else f"{prefix}{name}"
        for name in map(str, ordering)
    ]


def incident_rows(values: Sequence[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """The answer's rows for tuples of ``IncidentValues`` (one query for the areas)."""
    areas: dict[int, list[str]] = defaultdict(list)
    # The areas in Area's own order, as the serializer's related field lists them.
    for incident_id, code in (
        IncidentArea.objects.filter(incident_id__in=[row[0] for row in values])
        .order_by(*_related_order("area__", Area._meta.ordering or ()))
        .values_list("incident_id", "area__code")
    ):
        areas[incident_id].append(code)
    zone = timezone.get_current_timezone()
    precision, x = _AT["precision"], _AT["x"]
    out = []
    for row in values:
        item: list[Any] = list(row)
        for i in _TIMES:
            item[i] = _timestamp(item[i], zone)
        # A municipality's centroid is not a place: coordinates only for mappable points.
        if not point_is_mappable(row[precision], row[x]):
            for i in _COORDINATES:
                item[i] = None
        item.insert(_BEFORE_AREAS, areas.get(row[0], []))
        out.append(dict(zip(_ORDER, item, strict=True)))
    return out
