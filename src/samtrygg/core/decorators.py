"""View decorators that ask the permission resolver."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from samtrygg.core.permissions import permissions_for

#: A view: a page, a redirect or a streamed download (a CSV export).
View = Callable[..., HttpResponseBase]


def capability_required(*capabilities: str) -> Callable[[View], View]:
    """Log-in required; then 403 unless the user holds one of ``capabilities``."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            perms = permissions_for(request.user)
            if not any(perms.can(c) for c in capabilities):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator


def member_required(view: View) -> View:
    """Log-in required, and at least one membership (any role)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not permissions_for(request.user).roles:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapped)
