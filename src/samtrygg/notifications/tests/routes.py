"""Notifications in the permission matrix: a notification is its recipient's alone, the
e-mail page is the coordinator's, the public subscription pages are everyone's."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from samtrygg.notifications.models import (
    DeliveryStatus,
    EmailDelivery,
    EmailMode,
    Notification,
    PublicSubscriber,
    Subscription,
)
from samtrygg.notifications.tokens import unsubscribe_token
from samtrygg.testing.matrix import EVERYONE, MEMBERS, Route, World, allow

COORDINATOR = allow("coordinator")


def _notification(w: World) -> dict[str, Any]:
    n = Notification.objects.create(
        recipient=w.user("coordinator"),
        kind="governance.decision_assigned",
        title="Beslut",
        url="/",
        key="matrix",
        email_mode=EmailMode.NONE,
    )
    return {"pk": n.pk}


def _delivery(w: World) -> dict[str, Any]:
    d = EmailDelivery.objects.create(
        key="matrix",
        kind="direct",
        address="brevlada@example.org",
        subject="Test",
        body="Test",
        status=DeliveryStatus.FAILED,
        attempts=8,
    )
    return {"pk": d.pk}


def _unsubscribe(w: World) -> dict[str, Any]:
    return {"token": unsubscribe_token(user_id=w.user("coordinator").pk)}


def _subscriber(confirmed: bool) -> Any:
    def kwargs(w: World) -> dict[str, Any]:
        subscriber = PublicSubscriber.objects.create(
            email=f"invanare-{int(confirmed)}@example.org",
            confirmed_at=timezone.now() if confirmed else None,
            reconfirmed_at=timezone.now() if confirmed else None,
        )
        Subscription.objects.create(
            subscriber=subscriber, topic_type="category", topic_id="meetings"
        )
        return {"token": subscriber.token}

    return kwargs


ROUTES = [
    Route("notifications:inbox", MEMBERS),
    Route("notifications:open", COORDINATOR, kwargs=_notification, method="post"),
    Route("notifications:read_all", MEMBERS, method="post"),
    Route("notifications:settings", MEMBERS),
    Route("notifications:unsubscribe", EVERYONE, kwargs=_unsubscribe),
    Route("notifications:deliveries", COORDINATOR),
    Route("notifications:deliveries", COORDINATOR, query="status=sent", label="sent"),
    Route("notifications:delivery_retry", COORDINATOR, kwargs=_delivery, method="post"),
    Route("notifications:delivery_cancel", COORDINATOR, kwargs=_delivery, method="post"),
    Route("notifications:subscribe", EVERYONE),
    Route("notifications:subscribe_confirm", EVERYONE, kwargs=_subscriber(False)),
    Route("notifications:subscribe_manage", EVERYONE, kwargs=_subscriber(True)),
    Route("notifications:subscribe_unsubscribe", EVERYONE, kwargs=_subscriber(True)),
]
