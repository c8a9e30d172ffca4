"""Sending notifications to users, and what each user chose about them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.core.permissions import require_signed_in, require_view, system_service
from samtrygg.notifications import registry
from samtrygg.notifications.common import absolute_url, municipality_language
from samtrygg.notifications.emails import render_immediate
from samtrygg.notifications.models import (
    Channel,
    DeliveryKind,
    EmailMode,
    EmailSettings,
    KindPreference,
    Notification,
    Subscription,
)
from samtrygg.notifications.services.outbox import delivery_queue
from samtrygg.notifications.tokens import read_unsubscribe_token, unsubscribe_token

TITLE_MAX = 300


def _active_users(recipients: Iterable[Any]) -> list[Any]:
    seen: set[int] = set()
    users = []
    for user in recipients:
        pk = getattr(user, "pk", None)
        if pk is None or pk in seen or not getattr(user, "is_active", False):
            continue
        seen.add(pk)
        users.append(user)
    return users


def email_mode_for(user: Any, kind: str) -> str:
    """How a new notification of ``kind`` reaches ``user`` by e-mail."""
    if not (getattr(user, "email", "") or "").strip():
        return EmailMode.NONE
    settings_row = EmailSettings.objects.filter(user_id=user.pk).first()
    if settings_row is not None and not settings_row.enabled:
        return EmailMode.NONE
    pref = KindPreference.objects.filter(user_id=user.pk, kind=kind).first()
    channel = pref.channel if pref is not None else Channel.DIGEST
    if channel == Channel.IMMEDIATE:
        return EmailMode.IMMEDIATE
    if channel == Channel.IN_APP:
        return EmailMode.NONE
    return EmailMode.DIGEST


@system_service(
    "called by other apps' services after their own permission checks; it only tells the "
    "recipients they choose, and every recipient sees only their own notifications"
)
def notification_send(
    *,
    kind: str,
    recipients: Iterable[Any],
    title: str,
    key: str,
    body: str = "",
    url: str = "",
    at: datetime | None = None,
) -> list[Notification]:
    """Tell ``recipients`` (users) about something: in-app at once, by e-mail at once or in
    the daily digest as each chose for ``kind``. ``key`` is the idempotency key: the same
    key never notifies the same user twice (re-running a task, a retried request, the
    daily reminders on the next day). Inactive users are skipped.

    Texts are stored as given: build them inside ``municipality_language()``.
    """
    registry.kind(kind)  # only registered kinds
    title = str(title).strip()[:TITLE_MAX]
    if not title or not key:
        raise ValueError("a notification needs a title and a key")
    if url and not url.startswith("/"):
        raise ValueError("a notification links to a path on this site")
    created: list[Notification] = []
    for user in _active_users(recipients):
        if Notification.objects.filter(recipient_id=user.pk, key=key).exists():
            continue
        mode = email_mode_for(user, kind)
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    recipient=user,
                    kind=kind,
                    title=title,
                    body=str(body or "").strip(),
                    url=url,
                    key=key[:200],
                    created_at=at or timezone.now(),
                    email_mode=mode,
                )
                if mode == EmailMode.IMMEDIATE:
                    _queue_immediate(notification)
        except IntegrityError:
            continue  # a concurrent call created it
        created.append(notification)
    return created


def _queue_immediate(notification: Notification) -> None:
    user = notification.recipient
    unsubscribe = absolute_url(
        reverse(
            "notifications:unsubscribe",
            args=[unsubscribe_token(user_id=user.pk, kind=notification.kind)],
        )
    )
    with municipality_language():
        subject, body = render_immediate(notification, unsubscribe_url=unsubscribe)
    delivery = delivery_queue(
        key=f"n:{notification.pk}",
        kind=DeliveryKind.IMMEDIATE,
        subject=subject,
        body=body,
        user=user,
        unsubscribe_url=unsubscribe,
    )
    notification.delivery = delivery
    notification.save(update_fields=["delivery"])


# --- the user's own actions -------------------------------------------------------------


def notification_mark_read(*, actor: Any, notification: Notification) -> Notification:
    require_view(actor, notification)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notification_mark_all_read(*, actor: Any) -> int:
    require_signed_in(actor)
    return Notification.objects.filter(recipient_id=actor.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def preference_set(*, actor: Any, kind: str, channel: str) -> KindPreference:
    """How ``actor`` wants e-mail about ``kind`` (their own preference only)."""
    require_signed_in(actor)
    try:
        registry.kind(kind)
    except KeyError:
        raise ValidationError({"kind": _("Unknown kind of notification.")}) from None
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Choose one of the listed ways.")})
    pref, _created = KindPreference.objects.update_or_create(
        user=actor, kind=kind, defaults={"channel": channel}
    )
    return pref


@transaction.atomic
def email_enabled_set(*, actor: Any, enabled: bool) -> EmailSettings:
    require_signed_in(actor)
    row, _created = EmailSettings.objects.update_or_create(
        user=actor, defaults={"enabled": bool(enabled)}
    )
    return row


@system_service("authorised by the signed link in the e-mail, which can only stop e-mail")
@transaction.atomic
def unsubscribe_by_token(*, token: str) -> tuple[Any, str] | None:
    """One-click unsubscribe: stop e-mail of one kind (or all e-mail) for the user the
    signed token names. Returns ``(user, kind)``, or ``None`` for a bad token."""
    parsed = read_unsubscribe_token(token)
    if parsed is None:
        return None
    user_id, kind = parsed
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return None
    if kind and kind in {k.code for k in registry.kinds()}:
        KindPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"channel": Channel.IN_APP}
        )
    else:
        kind = ""
        EmailSettings.objects.update_or_create(user=user, defaults={"enabled": False})
    # Nothing already waiting for the digest goes out either.
    pending = Notification.objects.filter(
        recipient=user, email_mode=EmailMode.DIGEST, delivery__isnull=True
    )
    if kind:
        pending = pending.filter(kind=kind)
    pending.update(email_mode=EmailMode.NONE)
    return user, kind


# --- what a user follows ----------------------------------------------------------------


def _check_topic(topic_type: str, topic_id: str) -> None:
    try:
        topic = registry.topic_type(topic_type)
    except KeyError:
        raise ValidationError({"topic": _("Unknown kind of topic.")}) from None
    if str(topic_id) not in {str(value) for value, _label in topic.choices()}:
        raise ValidationError({"topic": _("Choose one of the listed topics.")})


@transaction.atomic
def user_subscriptions_set(*, actor: Any, topics: Iterable[tuple[str, str]]) -> list[Subscription]:
    """Replace what ``actor`` follows with ``topics`` (``(type, id)`` pairs)."""
    require_signed_in(actor)
    wanted = {(t, str(i)) for t, i in topics}
    for topic_type, topic_id in wanted:
        _check_topic(topic_type, topic_id)
    current = {(s.topic_type, s.topic_id): s for s in Subscription.objects.filter(user=actor)}
    for pair, sub in current.items():
        if pair not in wanted:
            sub.delete()
    for topic_type, topic_id in wanted - set(current):
        Subscription.objects.create(user=actor, topic_type=topic_type, topic_id=topic_id)
    return list(Subscription.objects.filter(user=actor))
