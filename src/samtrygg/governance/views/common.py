"""Helpers shared by the governance views: fetching objects for a user (404 for outsiders)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from samtrygg.core.permissions import get_viewable_or_404, permissions_for
from samtrygg.governance.models import Council, Decision, Goal, Meeting
from samtrygg.governance.rules import can_manage


def manager(request: HttpRequest) -> bool:
    return can_manage(permissions_for(request.user))


def require_manager(request: HttpRequest) -> None:
    if not manager(request):
        raise PermissionDenied


def get_council(request: HttpRequest, slug: str) -> Council:
    return get_viewable_or_404(request.user, Council.objects.all(), slug=slug)


def get_rw_council(request: HttpRequest, slug: str) -> Council:
    council = get_council(request, slug)
    require_manager(request)
    return council


def get_meeting(request: HttpRequest, pk: int) -> Meeting:
    return get_viewable_or_404(request.user, Meeting.objects.select_related("council"), pk=pk)


def get_rw_meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = get_meeting(request, pk)
    require_manager(request)
    return meeting


def get_decision(request: HttpRequest, pk: int) -> Decision:
    return get_viewable_or_404(
        request.user,
        Decision.objects.select_related(
            "meeting__council", "owner_organisation", "owner_user", "agenda_item"
        ),
        pk=pk,
    )


def get_goal(request: HttpRequest, pk: int) -> Goal:
    return get_viewable_or_404(
        request.user, Goal.objects.select_related("council", "focus_area"), pk=pk
    )


def int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
