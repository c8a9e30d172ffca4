"""The access log of restricted reads: the service every app calls.

Changes are recorded by django-auditlog (register models with ``auditlog.register``);
reads of restricted personal data are recorded here, append-only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest
from django.utils import translation

from samtrygg.core.models import AccessAction, AccessLogEntry

#: How an app words the reasons it stores as codes (``"overview"``, ``"identity:2"``), by
#: object type; the auditor's pages show the words.
_reason_labels: dict[str, Callable[[str], str]] = {}


def register_reason_label(object_type: str, label: Callable[[str], str]) -> None:
    """Tell the auditor's pages how to word the stored reasons of ``object_type``."""
    _reason_labels[object_type] = label


def reason_label(object_type: str, reason: str) -> str:
    """A stored reason as the auditor reads it."""
    label = _reason_labels.get(object_type)
    return str(label(reason)) if label is not None and reason else reason


def _client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def access_log_record(
    *,
    user: Any,
    action: str = AccessAction.VIEW,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: Any = "",
    reason: Any = "",
    request: HttpRequest | None = None,
    object_ids: Iterable[Any] = (),
    reason_params: dict[str, Any] | None = None,
) -> AccessLogEntry:
    """Append one entry: ``user`` read (or exported) ``obj``.

    Pass either a model instance as ``obj`` or ``object_type``/``object_id`` for reads that
    are not of a single row (an export of a filtered list, say), with the keys of the rows
    it held as ``object_ids``. ``reason`` (and ``object_repr``) may be lazy translations:
    they are kept in the municipality's language, whatever the process's locale, because
    the log is read long after by someone else; ``reason_params`` fill its ``%(name)s``.
    """
    if action not in AccessAction.values:
        raise ValueError(f"unknown access action {action!r}")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:200]
    if not object_type:
        raise ValueError("access_log_record needs obj= or object_type=")
    with translation.override(settings.LANGUAGE_CODE):
        reason, object_repr = str(reason), str(object_repr)
        if reason_params:
            reason = reason % {k: str(v) for k, v in reason_params.items()}
    ids = ",".join(str(pk) for pk in object_ids)
    authenticated = getattr(user, "is_authenticated", False)
    return AccessLogEntry.objects.create(
        user=user if authenticated else None,
        username=getattr(user, "username", "") or "anonymous",
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:200],
        reason=reason[:200],
        object_ids=f",{ids}," if ids else "",
        path=(request.get_full_path()[:300] if request is not None else ""),
        ip_address=_client_ip(request),
    )
