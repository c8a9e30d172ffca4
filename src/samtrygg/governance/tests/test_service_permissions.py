"""The governance services check who acts, whoever calls them: the coordinator manages,
a seated member records decisions, the owner of a decision follows it up, and others are
refused — nothing is written for them."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from samtrygg.governance import services
from samtrygg.governance.models import Council, Decision, DecisionNote, Meeting
from samtrygg.governance.tests import factories as f
from samtrygg.testing.matrix import World


def test_only_the_coordinator_manages_councils_and_meetings(world: World) -> None:
    for actor in ("council_member", "analyst", "police", "outsider"):
        with pytest.raises(PermissionDenied):
            services.council_create(
                actor=world.user(actor), name="Rådet", slug="radet", kind="decision_council"
            )
    council = services.council_create(
        actor=world.user("coordinator"), name="Rådet", slug="radet", kind="decision_council"
    )
    meeting = f.planned_meeting(council, days_ahead=7)
    with pytest.raises(PermissionDenied):
        services.agenda_item_create(actor=world.user("council_member"), meeting=meeting, title="X")
    assert Council.objects.count() == 1 and not meeting.agenda_items.exists()


def test_a_seated_member_records_decisions_and_an_outsider_does_not(world: World) -> None:
    council = f.council()
    services.seat_create(
        actor=world.user("coordinator"),
        council=council,
        role="member",
        title="Ledamot",
        user=world.user("council_member"),
        term_start=date(2020, 1, 1),
    )
    meeting = f.held_meeting(council, days_ago=1)
    decision = services.decision_create(
        actor=world.user("council_member"),
        meeting=meeting,
        title="Belysning",
        text="Ja.",
        owner_organisation=world.organisations["housing"],
    )
    assert decision.number == 1
    with pytest.raises(PermissionDenied):
        services.decision_create(
            actor=world.user("outsider"),
            meeting=meeting,
            title="Kameror",
            text="Ja.",
            owner_organisation=world.organisations["housing"],
        )
    assert Decision.objects.count() == 1 and Meeting.objects.count() == 1


def test_the_owner_follows_up_a_decision_and_others_may_not(world: World) -> None:
    meeting = f.held_meeting(f.council(), days_ago=1)
    decision = f.decision(meeting, world.organisations["housing"])
    services.decision_follow_up(actor=world.user("reporter"), decision=decision, text="Påbörjat.")
    with pytest.raises(PermissionDenied):
        services.decision_follow_up(actor=world.user("outsider"), decision=decision, text="Nej.")
    note = DecisionNote.objects.get()
    assert note.author == world.user("reporter")
