"""Every reporting source's record in a data scope: its first and last day with a report
and its gaps (``coverage.find_gaps``), read with one grouped query and cached per data
scope, data fingerprint and day."""

from __future__ import annotations

import datetime as dt
import hashlib

import numpy as np
from django.core.cache import cache
from django.db.models import Count

from samtrygg.accounts.models import Organisation
from samtrygg.core.dbtime import HourKey, hours_since_epoch, local_day_counts
from samtrygg.core.permissions import permissions_for
from samtrygg.incidents.models import Incident
from samtrygg.picture.coverage import SourceRecord, find_gaps

CACHE_SECONDS = 6 * 3600


def _records(
    user: object, classifications: tuple[str, ...] | None, today: dt.date
) -> list[SourceRecord]:
    qs = permissions_for(user).filter_viewable(Incident.objects.all())
    if classifications is not None:
        qs = qs.filter(classification__in=classifications)
    rows = list(
        qs.order_by()
        .annotate(hour=HourKey("occurred_from"))
        .values("source_organisation_id", "hour")
        .annotate(n=Count("id"))
        .values_list("source_organisation_id", "hour", "n")
    )
    by_org: dict[int, tuple[list[str], list[int]]] = {}
    for org, hour, n in rows:
        hours, counts = by_org.setdefault(org, ([], []))
        hours.append(hour)
        counts.append(n)
    names = dict(Organisation.objects.filter(pk__in=list(by_org)).values_list("pk", "name"))
    out = []
    for org, (hours, counts) in sorted(by_org.items()):
        days, day_counts = local_day_counts(
            hours_since_epoch(hours), np.array(counts, dtype=np.int64)
        )
        out.append(
            SourceRecord(
                organisation_id=org,
                name=names.get(org, ""),
                first_day=days[0].astype(dt.date),
                last_day=days[-1].astype(dt.date),
                count=int(day_counts.sum()),
                gaps=find_gaps(days, today),
            )
        )
    return out


def source_records(
    scope: object, *, today: dt.date, fingerprint: str | None = None
) -> dict[int, SourceRecord]:
    """Every source's record in the data scope, by organisation id (cached per scope,
    data fingerprint and day when a fingerprint is given)."""
    user = getattr(scope, "user", None)
    classifications = getattr(scope, "classifications", None)
    key = None
    if fingerprint is not None:
        raw = f"{getattr(scope, 'key', '')}:{fingerprint}:{today.isoformat()}"
        key = "situation:sources:" + hashlib.sha256(raw.encode()).hexdigest()
        hit = cache.get(key)
        if hit is not None:
            return hit  # type: ignore[no-any-return]
    records = {r.organisation_id: r for r in _records(user, classifications, today)}
    if key is not None:
        cache.set(key, records, CACHE_SECONDS)
    return records
