"""Indicators: list by focus area, detail with chart and values, editing, survey import."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.actionplan import selectors, services
from samtrygg.actionplan.charts import indicator_svg
from samtrygg.actionplan.forms import IndicatorForm, IndicatorValueForm, SurveyImportForm
from samtrygg.actionplan.models import IndicatorKind, SurveyImport
from samtrygg.actionplan.views.common import evaluator, get_indicator, manager, status_for
from samtrygg.core.decorators import capability_required
from samtrygg.core.forms import apply_validation_error
from samtrygg.governance.models import FocusArea, Goal, GoalStatus


def _goals() -> Any:
    return (
        Goal.objects.filter(status=GoalStatus.ACTIVE)
        .select_related("focus_area")
        .order_by("focus_area__order", "pk")
    )


@capability_required("actionplan.view")
def indicator_list_view(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    indicators = list(
        selectors.indicator_list(user=request.user).prefetch_related("areas", "categories")
    )
    views = [selectors.indicator_view(i, user=request.user, today=today) for i in indicators]
    groups = []
    for area in FocusArea.objects.order_by("order"):
        items = [v for v in views if v.indicator.goal.focus_area_id == area.pk]
        if items:
            groups.append((area, items))
    return render(
        request,
        "actionplan/indicator_list.html",
        {"groups": groups, "can_manage": manager(request), "can_import": evaluator(request)},
    )


def _indicator_kwargs(data: dict) -> dict:
    return {
        "goal": data["goal"],
        "code": data["code"],
        "name": data["name"],
        "measure": data["measure"],
        "direction": data["direction"],
        "first_year": data["first_year"],
        "categories": data["categories"],
        "areas": data["areas"],
        "description": data["description"],
        "source": data["source"],
        "baseline_value": data["baseline_value"],
        "baseline_year": data["baseline_year"],
        "target_value": data["target_value"],
        "target_year": data["target_year"],
        "order": data["order"],
        "registered_source": data["registered_source"],
    }


@capability_required("actionplan.manage")
def indicator_create_view(request: HttpRequest) -> HttpResponse:
    initial: dict[str, Any] = {"first_year": timezone.localdate().year - 4, "order": 100}
    goal_id = request.GET.get("goal", "")
    if goal_id.isdigit():
        initial["goal"] = int(goal_id)
    form = IndicatorForm(request.POST or None, goals=_goals(), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.indicator_create(
                actor=request.user,
                kind=form.cleaned_data["kind"],
                **_indicator_kwargs(form.cleaned_data),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Indicator created."))
            return redirect("actionplan:indicator_detail", pk=indicator.pk)
    return render(
        request,
        "actionplan/indicator_form.html",
        {"form": form, "indicator": None},
        status=status_for(form),
    )


@capability_required("actionplan.view")
def indicator_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_indicator(request, pk)
    can_enter = evaluator(request) and indicator.kind not in (
        IndicatorKind.COMPUTED,
        IndicatorKind.REGISTERED,
    )
    form = IndicatorValueForm(request.POST or None) if can_enter else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.indicator_value_set(
                    indicator=indicator,
                    year=data["year"],
                    value=data["value"],
                    area=data["area"],
                    n=data["n"],
                    source=data["source"],
                    note=data["note"],
                    actor=request.user,
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("Value saved."))
                return redirect("actionplan:indicator_detail", pk=indicator.pk)
    view = selectors.indicator_view(indicator, user=request.user)
    return render(
        request,
        "actionplan/indicator_detail.html",
        {
            "indicator": indicator,
            "view": view,
            "chart": indicator_svg(view),
            "form": form,
            "can_manage": manager(request),
            "interventions": indicator.goal.interventions.order_by("title"),
        },
        status=status_for(form),
    )


@capability_required("actionplan.manage")
def indicator_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_indicator(request, pk)
    initial = {
        "goal": indicator.goal,
        "code": indicator.code,
        "name": indicator.name,
        "kind": indicator.kind,
        "measure": indicator.measure,
        "direction": indicator.direction,
        "first_year": indicator.first_year,
        "categories": list(indicator.categories.all()),
        "areas": list(indicator.areas.all()),
        "description": indicator.description,
        "source": indicator.source,
        "baseline_value": indicator.baseline_value,
        "baseline_year": indicator.baseline_year,
        "target_value": indicator.target_value,
        "target_year": indicator.target_year,
        "order": indicator.order,
        "registered_source": indicator.registered_source,
    }
    form = IndicatorForm(request.POST or None, goals=_goals(), initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_update(
                actor=request.user, indicator=indicator, **_indicator_kwargs(form.cleaned_data)
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("actionplan:indicator_detail", pk=indicator.pk)
    return render(
        request,
        "actionplan/indicator_form.html",
        {"form": form, "indicator": indicator},
        status=status_for(form),
    )


@capability_required("actionplan.evaluate")
def survey_import_view(request: HttpRequest) -> HttpResponse:
    form = SurveyImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.survey_import(
                data=upload.read(), file_name=upload.name or "", actor=request.user
            )
        except services.SurveyImportRefused as exc:
            problems = exc.errors
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Imported %(rows)d values (%(new)d new, %(corrected)d corrected).")
                % {
                    "rows": result.created + result.updated,
                    "new": result.created,
                    "corrected": result.updated,
                },
            )
            return redirect("actionplan:survey_import")
    survey_indicators = selectors.indicator_list(user=request.user).filter(
        kind=IndicatorKind.SURVEY
    )
    return render(
        request,
        "actionplan/survey_import.html",
        {
            "form": form,
            "problems": problems,
            "imports": SurveyImport.objects.select_related("imported_by")[:10],
            "survey_indicators": survey_indicators,
        },
        status=status_for(form),
    )
