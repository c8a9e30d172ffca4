"""The audit trail and the access log as CSV, for the data-protection officer.

Headings in Swedish (the municipality's language whatever the process's locale), times in
local time, one row per changed field; cells that a spreadsheet would run as a formula are
quoted.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from itertools import islice
from typing import Any

from auditlog.models import LogEntry
from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext, pgettext

from samtrygg.core.models import AccessLogEntry
from samtrygg.core.trail import describe_access, describe_entries, local

#: Rows described at a time: related objects are loaded per chunk.
CHUNK = 500
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    def write(self, value: str) -> str:
        return value


def safe_cell(value: Any) -> str:
    """A cell a spreadsheet shows as text (a leading ``=`` would be run as a formula)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def _chunks(qs: QuerySet[Any]) -> Iterator[list[Any]]:
    rows = qs.iterator(chunk_size=CHUNK)
    while chunk := list(islice(rows, CHUNK)):
        yield chunk


def change_log_csv(qs: QuerySet[LogEntry], *, user: Any) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # a byte-order mark, so that spreadsheet programs read UTF-8
    with translation.override(settings.LANGUAGE_CODE):
        head = [
            gettext("When"),
            gettext("Who"),
            pgettext("audit", "Action"),
            gettext("Record type"),
            gettext("Record"),
            gettext("Field"),
            gettext("Before"),
            gettext("After"),
        ]
    yield writer.writerow(head)
    for chunk in _chunks(qs.select_related("actor", "content_type")):
        with translation.override(settings.LANGUAGE_CODE):
            entries = describe_entries(chunk, user=user)
        for e in entries:
            base = [local(e.when), e.who, e.action, e.obj.type_label, e.obj.reference]
            for change in e.changes or [None]:
                tail = [change.field, change.old, change.new] if change else ["", "", ""]
                yield writer.writerow([safe_cell(v) for v in base + tail])


def access_log_csv(qs: QuerySet[AccessLogEntry]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"
    with translation.override(settings.LANGUAGE_CODE):
        head = [
            gettext("When"),
            gettext("Who"),
            gettext("User name"),
            pgettext("audit", "Action"),
            gettext("Record type"),
            gettext("Record id"),
            gettext("Record"),
            gettext("Records read"),
            gettext("Reason"),
            gettext("Address"),
            gettext("IP address"),
        ]
    yield writer.writerow(head)
    for chunk in _chunks(qs.select_related("user")):
        with translation.override(settings.LANGUAGE_CODE):
            rows = describe_access(chunk)
        for entry, row in zip(chunk, rows, strict=True):
            yield writer.writerow(
                [
                    safe_cell(v)
                    for v in (
                        local(row.when),
                        row.who,
                        entry.username,
                        row.action,
                        row.obj.type_label,
                        row.obj.object_id,
                        row.obj.reference,
                        entry.object_ids.strip(","),
                        row.reason,
                        row.path,
                        row.ip_address,
                    )
                ]
            )
