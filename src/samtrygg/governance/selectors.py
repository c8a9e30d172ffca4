"""Reads for councils, meetings, decisions, goals and documents.

Functions that take ``user=`` filter through the permission resolver; the ``public_*``
functions return only what anyone may see (public meeting dates, approved public
minutes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from samtrygg.core.permissions import permissions_for
from samtrygg.governance.models import (
    HELD_STATUSES,
    OPEN_DECISION_STATUSES,
    AgendaAttachment,
    AgendaItem,
    Council,
    CouncilSeat,
    Decision,
    DecisionNote,
    FocusArea,
    GeneratedDocument,
    Goal,
    GoalProgressNote,
    GoalStatus,
    Meeting,
    MeetingStatus,
)
from samtrygg.governance.rules import owned_decisions_q, seated_council_ids

# --- councils and seats ------------------------------------------------------------------


def council_list(*, user: Any, include_inactive: bool = False) -> QuerySet[Council]:
    qs = Council.objects.all()
    if not include_inactive:
        qs = qs.filter(is_active=True)
    return permissions_for(user).filter_viewable(qs)


def seat_list(*, council: Council, on: date | None = None) -> list[CouncilSeat]:
    """The council's seats, active on ``on`` (all seats when ``on`` is None), in order."""
    qs = CouncilSeat.objects.filter(council=council).select_related("organisation", "user")
    if on is not None:
        qs = qs.filter(term_start__lte=on).filter(Q(term_end__isnull=True) | Q(term_end__gte=on))
    return sorted(qs, key=lambda s: s.sort_key)


@dataclass(frozen=True)
class SeatLine:
    """A seat as a meeting's page and pack list it: held on the meeting's day, or vacant
    (its mandate ended before the meeting and no one succeeded to it)."""

    seat: CouncilSeat
    vacant: bool


def seat_roster(*, meeting: Meeting, today: date | None = None) -> list[SeatLine]:
    """The seats at ``meeting``: those held on its day, and as vacant those held at the
    council's previous meeting (or today, whichever is earlier) whose mandate ends before
    it without a successor in the same role and title. A seat that simply disappears from
    the list would leave a quorum unexplained ("2 of 14 members" without a word)."""
    today = today or timezone.localdate()
    day = meeting.first_day
    previous = (
        Meeting.objects.filter(council=meeting.council, starts_at__lt=meeting.starts_at)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("-starts_at")
        .first()
    )
    since = min(today, previous.first_day if previous is not None else day)
    held = seat_list(council=meeting.council, on=day)
    taken = {(s.role, s.title) for s in held}
    ended: dict[tuple[str, str], CouncilSeat] = {}
    for seat in CouncilSeat.objects.filter(
        council=meeting.council, term_end__gte=since, term_end__lt=day
    ).select_related("organisation", "user"):
        key = (seat.role, seat.title)
        if key in taken:
            continue
        kept = ended.get(key)
        if kept is None or (kept.term_end or day) < (seat.term_end or day):
            ended[key] = seat
    lines = [SeatLine(s, False) for s in held] + [SeatLine(s, True) for s in ended.values()]
    return sorted(lines, key=lambda line: line.seat.sort_key)


def is_seated(*, user: Any, council: Council) -> bool:
    return council.pk in seated_council_ids(permissions_for(user))


@dataclass(frozen=True)
class YearSummary:
    """How a council's meetings in one year compare with its target."""

    year: int
    held: int
    planned: int
    cancelled: int
    target_min: int
    target_max: int
    meetings: tuple[Meeting, ...] = ()

    @property
    def expected(self) -> int:
        return self.held + self.planned

    @property
    def status(self) -> str:
        """``met`` (held enough), ``on_track`` (held + planned enough), ``below``."""
        if self.held >= self.target_min:
            return "met"
        if self.expected >= self.target_min:
            return "on_track"
        return "below"

    @property
    def above_max(self) -> bool:
        return self.expected > self.target_max


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime(year, 1, 1), tz)
    end = timezone.make_aware(datetime(year + 1, 1, 1), tz)
    return start, end


def council_year(*, council: Council, year: int) -> YearSummary:
    start, end = _year_bounds(year)
    meetings = tuple(
        Meeting.objects.filter(council=council, starts_at__gte=start, starts_at__lt=end)
        .annotate(decision_count=Count("decisions"))
        .order_by("starts_at")
    )
    return YearSummary(
        year=year,
        held=sum(1 for m in meetings if m.status in HELD_STATUSES),
        planned=sum(1 for m in meetings if m.status == MeetingStatus.PLANNED),
        cancelled=sum(1 for m in meetings if m.status == MeetingStatus.CANCELLED),
        target_min=council.meetings_per_year_min,
        target_max=council.meetings_per_year_max,
        meetings=meetings,
    )


