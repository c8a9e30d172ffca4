"""The computed picture, cached per parameters and data scope.

The cache key holds the parameters, the data scope (users with the same grants share
results; restricted incidents reach only scopes that may read them) and a fingerprint of
the incidents, their area links, areas, populations and categories, so any change to the
data gives new keys and old results simply expire.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from samtrygg.picture.compute import compute_picture
from samtrygg.picture.data import (
    DataScope,
    data_fingerprint,
    load_picture_data,
    scope_for_user,
)
from samtrygg.picture.params import PictureParams
from samtrygg.picture.types import SCHEMA, Picture

CACHE_SECONDS = 6 * 3600
CACHE_PREFIX = f"situation:picture:v{SCHEMA}"


def cache_key(params: PictureParams, scope: DataScope, fingerprint: str, today: dt.date) -> str:
    """Today is part of the key: coverage, unfinished periods and alerts depend on it."""
    raw = json.dumps([params.as_dict(), scope.key, fingerprint, today.isoformat()], sort_keys=True)
    return f"{CACHE_PREFIX}:{hashlib.sha256(raw.encode()).hexdigest()}"


def picture_and_key(*, params: PictureParams, scope: DataScope) -> tuple[str, Picture]:
    """The cache key and the picture of ``params`` computed from what ``scope`` may read."""
    fingerprint = data_fingerprint()
    today = timezone.localdate()
    key = cache_key(params, scope, fingerprint, today)
    hit = cache.get(key)
    if hit is not None:
        return key, hit
    data = load_picture_data(params, scope, today=today, fingerprint=fingerprint)
    # The picture's words (period labels) are cached for everyone and frozen into published
    # versions: always the municipality's language, never the requesting user's.
    with translation.override(settings.LANGUAGE_CODE):
        picture = compute_picture(data).with_computed_at(timezone.now().replace(microsecond=0))
    cache.set(key, picture, CACHE_SECONDS)
    return key, picture


def picture_for_scope(*, params: PictureParams, scope: DataScope) -> Picture:
    return picture_and_key(params=params, scope=scope)[1]


def picture_for_user(*, user: Any, params: PictureParams) -> Picture:
    """The dashboard's picture: every incident ``user`` may read."""
    return picture_for_scope(params=params, scope=scope_for_user(user))
