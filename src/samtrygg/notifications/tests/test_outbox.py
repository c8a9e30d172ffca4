"""The outbox: retries with back-off, failures on the coordinator's page, and never the same
e-mail twice — not after a repeated flush, nor after the task worker restarts."""

from __future__ import annotations

import datetime as dt
import smtplib
from http import HTTPStatus
from typing import Any, ClassVar

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from samtrygg.notifications.models import DeliveryKind, DeliveryStatus, EmailDelivery
from samtrygg.notifications.services import delivery_queue, outbox_flush
from samtrygg.testing.matrix import World, login

pytestmark = pytest.mark.django_db


class FlakyBackend(LocmemBackend):
    """Refuses the first ``failures`` messages, then delivers like the test backend."""

    failures: ClassVar[int] = 0
    attempts: ClassVar[int] = 0

    def send_messages(self, messages: Any) -> int:
        type(self).attempts += 1
        if type(self).attempts <= type(self).failures:
            raise smtplib.SMTPServerDisconnected("mail server went away")
        return super().send_messages(messages)


@pytest.fixture
def flaky(settings: Any) -> type[FlakyBackend]:
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    settings.NOTIFICATIONS_RETRY_SECONDS = 60
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    FlakyBackend.failures = 0
    FlakyBackend.attempts = 0
    return FlakyBackend


def _queue(n: int = 1) -> list[EmailDelivery]:
    return [
        delivery_queue(
            key=f"test:{i}",
            kind=DeliveryKind.DIRECT,
            subject=f"Fynd {i} har tilldelats er",
            body="Se länken.",
            address=f"teknik{i}@kommun.example",
        )
        for i in range(n)
    ]


def test_queueing_the_same_key_twice_gives_one_email() -> None:
    first = _queue(1)[0]
    assert _queue(1)[0].pk == first.pk
    outbox_flush()
    outbox_flush()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == first.message_id


def test_a_failed_send_is_retried_with_doubling_waits(flaky: type[FlakyBackend]) -> None:
    flaky.failures = 2
    (delivery,) = _queue(1)
    start = timezone.now()
    assert outbox_flush(now=start) == {"retry": 1}
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.QUEUED, 1)
    assert "SMTPServerDisconnected" in delivery.last_error
    first_wait = delivery.next_attempt_at - start
    assert dt.timedelta(seconds=59) < first_wait < dt.timedelta(seconds=70)
    # Not due yet: nothing happens.
    assert outbox_flush(now=start + dt.timedelta(seconds=30)) == {}
    assert outbox_flush(now=delivery.next_attempt_at) == {"retry": 1}
    delivery.refresh_from_db()
    second_wait = delivery.next_attempt_at - timezone.now()
    assert dt.timedelta(seconds=110) < second_wait < dt.timedelta(seconds=125)
    assert outbox_flush(now=delivery.next_attempt_at) == {"sent": 1}
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("sent", 3, "")
    assert len(mail.outbox) == 1


def test_after_the_last_attempt_it_fails_and_shows_on_the_admin_page(
    flaky: type[FlakyBackend], world: World
) -> None:
    flaky.failures = 99
    (delivery,) = _queue(1)
    now = timezone.now()
    for _ in range(3):
        outbox_flush(now=now)
        delivery.refresh_from_db()
        now = delivery.next_attempt_at
    assert delivery.status == DeliveryStatus.FAILED
    assert mail.outbox == []

    coordinator = login(Client(), world.user("coordinator"))
    page = coordinator.get(reverse("notifications:deliveries")).content.decode()
    assert "Fynd 0 har tilldelats er" in page and "Misslyckat" in page
    assert "SMTPServerDisconnected" in page
    assert (
        login(Client(), world.user("analyst")).get(reverse("notifications:deliveries")).status_code
        == HTTPStatus.FORBIDDEN
    )

    flaky.failures = 0
    response = coordinator.post(reverse("notifications:delivery_retry", args=[delivery.pk]))
    assert response.status_code == HTTPStatus.FOUND
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.QUEUED, 0)
    outbox_flush()
    assert len(mail.outbox) == 1


def test_a_worker_that_died_mid_send_leaves_it_uncertain_never_resent() -> None:
    (delivery,) = _queue(1)
    long_ago = timezone.now() - dt.timedelta(hours=1)
    EmailDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENDING, claimed_at=long_ago, attempts=1
    )
    assert outbox_flush() == {"uncertain": 1}
    assert outbox_flush() == {}
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.UNCERTAIN
    assert mail.outbox == []


def test_no_duplicate_sends_after_a_worker_restart(
    settings: Any, django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    """With the database task backend: the worker runs one flush task (all e-mails go),
    is stopped, and a new worker runs the flush tasks still queued — and the first task
    again, as if the worker had died before recording it done. Each e-mail arrives once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker closes connections that are not in autocommit; inside the test's
    # transaction (PostgreSQL with CONN_MAX_AGE) that would be the test's own connection.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    with django_capture_on_commit_callbacks(execute=True):
        queued = _queue(3)
    # Three queued e-mails queued three flush tasks (on commit), plus the retry/daily
    # schedule's deferred ones the flush may add; run the worker for one task only.
    pending = DBTaskResult.objects.filter(status="READY")
    assert pending.count() >= len(queued)
    call_command("db_worker", "--max-tasks", "1", "--no-startup-delay", "--interval", "0")
    assert len(mail.outbox) == len(queued)
    done = DBTaskResult.objects.filter(status="SUCCESSFUL").first()
    assert done is not None
    # The "restart": the first task is back in the queue (its result never recorded).
    DBTaskResult.objects.filter(pk=done.pk).update(status="READY", worker_ids=[])
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    assert DBTaskResult.objects.filter(status="READY", run_after__isnull=True).count() == 0
    assert len(mail.outbox) == len(queued)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "teknik0@kommun.example",
        "teknik1@kommun.example",
        "teknik2@kommun.example",
    ]
    assert set(EmailDelivery.objects.values_list("status", flat=True)) == {"sent"}
