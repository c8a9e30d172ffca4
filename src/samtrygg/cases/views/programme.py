"""The programme lead's overview, the legal bases, naming programme leads, and the
anonymous figures."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samtrygg.accounts.models import Organisation
from samtrygg.cases import selectors, services
from samtrygg.cases.forms import LeadForm, LegalBasisForm
from samtrygg.cases.models import (
    AgeBandChoice,
    Case,
    CaseStatus,
    LegalBasis,
    Outcome,
    Programme,
    ProgrammeLead,
    RetentionRunItem,
)
from samtrygg.cases.rules import lead_scopes
from samtrygg.cases.statistics.figures import case_figures
from samtrygg.cases.views.common import case_page, done, run_service
from samtrygg.core.decorators import capability_required
from samtrygg.core.permissions import permissions_for


@case_page(lead_only=True)
@require_http_methods(["GET"])
def overview_view(request: HttpRequest) -> HttpResponse:
    """For each programme the user leads: cases by status, consents about to expire,
    overdue actions and what retention deleted (references and dates, no content)."""
    scopes = lead_scopes(permissions_for(request.user))
    organisations = {o.pk: o for o in Organisation.objects.filter(pk__in=[s[0] for s in scopes])}
    blocks = []
    expiring = selectors.expiring_consents(
        user=request.user,
        within_days=settings.CASES_CONSENT_WARNING_DAYS,
        only_coordinated=False,
    )
    for organisation_id, programme in scopes:
        cases = Case.objects.filter(organisation_id=organisation_id, programme=programme)
        counts = selectors.status_counts(cases)
        blocks.append(
            {
                "organisation": organisations[organisation_id],
                "programme": Programme(programme).label,
                "counts": [
                    (CaseStatus(s).label, counts.get((programme, s), 0)) for s in CaseStatus.values
                ],
                "expiring": [
                    e
                    for e in expiring
                    if e.case.organisation_id == organisation_id and e.case.programme == programme
                ],
                "overdue": list(selectors.overdue_actions(user=request.user, cases=cases)),
                "deleted": list(
                    RetentionRunItem.objects.filter(
                        organisation_id=organisation_id, programme=programme
                    ).select_related("run")[:20]
                ),
            }
        )
    return render(
        request,
        "cases/overview.html",
        {"blocks": blocks, "warning_days": settings.CASES_CONSENT_WARNING_DAYS},
    )


@case_page(lead_only=True)
@require_http_methods(["GET", "POST"])
def legal_bases_view(request: HttpRequest) -> HttpResponse:
    form = LegalBasisForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_service(form, lambda: services.legal_basis_create(actor=request.user, **data)):
            return done(request, _("The legal basis is added."), "cases:legal_bases")
    return render(
        request,
        "cases/legal_bases.html",
        {"bases": selectors.legal_bases(active_only=False), "form": form},
    )


@case_page(lead_only=True)
@require_POST
def legal_basis_toggle_view(request: HttpRequest, basis_pk: int) -> HttpResponse:
    basis = get_object_or_404(LegalBasis, pk=basis_pk)
    services.legal_basis_set_active(actor=request.user, basis=basis, active=not basis.is_active)
    return done(request, _("The legal basis is updated."), "cases:legal_bases")


@capability_required("accounts.manage")
@require_http_methods(["GET", "POST"])
def leads_view(request: HttpRequest) -> HttpResponse:
    """Who leads which programme (administrators name them; they read no case)."""
    form = LeadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_service(form, lambda: services.programme_lead_assign(actor=request.user, **data)):
            return done(request, _("The programme lead is named."), "cases:leads")
    leads = ProgrammeLead.objects.select_related("organisation", "user")
    return render(request, "cases/leads.html", {"leads": leads, "form": form})


@capability_required("accounts.manage")
@require_POST
def lead_remove_view(request: HttpRequest, lead_pk: int) -> HttpResponse:
    lead = get_object_or_404(ProgrammeLead, pk=lead_pk)
    services.programme_lead_remove(actor=request.user, lead=lead)
    return done(request, _("The programme lead is removed."), "cases:leads")


def _table(
    values: dict[tuple[str, Any], int | None], programmes: list[str], columns: list[Any]
) -> list[dict[str, Any]]:
    rows = []
    for p in [*programmes, "*"]:
        rows.append(
            {
                "label": Programme(p).label if p != "*" else _("All programmes"),
                "total": p == "*",
                "cells": [values.get((p, c)) for c in columns],
            }
        )
    return rows


@capability_required("cases.statistics")
@require_http_methods(["GET"])
def statistics_view(request: HttpRequest) -> HttpResponse:
    """Anonymous counts only, every figure from 1 to 4 suppressed (and whatever would give
    one away)."""
    figures = case_figures(timezone.localdate())
    quarters = figures.quarters
    window = [*quarters, "window"]
    programmes = figures.programmes
    recent_years = figures.years[-5:]
    context = {
        "figures": figures,
        "largest_suppressed": figures.threshold - 1,
        "quarter_labels": [q.label for q in quarters],
        "window_labels": [*(q.label for q in quarters), _("Whole period")],
        "opened": _table(figures.opened, programmes, window),
        "closed": _table(figures.closed, programmes, window),
        "active": _table(figures.active, programmes, quarters),
        "age_labels": [label for _code, label in AgeBandChoice.choices],
        "age": _table(figures.age, programmes, list(AgeBandChoice.values)),
        "outcome_labels": [label for _code, label in Outcome.choices],
        "outcome": _table(figures.outcome, programmes, list(Outcome.values)),
        "years": recent_years,
        "opened_year": _table(figures.opened_year, programmes, recent_years)[:-1],
        "closed_year": _table(figures.closed_year, programmes, recent_years)[:-1],
        "plan": [(y, figures.plan_share(y)) for y in recent_years],
    }
    return render(request, "cases/statistics.html", context)
