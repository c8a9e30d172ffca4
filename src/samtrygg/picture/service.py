"""The computed picture, cached per parameters and data scope, shared by every process.

A picture is stored in the ``shared`` cache (by default a database table: every gunicorn
process and the worker see it) under a key of its parameters, its data scope (users with
the same grants share results; restricted incidents reach only scopes that may read them)
and the day; beside it a small record names the *data version* it was computed from
(``incidents.dataversion``: bumped by database triggers on every write to what a picture
reads). A copy
is kept in the process's memory as an object (``LOCAL``), so a hit costs no unpickling.

When the data changes (a report is submitted) the stored picture becomes *stale*, it is not
deleted:

* ``picture_and_key`` / ``picture_for_scope`` / ``picture_for_user`` (reports, published
  versions, the API) never return a stale picture: they recompute;
* ``cached_picture`` (the dashboard) serves the stale picture, marked as such with the time
  it was computed, while exactly one process recomputes it — the one that takes the lock —
  and only once the picture is older than ``PICTURE_REFRESH_SECONDS``, so a stream of
  reports does not keep every process recomputing.

When there is no picture at all, one process computes it and the others wait for it (up to
``PICTURE_LOCK_SECONDS``) instead of computing the same thing at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone, translation

from samtrygg.incidents.dataversion import data_version
from samtrygg.picture.compute import compute_picture
from samtrygg.picture.data import DataScope, load_picture_data, scope_for_user
from samtrygg.picture.params import PictureParams
from samtrygg.picture.types import SCHEMA, Picture

CACHE_SECONDS = 6 * 3600
CACHE_PREFIX = f"situation:picture:v{SCHEMA}"
#: How often a process waiting for another's computation looks again (seconds).
WAIT_STEP = 0.2


@dataclass(frozen=True)
class CachedPicture:
    #: Names the picture *and* the data version it was computed from: fragments rendered
    #: from it may be cached under it.
    key: str
    picture: Picture
    #: The data changed after the picture was computed (``picture.computed_at`` says when).
    stale: bool


def scope_day_key(params: PictureParams, scope: DataScope, today: dt.date) -> str:
    """Today is part of the key: coverage, unfinished periods and alerts depend on it."""
    raw = json.dumps([params.as_dict(), scope.key, today.isoformat()], sort_keys=True)
    return f"{CACHE_PREFIX}:{hashlib.sha256(raw.encode()).hexdigest()}"


def cache_key(params: PictureParams, scope: DataScope, fingerprint: str, today: dt.date) -> str:
    return f"{scope_day_key(params, scope, today)}:{fingerprint}"


class ProcessPictures:
    """The pictures this process has read, kept as objects. Django's local-memory cache
    pickles a value and unpickles it on every hit: for a demo-sized picture that was about a
    third of a cached dashboard's time. A key names the data version and the day, so an
    entry never goes out of date; the least recently used go first. Pictures are shared
    between requests: never change one (``with_computed_at`` makes a copy)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[str, Picture] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Picture | None:
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
            return hit

    def set(self, key: str, picture: Picture) -> None:
        with self._lock:
            self._items[key] = picture
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


#: This process's pictures (a few dozen parameter sets and scopes are in use at once).
LOCAL = ProcessPictures(32)


def _stored(key: str) -> Picture | None:
    hit = LOCAL.get(key)
    if hit is None:
        hit = caches["shared"].get(key)
        if hit is not None:
            LOCAL.set(key, hit)
    return hit


def _compute(params: PictureParams, scope: DataScope, today: dt.date, fingerprint: str) -> str:
    data = load_picture_data(params, scope, today=today, fingerprint=fingerprint)
    # The picture's words (period labels) are cached for everyone and frozen into published
    # versions: always the municipality's language, never the requesting user's.
    with translation.override(settings.LANGUAGE_CODE):
        picture = compute_picture(data).with_computed_at(timezone.now().replace(microsecond=0))
    base = scope_day_key(params, scope, today)
    key = f"{base}:{fingerprint}"
    caches["shared"].set(key, picture, CACHE_SECONDS)
    caches["shared"].set(f"{base}:version", (fingerprint, time.time()), CACHE_SECONDS)
    LOCAL.set(key, picture)
    return key


def _get(
    params: PictureParams, scope: DataScope, *, allow_stale: bool, version: str | None = None
) -> CachedPicture:
    shared = caches["shared"]
    fingerprint = data_version() if version is None else version
    today = timezone.localdate()
    base = scope_day_key(params, scope, today)
    key = f"{base}:{fingerprint}"
    lock = f"{base}:lock"
    deadline = time.monotonic() + settings.PICTURE_LOCK_SECONDS
    while True:
        hit = _stored(key)
        if hit is not None:
            return CachedPicture(key, hit, stale=False)
        if allow_stale:
            last = shared.get(f"{base}:version")
            if last is not None and last[0] != fingerprint:
                old_key = f"{base}:{last[0]}"
                old = _stored(old_key)
                young = time.time() - last[1] < settings.PICTURE_REFRESH_SECONDS
                if old is not None and (young or not shared.add(lock, 1, _lock_seconds())):
                    return CachedPicture(old_key, old, stale=True)
                if old is not None:  # this process took the lock: it recomputes
                    return _compute_locked(params, scope, today, fingerprint, lock)
        if shared.add(lock, 1, _lock_seconds()):
            return _compute_locked(params, scope, today, fingerprint, lock)
        if time.monotonic() >= deadline:
            # The lock's holder is gone or slow: compute rather than wait for ever.
            key = _compute(params, scope, today, fingerprint)
            return CachedPicture(key, _picture(key), stale=False)
        time.sleep(WAIT_STEP)


def _lock_seconds() -> int:
    return int(settings.PICTURE_LOCK_SECONDS)


def _picture(key: str) -> Picture:
    picture = _stored(key)
    assert picture is not None  # just stored in this process's own cache
    return picture


def _compute_locked(
    params: PictureParams, scope: DataScope, today: dt.date, fingerprint: str, lock: str
) -> CachedPicture:
    try:
        key = _compute(params, scope, today, fingerprint)
    finally:
        caches["shared"].delete(lock)
    return CachedPicture(key, _picture(key), stale=False)


def cached_picture(
    *, params: PictureParams, scope: DataScope, version: str | None = None
) -> CachedPicture:
    """The picture for the dashboard: possibly stale (then marked), never computed by two
    processes at once.

    ``version``: the data version, when the request has read it already (the dashboard
    reads it once, before any data, for its filter choices and the picture). Read before
    the picture's data, it can name data older than what is computed under it, never
    newer: a later version is a miss and is computed again.
    """
    return _get(params, scope, allow_stale=True, version=version)


def picture_and_key(*, params: PictureParams, scope: DataScope) -> tuple[str, Picture]:
    """The cache key and the picture of ``params`` computed from what ``scope`` may read
    now (never stale)."""
    found = _get(params, scope, allow_stale=False)
    return found.key, found.picture


def picture_for_scope(*, params: PictureParams, scope: DataScope) -> Picture:
    return picture_and_key(params=params, scope=scope)[1]


def picture_for_user(*, user: Any, params: PictureParams) -> Picture:
    """Every incident ``user`` may read, as of now."""
    return picture_for_scope(params=params, scope=scope_for_user(user))
