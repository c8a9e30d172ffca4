"""The rules of a valid incident, written once.

Limits, messages and checks shared by every way an incident comes in: the report form and
the API (one report, through ``services.incident_create``) and the imports and the police
feed (rows in bulk, through ``validation.ChunkValidator``). The checks work on arrays, so
the bulk path runs them vectorised and one report is an array of one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np
from django.utils.translation import gettext_lazy as _

from samtrygg.core.models import Classification
from samtrygg.core.permissions import permissions_for

EXTERNAL_ID_MAX = 100
ADDRESS_MAX = 300
DESCRIPTION_MAX = 10_000
# Generous bounds around Sweden (WGS84 and SWEREF 99 TM).
LON_RANGE = (10.0, 24.5)
LAT_RANGE = (55.0, 69.5)
X_RANGE = (200_000.0, 1_000_000.0)
Y_RANGE = (6_100_000.0, 7_700_000.0)
#: A report may be dated a little ahead (clock differences), not more.
FUTURE_SLACK = dt.timedelta(minutes=10)

IN_THE_FUTURE = _("The time cannot be in the future.")
INACTIVE_CATEGORY = _("This category is no longer in use.")
RESTRICTED_REFUSED = _("Only the police and named analysts may file restricted (police-only) data.")


def within(values: np.ndarray, bounds: tuple[float, float]) -> np.ndarray:
    """Which values lie in ``bounds``, both ends included (NaN: no)."""
    return (values >= bounds[0]) & (values <= bounds[1])


def lonlat_in_sweden(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Which WGS84 points lie in the box around Sweden (NaN: no)."""
    return within(lon, LON_RANGE) & within(lat, LAT_RANGE)


def xy_in_sweden(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Which SWEREF 99 TM points lie in the box around Sweden."""
    return within(x, X_RANGE) & within(y, Y_RANGE)


def in_the_future(times: np.ndarray, now: dt.datetime) -> np.ndarray:
    """Which UTC ``datetime64`` times lie more than ``FUTURE_SLACK`` after ``now`` (NaT: no)."""
    limit = np.datetime64((now + FUTURE_SLACK).astimezone(dt.UTC).replace(tzinfo=None), "s")
    return ~np.isnat(times) & (times > limit)


def as_utc64(moment: dt.datetime) -> np.ndarray:
    """One aware datetime as a one-element UTC ``datetime64[s]`` array."""
    return np.array([moment.astimezone(dt.UTC).replace(tzinfo=None)], dtype="datetime64[s]")


def too_long(texts: Sequence[str], limit: int) -> list[int]:
    """Positions of the texts longer than ``limit``."""
    if max(map(len, texts), default=0) <= limit:
        return []
    return [i for i, text in enumerate(texts) if len(text) > limit]


def may_file_restricted(actor: Any) -> bool:
    """Restricted (police-only) incidents come from the police and named analysts only, by
    the form, the API or an import alike."""
    return permissions_for(actor).police_data


def classification_refused(classification: str, *, restricted_allowed: bool) -> bool:
    return classification == Classification.RESTRICTED and not restricted_allowed
