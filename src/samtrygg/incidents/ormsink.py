"""The reference incident sink: the same writes as ``bulk.IncidentWriter``, one model
instance at a time through the ORM.

It is slow and plain on purpose: it states what a sink must leave in the database, and a
property test (``tests/test_sinks.py``) holds the fast path to it. Rows of one source
(organisation + system) whose external id the source already has are updated in place
(status and feedback stay as set, their areas are computed again); the others are
created with status "new". Times are whole seconds in UTC; every row written carries the
sink's time (``now``) as its creation or update time, and as its report time when the
row has none. A bulk write is audited as one — its import job (who, when, which file,
the counts) — not with an audit entry per row: the reference saves with the audit log
off, as the fast path, which bypasses the models, always has.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from auditlog.context import disable_auditlog
from django.utils import timezone

from samtrygg.areas.spatial import AreaIndex
from samtrygg.incidents.bulk import IncidentColumns, WriteResult
from samtrygg.incidents.models import (
    MAPPABLE_PRECISIONS,
    Incident,
    IncidentArea,
    IncidentStatus,
)

_MAPPABLE = frozenset(str(p) for p in MAPPABLE_PRECISIONS)


def _when(value: Any) -> dt.datetime:
    seconds = int(np.asarray(value).astype("datetime64[s]").astype(np.int64))
    return dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=seconds)


def _number(value: Any) -> float | None:
    number = float(value)
    return None if math.isnan(number) else number


def _at(values: Sequence[Any] | None, i: int) -> Any:
    return None if values is None else values[i]


@dataclass(kw_only=True)
class OrmIncidentSink:
    """Writes batches of incidents of one source through model instances."""

    source_organisation_id: int
    source_system: str
    area_index: AreaIndex
    import_job_id: int | None = None
    created_by_id: int | None = None
    now: dt.datetime | None = None

    def __post_init__(self) -> None:
        self.now = (self.now or timezone.now()).astimezone(dt.UTC).replace(microsecond=0)

    def write(self, cols: IncidentColumns) -> WriteResult:
        result = WriteResult()
        with disable_auditlog():
            self._write_rows(cols, result)
        return result

    def _write_rows(self, cols: IncidentColumns, result: WriteResult) -> None:
        for i in range(len(cols)):
            incident, created = self._write_row(cols, i)
            result.ids.append(incident.pk)
            if created:
                result.created += 1
            else:
                result.updated += 1
            result.area_links += self._link_areas(incident, _at(cols.area_id, i))

    def _write_row(self, cols: IncidentColumns, i: int) -> tuple[Incident, bool]:
        fields = {
            "occurred_from": _when(cols.occurred_from[i]),
            "occurred_to": _when(cols.occurred_to[i]),
            "reported_at": (self.now if cols.reported_at is None else _when(cols.reported_at[i])),
            "category_id": int(cols.category_id[i]),
            "lon": _number(cols.lon[i]),
            "lat": _number(cols.lat[i]),
            "x": _number(cols.x[i]),
            "y": _number(cols.y[i]),
            "precision": cols.precision[i],
            "address": cols.address[i],
            "place_id": _at(cols.place_id, i),
            "description": cols.description[i],
            "classification": cols.classification[i],
            "feed_item_id": _at(cols.feed_item_id, i),
        }
        external_id = cols.external_id[i]
        incident = None
        if external_id is not None:
            incident = Incident.objects.filter(
                source_organisation_id=self.source_organisation_id,
                source_system=self.source_system,
                external_id=external_id,
            ).first()
        created = incident is None
        if incident is None:
            incident = Incident(
                source_organisation_id=self.source_organisation_id,
                source_system=self.source_system,
                external_id=external_id,
                created_by_id=self.created_by_id,
                import_job_id=self.import_job_id,
                status=IncidentStatus.NEW,
                feedback="",
            )
        if not created and cols.reported_at is None:
            del fields["reported_at"]  # the time of the import that added it stays
        for name, value in fields.items():
            setattr(incident, name, value)
        incident.save()
        # auto_now stamps the moment of the save; the sink's rows carry the sink's time.
        stamps = {"updated_at": self.now} | ({"created_at": self.now} if created else {})
        Incident.objects.filter(pk=incident.pk).update(**stamps)
        return incident, created

    def _link_areas(self, incident: Incident, named_area: int | None) -> int:
        IncidentArea.objects.filter(incident=incident).delete()
        area_ids: list[int] = []
        if (
            incident.precision in _MAPPABLE
            and incident.x is not None
            and incident.y is not None
            and len(self.area_index.ids)
        ):
            _points, found = self.area_index.pairs(np.array([incident.x]), np.array([incident.y]))
            area_ids.extend(int(a) for a in found.tolist())
        if named_area is not None:
            area_ids.append(int(named_area))
        IncidentArea.objects.bulk_create(
            [IncidentArea(incident=incident, area_id=a) for a in area_ids]
        )
        return len(area_ids)
