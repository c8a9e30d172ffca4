"""The audit trail made readable: Swedish labels, labelled values, local time, references.

django-auditlog stores what changed as strings (``"None"`` for nothing, a primary key for a
foreign key, a choice's code, a datetime in UTC). The auditor reads them through
``describe_entries``: each field by its ``verbose_name``, each value by its label (a choice's
label, the related object's name, a date in local time), the full text (nothing cut), and
the object either as a link (where the reader may open it) or as its pseudonymous reference.
"""

from __future__ import annotations

import contextlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from auditlog.models import LogEntry
from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samtrygg.core.audit import reason_label
from samtrygg.core.models import AccessLogEntry
from samtrygg.core.permissions import permissions_for

#: auditlog's action codes in Swedish (its own words are "create", "update", ...).
ACTION_LABELS: dict[int, Any] = {
    LogEntry.Action.CREATE: _("Created"),
    LogEntry.Action.UPDATE: _("Changed"),
    LogEntry.Action.DELETE: _("Deleted"),
    LogEntry.Action.ACCESS: _("Read"),
}

_NOTHING = {"None", "", "null"}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class ObjectRef:
    """How the reader sees one record: its type, its reference and, maybe, a link."""

    type_label: str
    reference: str
    url: str = ""
    object_type: str = ""
    object_id: str = ""


@dataclass(frozen=True)
class TrailEntry:
    pk: int
    when: datetime
    who: str
    action: str
    obj: ObjectRef
    changes: tuple[FieldChange, ...]


def model_label(model: type[models.Model] | None, fallback: str = "") -> str:
    """A model's Swedish name, capitalised (``Händelse``); ``fallback`` for a removed model."""
    if model is None:
        return fallback
    name = str(model._meta.verbose_name)
    return name[:1].upper() + name[1:]


def person_label(user: Any) -> str:
    """The name an auditor reads: the person's name and user name, or "system"."""
    if user is None:
        return gettext("system")
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return f"{full} ({user.username})" if full else user.username


def local(value: datetime) -> str:
    """A timestamp in the municipality's time zone, ``2026-12-05 14:03:09``."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")


#: Records named to every reader of the logs, whether or not they may open them: the
#: people who act (users) and the organisations they act for, which the logs are about.
_named_models: set[str] = {settings.AUTH_USER_MODEL.lower()}


def register_named_model(model: type[models.Model]) -> None:
    """Show ``model``'s records by name in the logs (their names are not restricted)."""
    _named_models.add(model._meta.label_lower)


def _named(obj: models.Model) -> str | None:
    if obj._meta.label_lower not in _named_models:
        return None
    return person_label(obj) if hasattr(obj, "get_full_name") else str(obj)


def object_ref(
    model: type[models.Model] | None,
    pk: str,
    *,
    obj: models.Model | None,
    user: Any,
    stored_repr: str = "",
) -> ObjectRef:
    """The record as the reader may see it.

    A record the reader may open is named and linked; any other is shown by a pseudonymous
    reference (its type and number, or a reference it carries such as a case's), so that the
    trail does not tell the reader more about it than they may read.
    """
    type_label = model_label(model, stored_repr)
    object_type = model._meta.label_lower if model is not None else ""
    if obj is not None:
        reference = getattr(obj, "reference", "") or f"#{pk}"
        perms = permissions_for(user)
        viewable = False
        try:
            viewable = perms.can_view(obj)
        except KeyError:  # no rules registered for this model: nobody opens it here
            viewable = False
        url = obj.get_absolute_url() if viewable and hasattr(obj, "get_absolute_url") else ""
        name = _named(obj)
        if viewable or name is not None:
            return ObjectRef(type_label, name or str(obj), url, object_type, pk)
        return ObjectRef(type_label, str(reference), "", object_type, pk)
    return ObjectRef(type_label, f"#{pk}", "", object_type, pk)


