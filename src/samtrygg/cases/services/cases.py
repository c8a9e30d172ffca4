"""Writes for cases: intake, status, closing, legal hold, the team and programme leads."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.accounts.models import Membership, Organisation
from samtrygg.cases.crypto import lookup_hash
from samtrygg.cases.identity import age_band
from samtrygg.cases.keys import case_key_create, cipher_for
from samtrygg.cases.models import (
    INTAKE_REASONS,
    NEXT_STATUSES,
    REFERENCE_PREFIX,
    Agency,
    Case,
    CasePerson,
    CaseStatus,
    CaseTeamMember,
    Outcome,
    PersonRole,
    Programme,
    ProgrammeLead,
    ReferenceCounter,
    RemovalReason,
)
from samtrygg.cases.rules import TEAM_ROLES, covered_agencies
from samtrygg.cases.services.common import (
    PersonInput,
    clean_person,
    require_case_manage,
    today,
)
from samtrygg.core.permissions import require_capability
from samtrygg.core.roles import Role


def _next_reference(programme: str, year: int) -> str:
    counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(
        programme=programme, year=year
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{REFERENCE_PREFIX[Programme(programme)]}-{year}-{counter.last:03d}"


def add_person_sealed(case: Case, person: Any) -> CasePerson:
    """Seal and store a cleaned person as the next number of the case (a helper of the
    services that have checked the actor)."""
    number = (case.persons.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    row = CasePerson(case=case, role=person.role, number=number)
    row.seal(cipher_for(case), **person.sealed_values())
    row.identity_hash = lookup_hash(person.identity.digits) if person.identity else ""
    row.save()
    return row


@transaction.atomic
def case_intake(
    *,
    actor: Any,
    programme: str,
    organisation: Organisation,
    intake_reason: str,
    opened_on: dt.date,
    subject: PersonInput,
    agency: str = Agency.SOCIAL_SERVICES,
) -> Case:
    """Open a case for ``subject``; the actor becomes its coordinator and first team member.

    Only a case worker of ``organisation`` opens a case for it."""
    perms = require_capability(actor, "cases.intake")
    if organisation.pk not in perms.organisation_ids(Role.CASE_WORKER):
        raise PermissionDenied("intake for another organisation")
    errors: dict[str, Any] = {}
    if programme not in Programme.values:
        errors["programme"] = _("Choose a programme.")
    elif intake_reason not in INTAKE_REASONS[programme]:
        errors["intake_reason"] = _("Choose a reason from the programme's list.")
    if agency not in Agency.values:
        errors["agency"] = _("Choose an agency.")
    if opened_on > today():
        errors["opened_on"] = _("The date cannot be in the future.")
    try:
        person = clean_person(
            PersonInput(**{**subject.__dict__, "role": PersonRole.SUBJECT}), require_birth=True
        )
    except ValidationError as exc:
        errors.update(exc.error_dict)
    if errors:
        raise ValidationError(errors)
    case = Case.objects.create(
        reference=_next_reference(programme, opened_on.year),
        programme=programme,
        organisation=organisation,
        agency=agency,
        coordinator=actor,
        intake_reason=intake_reason,
        opened_on=opened_on,
        age_band=age_band(person.birth_date, opened_on),
    )
    case_key_create(case)
    add_person_sealed(case, person)
    CaseTeamMember.objects.create(
        case=case, user=actor, organisation=organisation, agency=agency, added_by=actor
    )
    return case


@transaction.atomic
def case_status_set(*, actor: Any, case: Case, status: str) -> Case:
    """Move an open case on (intake → assessment → active ⇄ paused). Closing is
    ``case_close``; a closed case is reopened with ``case_reopen``."""
    require_case_manage(actor, case)
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(_("The case is closed; reopen it to make changes."))
    if status not in NEXT_STATUSES.get(CaseStatus(case.status), set()):
        raise ValidationError(
            {"status": _("A case in this status cannot move to the status chosen.")}
        )
    case.status = status
    case.save(update_fields=["status", "updated_at"])
    return case


@transaction.atomic
def case_close(*, actor: Any, case: Case, closed_on: dt.date, outcome: str) -> Case:
    require_case_manage(actor, case)
    errors: dict[str, Any] = {}
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(_("The case is already closed."))
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose the outcome.")
    if closed_on < case.opened_on:
        errors["closed_on"] = _("A case cannot close before it was opened.")
    if closed_on > today():
        errors["closed_on"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    case.status = CaseStatus.CLOSED
    case.closed_on = closed_on
    case.outcome = outcome
    case.save(update_fields=["status", "closed_on", "outcome", "updated_at"])
    return case


@transaction.atomic
def case_reopen(*, actor: Any, case: Case) -> Case:
    require_case_manage(actor, case)
    if case.status != CaseStatus.CLOSED:
        raise ValidationError(_("The case is open."))
    case.status = CaseStatus.ACTIVE
    case.closed_on = None
    case.outcome = ""
    case.save(update_fields=["status", "closed_on", "outcome", "updated_at"])
    return case


@transaction.atomic
def case_legal_hold_set(*, actor: Any, case: Case, hold: bool) -> Case:
    """Put the case under legal hold (retention skips it) or lift the hold."""
    require_case_manage(actor, case)
    if hold == case.legal_hold:
        return case
    case.legal_hold = hold
    case.legal_hold_since = today() if hold else None
    case.save(update_fields=["legal_hold", "legal_hold_since", "updated_at"])
    return case


def _holds_team_role(user: Any, organisation: Organisation) -> bool:
    return Membership.objects.filter(
        user=user, organisation=organisation, organisation__is_active=True, role__in=TEAM_ROLES
    ).exists()


@transaction.atomic
def team_member_add(
    *, actor: Any, case: Case, user: Any, organisation: Organisation, agency: str
) -> CaseTeamMember:
    """Name ``user`` on the team for ``organisation``. A member from another organisation
    than the responsible one joins only when a valid consent (or a disclosure in force)
    covers their agency: without it nothing may be shared with that agency."""
    require_case_manage(actor, case)
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(_("The case is closed; reopen it to make changes."))
    errors: dict[str, Any] = {}
    if not _holds_team_role(user, organisation):
        errors["user"] = _(
            "Only a case worker or a police officer of the organisation can join the team."
        )
    if organisation.pk == case.organisation_id:
        agency = case.agency
    elif agency not in Agency.values:
        errors["agency"] = _("Choose the member's agency.")
    elif (case.pk, agency) not in covered_agencies([case.pk], today()):
        errors["agency"] = _(
            "No valid consent or disclosure covers %(agency)s: nothing may be shared with "
            "that agency. Record the consent first."
        ) % {"agency": Agency(agency).label}
    if case.team.filter(user=user, removed_at__isnull=True).exists():
        errors["user"] = _("The user is already on the team.")
    if errors:
        raise ValidationError(errors)
    return CaseTeamMember.objects.create(
        case=case, user=user, organisation=organisation, agency=agency, added_by=actor
    )


@transaction.atomic
def team_member_remove(*, actor: Any, member: CaseTeamMember) -> CaseTeamMember:
    require_case_manage(actor, member.case)
    if member.removed_at is not None:
        return member
    if member.user_id == member.case.coordinator_id:
        raise ValidationError(_("The case's coordinator stays on the team."))
    member.removed_at = timezone.now()
    member.removed_reason = RemovalReason.REMOVED
    member.removed_by = actor
    member.save(update_fields=["removed_at", "removed_reason", "removed_by"])
    return member


def team_remove_uncovered(*, case: Case, by: Any, reason: str) -> list[CaseTeamMember]:
    """Remove at once every member whose agency no consent or disclosure covers any more
    (called inside the consent services' transaction)."""
    covered = covered_agencies([case.pk], today())
    removed = []
    members = case.team.filter(removed_at__isnull=True).exclude(
        organisation_id=case.organisation_id
    )
    for member in members.select_for_update():
        if (case.pk, member.agency) not in covered:
            member.removed_at = timezone.now()
            member.removed_reason = reason
            member.removed_by = by
            member.save(update_fields=["removed_at", "removed_reason", "removed_by"])
            removed.append(member)
    return removed


@transaction.atomic
def programme_lead_assign(
    *, actor: Any, organisation: Organisation, programme: str, user: Any
) -> ProgrammeLead:
    """Name a case worker of ``organisation`` lead of ``programme`` there (administrators,
    who themselves read no case)."""
    require_capability(actor, "accounts.manage")
    errors: dict[str, Any] = {}
    if programme not in Programme.values:
        errors["programme"] = _("Choose a programme.")
    if not Membership.objects.filter(
        user=user, organisation=organisation, role=Role.CASE_WORKER
    ).exists():
        errors["user"] = _("A programme lead must be a case worker of the organisation.")
    if errors:
        raise ValidationError(errors)
    lead, _created = ProgrammeLead.objects.get_or_create(
        organisation=organisation, programme=programme, user=user
    )
    return lead


@transaction.atomic
def programme_lead_remove(*, actor: Any, lead: ProgrammeLead) -> None:
    require_capability(actor, "accounts.manage")
    lead.delete()
