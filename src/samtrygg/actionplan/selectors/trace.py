"""Decision traceability: lägesbild version → decision → interventions → evaluations →
indicator change, from a decision or (in reverse) from an intervention.

Every step is filtered for the reader: a step the reader may not see is left out, and a
lägesbild version the reader may not open is named without a link.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from samtrygg.actionplan.models import DecisionBasis, EvaluationRun, Indicator, Intervention
from samtrygg.actionplan.selectors.indicators import Point, indicator_change, indicator_view
from samtrygg.core.permissions import permissions_for
from samtrygg.governance.models import Decision
from samtrygg.situation.models import SituationVersion


@dataclass
class VersionNode:
    version: SituationVersion
    readable: bool
    decision_ids: set[int] = field(default_factory=set)


@dataclass
class IndicatorNode:
    indicator: Indicator
    before: Point | None
    latest: Point | None
    status: str
    intervention_ids: set[int] = field(default_factory=set)

    @property
    def change(self) -> float | None:
        if self.before is None or self.latest is None:
            return None
        if self.before.value is None or self.latest.value is None:
            return None
        return self.latest.value - self.before.value

    @property
    def change_pct(self) -> float | None:
        change = self.change
        if change is None or not self.before or not self.before.value:
            return None
        return 100.0 * change / self.before.value


@dataclass
class Chain:
    start: str  # "decision" or "intervention"
    versions: list[VersionNode] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    bases: dict[int, int] = field(default_factory=dict)  # decision id -> version id
    interventions: list[Intervention] = field(default_factory=list)
    evaluations: list[EvaluationRun] = field(default_factory=list)
    indicators: list[IndicatorNode] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.versions or self.interventions or self.evaluations)


def _viewable_decisions(user: Any, qs: QuerySet[Decision]) -> list[Decision]:
    return list(
        permissions_for(user)
        .filter_viewable(qs.select_related("meeting__council", "owner_organisation"))
        .order_by("meeting__starts_at", "number")
    )


def _fill(chain: Chain, *, user: Any, today: date) -> Chain:
    perms = permissions_for(user)
    bases = DecisionBasis.objects.filter(decision__in=chain.decisions).select_related(
        "version__report"
    )
    nodes: dict[int, VersionNode] = {}
    for basis in bases:
        chain.bases[basis.decision_id] = basis.version_id
        node = nodes.get(basis.version_id)
        if node is None:
            node = VersionNode(version=basis.version, readable=perms.can_view(basis.version))
            nodes[basis.version_id] = node
        node.decision_ids.add(basis.decision_id)
    chain.versions = sorted(nodes.values(), key=lambda n: n.version.published_at)
    ids = [i.pk for i in chain.interventions]
    chain.evaluations = list(
        perms.filter_viewable(EvaluationRun.objects.filter(intervention_id__in=ids))
        .select_related("intervention")
        .order_by("intervention__title", "-created_at")
    )
    indicators: dict[int, IndicatorNode] = {}
    if perms.can("actionplan.view"):
        for intervention in chain.interventions:
            goal_ids = list(intervention.goals.values_list("pk", flat=True))
            for indicator in Indicator.objects.filter(goal_id__in=goal_ids).select_related("goal"):
                ind_node = indicators.get(indicator.pk)
                if ind_node is None:
                    view = indicator_view(indicator, user=user, today=today)
                    before, latest = indicator_change(view, since=intervention.start_date)
                    ind_node = IndicatorNode(
                        indicator=indicator, before=before, latest=latest, status=view.status.code
                    )
                    indicators[indicator.pk] = ind_node
                ind_node.intervention_ids.add(intervention.pk)
    chain.indicators = list(indicators.values())
    return chain


def decision_chain(*, decision: Decision, user: Any, today: date | None = None) -> Chain:
    """From a decision: its lägesbild, the interventions it started, their evaluations and
    the change in the indicators of the goals they serve."""
    chain = Chain(start="decision", decisions=[decision])
    chain.interventions = list(
        permissions_for(user)
        .filter_viewable(decision.interventions.select_related("owner", "method"))
        .order_by("title", "pk")
    )
    return _fill(chain, user=user, today=today or timezone.localdate())


def intervention_chain(
    *, intervention: Intervention, user: Any, today: date | None = None
) -> Chain:
    """From an intervention back to the decisions that started it and their lägesbild, and
    forward to its evaluations and indicators."""
    chain = Chain(start="intervention", interventions=[intervention])
    chain.decisions = _viewable_decisions(user, intervention.decisions.all())
    return _fill(chain, user=user, today=today or timezone.localdate())


def traced_decisions(*, user: Any) -> list[Decision]:
    """Decisions that started an intervention or cite a lägesbild (for the index page)."""
    qs = Decision.objects.filter(interventions__isnull=False) | Decision.objects.filter(
        situation_basis__isnull=False
    )
    return _viewable_decisions(user, qs.distinct())
