"""Reads for plans, interventions, evaluations, agreements and promises.

Functions that take ``user=`` filter through the permission resolver; ``public_*`` return
only what anyone may see (citizen promises marked public).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from samtrygg.actionplan.models import (
    ActionPlan,
    ActionPlanVersion,
    Agreement,
    CitizenPromise,
    Commitment,
    EvaluationRun,
    Intervention,
    Method,
    PromiseActivity,
    PromiseFollowUp,
)
from samtrygg.core.permissions import permissions_for


def plan_list(*, user: Any) -> QuerySet[ActionPlan]:
    qs = ActionPlan.objects.prefetch_related(
        Prefetch(
            "versions",
            queryset=ActionPlanVersion.objects.select_related("adopted_by", "based_on").order_by(
                "-number"
            ),
        ),
        "focus_areas",
    )
    return permissions_for(user).filter_viewable(qs)


def plan_current(*, today: date) -> ActionPlan | None:
    """The adopted plan whose period covers ``today`` (the latest adopted, if several),
    else the latest adopted plan."""
    adopted = ActionPlan.objects.filter(versions__isnull=False).distinct()
    current = adopted.filter(period_start__lte=today, period_end__gte=today).order_by(
        "-period_start", "-pk"
    )
    return current.first() or adopted.order_by("-period_start", "-pk").first()


def latest_version(plan: ActionPlan) -> ActionPlanVersion | None:
    return plan.versions.select_related("adopted_by", "based_on").order_by("-number").first()


def intervention_list(
    *,
    user: Any,
    plan: ActionPlan | None = None,
    focus_area_id: int | None = None,
    status: str = "",
    method_id: int | None = None,
    search: str = "",
) -> QuerySet[Intervention]:
    qs = Intervention.objects.select_related("owner", "method", "plan").prefetch_related(
        "focus_areas", "areas"
    )
    if plan is not None:
        qs = qs.filter(plan=plan)
    if focus_area_id is not None:
        qs = qs.filter(focus_areas__id=focus_area_id)
    if status:
        qs = qs.filter(status=status)
    if method_id is not None:
        qs = qs.filter(method_id=method_id)
    if search:
        qs = qs.filter(Q(title__icontains=search) | Q(description__icontains=search))
    return permissions_for(user).filter_viewable(qs).distinct().order_by("title", "pk")


def evaluation_list(
    *, user: Any, intervention: Intervention | None = None
) -> QuerySet[EvaluationRun]:
    qs = EvaluationRun.objects.select_related("intervention", "created_by")
    if intervention is not None:
        qs = qs.filter(intervention=intervention)
    return permissions_for(user).filter_viewable(qs).order_by("-created_at", "-pk")


def method_list(*, active_only: bool = False) -> QuerySet[Method]:
    qs = Method.objects.all()
    return qs.filter(is_active=True) if active_only else qs


def agreement_list(*, user: Any) -> QuerySet[Agreement]:
    qs = Agreement.objects.prefetch_related("parties", "commitments__owner")
    return permissions_for(user).filter_viewable(qs)


def commitment_list(*, user: Any, agreement: Agreement | None = None) -> QuerySet[Commitment]:
    qs = Commitment.objects.select_related("owner", "agreement")
    if agreement is not None:
        qs = qs.filter(agreement=agreement)
    return permissions_for(user).filter_viewable(qs).order_by("due_date", "pk")


def promise_list(*, user: Any) -> QuerySet[CitizenPromise]:
    qs = CitizenPromise.objects.select_related("area").prefetch_related("activities", "issuers")
    return permissions_for(user).filter_viewable(qs)


# --- public ----------------------------------------------------------------------------


def public_promises() -> QuerySet[CitizenPromise]:
    """Promises marked public, with only what the public page shows."""
    return (
        CitizenPromise.objects.filter(is_public=True)
        .select_related("area")
        .only(
            "id",
            "title",
            "text",
            "period_start",
            "period_end",
            "status",
            "area__name",
            "updated_at",
        )
        .prefetch_related(
            Prefetch(
                "activities",
                queryset=PromiseActivity.objects.only(
                    "id", "promise_id", "text", "status", "order"
                ),
            ),
            Prefetch(
                "follow_ups",
                queryset=PromiseFollowUp.objects.only("id", "promise_id", "recorded_on", "text"),
            ),
            "issuers",
        )
        .order_by("-period_start", "title", "pk")
    )


def public_promise_get(pk: int) -> CitizenPromise:
    try:
        return public_promises().get(pk=pk)
    except CitizenPromise.DoesNotExist:
        raise Http404 from None
