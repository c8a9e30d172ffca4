"""Public visitors who follow public changes by e-mail (double opt-in), and the changes.

A visitor gives an address and topics; a confirmation link is e-mailed; only a confirmed
address gets digests. The address is used for sending only: no page, list, export or log
shows it. It is deleted on unsubscribe, when it was not confirmed within
``CONFIRM_DAYS``, and when it was not re-confirmed for ``RENEW_DAYS`` (a renewal link is
sent a month before).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.core.permissions import system_service
from samtrygg.notifications import registry
from samtrygg.notifications.common import absolute_url, municipality_language, parse_topics
from samtrygg.notifications.emails import render_confirmation, render_renewal
from samtrygg.notifications.models import (
    TOKEN_MAX,
    DeliveryKind,
    DeliveryStatus,
    EmailDelivery,
    PublicChange,
    PublicSubscriber,
    Subscription,
)
from samtrygg.notifications.services.outbox import delivery_queue

CONFIRM_DAYS = 7
RENEW_DAYS = 365
RENEW_NOTICE_DAYS = 30
MAX_TOPICS = 50


def _clean_topics(topics: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    wanted = {(t, str(i)) for t, i in topics}
    if not wanted:
        raise ValidationError({"topics": _("Choose at least one thing to follow.")})
    if len(wanted) > MAX_TOPICS:
        raise ValidationError({"topics": _("Choose at most %(n)d things.") % {"n": MAX_TOPICS}})
    allowed: dict[str, set[str]] = {}
    for topic_type, topic_id in wanted:
        if topic_type not in allowed:
            try:
                allowed[topic_type] = {
                    str(v) for v, _label in registry.topic_type(topic_type).choices()
                }
            except KeyError:
                raise ValidationError({"topics": _("Unknown kind of topic.")}) from None
        if topic_id not in allowed[topic_type]:
            raise ValidationError({"topics": _("Choose among the listed topics.")})
    return wanted


def _set_topics(subscriber: PublicSubscriber, topics: set[tuple[str, str]]) -> None:
    current = {(s.topic_type, s.topic_id): s for s in subscriber.subscriptions.all()}
    for pair, sub in current.items():
        if pair not in topics:
            sub.delete()
    for topic_type, topic_id in topics - set(current):
        Subscription.objects.create(subscriber=subscriber, topic_type=topic_type, topic_id=topic_id)


@system_service("an anonymous visitor asks to follow public changes; nothing is sent but a link")
@transaction.atomic
def public_subscribe(*, email: str, topics: Iterable[tuple[str, str]]) -> None:
    """Ask for a subscription: e-mail a confirmation link. Says nothing about whether the
    address was known (the same answer either way), and a known, confirmed address keeps
    its topics until the new ones are confirmed."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from None
    wanted = _clean_topics(topics)
    subscriber = PublicSubscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is None:
        subscriber = PublicSubscriber.objects.create(email=email)
    # The topics asked for wait in the token's link; an unconfirmed address gets them now.
    if not subscriber.is_confirmed:
        _set_topics(subscriber, wanted)
    pending = ",".join(sorted(f"{t}:{i}" for t, i in wanted))
    url = absolute_url(
        reverse("notifications:subscribe_confirm", args=[subscriber.token]) + f"?topics={pending}"
    )
    with municipality_language():
        subject, body = render_confirmation(topics=wanted, confirm_url=url)
    stamp = timezone.now().strftime("%Y%m%d%H")
    delivery_queue(
        key=f"confirm:{subscriber.pk}:{stamp}",
        kind=DeliveryKind.CONFIRM,
        subject=subject,
        body=body,
        subscriber=subscriber,
    )


def _subscriber(token: str) -> PublicSubscriber | None:
    if not token or len(token) > TOKEN_MAX:
        return None
    return PublicSubscriber.objects.filter(token=token).first()


@system_service("the visitor follows the link e-mailed to the address (double opt-in)")
@transaction.atomic
def public_subscription_confirm(*, token: str, topics: str = "") -> PublicSubscriber | None:
    subscriber = _subscriber(token)
    if subscriber is None:
        return None
    wanted = parse_topics(topics)
    if wanted:
        _set_topics(subscriber, _clean_topics(wanted))
    now = timezone.now()
    if subscriber.confirmed_at is None:
        subscriber.confirmed_at = now
        subscriber.last_digest_at = now
    subscriber.reconfirmed_at = now
    subscriber.reminder_sent_at = None
    subscriber.save(
        update_fields=["confirmed_at", "reconfirmed_at", "reminder_sent_at", "last_digest_at"]
    )
    return subscriber


