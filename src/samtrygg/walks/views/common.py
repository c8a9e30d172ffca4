"""What the views of safety walks share (the maps' settings are every map's, ``areas.maps``)."""

from __future__ import annotations

from typing import Any

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
