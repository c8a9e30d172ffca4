"""The e-mail outbox: queue, send in the task worker, retry with back-off, never twice.

Every e-mail is an ``EmailDelivery`` row with a unique idempotency key, so whatever queues
it twice (a retried task, a second daily run) gets the same row. The worker *claims* a row
with one conditional update (``queued`` → ``sending``) before it sends; a second worker, a
restarted worker or a repeated flush task finds it claimed and leaves it. A send that fails
goes back to ``queued`` with a doubling wait (``NOTIFICATIONS_RETRY_SECONDS`` × 2ⁿ) until
``NOTIFICATIONS_MAX_ATTEMPTS``, then ``failed``. A row left in ``sending`` by a worker that
died mid-send becomes ``uncertain``: it may have gone out, so it is never re-sent on its
own — the coordinator decides on the e-mail page (``delivery_retry``).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from samtrygg.core.exceptions import ServiceError
from samtrygg.core.permissions import require_capability, system_service
from samtrygg.notifications.models import DeliveryStatus, EmailDelivery, Schedule

logger = logging.getLogger(__name__)

#: A row claimed longer ago than this by a worker that never finished is ``uncertain``.
STALE_CLAIM = timedelta(minutes=15)
RETRY_SCHEDULE = "outbox-retry"


@system_service("the outbox: called by the notification services that decided to e-mail")
def delivery_queue(
    *,
    key: str,
    kind: str,
    subject: str,
    body: str,
    user: Any | None = None,
    subscriber: Any | None = None,
    address: str = "",
    unsubscribe_url: str = "",
) -> EmailDelivery:
    """Put one e-mail in the outbox (or return the one already queued under ``key``)."""
    existing = EmailDelivery.objects.filter(key=key).first()
    if existing is not None:
        return existing
    if sum(x is not None and x != "" for x in (user, subscriber, address)) != 1:
        raise ValueError("an e-mail goes to exactly one user, subscriber or address")
    try:
        with transaction.atomic():
            delivery = EmailDelivery.objects.create(
                key=key[:200],
                kind=kind,
                recipient_user=user,
                subscriber=subscriber,
                address=address,
                subject=str(subject)[:300],
                body=str(body),
                unsubscribe_url=unsubscribe_url,
            )
    except IntegrityError:
        return EmailDelivery.objects.get(key=key)
    transaction.on_commit(_enqueue_flush)
    return delivery


def _enqueue_flush() -> None:
    outbox_flush_task.enqueue()


def _address(delivery: EmailDelivery) -> str:
    if delivery.recipient_user_id is not None:
        user = delivery.recipient_user
        return (getattr(user, "email", "") or "").strip() if user is not None else ""
    if delivery.subscriber_id is not None and delivery.subscriber is not None:
        return delivery.subscriber.email
    return delivery.address


def _send(delivery: EmailDelivery, to: str) -> None:
    headers = {
        "Message-ID": delivery.message_id,
        "Auto-Submitted": "auto-generated",
    }
    if delivery.unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{delivery.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    EmailMessage(
        subject=delivery.subject,
        body=delivery.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers,
    ).send(fail_silently=False)


def _retry_delay(attempts: int) -> timedelta:
    return timedelta(seconds=settings.NOTIFICATIONS_RETRY_SECONDS * 2 ** max(0, attempts - 1))


def _claim(delivery: EmailDelivery, now: datetime) -> bool:
    return bool(
        EmailDelivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.QUEUED).update(
            status=DeliveryStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    )


def _finish(delivery: EmailDelivery, **fields: Any) -> None:
    EmailDelivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING).update(**fields)


def _error_text(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]


def _deliver(delivery: EmailDelivery, now: datetime) -> str:
    if not _claim(delivery, now):
        return "skipped"  # another worker has it, or it was sent already
    delivery.refresh_from_db()
    to = _address(delivery)
    if not to:
        _finish(
            delivery, status=DeliveryStatus.CANCELLED, last_error=_("No e-mail address any more.")
        )
        return "cancelled"
    try:
        _send(delivery, to)
    except Exception as exc:  # any transport error: retry later, or give up
        logger.warning("e-mail %s not sent (attempt %s): %s", delivery.pk, delivery.attempts, exc)
        if delivery.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
            _finish(delivery, status=DeliveryStatus.FAILED, last_error=_error_text(exc))
            return "failed"
        _finish(
            delivery,
            status=DeliveryStatus.QUEUED,
            next_attempt_at=timezone.now() + _retry_delay(delivery.attempts),
            last_error=_error_text(exc),
        )
        return "retry"
    _finish(delivery, status=DeliveryStatus.SENT, sent_at=timezone.now(), last_error="")
    return "sent"


@system_service("run by the task worker: sends what the outbox holds")
def outbox_flush(*, now: datetime | None = None, limit: int = 500) -> dict[str, int]:
    """Send every queued e-mail that is due; mark stale claims ``uncertain``; queue a later
    flush for the retries still waiting."""
    now = now or timezone.now()
    counts: dict[str, int] = {}
    stale = EmailDelivery.objects.filter(
        status=DeliveryStatus.SENDING, claimed_at__lt=now - STALE_CLAIM
    ).update(
        status=DeliveryStatus.UNCERTAIN,
        last_error=_("The worker stopped while sending; it may have been sent."),
    )
    if stale:
        counts["uncertain"] = stale
    due = EmailDelivery.objects.filter(
        status=DeliveryStatus.QUEUED, next_attempt_at__lte=now
    ).order_by("next_attempt_at", "pk")[:limit]
    for delivery in list(due):
        outcome = _deliver(delivery, now)
        counts[outcome] = counts.get(outcome, 0) + 1
    _schedule_retry()
    return counts


@task()
@system_service("the task worker's entry for the outbox")
def outbox_flush_task() -> dict[str, int]:
    """The task worker's entry: send the outbox (queued after every new e-mail)."""
    return outbox_flush()


