"""Incident points for the dashboard map: mappable incidents the user may read.

Only precision ``exact`` or ``address`` (never centroids), at most ``MAX_POINTS`` (the
newest). Every read is written to the access log (point-level data), naming the
restricted incidents it held.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy

from samtrygg.core.audit import access_log_record
from samtrygg.core.models import AccessAction, Classification
from samtrygg.incidents.selectors import restricted_rows_label
from samtrygg.picture.data import (
    category_ids_for,
    category_infos,
    scope_for_user,
    scoped_incidents,
)
from samtrygg.picture.params import PictureParams

MAX_POINTS = 5000


def incident_points(
    *, user: Any, params: PictureParams, request: HttpRequest | None = None
) -> dict[str, Any]:
    cats = category_infos()
    qs = scoped_incidents(
        scope_for_user(user),
        params.start,
        params.end,
        category_ids=category_ids_for(params.category_codes, cats),
        area_ids=params.area_ids,
    ).mappable()
    rows = list(
        qs.order_by("-occurred_from", "-id").values_list(
            "id", "lon", "lat", "occurred_from", "category_id", "classification"
        )[: MAX_POINTS + 1]
    )
    truncated = len(rows) > MAX_POINTS
    rows = rows[:MAX_POINTS]
    # Point-level data: every read is logged, naming the restricted incidents it held.
    restricted = [r[0] for r in rows if r[5] == Classification.RESTRICTED]
    access_log_record(
        user=user,
        action=AccessAction.VIEW,
        object_type="incidents.incident",
        object_repr=restricted_rows_label(len(rows), len(restricted)),
        object_ids=restricted,
        reason=gettext_lazy("Incident points on the situation map"),
        request=request,
    )
    features = []
    for pk, lon, lat, occurred, category_id, classification in rows:
        if lon is None or lat is None:
            continue
        cat = cats.get(category_id)
        features.append(
            {
                "type": "Feature",
                "id": pk,
                "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
                "properties": {
                    "category": cat.name if cat else "",
                    "colour": cat.colour if cat else "#1f5f8b",
                    "date": timezone.localtime(occurred).date().isoformat(),
                    "classification": classification,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features, "truncated": truncated}
