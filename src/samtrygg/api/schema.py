"""``/api/schema/``: the OpenAPI document for tools, its documentation for people.

One address serves both, so the address in the README works in a browser and in a client:
a browser (which asks for ``text/html``) gets Swagger UI, served from the installed
``drf-spectacular-sidecar`` package, never a CDN; ``?format=yaml`` or ``?format=json``
(and any client that does not ask for HTML) gets the document itself. Swagger UI's start
script is served from the same address (``?script``) because the content security policy
allows no inline script.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView


def _wants_documentation(request: HttpRequest) -> bool:
    if "format" in request.GET:
        return False
    if "script" in request.GET:
        return True
    # Only an explicit text/html: `curl` and API clients send */* and get the document.
    return "text/html" in request.headers.get("Accept", "")


def schema(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    if _wants_documentation(request):
        own = reverse("api:schema")
        view = SpectacularSwaggerSplitView.as_view(url=f"{own}?format=yaml", url_self=own)
        return view(request, *args, **kwargs)  # type: ignore[no-any-return]
    return SpectacularAPIView.as_view()(request, *args, **kwargs)  # type: ignore[no-any-return]