class _Related:
    """Related objects by model and key, loaded in one query per model for a page."""

    def __init__(self) -> None:
        self.wanted: dict[type[models.Model], set[str]] = defaultdict(set)
        self.loaded: dict[tuple[type[models.Model], str], models.Model] = {}

    def want(self, model: type[models.Model], pk: str) -> None:
        if pk not in _NOTHING:
            self.wanted[model].add(pk)

    def load(self) -> None:
        for model, keys in self.wanted.items():
            pk_field = model._meta.pk
            valid = []
            for key in keys:
                # A malformed key stored long ago is shown as it is.
                with contextlib.suppress(ValidationError, ValueError, TypeError):
                    valid.append(pk_field.to_python(key))  # type: ignore[union-attr]
            for obj in model._base_manager.filter(pk__in=valid):
                self.loaded[(model, str(obj.pk))] = obj
        self.wanted.clear()

    def get(self, model: type[models.Model], pk: str) -> models.Model | None:
        return self.loaded.get((model, str(pk)))


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def field_label_source(field: models.Field) -> Any:
    """Where a field's label comes from: its own ``verbose_name``, or, for a relation
    without one (``case = ForeignKey(Case)``), the related model's name, which is what
    the field names. ``None`` when neither is a translation."""
    if isinstance(field.verbose_name, Promise):
        return field.verbose_name
    related = field.related_model if field.is_relation else None
    if isinstance(related, type) and isinstance(related._meta.verbose_name, Promise):
        return related._meta.verbose_name
    return None


def field_label(model: type[models.Model] | None, name: str) -> str:
    field = _field(model, name)
    if field is None:
        return name
    label = str(field_label_source(field) or field.verbose_name)
    return label[:1].upper() + label[1:]


def _choice_label(field: models.Field, raw: str) -> str:
    choices = {str(k): v for k, v in field.flatchoices}
    return str(choices.get(raw, raw))


def _format_temporal(field: models.Field, raw: str) -> str:
    if isinstance(field, models.DateTimeField):
        moment = parse_datetime(raw)
        if moment is not None:
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment, timezone.get_fixed_timezone(0))
            return local(moment)
    elif isinstance(field, models.DateField):
        day = parse_date(raw[:10])
        if day is not None:
            return day.isoformat()
    return raw


def _format_m2m(raw: dict[str, Any]) -> str:
    operation = {"add": gettext("added"), "delete": gettext("removed")}.get(
        raw.get("operation", ""), raw.get("operation", "")
    )
    return f"{operation}: {', '.join(str(o) for o in raw.get('objects', []))}"


def _fk_label(field: models.ForeignKey, text: str, related: _Related, user: Any) -> str:
    target = field.related_model
    obj = related.get(target, text)  # type: ignore[arg-type]
    ref = object_ref(target, text, obj=obj, user=user)  # type: ignore[arg-type]
    if obj is not None and ref.reference == str(obj):
        return ref.reference
    return f"{ref.type_label} {ref.reference}"


def _field_value(field: models.Field, text: str, related: _Related, user: Any) -> str:
    """A non-empty stored value of ``field`` by its label."""
    if field.choices:
        return _choice_label(field, text)
    if isinstance(field, models.BooleanField):
        return gettext("yes") if text in ("True", "true", "1") else gettext("no")
    if isinstance(field, models.ForeignKey):
        return _fk_label(field, text, related, user)
    if isinstance(field, models.DateField | models.DateTimeField):
        return _format_temporal(field, text)
    return text


def value_label(
    model: type[models.Model] | None, name: str, raw: Any, related: _Related, user: Any
) -> str:
    """One stored value as the reader should see it (``—`` for nothing)."""
    if isinstance(raw, dict):
        return _format_m2m(raw)
    if isinstance(raw, list):
        return ", ".join(value_label(model, name, v, related, user) for v in raw)
    text = "" if raw is None else str(raw)
    field = _field(model, name)
    if text in _NOTHING:
        return "—"
    return text if field is None else _field_value(field, text, related, user)


