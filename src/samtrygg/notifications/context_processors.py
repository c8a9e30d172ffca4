"""The bell in the header: unread notifications of the logged-in user."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from samtrygg.notifications.selectors import unread_count


def bell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"bell": {"unread": unread_count(user=user), "url": reverse("notifications:inbox")}}
