"""Notifications of the governance app.

* A decision assigned to you (the responsible person, or everyone in the responsible
  organisation), its due date a week ahead and passed.
* A council seat whose mandate ends before the council's next meeting (to the
  coordinators and the seat's holder).
* Public changes: a public meeting date, public minutes (subscribers follow a council).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samtrygg.core.roles import Role
from samtrygg.governance.models import (
    OPEN_DECISION_STATUSES,
    Council,
    CouncilSeat,
    Decision,
    MeetingStatus,
)
from samtrygg.notifications.recipients import has_any_role, members_of, users_with_roles
from samtrygg.notifications.registry import (
    Reminder,
    register_kind,
    register_public_category,
    register_reminder_provider,
    register_topic_type,
)
from samtrygg.notifications.services import (
    municipality_language,
    notification_send,
    public_change_record,
)

DECISION_ASSIGNED = register_kind(
    "governance.decision_assigned",
    label=gettext_lazy("A council decision assigned to you"),
    description=gettext_lazy("You or your organisation are responsible for carrying it out."),
    audience=has_any_role(),
)
DECISION_DUE = register_kind(
    "governance.decision_due",
    label=gettext_lazy("A decision of yours is due soon or overdue"),
    description=gettext_lazy("A week before the due date, and when it has passed."),
    audience=has_any_role(),
)
MANDATE_ENDING = register_kind(
    "governance.mandate_ending",
    label=gettext_lazy("A council seat's mandate ends before the next meeting"),
    audience=has_any_role(
        Role.COORDINATOR, Role.COUNCIL_MEMBER, Role.POLICE, Role.PARTNER, Role.REPORTER
    ),
)
register_public_category("meetings", label=gettext_lazy("Council meetings and public minutes"))


def _councils() -> list[tuple[str, str]]:
    return [
        (str(pk), name)
        for pk, name in Council.objects.filter(is_active=True)
        .order_by("name")
        .values_list("pk", "name")
    ]


register_topic_type("council", label=gettext_lazy("Council"), choices=_councils)


def _day(value: dt.date) -> str:
    return date_format(value, "j F Y")


def decision_owners(decision: Any) -> list[Any]:
    if decision.owner_user_id is not None:
        return [decision.owner_user]
    return list(members_of([decision.owner_organisation_id]))


def decision_assigned(decision: Any) -> None:
    """Tell the decision's owners (called when it is recorded or its owner changes)."""
    with municipality_language():
        due = _("Due %(day)s.") % {"day": _day(decision.due_date)} if decision.due_date else ""
        notification_send(
            kind=DECISION_ASSIGNED.code,
            recipients=decision_owners(decision),
            title=_("Decision assigned to you: %(title)s") % {"title": decision.title},
            body=f"{decision.reference}. {decision.text} {due}".strip(),
            url=reverse("governance:decision_detail", args=[decision.pk]),
            key=(
                f"decision-assigned:{decision.pk}:"
                f"{decision.owner_user_id or ''}:{decision.owner_organisation_id or ''}"
            ),
        )


@register_reminder_provider
def decision_reminders(today: dt.date) -> Iterator[Reminder]:
    soon = today + dt.timedelta(days=7)
    decisions = Decision.objects.filter(
        status__in=OPEN_DECISION_STATUSES, due_date__isnull=False, due_date__lte=soon
    ).select_related("meeting__council", "owner_user", "owner_organisation")
    for decision in decisions:
        due = decision.due_date
        assert due is not None  # filtered above
        with municipality_language():
            overdue = due < today
            if overdue:
                title = _("Overdue since %(day)s: %(title)s") % {
                    "day": _day(due),
                    "title": decision.title,
                }
            else:
                title = _("Due %(day)s: %(title)s") % {
                    "day": _day(due),
                    "title": decision.title,
                }
            yield Reminder(
                kind=DECISION_DUE.code,
                recipients=decision_owners(decision),
                title=title,
                body=decision.reference,
                url=reverse("governance:decision_detail", args=[decision.pk]),
                key=(f"decision-{'overdue' if overdue else 'due'}:{decision.pk}:{due.isoformat()}"),
            )


@register_reminder_provider
def mandate_reminders(today: dt.date) -> Iterator[Reminder]:
    """Seats whose term ends before their council's next planned meeting."""
    now = timezone.now()
    coordinators = list(users_with_roles(Role.COORDINATOR))
    for council in Council.objects.filter(is_active=True):
        meeting = (
            council.meetings.filter(status=MeetingStatus.PLANNED, starts_at__gt=now)
            .order_by("starts_at")
            .first()
        )
        if meeting is None:
            continue
        seats = CouncilSeat.objects.filter(
            Q(term_end__gte=today) & Q(term_end__lt=meeting.first_day), council=council
        ).select_related("user")
        for seat in seats:
            assert seat.term_end is not None
            with municipality_language():
                title = _("%(seat)s: the mandate ends %(end)s, before the meeting of %(day)s") % {
                    "seat": seat.title,
                    "end": _day(seat.term_end),
                    "day": _day(meeting.first_day),
                }
            yield Reminder(
                kind=MANDATE_ENDING.code,
                recipients=[*coordinators, *([seat.user] if seat.user_id else [])],
                title=title,
                body=council.name,
                url=reverse("governance:council_detail", args=[council.slug]),
                key=f"mandate:{seat.pk}:{seat.term_end.isoformat()}:{meeting.pk}",
            )


def meeting_changed(meeting: Any) -> None:
    """Record a public change for a public meeting date ahead, or public minutes."""
    if not meeting.is_public:
        return
    url = reverse("governance:public_meeting_detail", args=[meeting.pk])
    with municipality_language():
        if meeting.public_minutes_available:
            public_change_record(
                category="meetings",
                title=_("Minutes of %(council)s, %(day)s")
                % {"council": meeting.council.name, "day": _day(meeting.first_day)},
                url=url,
                key=f"minutes:{meeting.pk}",
                council_ids=[meeting.council_id],
            )
        elif meeting.status == MeetingStatus.PLANNED and meeting.starts_at > timezone.now():
            public_change_record(
                category="meetings",
                title=_("%(council)s meets %(day)s")
                % {
                    "council": meeting.council.name,
                    "day": date_format(timezone.localtime(meeting.starts_at), "j F Y H:i"),
                },
                url=url,
                key=f"meeting:{meeting.pk}:{meeting.sequence}",
                council_ids=[meeting.council_id],
            )
