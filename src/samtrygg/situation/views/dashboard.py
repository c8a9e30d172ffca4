"""The dashboard: the computed picture for a period, areas and categories (htmx filters)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from samtrygg.core.decorators import capability_required
from samtrygg.core.permissions import permissions_for
from samtrygg.incidents.dataversion import data_version
from samtrygg.picture.data import data_span, scope_for_user
from samtrygg.picture.params import PictureParams, last_full_period
from samtrygg.picture.points import incident_points
from samtrygg.picture.service import CACHE_SECONDS, cached_picture
from samtrygg.situation.forms import PictureFilterForm
from samtrygg.situation.presenters import figures_context
from samtrygg.situation.views.common import map_config


def _span(request: HttpRequest, today: dt.date, version: str) -> tuple[dt.date, dt.date] | None:
    """The data's first and last day, for the filters' bounds: read again at most every
    ``PICTURE_REFRESH_SECONDS`` (per process and data scope), not at every new report."""
    scope = scope_for_user(request.user)
    seconds = settings.PICTURE_REFRESH_SECONDS
    key = f"situation:span:{scope.key}:{today.isoformat()}"
    found = cache.get(key) if seconds else None
    if found is None:
        found = (data_span(scope, today=today, version=version),)
        if seconds:
            cache.set(key, found, seconds)
    return found[0]  # type: ignore[no-any-return]


def _params(request: HttpRequest, version: str) -> tuple[PictureFilterForm, PictureParams | None]:
    today = timezone.localdate()
    span = _span(request, today, version)
    form = PictureFilterForm(request.GET or None, today=today, span=span, version=version)
    if not form.is_bound:
        start, end = last_full_period("month", today)
        return form, PictureParams("month", start, end)
    if form.is_valid():
        return form, form.cleaned_data["params"]
    return form, None


def picture_context(
    request: HttpRequest, params: PictureParams, version: str | None = None
) -> dict[str, Any]:
    """The rendered figures, cached with the picture (per language, per whether the user
    may follow links to incidents, per filter query). A stale picture (the data changed
    since; another request is recomputing it) is shown with the time it was computed.
    ``version``: the data version the request read first (see ``dashboard_view``)."""
    found = cached_picture(params=params, scope=scope_for_user(request.user), version=version)
    key, figures = found.key, found.picture
    user = request.user
    links = permissions_for(user).can("incidents.view")
    query = request.GET.urlencode()
    digest = hashlib.sha256(query.encode()).hexdigest()[:16]
    html_key = f"{key}:html:{get_language()}:{int(links)}:{digest}"
    html = cache.get(html_key)
    if html is None:
        points_url = f"{reverse('situation:points')}?{query}"
        html = render_to_string(
            "situation/_figures.html",
            figures_context(figures, user=user, key=key)
            | {"points_url": points_url, "map_config": map_config()},
            request=request,
        )
        cache.set(html_key, html, CACHE_SECONDS)
    return {
        "figures": figures,
        "figures_html": mark_safe(html),  # noqa: S308 - our template's output
        "figures_stale": found.stale,
    }


def filters_html(request: HttpRequest, form: PictureFilterForm) -> str:
    """The filter fields, rendered once per query, bounds, choices and language: rendering
    the area and category lists option by option took most of a cached dashboard's time."""
    raw = json.dumps(
        [
            get_language(),
            request.GET.urlencode(),
            form.today.isoformat(),
            str(form.first),
            form.last.isoformat(),
            form.fields["area"].choices,  # type: ignore[attr-defined]
            form.fields["category"].choices,  # type: ignore[attr-defined]
        ],
        default=str,
    )
    key = f"situation:filters:{hashlib.sha256(raw.encode()).hexdigest()}"
    html = cache.get(key)
    if html is None:
        html = render_to_string("situation/_filters.html", {"form": form}, request=request)
        cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - our template's output


@require_GET
@capability_required("situation.dashboard")
def dashboard_view(request: HttpRequest) -> HttpResponse:
    # The data version, read once, first: the span, the filter choices and the picture are
    # keyed by it, and each is read after it, so none is older than its key. (A GET writes
    # nothing, so nothing this request does could make it out of date.)
    version = data_version()
    form, params = _params(request, version)
    context: dict[str, Any] = {"form": form, "map_config": map_config()}
    htmx = request.headers.get("HX-Request") == "true"
    if not htmx:
        context["filters_html"] = filters_html(request, form)
    if params is not None:
        context.update(picture_context(request, params, version))
    template = "situation/_picture.html" if htmx else "situation/dashboard.html"
    response = render(request, template, context, status=200 if params is not None else 400)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
@capability_required("situation.dashboard")
def points_view(request: HttpRequest) -> JsonResponse:
    """Mappable incidents the user may read, as GeoJSON (the map's points layer)."""
    _form, params = _params(request, data_version())
    if params is None:
        return JsonResponse({"error": "bad parameters"}, status=400)
    return JsonResponse(incident_points(user=request.user, params=params, request=request))
