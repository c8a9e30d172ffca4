"""The police feed in ``/healthz``: is every active source still being pulled?

Each pull queues the next (tasks.py), so a chain that broke — the worker down, a task
lost — shows as a source whose last pull is much older than its interval. A pull that
failed at the police's end still counts as a pull (it is retried on schedule) and is only
reported, so that an outage at the police does not mark this server unhealthy.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from samtrygg.core.health import ERROR, OK, UNUSED, register_health_check
from samtrygg.incidents.models import FeedSource

#: A source is late when its last pull is older than this many intervals (plus slack).
LATE_INTERVALS = 3
LATE_SLACK = timedelta(minutes=10)


def police_feed_health() -> dict[str, Any]:
    now = timezone.now()
    sources = list(
        FeedSource.objects.filter(is_active=True).values(
            "interval_minutes", "last_fetched_at", "last_status", "created_at"
        )
    )
    if not sources:
        return {"status": UNUSED}
    late = 0
    newest = None
    for source in sources:
        since = source["last_fetched_at"] or source["created_at"]
        allowed = LATE_INTERVALS * timedelta(minutes=source["interval_minutes"]) + LATE_SLACK
        if now - since > allowed:
            late += 1
        if source["last_fetched_at"] and (newest is None or source["last_fetched_at"] > newest):
            newest = source["last_fetched_at"]
    return {
        "status": ERROR if late else OK,
        "active_sources": len(sources),
        "late_sources": late,
        "last_pull_age_seconds": None
        if newest is None
        else round((now - newest).total_seconds(), 1),
    }


register_health_check("police_feed", police_feed_health)
