"""Assigning incidents to the areas that contain them.

On save and on import the bulk writer assigns each batch (``bulk.IncidentWriter``); when
areas are added or changed, ``incident_areas_reassign`` recomputes the links of those
areas only. Only mappable incidents (a point of precision ``exact`` or ``address``) are
assigned by point: a municipality centroid says nothing about the district. Incidents of
precision ``area`` keep the area they were reported for.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from django.db import connection, transaction
from django.db.models import Q

from samtrygg.areas.models import Area
from samtrygg.areas.spatial import AreaIndex
from samtrygg.incidents.models import MAPPABLE_PRECISIONS, Incident, IncidentArea

_CHUNK = 50_000


def current_area_index() -> AreaIndex:
    """The index of every area (the areas app's cached one when it has it)."""
    try:
        from samtrygg.areas.selectors import area_index
    except ImportError:  # pragma: no cover - older areas app
        return AreaIndex.build(Area.objects.order_by("pk").values_list("pk", "geometry_3006"))
    return area_index()


def incident_areas_reassign(*, area_ids: list[int]) -> int:
    """Recompute which mappable incidents lie in these areas; returns the links written.

    Areas that no longer exist lose their links by cascade; this handles added and
    changed ones.
    """
    ids = sorted(set(area_ids))
    if not ids:
        return 0
    written = 0
    with transaction.atomic():
        IncidentArea.objects.filter(
            area_id__in=ids, incident__precision__in=MAPPABLE_PRECISIONS
        ).delete()
        areas = list(
            Area.objects.filter(pk__in=ids).values_list(
                "pk", "geometry_3006", "min_x", "min_y", "max_x", "max_y"
            )
        )
        if not areas:
            return 0
        index = AreaIndex.build((pk, bytes(wkb)) for pk, wkb, *_ in areas)
        in_boxes = Q()
        for _pk, _wkb, min_x, min_y, max_x, max_y in areas:
            in_boxes |= Q(x__gte=min_x, x__lte=max_x, y__gte=min_y, y__lte=max_y)
        rows = (
            # The rows of an import still being published too: their links were deleted
            # above with the others, and they are shown with them when it finishes.
            Incident.all_objects.mappable()
            .filter(in_boxes)
            .order_by()
            .values_list("pk", "x", "y")
            .iterator(chunk_size=_CHUNK)
        )
        q = connection.ops.quote_name
        sql = (
            f"INSERT INTO {q(IncidentArea._meta.db_table)} ({q('incident_id')}, {q('area_id')}) "  # noqa: S608 - table and column names come from the model
            "VALUES (%s, %s)"
        )
        batch: list[Any] = []

        def flush() -> int:
            if not batch:
                return 0
            data = np.array(batch, dtype=float)
            point_idx, area_of = index.pairs(data[:, 1], data[:, 2])
            links = list(
                zip(
                    data[point_idx, 0].astype(np.int64).tolist(),
                    area_of.tolist(),
                    strict=True,
                )
            )
            with connection.cursor() as cursor:
                cursor.executemany(sql, links)
            batch.clear()
            return len(links)

        for row in rows:
            batch.append(row)
            if len(batch) >= _CHUNK:
                written += flush()
        written += flush()
    return written
