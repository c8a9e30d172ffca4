"""Who may see and change the action plan, its indicators, interventions and evaluations.

* Reading the plan, indicators, interventions, evaluations, the agreement and the
  citizen promises (internal pages): coordinators, analysts, police and council members
  (``actionplan.view``).
* A partner organisation sees the interventions it runs or takes part in (owner or
  partner), with their evaluations, whatever the role of its member (a housing
  company's reporter, say); it does not see the rest of the plan.
* Editing the plan, its versions, indicators, interventions, methods, the agreement, the
  promises and the coordination function: coordinators (``actionplan.manage``).
* Running evaluations, importing survey values, entering indicator values and filling in
  the process-evaluation checklist: coordinators and analysts (``actionplan.evaluate``).
* Progress notes on an intervention: coordinators, analysts, and members of the
  responsible organisation. The follow-up of a commitment: coordinators and members of
  the responsible organisation.
* The law-compliance tracker: coordinators, and council members (role
  ``council_member``) of the organisation named as the executive board in the
  coordination-function record (``can_view_tracker``). Until a board is named only
  coordinators see it.
* The public follow-up page of citizen promises: everyone, promises marked public only
  (its own selectors, not these rules).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from samtrygg.actionplan.models import (
    ActionPlan,
    ActionPlanVersion,
    Agreement,
    CitizenPromise,
    Commitment,
    CoordinationFunction,
    DecisionBasis,
    EvaluationRun,
    Indicator,
    IndicatorValue,
    Intervention,
    Method,
    SurveyImport,
)
from samtrygg.core.permissions import Permissions, register_capability, register_object_rules
from samtrygg.core.roles import Role

register_capability(
    "actionplan.view", roles={Role.COORDINATOR, Role.ANALYST, Role.POLICE, Role.COUNCIL_MEMBER}
)
register_capability("actionplan.manage", roles={Role.COORDINATOR})
register_capability("actionplan.evaluate", roles={Role.COORDINATOR, Role.ANALYST})


def can_view(perms: Permissions) -> bool:
    return perms.can("actionplan.view")


def can_manage(perms: Permissions) -> bool:
    return perms.can("actionplan.manage")


def can_evaluate(perms: Permissions) -> bool:
    return perms.can("actionplan.evaluate")


def can_view_tracker(perms: Permissions) -> bool:
    if can_manage(perms):
        return True
    if not perms.has_role(Role.COUNCIL_MEMBER):
        return False
    board_id = (
        CoordinationFunction.objects.filter(executive_board__isnull=False)
        .values_list("executive_board_id", flat=True)
        .first()
    )
    return board_id is not None and board_id in perms.organisation_ids(Role.COUNCIL_MEMBER)


def _partner_q(perms: Permissions, prefix: str = "") -> Q:
    orgs = perms.organisation_ids()
    return Q(**{f"{prefix}owner_id__in": orgs}) | Q(**{f"{prefix}partners__in": orgs})


def _intervention_queryset(perms: Permissions, qs: QuerySet) -> QuerySet:
    if can_view(perms):
        return qs
    if not perms.roles:
        return qs.none()
    ids = Intervention.objects.filter(_partner_q(perms)).values("pk")
    return qs.filter(pk__in=ids)


def _intervention_view(perms: Permissions, obj: Intervention) -> bool:
    if can_view(perms):
        return True
    if not perms.roles:
        return False
    orgs = perms.organisation_ids()
    return obj.owner_id in orgs or obj.partners.filter(pk__in=orgs).exists()


def can_write_progress(perms: Permissions, obj: Intervention) -> bool:
    """Progress notes: coordinators, analysts and the responsible organisation's members."""
    return can_evaluate(perms) or (bool(perms.roles) and obj.owner_id in perms.organisation_ids())


register_object_rules(
    Intervention,
    view=_intervention_view,
    change=lambda perms, obj: can_manage(perms),
    queryset=_intervention_queryset,
)


def _evaluation_queryset(perms: Permissions, qs: QuerySet) -> QuerySet:
    if can_view(perms):
        return qs
    visible = _intervention_queryset(perms, Intervention.objects.all())
    return qs.filter(intervention__in=visible.values("pk"))


register_object_rules(
    EvaluationRun,
    view=lambda perms, obj: _intervention_view(perms, obj.intervention),
    change=lambda perms, obj: False,
    queryset=_evaluation_queryset,
)


def _plan_wide(perms: Permissions, qs: QuerySet) -> QuerySet:
    return qs if can_view(perms) else qs.none()


for _model in (
    ActionPlan,
    ActionPlanVersion,
    Indicator,
    IndicatorValue,
    Agreement,
    CitizenPromise,
    Method,
    DecisionBasis,
):
    register_object_rules(
        _model,
        view=lambda perms, obj: can_view(perms),
        change=lambda perms, obj: can_manage(perms),
        queryset=_plan_wide,
    )

register_object_rules(
    SurveyImport,
    view=lambda perms, obj: can_evaluate(perms),
    change=lambda perms, obj: False,
    queryset=lambda perms, qs: qs if can_evaluate(perms) else qs.none(),
)


def can_follow_up_commitment(perms: Permissions, obj: Commitment) -> bool:
    return can_manage(perms) or (bool(perms.roles) and obj.owner_id in perms.organisation_ids())


def _commitment_view(perms: Permissions, obj: Commitment) -> bool:
    return can_view(perms) or can_follow_up_commitment(perms, obj)


def _commitment_queryset(perms: Permissions, qs: QuerySet) -> QuerySet:
    if can_view(perms):
        return qs
    if not perms.roles:
        return qs.none()
    return qs.filter(owner_id__in=perms.organisation_ids())


register_object_rules(
    Commitment,
    view=_commitment_view,
    change=can_follow_up_commitment,
    queryset=_commitment_queryset,
)


def _tracker_view(perms: Permissions, obj: Any) -> bool:
    return can_view_tracker(perms)


register_object_rules(
    CoordinationFunction,
    view=_tracker_view,
    change=lambda perms, obj: can_manage(perms),
    queryset=lambda perms, qs: qs if can_view_tracker(perms) else qs.none(),
)
