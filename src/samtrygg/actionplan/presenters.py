"""Page models assembled from selectors: the plan overview (page and PDF), an indicator
with its chart."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from samtrygg.actionplan.charts import indicator_svg
from samtrygg.actionplan.models import (
    ActionPlan,
    ActionPlanVersion,
    Intervention,
    InterventionStatus,
)
from samtrygg.actionplan.selectors import (
    IndicatorView,
    indicator_list,
    indicator_view,
    intervention_list,
    latest_version,
)
from samtrygg.governance.models import FocusArea, Goal, GoalStatus


@dataclass
class GoalBlock:
    goal: Goal
    indicators: list[IndicatorView] = field(default_factory=list)


@dataclass
class FocusBlock:
    focus_area: FocusArea
    goals: list[GoalBlock] = field(default_factory=list)
    interventions: list[Intervention] = field(default_factory=list)


@dataclass
class PlanOverview:
    plan: ActionPlan
    version: ActionPlanVersion | None
    versions: list[ActionPlanVersion]
    blocks: list[FocusBlock]
    status_counts: dict[str, int]

    @property
    def interventions(self) -> list[Intervention]:
        return [i for b in self.blocks for i in b.interventions]


def plan_overview(
    plan: ActionPlan, *, user: Any, today: date, charts: bool = False
) -> PlanOverview:
    """The plan's focus areas with their goals, indicators (and their status) and
    interventions. An intervention under several focus areas is listed under the first."""
    focus_areas = list(plan.focus_areas.order_by("order")) or list(
        FocusArea.objects.filter(is_active=True).order_by("order")
    )
    goals = list(
        Goal.objects.filter(focus_area__in=focus_areas, status=GoalStatus.ACTIVE)
        .select_related("council", "focus_area")
        .order_by("focus_area__order", "council__name", "pk")
    )
    views: dict[int, list[IndicatorView]] = {}
    for indicator in indicator_list(user=user, goal_ids=[g.pk for g in goals]).prefetch_related(
        "areas", "categories"
    ):
        view = indicator_view(indicator, user=user, today=today)
        if charts:
            view.chart = indicator_svg(view)
        views.setdefault(indicator.goal_id, []).append(view)
    interventions = list(intervention_list(user=user, plan=plan))
    placed: set[int] = set()
    blocks = []
    for area in focus_areas:
        block = FocusBlock(focus_area=area)
        block.goals = [
            GoalBlock(goal=g, indicators=views.get(g.pk, []))
            for g in goals
            if g.focus_area_id == area.pk
        ]
        for intervention in interventions:
            ids = [f.pk for f in intervention.focus_areas.all()]
            if area.pk in ids and intervention.pk not in placed:
                block.interventions.append(intervention)
                placed.add(intervention.pk)
        blocks.append(block)
    counts = dict.fromkeys(InterventionStatus.values, 0)
    for intervention in interventions:
        counts[intervention.status] += 1
    return PlanOverview(
        plan=plan,
        version=latest_version(plan),
        versions=list(plan.versions.select_related("adopted_by", "based_on").order_by("-number")),
        blocks=blocks,
        status_counts=counts,
    )
