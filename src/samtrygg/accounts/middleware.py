"""Send members of roles that require TOTP to enrol or verify before anything else; end
sessions that have been idle too long."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from samtrygg.accounts.twofactor import second_factor_required

_ALWAYS_ALLOWED_PREFIXES = ("/static/", "/healthz", "/i18n/", "/ogc/")


class RequireSecondFactorMiddleware:
    """Session users of an OTP-required role reach only the enrol/verify page until verified.

    API clients that authenticate with a token are not affected here: a token of a role
    that requires the second factor is accepted only if it was made after that factor
    (``authentication.ApiTokenAuthentication``); an unverified *session* gets 403 on the API.
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


# Session keys of the idle time-out (not personal data: two timestamps).
SESSION_STARTED_KEY = "samtrygg_session_started"
SESSION_SEEN_KEY = "samtrygg_session_seen"
# "Last seen" is written at most this often, so that every request does not write the session.
SEEN_RESOLUTION_SECONDS = 60


class SessionIdleTimeoutMiddleware:
    """A signed-in session ends after SESSION_IDLE_MINUTES without a request, and in any case
    SESSION_HOURS after log-in (the absolute limit is kept although the session is saved
    again while in use, which would otherwise push the cookie's expiry forward)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            session = request.session
            started = session.get(SESSION_STARTED_KEY, now)
            seen = session.get(SESSION_SEEN_KEY, now)
            idle = now - seen > settings.SESSION_IDLE_MINUTES * 60
            if idle or now - started > settings.SESSION_COOKIE_AGE:
                logout(request)
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": "Session expired."}, status=401)
                messages.info(request, _("You were signed out after a while without activity."))
                return redirect_to_login(request.get_full_path())
            if SESSION_STARTED_KEY not in session:
                session[SESSION_STARTED_KEY] = started
            if now - seen >= SEEN_RESOLUTION_SECONDS or SESSION_SEEN_KEY not in session:
                session[SESSION_SEEN_KEY] = now
                # Keep the cookie's own expiry at the absolute limit, not "now + age".
                session.set_expiry(max(started + settings.SESSION_COOKIE_AGE - now, 1))
        return self.get_response(request)
