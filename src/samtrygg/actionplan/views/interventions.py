"""Interventions: list, detail with progress notes, editing, process evaluation; methods."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from samtrygg.actionplan import selectors, services
from samtrygg.actionplan.forms import (
    InterventionForm,
    InterventionNoteForm,
    MethodForm,
    ProcessEvaluationForm,
)
from samtrygg.actionplan.models import (
    PROCESS_CHECKLIST,
    ActionPlan,
    CheckAnswer,
    InterventionStatus,
    Method,
)
from samtrygg.actionplan.rules import can_write_progress
from samtrygg.actionplan.views.common import (
    evaluator,
    get_intervention,
    get_method,
    manager,
    perms,
    require,
    status_for,
)
from samtrygg.core.decorators import capability_required, member_required
from samtrygg.core.forms import apply_validation_error
from samtrygg.governance.models import Decision, FocusArea, Goal


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@member_required
def intervention_list_view(request: HttpRequest) -> HttpResponse:
    plan_id = _int(request.GET.get("plan"))
    plan = ActionPlan.objects.filter(pk=plan_id).first() if plan_id else None
    status = request.GET.get("status", "")
    if status not in {"", *InterventionStatus.values}:
        status = ""
    focus_area_id = _int(request.GET.get("focus_area"))
    method_id = _int(request.GET.get("method"))
    search = request.GET.get("q", "").strip()[:100]
    interventions = selectors.intervention_list(
        user=request.user,
        plan=plan,
        focus_area_id=focus_area_id,
        status=status,
        method_id=method_id,
        search=search,
    )
    today = timezone.localdate()
    return render(
        request,
        "actionplan/intervention_list.html",
        {
            "interventions": interventions,
            "statuses": InterventionStatus.choices,
            "focus_areas": FocusArea.objects.order_by("order"),
            "methods": Method.objects.all(),
            "filters": {
                "status": status,
                "focus_area": focus_area_id,
                "method": method_id,
                "q": search,
                "plan": plan_id,
            },
            "today": today,
            "can_manage": manager(request),
        },
    )


def _form_querysets(request: HttpRequest) -> dict[str, Any]:
    p = perms(request)
    return {
        "decisions": p.filter_viewable(
            Decision.objects.select_related("meeting__council").order_by("-meeting__starts_at")
        ),
        "goals": p.filter_viewable(Goal.objects.select_related("focus_area")),
    }


@capability_required("actionplan.manage")
def intervention_create_view(request: HttpRequest) -> HttpResponse:
    initial: dict[str, Any] = {}
    plan_id = _int(request.GET.get("plan"))
    if plan_id:
        initial["plan"] = plan_id
    decision_id = _int(request.GET.get("decision"))
    if decision_id:
        initial["decisions"] = [decision_id]
    form = InterventionForm(request.POST or None, initial=initial, **_form_querysets(request))
    if request.method == "POST" and form.is_valid():
        try:
            intervention = services.intervention_create(
                data=services.InterventionData.from_mapping(form.cleaned_data),
                actor=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Intervention created."))
            return redirect("actionplan:intervention_detail", pk=intervention.pk)
    return render(
        request,
        "actionplan/intervention_form.html",
        {"form": form, "intervention": None},
        status=status_for(form),
    )


@member_required
def intervention_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = get_intervention(request, pk)
    p = perms(request)
    may_note = can_write_progress(p, intervention)
    note_form = (
        InterventionNoteForm(initial={"recorded_on": timezone.localdate()}) if may_note else None
    )
    process = intervention.process_evaluations.select_related("author").first()
    questions = dict(PROCESS_CHECKLIST)
    answers = CheckAnswer
    return render(
        request,
        "actionplan/intervention_detail.html",
        {
            "intervention": intervention,
            "decisions": p.filter_viewable(
                intervention.decisions.select_related("meeting__council")
            ),
            "goals": intervention.goals.select_related("focus_area"),
            "notes": intervention.notes.select_related("author"),
            "evaluations": selectors.evaluation_list(user=request.user, intervention=intervention),
            "note_form": note_form,
            "process": process,
            "process_rows": [
                (questions.get(key, key), answers(v["answer"]).label, v.get("comment", ""))
                for key, v in (process.answers.items() if process else [])
                if v.get("answer") in answers.values
            ],
            "can_manage": manager(request),
            "can_evaluate": evaluator(request),
            "today": timezone.localdate(),
        },
    )


@capability_required("actionplan.manage")
def intervention_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = get_intervention(request, pk)
    initial = {
        "title": intervention.title,
        "plan": intervention.plan,
        "focus_areas": list(intervention.focus_areas.all()),
        "method": intervention.method,
        "description": intervention.description,
        "problem": intervention.problem,
        "mechanism": intervention.mechanism,
        "expected_outcome": intervention.expected_outcome,
        "owner": intervention.owner,
        "partners": list(intervention.partners.all()),
        "areas": list(intervention.areas.all()),
        "places": list(intervention.places.all()),
        "start_date": intervention.start_date,
        "end_date": intervention.end_date,
        "status": intervention.status,
        "budget": intervention.budget,
        "decisions": list(intervention.decisions.all()),
        "goals": list(intervention.goals.all()),
    }
    form = InterventionForm(request.POST or None, initial=initial, **_form_querysets(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.intervention_update(
                intervention=intervention,
                data=services.InterventionData.from_mapping(form.cleaned_data),
                actor=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("actionplan:intervention_detail", pk=intervention.pk)
    return render(
        request,
        "actionplan/intervention_form.html",
        {"form": form, "intervention": intervention},
        status=status_for(form),
    )


@member_required
def intervention_note_view(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = get_intervention(request, pk)
    require(can_write_progress(perms(request), intervention))
    if request.method != "POST":
        return redirect("actionplan:intervention_detail", pk=intervention.pk)
    form = InterventionNoteForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.intervention_note_add(
                intervention=intervention,
                text=data["text"],
                status=data["status"] or None,
                recorded_on=data["recorded_on"],
                actor=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, pgettext("intervention", "Progress note saved."))
            return redirect("actionplan:intervention_detail", pk=intervention.pk)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
    return redirect("actionplan:intervention_detail", pk=intervention.pk)


@capability_required("actionplan.evaluate")
def process_evaluation_view(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = get_intervention(request, pk)
    latest = intervention.process_evaluations.first()
    initial: dict[str, Any] = {"recorded_on": timezone.localdate()}
    if latest is not None:
        for key, value in latest.answers.items():
            initial[f"{key}_answer"] = value.get("answer")
            initial[f"{key}_comment"] = value.get("comment", "")
        initial["deviations"] = latest.deviations
        initial["lessons"] = latest.lessons
    form = ProcessEvaluationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.process_evaluation_record(
                intervention=intervention,
                answers=form.answers(),
                deviations=form.cleaned_data["deviations"],
                lessons=form.cleaned_data["lessons"],
                recorded_on=form.cleaned_data["recorded_on"],
                actor=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Process evaluation saved."))
            return redirect("actionplan:intervention_detail", pk=intervention.pk)
    return render(
        request,
        "actionplan/process_form.html",
        {"form": form, "intervention": intervention},
        status=status_for(form),
    )


# --- the method catalogue -------------------------------------------------------------


@capability_required("actionplan.view")
def method_list_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "actionplan/method_list.html",
        {"methods": selectors.method_list(), "can_manage": manager(request)},
    )


@capability_required("actionplan.manage")
def method_create_view(request: HttpRequest) -> HttpResponse:
    form = MethodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.method_create(
                actor=request.user,
                code=data["code"],
                name_sv=data["name_sv"],
                name_en=data["name_en"],
                description=data["description"],
                order=data["order"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Method added."))
            return redirect("actionplan:method_list")
    return render(
        request,
        "actionplan/method_form.html",
        {"form": form, "method": None},
        status=status_for(form),
    )


@capability_required("actionplan.manage")
def method_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    method = get_method(request, pk)
    initial = {
        "code": method.code,
        "name_sv": method.name_sv,
        "name_en": method.name_en,
        "description": method.description,
        "order": method.order,
        "is_active": method.is_active,
    }
    form = MethodForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.method_update(
                actor=request.user,
                method=method,
                name_sv=data["name_sv"],
                name_en=data["name_en"],
                description=data["description"],
                order=data["order"],
                is_active=data["is_active"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("actionplan:method_list")
    return render(
        request,
        "actionplan/method_form.html",
        {"form": form, "method": method},
        status=status_for(form),
    )
