"""What the views of safety walks share (the maps' settings are every map's, ``areas.maps``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest

from samtrygg.core.permissions import get_viewable_or_404, permissions_for
from samtrygg.walks import selectors
from samtrygg.walks.models import Finding, FindingOwner, SafetyWalk

#: Findings on a page of a list of them (a municipality's walks add up to thousands).
FINDINGS_PER_PAGE = 100


def int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def owner_findings_page(request: HttpRequest, owners: Sequence[FindingOwner]) -> dict[str, Any]:
    """One page of the findings given to ``owners`` (the owner's page, by log-in or by its
    e-mail link), grouped by owner: an owner with none on this page is left out."""
    page = Paginator(selectors.owner_findings(*owners), FINDINGS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    findings = list(page.object_list)
    groups = [(owner, [f for f in findings if f.owner_id == owner.pk]) for owner in owners]
    return {"groups": [(owner, items) for owner, items in groups if items], "page": page}


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
