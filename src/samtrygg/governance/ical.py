"""iCalendar (RFC 5545) feeds of meetings.

Each meeting is one VEVENT whose UID never changes (``<meeting uuid>@samtrygg``) and
whose SEQUENCE is the meeting's revision, raised by every change; a cancelled meeting
stays in the feed with ``STATUS:CANCELLED`` so subscribed calendars remove it. Timed
meetings carry ``TZID`` with a VTIMEZONE for the site's zone (Europe/Stockholm);
all-day meetings use DATE values with an exclusive DTEND.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone

from samtrygg.governance.models import Meeting, MeetingStatus

PRODID = "-//Samtrygg//Governance//SV"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def meeting_uid(meeting: Meeting) -> str:
    return f"{meeting.uid}@samtrygg"


def _status(meeting: Meeting) -> str:
    return "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED"


def build_calendar(
    *,
    meetings: Iterable[Meeting],
    name: str,
    url_for: Callable[[Meeting], str] | None = None,
    description_for: Callable[[Meeting], str] | None = None,
) -> bytes:
    """The feed as bytes. ``url_for``/``description_for`` add URL and DESCRIPTION."""
    zone = ZoneInfo(settings.TIME_ZONE)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    # How often subscribed clients should look again (RFC 7986, and Outlook's name for it).
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    first: date | None = None
    last: date | None = None
    for meeting in meetings:
        event = icalendar.Event()
        event.add("uid", meeting_uid(meeting))
        event.add("sequence", meeting.sequence)
        event.add("dtstamp", meeting.updated_at.astimezone(ZoneInfo("UTC")))
        event.add("created", meeting.created_at.astimezone(ZoneInfo("UTC")))
        event.add("last-modified", meeting.updated_at.astimezone(ZoneInfo("UTC")))
        summary = f"{meeting.council.name}: {meeting.display_title}"
        event.add("summary", summary)
        start = meeting.starts_at.astimezone(zone)
        end = meeting.ends_at.astimezone(zone)
        if meeting.all_day:
            event.add("dtstart", start.date())
            event.add("dtend", end.date())
            event.add("transp", "TRANSPARENT")
        else:
            event.add("dtstart", start)
            event.add("dtend", end)
        if meeting.location:
            event.add("location", meeting.location)
        event.add("status", _status(meeting))
        description = description_for(meeting) if description_for else ""
        if description:
            event.add("description", description)
        if url_for is not None:
            event.add("url", url_for(meeting))
        cal.add_component(event)
        first = min(first, start.date()) if first else start.date()
        last = max(last, end.date()) if last else end.date()
    if first is not None and last is not None:
        cal.add_missing_timezones(
            first_date=first - timedelta(days=366), last_date=last + timedelta(days=366)
        )
    else:
        # RFC 5545 wants at least one component: an empty feed carries the time zone.
        today = timezone.localdate()
        cal.add_component(
            icalendar.Timezone.from_tzid(
                settings.TIME_ZONE,
                first_date=today - timedelta(days=366),
                last_date=today + timedelta(days=731),
            )
        )
    return bytes(cal.to_ical())


def feed_filename(name: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in name.lower()).strip("-")
    return f"{safe or 'calendar'}.ics"
