"""Background tasks (django-tasks): imports, area re-assignment, the police feed pull.

In tests the immediate backend runs a task on enqueue; under ``make run`` the database
backend's worker (started by ``samtrygg serve``) runs them.
"""

from __future__ import annotations

import datetime as dt
import logging

from django_tasks import TaskContext, task

logger = logging.getLogger(__name__)


@task()
def reassign_areas_task(area_ids: list[int]) -> int:
    from samtrygg.incidents.assignment import incident_areas_reassign

    return incident_areas_reassign(area_ids=area_ids)


def on_areas_changed(area_ids: list[int]) -> None:
    """Registered with the areas app: runs after an area write commits."""
    reassign_areas_task.enqueue(list(area_ids))


@task()
def import_job_run_task(job_id: int) -> str:
    from samtrygg.incidents.services import import_job_run

    job = import_job_run(job_id=job_id)
    return job.status if job is not None else "missing"


@task(takes_context=True)
def police_feed_poll_task(context: TaskContext, source_id: int) -> str:
    """Pull one feed source, then queue the next pull (the chain is the schedule)."""
    from samtrygg.incidents.feedstore import FeedFetchFailed, RateLimited, police_feed_fetch
    from samtrygg.incidents.models import FeedSource
    from samtrygg.incidents.services import feed_schedule

    source = FeedSource.objects.select_related("organisation").filter(pk=source_id).first()
    if source is None or not source.is_active:
        return "inactive"
    if source.scheduled_task_id and source.scheduled_task_id != str(context.task_result.id):
        return "superseded"
    delay = None
    outcome = "fetched"
    try:
        police_feed_fetch(source=source)
    except RateLimited as exc:
        delay = exc.retry_after + dt.timedelta(seconds=5)
        outcome = "rate-limited"
    except FeedFetchFailed as exc:
        logger.warning("police feed %s: %s", source.location, exc)
        outcome = "failed"
    finally:
        feed_schedule(source=source, delay=delay)
    return outcome
