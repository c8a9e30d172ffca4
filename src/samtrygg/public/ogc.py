"""OGC API – Features (Part 1: Core, GeoJSON, OpenAPI 3.0) for the public picture.

Open to everyone, read-only, JSON only (``f=json``; no HTML encoding). Serves the
collections of :mod:`samtrygg.public.features` and nothing else. Query parameters of
``/items``: ``limit`` (1–1000, default 100), ``offset``, ``bbox`` (WGS84 lon/lat, 4 or 6
numbers), ``datetime`` (an instant or an interval with ``..`` for an open end; matches the
version's period). Unknown parameters are refused with 400, as the standard asks.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

import numpy as np
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from samtrygg.public import features as F

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
]
JSON = "application/json"
GEOJSON = "application/geo+json"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
ITEMS_PARAMS = {"f", "limit", "offset", "bbox", "datetime"}


class BadRequest(Exception):
    pass


def _response(data: dict[str, Any], content_type: str = JSON, status: int = 200) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False), content_type=content_type, status=status
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=300"
    return response


def _error(status: int, code: str, description: str) -> HttpResponse:
    return _response({"code": code, "description": description}, JSON, status)


def ogc_view(
    allowed: set[str],
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """GET only, JSON only, refuse unknown query parameters."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @require_GET
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            unknown = sorted(set(request.GET) - allowed)
            if unknown:
                return _error(400, "InvalidParameterValue", f"unknown parameter: {unknown[0]}")
            fmt = request.GET.get("f", "json")
            if fmt not in ("json", "geojson"):
                return _error(
                    400, "InvalidParameterValue", f"unsupported format f={fmt}; use f=json"
                )
            try:
                return view(request, *args, **kwargs)
            except BadRequest as exc:
                return _error(400, "InvalidParameterValue", str(exc))

        return wrapped

    return decorator


def _url(request: HttpRequest, name: str, *args: Any, query: dict[str, Any] | None = None) -> str:
    url = request.build_absolute_uri(reverse(name, args=args))
    return f"{url}?{urlencode(query)}" if query else url


@ogc_view({"f"})
def landing_view(request: HttpRequest) -> HttpResponse:
    return _response(
        {
            "title": f"Samtrygg {settings.SAMTRYGG_MUNICIPALITY}: offentlig lägesbild",
            "description": (
                "Publicerade lägesbilder sammanställda per område och kategori, med små tal "
                "dolda. Endast öppna och interna händelser ingår."
            ),
            "links": [
                {
                    "href": _url(request, "ogc:landing"),
                    "rel": "self",
                    "type": JSON,
                    "title": "Den här sidan",
                },
                {
                    "href": _url(request, "ogc:api"),
                    "rel": "service-desc",
                    "type": OPENAPI,
                    "title": "API-beskrivning (OpenAPI 3.0)",
                },
                {
                    "href": _url(request, "ogc:conformance"),
                    "rel": "conformance",
                    "type": JSON,
                    "title": "Standarder",
                },
                {
                    "href": _url(request, "ogc:conformance"),
                    "rel": "http://www.opengis.net/def/rel/ogc/1.0/conformance",
                    "type": JSON,
                },
                {
                    "href": _url(request, "ogc:collections"),
                    "rel": "data",
                    "type": JSON,
                    "title": "Samlingar",
                },
                {
                    "href": _url(request, "ogc:collections"),
                    "rel": "http://www.opengis.net/def/rel/ogc/1.0/data",
                    "type": JSON,
                },
            ],
        }
    )


@ogc_view({"f"})
def conformance_view(request: HttpRequest) -> HttpResponse:
    return _response({"conformsTo": CONFORMANCE})


def _collection_doc(request: HttpRequest, c: F.Collection) -> dict[str, Any]:
    period = c.public.get("period", {})
    bbox = F.extent(c)
    extent: dict[str, Any] = {
        "temporal": {
            "interval": [[f"{period.get('start')}T00:00:00Z", f"{period.get('end')}T23:59:59Z"]],
            "trs": "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian",
        }
    }
    if bbox:
        extent["spatial"] = {"bbox": [bbox], "crs": CRS84}
    return {
        "id": c.id,
        "title": c.title,
        "description": c.description,
        "extent": extent,
        "itemType": "feature",
        "crs": [CRS84],
        "links": [
            {
                "href": _url(request, "ogc:collection", c.id),
                "rel": "self",
                "type": JSON,
                "title": c.title,
            },
            {
                "href": _url(request, "ogc:items", c.id),
                "rel": "items",
                "type": GEOJSON,
                "title": c.title,
            },
        ],
    }


