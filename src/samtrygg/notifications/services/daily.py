"""The daily run: reminders, the users' digests, the public digests, clean-up.

Queued by the task worker for ``NOTIFICATIONS_DIGEST_HOUR`` every day (each run queues the
next; ``migrate`` and every outbox flush make sure one is queued), and runnable by hand
(``samtrygg send-notifications``). Every step is idempotent: reminders and digests are
keyed by what and which day, so a second run on the same day sends nothing again.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskContext, task

from samtrygg.core.permissions import system_service
from samtrygg.notifications import registry
from samtrygg.notifications.common import absolute_url, municipality_language
from samtrygg.notifications.emails import render_digest, render_direct, render_public_digest
from samtrygg.notifications.models import (
    DailyRun,
    DeliveryKind,
    EmailDelivery,
    EmailMode,
    EmailSettings,
    Notification,
    PublicChange,
    PublicSubscriber,
    Schedule,
    Subscription,
)
from samtrygg.notifications.selectors import subscriber_topics
from samtrygg.notifications.services.notifications import notification_send
from samtrygg.notifications.services.outbox import delivery_queue, outbox_flush_task
from samtrygg.notifications.services.subscribers import subscriber_cleanup
from samtrygg.notifications.tokens import unsubscribe_token

logger = logging.getLogger(__name__)
DAILY_SCHEDULE = "daily"


def _reminders(today: dt.date) -> dict[str, int]:
    counts = {"reminders": 0, "reminder_emails": 0}
    for provider in registry.reminder_providers():
        for reminder in provider(today):
            with transaction.atomic():
                created = notification_send(
                    kind=reminder.kind,
                    recipients=reminder.recipients,
                    title=reminder.title,
                    body=reminder.body,
                    url=reminder.url,
                    key=reminder.key,
                )
                counts["reminders"] += len(created)
                for address in reminder.addresses:
                    with municipality_language():
                        subject, body = render_direct(
                            title=reminder.title,
                            body="\n\n".join(
                                x for x in (reminder.body, reminder.address_body) if x
                            ),
                            url=absolute_url(reminder.url) if not reminder.address_body else "",
                        )
                    key = f"{reminder.key}:{address.lower()}"
                    if EmailDelivery.objects.filter(key=key).exists():
                        continue
                    delivery_queue(
                        key=key,
                        kind=DeliveryKind.DIRECT,
                        subject=subject,
                        body=body,
                        address=address,
                    )
                    counts["reminder_emails"] += 1
    return counts


def _followed_changes(
    topics: set[tuple[str, str]], since: dt.datetime | None, until: dt.datetime
) -> list[PublicChange]:
    if not topics:
        return []
    changes = PublicChange.objects.filter(created_at__lt=until)
    if since is not None:
        changes = changes.filter(created_at__gte=since)
    return [c for c in changes.order_by("created_at", "pk") if c.topics() & topics]


def _user_digests(today: dt.date, now: dt.datetime) -> int:
    pending = Notification.objects.filter(
        email_mode=EmailMode.DIGEST, delivery__isnull=True, created_at__lt=now
    ).select_related("recipient")
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for notification in pending.order_by("created_at", "pk"):
        by_user[notification.recipient_id].append(notification)
    # Users who follow public changes get them in the same digest.
    followers = set(
        Subscription.objects.filter(user__isnull=False).values_list("user_id", flat=True)
    )
    users = {
        u.pk: u
        for u in get_user_model().objects.filter(pk__in=set(by_user) | followers, is_active=True)
    }
    sent = 0
    for user_id, user in users.items():
        if not (user.email or "").strip():
            continue
        row, _created = EmailSettings.objects.get_or_create(user=user)
        if not row.enabled:
            continue
        notifications = by_user.get(user_id, [])
        topics = {(s.topic_type, s.topic_id) for s in Subscription.objects.filter(user=user)}
        since = _user_last_digest(user, now)
        changes = _followed_changes(topics, since, now)
        if not notifications and not changes:
            continue
        with transaction.atomic():
            unsubscribe = absolute_url(
                reverse("notifications:unsubscribe", args=[unsubscribe_token(user_id=user.pk)])
            )
            with municipality_language():
                subject, body = render_digest(
                    user=user,
                    notifications=notifications,
                    changes=changes,
                    day=today,
                    unsubscribe_url=unsubscribe,
                )
            delivery = delivery_queue(
                key=f"digest:{user.pk}:{today.isoformat()}",
                kind=DeliveryKind.DIGEST,
                subject=subject,
                body=body,
                user=user,
                unsubscribe_url=unsubscribe,
            )
            Notification.objects.filter(
                pk__in=[n.pk for n in notifications], delivery__isnull=True
            ).update(delivery=delivery)
            _user_digest_done(user, now)
            sent += 1
    return sent


_USER_DIGEST_SCHEDULE = "digest-user-{}"


def _user_last_digest(user: Any, now: dt.datetime) -> dt.datetime | None:
    row = Schedule.objects.filter(name=_USER_DIGEST_SCHEDULE.format(user.pk)).first()
    return row.next_run_at if row is not None else now - dt.timedelta(days=1)


def _user_digest_done(user: Any, now: dt.datetime) -> None:
    # The time of the last digest, kept in the schedule table rather than on the user.
    Schedule.objects.update_or_create(
        name=_USER_DIGEST_SCHEDULE.format(user.pk), defaults={"next_run_at": now}
    )


def _public_digests(today: dt.date, now: dt.datetime) -> int:
    sent = 0
    for subscriber in PublicSubscriber.objects.filter(confirmed_at__isnull=False):
        changes = _followed_changes(subscriber_topics(subscriber), subscriber.last_digest_at, now)
        if not changes:
            continue
        with transaction.atomic():
            manage = absolute_url(
                reverse("notifications:subscribe_manage", args=[subscriber.token])
            )
            stop = absolute_url(
                reverse("notifications:subscribe_unsubscribe", args=[subscriber.token])
            )
            with municipality_language():
                subject, body = render_public_digest(
                    changes=changes, day=today, manage_url=manage, stop_url=stop
                )
            delivery_queue(
                key=f"public:{subscriber.pk}:{today.isoformat()}",
                kind=DeliveryKind.PUBLIC_DIGEST,
                subject=subject,
                body=body,
                subscriber=subscriber,
                unsubscribe_url=stop,
            )
            PublicSubscriber.objects.filter(pk=subscriber.pk).update(last_digest_at=now)
            sent += 1
    return sent


@system_service("the scheduled daily job; nothing reaches it from a request")
def daily_run(*, today: dt.date | None = None, now: dt.datetime | None = None) -> DailyRun:
    """Reminders, digests (users and public), clean-up — once a day, idempotent."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    run, _created = DailyRun.objects.get_or_create(day=today, defaults={"started_at": now})
    summary: dict[str, Any] = dict(run.summary or {})
    for name, value in _reminders(today).items():
        summary[name] = summary.get(name, 0) + value
    summary["digests"] = summary.get("digests", 0) + _user_digests(today, now)
    summary["public_digests"] = summary.get("public_digests", 0) + _public_digests(today, now)
    for name, value in subscriber_cleanup(now=now).items():
        summary[f"subscribers_{name}"] = summary.get(f"subscribers_{name}", 0) + value
    run.summary = summary
    run.finished_at = timezone.now()
    run.save(update_fields=["summary", "finished_at"])
    return run


