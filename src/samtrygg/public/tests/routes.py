"""The public picture and OGC API – Features: open to everyone, anonymous included."""

from __future__ import annotations

from typing import Any

from samtrygg.situation.tests.factories import make_version
from samtrygg.testing.matrix import EVERYONE, Route, World


def _collection(w: World) -> dict[str, Any]:
    return {"collection_id": f"lagesbild-{make_version(w).pk}-omraden"}


def _item(w: World) -> dict[str, Any]:
    return _collection(w) | {"feature_id": "1"}


def _version_query(w: World) -> dict[str, Any]:
    return {"version": make_version(w).pk}


ROUTES = [
    Route("public:picture", EVERYONE),
    Route("public:picture", EVERYONE, data=_version_query, label="version"),
    Route("ogc:landing", EVERYONE),
    Route("ogc:conformance", EVERYONE),
    Route("ogc:api", EVERYONE),
    Route("ogc:collections", EVERYONE),
    Route("ogc:collection", EVERYONE, kwargs=_collection),
    Route("ogc:items", EVERYONE, kwargs=_collection),
    Route(
        "ogc:items", EVERYONE, kwargs=_collection, query="limit=1&bbox=10,50,20,70", label="bbox"
    ),
    Route("ogc:item", EVERYONE, kwargs=_item),
]
