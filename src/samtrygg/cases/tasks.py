"""The daily retention run (django-tasks has no scheduler: each run queues the next one).

``retention_schedule`` queues the next run at ``CASES_RETENTION_HOUR`` and remembers the
queued task's id in the one ``RetentionSchedule`` row, so scheduling again replaces the
chain instead of starting a second one. The chain is (re)started after every ``migrate``
and by ``samtrygg case-retention --schedule``.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskContext, task

from samtrygg.cases.models import RetentionSchedule
from samtrygg.cases.services import case_retention_run

logger = logging.getLogger(__name__)


def next_run_at(now: dt.datetime | None = None) -> dt.datetime:
    """The next ``CASES_RETENTION_HOUR`` o'clock, local time, after ``now``."""
    now = timezone.localtime(now or timezone.now())
    run = now.replace(hour=settings.CASES_RETENTION_HOUR, minute=0, second=0, microsecond=0)
    if run <= now:
        run = timezone.localtime(
            timezone.make_aware(
                dt.datetime.combine(
                    run.date() + dt.timedelta(days=1), run.time().replace(tzinfo=None)
                )
            )
        )
    return run


@task(takes_context=True)
def case_retention_task(context: TaskContext) -> str:
    schedule = RetentionSchedule.objects.filter(pk=1).first()
    if (
        schedule is not None
        and schedule.task_id
        and schedule.task_id != str(context.task_result.id)
    ):
        return "superseded"
    try:
        run = case_retention_run(trigger="task")
        outcome = f"deleted {run.deleted_cases}, on hold {run.skipped_cases}"
    finally:
        retention_schedule()
    logger.info("case retention: %s", outcome)
    return outcome


def retention_schedule(*, force: bool = False) -> Any:
    """Queue the next daily run unless one is already queued (``force``: replace it).
    Backends that cannot defer a task (the immediate one in tests) get no chain."""
    if not case_retention_task.get_backend().supports_defer:
        return None
    with transaction.atomic():
        schedule, _created = RetentionSchedule.objects.select_for_update().get_or_create(pk=1)
        if (
            not force
            and schedule.next_run_at is not None
            and schedule.next_run_at > timezone.now()
            and schedule.task_id
        ):
            return schedule
        when = next_run_at()
        result = case_retention_task.using(run_after=when).enqueue()
        schedule.task_id = str(result.id)
        schedule.next_run_at = when
        schedule.save(update_fields=["task_id", "next_run_at"])
        return schedule
