"""After ``migrate``: make sure the daily retention run is queued (a deployment that
migrates never forgets to start it)."""

from __future__ import annotations

import logging
from typing import Any

from django.db import DatabaseError
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from samtrygg.cases.tasks import retention_schedule

logger = logging.getLogger(__name__)


@receiver(post_migrate, dispatch_uid="samtrygg.cases.retention_schedule")
def _schedule_retention(sender: Any, app_config: Any = None, **kwargs: Any) -> None:
    if app_config is None or app_config.label != "cases":
        return
    try:
        retention_schedule()
    except DatabaseError:  # the task table may not exist yet in a partial migration
        logger.warning("could not queue the daily case retention run", exc_info=True)
