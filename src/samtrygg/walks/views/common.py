"""What the views of safety walks share."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from samtrygg.core.permissions import get_viewable_or_404, permissions_for
from samtrygg.walks.models import Finding, SafetyWalk


def int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def can_manage(request: HttpRequest) -> bool:
    return permissions_for(request.user).can("walks.manage")


def get_walk(request: HttpRequest, pk: int) -> SafetyWalk:
    return get_viewable_or_404(
        request.user, SafetyWalk.objects.select_related("area", "predecessor"), pk=pk
    )


def get_finding(request: HttpRequest, pk: int) -> Finding:
    return get_viewable_or_404(
        request.user, Finding.objects.select_related("owner", "area", "walk", "incident"), pk=pk
    )


def map_config() -> dict[str, Any]:
    config: Any = settings.LEAFLET_CONFIG
    return {
        "center": list(config.get("DEFAULT_CENTER", (59.6099, 16.5448))),
        "zoom": config.get("DEFAULT_ZOOM", 12),
        "maxZoom": config.get("MAX_ZOOM", 18),
        "tiles": [
            {"url": url, "options": options} for _name, url, options in config.get("TILES", [])
        ],
    }


def walk_map_data(walk: SafetyWalk, findings: Any) -> dict[str, Any]:
    """The route and the findings' points for the map (numbers never localised)."""
    return {
        "route": walk.route,
        "points": [
            {"lon": f.lon, "lat": f.lat, "label": f"{n}. {f.get_category_display()}"}
            for n, f in enumerate(findings, start=1)
            if f.lon is not None
        ],
    }
