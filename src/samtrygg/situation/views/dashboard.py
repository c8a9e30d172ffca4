"""The dashboard: the computed picture for a period, areas and categories (htmx filters)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from samtrygg.core.decorators import capability_required
from samtrygg.situation.forms import PictureFilterForm
from samtrygg.situation.picture.data import scope_for_user
from samtrygg.situation.picture.params import PictureParams, last_full_period
from samtrygg.situation.picture.points import incident_points
from samtrygg.situation.picture.service import picture_and_key
from samtrygg.situation.presenters import incidents_url, presentation
from samtrygg.situation.views.common import map_config


def _params(request: HttpRequest) -> tuple[PictureFilterForm, PictureParams | None]:
    today = timezone.localdate()
    form = PictureFilterForm(request.GET or None, today=today)
    if not form.is_bound:
        start, end = last_full_period("month", today)
        return form, PictureParams("month", start, end)
    if form.is_valid():
        return form, form.cleaned_data["params"]
    return form, None


def picture_context(request: HttpRequest, params: PictureParams) -> dict[str, Any]:
    key, figures = picture_and_key(params=params, scope=scope_for_user(request.user))
    view = presentation(figures, key=key)
    p = figures["parameters"]
    user = request.user
    for row in figures["by_category"]:
        row["link"] = incidents_url(user, p, category=row["code"])
    for row in figures["by_area"]:
        row["link"] = incidents_url(user, p, area=row["code"])
    return {
        "figures": figures,
        "view": view,
        "total_link": incidents_url(user, p),
        "points_url_query": request.GET.urlencode(),
    }


@require_GET
@capability_required("situation.dashboard")
def dashboard_view(request: HttpRequest) -> HttpResponse:
    form, params = _params(request)
    context: dict[str, Any] = {"form": form, "map_config": map_config()}
    if params is not None:
        context.update(picture_context(request, params))
    htmx = request.headers.get("HX-Request") == "true"
    template = "situation/_picture.html" if htmx else "situation/dashboard.html"
    response = render(request, template, context, status=200 if params is not None else 400)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
@capability_required("situation.dashboard")
def points_view(request: HttpRequest) -> JsonResponse:
    """Mappable incidents the user may read, as GeoJSON (the map's points layer)."""
    _form, params = _params(request)
    if params is None:
        return JsonResponse({"error": "bad parameters"}, status=400)
    return JsonResponse(incident_points(user=request.user, params=params, request=request))