@ogc_view({"f"})
def collections_view(request: HttpRequest) -> HttpResponse:
    return _response(
        {
            "links": [{"href": _url(request, "ogc:collections"), "rel": "self", "type": JSON}],
            "collections": [_collection_doc(request, c) for c in F.collections()],
        }
    )


def _get(collection_id: str) -> F.Collection | None:
    return F.collection_get(collection_id)


@ogc_view({"f"})
def collection_view(request: HttpRequest, collection_id: str) -> HttpResponse:
    c = _get(collection_id)
    if c is None:
        return _error(404, "NotFound", f"no collection {collection_id}")
    return _response(_collection_doc(request, c))


def _int(request: HttpRequest, name: str, default: int, low: int, high: int | None) -> int:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(f"{name} must be a whole number") from None
    if value < low:
        raise BadRequest(f"{name} must be at least {low}")
    return min(value, high) if high is not None else value


def _bbox(request: HttpRequest) -> tuple[float, float, float, float] | None:
    raw = request.GET.get("bbox")
    if not raw:
        return None
    try:
        parts = [float(v) for v in raw.split(",")]
    except ValueError:
        raise BadRequest("bbox must be 4 or 6 comma-separated numbers") from None
    if len(parts) == 6:
        parts = [parts[0], parts[1], parts[3], parts[4]]
    if len(parts) != 4 or not all(np.isfinite(parts)):
        raise BadRequest("bbox must be 4 or 6 comma-separated numbers")
    minx, miny, maxx, maxy = parts
    if miny > maxy:
        raise BadRequest("bbox: the lower latitude is above the upper one")
    return minx, miny, maxx, maxy


def _instant(text: str) -> dt.date | None:
    text = text.strip()
    if text in ("", ".."):
        return None
    try:
        if "T" in text:
            value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            return value.date()
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadRequest(f"datetime: cannot read {text!r}") from None


def _datetime_matches(request: HttpRequest, c: F.Collection) -> bool:
    raw = request.GET.get("datetime")
    if not raw:
        return True
    if "/" in raw:
        a, b = raw.split("/", 1)
        start, end = _instant(a), _instant(b)
    else:
        start = end = _instant(raw)
    period = c.public.get("period", {})
    p0 = dt.date.fromisoformat(period["start"])
    p1 = dt.date.fromisoformat(period["end"])
    return (start is None or p1 >= start) and (end is None or p0 <= end)