def council_year_span(*, council: Council, today: date | None = None) -> tuple[int, int]:
    """The years a council's year pages cover: from its first meeting (or this year) to its
    last planned one (or this year). Navigation stops there: a year without meetings
    beyond them would only say "below target"."""
    this_year = (today or timezone.localdate()).year
    bounds = Meeting.objects.filter(council=council).order_by("starts_at")
    first = bounds.first()
    last = bounds.last()
    start_year = min(this_year, timezone.localtime(first.starts_at).year) if first else this_year
    end_year = max(this_year, timezone.localtime(last.starts_at).year) if last else this_year
    return start_year, end_year


def council_years(*, council: Council) -> list[YearSummary]:
    """One summary per year of ``council_year_span``."""
    start_year, end_year = council_year_span(council=council)
    return [council_year(council=council, year=y) for y in range(start_year, end_year + 1)]


# --- meetings ------------------------------------------------------------------------


def meeting_list(
    *,
    user: Any,
    council: Council | None = None,
    upcoming: bool | None = None,
    now: datetime | None = None,
) -> QuerySet[Meeting]:
    now = now or timezone.now()
    qs = Meeting.objects.select_related("council")
    if council is not None:
        qs = qs.filter(council=council)
    if upcoming is True:
        qs = qs.filter(ends_at__gte=now).exclude(status=MeetingStatus.CANCELLED)
    elif upcoming is False:
        qs = qs.filter(starts_at__lt=now).order_by("-starts_at")
    return permissions_for(user).filter_viewable(qs)


def meeting_next(*, council: Council, now: datetime | None = None) -> Meeting | None:
    now = now or timezone.now()
    return (
        Meeting.objects.filter(council=council, status=MeetingStatus.PLANNED, ends_at__gte=now)
        .order_by("starts_at")
        .first()
    )


def agenda(*, meeting: Meeting) -> list[AgendaItem]:
    """The agenda with attachments, decisions taken and followed-up decisions loaded."""
    return list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related(
            "follow_up_of__meeting__council",
            "follow_up_of__owner_organisation",
            "follow_up_of__owner_user",
        )
        .prefetch_related(
            Prefetch("attachments", queryset=AgendaAttachment.objects.order_by("pk")),
            Prefetch("decisions", queryset=Decision.objects.order_by("number")),
        )
        .order_by("order", "pk")
    )


def meeting_decisions(*, meeting: Meeting) -> list[Decision]:
    return list(
        Decision.objects.filter(meeting=meeting)
        .select_related("meeting__council", "owner_organisation", "owner_user", "agenda_item")
        .order_by("number")
    )


def attendance_by_seat(*, meeting: Meeting) -> dict[int, Any]:
    return {a.seat_id: a for a in meeting.attendance.all()}


# --- decisions -----------------------------------------------------------------------


def _decision_qs() -> QuerySet[Decision]:
    return Decision.objects.select_related(
        "meeting__council", "owner_organisation", "owner_user"
    ).order_by("-meeting__starts_at", "number")