@system_service("the visitor manages the subscription through the link in every e-mail")
@transaction.atomic
def public_subscription_update(*, token: str, topics: Iterable[tuple[str, str]]) -> bool:
    subscriber = _subscriber(token)
    if subscriber is None or not subscriber.is_confirmed:
        return False
    _set_topics(subscriber, _clean_topics(topics))
    return True


@system_service("one-click unsubscribe through the link in every e-mail")
@transaction.atomic
def public_unsubscribe(*, token: str) -> bool:
    """Delete the subscriber: address, topics and e-mails not yet sent. The token stops
    working (the row is gone)."""
    subscriber = _subscriber(token)
    if subscriber is None:
        return False
    _forget(subscriber)
    return True


def _forget(subscriber: PublicSubscriber) -> None:
    EmailDelivery.objects.filter(
        subscriber=subscriber,
        status__in=[DeliveryStatus.QUEUED, DeliveryStatus.FAILED, DeliveryStatus.UNCERTAIN],
    ).update(status=DeliveryStatus.CANCELLED, subscriber=None)
    subscriber.delete()  # its subscriptions go with it; sent rows keep no address


@system_service("the daily run: deletes addresses the law no longer lets us keep")
def subscriber_cleanup(*, now: datetime | None = None) -> dict[str, int]:
    """Delete unconfirmed addresses after ``CONFIRM_DAYS`` and confirmed ones not renewed
    for ``RENEW_DAYS``; ask for renewal ``RENEW_NOTICE_DAYS`` before."""
    now = now or timezone.now()
    counts = {"deleted": 0, "renewal_asked": 0}
    with transaction.atomic():
        for subscriber in PublicSubscriber.objects.filter(
            confirmed_at__isnull=True, created_at__lt=now - timedelta(days=CONFIRM_DAYS)
        ):
            _forget(subscriber)
            counts["deleted"] += 1
        for subscriber in PublicSubscriber.objects.filter(
            confirmed_at__isnull=False, reconfirmed_at__lt=now - timedelta(days=RENEW_DAYS)
        ):
            _forget(subscriber)
            counts["deleted"] += 1
    renew_before = now - timedelta(days=RENEW_DAYS - RENEW_NOTICE_DAYS)
    for subscriber in PublicSubscriber.objects.filter(
        confirmed_at__isnull=False, reconfirmed_at__lt=renew_before, reminder_sent_at__isnull=True
    ):
        with transaction.atomic():
            url = absolute_url(reverse("notifications:subscribe_confirm", args=[subscriber.token]))
            stop = absolute_url(
                reverse("notifications:subscribe_unsubscribe", args=[subscriber.token])
            )
            with municipality_language():
                subject, body = render_renewal(
                    confirm_url=url,
                    stop_url=stop,
                    deleted_on=(subscriber.reconfirmed_at or now) + timedelta(days=RENEW_DAYS),
                )
            delivery_queue(
                key=f"renew:{subscriber.pk}:{(subscriber.reconfirmed_at or now):%Y%m%d}",
                kind=DeliveryKind.CONFIRM,
                subject=subject,
                body=body,
                subscriber=subscriber,
                unsubscribe_url=stop,
            )
            subscriber.reminder_sent_at = now
            subscriber.save(update_fields=["reminder_sent_at"])
            counts["renewal_asked"] += 1
    return counts


@system_service("called by other apps' services when something becomes public")
def public_change_record(
    *,
    category: str,
    title: str,
    url: str,
    key: str,
    area_ids: Iterable[int] = (),
    council_ids: Iterable[int] = (),
    at: datetime | None = None,
) -> PublicChange:
    """Record a change on the public pages for the subscribers' digests (once per key)."""
    if category not in registry.public_categories():
        raise KeyError(f"unknown public category {category!r}: register it first")
    change, _created = PublicChange.objects.get_or_create(
        key=key[:200],
        defaults={
            "category": category,
            "title": str(title)[:300],
            "url": url,
            "area_ids": sorted({int(i) for i in area_ids}),
            "council_ids": sorted({int(i) for i in council_ids}),
            "created_at": at or timezone.now(),
        },
    )
    return change
