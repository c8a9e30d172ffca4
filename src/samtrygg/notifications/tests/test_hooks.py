"""What the other apps tell whom: decisions and commitments assigned and due, a seat's
mandate ending, feedback on a report, a lägesbild waiting for signature and published."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from samtrygg.governance import services as governance
from samtrygg.governance.models import CouncilSeat, MeetingStatus
from samtrygg.governance.tests import factories as gov
from samtrygg.incidents.models import Category
from samtrygg.incidents.services import IncidentInput, incident_create, incident_feedback_set
from samtrygg.notifications.models import Notification, PublicChange
from samtrygg.notifications.services import daily_run
from samtrygg.situation import services as situation
from samtrygg.situation.tests.factories import ReportFactory
from samtrygg.testing.matrix import World

pytestmark = pytest.mark.django_db


def _titles(user: Any, kind: str) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user, kind=kind)
        .order_by("pk")
        .values_list("title", flat=True)
    )


def test_a_decision_tells_its_owners_once_and_a_new_owner_again(world: World) -> None:
    council = gov.council()
    meeting = gov.held_meeting(council, days_ago=1)
    decision = gov.decision(meeting, world.organisations["housing"], title="Belysning i tunnlar")
    assert _titles(world.user("reporter"), "governance.decision_assigned") == [
        "Beslut som tilldelats dig: Belysning i tunnlar"
    ]
    n = Notification.objects.get(recipient=world.user("reporter"))
    assert n.url == f"/governance/decisions/{decision.pk}/"
    assert "Klart senast" in n.body
    governance.decision_update(
        actor=world.user("coordinator"),
        decision=decision,
        title=decision.title,
        text="Ny text.",
        rationale="",
        owner_organisation=world.organisations["housing"],
        owner_user=None,
        due_date=decision.due_date,
    )
    assert Notification.objects.filter(kind="governance.decision_assigned").count() == 1
    governance.decision_update(
        actor=world.user("coordinator"),
        decision=decision,
        title=decision.title,
        text="Ny text.",
        rationale="",
        owner_organisation=None,
        owner_user=world.user("police"),
        due_date=decision.due_date,
    )
    assert _titles(world.user("police"), "governance.decision_assigned") == [
        "Beslut som tilldelats dig: Belysning i tunnlar"
    ]


def test_due_and_overdue_reminders_are_sent_once_each(world: World) -> None:
    council = gov.council()
    meeting = gov.held_meeting(council, days_ago=10)
    gov.decision(meeting, world.organisations["housing"], due_in=20, title="Klotter")
    today = timezone.localdate()  # the decision is due in ten days
    daily_run(today=today)
    daily_run(today=today + dt.timedelta(days=2))
    assert _titles(world.user("reporter"), "governance.decision_due") == []
    daily_run(today=today + dt.timedelta(days=3))  # a week before
    daily_run(today=today + dt.timedelta(days=4))
    (soon,) = _titles(world.user("reporter"), "governance.decision_due")
    assert soon.startswith("Klart senast") and soon.endswith(": Klotter")
    daily_run(today=today + dt.timedelta(days=11))
    daily_run(today=today + dt.timedelta(days=12))
    first, second = _titles(world.user("reporter"), "governance.decision_due")
    assert first == soon and second.startswith("Försenat sedan")


def test_a_seat_whose_mandate_ends_before_the_next_meeting(world: World) -> None:
    council = gov.council()
    gov.planned_meeting(council, days_ahead=40)
    today = timezone.localdate()
    CouncilSeat.objects.create(
        council=council,
        role="member",
        title="Grundskolenämndens ordförande",
        user=world.user("council_member"),
        term_start=today - dt.timedelta(days=700),
        term_end=today + dt.timedelta(days=20),
    )
    CouncilSeat.objects.create(
        council=council,
        role="member",
        title="Kommunpolis",
        term_start=today - dt.timedelta(days=700),
        term_end=today + dt.timedelta(days=60),
    )
    daily_run(today=today)
    daily_run(today=today + dt.timedelta(days=1))
    for actor in ("coordinator", "council_member"):
        (title,) = _titles(world.user(actor), "governance.mandate_ending")
        assert title.startswith("Grundskolenämndens ordförande: mandatet löper ut")
    assert _titles(world.user("police"), "governance.mandate_ending") == []


def test_public_meeting_dates_and_minutes_become_public_changes(world: World) -> None:
    council = gov.council()
    ahead = gov.planned_meeting(council, days_ahead=30)
    hidden = gov.planned_meeting(council, days_ahead=31, is_public=False)
    change = PublicChange.objects.get(key=f"meeting:{ahead.pk}:0")
    assert change.category == "meetings" and change.council_ids == [council.pk]
    assert not PublicChange.objects.filter(key__startswith=f"meeting:{hidden.pk}:").exists()
    held = gov.held_meeting(council, days_ago=2)
    governance.meeting_minutes_update(
        actor=world.user("coordinator"),
        meeting=held,
        minutes="Protokoll.",
        minutes_public=True,
        other_attendees="",
    )
    governance.meeting_set_status(
        actor=world.user("coordinator"), meeting=held, status=MeetingStatus.MINUTES_APPROVED
    )
    minutes = PublicChange.objects.get(key=f"minutes:{held.pk}")
    assert minutes.title.startswith("Protokoll från Testrådet")
    assert minutes.url == f"/governance/public/meetings/{held.pk}/"


def test_the_reporter_hears_about_feedback_on_their_report(world: World) -> None:
    incident = incident_create(
        actor=world.user("reporter"),
        data=IncidentInput(
            source_organisation=world.organisations["housing"],
            category=Category.objects.get(code="otrygg-belysning"),
            occurred_from=timezone.now() - dt.timedelta(days=2),
            lon=16.55,
            lat=59.61,
        ),
    )
    coordinator = world.user("coordinator")
    incident_feedback_set(
        actor=coordinator, incident=incident, status="action_taken", feedback="Lampan är lagad."
    )
    incident_feedback_set(
        actor=coordinator, incident=incident, status="closed", feedback="Lampan är lagad."
    )
    (n,) = Notification.objects.filter(recipient=world.user("reporter"))
    assert n.kind == "incidents.feedback"
    assert n.title.startswith("Återkoppling på din rapport:")
    assert n.body == "Lampan är lagad."
    assert n.url == "/incidents/mine/"


def test_a_report_in_review_asks_the_signers_and_publishing_tells_readers(world: World) -> None:
    report = ReportFactory.create_signed(world)
    # The analyst sent it: the coordinator (municipality) and the police may sign.
    signers = set(
        Notification.objects.filter(kind="situation.signature_wanted").values_list(
            "recipient__username", flat=True
        )
    )
    assert signers == {"test-coordinator", "test-police"}
    version = situation.report_publish(actor=world.user("coordinator"), report=report)
    readers = set(
        Notification.objects.filter(kind="situation.published").values_list(
            "recipient__username", flat=True
        )
    )
    assert readers == {"test-coordinator", "test-analyst", "test-police", "test-council_member"}
    change = PublicChange.objects.get(key=f"situation-version:{version.pk}")
    assert change.category == "situation" and change.url.endswith(f"?version={version.pk}")
