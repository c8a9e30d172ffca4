"""Strict security headers (a content security policy without inline scripts), the
interface language, request size limits, and a clear 503 instead of a 500 while the database
is locked."""

from __future__ import annotations

import sys
from collections.abc import Callable
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.signals import got_request_exception
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from samtrygg.core.bodylimit import body_limit, too_large_message
from samtrygg.core.dblocks import is_lock_error

#: Set on a request whose handling failed on a database lock (see ``DatabaseBusyMiddleware``).
BUSY_ATTRIBUTE = "samtrygg_database_busy"


def _tile_origins() -> str:
    origins = set()
    tiles: Any = settings.LEAFLET_CONFIG.get("TILES", [])
    for _name, url, _opts in tiles:
        parts = urlsplit(url.replace("{s}", "a"))
        if parts.scheme and parts.netloc:
            host = parts.netloc
            if "{s}" in url:
                host = "*." + host.split(".", 1)[1]
            origins.add(f"{parts.scheme}://{host}")
    return " ".join(sorted(origins))


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.csp = (
            "default-src 'self'; "
            "script-src 'self'; "
            # Leaflet positions map panes with inline styles.
            "style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data: blob: {_tile_origins()}; "
            "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
            "base-uri 'self'; form-action 'self'; object-src 'none'"
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.csp)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(self), payment=()"
        )
        return response


def request_language(request: HttpRequest) -> str:
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    supported = {code for code, _name in settings.LANGUAGES}
    return chosen if chosen in supported else settings.LANGUAGE_CODE


class LanguageMiddleware:
    """Swedish unless the user chose another language (the language cookie set by the
    language menu). Unlike Django's LocaleMiddleware, the browser's Accept-Language is not
    consulted: a Swedish municipality's tool speaks Swedish by default."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = request_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class RequestSizeLimitMiddleware:
    """Refuse a request whose declared body is too large with 413, before it is read.

    File uploads (multipart) may be up to UPLOAD_MAX_MB; any other body up to
    REQUEST_BODY_MAX_MB (Django's DATA_UPLOAD_MAX_MEMORY_SIZE). A body sent without a
    length (chunked) is counted as it is read, under the same limits, by the WSGI wrapper
    in ``core.bodylimit`` before it reaches Django.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = body_limit(request.META)
        if length > limit:
            message = too_large_message(limit)
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=413)
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def mark_busy_request(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    """``got_request_exception`` receiver: remember that the error was a database lock.

    Django turns an exception into a 500 response inside each middleware layer, so the
    outermost middleware sees a response, not the exception; the signal is the one place
    that sees both the request and the exception (``sys.exc_info``)."""
    exc = sys.exc_info()[1]
    if request is not None and exc is not None and is_lock_error(exc):
        setattr(request, BUSY_ATTRIBUTE, True)


got_request_exception.connect(mark_busy_request, dispatch_uid="samtrygg-database-busy")


class DatabaseBusyMiddleware:
    """First in ``MIDDLEWARE``: a request that failed because the database was locked for
    longer than the busy time-out answers 503 with ``Retry-After`` (a page, or JSON under
    /api/) instead of a server error, so that the user and API clients know to try again."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != HTTPStatus.INTERNAL_SERVER_ERROR or not getattr(
            request, BUSY_ATTRIBUTE, False
        ):
            return response
        return busy_response(request)


def busy_response(request: HttpRequest) -> HttpResponse:
    retry_after = settings.DATABASE_BUSY_RETRY_AFTER
    with translation.override(request_language(request)):
        message = _(
            "Samtrygg is busy saving other work right now. Nothing was saved from this "
            "request. Please try again in a moment."
        )
        response: HttpResponse
        if request.path.startswith("/api/"):
            response = JsonResponse({"detail": message}, status=HTTPStatus.SERVICE_UNAVAILABLE)
        else:
            response = HttpResponse(
                render_to_string(
                    "core/busy.html",
                    {"message": message, "retry_after": retry_after, "back": request.path},
                ),
                status=HTTPStatus.SERVICE_UNAVAILABLE,
            )
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    # This response skips the inner middleware: give it the strict headers itself.
    response["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Frame-Options"] = "DENY"
    return response
