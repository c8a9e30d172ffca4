"""iCalendar feeds: valid RFC 5545 (parsed by `icalendar`), stable UIDs, SEQUENCE, time zones."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samtrygg.governance import services
from samtrygg.governance.models import MeetingStatus
from samtrygg.governance.tests import factories as f
from samtrygg.testing.actors import member

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _feed(client: Client, council) -> icalendar.Calendar:  # type: ignore[no-untyped-def]
    url = reverse(
        "governance:council_feed", kwargs={"slug": council.slug, "token": council.feed_token}
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def _events(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}  # type: ignore[misc]


def test_feed_is_valid_and_keeps_uid_while_sequence_rises() -> None:
    council = f.council()
    summer = f.meeting_at(
        council, datetime(2031, 6, 12, 13, 0, tzinfo=STOCKHOLM), location="Stadshuset"
    )
    client = Client()  # no log-in: the token is the key
    cal = _feed(client, council)
    assert cal["VERSION"] == "2.0" and "Samtrygg" in str(cal["PRODID"])
    ((uid, event),) = _events(cal).items()
    assert uid == f"{summer.uid}@samtrygg"
    assert int(event["SEQUENCE"]) == 0  # type: ignore[arg-type]
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["LOCATION"]) == "Stadshuset"
    # Timed meetings are local Stockholm time with a TZID and a VTIMEZONE (summer: UTC+2).
    start = event.decoded("DTSTART")
    assert start == datetime(2031, 6, 12, 13, 0, tzinfo=STOCKHOLM)
    assert start.utcoffset() == timedelta(hours=2)
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    assert cal.get_missing_tzids() == set()

    # Move it: same UID, higher SEQUENCE, new time.
    services.meeting_update(
        actor=member("coordinator"),
        meeting=summer,
        starts_at=datetime(2031, 6, 19, 9, 0, tzinfo=STOCKHOLM),
        ends_at=datetime(2031, 6, 19, 11, 0, tzinfo=STOCKHOLM),
        all_day=False,
        title="Sommarmöte",
        location="Stadshuset",
        is_public=True,
    )
    event = _events(_feed(client, council))[uid]
    assert int(event["SEQUENCE"]) == 1  # type: ignore[arg-type]
    assert event.decoded("DTSTART") == datetime(2031, 6, 19, 9, 0, tzinfo=STOCKHOLM)
    assert "Sommarmöte" in str(event["SUMMARY"])

    # Saving without a change does not raise it; another change does.
    services.meeting_update(
        actor=member("coordinator"),
        meeting=summer,
        starts_at=summer.starts_at,
        ends_at=summer.ends_at,
        all_day=False,
        title="Sommarmöte",
        location="Stadshuset",
        is_public=True,
    )
    assert int(_events(_feed(client, council))[uid]["SEQUENCE"]) == 1  # type: ignore[arg-type]

    # Cancelling keeps the event, marks it cancelled and raises the sequence again.
    services.meeting_set_status(
        actor=member("coordinator"), meeting=summer, status=MeetingStatus.CANCELLED, note="Sjukdom"
    )
    event = _events(_feed(client, council))[uid]
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 2  # type: ignore[arg-type]
    assert "Sjukdom" in str(event["DESCRIPTION"])


def test_winter_time_and_all_day_meetings() -> None:
    council = f.council()
    winter = f.meeting_at(council, datetime(2031, 1, 15, 17, 30, tzinfo=STOCKHOLM))
    start, end = services.all_day_span(date(2031, 6, 3), date(2031, 6, 4))
    day = services.meeting_create(
        actor=member("coordinator"), council=council, starts_at=start, ends_at=end, all_day=True
    )
    events = _events(_feed(Client(), council))
    timed = events[f"{winter.uid}@samtrygg"]
    assert timed.decoded("DTSTART").utcoffset() == timedelta(hours=1)
    assert timed.decoded("DTSTART").astimezone(ZoneInfo("UTC")).hour == 16
    all_day = events[f"{day.uid}@samtrygg"]
    # DATE values (no time), DTEND exclusive: a two-day meeting ends the day after.
    assert all_day["DTSTART"].params.get("VALUE") == "DATE"
    assert all_day.decoded("DTSTART") == date(2031, 6, 3)
    assert all_day.decoded("DTEND") == date(2031, 6, 5)
    assert not isinstance(all_day.decoded("DTSTART"), datetime)
    raw = _feed(Client(), council).to_ical().decode()
    assert "DTSTART;VALUE=DATE:20310603" in raw
    assert "DTSTART;TZID=Europe/Stockholm:20310115T173000" in raw


def test_all_day_meeting_must_run_midnight_to_midnight() -> None:
    council = f.council()
    start = timezone.make_aware(datetime(2031, 6, 3, 9, 0))
    with pytest.raises(ValidationError) as exc:
        services.meeting_create(
            actor=member("coordinator"),
            council=council,
            starts_at=start,
            ends_at=start + timedelta(hours=3),
            all_day=True,
        )
    assert set(exc.value.error_dict) == {"all_day"}


def test_wrong_or_old_token_is_404() -> None:
    council = f.council()
    f.planned_meeting(council, 10)
    client = Client()
    good = reverse(
        "governance:council_feed", kwargs={"slug": council.slug, "token": council.feed_token}
    )
    wrong = reverse("governance:council_feed", kwargs={"slug": council.slug, "token": "x" * 43})
    other = reverse(
        "governance:council_feed", kwargs={"slug": "other", "token": council.feed_token}
    )
    assert client.get(good).status_code == 200
    assert client.get(wrong).status_code == 404
    assert client.get(other).status_code == 404
    services.council_feed_token_rotate(actor=member("coordinator"), council=council)
    assert client.get(good).status_code == 404
    council.refresh_from_db()
    new = reverse(
        "governance:council_feed", kwargs={"slug": council.slug, "token": council.feed_token}
    )
    assert client.get(new).status_code == 200


def test_public_feed_has_public_meetings_only_without_details() -> None:
    council = f.council()
    public = f.planned_meeting(council, 10, is_public=True)
    private = f.planned_meeting(council, 20, is_public=False)
    cancelled = f.planned_meeting(council, 30, is_public=True)
    services.meeting_set_status(
        actor=member("coordinator"),
        meeting=cancelled,
        status=MeetingStatus.CANCELLED,
        note="Internt",
    )
    response = Client().get(reverse("governance:public_feed"))
    assert response.status_code == 200
    cal = icalendar.Calendar.from_ical(response.content)
    events = _events(cal)
    assert set(events) == {f"{public.uid}@samtrygg", f"{cancelled.uid}@samtrygg"}
    assert f"{private.uid}" not in response.content.decode()
    assert str(events[f"{cancelled.uid}@samtrygg"]["STATUS"]) == "CANCELLED"
    # No descriptions, no internal reasons, and links to the public page only.
    assert "Internt" not in response.content.decode()
    assert all("DESCRIPTION" not in e for e in events.values())
    assert all("/governance/public/meetings/" in str(e["URL"]) for e in events.values())


def test_empty_feed_is_still_a_valid_calendar() -> None:
    council = f.council()
    cal = _feed(Client(), council)
    assert list(cal.walk("VEVENT")) == []
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    assert str(cal["X-WR-CALNAME"]) == "Testrådet"
