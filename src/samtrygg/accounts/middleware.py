"""Send members of roles that require TOTP to enrol or verify before anything else."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from samtrygg.accounts.twofactor import second_factor_required

_ALWAYS_ALLOWED_PREFIXES = ("/static/", "/healthz", "/i18n/", "/ogc/")


class RequireSecondFactorMiddleware:
    """Session users of an OTP-required role reach only the enrol/verify page until verified.

    API clients that authenticate with a token are not affected (the token is their
    credential); an unverified *session* gets 403 on the API.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()  # type: ignore[attr-defined,union-attr]
            and not request.path.startswith(_ALWAYS_ALLOWED_PREFIXES)
            and request.path not in {reverse("accounts:two_factor"), reverse("accounts:logout")}
            and second_factor_required(user)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": "Two-factor verification required."}, status=403)
            return redirect("accounts:two_factor")
        return self.get_response(request)
