"""Housekeeping jobs that the task worker runs about once an hour (``samtrygg worker``), and
that ``samtrygg housekeeping`` runs by hand or from cron.

An app registers a job from its ``ready()``: a function taking ``now`` and returning a
short summary (counts only, no personal data: it is logged). Each job is idempotent and
must be cheap when there is nothing to do.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from django.utils import timezone

logger = logging.getLogger("samtrygg.housekeeping")

HousekeepingJob = Callable[[dt.datetime], str]
_jobs: dict[str, HousekeepingJob] = {}

#: How often the worker runs the jobs.
INTERVAL = dt.timedelta(hours=1)


def register_housekeeping(name: str, job: HousekeepingJob) -> None:
    _jobs[name] = job


def housekeeping_run(*, now: dt.datetime | None = None) -> dict[str, str]:
    """Run every registered job; one that fails is logged and the others still run."""
    now = now or timezone.now()
    outcomes = {}
    for name, job in sorted(_jobs.items()):
        try:
            outcomes[name] = job(now)
        except Exception as exc:
            logger.exception("housekeeping job %s failed", name)
            outcomes[name] = f"failed: {type(exc).__name__}"
        else:
            logger.info("housekeeping %s: %s", name, outcomes[name])
    return outcomes