def next_daily_time(now: dt.datetime | None = None) -> dt.datetime:
    now = now or timezone.now()
    day = timezone.localdate(now)
    hour = dt.time(settings.NOTIFICATIONS_DIGEST_HOUR)
    at = timezone.make_aware(dt.datetime.combine(day, hour))
    if at <= now:
        at = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), hour))
    return at


@system_service("keeps the daily run queued; runs at start-up and from the worker")
def daily_schedule_ensure(*, force: bool = False) -> Schedule | None:
    """Queue the next daily run unless one is queued (or ``force``: the run that just
    finished queues its successor). Nothing when the task backend cannot defer."""
    try:
        if not daily_run_task.get_backend().supports_defer:
            return None
    except Exception:  # a misconfigured backend must not break migrate or a flush
        logger.exception("notifications: cannot reach the task backend")
        return None
    now = timezone.now()
    with transaction.atomic():
        schedule, _created = Schedule.objects.select_for_update().get_or_create(name=DAILY_SCHEDULE)
        stale = schedule.next_run_at is None or schedule.next_run_at < now - dt.timedelta(hours=6)
        if not (force or stale or not schedule.task_id):
            return schedule
        run_at = next_daily_time(now)
        result = daily_run_task.using(run_after=run_at).enqueue()
        schedule.task_id = str(result.id)
        schedule.next_run_at = run_at
        schedule.save(update_fields=["task_id", "next_run_at"])
    return schedule


@task(takes_context=True)
@system_service("the task worker's entry for the daily run")
def daily_run_task(context: TaskContext) -> str:
    """The daily run; then queue tomorrow's. A run that is no longer the scheduled one (a
    duplicate after a restart, say) does nothing: the schedule names the one to run."""
    schedule = Schedule.objects.filter(name=DAILY_SCHEDULE).first()
    if schedule is not None and schedule.task_id not in ("", str(context.task_result.id)):
        return "superseded"
    try:
        run = daily_run()
    finally:
        daily_schedule_ensure(force=True)
    outbox_flush_task.enqueue()
    return f"done {run.day.isoformat()}"
