"""Reads of the audit trail and the access log (auditor only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from auditlog.models import LogEntry
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext

from samtrygg.core.directory import organisation_member_ids
from samtrygg.core.models import AccessAction, AccessLogEntry
from samtrygg.core.permissions import permissions_for
from samtrygg.core.trail import ACTION_LABELS


@dataclass(frozen=True)
class AuditFilters:
    """The filters both logs share: who, from which organisation, what, when, which action.

    ``person`` matches a user name or a first or last name (part of it); ``user_id`` picks
    one person (the per-person view); ``object_type`` is ``app.model`` and ``object_id`` one
    record (the per-object view); ``since``/``until`` are local days, both included.
    """

    person: str = ""
    user_id: int | None = None
    organisation: int | None = None
    object_type: str = ""
    object_id: str = ""
    action: str = ""
    since: date | None = None
    until: date | None = None

    def describe(self) -> str:
        """The filters in words, for the access log's own entry about an export."""
        parts = [
            f"{name}={value}"
            for name, value in (
                ("person", self.person),
                ("user", self.user_id),
                ("organisation", self.organisation),
                ("type", self.object_type),
                ("id", self.object_id),
                ("action", self.action),
                ("since", self.since),
                ("until", self.until),
            )
            if value not in ("", None)
        ]
        return ", ".join(parts) or gettext("everything")


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def parse_audit_filters(query: QueryDict) -> AuditFilters:
    """The filters from a query string; a value that does not parse is ignored."""
    return AuditFilters(
        person=query.get("person", "").strip()[:150],
        user_id=_int(query.get("user")),
        organisation=_int(query.get("organisation")),
        object_type=query.get("object_type", "").strip()[:100],
        object_id=query.get("object_id", "").strip()[:64],
        action=query.get("action", "").strip()[:16],
        since=_day(query.get("since")),
        until=_day(query.get("until")),
    )


def _person_q(prefix: str, text: str) -> Q:
    q = Q()
    for name in ("username", "first_name", "last_name"):
        q |= Q(**{f"{prefix}__{name}__icontains": text})
    return q


def change_log_list(*, user: Any, filters: AuditFilters) -> QuerySet[LogEntry]:
    """The audit trail, newest first, filtered; nothing for a reader without ``audit.read``."""
    if not permissions_for(user).can("audit.read"):
        return LogEntry.objects.none()
    qs = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-id")
    f = filters
    if f.object_type:
        app_label, _, model_name = f.object_type.partition(".")
        qs = qs.filter(content_type__app_label=app_label, content_type__model=model_name)
    if f.object_id:
        qs = qs.filter(object_pk=f.object_id)
    if f.person:
        qs = qs.filter(_person_q("actor", f.person))
    if f.user_id is not None:
        qs = qs.filter(actor_id=f.user_id)
    if f.organisation is not None:
        qs = qs.filter(actor_id__in=organisation_member_ids(f.organisation))
    if f.action:
        codes = {str(code): code for code in ACTION_LABELS}
        qs = qs.filter(action=codes[f.action]) if f.action in codes else qs.none()
    if f.since:
        qs = qs.filter(timestamp__date__gte=f.since)
    if f.until:
        qs = qs.filter(timestamp__date__lte=f.until)
    return qs


def change_log_object_types(*, user: Any) -> list[str]:
    """The ``app.model`` labels that occur in the audit trail."""
    if not permissions_for(user).can("audit.read"):
        return []
    rows = (
        LogEntry.objects.values_list("content_type__app_label", "content_type__model")
        .distinct()
        .order_by("content_type__app_label", "content_type__model")
    )
    return [f"{app}.{model}" for app, model in rows]


def access_log_list(*, user: Any, filters: AuditFilters) -> QuerySet[AccessLogEntry]:
    """The access log, newest first, filtered; nothing without ``access_log.read``.

    The per-object filter finds the entries about the record itself and the entries of a
    list, a map or an export that held it among others.
    """
    if not permissions_for(user).can("access_log.read"):
        return AccessLogEntry.objects.none()
    qs = AccessLogEntry.objects.select_related("user").order_by("-at", "-id")
    f = filters
    if f.object_type:
        qs = qs.filter(object_type=f.object_type)
    if f.object_id:
        qs = qs.filter(Q(object_id=f.object_id) | Q(object_ids__contains=f",{f.object_id},"))
    if f.person:
        qs = qs.filter(_person_q("user", f.person) | Q(username__icontains=f.person))
    if f.user_id is not None:
        qs = qs.filter(user_id=f.user_id)
    if f.organisation is not None:
        qs = qs.filter(user_id__in=organisation_member_ids(f.organisation))
    if f.action:
        qs = qs.filter(action=f.action) if f.action in AccessAction.values else qs.none()
    if f.since:
        qs = qs.filter(at__date__gte=f.since)
    if f.until:
        qs = qs.filter(at__date__lte=f.until)
    return qs


def access_log_object_types(*, user: Any) -> list[str]:
    """The record types that occur in the access log."""
    if not permissions_for(user).can("access_log.read"):
        return []
    return list(
        AccessLogEntry.objects.order_by("object_type")
        .values_list("object_type", flat=True)
        .distinct()
    )
