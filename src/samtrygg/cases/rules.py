"""Who may open a case (docs/cases.md, "Who sees what").

A user may read a case when

* they **lead its programme** in its responsible organisation (a ``ProgrammeLead`` row)
  and still hold the case-worker role there; or
* they are an **active member of its team**, still hold the case-worker or police role in
  the organisation they were added for, and their agency may be told about the case: it is
  the responsible organisation itself, or a consent valid today covers their agency, or a
  disclosure to their agency lets its team members open the case until a date not passed.

Nobody else, whatever their role: not the crime-prevention coordinator, not the auditor,
not a superuser. Team members and leads may work on the case; its coordinator and the
programme's leads also manage it (team, consent, disclosures, status, legal hold).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from samtrygg.cases.models import (
    Case,
    CaseAttachment,
    CaseNote,
    CasePerson,
    CaseTeamMember,
    Consent,
    ConsentScope,
    Disclosure,
    FollowUpMeeting,
    PlanAction,
    PlanGoal,
    ProgrammeLead,
    RiskAssessment,
)
from samtrygg.cases.templatetags.cases import read_part
from samtrygg.core.audit import register_reason_label
from samtrygg.core.permissions import Permissions, register_capability, register_object_rules
from samtrygg.core.roles import Role

#: Roles whose members can be on a case team.
TEAM_ROLES = (Role.CASE_WORKER, Role.POLICE)

register_capability("cases.use", roles=set(TEAM_ROLES))
register_capability("cases.intake", roles={Role.CASE_WORKER})
# Anonymous, suppressed counts (the same figures the action plan follows).
register_capability(
    "cases.statistics",
    roles={Role.COORDINATOR, Role.ANALYST, Role.COUNCIL_MEMBER, Role.POLICE, Role.CASE_WORKER},
)


def lead_scopes(perms: Permissions) -> list[tuple[int, str]]:
    """``(organisation id, programme)`` pairs the user leads (and may still lead)."""
    user_id = getattr(perms.user, "pk", None)
    orgs = perms.organisation_ids(Role.CASE_WORKER)
    if user_id is None or not orgs:
        return []
    return list(
        ProgrammeLead.objects.filter(user_id=user_id, organisation_id__in=orgs)
        .values_list("organisation_id", "programme")
        .order_by("organisation_id", "programme")
    )


def _lead_q(scopes: Iterable[tuple[int, str]]) -> Q | None:
    q: Q | None = None
    for organisation_id, programme in scopes:
        part = Q(organisation_id=organisation_id, programme=programme)
        q = part if q is None else q | part
    return q


def covered_agencies(case_ids: Iterable[int], day: dt.date) -> set[tuple[int, str]]:
    """``(case id, agency)`` pairs an agency may be told about on ``day``: a valid consent
    covers it, or a disclosure to it is in force."""
    ids = list(set(case_ids))
    consents = ConsentScope.objects.filter(
        consent__case_id__in=ids, consent__given_on__lte=day, consent__expires_on__gte=day
    ).filter(Q(consent__withdrawn_on__isnull=True) | Q(consent__withdrawn_on__gt=day))
    disclosures = Disclosure.objects.filter(
        case_id__in=ids, disclosed_on__lte=day, access_until__gte=day
    )
    return set(consents.values_list("consent__case_id", "agency")) | set(
        disclosures.values_list("case_id", "recipient_agency")
    )


def viewable_case_ids(perms: Permissions, *, only: Iterable[int] | None = None) -> set[int]:
    user_id = getattr(perms.user, "pk", None)
    if user_id is None or not perms.has_role(*TEAM_ROLES):
        return set()
    ids: set[int] = set()
    lead_q = _lead_q(lead_scopes(perms))
    if lead_q is not None:
        led = Case.objects.filter(lead_q)
        if only is not None:
            led = led.filter(pk__in=list(only))
        ids |= set(led.values_list("pk", flat=True))
    members = CaseTeamMember.objects.filter(
        user_id=user_id,
        removed_at__isnull=True,
        organisation_id__in=perms.organisation_ids(*TEAM_ROLES),
    )
    if only is not None:
        members = members.filter(case_id__in=list(only))
    rows = list(
        members.values_list("case_id", "agency", "organisation_id", "case__organisation_id")
    )
    ids |= {case_id for case_id, _agency, org, case_org in rows if org == case_org}
    others = [(case_id, agency) for case_id, agency, org, case_org in rows if org != case_org]
    if others:
        covered = covered_agencies((c for c, _a in others), timezone.localdate())
        ids |= {case_id for case_id, agency in others if (case_id, agency) in covered}
    return ids


def can_view_case(perms: Permissions, case: Case) -> bool:
    return case.pk is not None and case.pk in viewable_case_ids(perms, only=[case.pk])


def can_manage_case(perms: Permissions, case: Case) -> bool:
    """The case's coordinator (while they may read it) and the programme's leads."""
    if (case.organisation_id, case.programme) in lead_scopes(perms):
        return True
    return case.coordinator_id == getattr(perms.user, "pk", None) and can_view_case(perms, case)


def is_lead_of(perms: Permissions, case: Case) -> bool:
    return (case.organisation_id, case.programme) in lead_scopes(perms)


def _case_queryset(perms: Permissions, qs: QuerySet) -> QuerySet:
    return qs.filter(pk__in=viewable_case_ids(perms))


register_object_rules(
    Case,
    view=can_view_case,
    change=can_view_case,
    queryset=_case_queryset,
)


def _child_view(perms: Permissions, obj: Any) -> bool:
    return can_view_case(perms, obj.case)


def _child_queryset(perms: Permissions, qs: QuerySet) -> QuerySet:
    return qs.filter(case_id__in=viewable_case_ids(perms))


for _model in (
    CasePerson,
    CaseAttachment,
    Consent,
    Disclosure,
    RiskAssessment,
    PlanGoal,
    PlanAction,
    FollowUpMeeting,
    CaseNote,
    CaseTeamMember,
):
    register_object_rules(_model, view=_child_view, change=_child_view, queryset=_child_queryset)


# The auditor's access log words a case read as the case's own read-log tab does.
register_reason_label("cases.case", read_part)
