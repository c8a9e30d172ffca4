"""What every case page shares: log-in, the case role, a verified second factor, no caching,
and the 404 for a case the user may not open."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from samtrygg.cases.models import Case
from samtrygg.cases.rules import lead_scopes
from samtrygg.cases.selectors import case_open
from samtrygg.core.forms import apply_validation_error
from samtrygg.core.permissions import permissions_for

View = Callable[..., HttpResponse]

#: The tabs of a case page: (URL name, label, access-log part).
TABS = [
    ("cases:detail", _("Overview"), "overview"),
    ("cases:persons", _("Persons"), "persons"),
    ("cases:consents", _("Consent"), "consent"),
    ("cases:disclosures", _("Disclosures"), "disclosures"),
    ("cases:risk", _("Risk"), "risk"),
    ("cases:plan", _("Plan"), "plan"),
    ("cases:notes", _("Notes"), "notes"),
    ("cases:log", _("Read log"), "log"),
]


def _verified(request: HttpRequest) -> bool:
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified and is_verified())


def case_page(*, lead_only: bool = False, capability: str = "cases.use") -> Callable[[View], View]:
    """Log-in; 403 without the capability (or, ``lead_only``, without leading a programme);
    then a verified TOTP second factor when ``CASES_OTP_REQUIRED``. The page is never
    cached and its POST data never reaches an error report."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            perms = permissions_for(request.user)
            if not perms.can(capability) or (lead_only and not lead_scopes(perms)):
                raise PermissionDenied
            if settings.CASES_OTP_REQUIRED and not _verified(request):
                messages.info(
                    request, _("Case coordination needs two-factor authentication. Verify first.")
                )
                return redirect("accounts:two_factor")
            return view(request, *args, **kwargs)

        return login_required(never_cache(sensitive_post_parameters()(wrapped)))

    return decorator


def open_for(request: HttpRequest, pk: int, part: str) -> Case:
    """The case, if the user may open it (404 otherwise), with the read logged."""
    return case_open(user=request.user, pk=pk, part=part, request=request)


def tab_context(case: Case, active: str) -> dict[str, Any]:
    return {"case": case, "tabs": TABS, "active_tab": active}


def run_service(form: Any, call: Callable[[], Any]) -> Any:
    """Call a service; its ``ValidationError`` lands on the form (``None`` returned)."""
    try:
        return call()
    except ValidationError as exc:
        apply_validation_error(form, exc)
        return None


def done(request: HttpRequest, message: str, to: str, **kwargs: Any) -> HttpResponse:
    messages.success(request, message)
    return redirect(to, **kwargs)
