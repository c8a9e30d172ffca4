"""What the partners app's views share."""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from samtrygg.core.decorators import View
from samtrygg.core.permissions import permissions_for
from samtrygg.partners.rules import can_manage, own_partner_ids


def int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def takes_part(request: HttpRequest) -> bool:
    """Sees the register and the dialogue, or logs in for a partner."""
    perms = permissions_for(request.user)
    return perms.can("partners.view") or bool(own_partner_ids(perms))


def may_contribute(request: HttpRequest) -> bool:
    perms = permissions_for(request.user)
    return can_manage(perms) or bool(own_partner_ids(perms))


def participant_required(view: View) -> View:
    """Log-in required; then 403 unless the user sees the dialogue or is a partner's login
    (lists show each only what the resolver lets through)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not takes_part(request):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapped)
