"""Who may open a case: the team (its agency covered), the programme's lead — nobody else."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from samtrygg.accounts.models import Membership, User
from samtrygg.cases import services
from samtrygg.cases.models import Case, LegalBasis, RemovalReason
from samtrygg.cases.tests.factories import CaseWorld, give_consent, open_case
from samtrygg.core.permissions import permissions_for

pytestmark = pytest.mark.django_db


def visible(user: User) -> set[str]:
    return set(
        permissions_for(User.objects.get(pk=user.pk))
        .filter_viewable(Case.objects.all())
        .values_list("reference", flat=True)
    )


def can_view(user: User, case: Case) -> bool:
    return permissions_for(User.objects.get(pk=user.pk)).can_view(case)


def test_the_coordinator_and_the_programme_lead_see_the_case_nobody_else(cw: CaseWorld) -> None:
    case = open_case(cw)
    assert case.reference.startswith(f"SSPF-{case.opened_on.year}-")
    assert visible(cw.worker) == {case.reference}
    assert visible(cw.lead) == {case.reference}
    # A colleague with the same role and organisation, the exit programme's lead, every
    # other role, and a superuser: none of them.
    outsiders = [cw.colleague, cw.other, cw.school, cw.police]
    outsiders += [cw.world.user(r) for r in ("coordinator", "analyst", "auditor", "outsider")]
    root = User.objects.create(username="root", is_superuser=True, is_staff=True)
    for user in [*outsiders, root]:
        assert visible(user) == set(), user.username
        assert not can_view(user, case), user.username


def test_a_member_of_another_agency_needs_a_consent_covering_it(cw: CaseWorld) -> None:
    case = open_case(cw)
    with pytest.raises(ValidationError) as refused:
        services.team_member_add(
            actor=cw.worker, case=case, user=cw.school, organisation=cw.school_org, agency="school"
        )
    assert "agency" in refused.value.error_dict
    give_consent(case, ["school"])
    services.team_member_add(
        actor=cw.worker, case=case, user=cw.school, organisation=cw.school_org, agency="school"
    )
    assert can_view(cw.school, case)
    # The police are covered by neither the consent nor a disclosure.
    with pytest.raises(ValidationError):
        services.team_member_add(
            actor=cw.worker,
            case=case,
            user=cw.police,
            organisation=cw.world.organisations["police"],
            agency="police",
        )


def test_withdrawing_consent_removes_the_agency_from_the_team_at_once(cw: CaseWorld) -> None:
    case = open_case(cw)
    consent = give_consent(case, ["school", "police"])
    school = services.team_member_add(
        actor=cw.worker, case=case, user=cw.school, organisation=cw.school_org, agency="school"
    )
    police = services.team_member_add(
        actor=cw.worker,
        case=case,
        user=cw.police,
        organisation=cw.world.organisations["police"],
        agency="police",
    )
    assert can_view(cw.school, case) and can_view(cw.police, case)
    # Any team member may record the withdrawal, the school's member included.
    services.consent_withdraw(actor=cw.school, consent=consent, withdrawn_on=timezone.localdate())
    school.refresh_from_db()
    police.refresh_from_db()
    assert school.removed_reason == police.removed_reason == RemovalReason.CONSENT_WITHDRAWN
    assert school.removed_by == cw.school
    assert not can_view(cw.school, case) and not can_view(cw.police, case)
    assert can_view(cw.worker, case)  # the responsible organisation keeps its case


def test_an_expired_consent_gives_no_access(cw: CaseWorld) -> None:
    case = open_case(cw)
    today = timezone.localdate()
    consent = give_consent(case, ["school"], given_on=today - dt.timedelta(days=10))
    services.team_member_add(
        actor=cw.worker, case=case, user=cw.school, organisation=cw.school_org, agency="school"
    )
    assert can_view(cw.school, case)
    type(consent).objects.filter(pk=consent.pk).update(expires_on=today - dt.timedelta(days=1))
    assert not can_view(cw.school, case)


def test_a_disclosure_in_force_lets_the_police_open_the_case(cw: CaseWorld) -> None:
    case = open_case(cw)
    today = timezone.localdate()
    services.disclosure_record(
        actor=cw.worker,
        case=case,
        recipient_agency="police",
        disclosed_on=today,
        basis=LegalBasis.objects.get(code="osl-10-18a"),
        content="Oro för brott",
        justification="Behövs för att förhindra brott",
        access_until=today + dt.timedelta(days=30),
    )
    services.team_member_add(
        actor=cw.worker,
        case=case,
        user=cw.police,
        organisation=cw.world.organisations["police"],
        agency="police",
    )
    assert can_view(cw.police, case)
    case.disclosures.update(access_until=today - dt.timedelta(days=1))
    assert not can_view(cw.police, case)


def test_leaving_the_organisation_ends_access(cw: CaseWorld) -> None:
    case = open_case(cw)
    give_consent(case, ["school"])
    services.team_member_add(
        actor=cw.worker, case=case, user=cw.school, organisation=cw.school_org, agency="school"
    )
    Membership.objects.filter(user=cw.school).delete()
    assert not can_view(cw.school, case)


def test_only_the_coordinator_and_leads_manage_the_case(cw: CaseWorld) -> None:
    case = open_case(cw)
    give_consent(case, ["school"])
    services.team_member_add(
        actor=cw.worker, case=case, user=cw.school, organisation=cw.school_org, agency="school"
    )
    with pytest.raises(PermissionDenied):
        services.case_status_set(actor=cw.school, case=case, status="assessment")
    with pytest.raises(PermissionDenied):  # cannot even read it
        services.case_status_set(actor=cw.colleague, case=case, status="assessment")
    services.case_status_set(actor=cw.lead, case=case, status="assessment")
    services.case_legal_hold_set(actor=cw.worker, case=case, hold=True)
    case.refresh_from_db()
    assert case.status == "assessment" and case.legal_hold


def test_intake_needs_a_case_worker_of_the_organisation(cw: CaseWorld) -> None:
    with pytest.raises(PermissionDenied):
        open_case(cw, coordinator=cw.world.user("coordinator"))
    with pytest.raises(PermissionDenied):
        open_case(cw, coordinator=cw.school)  # a case worker, but of another organisation
    with pytest.raises(ValidationError) as refused:
        open_case(cw, reason="own_request")  # an exit-programme reason for SSPF
    assert set(refused.value.error_dict) == {"intake_reason"}
