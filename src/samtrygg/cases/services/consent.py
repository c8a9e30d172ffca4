"""Writes for consent, disclosures and the list of legal bases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samtrygg.accounts.models import Organisation
from samtrygg.cases.identity import ADULT_AGE, OWN_CONSENT_AGE, age_on
from samtrygg.cases.keys import cipher_for, subject_birth_date
from samtrygg.cases.models import (
    Agency,
    Case,
    CaseAttachment,
    Consent,
    ConsentGiver,
    ConsentScope,
    Disclosure,
    LegalBasis,
    RemovalReason,
)
from samtrygg.cases.rules import can_manage_case, covered_agencies, lead_scopes
from samtrygg.cases.services.cases import team_remove_uncovered
from samtrygg.cases.services.common import (
    clean_text,
    gather,
    require_case_change,
    require_case_manage,
    today,
)
from samtrygg.core.permissions import require_capability

ATTACHMENT_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
#: The longest a consent may run; a longer one is a typing error or should be renewed.
CONSENT_MAX_DAYS = 3 * 366


@dataclass(frozen=True)
class Document:
    """An uploaded file, read into memory (it is encrypted before it is stored)."""

    name: str
    content_type: str
    content: bytes


def _check_giver(case: Case, given_by: str, given_on: dt.date) -> str | None:
    """The guardians consent for a minor; from 15 the person too; an adult alone."""
    born = subject_birth_date(case)
    if born is None:
        return None
    age = age_on(born, given_on)
    if age < OWN_CONSENT_AGE and given_by != ConsentGiver.GUARDIANS:
        return _("The person was under 15: the guardians give consent.")
    if OWN_CONSENT_AGE <= age < ADULT_AGE and given_by != ConsentGiver.PERSON_AND_GUARDIANS:
        return _("The person was 15–17: both the person and the guardians give consent.")
    if age >= ADULT_AGE and given_by != ConsentGiver.PERSON:
        return _("The person was an adult and gives consent alone.")
    return None


def _check_document(document: Document | None) -> None:
    if document is None:
        return
    if document.content_type not in ATTACHMENT_TYPES:
        raise ValidationError(
            {"document": _("Attach a PDF, JPEG or PNG file (a scan or photo of the form).")}
        )
    if not document.content:
        raise ValidationError({"document": _("The file is empty.")})
    if len(document.content) > ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            {
                "document": _("The file is larger than %(mb)s MB.")
                % {"mb": ATTACHMENT_MAX_BYTES >> 20}
            }
        )


@transaction.atomic
def consent_record(
    *,
    actor: Any,
    case: Case,
    given_by: str,
    given_on: dt.date,
    expires_on: dt.date,
    agencies: Iterable[str],
    purpose: str,
    note: str = "",
    document: Document | None = None,
) -> Consent:
    """Record a signed consent (the case's coordinator or a programme lead)."""
    require_case_manage(actor, case)
    require_case_change(actor, case)
    agencies = sorted(set(agencies))
    errors: dict[str, Any] = {}
    if given_by not in ConsentGiver.values:
        errors["given_by"] = _("Choose who gave the consent.")
    else:
        problem = _check_giver(case, given_by, given_on)
        if problem:
            errors["given_by"] = problem
    if given_on > today():
        errors["given_on"] = _("The date cannot be in the future.")
    if expires_on <= given_on:
        errors["expires_on"] = _("The consent must expire after the day it was given.")
    elif (expires_on - given_on).days > CONSENT_MAX_DAYS:
        errors["expires_on"] = _("A consent runs at most three years; renew it instead.")
    if not agencies or not set(agencies) <= set(Agency.values):
        errors["agencies"] = _("Tick the agencies the consent covers.")
    purpose = gather(errors, clean_text, purpose, field="purpose", required=True, limit=500)
    note = gather(errors, clean_text, note, field="note", limit=2000)
    gather(errors, _check_document, document)
    if errors:
        raise ValidationError(errors)
    consent = Consent(
        case=case, given_by=given_by, given_on=given_on, expires_on=expires_on, recorded_by=actor
    )
    cipher = cipher_for(case)
    consent.seal(cipher, purpose=purpose, note=note)
    consent.save()
    ConsentScope.objects.bulk_create([ConsentScope(consent=consent, agency=a) for a in agencies])
    if document is not None:
        attachment = CaseAttachment(
            case=case,
            consent=consent,
            content_type=document.content_type,
            size=len(document.content),
            uploaded_by=actor,
        )
        attachment.seal(cipher, name=document.name[:200])
        attachment.content_enc = cipher.encrypt_bytes(
            document.content, aad=attachment.aad("content")
        )
        attachment.save()
    return consent


@transaction.atomic
def consent_withdraw(*, actor: Any, consent: Consent, withdrawn_on: dt.date) -> Consent:
    """Record that consent was withdrawn. Every team member of an agency it no longer
    covers leaves the team at once (the change is in the audit trail). Any team member may
    record a withdrawal, also on a closed case."""
    case = consent.case
    require_case_change(actor, case, open_only=False)
    if consent.withdrawn_on is not None:
        raise ValidationError(_("The consent has already been withdrawn."))
    if withdrawn_on < consent.given_on:
        raise ValidationError({"withdrawn_on": _("Before the consent was given.")})
    if withdrawn_on > today():
        raise ValidationError({"withdrawn_on": _("The date cannot be in the future.")})
    consent.withdrawn_on = withdrawn_on
    consent.withdrawn_by = actor
    consent.save(update_fields=["withdrawn_on", "withdrawn_by"])
    team_remove_uncovered(case=case, by=actor, reason=RemovalReason.CONSENT_WITHDRAWN)
    return consent


@transaction.atomic
def disclosure_record(
    *,
    actor: Any,
    case: Case,
    recipient_agency: str,
    disclosed_on: dt.date,
    basis: LegalBasis | None,
    content: str,
    justification: str,
    recipient_organisation: Organisation | None = None,
    access_until: dt.date | None = None,
) -> Disclosure:
    """Record a disclosure and its legal basis. No basis, no disclosure; a basis resting on
    consent needs a consent valid that day covering the recipient."""
    perms = require_case_change(actor, case)
    errors: dict[str, Any] = {}
    if recipient_agency not in Agency.values:
        errors["recipient_agency"] = _("Choose the recipient.")
    if basis is None or not basis.is_active:
        errors["basis"] = _("Choose the legal basis: without one nothing may be disclosed.")
    elif basis.requires_consent and (case.pk, recipient_agency) not in covered_agencies(
        [case.pk], disclosed_on
    ):
        errors["basis"] = _(
            "No consent valid on that day covers the recipient: choose another basis or "
            "record the consent first."
        )
    if disclosed_on > today():
        errors["disclosed_on"] = _("The date cannot be in the future.")
    if access_until is not None:
        if not can_manage_case(perms, case):
            errors["access_until"] = _(
                "Only the case's coordinator or a programme lead lets the recipient open the case."
            )
        elif access_until < disclosed_on:
            errors["access_until"] = _("The date is before the disclosure.")
    content = gather(errors, clean_text, content, field="content", required=True, limit=2000)
    justification = gather(errors, clean_text, justification, field="justification", required=True)
    if errors:
        raise ValidationError(errors)
    assert basis is not None
    disclosure = Disclosure(
        case=case,
        recipient_agency=recipient_agency,
        recipient_organisation=recipient_organisation,
        disclosed_on=disclosed_on,
        basis=basis,
        access_until=access_until,
        recorded_by=actor,
    )
    disclosure.seal(cipher_for(case), content=content, justification=justification)
    disclosure.save()
    return disclosure


def _require_lead(actor: Any) -> None:
    """A programme lead: a case worker (the role) who leads a programme (the data)."""
    perms = require_capability(actor, "cases.intake")
    if not lead_scopes(perms):
        raise PermissionDenied("programme lead")


@transaction.atomic
def legal_basis_create(
    *,
    actor: Any,
    code: str,
    name: str,
    law_reference: str = "",
    description: str = "",
    requires_consent: bool = False,
) -> LegalBasis:
    """Extend the list of legal bases (programme leads)."""
    _require_lead(actor)
    errors: dict[str, Any] = {}
    code = str(code or "").strip().lower()
    if not code:
        errors["code"] = _("This field is required.")
    elif LegalBasis.objects.filter(code=code).exists():
        errors["code"] = _("A legal basis with this code exists.")
    name = gather(errors, clean_text, name, field="name", required=True, limit=200)
    law_reference = gather(errors, clean_text, law_reference, field="law_reference", limit=120)
    description = gather(errors, clean_text, description, field="description", limit=2000)
    if errors:
        raise ValidationError(errors)
    basis = LegalBasis(
        code=code,
        name=name,
        law_reference=law_reference,
        description=description,
        requires_consent=requires_consent,
        created_by=actor,
    )
    basis.full_clean()
    basis.save()
    return basis


@transaction.atomic
def legal_basis_set_active(*, actor: Any, basis: LegalBasis, active: bool) -> LegalBasis:
    """Take a basis out of use (recorded disclosures keep it) or back into use."""
    _require_lead(actor)
    basis.is_active = active
    basis.save(update_fields=["is_active"])
    return basis