def _schedule_retry() -> None:
    """One deferred flush at the earliest waiting retry (not one per failed e-mail)."""
    if not outbox_flush_task.get_backend().supports_defer:
        return
    waiting = (
        EmailDelivery.objects.filter(status=DeliveryStatus.QUEUED)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    if waiting is None or waiting <= timezone.now():
        return
    with transaction.atomic():
        schedule, _created = Schedule.objects.select_for_update().get_or_create(name=RETRY_SCHEDULE)
        if schedule.next_run_at is not None and timezone.now() < schedule.next_run_at <= waiting:
            return
        result = outbox_flush_task.using(run_after=waiting).enqueue()
        schedule.task_id = str(result.id)
        schedule.next_run_at = waiting
        schedule.save(update_fields=["task_id", "next_run_at"])


# --- the coordinator's e-mail page ------------------------------------------------------


@transaction.atomic
def delivery_retry(*, actor: Any, delivery: EmailDelivery) -> EmailDelivery:
    """Send a failed or uncertain e-mail again (the coordinator decided it should go)."""
    require_capability(actor, "notifications.admin")
    locked = EmailDelivery.objects.select_for_update().get(pk=delivery.pk)
    if locked.status not in (DeliveryStatus.FAILED, DeliveryStatus.UNCERTAIN):
        raise ServiceError(_("Only a failed or uncertain e-mail can be sent again."))
    locked.status = DeliveryStatus.QUEUED
    locked.attempts = 0
    locked.next_attempt_at = timezone.now()
    locked.save(update_fields=["status", "attempts", "next_attempt_at"])
    transaction.on_commit(_enqueue_flush)
    return locked


@transaction.atomic
def delivery_cancel(*, actor: Any, delivery: EmailDelivery) -> EmailDelivery:
    require_capability(actor, "notifications.admin")
    locked = EmailDelivery.objects.select_for_update().get(pk=delivery.pk)
    if locked.status not in (
        DeliveryStatus.QUEUED,
        DeliveryStatus.FAILED,
        DeliveryStatus.UNCERTAIN,
    ):
        raise ServiceError(_("This e-mail can no longer be cancelled."))
    locked.status = DeliveryStatus.CANCELLED
    locked.save(update_fields=["status"])
    return locked
