"""The notification service (writes). Other apps use ``notification_send`` and
``public_change_record``; see docs/partners.md § Notifications."""

from samtrygg.notifications.common import absolute_url, municipality_language
from samtrygg.notifications.services.daily import (
    daily_run,
    daily_run_task,
    daily_schedule_ensure,
)
from samtrygg.notifications.services.notifications import (
    email_enabled_set,
    email_mode_for,
    notification_mark_all_read,
    notification_mark_read,
    notification_send,
    preference_set,
    unsubscribe_by_token,
    user_subscriptions_set,
)
from samtrygg.notifications.services.outbox import (
    delivery_cancel,
    delivery_queue,
    delivery_retry,
    outbox_flush,
    outbox_flush_task,
)
from samtrygg.notifications.services.subscribers import (
    public_change_record,
    public_subscribe,
    public_subscription_confirm,
    public_subscription_update,
    public_unsubscribe,
    subscriber_cleanup,
)

__all__ = [
    "absolute_url",
    "daily_run",
    "daily_run_task",
    "daily_schedule_ensure",
    "delivery_cancel",
    "delivery_queue",
    "delivery_retry",
    "email_enabled_set",
    "email_mode_for",
    "municipality_language",
    "notification_mark_all_read",
    "notification_mark_read",
    "notification_send",
    "outbox_flush",
    "outbox_flush_task",
    "preference_set",
    "public_change_record",
    "public_subscribe",
    "public_subscription_confirm",
    "public_subscription_update",
    "public_unsubscribe",
    "subscriber_cleanup",
    "unsubscribe_by_token",
    "user_subscriptions_set",
]
