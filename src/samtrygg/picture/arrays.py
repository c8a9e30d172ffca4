"""Incidents as arrays for the picture: the incidents adapter's ``IncidentArrays`` of a
resolver-filtered queryset (see ``data.scoped_incidents``), with each row's source."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from django.db.models import QuerySet

from samtrygg.incidents.adapters import IncidentArrays, arrays_from_queryset
from samtrygg.incidents.models import Incident


@dataclass(frozen=True)
class PictureRows:
    arrays: IncidentArrays
    #: Per incident (aligned with ``arrays.ids``): source organisation id and system.
    source_organisation: np.ndarray
    source_system: np.ndarray


def picture_arrays(
    qs: QuerySet[Incident],
    *,
    origin: dt.datetime,
    harm_weights: dict[int, float],
    category_codes: dict[int, str],
    area_ids: Sequence[int] | None = None,
) -> PictureRows:
    """``IncidentArrays`` (all precisions) of a resolver-filtered queryset, with the links
    to ``area_ids`` (all areas when None) and each row's source."""
    arrays, extra = arrays_from_queryset(
        qs,
        origin=origin,
        area_ids=area_ids,
        harm_weights=harm_weights,
        category_codes=category_codes,
        extra_fields=("source_organisation_id", "source_system"),
    )
    return PictureRows(
        arrays=arrays,
        source_organisation=extra["source_organisation_id"].astype(np.int64),
        source_system=extra["source_system"],
    )