def _shown(model: type[models.Model] | None, name: str) -> bool:
    """Whether a recorded field is worth the reader's eye.

    auditlog records a new row's reverse relations (``incidents.Incident.None``), its key
    and its automatic timestamps: they say nothing the entry itself does not.
    """
    if model is None:
        return True
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return True  # a field removed since: shown by its name
    if not isinstance(field, models.Field) or field.primary_key:
        return False
    return not getattr(field, "auto_now", False) and not getattr(field, "auto_now_add", False)


def _changes(entry: LogEntry) -> dict[str, Any]:
    changes = entry.changes
    if isinstance(changes, str):  # stored as text by older versions
        try:
            changes = json.loads(changes)
        except ValueError:
            return {}
    return changes or {}


def describe_entries(entries: Iterable[LogEntry], *, user: Any) -> list[TrailEntry]:
    """The entries (a page of them) as the reader sees them; related rows loaded in bulk."""
    entries = list(entries)
    related = _Related()
    for entry in entries:
        model = entry.content_type.model_class()
        if model is not None:
            related.want(model, entry.object_pk)
        for name, values in _changes(entry).items():
            field = _field(model, name)
            if isinstance(field, models.ForeignKey) and isinstance(values, Sequence):
                for value in values:
                    related.want(field.related_model, str(value))  # type: ignore[arg-type]
    related.load()
    return [_describe(entry, related, user) for entry in entries]


def _describe(entry: LogEntry, related: _Related, user: Any) -> TrailEntry:
    model = entry.content_type.model_class()
    obj = related.get(model, entry.object_pk) if model is not None else None
    ref = object_ref(model, entry.object_pk, obj=obj, user=user, stored_repr=entry.object_repr)
    changes = []
    for name, values in _changes(entry).items():
        if not _shown(model, name):
            continue
        if isinstance(values, dict):  # a many-to-many change
            changes.append(FieldChange(field_label(model, name), "", _format_m2m(values)))
            continue
        old, new = [*list(values), None, None][:2]
        created = entry.action == LogEntry.Action.CREATE
        changes.append(
            FieldChange(
                field_label(model, name),
                "" if created else value_label(model, name, old, related, user),
                value_label(model, name, new, related, user),
            )
        )
    return TrailEntry(
        pk=entry.pk,
        when=entry.timestamp,
        who=person_label(entry.actor),
        action=str(ACTION_LABELS.get(entry.action, entry.action)),
        obj=ref,
        changes=tuple(changes),
    )


def object_types(labels: Sequence[str]) -> list[tuple[str, str]]:
    """``(app.model, Swedish name)`` for the given model labels, by name."""
    return sorted(((label, type_label(label)) for label in labels), key=lambda p: p[1].casefold())


@dataclass(frozen=True)
class AccessRow:
    pk: int
    when: datetime
    who: str
    user_id: int | None
    action: str
    obj: ObjectRef
    records: int
    reason: str
    path: str
    ip_address: str


def type_label(object_type: str) -> str:
    """The Swedish name of an ``app.model`` label (the label itself if no such model)."""
    try:
        return model_label(apps.get_model(object_type))
    except (LookupError, ValueError):
        return object_type


def describe_access(entries: Iterable[AccessLogEntry]) -> list[AccessRow]:
    """Access-log entries as the auditor reads them: names, Swedish words, local time."""
    rows = []
    for e in entries:
        records = len([pk for pk in e.object_ids.split(",") if pk])
        reference = e.object_repr or (f"#{e.object_id}" if e.object_id else "")
        rows.append(
            AccessRow(
                pk=e.pk,
                when=e.at,
                who=person_label(e.user) if e.user is not None else e.username,
                user_id=e.user_id,
                action=str(e.get_action_display()),
                obj=ObjectRef(type_label(e.object_type), reference, "", e.object_type, e.object_id),
                records=records,
                reason=reason_label(e.object_type, e.reason),
                path=e.path,
                ip_address=e.ip_address or "",
            )
        )
    return rows
