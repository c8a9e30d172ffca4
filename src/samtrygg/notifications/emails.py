"""The texts of the e-mails (plain text, in the municipality's language).

Callers render inside ``municipality_language()``; the templates are in
``templates/notifications/email/`` with autoescaping off (plain text).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samtrygg.notifications import registry
from samtrygg.notifications.common import absolute_url


def _subject(text: str) -> str:
    return " ".join(f"Samtrygg {settings.SAMTRYGG_MUNICIPALITY}: {text}".split())[:300]


def _kind_label(code: str) -> str:
    try:
        return str(registry.kind(code).label)
    except KeyError:
        return code


def _topic_labels(topics: Iterable[tuple[str, str]]) -> list[str]:
    labels = []
    for topic_type, topic_id in sorted(topics):
        try:
            topic = registry.topic_type(topic_type)
        except KeyError:
            continue
        names = dict(topic.choices())
        if topic_id in names:
            labels.append(f"{topic.label}: {names[topic_id]}")
    return labels


def render_immediate(notification: Any, *, unsubscribe_url: str) -> tuple[str, str]:
    body = render_to_string(
        "notifications/email/immediate.txt",
        {
            "n": notification,
            "url": absolute_url(notification.url),
            "kind_label": _kind_label(notification.kind),
            "settings_url": absolute_url(reverse("notifications:settings")),
            "unsubscribe_url": unsubscribe_url,
        },
    )
    return _subject(notification.title), body


def render_digest(
    *,
    user: Any,
    notifications: Sequence[Any],
    changes: Sequence[Any],
    day: dt.date,
    unsubscribe_url: str,
) -> tuple[str, str]:
    count = len(notifications)
    if count:
        subject = ngettext("%(n)d new notification", "%(n)d new notifications", count) % {
            "n": count
        }
    else:
        subject = _("News you follow")
    body = render_to_string(
        "notifications/email/digest.txt",
        {
            "user": user,
            "items": [(n, absolute_url(n.url), _kind_label(n.kind)) for n in notifications],
            "changes": [(c, absolute_url(c.url)) for c in changes],
            "day": day,
            "settings_url": absolute_url(reverse("notifications:settings")),
            "unsubscribe_url": unsubscribe_url,
            "inbox_url": absolute_url(reverse("notifications:inbox")),
        },
    )
    return _subject(subject), body


def render_public_digest(
    *, changes: Sequence[Any], day: dt.date, manage_url: str, stop_url: str
) -> tuple[str, str]:
    body = render_to_string(
        "notifications/email/public_digest.txt",
        {
            "changes": [(c, absolute_url(c.url)) for c in changes],
            "day": day,
            "manage_url": manage_url,
            "stop_url": stop_url,
        },
    )
    return _subject(_("News you follow")), body


def render_confirmation(*, topics: Iterable[tuple[str, str]], confirm_url: str) -> tuple[str, str]:
    body = render_to_string(
        "notifications/email/confirm.txt",
        {"topics": _topic_labels(topics), "confirm_url": confirm_url},
    )
    return _subject(_("confirm your subscription")), body


def render_renewal(*, confirm_url: str, stop_url: str, deleted_on: dt.datetime) -> tuple[str, str]:
    body = render_to_string(
        "notifications/email/renew.txt",
        {"confirm_url": confirm_url, "stop_url": stop_url, "deleted_on": deleted_on},
    )
    return _subject(_("do you still want our e-mail?")), body


def render_direct(*, title: str, body: str, url: str = "") -> tuple[str, str]:
    text = render_to_string(
        "notifications/email/direct.txt", {"title": title, "body": body, "url": url}
    )
    return _subject(title), text
