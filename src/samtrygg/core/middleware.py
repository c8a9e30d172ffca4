"""Strict security headers: a content security policy without inline scripts; request size
limits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _


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


class LanguageMiddleware:
    """Swedish unless the user chose another language (the language cookie set by the
    language menu). Unlike Django's LocaleMiddleware, the browser's Accept-Language is not
    consulted: a Swedish municipality's tool speaks Swedish by default."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
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
    length is bounded by the same limits where it is read (the API's parser, the forms).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        multipart = request.META.get("CONTENT_TYPE", "").startswith("multipart/")
        limit = settings.UPLOAD_MAX_BYTES if multipart else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if length > limit:
            message = _("The request is larger than %(mb)d MB.") % {"mb": limit // (1024 * 1024)}
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=413)
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
