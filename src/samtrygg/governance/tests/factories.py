"""Named builders for governance tests (services underneath, so objects are valid)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from samtrygg.governance import services
from samtrygg.governance.models import Council, Decision, Meeting, MeetingStatus
from samtrygg.testing.actors import member


def council(name: str = "Testrådet", slug: str = "testradet", **kwargs: Any) -> Council:
    return services.council_create(
        actor=member("coordinator"),
        name=name,
        slug=slug,
        kind=kwargs.pop("kind", "decision_council"),
        **kwargs,
    )


def meeting_at(c: Council, start: datetime, hours: int = 2, **kwargs: Any) -> Meeting:
    return services.meeting_create(
        actor=member("coordinator"),
        council=c,
        starts_at=start,
        ends_at=start + timedelta(hours=hours),
        **kwargs,
    )


def local(day: date, hour: int = 13) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def held_meeting(c: Council, days_ago: int, **kwargs: Any) -> Meeting:
    m = meeting_at(c, local(timezone.localdate() - timedelta(days=days_ago)), **kwargs)
    return services.meeting_set_status(
        actor=member("coordinator"), meeting=m, status=MeetingStatus.HELD
    )


def planned_meeting(c: Council, days_ahead: int, **kwargs: Any) -> Meeting:
    return meeting_at(c, local(timezone.localdate() + timedelta(days=days_ahead)), **kwargs)


def decision(
    m: Meeting, org: Any, *, due_in: int | None = 30, title: str = "Beslut", **kwargs: Any
) -> Decision:
    due = timezone.localdate(m.starts_at) + timedelta(days=due_in) if due_in is not None else None
    return services.decision_create(
        actor=member("coordinator"),
        meeting=m,
        title=title,
        text=f"{title}: text.",
        owner_organisation=org,
        due_date=due,
        **kwargs,
    )