def decision_list(
    *,
    user: Any,
    council: Council | None = None,
    status: str = "",
    overdue: bool = False,
    owner_organisation_id: int | None = None,
    today: date | None = None,
) -> QuerySet[Decision]:
    today = today or timezone.localdate()
    qs = _decision_qs()
    if council is not None:
        qs = qs.filter(meeting__council=council)
    if status == "open_any":
        qs = qs.filter(status__in=OPEN_DECISION_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    if overdue:
        qs = qs.filter(status__in=OPEN_DECISION_STATUSES, due_date__lt=today).order_by(
            "due_date", "pk"
        )
    if owner_organisation_id is not None:
        qs = qs.filter(owner_organisation_id=owner_organisation_id)
    return permissions_for(user).filter_viewable(qs)


def decision_list_overdue(*, user: Any, today: date | None = None) -> QuerySet[Decision]:
    return decision_list(user=user, overdue=True, today=today)


def decision_list_owned(*, user: Any, include_closed: bool = False) -> QuerySet[Decision]:
    """Each owner's own list: decisions the user or the user's organisations are to carry out."""
    perms = permissions_for(user)
    qs = _decision_qs().filter(owned_decisions_q(perms))
    if not include_closed:
        qs = qs.filter(status__in=OPEN_DECISION_STATUSES)
    return perms.filter_viewable(qs).order_by("due_date", "pk")


def decision_notes(*, decision: Decision) -> QuerySet[DecisionNote]:
    return decision.notes.select_related("author", "meeting").order_by("created_at", "pk")


def decision_follow_up_meetings(*, decision: Decision) -> list[Meeting]:
    return [
        item.meeting
        for item in decision.follow_up_items.select_related("meeting").order_by(
            "meeting__starts_at"
        )
    ]


def decision_status_day(*, meeting: Meeting, today: date | None = None) -> date:
    """The day the statuses of decisions at ``meeting`` are judged on, by its page and its
    pack alike: today, or the meeting's day once the meeting has begun (a pack read later
    shows the statuses as they stood at the meeting). A decision due before a future meeting
    is not "overdue" before its due date has passed."""
    today = today or timezone.localdate()
    return min(today, meeting.first_day)


def open_decisions_at(*, meeting: Meeting) -> list[Decision]:
    """The decisions followed up at ``meeting`` (carried forward onto its agenda)."""
    return list(
        _decision_qs()
        .filter(follow_up_items__meeting=meeting)
        .order_by("meeting__starts_at", "number")
        .prefetch_related(
            Prefetch("notes", queryset=DecisionNote.objects.order_by("created_at", "pk"))
        )
    )


# --- goals ---------------------------------------------------------------------------


def focus_area_list(*, active_only: bool = True) -> QuerySet[FocusArea]:
    qs = FocusArea.objects.all()
    return qs.filter(is_active=True) if active_only else qs


def goal_list(
    *,
    user: Any,
    council: Council | None = None,
    focus_area: FocusArea | None = None,
    status: str = "",
) -> QuerySet[Goal]:
    qs = Goal.objects.select_related("council", "focus_area").prefetch_related(
        Prefetch(
            "progress_notes", queryset=GoalProgressNote.objects.order_by("-recorded_on", "-pk")
        )
    )
    if council is not None:
        qs = qs.filter(council=council)
    if focus_area is not None:
        qs = qs.filter(focus_area=focus_area)
    if status:
        qs = qs.filter(status=status)
    return permissions_for(user).filter_viewable(qs)


def goals_for_report(*, council: Council) -> list[Goal]:
    return list(
        Goal.objects.filter(council=council)
        .exclude(status=GoalStatus.DROPPED)
        .select_related("focus_area")
        .prefetch_related(
            Prefetch(
                "progress_notes", queryset=GoalProgressNote.objects.order_by("-recorded_on", "-pk")
            )
        )
    )


# --- documents -----------------------------------------------------------------------


def document_list(
    *, user: Any, council: Council | None = None, meeting: Meeting | None = None, kind: str = ""
) -> QuerySet[GeneratedDocument]:
    qs = GeneratedDocument.objects.defer("pdf").select_related("council", "meeting", "created_by")
    if council is not None:
        qs = qs.filter(council=council)
    if meeting is not None:
        qs = qs.filter(meeting=meeting)
    if kind:
        qs = qs.filter(kind=kind)
    return permissions_for(user).filter_viewable(qs).order_by("-created_at", "-pk")


# --- calendars and the public pages ---------------------------------------------------


def council_feed_meetings(*, council: Council) -> QuerySet[Meeting]:
    """Every meeting of the council for the members' feed (the token was checked)."""
    return Meeting.objects.filter(council=council).select_related("council").order_by("starts_at")


def public_meetings() -> QuerySet[Meeting]:
    """Public meeting dates of active councils, cancelled ones included (marked)."""
    return (
        Meeting.objects.filter(is_public=True, council__is_active=True)
        .select_related("council")
        .order_by("starts_at")
    )


def public_meeting_list(
    *, now: datetime | None = None, past_days: int = 730
) -> tuple[list[Meeting], list[Meeting]]:
    """(upcoming, past) public meetings; past ones newest first, within ``past_days``."""
    now = now or timezone.now()
    qs = public_meetings()
    upcoming = list(qs.filter(ends_at__gte=now))
    past = list(
        qs.filter(ends_at__lt=now, starts_at__gte=now - timedelta(days=past_days)).order_by(
            "-starts_at"
        )
    )
    return upcoming, past
