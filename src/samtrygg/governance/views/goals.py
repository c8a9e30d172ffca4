"""Goals (målformuleringar) by focus area, with progress notes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.core.decorators import capability_required, member_required
from samtrygg.core.forms import apply_validation_error
from samtrygg.core.permissions import permissions_for
from samtrygg.governance import selectors, services
from samtrygg.governance.forms import GoalForm, GoalProgressForm
from samtrygg.governance.models import FocusArea, GoalStatus
from samtrygg.governance.views.common import get_goal, int_or_none, manager


@member_required
def goal_list_view(request: HttpRequest) -> HttpResponse:
    councils = list(selectors.council_list(user=request.user, include_inactive=True))
    council_id = int_or_none(request.GET.get("council"))
    council = next((c for c in councils if c.pk == council_id), None)
    status = request.GET.get("status", GoalStatus.ACTIVE)
    if status not in {"", *GoalStatus.values}:
        status = GoalStatus.ACTIVE
    goals = list(selectors.goal_list(user=request.user, council=council, status=status))
    areas = list(selectors.focus_area_list(active_only=False))
    groups: list[tuple[FocusArea, list]] = [
        (area, [g for g in goals if g.focus_area_id == area.pk]) for area in areas
    ]
    return render(
        request,
        "governance/goal_list.html",
        {
            "groups": [(a, gs) for a, gs in groups if gs or a.is_active],
            "councils": councils,
            "council": council,
            "status": status,
            "statuses": GoalStatus.choices,
            "can_manage": manager(request),
        },
    )


def _goal_kwargs(data: dict) -> dict:
    return {
        "council": data["council"],
        "focus_area": data["focus_area"],
        "statement": data["statement"],
        "baseline": data["baseline"],
        "target": data["target"],
        "target_date": data["target_date"],
    }


@capability_required("governance.manage")
def goal_create_view(request: HttpRequest) -> HttpResponse:
    initial = {}
    area = int_or_none(request.GET.get("focus_area"))
    if area:
        initial["focus_area"] = area
    form = GoalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.goal_create(actor=request.user, **_goal_kwargs(form.cleaned_data))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Goal created."))
            return redirect("governance:goal_detail", pk=goal.pk)
    return render(request, "governance/goal_form.html", {"form": form, "goal": None})


@member_required
def goal_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_goal(request, pk)
    can_note = permissions_for(request.user).can_change(goal) and goal.status == GoalStatus.ACTIVE
    form = (
        GoalProgressForm(request.POST or None, initial={"recorded_on": timezone.localdate()})
        if can_note
        else None
    )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.goal_progress_add(
                    actor=request.user,
                    goal=goal,
                    assessment=data["assessment"],
                    text=data["text"],
                    recorded_on=data["recorded_on"],
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("Progress note saved."))
                return redirect("governance:goal_detail", pk=goal.pk)
    return render(
        request,
        "governance/goal_detail.html",
        {
            "goal": goal,
            "notes": goal.progress_notes.select_related("author").order_by("-recorded_on", "-pk"),
            "form": form,
            "can_manage": manager(request),
        },
        status=400 if form is not None and form.errors else 200,
    )


@capability_required("governance.manage")
def goal_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_goal(request, pk)
    initial = {
        "council": goal.council,
        "focus_area": goal.focus_area,
        "statement": goal.statement,
        "baseline": goal.baseline,
        "target": goal.target,
        "target_date": goal.target_date,
        "status": goal.status,
    }
    form = GoalForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_update(
                actor=request.user,
                goal=goal,
                status=form.cleaned_data["status"],
                **_goal_kwargs(form.cleaned_data),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("governance:goal_detail", pk=goal.pk)
    return render(request, "governance/goal_form.html", {"form": form, "goal": goal})
