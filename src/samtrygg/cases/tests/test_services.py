"""The writing services: validation that names the field, nothing half-saved."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from samtrygg.cases import selectors, services
from samtrygg.cases.identity import OWN_CONSENT_AGE, age_on
from samtrygg.cases.models import Case, CaseNote, Consent, LegalBasis, RiskAssessment
from samtrygg.cases.tests.factories import ADULT, YOUNG, CaseWorld, give_consent, open_case

pytestmark = pytest.mark.django_db


def today() -> dt.date:
    return timezone.localdate()


def test_intake_errors_name_the_field_and_save_nothing(cw: CaseWorld) -> None:
    with pytest.raises(ValidationError) as refused:
        services.case_intake(
            actor=cw.worker,
            programme="sspf",
            organisation=cw.organisation,
            intake_reason="truancy",
            opened_on=today() + dt.timedelta(days=1),
            subject=services.PersonInput(
                role="subject", name="", identity_number="200901012386", email="nope"
            ),
        )
    errors = refused.value.error_dict
    assert set(errors) == {"opened_on", "name", "identity_number", "email"}
    assert "Kontrollsiffran" in str(errors["identity_number"])
    assert "200901012386" not in str(refused.value)
    assert not Case.objects.exists()


def test_intake_needs_identity_or_birth_date_and_derives_the_age_band(cw: CaseWorld) -> None:
    with pytest.raises(ValidationError) as refused:
        services.case_intake(
            actor=cw.worker,
            programme="victim_support",
            organisation=cw.organisation,
            intake_reason="threats",
            opened_on=today(),
            subject=services.PersonInput(role="subject", name="Testa"),
        )
    assert "identity_number" in refused.value.error_dict
    case = open_case(cw, programme="victim_support", identity_number=ADULT)
    assert case.age_band == "26-"
    assert case.reference.startswith("BO-")
    second = open_case(cw, programme="victim_support", identity_number=ADULT)
    assert int(second.reference[-3:]) - int(case.reference[-3:]) == 1


def test_consent_follows_the_persons_age(cw: CaseWorld) -> None:
    case = open_case(cw, identity_number=YOUNG)
    born = dt.date(2009, 1, 1)
    # Before the 15th birthday the guardians consent; from it, the person too.
    with pytest.raises(ValidationError) as refused:
        services.consent_record(
            actor=cw.worker,
            case=case,
            given_by="person",
            given_on=dt.date(2023, 6, 1),
            expires_on=dt.date(2024, 6, 1),
            agencies=["school"],
            purpose="Skolgång",
        )
    assert "under 15 år" in str(refused.value.error_dict["given_by"])
    services.consent_record(
        actor=cw.worker,
        case=case,
        given_by="guardians",
        given_on=dt.date(2023, 6, 1),
        expires_on=dt.date(2024, 6, 1),
        agencies=["school"],
        purpose="Skolgång",
    )
    age_day = dt.date(2024, 2, 1)
    assert age_on(born, age_day) == OWN_CONSENT_AGE
    with pytest.raises(ValidationError):
        services.consent_record(
            actor=cw.worker,
            case=case,
            given_by="guardians",
            given_on=age_day,
            expires_on=age_day + dt.timedelta(days=200),
            agencies=["school"],
            purpose="Skolgång",
        )


def test_consent_refuses_bad_dates_agencies_and_files(cw: CaseWorld) -> None:
    case = open_case(cw)
    with pytest.raises(ValidationError) as refused:
        services.consent_record(
            actor=cw.worker,
            case=case,
            given_by="person_and_guardians",
            given_on=today(),
            expires_on=today(),
            agencies=[],
            purpose="",
            document=services.Document(
                name="x.exe", content_type="application/x-msdownload", content=b"MZ"
            ),
        )
    assert set(refused.value.error_dict) >= {"expires_on", "agencies", "purpose", "document"}
    assert not Consent.objects.exists()


def test_no_basis_no_disclosure_and_consent_basis_needs_consent(cw: CaseWorld) -> None:
    case = open_case(cw)
    consent_basis = LegalBasis.objects.get(code="consent")
    kwargs: dict[str, Any] = {
        "actor": cw.worker,
        "case": case,
        "recipient_agency": "school",
        "disclosed_on": today(),
        "content": "Närvarouppgifter",
        "justification": "Samordning av stöd i skolan",
    }
    with pytest.raises(ValidationError) as refused:
        services.disclosure_record(**kwargs, basis=None)
    assert "basis" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        services.disclosure_record(**kwargs, basis=consent_basis)
    assert "samtycke" in str(refused.value.error_dict["basis"])
    give_consent(case, ["school"])
    disclosure = services.disclosure_record(**kwargs, basis=consent_basis)
    rows = selectors.case_disclosures(user=cw.worker, case=case)
    assert [r.content for r in rows] == ["Närvarouppgifter"]
    assert disclosure.content_enc.startswith("v1.")


def test_a_programme_lead_extends_the_legal_bases(cw: CaseWorld) -> None:
    with pytest.raises(PermissionDenied):
        services.legal_basis_create(actor=cw.worker, code="x", name="X")
    basis = services.legal_basis_create(
        actor=cw.lead, code="lvu-31", name="Uppgift enligt LVU", law_reference="31 § LVU"
    )
    assert basis in selectors.legal_bases()
    with pytest.raises(ValidationError):
        services.legal_basis_create(actor=cw.lead, code="lvu-31", name="Igen")


def test_risk_assessment_per_programme(cw: CaseWorld) -> None:
    case = open_case(cw)
    with pytest.raises(ValidationError) as refused:
        services.risk_assessment_record(
            actor=cw.worker, case=case, assessed_on=today(), factors={"network_threat": "high"}
        )
    assert "factors" in refused.value.error_dict
    assessment = services.risk_assessment_record(
        actor=cw.worker,
        case=case,
        assessed_on=today(),
        factors={"school_absence": "high", "substance_use": "low"},
        summary="Hög frånvaro sedan höstlovet",
    )
    assert assessment.overall == "high"
    exit_case = open_case(cw, programme="exit_programme", identity_number=ADULT)
    with pytest.raises(ValidationError) as refused:
        services.risk_assessment_record(
            actor=cw.worker, case=exit_case, assessed_on=today(), factors={"debts": "medium"}
        )
    assert {"threat_level", "motivated"} <= set(refused.value.error_dict)
    services.risk_assessment_record(
        actor=cw.worker,
        case=exit_case,
        assessed_on=today(),
        factors={"debts": "medium"},
        threat_level="high",
        threat_assessment="Hot från tidigare nätverk",
        motivated=True,
        not_a_witness=True,
        support_decided=False,
    )
    rows = selectors.case_risks(user=cw.worker, case=exit_case)
    assert rows[0].threat_assessment == "Hot från tidigare nätverk"
    assert not rows[0].assessment.conditions_met
    assert RiskAssessment.objects.count() == len([case, exit_case])


def test_plan_goals_actions_and_overdue(cw: CaseWorld) -> None:
    case = open_case(cw)
    goal = services.plan_goal_add(actor=cw.worker, case=case, text="Tillbaka i skolan")
    case.refresh_from_db()
    assert case.plan_started_on == today()
    with pytest.raises(ValidationError) as refused:
        services.plan_action_add(
            actor=cw.worker,
            case=case,
            description="Samtal",
            due_on=today(),
            responsible_user=cw.colleague,
        )
    assert "responsible_user" in refused.value.error_dict
    late = services.plan_action_add(
        actor=cw.worker,
        case=case,
        goal=goal,
        description="Möte med mentor",
        due_on=today() - dt.timedelta(days=3),
        responsible_user=cw.worker,
    )
    services.plan_action_add(
        actor=cw.worker,
        case=case,
        description="Fritidsaktivitet",
        due_on=today() + dt.timedelta(days=7),
        responsible_agency="leisure",
    )
    assert list(selectors.overdue_actions(user=cw.worker)) == [late]
    assert list(selectors.overdue_actions(user=cw.colleague)) == []
    services.plan_action_done(actor=cw.worker, action=late, done_on=today())
    assert not selectors.overdue_actions(user=cw.worker).exists()
    services.follow_up_meeting_record(
        actor=cw.worker, case=case, held_on=today(), minutes="Bra närvaro"
    )
    plan = selectors.case_plan(user=cw.worker, case=case)
    assert [g.text for g in plan.goals] == ["Tillbaka i skolan"]
    assert [m.minutes for m in plan.meetings] == ["Bra närvaro"]


def test_a_closed_case_takes_no_new_work_until_reopened(cw: CaseWorld) -> None:
    case = open_case(cw)
    services.case_note_add(actor=cw.worker, case=case, text="Första samtalet")
    with pytest.raises(ValidationError):
        services.case_close(actor=cw.worker, case=case, closed_on=today(), outcome="")
    services.case_close(actor=cw.worker, case=case, closed_on=today(), outcome="goals_met")
    with pytest.raises(ValidationError):
        services.case_note_add(actor=cw.worker, case=case, text="Efter stängning")
    services.case_reopen(actor=cw.lead, case=case)
    services.case_note_add(actor=cw.worker, case=case, text="Återöppnat")
    assert CaseNote.objects.filter(case=case).count() == len(["Första samtalet", "Återöppnat"])
    assert [n.text for n in selectors.case_notes(user=cw.worker, case=case)] == [
        "Återöppnat",
        "Första samtalet",
    ]


def test_status_moves_only_along_the_workflow(cw: CaseWorld) -> None:
    case = open_case(cw)
    with pytest.raises(ValidationError):
        services.case_status_set(actor=cw.worker, case=case, status="paused")
    services.case_status_set(actor=cw.worker, case=case, status="assessment")
    services.case_status_set(actor=cw.worker, case=case, status="active")
    services.case_status_set(actor=cw.worker, case=case, status="paused")
    assert Case.objects.get(pk=case.pk).status == "paused"


def test_persons_are_added_and_corrected(cw: CaseWorld) -> None:
    case = open_case(cw)
    guardian = services.case_person_add(
        actor=cw.worker,
        case=case,
        person=services.PersonInput(role="guardian", name="Vårdnadshavare Test", phone="+46 21 10"),
    )
    assert guardian.number == case.persons.count()
    with pytest.raises(ValidationError):
        services.case_person_add(
            actor=cw.worker, case=case, person=services.PersonInput(role="subject", name="X")
        )
    services.case_person_update(
        actor=cw.worker,
        person=guardian,
        data=services.PersonInput(
            role="guardian", name="Vårdnadshavare Test", identity_number=ADULT
        ),
    )
    _person, identity = selectors.person_identity(user=cw.worker, case=case, person_pk=guardian.pk)
    assert identity.identity_number == "19850101-2382"
    assert identity.phone == ""
