"""The coordinator's pages for categories and the police event type mapping."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from samtrygg.core.decorators import capability_required
from samtrygg.core.forms import apply_validation_error
from samtrygg.core.permissions import get_changeable_or_404
from samtrygg.incidents import selectors, services
from samtrygg.incidents.forms import (
    CategoryForm,
    PoliceTypeForm,
)
from samtrygg.incidents.models import (
    Category,
    PoliceTypeAction,
    PoliceTypeMapping,
)


@capability_required("incidents.categories")
def category_list_view(request: HttpRequest) -> HttpResponse:
    form = CategoryForm(request.POST or None, initial={"colour": "#1f5f8b", "harm_weight": 1.0})
    if request.method == "POST" and form.is_valid():
        try:
            category = services.category_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Category %(name)s created.") % {"name": category.name})
            return redirect("incidents:category_list")
    return render(
        request,
        "incidents/category_list.html",
        {"categories": selectors.category_list(user=request.user), "form": form},
    )


@capability_required("incidents.categories")
def category_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    category = get_changeable_or_404(request.user, Category.objects.all(), pk=pk)
    initial = {field: getattr(category, field) for field in (*services.CATEGORY_FIELDS, "code")}
    form = CategoryForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k in services.CATEGORY_FIELDS}
        try:
            services.category_update(actor=request.user, category=category, **values)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("incidents:category_list")
    return render(request, "incidents/category_form.html", {"category": category, "form": form})


@capability_required("incidents.categories")
def police_type_list_view(request: HttpRequest) -> HttpResponse:
    mappings = selectors.police_type_list(user=request.user)
    return render(
        request,
        "incidents/police_type_list.html",
        {
            "mappings": mappings,
            "unmapped": [m for m in mappings if m.action == PoliceTypeAction.UNMAPPED],
            "actions": PoliceTypeAction.choices,
            "categories": Category.objects.all(),
        },
    )


@capability_required("incidents.categories")
@require_POST
def police_type_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    mapping = get_changeable_or_404(request.user, PoliceTypeMapping.objects.all(), pk=pk)
    form = PoliceTypeForm(request.POST)
    if form.is_valid():
        try:
            result = services.police_type_update(
                actor=request.user,
                mapping=mapping,
                action=form.cleaned_data["action"],
                category=form.cleaned_data["category"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, f"{mapping.police_type}: {message}")
        else:
            messages.success(
                request,
                _(
                    "%(type)s: saved. Stored events re-read: %(created)d new, %(updated)d "
                    "updated and %(removed)d removed incidents."
                )
                % {
                    "type": mapping.police_type,
                    "created": result.created,
                    "updated": result.updated,
                    "removed": result.removed,
                },
            )
            if result.unplaced:
                messages.warning(
                    request,
                    ngettext(
                        "%(n)d stored event has no feed source for its place and stays raw.",
                        "%(n)d stored events have no feed source for their place and stay raw.",
                        result.unplaced,
                    )
                    % {"n": result.unplaced},
                )
    else:
        messages.error(
            request, _("%(type)s: choose a valid action.") % {"type": mapping.police_type}
        )
    return redirect("incidents:police_type_list")
