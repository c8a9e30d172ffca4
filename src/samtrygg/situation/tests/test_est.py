"""The weekly EST view: this week against the four before and a year earlier; the note."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from samtrygg.situation import services
from samtrygg.situation.est import est_overview
from samtrygg.situation.models import WeeklyNote
from samtrygg.testing.matrix import login

pytestmark = pytest.mark.django_db


def test_week_against_four_weeks_before_and_last_year(town) -> None:  # type: ignore[no-untyped-def]
    o = est_overview(user=town.world.user("analyst"), day=dt.date(2026, 3, 18))
    assert (o["week"].start, o["week"].end) == (dt.date(2026, 3, 16), dt.date(2026, 3, 22))
    assert o["before"] == (dt.date(2026, 2, 16), dt.date(2026, 3, 15))
    assert o["days"] == 7
    rows = {r["code"]: r for r in o["rows"]}
    # this week: vandalism 16 March, burglaries 20 and 21 March
    assert rows["skadegorelse"]["this_week"] == 1 and rows["inbrott-bostad"]["this_week"] == 2
    # four weeks before: vandalism 2 and 9 March and the police notice of 5 March → 3/4
    assert rows["skadegorelse"]["weeks_before_mean"] == 0.8  # 0.75 rounded to one decimal
    # ISO week 12 of 2025 (17–23 March): one; the four weeks before it: 3 and 10 March
    assert rows["skadegorelse"]["last_year"] == 1
    assert rows["skadegorelse"]["last_year_before_mean"] == 0.5
    assert o["totals"]["this_week"] == 3
    vs = o["totals"]["vs_before"]
    assert (vs.reference, vs.covered_days, vs.reference_covered_days, vs.withheld) == (
        3,
        7,
        28,
        False,
    )
    # the burglary with a burglary 60 m away the day before is a priority place
    alerts = [p for p in o["places"] if p["kind"] == "near_repeat"]
    assert [a["area"] for a in alerts] == ["T10"]


def test_a_week_not_over_is_compared_per_day(town) -> None:  # type: ignore[no-untyped-def]
    o = est_overview(
        user=town.world.user("analyst"), day=dt.date(2026, 3, 16), today=dt.date(2026, 3, 17)
    )
    # two days of seven: less than half the week has passed, so nothing is compared yet
    assert o["days"] == 2 and not o["complete"]
    vs = o["totals"]["vs_before"]
    assert vs.withheld and vs.change_pct is None and vs.p_value is None and not vs.significant
    o = est_overview(
        user=town.world.user("analyst"), day=dt.date(2026, 3, 16), today=dt.date(2026, 3, 19)
    )
    assert o["days"] == 4
    # one incident in the week's four days so far (16 March) against three in 28 days
    vs = o["totals"]["vs_before"]
    assert (vs.count, vs.reference, vs.withheld) == (1, 3, False)
    assert vs.rate_ratio == pytest.approx((1 / 4) / (3 / 28), rel=1e-3)


def test_meeting_note(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.weekly_note_save(
            actor=world.user("police"), week_start=dt.date(2026, 3, 18), body="x"
        )
    with pytest.raises(ValidationError):
        services.weekly_note_save(
            actor=world.user("analyst"), week_start=dt.date(2026, 3, 18), body=" "
        )
    note = services.weekly_note_save(
        actor=world.user("analyst"), week_start=dt.date(2026, 3, 18), body="Fokus: resecentrum."
    )
    assert note.week_start == dt.date(2026, 3, 16)  # the Monday
    services.weekly_note_save(
        actor=world.user("coordinator"), week_start=dt.date(2026, 3, 16), body="Fokus: Bäckby."
    )
    note.refresh_from_db()
    assert WeeklyNote.objects.count() == 1
    assert note.body == "Fokus: Bäckby." and note.updated_by == world.user("coordinator")
    assert note.author == world.user("analyst")
    page = login(Client(), world.user("police")).get(
        reverse("situation:est"), {"week": "2026-03-17"}
    )
    assert "Fokus: Bäckby." in page.content.decode()
    assert 'name="body"' not in page.content.decode()  # the police read the note, don't write it
