"""Consent (with the signed form, encrypted), withdrawal, and disclosures."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samtrygg.cases import selectors, services
from samtrygg.cases.forms import ConsentForm, DisclosureForm, WithdrawForm
from samtrygg.cases.models import Case
from samtrygg.cases.rules import can_manage_case
from samtrygg.cases.views.common import case_page, done, open_for, run_service, tab_context
from samtrygg.core.permissions import permissions_for


def _consents(request: HttpRequest, case: Case, **extra: Any) -> HttpResponse:
    manage = can_manage_case(permissions_for(request.user), case)
    context = tab_context(case, "cases:consents") | {
        "consents": selectors.case_consents(user=request.user, case=case),
        "form": extra.pop("form", None) or (ConsentForm() if manage else None),
        "withdraw_form": WithdrawForm(),
        "can_manage": manage,
        **extra,
    }
    return render(request, "cases/consents.html", context)


@case_page()
@require_http_methods(["GET", "POST"])
def consents_view(request: HttpRequest, pk: int) -> HttpResponse:
    case = open_for(request, pk, "consent")
    if request.method != "POST":
        return _consents(request, case)
    form = ConsentForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        upload = data.get("document")
        document = (
            services.Document(
                name=upload.name or "",
                content_type=upload.content_type or "",
                content=upload.read(),
            )
            if upload
            else None
        )
        recorded = run_service(
            form,
            lambda: services.consent_record(
                actor=request.user,
                case=case,
                given_by=data["given_by"],
                given_on=data["given_on"],
                expires_on=data["expires_on"],
                agencies=data["agencies"],
                purpose=data["purpose"],
                note=data["note"],
                document=document,
            ),
        )
        if recorded is not None:
            return done(request, _("The consent is recorded."), "cases:consents", pk=case.pk)
    return _consents(request, case, form=form)


@case_page()
@require_POST
def consent_withdraw_view(request: HttpRequest, pk: int, consent_pk: int) -> HttpResponse:
    case = open_for(request, pk, "consent")
    consent = get_object_or_404(case.consents, pk=consent_pk)
    form = WithdrawForm(request.POST)
    if form.is_valid() and run_service(
        form,
        lambda: services.consent_withdraw(
            actor=request.user, consent=consent, withdrawn_on=form.cleaned_data["withdrawn_on"]
        ),
    ):
        return done(
            request,
            _(
                "The consent is withdrawn; members of agencies it no longer covers have left "
                "the team."
            ),
            "cases:consents",
            pk=case.pk,
        )
    return _consents(request, case, withdraw_form=form, withdraw_errors_for=consent.pk)


@case_page()
@require_GET
def attachment_view(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    case = open_for(request, pk, "consent")
    name, content_type, content = selectors.attachment_download(
        user=request.user, case=case, attachment_pk=attachment_pk, request=request
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name or "bilaga")
    return response


def _disclosures(request: HttpRequest, case: Case, form: Any = None) -> HttpResponse:
    manage = can_manage_case(permissions_for(request.user), case)
    context = tab_context(case, "cases:disclosures") | {
        "disclosures": selectors.case_disclosures(user=request.user, case=case),
        "form": form or DisclosureForm(manage=manage),
        "bases": selectors.legal_bases(),
    }
    return render(request, "cases/disclosures.html", context)


@case_page()
@require_http_methods(["GET", "POST"])
def disclosures_view(request: HttpRequest, pk: int) -> HttpResponse:
    case = open_for(request, pk, "disclosures")
    if request.method != "POST":
        return _disclosures(request, case)
    manage = can_manage_case(permissions_for(request.user), case)
    form = DisclosureForm(request.POST, manage=manage)
    if form.is_valid():
        data = form.cleaned_data
        recorded = run_service(
            form,
            lambda: services.disclosure_record(
                actor=request.user,
                case=case,
                recipient_agency=data["recipient_agency"],
                recipient_organisation=data["recipient_organisation"],
                disclosed_on=data["disclosed_on"],
                basis=data["basis"],
                content=data["content"],
                justification=data["justification"],
                access_until=data.get("access_until"),
            ),
        )
        if recorded is not None:
            return done(request, _("The disclosure is recorded."), "cases:disclosures", pk=case.pk)
    return _disclosures(request, case, form)
