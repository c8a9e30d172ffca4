"""The action plan: overview, plan pages, adopted versions, the annual follow-up PDF."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.actionplan import selectors, services
from samtrygg.actionplan.forms import ActionPlanForm, PlanVersionForm
from samtrygg.actionplan.models import ActionPlanVersion
from samtrygg.actionplan.pdf import followup_pdf
from samtrygg.actionplan.presenters import plan_overview
from samtrygg.actionplan.views.common import download, get_plan, manager, status_for
from samtrygg.core.decorators import capability_required
from samtrygg.core.forms import apply_validation_error
from samtrygg.core.permissions import get_viewable_or_404
from samtrygg.documents.rendering import RenderError
from samtrygg.situation.selectors import version_list


@capability_required("actionplan.view")
def plan_list_view(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    plans = list(selectors.plan_list(user=request.user))
    current = selectors.plan_current(today=today)
    return render(
        request,
        "actionplan/plan_list.html",
        {"plans": plans, "current": current, "can_manage": manager(request), "today": today},
    )


def _plan_kwargs(data: dict) -> dict:
    return {
        "title": data["title"],
        "period_start": data["period_start"],
        "period_end": data["period_end"],
        "focus_areas": data["focus_areas"],
        "description": data["description"],
        "next_review": data["next_review"],
    }


@capability_required("actionplan.manage")
def plan_create_view(request: HttpRequest) -> HttpResponse:
    form = ActionPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.action_plan_create(
                **_plan_kwargs(form.cleaned_data), actor=request.user
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Action plan created."))
            return redirect("actionplan:plan_detail", pk=plan.pk)
    return render(
        request, "actionplan/plan_form.html", {"form": form, "plan": None}, status=status_for(form)
    )


@capability_required("actionplan.view")
def plan_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan(request, pk)
    today = timezone.localdate()
    overview = plan_overview(plan, user=request.user, today=today)
    return render(
        request,
        "actionplan/plan_detail.html",
        {
            "plan": plan,
            "overview": overview,
            "can_manage": manager(request),
            "years": list(range(today.year, plan.period_start.year - 2, -1)),
        },
    )


@capability_required("actionplan.manage")
def plan_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan(request, pk)
    initial = {
        "title": plan.title,
        "period_start": plan.period_start,
        "period_end": plan.period_end,
        "focus_areas": list(plan.focus_areas.all()),
        "description": plan.description,
        "next_review": plan.next_review,
    }
    form = ActionPlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_plan_update(
                actor=request.user, plan=plan, **_plan_kwargs(form.cleaned_data)
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("actionplan:plan_detail", pk=plan.pk)
    return render(
        request, "actionplan/plan_form.html", {"form": form, "plan": plan}, status=status_for(form)
    )


@capability_required("actionplan.manage")
def plan_version_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan(request, pk)
    form = PlanVersionForm(
        request.POST or None,
        request.FILES or None,
        versions=version_list(user=request.user),
        initial={"adoption_date": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = services.action_plan_version_create(
                actor=request.user,
                plan=plan,
                adopted_by=data["adopted_by"],
                adoption_date=data["adoption_date"],
                based_on=data["based_on"],
                decision_reference=data["decision_reference"],
                changes=data["changes"],
                document=data["document"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request, _("Version %(number)d recorded.") % {"number": version.number}
            )
            return redirect("actionplan:plan_detail", pk=plan.pk)
    return render(
        request,
        "actionplan/plan_version_form.html",
        {"form": form, "plan": plan},
        status=status_for(form),
    )


@capability_required("actionplan.view")
def plan_version_document_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_viewable_or_404(request.user, ActionPlanVersion.objects.all(), pk=pk)
    return download(version.document, version.document_name)


@capability_required("actionplan.view")
def plan_followup_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan(request, pk)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year - 1))
    except ValueError:
        year = today.year - 1
    year = max(plan.period_start.year - 1, min(year, today.year))
    try:
        pdf = followup_pdf(plan=plan, year=year, user=request.user, today=today)
    except RenderError as exc:
        messages.error(request, _("The PDF could not be made: %(error)s") % {"error": exc})
        return redirect("actionplan:plan_detail", pk=plan.pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="uppfoljning-handlingsplan-{year}.pdf"'
    return response
