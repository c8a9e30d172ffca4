"""After ``migrate``: make sure the daily run is queued (nothing happens when the task
backend cannot defer, e.g. in tests)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models.signals import post_migrate

from samtrygg.notifications.services import daily_schedule_ensure


def _ensure_schedule(**kwargs: Any) -> None:
    daily_schedule_ensure()


post_migrate.connect(_ensure_schedule, sender=apps.get_app_config("notifications"))
