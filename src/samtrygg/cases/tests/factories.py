"""Test actors and cases for the case app.

Test identities are Skatteverket's published test personal identity numbers
(testpersonnummer), never a real person's; the names are made up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from samtrygg.accounts.models import Membership, Organisation, OrganisationKind, User
from samtrygg.cases import services
from samtrygg.cases.identity import ADULT_AGE, OWN_CONSENT_AGE, age_on
from samtrygg.cases.keys import subject_birth_date
from samtrygg.cases.models import Case, Consent, ProgrammeLead
from samtrygg.testing.matrix import World

#: Skatteverket test numbers (born 2009 and 2008: a 16/17-year-old in 2026; 1985: adults).
YOUNG = "200901012385"
YOUNG_2 = "200812312395"
ADULT = "198501012382"
ADULT_2 = "198501012390"


@dataclass
class CaseWorld:
    world: World
    organisation: Organisation  # the responsible organisation (the world's municipality)
    worker: User  # the world's case worker: coordinator of the cases made here
    colleague: User  # a case worker of the same organisation, on no team
    school_org: Organisation
    school: User  # a case worker of the school organisation
    police: User  # the world's police user
    lead: User  # leads SSPF in the organisation
    other: User  # the world's case_worker_other: leads the exit programme

    def user(self, name: str) -> Any:
        return getattr(self, name)


def build_case_world(world: World) -> CaseWorld:
    org = world.organisations["municipality"]
    school_org, _ = Organisation.objects.get_or_create(
        code="skola-test", defaults={"name": "Grundskolan", "kind": OrganisationKind.MUNICIPAL_UNIT}
    )

    def worker(username: str, organisation: Organisation) -> User:
        user, _ = User.objects.get_or_create(username=username)
        Membership.objects.get_or_create(user=user, organisation=organisation, role="case_worker")
        return user

    lead = worker("test-sspf-lead", org)
    ProgrammeLead.objects.get_or_create(organisation=org, programme="sspf", user=lead)
    ProgrammeLead.objects.get_or_create(
        organisation=org, programme="exit_programme", user=world.user("case_worker_other")
    )
    return CaseWorld(
        world=world,
        organisation=org,
        worker=world.user("case_worker"),
        colleague=worker("test-colleague", org),
        school_org=school_org,
        school=worker("test-school", school_org),
        police=world.user("police"),
        lead=lead,
        other=world.user("case_worker_other"),
    )


def open_case(
    cw: CaseWorld, programme: str = "sspf", *, coordinator: User | None = None, **details: Any
) -> Case:
    """A case opened through the intake service (``details``: ``identity_number``, ``name``,
    ``reason``, ``opened_on``)."""
    reasons = {"sspf": "truancy", "victim_support": "threats", "exit_programme": "own_request"}
    return services.case_intake(
        actor=coordinator or cw.worker,
        programme=programme,
        organisation=cw.organisation,
        intake_reason=details.get("reason") or reasons[programme],
        opened_on=details.get("opened_on") or timezone.localdate(),
        subject=services.PersonInput(
            role="subject",
            name=details.get("name", "Testa Testsson"),
            identity_number=details.get("identity_number", YOUNG),
            phone="070-123 45 67",
            email="testa@example.se",
            address="Testgatan 1, 722 11 Västerås",
        ),
    )


def consent_giver(case: Case, day: dt.date) -> str:
    """Who consents for the case's person on ``day`` (the rule the service checks)."""
    born = subject_birth_date(case)
    age = age_on(born, day) if born else ADULT_AGE
    if age < OWN_CONSENT_AGE:
        return "guardians"
    return "person_and_guardians" if age < ADULT_AGE else "person"


def give_consent(
    case: Case,
    agencies: list[str],
    *,
    given_on: dt.date | None = None,
    days: int = 365,
    given_by: str | None = None,
) -> Consent:
    today = timezone.localdate()
    given_on = given_on or today
    if given_by is None:
        given_by = consent_giver(case, given_on)
    return services.consent_record(
        actor=case.coordinator,
        case=case,
        given_by=given_by,
        given_on=given_on,
        expires_on=given_on + dt.timedelta(days=days),
        agencies=agencies,
        purpose="Samverkan kring skolgång",
    )
