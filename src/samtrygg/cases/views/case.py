"""A case's overview: status, closing, legal hold and the team."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samtrygg.accounts.models import Organisation, User
from samtrygg.cases import selectors, services
from samtrygg.cases.forms import CloseForm, StatusForm, TeamMemberForm
from samtrygg.cases.models import NEXT_STATUSES, Case, CaseStatus
from samtrygg.cases.rules import TEAM_ROLES
from samtrygg.cases.views.common import case_page, done, open_for, run_service, tab_context


def _overview(request: HttpRequest, case: Case, **forms: Any) -> HttpResponse:
    overview = selectors.case_overview(user=request.user, case=case)
    context = tab_context(case, "cases:detail") | {"overview": overview}
    if overview.can_manage:
        choices: list[tuple[str, Any]] = [
            (str(s), CaseStatus(s).label)
            for s in sorted(NEXT_STATUSES.get(CaseStatus(case.status), ()))
        ]
        candidates = User.objects.filter(
            memberships__role__in=TEAM_ROLES,
            memberships__organisation__is_active=True,
            is_active=True,
        ).distinct()
        orgs = Organisation.objects.filter(
            Q(memberships__role__in=TEAM_ROLES), is_active=True
        ).distinct()
        context |= {
            "status_form": forms.get("status_form") or StatusForm(choices=choices),
            "close_form": forms.get("close_form") or CloseForm(),
            "team_form": forms.get("team_form")
            or TeamMemberForm(users=candidates, organisations=orgs),
        }
    return render(request, "cases/detail.html", context)


@case_page()
@require_http_methods(["GET"])
def detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _overview(request, open_for(request, pk, "overview"))


@case_page()
@require_POST
def status_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Change the status, close or reopen (the case's coordinator and programme leads)."""
    case = open_for(request, pk, "overview")
    action = request.POST.get("action", "status")
    if action == "reopen":
        try:
            services.case_reopen(actor=request.user, case=case)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return _overview(request, case)
        return done(request, _("The case is open again."), "cases:detail", pk=case.pk)
    if action == "close":
        form = CloseForm(request.POST)
        if form.is_valid() and run_service(
            form,
            lambda: services.case_close(
                actor=request.user,
                case=case,
                closed_on=form.cleaned_data["closed_on"],
                outcome=form.cleaned_data["outcome"],
            ),
        ):
            return done(request, _("The case is closed."), "cases:detail", pk=case.pk)
        return _overview(request, case, close_form=form)
    choices = [(s, s) for s in CaseStatus.values]
    status_form = StatusForm(request.POST, choices=choices)
    if status_form.is_valid() and run_service(
        status_form,
        lambda: services.case_status_set(
            actor=request.user, case=case, status=status_form.cleaned_data["status"]
        ),
    ):
        return done(request, _("The status is changed."), "cases:detail", pk=case.pk)
    return _overview(request, case, status_form=status_form)


@case_page()
@require_POST
def legal_hold_view(request: HttpRequest, pk: int) -> HttpResponse:
    case = open_for(request, pk, "overview")
    hold = request.POST.get("hold") == "1"
    services.case_legal_hold_set(actor=request.user, case=case, hold=hold)
    message = _("The case is under legal hold.") if hold else _("The legal hold is lifted.")
    return done(request, message, "cases:detail", pk=case.pk)


@case_page()
@require_POST
def team_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    case = open_for(request, pk, "overview")
    form = TeamMemberForm(
        request.POST,
        users=User.objects.filter(is_active=True),
        organisations=Organisation.objects.filter(is_active=True),
    )
    if form.is_valid() and run_service(
        form,
        lambda: services.team_member_add(
            actor=request.user,
            case=case,
            user=form.cleaned_data["user"],
            organisation=form.cleaned_data["organisation"],
            agency=form.cleaned_data["agency"],
        ),
    ):
        return done(request, _("Added to the team."), "cases:detail", pk=case.pk)
    return _overview(request, case, team_form=form)


@case_page()
@require_POST
def team_remove_view(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    case = open_for(request, pk, "overview")
    member = get_object_or_404(case.team, pk=member_pk)
    try:
        services.team_member_remove(actor=request.user, member=member)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _overview(request, case)
    return done(request, _("Removed from the team."), "cases:detail", pk=case.pk)
