"""Decision traceability: lägesbild version → decision → interventions → evaluations →
indicator change, and back from an intervention."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samtrygg.actionplan import selectors, services
from samtrygg.actionplan.models import DecisionBasis
from samtrygg.actionplan.tests import factories as f
from samtrygg.testing.actors import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(world, incidents):  # type: ignore[no-untyped-def]
    orgs = world.organisations
    version = f.situation_version(world.user("analyst"))
    meeting = f.held_meeting(days_ago=0)  # held today, after the lägesbild was published
    decision = f.decision(orgs["police"], meeting=meeting, title="Nya insatser")
    services.decision_basis_set(
        actor=member("coordinator"), decision=decision, version=version, note="Kapitel 3"
    )
    goal = f.goal("strategic")
    indicator = f.indicator(goal, code="trygga", baseline_value=None)
    for year, value in ((2022, 60.0), (2023, 62.0), (2024, 66.0)):
        services.indicator_value_set(
            actor=member("coordinator"), indicator=indicator, year=year, value=value
        )
    started = f.intervention(
        orgs["housing"],
        title="Belysning i gångtunnlar",
        decisions=[decision],
        goals=[goal],
        start_date=dt.date(2023, 6, 1),
    )
    other = f.intervention(orgs["municipality"], title="Annan insats")
    run = f.evaluation(started, world.user("analyst"))
    return {
        "version": version,
        "decision": decision,
        "intervention": started,
        "other": other,
        "run": run,
        "indicator": indicator,
        "world": world,
    }


def test_chain_from_a_decision(chain) -> None:  # type: ignore[no-untyped-def]
    result = selectors.decision_chain(
        decision=chain["decision"], user=chain["world"].user("coordinator")
    )
    assert [n.version for n in result.versions] == [chain["version"]]
    assert result.versions[0].readable
    assert result.interventions == [chain["intervention"]]  # not the other one
    assert result.evaluations == [chain["run"]]
    [node] = result.indicators
    assert node.indicator == chain["indicator"]
    # The change from the last year before the start (2022) to the latest (2024).
    assert (node.before.year, node.latest.year, node.change) == (2022, 2024, 6.0)  # type: ignore[union-attr]
    assert node.change_pct == pytest.approx(10.0)


def test_chain_back_from_an_intervention(chain) -> None:  # type: ignore[no-untyped-def]
    result = selectors.intervention_chain(
        intervention=chain["intervention"], user=chain["world"].user("coordinator")
    )
    assert result.decisions == [chain["decision"]]
    assert [n.version for n in result.versions] == [chain["version"]]
    assert result.evaluations == [chain["run"]]
    assert result.bases == {chain["decision"].pk: chain["version"].pk}


def test_each_step_is_filtered_for_the_reader(chain) -> None:  # type: ignore[no-untyped-def]
    # The housing company's reporter sees its own intervention and its evaluation, but not
    # the decision (no seat, not its organisation's), the lägesbild or the indicators.
    reporter = chain["world"].user("reporter")
    result = selectors.intervention_chain(intervention=chain["intervention"], user=reporter)
    assert result.decisions == [] and result.versions == [] and result.indicators == []
    assert result.evaluations == [chain["run"]]
    # The police own the decision: they see it, the lägesbild and everything after.
    police = selectors.decision_chain(
        decision=chain["decision"], user=chain["world"].user("police")
    )
    assert police.versions and police.interventions and police.evaluations


def test_decision_basis_cannot_be_later_than_the_decision(chain) -> None:  # type: ignore[no-untyped-def]
    earlier = f.decision(
        chain["world"].organisations["police"], meeting=f.held_meeting(days_ago=30)
    )
    with pytest.raises(ValidationError) as exc:
        services.decision_basis_set(
            actor=member("coordinator"), decision=earlier, version=chain["version"]
        )
    assert "version" in exc.value.message_dict
    services.decision_basis_set(
        actor=member("coordinator"), decision=chain["decision"], version=None
    )
    assert not DecisionBasis.objects.exists()


def test_trace_page_draws_the_chain(chain, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    text = client.get(
        reverse("actionplan:trace_decision", kwargs={"pk": chain["decision"].pk})
    ).content.decode()
    for part in (chain["version"].title, "Nya insatser", "Belysning i gångtunnlar"):
        assert part in text
    assert chain["run"].title in text
    assert "Andel trygga" in text
    back = client.get(
        reverse("actionplan:trace_intervention", kwargs={"pk": chain["intervention"].pk})
    ).content.decode()
    assert "Nya insatser" in back and chain["version"].title in back
