"""Walks: the list, planning and editing a walk, its page with the three steps and its
findings, and publishing its protocol."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samtrygg.areas.maps import map_config
from samtrygg.areas.models import Area
from samtrygg.core.decorators import capability_required
from samtrygg.core.forms import apply_validation_error
from samtrygg.core.permissions import permissions_for
from samtrygg.walks import selectors, services
from samtrygg.walks.forms import StepForm, WalkForm
from samtrygg.walks.models import WalkStep
from samtrygg.walks.views.common import (
    can_manage,
    get_walk,
    int_or_none,
    walk_map_data,
)


@capability_required("walks.view")
def walk_list_view(request: HttpRequest) -> HttpResponse:
    area_id = int_or_none(request.GET.get("area"))
    walks = selectors.walk_list(user=request.user, area_id=area_id)
    area_ids = selectors.walk_list(user=request.user).values_list("area_id", flat=True)
    return render(
        request,
        "walks/walk_list.html",
        {
            "walks": walks,
            "areas": Area.objects.filter(pk__in=list(area_ids)).order_by("name"),
            "area_id": area_id,
            "can_manage": can_manage(request),
        },
    )


def _walk_form_page(request: HttpRequest, form: WalkForm, walk: object | None) -> HttpResponse:
    return render(
        request,
        "walks/walk_form.html",
        {"form": form, "walk": walk, "map_config": map_config()},
    )


@capability_required("walks.manage")
def walk_create_view(request: HttpRequest) -> HttpResponse:
    form = WalkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            walk = services.walk_create(actor=request.user, data=form.to_input())
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The walk is planned."))
            return redirect("walks:detail", walk.pk)
    return _walk_form_page(request, form, None)


@capability_required("walks.manage")
def walk_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    walk = get_walk(request, pk)
    if not permissions_for(request.user).can_change(walk):
        raise PermissionDenied
    form = WalkForm(request.POST or None, initial=WalkForm.initial_for(walk))
    if request.method == "POST" and form.is_valid():
        try:
            services.walk_update(actor=request.user, walk=walk, data=form.to_input())
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The walk is saved."))
            return redirect("walks:detail", walk.pk)
    return _walk_form_page(request, form, walk)


def next_step(walk: object) -> WalkStep | None:
    index = services.STEP_ORDER.index(WalkStep(walk.step))  # type: ignore[attr-defined]
    return services.STEP_ORDER[index + 1] if index + 1 < len(services.STEP_ORDER) else None


@capability_required("walks.view")
def walk_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    walk = get_walk(request, pk)
    findings = list(selectors.finding_list(user=request.user, walk_id=walk.pk).order_by("pk"))
    manage = permissions_for(request.user).can_change(walk)
    step = next_step(walk)
    return render(
        request,
        "walks/walk_detail.html",
        {
            "walk": walk,
            "findings": findings,
            "participants": walk.participants.all(),
            "organisers": walk.organisers.all(),
            "partners": walk.partners.all(),
            "repeats": walk.repeats.all(),
            "can_manage": manage,
            "next_step": step,
            "step_form": StepForm(initial={"on": timezone.localdate()})
            if manage and step
            else None,
            "steps": services.STEP_ORDER[1:],
            "step_index": services.STEP_ORDER.index(WalkStep(walk.step)),
            "map_config": map_config(),
            "map_data": walk_map_data(walk, findings),
            "counts": selectors.status_counts(
                selectors.finding_list(user=request.user, walk_id=walk.pk)
            ),
        },
    )


@require_POST
@capability_required("walks.manage")
def walk_step_view(request: HttpRequest, pk: int) -> HttpResponse:
    walk = get_walk(request, pk)
    form = StepForm(request.POST)
    step = next_step(walk)
    if step is None or not form.is_valid():
        messages.error(request, _("Give the date of the step."))
        return redirect("walks:detail", walk.pk)
    try:
        services.walk_step_record(
            actor=request.user,
            walk=walk,
            step=step,
            on=form.cleaned_data["on"],
            notes=form.cleaned_data.get("notes", ""),
        )
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        messages.success(request, _("Recorded: %(step)s.") % {"step": step.label})
    return redirect("walks:detail", walk.pk)


@require_POST
@capability_required("walks.manage")
def walk_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    walk = get_walk(request, pk)
    try:
        services.walk_protocol_publish(actor=request.user, walk=walk)
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        messages.success(request, _("The protocol is published."))
    return redirect("walks:detail", walk.pk)
