"""The public picture: no log-in; only the suppressed public figures of published versions."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from samtrygg.public.classes import HIDDEN_COLOUR, class_index, quantile_classes
from samtrygg.public.features import field_name
from samtrygg.situation.selectors import latest_public_version, public_version_get, public_versions
from samtrygg.situation.views.common import map_config

#: How long a process keeps a version's rendered figures (they never change).
FIGURES_SECONDS = 24 * 3600


def _table(public: dict[str, Any]) -> dict[str, Any]:
    table = public["table"]
    rows = []
    for i, area in enumerate(public["areas"]):
        rows.append(
            {"name": area["name"], "cells": table["cells"][i], "total": table["row_totals"][i]}
        )
    return {
        "categories": public["categories"],
        "rows": rows,
        "col_totals": table["col_totals"],
        "total": table["total"],
    }


def _layer(public: dict[str, Any]) -> dict[str, Any]:
    """The map's areas with their class (``None`` when hidden) and the classes themselves,
    which the legend shows and the map's script colours by."""
    totals = public["table"]["row_totals"]
    # Only the drawn areas are classed: the legend describes what the map shows.
    classes = quantile_classes(
        [t for t, a in zip(totals, public["areas"], strict=True) if a.get("geometry")]
    )
    features = []
    for i, area in enumerate(public["areas"]):
        if not area.get("geometry"):
            continue
        total = totals[i]
        population = area.get("population")
        features.append(
            {
                "type": "Feature",
                "geometry": area["geometry"],
                "properties": {
                    "name": area["name"],
                    "total": total,
                    "class": class_index(total, classes),
                    "rate": round(total / population * 1000, 1)
                    if total is not None and population
                    else None,
                },
            }
        )
    return {
        "type": "FeatureCollection",
        "features": features,
        "classes": [{"low": c.low, "high": c.high, "colour": c.colour} for c in classes],
        "hidden_colour": HIDDEN_COLOUR,
    }


@require_GET
def public_picture_view(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("version", "")
    version = public_version_get(int(raw)) if raw.isdigit() else latest_public_version()
    context: dict[str, Any] = {
        "version": version,
        # The list shows titles and periods: not every version's figures, decoded per request.
        "versions": public_versions().defer("public"),
        "map_config": map_config(),
    }
    if version is not None:
        public = version.public or {}
        figures = {
            "public": public,
            "table": _table(public),
            "layer": _layer(public),
            "map_config": context["map_config"],
        }
        context.update(
            {
                **figures,
                "collection_id": f"lagesbild-{version.pk}-omraden",
                "field_names": [field_name(c["code"]) for c in public.get("categories", [])],
                "figures_html": _figures_html(request, version.pk, figures),
            }
        )
    return render(request, "public/picture.html", context)


def _figures_html(request: HttpRequest, pk: int, figures: dict[str, Any]) -> str:
    """The map layer and the table of a published version, rendered once per version and
    language: a version's public figures never change (a withdrawn version is no longer
    offered), and rendering the table cell by cell took most of the page's time."""
    raw = json.dumps([pk, get_language(), figures["map_config"]], sort_keys=True, default=str)
    key = f"public:figures:{hashlib.sha256(raw.encode()).hexdigest()}"
    html = cache.get(key)
    if html is None:
        html = render_to_string("public/_figures.html", figures, request=request)
        cache.set(key, html, FIGURES_SECONDS)
    return mark_safe(html)  # noqa: S308 - our template's output
