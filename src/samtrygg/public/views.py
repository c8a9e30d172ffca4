"""The public picture: no log-in; only the suppressed public figures of published versions."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from samtrygg.public.features import field_name
from samtrygg.situation.selectors import latest_public_version, public_version_get, public_versions
from samtrygg.situation.views.common import map_config


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
    totals = public["table"]["row_totals"]
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
                    "rate": round(total / population * 1000, 1)
                    if total is not None and population
                    else None,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


@require_GET
def public_picture_view(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("version", "")
    version = public_version_get(int(raw)) if raw.isdigit() else latest_public_version()
    context: dict[str, Any] = {
        "version": version,
        "versions": public_versions(),
        "map_config": map_config(),
    }
    if version is not None:
        public = version.public or {}
        context.update(
            {
                "public": public,
                "table": _table(public),
                "layer": _layer(public),
                "collection_id": f"lagesbild-{version.pk}-omraden",
                "field_names": [field_name(c["code"]) for c in public.get("categories", [])],
            }
        )
    return render(request, "public/picture.html", context)
