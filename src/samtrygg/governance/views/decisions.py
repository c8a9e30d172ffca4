"""Decisions: lists (all, overdue, the owner's own), detail with follow-up, correction."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.core.decorators import capability_required, member_required
from samtrygg.core.forms import apply_validation_error
from samtrygg.core.permissions import permissions_for
from samtrygg.governance import selectors, services
from samtrygg.governance.forms import DecisionForm, FollowUpForm
from samtrygg.governance.models import Council, DecisionStatus
from samtrygg.governance.views.common import get_decision, int_or_none, manager


@member_required
def decision_list_view(request: HttpRequest) -> HttpResponse:
    councils = list(selectors.council_list(user=request.user, include_inactive=True))
    council_id = int_or_none(request.GET.get("council"))
    council: Council | None = next((c for c in councils if c.pk == council_id), None)
    status = request.GET.get("status", "")
    if status not in {"", "open_any", *DecisionStatus.values}:
        status = ""
    overdue = request.GET.get("overdue") == "1"
    decisions = selectors.decision_list(
        user=request.user, council=council, status=status, overdue=overdue
    )
    page = Paginator(decisions, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/decision_list.html",
        {
            "page": page,
            "councils": councils,
            "council": council,
            "status": status,
            "overdue": overdue,
            "statuses": DecisionStatus.choices,
            "today": timezone.localdate(),
        },
    )


@member_required
def decision_mine_view(request: HttpRequest) -> HttpResponse:
    include_closed = request.GET.get("closed") == "1"
    decisions = selectors.decision_list_owned(user=request.user, include_closed=include_closed)
    return render(
        request,
        "governance/decision_mine.html",
        {
            "decisions": decisions,
            "include_closed": include_closed,
            "today": timezone.localdate(),
        },
    )


@member_required
def decision_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_decision(request, pk)
    perms = permissions_for(request.user)
    can_follow_up = perms.can_change(decision)
    form = FollowUpForm(request.POST or None) if can_follow_up else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.decision_follow_up(
                    actor=request.user,
                    decision=decision,
                    text=form.cleaned_data["text"],
                    status=form.cleaned_data["status"] or None,
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("Follow-up note saved."))
                return redirect("governance:decision_detail", pk=decision.pk)
    return render(
        request,
        "governance/decision_detail.html",
        {
            "decision": decision,
            "notes": selectors.decision_notes(decision=decision),
            "follow_up_meetings": selectors.decision_follow_up_meetings(decision=decision),
            "form": form,
            "can_manage": manager(request),
            "can_open_meeting": perms.can_view(decision.meeting),
            # The action plan's traceability page: lägesbild → decision → interventions.
            "can_trace": perms.can("actionplan.view"),
            "today": timezone.localdate(),
        },
        status=400 if form is not None and form.errors else 200,
    )


@capability_required("governance.manage")
def decision_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_decision(request, pk)
    initial = {
        "title": decision.title,
        "text": decision.text,
        "rationale": decision.rationale,
        "owner_organisation": decision.owner_organisation,
        "owner_user": decision.owner_user,
        "due_date": decision.due_date,
    }
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.decision_update(
                actor=request.user,
                decision=decision,
                title=data["title"],
                text=data["text"],
                rationale=data["rationale"],
                owner_organisation=data["owner_organisation"],
                owner_user=data["owner_user"],
                due_date=data["due_date"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("governance:decision_detail", pk=decision.pk)
    return render(
        request,
        "governance/decision_form.html",
        {
            "form": form,
            "meeting": decision.meeting,
            "council": decision.meeting.council,
            "decision": decision,
        },
    )
