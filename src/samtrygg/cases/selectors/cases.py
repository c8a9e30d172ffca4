"""Reads of cases. Every read of a case, a person or a note writes one access-log entry
(``access_log_record``) naming the case and the part read; identities are decrypted only
by ``person_identity`` (the explicit "show identity" action)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from samtrygg.cases.crypto import lookup_hashes
from samtrygg.cases.identity import parse_identity_number
from samtrygg.cases.keys import cipher_for
from samtrygg.cases.models import (
    OPEN_STATUSES,
    Agency,
    Case,
    CasePerson,
    CaseTeamMember,
    Consent,
    PlanAction,
)
from samtrygg.cases.rules import can_manage_case, is_lead_of, lead_scopes
from samtrygg.core.audit import access_log_record
from samtrygg.core.models import AccessAction, AccessLogEntry
from samtrygg.core.permissions import (
    get_viewable_or_404,
    permissions_for,
    require_view,
)

CASE_OBJECT_TYPE = "cases.case"


def log_case_read(
    *,
    user: Any,
    case: Case,
    part: str,
    request: HttpRequest | None = None,
    action: str = AccessAction.VIEW,
) -> None:
    """One access-log entry: ``user`` read ``part`` of ``case`` (from ``request``'s path)."""
    access_log_record(
        user=user,
        action=action,
        object_type=CASE_OBJECT_TYPE,
        object_id=str(case.pk),
        object_repr=case.reference,
        reason=part,
        request=request,
    )


def case_list(
    *, user: Any, status: str = "", programme: str = "", request: HttpRequest | None = None
) -> list[Case]:
    """The cases the user may open (team member or programme lead), logged as one read."""
    qs = permissions_for(user).filter_viewable(
        Case.objects.select_related("organisation", "coordinator")
    )
    if status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    if programme:
        qs = qs.filter(programme=programme)
    cases = list(qs.order_by("status", "-opened_on", "-pk"))
    if cases:
        access_log_record(
            user=user,
            action=AccessAction.SEARCH,
            object_type=CASE_OBJECT_TYPE,
            object_repr=", ".join(c.reference for c in cases),
            object_ids=[c.pk for c in cases],
            reason="list",
            request=request,
        )
    return cases


def case_open(*, user: Any, pk: int, part: str, request: HttpRequest | None = None) -> Case:
    """The case if the user may read it (else 404, never 403), logging the part read."""
    case = get_viewable_or_404(
        user, Case.objects.select_related("organisation", "coordinator"), pk=pk
    )
    log_case_read(user=user, case=case, part=part, request=request)
    return case


@dataclass
class AgencyCoverage:
    agency: str
    label: str
    consent_until: dt.date | None
    disclosure_until: dt.date | None

    @property
    def covered(self) -> bool:
        return self.consent_until is not None or self.disclosure_until is not None


@dataclass
class CaseOverview:
    case: Case
    team: list[CaseTeamMember]
    former_team: list[CaseTeamMember]
    coverage: list[AgencyCoverage]
    can_manage: bool
    is_lead: bool
    overdue_actions: int
    counts: dict[str, int] = field(default_factory=dict)


def _coverage(case: Case, day: dt.date) -> list[AgencyCoverage]:
    result = []
    consents = list(
        case.consents.filter(given_on__lte=day, expires_on__gte=day)
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day))
        .prefetch_related("scopes")
    )
    disclosures = list(case.disclosures.filter(disclosed_on__lte=day, access_until__gte=day))
    for agency in Agency:
        consent_until = max(
            (c.expires_on for c in consents if agency.value in c.agencies), default=None
        )
        disclosure_until = max(
            (
                d.access_until
                for d in disclosures
                if d.recipient_agency == agency.value and d.access_until
            ),
            default=None,
        )
        result.append(
            AgencyCoverage(agency.value, str(agency.label), consent_until, disclosure_until)
        )
    return result


def case_overview(*, user: Any, case: Case) -> CaseOverview:
    perms = require_view(user, case)
    members = list(case.team.select_related("user", "organisation"))
    today = timezone.localdate()
    return CaseOverview(
        case=case,
        team=[m for m in members if m.removed_at is None],
        former_team=[m for m in members if m.removed_at is not None],
        coverage=_coverage(case, today),
        can_manage=can_manage_case(perms, case),
        is_lead=is_lead_of(perms, case),
        overdue_actions=case.actions.filter(done_on__isnull=True, due_on__lt=today).count(),
        counts={
            "persons": case.persons.count(),
            "consents": case.consents.count(),
            "disclosures": case.disclosures.count(),
            "risk_assessments": case.risk_assessments.count(),
            "goals": case.goals.count(),
            "notes": case.notes.count(),
        },
    )


@dataclass
class PersonRow:
    person: CasePerson
    has_identity_number: bool
    has_contact: bool


