"""Imports being published: their new rows are in the incident table but hidden.

SQLite has one writer at a time, so a large import cannot be written in one transaction
without holding up every log-in (which writes). The staged import (``staging``) therefore
publishes its new rows in pieces, each in a short transaction of its own, marked with the
import's key (``Incident.import_batch``). While the key is in this table the rows are
hidden: ``Incident.objects`` leaves them out (``IncidentQuerySet.published``), and so does
everything built on it — pages, the API, exports, pictures. The import's last, short
transaction updates the rows the source already had and deletes its key from here: from
that commit on, every new row is visible at once. All-or-nothing holds across the
pieces:

* an import that fails (a bad row is found before any piece: validation is done first; a
  constraint fails, the process is stopped) removes its rows, piece by piece, and then
  its key (``pending_import_discard``): the rows go before the key, because the key's
  deletion is what publishes;
* an import whose process dies leaves its key: its rows stay hidden until the next import
  or the worker's housekeeping finds the owner gone (``pending_imports_abandoned_clean``)
  and removes them the same way.

A published row keeps its batch key: it says which import brought it, and keys are
random 63-bit numbers, never reused in practice. On PostgreSQL an import writes in one
transaction (row locks block no log-in) and no key is ever pending.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
import socket
from pathlib import Path
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

#: An owner that has not touched its import for this long is taken to be gone even when
#: it cannot be checked (another machine sharing the database file).
STALE_AFTER = dt.timedelta(hours=1)
#: Rows removed per transaction when an import is discarded.
DISCARD_ROWS = 20_000

INCIDENTS = "incidents_incident"
LINKS = "incidents_incidentarea"
#: The keys this process is publishing now: one of its own keys not in here was left by
#: a publish of this process that failed and could not clean up (a worker lives on).
_ACTIVE: set[int] = set()


class PendingImport(models.Model):
    """An import whose new rows are written but not yet published."""

    key = models.BigIntegerField(_("key"), primary_key=True)
    #: ``host:pid:start`` of the process writing it (``process_identity``).
    owner = models.CharField(_("owner"), max_length=200)
    started_at = models.DateTimeField(_("started"))
    touched_at = models.DateTimeField(_("last written"))
    #: Being removed: the import may no longer write or publish (a publish racing a
    #: discard would show part of its rows).
    discarding = models.BooleanField(_("being removed"), default=False)

    class Meta:
        db_table = "incidents_pendingimport"
        verbose_name = _("import being published")
        verbose_name_plural = _("imports being published")

    def __str__(self) -> str:
        return f"{self.key} ({self.owner})"


def pending_keys() -> models.QuerySet[PendingImport, Any]:
    """The keys of the imports in progress, as a subquery (hidden rows carry one)."""
    return PendingImport.objects.values("key")


def _start_time(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (Linux), None if it is gone or
    is a zombie; "" where ``/proc`` is not there to ask."""
    proc = Path("/proc")
    if not proc.is_dir():
        return ""
    try:
        stat = (proc / str(pid) / "stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()  # the name, in brackets, may hold spaces
    state, start = fields[0], fields[19]
    return None if state in ("Z", "X") else start


def process_identity() -> str:
    """``host:pid:start``: the start time tells a re-used pid from the process itself."""
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_start_time(pid) or ''}"


def _pid_is_gone(pid: int, start: str) -> bool:
    """Whether the process ``pid`` of this machine, started at ``start``, has ended."""
    current = _start_time(pid)
    if current is None:
        return True
    if current:
        return bool(start) and current != start  # the pid now names another process
    try:  # no /proc: ask the kernel
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass
    return False


def owner_is_gone(key: int, owner: str, touched_at: dt.datetime, now: dt.datetime) -> bool:
    """Whether the process named by ``owner`` is certainly no longer writing ``key``."""
    if owner == process_identity():
        return key not in _ACTIVE
    host, _sep, rest = owner.partition(":")
    pid_text, _sep, start = rest.partition(":")
    if host == socket.gethostname() and pid_text.isdigit():
        return _pid_is_gone(int(pid_text), start)
    return now - touched_at > STALE_AFTER


class PublicationLost(RuntimeError):
    """The import's key was removed under it (taken for abandoned): nothing is published."""


def pending_import_start() -> int:
    """Register a new import (its own short transaction) and return its key."""
    now = timezone.now()
    key = secrets.randbits(63) or 1
    with transaction.atomic():
        PendingImport.objects.create(
            key=key, owner=process_identity(), started_at=now, touched_at=now
        )
    _ACTIVE.add(key)
    return key


def pending_import_touch(key: int) -> None:
    """Inside a piece's transaction: record that the import is alive. Raises
    ``PublicationLost`` if its key is gone or being removed."""
    updated = PendingImport.objects.filter(key=key, discarding=False).update(
        touched_at=timezone.now()
    )
    if updated != 1:
        raise PublicationLost(f"pending import {key} is gone")


def pending_import_finish(key: int) -> None:
    """Inside the last transaction: delete the key, which publishes every row it hid."""
    deleted, _counts = PendingImport.objects.filter(key=key, discarding=False).delete()
    if deleted != 1:
        raise PublicationLost(f"pending import {key} is gone")
    transaction.on_commit(lambda: _ACTIVE.discard(key))


def pending_import_abandon(key: int) -> None:
    """After a failed publish: remove its rows now if the database lets us, else leave
    them (hidden) to the next import or the housekeeping."""
    _ACTIVE.discard(key)
    try:
        pending_import_discard(key)
    except Exception:
        logger.warning("the rows of failed import %s are left for housekeeping", key, exc_info=True)


def pending_import_discard(key: int, *, rows_per_piece: int = DISCARD_ROWS) -> int:
    """Remove an unpublished import's rows piece by piece, then its key; returns the rows
    removed. Safe to repeat: a discard stopped half-way leaves the key, and its rows stay
    hidden until it runs again."""
    with transaction.atomic():
        PendingImport.objects.filter(key=key).update(discarding=True)
    removed = 0
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id FROM {INCIDENTS} WHERE import_batch = %s LIMIT %s",  # noqa: S608
                [key, rows_per_piece],
            )
            ids = [row[0] for row in cursor.fetchall()]
            if not ids:
                PendingImport.objects.filter(key=key).delete()
                return removed
            marks = ", ".join(["%s"] * len(ids))
            cursor.execute(f"DELETE FROM {LINKS} WHERE incident_id IN ({marks})", ids)  # noqa: S608
            cursor.execute(f"DELETE FROM {INCIDENTS} WHERE id IN ({marks})", ids)  # noqa: S608
        removed += len(ids)


def pending_imports_abandoned_clean(*, now: dt.datetime | None = None) -> int:
    """Discard the imports whose writing process is gone; returns the rows removed."""
    now = now or timezone.now()
    removed = 0
    for key, owner, touched_at in PendingImport.objects.values_list("key", "owner", "touched_at"):
        if owner_is_gone(key, owner, touched_at, now):
            removed += pending_import_discard(key)
    return removed
