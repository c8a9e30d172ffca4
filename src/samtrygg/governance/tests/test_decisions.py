"""Decisions followed to completion: overdue list, owners' lists, carry-forward until closed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from samtrygg.governance import selectors, services
from samtrygg.governance.models import AgendaItem, DecisionStatus, MeetingStatus
from samtrygg.governance.tests import factories as f
from samtrygg.testing.actors import member
from samtrygg.testing.matrix import World

pytestmark = pytest.mark.django_db


def _seat(council, user, role="member"):  # type: ignore[no-untyped-def]
    return services.seat_create(
        actor=member("coordinator"),
        council=council,
        role=role,
        title=f"Ledamot {user.username}",
        user=user,
        term_start=timezone.localdate() - timedelta(days=500),
    )


def _followed_up_at(meeting) -> set[int]:  # type: ignore[no-untyped-def]
    return set(
        AgendaItem.objects.filter(meeting=meeting, kind="follow_up").values_list(
            "follow_up_of_id", flat=True
        )
    )


def test_carry_forward_until_closed(world: World) -> None:
    council = f.council()
    org = world.organisations["housing"]
    first = f.held_meeting(council, days_ago=200)
    lighting = f.decision(first, org, title="Belysning", due_in=60)
    walks = f.decision(first, org, title="Trygghetsvandringar", due_in=300)
    dropped = f.decision(first, org, title="Kameror", due_in=60)
    services.decision_follow_up(
        actor=member("coordinator"), decision=dropped, text="Avförs.", status="cancelled"
    )

    # A meeting planned later pulls every open decision onto its agenda, once.
    second = f.meeting_at(council, f.local(timezone.localdate() - timedelta(days=100)))
    assert _followed_up_at(second) == {lighting.pk, walks.pk}
    assert services.decision_carry_forward(council=council) == 0  # idempotent
    items = list(second.agenda_items.filter(kind="follow_up").order_by("order"))
    assert [i.title for i in items] == ["Belysning", "Trygghetsvandringar"]

    # At the second meeting one is done; the other stays open and goes on to the third.
    services.decision_follow_up(
        actor=member("coordinator"),
        decision=lighting,
        text="Klart.",
        status="done",
        meeting=second,
        at=second.ends_at,
    )
    services.meeting_set_status(
        actor=member("coordinator"), meeting=second, status=MeetingStatus.HELD
    )
    third = f.planned_meeting(council, days_ahead=20)
    assert _followed_up_at(third) == {walks.pk}
    lighting.refresh_from_db()
    assert lighting.closed_on == timezone.localdate(second.ends_at)

    # Only the next meeting gets it; when that one is cancelled, the one after.
    fourth = f.planned_meeting(council, days_ahead=120)
    assert _followed_up_at(fourth) == set()  # the third comes first
    services.meeting_set_status(
        actor=member("coordinator"), meeting=third, status=MeetingStatus.CANCELLED
    )
    assert _followed_up_at(fourth) == {walks.pk}  # a cancelled meeting passes it on
    services.meeting_set_status(
        actor=member("coordinator"), meeting=third, status=MeetingStatus.PLANNED
    )

    # Closing a decision: it stays on the agenda where it already is (the council hears it
    # was done), and goes no further.
    services.decision_follow_up(
        actor=member("coordinator"), decision=walks, text="Genomförda.", status="done"
    )
    fifth = f.planned_meeting(council, days_ahead=200)
    assert _followed_up_at(fifth) == set()
    assert walks.pk in _followed_up_at(third)
    # The follow-up item cannot be removed by hand while it is there.
    with pytest.raises(ValidationError):
        services.agenda_item_delete(
            actor=member("coordinator"), item=third.agenda_items.get(follow_up_of=walks)
        )
    # The meeting pack lists the decisions followed up at the meeting.
    assert [d.pk for d in selectors.open_decisions_at(meeting=third)] == [walks.pk]


def test_overdue_list(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    council = f.council()
    _seat(council, world.user("council_member"))
    org = world.organisations["housing"]
    old = f.held_meeting(council, days_ago=100)
    late = f.decision(old, org, title="Sen", due_in=10)
    late_in_progress = f.decision(old, org, title="Pågår men sen", due_in=20)
    services.decision_follow_up(
        actor=member("coordinator"), decision=late_in_progress, text="Pågår.", status="in_progress"
    )
    done_late = f.decision(old, org, title="Klar", due_in=10)
    services.decision_follow_up(
        actor=member("coordinator"), decision=done_late, text="Klart.", status="done"
    )
    f.decision(old, org, title="I tid", due_in=200)
    f.decision(old, org, title="Utan datum", due_in=None)
    due_today = f.decision(old, org, title="I dag", due_in=100)
    assert due_today.due_date == timezone.localdate()

    overdue = selectors.decision_list_overdue(user=world.user("coordinator"))
    assert [d.title for d in overdue] == ["Sen", "Pågår men sen"]
    assert late.is_overdue() and not due_today.is_overdue()
    assert due_today.is_overdue(today=timezone.localdate() + timedelta(days=1))

    # The page shows the same, to a member of the council, and nothing to an outsider.
    url = reverse("governance:decision_list") + "?overdue=1"
    page = client_for("council_member").get(url).content.decode()
    assert "Sen" in page and "Pågår men sen" in page and "I tid" not in page
    assert "Sen" not in client_for("analyst").get(url).content.decode()


def test_owner_lists_and_follow_up_by_owner(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    council = f.council()
    meeting = f.held_meeting(council, days_ago=30)
    housing = f.decision(meeting, world.organisations["housing"], title="Bostadsbolagets")
    mine = f.decision(meeting, None, title="Polisens", owner_user=world.user("police"))
    closed = f.decision(meeting, world.organisations["housing"], title="Klart sedan länge")
    services.decision_follow_up(
        actor=member("coordinator"), decision=closed, text="Klart.", status="done"
    )

    reporter = world.user("reporter")  # a member of the housing company
    assert [d.title for d in selectors.decision_list_owned(user=reporter)] == ["Bostadsbolagets"]
    assert {d.title for d in selectors.decision_list_owned(user=reporter, include_closed=True)} == {
        "Bostadsbolagets",
        "Klart sedan länge",
    }
    assert [d.title for d in selectors.decision_list_owned(user=world.user("police"))] == [
        "Polisens"
    ]
    assert list(selectors.decision_list_owned(user=world.user("outsider"))) == []

    # The owner (no seat) follows the decision up through its page; others may not.
    client = client_for("reporter")
    page = client.get(reverse("governance:decision_mine")).content.decode()
    assert "Bostadsbolagets" in page and "Polisens" not in page
    url = reverse("governance:decision_detail", kwargs={"pk": housing.pk})
    response = client.post(url, {"status": "in_progress", "text": "Belysningen beställd."})
    assert response.status_code == 302
    housing.refresh_from_db()
    assert housing.status == DecisionStatus.IN_PROGRESS
    note = housing.notes.get()
    assert (note.status_from, note.status_to, note.author) == ("open", "in_progress", reporter)
    # The owner cannot open the council's meeting, nor another owner's decision.
    assert (
        client.get(reverse("governance:meeting_detail", kwargs={"pk": meeting.pk})).status_code
        == 404
    )
    other = reverse("governance:decision_detail", kwargs={"pk": mine.pk})
    assert client.get(other).status_code == 404
    assert client.post(other, {"text": "x"}).status_code == 404
    # An empty note is refused and nothing is saved.
    response = client.post(url, {"status": "done", "text": "  "})
    assert response.status_code == 400
    housing.refresh_from_db()
    assert housing.status == DecisionStatus.IN_PROGRESS


def test_decision_validation(world: World) -> None:
    council = f.council()
    meeting = f.held_meeting(council, days_ago=5)
    with pytest.raises(ValidationError) as exc:
        services.decision_create(actor=member("coordinator"), meeting=meeting, title="x", text="y")
    assert "owner_organisation" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        f.decision(meeting, world.organisations["housing"], due_in=-10)
    assert "due_date" in exc.value.error_dict
    cancelled = f.planned_meeting(council, days_ahead=5)
    services.meeting_set_status(
        actor=member("coordinator"), meeting=cancelled, status=MeetingStatus.CANCELLED
    )
    with pytest.raises(ValidationError):
        f.decision(cancelled, world.organisations["housing"])
    # Numbers count up per meeting.
    a = f.decision(meeting, world.organisations["housing"])
    b = f.decision(meeting, world.organisations["housing"])
    assert (a.number, b.number) == (1, 2)
    assert b.reference.startswith("§ 2, Testrådet ")


def test_api_lists_what_the_pages_show(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    council = f.council()
    _seat(council, world.user("police"))
    meeting = f.held_meeting(council, days_ago=100)
    late = f.decision(meeting, world.organisations["housing"], title="Sen", due_in=10)
    f.decision(meeting, world.organisations["municipality"], title="I tid", due_in=300)
    police = client_for("police")
    data = police.get(reverse("api:v1:governance-decision-list")).json()
    assert {d["title"] for d in data["results"]} == {"Sen", "I tid"}
    overdue = police.get(reverse("api:v1:governance-decision-list") + "?overdue=true").json()
    assert [(d["id"], d["overdue"], d["owner_organisation"]) for d in overdue["results"]] == [
        (late.pk, True, "bostad-test")
    ]

    # Without a seat, members of the responsible organisation see that decision only:
    # the housing company's reporter "Sen", the municipality's analyst "I tid".
    def titles(actor: str) -> list[str]:
        response = client_for(actor).get(reverse("api:v1:governance-decision-list"))
        return [d["title"] for d in response.json()["results"]]

    assert titles("reporter") == ["Sen"]
    assert titles("analyst") == ["I tid"]
    assert titles("outsider") == []
    meetings = police.get(reverse("api:v1:governance-meeting-list")).json()["results"]
    assert [m["uid"] for m in meetings] == [f"{meeting.uid}@samtrygg"]
    assert (
        client_for("reporter").get(reverse("api:v1:governance-meeting-list")).json()["count"] == 0
    )