def case_persons(*, user: Any, case: Case) -> list[PersonRow]:
    """The persons without their identities (role, number, what is on file)."""
    require_view(user, case)
    return [
        PersonRow(
            person=p,
            has_identity_number=p.has("identity_number"),
            has_contact=p.has("phone") or p.has("email") or p.has("address"),
        )
        for p in case.persons.all()
    ]


@dataclass(frozen=True)
class Identity:
    name: str
    identity_number: str
    birth_date: dt.date | None
    phone: str
    email: str
    address: str


def person_identity(
    *, user: Any, case: Case, person_pk: int, request: HttpRequest | None = None
) -> tuple[CasePerson, Identity]:
    """Decrypt one person's identity: the explicit "show identity" action, logged."""
    require_view(user, case)
    person = case.persons.filter(pk=person_pk).first()
    if person is None:
        raise Http404
    cipher = cipher_for(case)
    number = person.unseal(cipher, "identity_number")
    born = person.unseal(cipher, "birth_date")
    identity = Identity(
        name=person.unseal(cipher, "name"),
        identity_number=f"{number[:8]}-{number[8:]}" if number else "",
        birth_date=dt.date.fromisoformat(born) if born else None,
        phone=person.unseal(cipher, "phone"),
        email=person.unseal(cipher, "email"),
        address=person.unseal(cipher, "address"),
    )
    log_case_read(user=user, case=case, part=f"identity:{person.number}", request=request)
    return person, identity


def case_find(*, user: Any, identity_number: str, request: HttpRequest | None = None) -> list[Case]:
    """Cases the user may open with a person of that personnummer, found by its keyed hash.
    The number is neither stored nor logged; a number of no visible case finds nothing."""
    number = parse_identity_number(identity_number, today=timezone.localdate())
    hashes = lookup_hashes(number.digits)
    perms = permissions_for(user)
    qs = perms.filter_viewable(Case.objects.all()).filter(
        pk__in=CasePerson.objects.filter(identity_hash__in=hashes).values("case_id")
    )
    cases = list(qs.select_related("organisation"))
    access_log_record(
        user=user,
        action=AccessAction.SEARCH,
        object_type=CASE_OBJECT_TYPE,
        object_repr=", ".join(c.reference for c in cases),
        object_ids=[c.pk for c in cases],
        reason="search:identity_number",
        request=request,
    )
    return cases


def case_access_log(*, user: Any, case: Case) -> QuerySet[AccessLogEntry]:
    """Who read the case, newest first (its team sees this tab)."""
    require_view(user, case)
    return AccessLogEntry.objects.filter(object_type=CASE_OBJECT_TYPE, object_id=str(case.pk))


@dataclass
class ExpiringConsent:
    case: Case
    consent: Consent
    days_left: int


def expiring_consents(
    *, user: Any, within_days: int, only_coordinated: bool = True
) -> list[ExpiringConsent]:
    """Valid consents ending within ``within_days`` of cases the user coordinates (or, with
    ``only_coordinated=False``, of every case the user leads). No case content."""
    perms = permissions_for(user)
    today = timezone.localdate()
    cases = perms.filter_viewable(Case.objects.filter(status__in=OPEN_STATUSES))
    if only_coordinated:
        cases = cases.filter(coordinator_id=getattr(user, "pk", None))
    else:
        q = Q(pk__in=[])
        for organisation_id, programme in lead_scopes(perms):
            q |= Q(organisation_id=organisation_id, programme=programme)
        cases = cases.filter(q)
    consents = (
        Consent.objects.filter(
            case__in=cases,
            withdrawn_on__isnull=True,
            given_on__lte=today,
            expires_on__gte=today,
            expires_on__lte=today + dt.timedelta(days=within_days),
        )
        .select_related("case")
        .prefetch_related("scopes")
        .order_by("expires_on", "pk")
    )
    return [ExpiringConsent(c.case, c, (c.expires_on - today).days) for c in consents]


def overdue_actions(*, user: Any, cases: QuerySet[Case] | None = None) -> QuerySet[PlanAction]:
    """Actions past their date and not done, in cases the user may open (references and
    dates only: the descriptions stay encrypted until the plan tab is opened)."""
    perms = permissions_for(user)
    scope = perms.filter_viewable(cases if cases is not None else Case.objects.all())
    return (
        PlanAction.objects.filter(
            case__in=scope.filter(status__in=OPEN_STATUSES),
            done_on__isnull=True,
            due_on__lt=timezone.localdate(),
        )
        .select_related("case", "responsible_user")
        .order_by("due_on", "pk")
    )


def status_counts(cases: QuerySet[Case]) -> dict[tuple[str, str], int]:
    return {
        (row["programme"], row["status"]): row["n"]
        for row in cases.values("programme", "status").annotate(n=Count("pk"))
    }


def identity_number_error(raw: str) -> list[str]:
    """The messages of an identity number that does not parse (empty when it does)."""
    try:
        parse_identity_number(raw, today=timezone.localdate())
    except ValidationError as exc:
        return list(exc.messages)
    return []
