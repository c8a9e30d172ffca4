"""Risk assessments, the plan, notes and the read log of a case."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samtrygg.accounts.models import User
from samtrygg.cases import selectors, services
from samtrygg.cases.forms import (
    AchievedForm,
    ActionForm,
    DoneForm,
    GoalForm,
    MeetingForm,
    NoteForm,
    RiskForm,
)
from samtrygg.cases.models import Case
from samtrygg.cases.selectors.work import CasePlanView
from samtrygg.cases.views.common import case_page, done, open_for, run_service, tab_context
from samtrygg.core.text import shorten


@case_page()
@require_http_methods(["GET", "POST"])
def risk_view(request: HttpRequest, pk: int) -> HttpResponse:
    case = open_for(request, pk, "risk")
    form = RiskForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        recorded = run_service(
            form,
            lambda: services.risk_assessment_record(
                actor=request.user,
                case=case,
                assessed_on=data["assessed_on"],
                factors=form.factors(),
                summary=data["summary"],
                threat_level=data.get("threat_level", ""),
                threat_assessment=data.get("threat_assessment", ""),
                motivated=form.condition("motivated"),
                not_a_witness=form.condition("not_a_witness"),
                support_decided=form.condition("support_decided"),
            ),
        )
        if recorded is not None:
            return done(request, _("The risk assessment is recorded."), "cases:risk", pk=case.pk)
    context = tab_context(case, "cases:risk") | {
        "assessments": selectors.case_risks(user=request.user, case=case),
        "form": form,
    }
    return render(request, "cases/risk.html", context)


def _action_form(case: Case, plan: CasePlanView, data: Any = None) -> ActionForm:
    members = User.objects.filter(
        pk__in=case.team.filter(removed_at__isnull=True).values("user_id")
    )
    goals = [(str(g.goal.pk), f"{g.goal.number}. {shorten(g.text, 60)}") for g in plan.goals]
    return ActionForm(data, goals=goals, members=members)


def _plan(request: HttpRequest, case: Case, **forms: Any) -> HttpResponse:
    plan = selectors.case_plan(user=request.user, case=case)
    context = tab_context(case, "cases:plan") | {
        "plan": plan,
        "goal_form": forms.get("goal_form") or GoalForm(),
        "action_form": forms.get("action_form") or _action_form(case, plan),
        "meeting_form": forms.get("meeting_form") or MeetingForm(),
        "done_form": DoneForm(),
        "achieved_form": AchievedForm(),
    }
    return render(request, "cases/plan.html", context)


@case_page()
@require_GET
def plan_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan(request, open_for(request, pk, "plan"))


@case_page()
@require_POST
def goal_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    case = open_for(request, pk, "plan")
    form = GoalForm(request.POST)
    if form.is_valid() and run_service(
        form,
        lambda: services.plan_goal_add(
            actor=request.user, case=case, text=form.cleaned_data["text"]
        ),
    ):
        return done(request, _("The goal is added."), "cases:plan", pk=case.pk)
    return _plan(request, case, goal_form=form)


@case_page()
@require_POST
def goal_achieved_view(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    case = open_for(request, pk, "plan")
    goal = get_object_or_404(case.goals, pk=goal_pk)
    form = AchievedForm(request.POST)
    if form.is_valid() and run_service(
        form,
        lambda: services.plan_goal_achieved(
            actor=request.user, goal=goal, achieved_on=form.cleaned_data["achieved_on"]
        ),
    ):
        return done(request, _("The goal is updated."), "cases:plan", pk=case.pk)
    return _plan(request, case)


@case_page()
@require_POST
def action_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    case = open_for(request, pk, "plan")
    plan = selectors.case_plan(user=request.user, case=case)
    form = _action_form(case, plan, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        goal = case.goals.filter(pk=data["goal"]).first() if data["goal"] else None
        if run_service(
            form,
            lambda: services.plan_action_add(
                actor=request.user,
                case=case,
                description=data["description"],
                due_on=data["due_on"],
                goal=goal,
                responsible_user=data["responsible_user"],
                responsible_agency=data["responsible_agency"],
            ),
        ):
            return done(request, _("The action is added."), "cases:plan", pk=case.pk)
    return _plan(request, case, action_form=form)


@case_page()
@require_POST
def action_done_view(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    case = open_for(request, pk, "plan")
    action = get_object_or_404(case.actions, pk=action_pk)
    form = DoneForm(request.POST)
    if form.is_valid() and run_service(
        form,
        lambda: services.plan_action_done(
            actor=request.user, action=action, done_on=form.cleaned_data["done_on"]
        ),
    ):
        return done(request, _("The action is done."), "cases:plan", pk=case.pk)
    return _plan(request, case)


@case_page()
@require_POST
def meeting_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    case = open_for(request, pk, "plan")
    form = MeetingForm(request.POST)
    if form.is_valid() and run_service(
        form,
        lambda: services.follow_up_meeting_record(
            actor=request.user,
            case=case,
            held_on=form.cleaned_data["held_on"],
            minutes=form.cleaned_data["minutes"],
        ),
    ):
        return done(request, _("The meeting is recorded."), "cases:plan", pk=case.pk)
    return _plan(request, case, meeting_form=form)


@case_page()
@require_http_methods(["GET", "POST"])
def notes_view(request: HttpRequest, pk: int) -> HttpResponse:
    case = open_for(request, pk, "notes")
    form = NoteForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            lambda: services.case_note_add(
                actor=request.user, case=case, text=form.cleaned_data["text"]
            ),
        )
    ):
        return done(request, _("The note is saved."), "cases:notes", pk=case.pk)
    context = tab_context(case, "cases:notes") | {
        "notes": selectors.case_notes(user=request.user, case=case),
        "form": form,
    }
    return render(request, "cases/notes.html", context)


@case_page()
@require_GET
def log_view(request: HttpRequest, pk: int) -> HttpResponse:
    case = open_for(request, pk, "log")
    page = Paginator(selectors.case_access_log(user=request.user, case=case), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "cases/log.html", tab_context(case, "cases:log") | {"page": page})
