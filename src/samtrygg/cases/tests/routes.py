"""Case coordination in the permission matrix. A case is opened by the world's case worker
(its coordinator); ``case_worker_other`` — a case worker of the same organisation who leads
the exit programme — is refused like every other role. A second variant covers the police
with consent and puts the world's police user on the team."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from samtrygg.cases import services
from samtrygg.cases.models import LegalBasis, ProgrammeLead
from samtrygg.cases.tests.factories import consent_giver
from samtrygg.testing.matrix import Route, World, allow

TEAM = allow("case_worker")
COVERED = allow("case_worker", "police")
CASE_ROLES = allow("case_worker", "police", "case_worker_other")
INTAKE = allow("case_worker", "case_worker_other")
LEAD = allow("case_worker_other")
STATISTICS = allow(
    "coordinator", "analyst", "council_member", "police", "case_worker", "case_worker_other"
)
ADMIN = allow("coordinator")


def _case(w: World, *, police: bool = False) -> Any:
    """A case with one of everything, coordinated by the world's case worker."""
    key = "case_police" if police else "case"
    if key in w.extra:
        return w.extra[key]
    worker = w.user("case_worker")
    org = w.organisations["municipality"]
    ProgrammeLead.objects.get_or_create(
        organisation=org, programme="exit_programme", user=w.user("case_worker_other")
    )
    today = timezone.localdate()
    case = services.case_intake(
        actor=worker,
        programme="sspf",
        organisation=org,
        intake_reason="truancy",
        opened_on=today,
        subject=services.PersonInput(
            role="subject", name="Testa Testsson", identity_number="200901012385"
        ),
    )
    consent = services.consent_record(
        actor=worker,
        case=case,
        given_by=consent_giver(case, today),
        given_on=today,
        expires_on=today + dt.timedelta(days=180),
        agencies=["school", "police"] if police else ["school"],
        purpose="Samverkan",
        document=services.Document(
            name="samtycke.pdf", content_type="application/pdf", content=b"%PDF"
        ),
    )
    if police:
        services.team_member_add(
            actor=worker,
            case=case,
            user=w.user("police"),
            organisation=w.organisations["police"],
            agency="police",
        )
    goal = services.plan_goal_add(actor=worker, case=case, text="Skolgång")
    action = services.plan_action_add(
        actor=worker, case=case, description="Samtal", due_on=today, responsible_user=worker
    )
    services.case_note_add(actor=worker, case=case, text="Anteckning")
    guardian = services.case_person_add(
        actor=worker, case=case, person=services.PersonInput(role="guardian", name="Förälder Test")
    )
    w.extra[key] = {
        "case": case,
        "consent": consent,
        "attachment": consent.attachments.get(),
        "goal": goal,
        "action": action,
        "person": guardian,
        "basis": LegalBasis.objects.get(code="osl-10-2"),
    }
    return w.extra[key]


def _pk(w: World) -> dict[str, Any]:
    return {"pk": _case(w)["case"].pk}


def _pk_police(w: World) -> dict[str, Any]:
    return {"pk": _case(w, police=True)["case"].pk}


def _with(name: str, field: str) -> Any:
    def kwargs(w: World) -> dict[str, Any]:
        objects = _case(w)
        return {"pk": objects["case"].pk, field: objects[name].pk}

    return kwargs


def _member(w: World) -> dict[str, Any]:
    objects = _case(w)
    member = services.team_member_add(
        actor=w.user("case_worker"),
        case=objects["case"],
        user=w.user("case_worker_other"),
        organisation=w.organisations["municipality"],
        agency="social_services",
    )
    # Added and at once removed by the route: a member of the responsible organisation.
    return {"pk": objects["case"].pk, "member_pk": member.pk}


def _lead(w: World) -> dict[str, Any]:
    _case(w)
    return {}


def _lead_pk(w: World) -> dict[str, Any]:
    _case(w)
    return {"lead_pk": ProgrammeLead.objects.get().pk}


def _basis(w: World) -> dict[str, Any]:
    return {"basis_pk": _case(w)["basis"].pk}


def _today(w: World) -> dict[str, Any]:
    return {"withdrawn_on": timezone.localdate().isoformat()}


NOTE = {"text": "Ny anteckning"}


