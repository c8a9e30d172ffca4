"""The demo action plan: built on the other apps' demos, the evaluated intervention shows
the drop in Bäckby and the buffer's rise, and a second run creates nothing."""

from __future__ import annotations

import io

import pytest

from samtrygg.accounts import demo as accounts_demo
from samtrygg.accounts.models import User
from samtrygg.actionplan import demo as actionplan_demo
from samtrygg.actionplan.explain import read
from samtrygg.actionplan.models import (
    ActionPlan,
    CitizenPromise,
    Commitment,
    DecisionBasis,
    EvaluationRun,
    Indicator,
    IndicatorValue,
    Intervention,
)
from samtrygg.actionplan.selectors import compliance_status, decision_chain
from samtrygg.actionplan.tests.factories import situation_version
from samtrygg.areas import demo as areas_demo
from samtrygg.core.demo_support import DemoContext
from samtrygg.governance import demo as governance_demo
from samtrygg.incidents import demo as incidents_demo
from samtrygg.incidents.demo import DEMO_INTERVENTION

pytestmark = pytest.mark.django_db


def test_demo_action_plan() -> None:
    # The full incidents demo (a couple of seconds; the quick one is too small to show the
    # buffer's response). The lägesbild demo is slow; a published yearly version written
    # directly stands in for it, after a first build without it.
    ctx = DemoContext(out=io.StringIO(), quick=False)
    for module in (accounts_demo, areas_demo, incidents_demo, governance_demo, actionplan_demo):
        module.build(ctx)
    plan = ActionPlan.objects.get()
    assert [v.number for v in plan.versions.all()] == [1]
    assert not DecisionBasis.objects.exists()
    analyst = User.objects.get(username="analytiker")
    situation_version(analyst)
    actionplan_demo.build(ctx)

    assert plan.focus_areas.count() == 4
    assert [v.number for v in plan.versions.order_by("number")] == [1, 2]
    assert plan.versions.get(number=2).based_on is not None
    interventions = Intervention.objects.filter(plan=plan)
    assert interventions.count() == len(actionplan_demo.INTERVENTIONS) >= 12
    assert {f.code for i in interventions for f in i.focus_areas.all()} == {
        "strategic",
        "youth",
        "victims",
        "exit",
    }
    assert Indicator.objects.filter(kind="computed").count() >= 2
    assert IndicatorValue.objects.filter(indicator__kind="survey").count() >= 15
    assert Commitment.objects.count() >= 5
    assert CitizenPromise.objects.count() == 3
    assert CitizenPromise.objects.filter(is_public=True).count() == 2

    # The evaluated intervention: Bäckby from the incidents demo's intervention date.
    run = EvaluationRun.objects.get()
    assert run.intervention.title == actionplan_demo.EVALUATED_TITLE
    assert run.after_start == DEMO_INTERVENTION["date"]
    assert run.parameters["areas"]["treated"]["code"] == DEMO_INTERVENTION["district_code"]
    result = run.result
    assert result["treated"]["after"] < 0.75 * result["treated"]["before"]  # the drop
    assert result["buffer"]["after"] > result["buffer"]["before"]  # displaced to the ring
    assert result["did"]["ratio"] < 1
    assert result["wdq"]["wdq"] is not None and result["wdq"]["wdq"] < 0
    reading = read(run)
    assert reading.verdict == "decrease"
    assert run.presentations.exists()  # on the next Trygghetsrådet agenda

    # The decision taken today from today's lägesbild, and the chain from it.
    basis = DecisionBasis.objects.get()
    chain = decision_chain(decision=basis.decision, user=run.created_by)
    assert chain.versions and len(chain.interventions) == 2

    status = compliance_status()
    assert status.plan_based_on_current
    assert status.coordination is not None
    assert "commitments_overdue" in {w.code for w in status.warnings}

    again = DemoContext(out=io.StringIO())
    actionplan_demo.build(again)
    assert again.created == {}
    assert EvaluationRun.objects.count() == 1
