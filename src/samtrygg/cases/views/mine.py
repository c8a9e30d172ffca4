"""My cases, the search by personnummer, and intake."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samtrygg.accounts.models import Organisation
from samtrygg.cases import selectors, services
from samtrygg.cases.forms import IntakeForm, SearchForm
from samtrygg.cases.models import CaseStatus, Programme
from samtrygg.cases.rules import lead_scopes
from samtrygg.cases.views.common import case_page, done, run_service
from samtrygg.core.permissions import permissions_for
from samtrygg.core.roles import Role


def _mine_context(request: HttpRequest, **extra: object) -> dict[str, object]:
    status = request.GET.get("status", "open")
    programme = request.GET.get("programme", "")
    if status not in ("", "open", *CaseStatus.values):
        status = "open"
    if programme not in ("", *Programme.values):
        programme = ""
    cases = selectors.case_list(
        user=request.user, status=status, programme=programme, request=request
    )
    return {
        "cases": cases,
        "status": status,
        "programme": programme,
        "statuses": CaseStatus.choices,
        "programmes": Programme.choices,
        "expiring": selectors.expiring_consents(
            user=request.user, within_days=settings.CASES_CONSENT_WARNING_DAYS
        ),
        "overdue": list(selectors.overdue_actions(user=request.user)),
        "warning_days": settings.CASES_CONSENT_WARNING_DAYS,
        "can_intake": permissions_for(request.user).can("cases.intake"),
        "is_lead": bool(lead_scopes(permissions_for(request.user))),
        "search_form": SearchForm(),
        **extra,
    }


@case_page()
@require_http_methods(["GET"])
def mine_view(request: HttpRequest) -> HttpResponse:
    return render(request, "cases/mine.html", _mine_context(request))


@case_page()
@require_http_methods(["GET", "POST"])
def search_view(request: HttpRequest) -> HttpResponse:
    """Find own cases by personnummer. POST only: the number never enters a URL, a server
    log or the browser history."""
    if request.method != "POST":
        return redirect("cases:mine")
    form = SearchForm(request.POST)
    found = None
    if form.is_valid():
        try:
            found = selectors.case_find(
                user=request.user,
                identity_number=form.cleaned_data["identity_number"],
                request=request,
            )
        except ValidationError as exc:
            form.add_error("identity_number", exc)
    return render(request, "cases/mine.html", _mine_context(request, search_form=form, found=found))


@case_page(capability="cases.intake")
@require_http_methods(["GET", "POST"])
def intake_view(request: HttpRequest) -> HttpResponse:
    perms = permissions_for(request.user)
    organisations = Organisation.objects.filter(
        pk__in=perms.organisation_ids(Role.CASE_WORKER), is_active=True
    )
    form = IntakeForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        case = run_service(
            form,
            lambda: services.case_intake(
                actor=request.user,
                programme=data["programme"],
                organisation=data["organisation"],
                intake_reason=data["intake_reason"],
                agency=data["agency"],
                opened_on=data["opened_on"],
                subject=services.PersonInput(
                    role="subject",
                    name=data["name"],
                    identity_number=data["identity_number"],
                    birth_date=data["birth_date"],
                    phone=data["phone"],
                    email=data["email"],
                    address=data["address"],
                ),
            ),
        )
        if case is not None:
            return done(
                request,
                _("Case %(ref)s opened. Record the consent next.") % {"ref": case.reference},
                "cases:consents",
                pk=case.pk,
            )
    return render(request, "cases/intake.html", {"form": form})
