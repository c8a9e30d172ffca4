"""The meeting page and the meeting pack judge decisions on the same day and say the same:
a decision is "försenat" in both or in neither."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samtrygg.governance import selectors, services
from samtrygg.governance.models import Decision, Meeting
from samtrygg.governance.tests import factories as f
from samtrygg.governance.tests.test_documents import pdf_text
from samtrygg.testing.actors import member
from samtrygg.testing.matrix import World

pytestmark = pytest.mark.django_db


def page_overdue(client, meeting: Meeting, decisions: list[Decision]) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    """Per decision title: whether the meeting page marks it overdue."""
    page = client.get(reverse("governance:meeting_detail", kwargs={"pk": meeting.pk}))
    html = page.content.decode()
    found = {}
    for d in decisions:
        url = reverse("governance:decision_detail", kwargs={"pk": d.pk})
        line = re.search(rf'<p><a href="{re.escape(url)}">.*?</p>', html, re.S)
        assert line is not None, d.title
        found[d.title] = "badge overdue" in line.group(0)
    return found


def pack_overdue(meeting: Meeting, titles: list[str]) -> dict[str, bool]:
    """Per decision title: whether the meeting pack (the PDF's text) marks it overdue."""
    doc = services.meeting_pack_generate(actor=member("coordinator"), meeting=meeting)
    text = pdf_text(bytes(doc.pdf)).split("Beslut som följs upp", 1)[1].split("Ledamöter")[0]
    found = {}
    for title in titles:
        row = text.split(title, 1)[1].split("§", 1)[0]
        found[title] = "(försenat)" in row
    return found


def _decisions(world: World, days_ago: int) -> list[Decision]:
    council = f.council(name="Trygghetsrådet", slug="trygghetsradet")
    earlier = f.held_meeting(council, days_ago=days_ago)
    org = world.organisations["housing"]
    return [
        f.decision(earlier, org, title=title, due_in=days_ago + due_from_today)
        for title, due_from_today in (
            ("Alfabelysning", -10),
            ("Betaklotter", -2),
            ("Gammavandring", 5),
            ("Deltamöte", 40),
        )
    ]


def test_a_coming_meeting_judges_decisions_today_on_page_and_pack(  # type: ignore[no-untyped-def]
    world: World, client_for
) -> None:
    decisions = _decisions(world, days_ago=60)
    meeting = f.planned_meeting(decisions[0].meeting.council, days_ahead=14)
    titles = [d.title for d in decisions]
    on_page = page_overdue(client_for("coordinator"), meeting, decisions)
    in_pack = pack_overdue(meeting, titles)
    assert on_page == in_pack
    # Due in five days, before the meeting: not late yet; only what is past due today is.
    assert on_page == {
        "Alfabelysning": True,
        "Betaklotter": True,
        "Gammavandring": False,
        "Deltamöte": False,
    }
    assert selectors.decision_status_day(meeting=meeting) == timezone.localdate()


def test_a_past_meeting_judges_decisions_on_its_day_on_page_and_pack(  # type: ignore[no-untyped-def]
    world: World, client_for
) -> None:
    decisions = _decisions(world, days_ago=60)
    meeting = f.meeting_at(
        decisions[0].meeting.council, f.local(timezone.localdate() - timedelta(days=5))
    )
    titles = [d.title for d in decisions]
    on_page = page_overdue(client_for("coordinator"), meeting, decisions)
    in_pack = pack_overdue(meeting, titles)
    assert on_page == in_pack
    # Two days past due today, but not yet due at the meeting five days ago.
    assert on_page == {
        "Alfabelysning": True,
        "Betaklotter": False,
        "Gammavandring": False,
        "Deltamöte": False,
    }


def test_seats_whose_mandate_ends_before_a_meeting_are_vacant_on_page_and_pack(  # type: ignore[no-untyped-def]
    world: World, client_for
) -> None:
    council = f.council(name="Trygghetsrådet", slug="trygghetsradet")
    today = timezone.localdate()
    ends = today + timedelta(days=10)
    start = today - timedelta(days=400)

    def seat(title: str, user, term_end, term_start=start):  # type: ignore[no-untyped-def]
        return services.seat_create(
            actor=member("coordinator"),
            council=council,
            role="member",
            title=title,
            user=user,
            term_start=term_start,
            term_end=term_end,
        )

    seat("Ledamot A", world.user("council_member"), None)
    seat("Ledamot B", world.user("police"), ends)
    seat("Ledamot C", world.user("partner"), ends)
    # C has a successor from the day after: not vacant.
    seat("Ledamot C", world.user("reporter"), None, term_start=ends + timedelta(days=1))
    f.held_meeting(council, days_ago=30)
    meeting = f.planned_meeting(council, days_ahead=40)

    roster = selectors.seat_roster(meeting=meeting)
    assert [(line.seat.title, line.vacant) for line in roster] == [
        ("Ledamot A", False),
        ("Ledamot B", True),
        ("Ledamot C", False),
    ]
    page = client_for("coordinator").get(
        reverse("governance:meeting_detail", kwargs={"pk": meeting.pk})
    )
    html = page.content.decode()
    assert 'id="vacant-seats"' in html and "1 plats är vakant vid sammanträdet" in html
    assert html.count('class="vacant"') == 1 and "Vakant: mandatet upphörde" in html
    # A member reads the vacancy in the list, not the coordinator's call to act.
    assert (
        'id="vacant-seats"'
        not in client_for("council_member")
        .get(reverse("governance:meeting_detail", kwargs={"pk": meeting.pk}))
        .content.decode()
    )

    doc = services.meeting_pack_generate(actor=member("coordinator"), meeting=meeting)
    text = pdf_text(bytes(doc.pdf))
    assert "1 av 3 platser är vakanta vid sammanträdet" in text
    assert "Vakant (mandatet upphörde" in text
