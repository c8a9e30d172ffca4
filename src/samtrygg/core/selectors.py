"""Reads of the audit trail and the access log (auditor only)."""

from __future__ import annotations

from datetime import date
from typing import Any

from auditlog.models import LogEntry
from django.db.models import QuerySet

from samtrygg.core.models import AccessLogEntry
from samtrygg.core.permissions import permissions_for


def change_log_list(
    *,
    user: Any,
    model: str = "",
    actor: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[LogEntry]:
    if not permissions_for(user).can("audit.read"):
        return LogEntry.objects.none()
    qs = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-id")
    if model:
        app_label, _, model_name = model.partition(".")
        qs = qs.filter(content_type__app_label=app_label, content_type__model=model_name)
    if actor:
        qs = qs.filter(actor__username=actor)
    if since:
        qs = qs.filter(timestamp__date__gte=since)
    if until:
        qs = qs.filter(timestamp__date__lte=until)
    return qs


def change_log_models(*, user: Any) -> list[str]:
    if not permissions_for(user).can("audit.read"):
        return []
    rows = (
        LogEntry.objects.values_list("content_type__app_label", "content_type__model")
        .distinct()
        .order_by("content_type__app_label", "content_type__model")
    )
    return [f"{app}.{model}" for app, model in rows]


def access_log_list(
    *,
    user: Any,
    username: str = "",
    object_type: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AccessLogEntry]:
    if not permissions_for(user).can("access_log.read"):
        return AccessLogEntry.objects.none()
    qs = AccessLogEntry.objects.all()
    if username:
        qs = qs.filter(username=username)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if since:
        qs = qs.filter(at__date__gte=since)
    if until:
        qs = qs.filter(at__date__lte=until)
    return qs
