"""Pages for areas, their populations and places: every member reads, coordinators and
analysts (``areas.manage``) maintain."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from samtrygg.areas import selectors, services
from samtrygg.areas.forms import AreaForm, AreaImportForm, PlaceForm, PopulationImportForm
from samtrygg.areas.maps import base_layer, map_config
from samtrygg.areas.models import Area, AreaKind, Place
from samtrygg.core.decorators import capability_required
from samtrygg.core.forms import apply_validation_error
from samtrygg.core.permissions import get_changeable_or_404, get_viewable_or_404, permissions_for

PAGE_SIZE = 100


def _int_param(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "").strip().replace(" ", "")
    return int(value) if value.isdigit() else None


@capability_required("areas.view")
def area_list_view(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    if kind not in AreaKind.values:
        kind = ""
    search = request.GET.get("q", "").strip()
    min_population = _int_param(request, "min_population")
    max_population = _int_param(request, "max_population")
    areas = selectors.area_list(
        user=request.user,
        kind=kind,
        search=search,
        min_population=min_population,
        max_population=max_population,
    )
    page = Paginator(areas, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = selectors.area_list(user=request.user, with_geometry=True).filter(
        pk__in=[a.pk for a in page]
    )
    return render(
        request,
        "areas/area_list.html",
        {
            "page": page,
            "kind": kind,
            "kinds": AreaKind.choices,
            "search": search,
            "min_population": min_population,
            "max_population": max_population,
            "features": selectors.area_feature_collection(shown, with_url=True),
            "map_config": map_config(),
            "can_manage": permissions_for(request.user).can("areas.manage"),
        },
    )


@capability_required("areas.view")
def area_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    area = get_viewable_or_404(request.user, Area.objects.all(), pk=pk)
    return render(
        request,
        "areas/area_detail.html",
        {
            "area": area,
            "populations": selectors.area_population_list(user=request.user, area=area),
            "related": selectors.area_related(user=request.user, area=area),
            "features": selectors.area_feature_collection([area]),
            "map_config": map_config(),
            "can_manage": permissions_for(request.user).can_change(area),
        },
    )


def _area_form_context(form: AreaForm, area: Area | None) -> dict[str, Any]:
    existing = selectors.area_feature_collection([area]) if area is not None else None
    return {"form": form, "area": area, "existing": existing, "map_config": map_config()}


@capability_required("areas.manage")
def area_create_view(request: HttpRequest) -> HttpResponse:
    form = AreaForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        assert form.parsed_geometry is not None
        try:
            area = services.area_create(
                actor=request.user,
                name=data["name"],
                code=data["code"],
                kind=data["kind"],
                geometry=form.parsed_geometry,
                population=data["population"],
                population_year=data["population_year"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Area %(name)s created.") % {"name": area.name})
            if form.parsed_geometry.repair:
                messages.warning(request, form.parsed_geometry.repair)
            return redirect("areas:area_detail", pk=area.pk)
    return render(request, "areas/area_form.html", _area_form_context(form, None))


@capability_required("areas.manage")
def area_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    area = get_changeable_or_404(request.user, Area.objects.all(), pk=pk)
    initial = {
        "name": area.name,
        "code": area.code,
        "kind": area.kind,
        "population": area.population,
        "population_year": area.population_year,
    }
    form = AreaForm(
        request.POST or None, request.FILES or None, initial=initial, require_geometry=False
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.area_update(
                actor=request.user,
                area=area,
                name=data["name"],
                code=data["code"],
                kind=data["kind"],
                geometry=form.parsed_geometry,
                population=data["population"],
                population_year=data["population_year"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            if form.parsed_geometry is not None and form.parsed_geometry.repair:
                messages.warning(request, form.parsed_geometry.repair)
            return redirect("areas:area_detail", pk=area.pk)
    return render(request, "areas/area_form.html", _area_form_context(form, area))


@capability_required("areas.manage")
def area_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    area = get_changeable_or_404(request.user, Area.objects.all(), pk=pk)
    if request.method == "POST":
        name = area.name
        services.area_delete(actor=request.user, area=area)
        messages.success(request, _("Area %(name)s deleted.") % {"name": name})
        return redirect("areas:area_list")
    return render(
        request,
        "areas/confirm_delete.html",
        {"object": area, "cancel_url": reverse("areas:area_detail", args=[area.pk])},
    )


@capability_required("areas.manage")
def area_import_view(request: HttpRequest) -> HttpResponse:
    form = AreaImportForm(request.POST or None, request.FILES or None)
    result = None
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.area_import_geojson(
                actor=request.user,
                data=data["file"],
                kind=data["kind"],
                name_field=data["name_field"].strip(),
                code_field=data["code_field"].strip(),
                population_field=data["population_field"].strip() or None,
                population_year=data["population_year"],
                crs=data["crs"] or None,
                update_existing=data["update_existing"],
            )
        except services.AreaImportRefused as exc:
            problems = [str(p) for p in exc.problems]
    return render(
        request,
        "areas/area_import.html",
        {"form": form, "result": result, "problems": problems},
    )


@capability_required("areas.manage")
def population_import_view(request: HttpRequest) -> HttpResponse:
    form = PopulationImportForm(request.POST or None, request.FILES or None)
    result = None
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            result = services.population_import_csv(
                actor=request.user, data=form.cleaned_data["file"]
            )
        except services.PopulationImportRefused as exc:
            problems = [services.describe_row_error(e) for e in exc.errors]
    return render(
        request,
        "areas/population_import.html",
        {"form": form, "result": result, "problems": problems},
    )


@capability_required("areas.view")
def place_list_view(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    places = selectors.place_list(user=request.user, search=search)
    can_manage = permissions_for(request.user).can("areas.manage")
    return render(
        request,
        "areas/place_list.html",
        {
            "places": places,
            "search": search,
            "features": selectors.place_feature_collection(places, with_url=can_manage),
            "map_config": map_config(),
            "can_manage": can_manage,
        },
    )


def _place_form(request: HttpRequest, form: PlaceForm, place: Place | None) -> HttpResponse:
    return render(
        request,
        "areas/place_form.html",
        {"form": form, "place": place, "map_config": map_config()},
    )


@capability_required("areas.manage")
def place_create_view(request: HttpRequest) -> HttpResponse:
    form = PlaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            place = services.place_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Place %(name)s created.") % {"name": place.name})
            return redirect("areas:place_list")
    return _place_form(request, form, None)


@capability_required("areas.manage")
def place_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    place = get_changeable_or_404(request.user, Place.objects.all(), pk=pk)
    initial = {
        "name": place.name,
        "description": place.description,
        "lat": place.lat,
        "lon": place.lon,
        "radius_m": place.radius_m,
    }
    form = PlaceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.place_update(actor=request.user, place=place, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("areas:place_list")
    return _place_form(request, form, place)


@capability_required("areas.manage")
def place_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    place = get_changeable_or_404(request.user, Place.objects.all(), pk=pk)
    if request.method == "POST":
        name = place.name
        services.place_delete(actor=request.user, place=place)
        messages.success(request, _("Place %(name)s deleted.") % {"name": name})
        return redirect("areas:place_list")
    return render(
        request,
        "areas/confirm_delete.html",
        {"object": place, "cancel_url": reverse("areas:place_edit", args=[place.pk])},
    )


@require_GET
@cache_control(private=True, max_age=300)
def base_layer_view(request: HttpRequest) -> HttpResponse:
    """The base layer every map draws (also on the public picture, so no log-in)."""
    return JsonResponse(base_layer(user=request.user))