@ogc_view(ITEMS_PARAMS)
def items_view(request: HttpRequest, collection_id: str) -> HttpResponse:
    c = _get(collection_id)
    if c is None:
        return _error(404, "NotFound", f"no collection {collection_id}")
    limit = _int(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    offset = _int(request, "offset", 0, 0, None)
    bbox = _bbox(request)
    feats, boxes = F.features(c)
    selected = np.arange(len(feats))
    if bbox is not None and len(feats):
        minx, miny, maxx, maxy = bbox
        hit = (
            (boxes[:, 2] >= minx)
            & (boxes[:, 0] <= maxx)
            & (boxes[:, 3] >= miny)
            & (boxes[:, 1] <= maxy)
        )
        selected = selected[hit]
    if not _datetime_matches(request, c):
        selected = selected[:0]
    matched = int(selected.size)
    page = [feats[int(i)] for i in selected[offset : offset + limit]]
    query = {k: v for k, v in request.GET.items() if k in ("bbox", "datetime", "f")}
    links = [
        {
            "href": _url(
                request, "ogc:items", c.id, query=query | {"limit": limit, "offset": offset}
            ),
            "rel": "self",
            "type": GEOJSON,
        },
        {"href": _url(request, "ogc:collection", c.id), "rel": "collection", "type": JSON},
    ]
    if offset + limit < matched:
        links.append(
            {
                "href": _url(
                    request,
                    "ogc:items",
                    c.id,
                    query=query | {"limit": limit, "offset": offset + limit},
                ),
                "rel": "next",
                "type": GEOJSON,
            }
        )
    if offset > 0:
        links.append(
            {
                "href": _url(
                    request,
                    "ogc:items",
                    c.id,
                    query=query | {"limit": limit, "offset": max(0, offset - limit)},
                ),
                "rel": "prev",
                "type": GEOJSON,
            }
        )
    return _response(
        {
            "type": "FeatureCollection",
            "features": page,
            "numberMatched": matched,
            "numberReturned": len(page),
            "timeStamp": timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
            "links": links,
        },
        GEOJSON,
    )


@ogc_view({"f"})
def item_view(request: HttpRequest, collection_id: str, feature_id: str) -> HttpResponse:
    c = _get(collection_id)
    if c is None:
        return _error(404, "NotFound", f"no collection {collection_id}")
    feats, _boxes = F.features(c)
    match = next((f for f in feats if str(f["id"]) == feature_id), None)
    if match is None:
        return _error(404, "NotFound", f"no feature {feature_id} in {collection_id}")
    return _response(
        match
        | {
            "links": [
                {
                    "href": _url(request, "ogc:item", c.id, feature_id),
                    "rel": "self",
                    "type": GEOJSON,
                },
                {"href": _url(request, "ogc:collection", c.id), "rel": "collection", "type": JSON},
            ]
        },
        GEOJSON,
    )


def _openapi(request: HttpRequest) -> dict[str, Any]:
    base = request.build_absolute_uri(reverse("ogc:landing")).rstrip("/")
    ok = {"description": "OK"}
    param = {
        "limit": {
            "name": "limit",
            "in": "query",
            "required": False,
            "style": "form",
            "explode": False,
            "schema": {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_LIMIT,
                "default": DEFAULT_LIMIT,
            },
        },
        "offset": {
            "name": "offset",
            "in": "query",
            "required": False,
            "schema": {"type": "integer", "minimum": 0, "default": 0},
        },
        "bbox": {
            "name": "bbox",
            "in": "query",
            "required": False,
            "style": "form",
            "explode": False,
            "schema": {"type": "array", "minItems": 4, "maxItems": 6, "items": {"type": "number"}},
        },
        "datetime": {
            "name": "datetime",
            "in": "query",
            "required": False,
            "schema": {"type": "string"},
        },
        "f": {
            "name": "f",
            "in": "query",
            "required": False,
            "schema": {"type": "string", "enum": ["json"]},
        },
        "collectionId": {
            "name": "collectionId",
            "in": "path",
            "required": True,
            "schema": {"type": "string"},
        },
        "featureId": {
            "name": "featureId",
            "in": "path",
            "required": True,
            "schema": {"type": "string"},
        },
    }
    refs = {k: {"$ref": f"#/components/parameters/{k}"} for k in param}
    schemas = {}
    for c in F.collections():
        schemas[c.id] = {
            "type": "object",
            "properties": {k: {"type": v} for k, v in F.schema_fields(c).items()},
        }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Samtrygg: offentlig lägesbild (OGC API – Features)", "version": "1.0"},
        "servers": [{"url": base}],
        "paths": {
            "/": {
                "get": {
                    "summary": "Landing page",
                    "parameters": [refs["f"]],
                    "responses": {"200": ok},
                }
            },
            "/conformance": {
                "get": {
                    "summary": "Conformance",
                    "parameters": [refs["f"]],
                    "responses": {"200": ok},
                }
            },
            "/collections": {
                "get": {
                    "summary": "Collections",
                    "parameters": [refs["f"]],
                    "responses": {"200": ok},
                }
            },
            "/collections/{collectionId}": {
                "get": {
                    "summary": "A collection",
                    "parameters": [refs["collectionId"], refs["f"]],
                    "responses": {"200": ok, "404": {"description": "Not found"}},
                }
            },
            "/collections/{collectionId}/items": {
                "get": {
                    "summary": "Features",
                    "parameters": [
                        refs["collectionId"],
                        refs["limit"],
                        refs["offset"],
                        refs["bbox"],
                        refs["datetime"],
                        refs["f"],
                    ],
                    "responses": {
                        "200": ok,
                        "400": {"description": "Bad request"},
                        "404": {"description": "Not found"},
                    },
                }
            },
            "/collections/{collectionId}/items/{featureId}": {
                "get": {
                    "summary": "A feature",
                    "parameters": [refs["collectionId"], refs["featureId"], refs["f"]],
                    "responses": {"200": ok, "404": {"description": "Not found"}},
                }
            },
        },
        "components": {"parameters": param, "schemas": schemas},
    }


@ogc_view({"f"})
def api_view(request: HttpRequest) -> HttpResponse:
    return _response(_openapi(request), OPENAPI)
