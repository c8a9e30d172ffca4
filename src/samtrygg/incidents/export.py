"""CSV and GeoJSON export of a filtered incident list (streamed).

The queryset comes from ``selectors.incident_list`` — already filtered by what the user
may read. Incidents without a mappable point (a municipality or county centroid, an area,
an address without a point) are exported without coordinates: no ``lon``/``lat`` in CSV,
``"geometry": null`` in GeoJSON.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from samtrygg.incidents.models import Incident, IncidentArea

CSV_COLUMNS = [
    "id",
    "external_id",
    "occurred_from",
    "occurred_to",
    "reported_at",
    "category",
    "category_name",
    "precision",
    "lon",
    "lat",
    "x",
    "y",
    "address",
    "description",
    "source",
    "source_system",
    "classification",
    "status",
    "areas",
]
_CHUNK = 2_000
#: A spreadsheet runs a cell starting with these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(text: str | None) -> str:
    text = text or ""
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def _local(value: Any) -> str:
    return timezone.localtime(value).isoformat() if value else ""


def _rows(queryset: QuerySet[Incident]) -> Iterator[tuple[Incident, list[str]]]:
    """Incidents in chunks, with the codes of their areas."""
    qs = queryset.select_related("category", "source_organisation").order_by("occurred_from", "id")
    batch: list[Incident] = []
    for incident in qs.iterator(chunk_size=_CHUNK):
        batch.append(incident)
        if len(batch) >= _CHUNK:
            yield from _with_areas(batch)
            batch = []
    if batch:
        yield from _with_areas(batch)


def _with_areas(batch: list[Incident]) -> Iterator[tuple[Incident, list[str]]]:
    codes: dict[int, list[str]] = {}
    for incident_id, code in (
        IncidentArea.objects.filter(incident_id__in=[i.pk for i in batch])
        .order_by("area__code")
        .values_list("incident_id", "area__code")
    ):
        codes.setdefault(incident_id, []).append(code)
    for incident in batch:
        yield incident, codes.get(incident.pk, [])


def _record(incident: Incident, areas: list[str]) -> dict[str, Any]:
    mappable = incident.is_mappable
    return {
        "id": incident.pk,
        "external_id": incident.external_id or "",
        "occurred_from": _local(incident.occurred_from),
        "occurred_to": _local(incident.occurred_to),
        "reported_at": _local(incident.reported_at),
        "category": incident.category.code,
        "category_name": incident.category.name,
        "precision": incident.precision,
        "lon": round(incident.lon, 6) if mappable and incident.lon is not None else None,
        "lat": round(incident.lat, 6) if mappable and incident.lat is not None else None,
        "x": round(incident.x, 1) if mappable and incident.x is not None else None,
        "y": round(incident.y, 1) if mappable and incident.y is not None else None,
        "address": incident.address,
        "description": incident.description,
        "source": incident.source_organisation.code,
        "source_system": incident.source_system,
        "classification": incident.classification,
        "status": incident.status,
        "areas": areas,
    }


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_stream(queryset: QuerySet[Incident]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # a byte-order mark, so that spreadsheet programs read UTF-8
    yield writer.writerow(CSV_COLUMNS)
    for incident, areas in _rows(queryset):
        record = _record(incident, areas)
        record["external_id"] = _safe(record["external_id"])
        record["address"] = _safe(record["address"])
        record["description"] = _safe(record["description"])
        record["areas"] = ";".join(areas)
        yield writer.writerow(["" if record[c] is None else record[c] for c in CSV_COLUMNS])


def geojson_stream(queryset: QuerySet[Incident]) -> Iterator[str]:
    yield '{"type": "FeatureCollection", "features": ['
    first = True
    for incident, areas in _rows(queryset):
        record = _record(incident, areas)
        lon, lat = record.pop("lon"), record.pop("lat")
        record.pop("x")
        record.pop("y")
        feature = {
            "type": "Feature",
            "id": incident.pk,
            "geometry": ({"type": "Point", "coordinates": [lon, lat]} if lon is not None else None),
            "properties": record,
        }
        yield ("" if first else ",\n") + json.dumps(feature, ensure_ascii=False)
        first = False
    yield "]}\n"
