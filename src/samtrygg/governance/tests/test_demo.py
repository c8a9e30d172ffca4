"""The demo councils: Trygghetsrådet's seats exactly as the seed describes them."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from django.utils import timezone

from samtrygg.accounts import demo as accounts_demo
from samtrygg.core.demo_support import DemoContext
from samtrygg.governance import demo as governance_demo
from samtrygg.governance.models import (
    Council,
    CouncilSeat,
    Decision,
    DecisionStatus,
    Goal,
    Meeting,
    MeetingStatus,
)
from samtrygg.governance.rules import seated_council_ids

pytestmark = pytest.mark.django_db

PRESIDIUM = {"chair", "first_vice_chair", "second_vice_chair"}


def test_demo_councils() -> None:
    """One build (it takes a few seconds), checked in parts, then built again."""
    ctx = DemoContext(out=io.StringIO(), quick=True)
    accounts_demo.build(ctx)
    governance_demo.build(ctx)
    check_trygghetsradet_seats_as_the_seed_describes()
    check_varna_seats_civil_society_and_business()
    check_demo_users_see_their_councils_by_seat()
    check_two_years_of_meetings_decisions_in_every_status_and_goals()
    check_second_run_creates_nothing()


def check_trygghetsradet_seats_as_the_seed_describes() -> None:
    tr = Council.objects.get(slug="trygghetsradet")
    seats = list(CouncilSeat.objects.filter(council=tr).select_related("organisation", "user"))
    by_role = Counter(s.role for s in seats)
    assert by_role == {"co_chair": 2, "member": 11, "secretary": 1}

    co_chairs = {
        (s.organisation.code, s.title, s.user.username)  # type: ignore[union-attr]
        for s in seats
        if s.role == "co_chair"
    }
    assert co_chairs == {
        ("ks-vasteras", "Kommunstyrelsens ordförande", "ledamot"),
        ("lpo-vasteras", "Lokalpolisområdeschef", "polis"),
    }
    # The presidia: chair and both vice chairs of the four bodies; the executive board's
    # chair sits as co-chair, so two of its presidium are members.
    presidia = {
        (s.organisation.code, s.body_position)  # type: ignore[union-attr]
        for s in seats
        if s.body_position in PRESIDIUM
    }
    expected = {
        (code, pos)
        for code in ("ks-vasteras", "gsn-vasteras", "iff-vasteras", "ifn-vasteras")
        for pos in PRESIDIUM
    }
    assert presidia == expected
    members = [s for s in seats if s.role == "member"]
    assert all(s.organisation.kind == "political_body" for s in members)  # type: ignore[union-attr]
    assert all(s.user is None and s.contact_name == "" for s in members)  # titles, not names
    assert {s.title for s in members} >= {
        "Grundskolenämndens 1:e vice ordförande",
        "Individ- och familjenämndens ordförande",
        "Idrotts-, fritids- och förebyggandenämndens 2:e vice ordförande",
    }
    (secretary,) = [s for s in seats if s.role == "secretary"]
    assert (secretary.organisation.code, secretary.user.username) == ("slk-vasteras", "samordnare")  # type: ignore[union-attr]
    today = timezone.localdate()
    assert all(s.is_active_on(today) for s in seats)


def check_varna_seats_civil_society_and_business() -> None:
    varna = Council.objects.get(slug="varna-vasteras")
    kinds = Counter(
        s.organisation.kind  # type: ignore[union-attr]
        for s in varna.seats.select_related("organisation")
        if s.role == "member"
    )
    assert kinds["business"] >= 3 and kinds["association"] >= 3


def check_demo_users_see_their_councils_by_seat() -> None:
    from samtrygg.accounts.models import User
    from samtrygg.core.permissions import Permissions

    ids = {c.slug: c.pk for c in Council.objects.all()}

    def seated(username: str) -> set[str]:
        perms = Permissions(User.objects.get(username=username))
        return {slug for slug, pk in ids.items() if pk in seated_council_ids(perms)}

    assert seated("ledamot") == {"trygghetsradet"}
    assert seated("polis") == {"trygghetsradet", "varna-vasteras"}
    assert seated("rapportor") == {"varna-vasteras"}
    assert seated("analytiker") == set()
    assert seated("handlaggare") == set()


def check_two_years_of_meetings_decisions_in_every_status_and_goals() -> None:
    now = timezone.now()
    tr = Council.objects.get(slug="trygghetsradet")
    meetings = Meeting.objects.filter(council=tr)
    assert meetings.filter(starts_at__gt=now, status=MeetingStatus.PLANNED).count() >= 2
    held = meetings.filter(status__in=["held", "minutes_approved"])
    assert held.count() >= 6
    first = meetings.order_by("starts_at").first()
    assert first is not None and (now - first.starts_at).days > 600
    assert meetings.filter(status=MeetingStatus.CANCELLED).exists()
    assert all(m.minutes for m in held)
    assert all(m.agenda_items.exists() for m in meetings)

    statuses = Counter(Decision.objects.values_list("status", flat=True))
    assert set(statuses) == set(DecisionStatus.values)
    assert any(d.is_overdue() for d in Decision.objects.all())
    areas = set(Goal.objects.filter(council=tr).values_list("focus_area__code", flat=True))
    assert areas == {"strategic", "youth", "victims", "exit"}
    assert all(g.progress_notes.exists() for g in Goal.objects.all())


def check_second_run_creates_nothing() -> None:
    counts = (Meeting.objects.count(), Decision.objects.count(), CouncilSeat.objects.count())
    again = DemoContext(out=io.StringIO(), quick=True)
    accounts_demo.build(again)
    governance_demo.build(again)
    assert again.created == {}
    assert (
        Meeting.objects.count(),
        Decision.objects.count(),
        CouncilSeat.objects.count(),
    ) == counts
