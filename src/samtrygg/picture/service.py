"""The computed picture, cached per parameters and data scope.

The cache key holds the parameters, the data scope (users with the same grants share
results; restricted incidents reach only scopes that may read them) and a fingerprint of
the incidents, their area links, areas, populations and categories, so any change to the
data gives new keys and old results simply expire.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.core.cache import cache
from django.utils import timezone

from samtrygg.picture.compute import compute_picture
from samtrygg.picture.data import (
    DataScope,
    data_fingerprint,
    load_picture_data,
    scope_for_user,
)
from samtrygg.picture.params import PictureParams

CACHE_SECONDS = 6 * 3600
CACHE_PREFIX = "situation:picture:v1"


def cache_key(params: PictureParams, scope: DataScope, fingerprint: str) -> str:
    raw = json.dumps([params.as_dict(), scope.key, fingerprint], sort_keys=True)
    return f"{CACHE_PREFIX}:{hashlib.sha256(raw.encode()).hexdigest()}"


def picture_and_key(*, params: PictureParams, scope: DataScope) -> tuple[str, dict[str, Any]]:
    """The cache key and the picture of ``params`` computed from what ``scope`` may read."""
    key = cache_key(params, scope, data_fingerprint())
    hit = cache.get(key)
    if hit is not None:
        return key, hit
    figures = compute_picture(load_picture_data(params, scope))
    figures["computed_at"] = timezone.now().isoformat(timespec="seconds")
    cache.set(key, figures, CACHE_SECONDS)
    return key, figures


def picture_for_scope(*, params: PictureParams, scope: DataScope) -> dict[str, Any]:
    return picture_and_key(params=params, scope=scope)[1]


def picture_for_user(*, user: Any, params: PictureParams) -> dict[str, Any]:
    """The dashboard's picture: every incident ``user`` may read."""
    return picture_for_scope(params=params, scope=scope_for_user(user))
