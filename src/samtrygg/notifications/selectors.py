"""Reads: a user's notifications and choices, the outbox for the coordinator."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from samtrygg.core.permissions import permissions_for
from samtrygg.notifications import registry
from samtrygg.notifications.models import (
    TOKEN_MAX,
    Channel,
    DeliveryStatus,
    EmailDelivery,
    EmailSettings,
    KindPreference,
    Notification,
    PublicSubscriber,
    Subscription,
)


def notification_list(*, user: Any, unread_only: bool = False) -> QuerySet[Notification]:
    qs = permissions_for(user).filter_viewable(Notification.objects.all())
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-id")


def unread_count(*, user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


@dataclass(frozen=True)
class KindChoice:
    code: str
    label: Any
    description: Any
    channel: str


def preferences(*, user: Any) -> list[KindChoice]:
    """Every kind of notification the user may receive, with the user's choice."""
    chosen = dict(KindPreference.objects.filter(user_id=user.pk).values_list("kind", "channel"))
    return [
        KindChoice(k.code, k.label, k.description, chosen.get(k.code, Channel.DIGEST))
        for k in registry.kinds()
        if k.concerns(user)
    ]


def email_enabled(*, user: Any) -> bool:
    row = EmailSettings.objects.filter(user_id=user.pk).first()
    return row is None or row.enabled


def topic_options() -> list[dict[str, Any]]:
    """What can be followed: each topic type with its public-safe choices."""
    return [
        {"code": t.code, "label": t.label, "choices": t.choices()} for t in registry.topic_types()
    ]


def user_topics(*, user: Any) -> set[tuple[str, str]]:
    return set(Subscription.objects.filter(user_id=user.pk).values_list("topic_type", "topic_id"))


def delivery_list(*, user: Any, status: str = "") -> QuerySet[EmailDelivery]:
    qs = permissions_for(user).filter_viewable(
        EmailDelivery.objects.select_related("recipient_user")
    )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-id")


def delivery_counts(*, user: Any) -> dict[str, int]:
    qs = permissions_for(user).filter_viewable(EmailDelivery.objects.all())
    return {s: qs.filter(status=s).count() for s in DeliveryStatus.values}


def subscriber_topics(subscriber: Any) -> set[tuple[str, str]]:
    return {(s.topic_type, s.topic_id) for s in subscriber.subscriptions.all()}


def subscriber_by_token(token: str) -> PublicSubscriber | None:
    if not token or len(token) > TOKEN_MAX:
        return None
    return PublicSubscriber.objects.filter(token=token).first()
