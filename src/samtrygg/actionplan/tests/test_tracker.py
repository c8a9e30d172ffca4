"""The law-compliance tracker: warnings at the right dates, who may read it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from samtrygg.accounts.models import Membership, Organisation, User
from samtrygg.actionplan import services
from samtrygg.actionplan.selectors import compliance_status
from samtrygg.actionplan.selectors.tracker import add_months
from samtrygg.actionplan.tests import factories as f
from samtrygg.testing.actors import member
from samtrygg.testing.matrix import login

pytestmark = pytest.mark.django_db


def codes(status) -> set[str]:  # type: ignore[no-untyped-def]
    return {w.code for w in status.warnings}


@pytest.fixture
def complete(world):  # type: ignore[no-untyped-def]
    """A published yearly lägesbild (today), a plan adopted from it, the coordination function."""
    today = timezone.localdate()
    version = f.situation_version(world.user("analyst"))
    plan = f.plan(
        period_start=today - dt.timedelta(days=100),
        period_end=today + dt.timedelta(days=1000),
        next_review=today + dt.timedelta(days=200),
    )
    services.action_plan_version_create(
        actor=member("coordinator"),
        plan=plan,
        adopted_by=world.organisations["board"],
        adoption_date=today,
        based_on=version,
    )
    services.coordination_function_save(
        actor=member("coordinator"),
        organisation=world.organisations["municipality"],
        email="samordning@example.se",
        web_address="https://example.se/trygghet",
        executive_board=world.organisations["board"],
    )
    return {"today": today, "version": version, "plan": plan}


def test_everything_missing(world) -> None:  # type: ignore[no-untyped-def]
    status = compliance_status(today=dt.date(2026, 1, 1))
    assert {"situation_missing", "plan_missing", "coordination_missing"} <= codes(status)
    assert all(w.level == "error" for w in status.errors)


def test_nothing_missing_on_the_day(complete) -> None:  # type: ignore[no-untyped-def]
    status = compliance_status(today=complete["today"])
    assert status.warnings == []
    assert status.situation == complete["version"]
    assert status.situation_next_due == add_months(complete["today"], 24)
    assert status.plan_based_on_current
    assert [d.label for d in status.upcoming][:1] == ["Uppföljning av handlingsplanen"]


def test_lagesbild_due_soon_then_overdue(complete) -> None:  # type: ignore[no-untyped-def]
    due = add_months(complete["today"], 24)
    assert "situation_due_soon" not in codes(compliance_status(today=due - dt.timedelta(days=91)))
    assert "situation_due_soon" in codes(compliance_status(today=due - dt.timedelta(days=90)))
    on_the_day = compliance_status(today=due)
    assert "situation_due_soon" in codes(on_the_day) and "situation_overdue" not in codes(
        on_the_day
    )
    late = compliance_status(today=due + dt.timedelta(days=1))
    assert "situation_overdue" in codes(late)
    assert any(w.level == "error" and w.code == "situation_overdue" for w in late.warnings)


def test_the_interval_is_a_setting(complete, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SAMTRYGG_SITUATION_INTERVAL_MONTHS = 12
    status = compliance_status(today=complete["today"] + dt.timedelta(days=370))
    assert status.situation_next_due == add_months(complete["today"], 12)
    assert "situation_overdue" in codes(status)


def test_a_corrected_version_does_not_restart_the_clock(complete, world) -> None:  # type: ignore[no-untyped-def]
    from samtrygg.situation.models import SituationVersion

    first = complete["version"]
    SituationVersion.objects.create(
        report=first.report,
        number=2,
        published_by=world.user("analyst"),
        title=first.title,
        period_kind=first.period_kind,
        period_start=first.period_start,
        period_end=first.period_end,
        parameters={},
        figures={},
        public={},
        sections={},
        signatures=[],
        data_scope={},
        content_hash="1" * 64,
    )
    status = compliance_status(today=complete["today"])
    assert status.situation.number == 2  # type: ignore[union-attr]
    assert status.situation_next_due == add_months(timezone.localdate(first.published_at), 24)
    assert status.plan_based_on_current  # based on version 1 of the same report


def test_quarterly_pictures_are_not_the_lagesbild_of_the_law(world) -> None:  # type: ignore[no-untyped-def]
    f.situation_version(world.user("analyst"), days=90)
    assert "situation_missing" in codes(compliance_status())


def test_plan_warnings(complete, world) -> None:  # type: ignore[no-untyped-def]
    plan, today = complete["plan"], complete["today"]
    assert "plan_ends_soon" in codes(
        compliance_status(today=plan.period_end - dt.timedelta(days=10))
    )
    expired = compliance_status(today=plan.period_end + dt.timedelta(days=1))
    assert "plan_expired" in codes(expired)
    assert "plan_review_overdue" in codes(
        compliance_status(today=plan.next_review + dt.timedelta(days=1))
    )
    # A newer lägesbild than the one the plan was decided from.
    f.situation_version(world.user("analyst"))
    assert "plan_outdated" in codes(compliance_status(today=today))


def test_plan_adopted_without_a_lagesbild(world) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    plan = f.plan()
    services.action_plan_version_create(
        actor=member("coordinator"),
        plan=plan,
        adopted_by=world.organisations["board"],
        adoption_date=today,
    )
    status = compliance_status(today=today)
    assert "plan_without_situation" in codes(status) and "plan_missing" not in codes(status)
    # An adoption dated later than "today" does not count yet.
    assert "plan_missing" in codes(compliance_status(today=today - dt.timedelta(days=1)))


def test_coordination_and_commitment_warnings(complete, world) -> None:  # type: ignore[no-untyped-def]
    services.coordination_function_save(
        actor=member("coordinator"), organisation=world.organisations["municipality"]
    )
    status = compliance_status(today=complete["today"])
    assert {"coordination_contact_missing", "coordination_web_missing"} <= codes(status)
    agreement = f.agreement([world.organisations["municipality"], world.organisations["police"]])
    due = complete["today"] + dt.timedelta(days=30)
    services.commitment_create(
        actor=member("coordinator"),
        agreement=agreement,
        title="Veckomöten",
        owner=world.organisations["police"],
        due_date=due,
    )
    assert "commitments_overdue" not in codes(compliance_status(today=due))
    late = compliance_status(today=due + dt.timedelta(days=1))
    assert "commitments_overdue" in codes(late)
    assert any(d.overdue and "Veckomöten" in d.label for d in late.upcoming)


def test_tracker_readers(complete, world, client) -> None:  # type: ignore[no-untyped-def]
    url = reverse("actionplan:tracker")
    login(client, world.user("council_member"))  # a council member of the board
    response = client.get(url)
    assert response.status_code == 200
    assert "Samordningsfunktion" in response.content.decode()
    # A council member of another political body does not see it.
    other = User.objects.create(username="gsn-ledamot")
    committee = Organisation.objects.create(
        name="Grundskolenämnden", code="gsn-test", kind="political_body"
    )
    Membership.objects.create(user=other, organisation=committee, role="council_member")
    client.logout()
    login(client, other)
    assert client.get(url).status_code == 403
    # Without an executive board named, only the coordinator.
    services.coordination_function_save(
        actor=member("coordinator"),
        organisation=world.organisations["municipality"],
        executive_board=None,
    )
    client.logout()
    login(client, world.user("council_member"))
    assert client.get(url).status_code == 403


def test_start_page_cards(complete, world, client) -> None:  # type: ignore[no-untyped-def]
    login(client, world.user("council_member"))
    text = client.get(reverse("core:home")).content.decode()
    assert "SFS 2023:196" in text and "Handlingsplan" in text
    client.logout()
    login(client, world.user("reporter"))
    text = client.get(reverse("core:home")).content.decode()
    assert "SFS 2023:196" not in text


def test_start_page_and_tracker_say_the_same(complete, world, client) -> None:  # type: ignore[no-untyped-def]
    """The start page's card and the tracker render one status: the same warnings, the same
    count of passed review dates (the card once said nothing was missing while the tracker
    listed warnings and late dates)."""
    services.coordination_function_save(
        actor=member("coordinator"),
        organisation=world.organisations["municipality"],
        executive_board=world.organisations["board"],
    )
    agreement = f.agreement([world.organisations["municipality"], world.organisations["police"]])
    for title in ("Veckomöten", "Trygghetsvandring"):
        services.commitment_create(
            actor=member("coordinator"),
            agreement=agreement,
            title=title,
            owner=world.organisations["police"],
            due_date=complete["today"] - dt.timedelta(days=3),
        )
    status = compliance_status(today=complete["today"])
    assert status.warnings and len(status.overdue_dates) == 2

    login(client, world.user("council_member"))
    home = client.get(reverse("core:home")).content.decode()
    tracker = client.get(reverse("actionplan:tracker")).content.decode()

    def said(html: str) -> tuple[list[str], list[str]]:
        block = html.split('<ul class="warnings">', 1)[1].split("</ul>", 1)[0]
        warnings = [re.sub(r"<[^>]+>", "", li).strip() for li in block.split("<li")[1:]]
        late = re.findall(r'<p class="overdue-dates">(.*?)</p>', html)
        return warnings, late

    assert said(home) == said(tracker)
    warnings, late = said(home)
    assert len(warnings) == len(status.warnings)
    assert late == ["2 granskningsdatum har passerats."]