ROUTES = [
    Route("cases:mine", CASE_ROLES, kwargs=_lead),
    Route(
        "cases:search",
        CASE_ROLES,
        method="post",
        data=lambda w: {"identity_number": "200901012385"},
    ),
    Route("cases:intake", INTAKE),
    Route(
        "cases:intake",
        INTAKE,
        method="post",
        data=lambda w: {"programme": "sspf", "name": ""},
        label="invalid",
    ),
    Route("cases:overview", LEAD, kwargs=_lead),
    Route("cases:legal_bases", LEAD, kwargs=_lead),
    Route(
        "cases:legal_bases",
        LEAD,
        kwargs=_lead,
        method="post",
        data=lambda w: {"code": "ny-grund", "name": "Ny grund"},
        label="add",
    ),
    Route("cases:legal_basis_toggle", LEAD, kwargs=_basis, method="post"),
    Route("cases:leads", ADMIN),
    Route("cases:lead_remove", ADMIN, kwargs=_lead_pk, method="post"),
    Route("cases:statistics", STATISTICS),
    Route("cases:detail", TEAM, kwargs=_pk),
    Route("cases:detail", COVERED, kwargs=_pk_police, label="police covered"),
    Route("cases:status", TEAM, kwargs=_pk, method="post", data=lambda w: {"status": "assessment"}),
    Route("cases:legal_hold", TEAM, kwargs=_pk, method="post", data=lambda w: {"hold": "1"}),
    Route("cases:team_add", TEAM, kwargs=_pk, method="post", data=lambda w: {"user": ""}),
    Route("cases:team_remove", TEAM, kwargs=_member, method="post"),
    Route("cases:persons", TEAM, kwargs=_pk),
    Route("cases:persons", COVERED, kwargs=_pk_police, label="police covered"),
    Route(
        "cases:persons",
        TEAM,
        kwargs=_pk,
        method="post",
        data=lambda w: {"role": "contact", "name": "Kontakt Test"},
        label="add",
    ),
    Route("cases:person_identity", TEAM, kwargs=_with("person", "person_pk"), method="post"),
    Route("cases:person_edit", TEAM, kwargs=_with("person", "person_pk")),
    Route("cases:consents", TEAM, kwargs=_pk),
    Route("cases:consents", TEAM, kwargs=_pk, method="post", data=lambda w: {}, label="invalid"),
    Route(
        "cases:consent_withdraw",
        TEAM,
        kwargs=_with("consent", "consent_pk"),
        method="post",
        data=_today,
    ),
    Route("cases:attachment", TEAM, kwargs=_with("attachment", "attachment_pk")),
    Route("cases:disclosures", TEAM, kwargs=_pk),
    Route("cases:disclosures", TEAM, kwargs=_pk, method="post", data=lambda w: {}, label="invalid"),
    Route("cases:risk", TEAM, kwargs=_pk),
    Route("cases:risk", COVERED, kwargs=_pk_police, label="police covered"),
    Route(
        "cases:risk",
        TEAM,
        kwargs=_pk,
        method="post",
        data=lambda w: {"assessed_on": timezone.localdate().isoformat(), "factor_truancy": "high"},
        label="add",
    ),
    Route("cases:plan", TEAM, kwargs=_pk),
    Route("cases:goal_add", TEAM, kwargs=_pk, method="post", data=lambda w: {"text": "Mål"}),
    Route(
        "cases:goal_achieved",
        TEAM,
        kwargs=_with("goal", "goal_pk"),
        method="post",
        data=lambda w: {},
    ),
    Route("cases:action_add", TEAM, kwargs=_pk, method="post", data=lambda w: {}),
    Route(
        "cases:action_done",
        TEAM,
        kwargs=_with("action", "action_pk"),
        method="post",
        data=lambda w: {"done_on": timezone.localdate().isoformat()},
    ),
    Route(
        "cases:meeting_add",
        TEAM,
        kwargs=_pk,
        method="post",
        data=lambda w: {"held_on": timezone.localdate().isoformat(), "minutes": "Kort"},
    ),
    Route("cases:notes", TEAM, kwargs=_pk),
    Route("cases:notes", COVERED, kwargs=_pk_police, label="police covered"),
    Route("cases:notes", TEAM, kwargs=_pk, method="post", data=lambda w: NOTE, label="add"),
    Route("cases:log", TEAM, kwargs=_pk),
    Route("api:v1:case-list", CASE_ROLES),
    Route("api:v1:case-detail", TEAM, kwargs=_pk),
    Route("api:v1:case-detail", COVERED, kwargs=_pk_police, label="police covered"),
]
