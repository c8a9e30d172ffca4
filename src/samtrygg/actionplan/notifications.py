"""Notifications of the action plan: commitments and interventions assigned to your
organisation, a commitment due within a week or overdue, an intervention past its end."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samtrygg.actionplan.models import (
    OPEN_COMMITMENT_STATUSES,
    Commitment,
    Intervention,
    InterventionStatus,
)
from samtrygg.notifications.recipients import has_any_role, members_of
from samtrygg.notifications.registry import Reminder, register_kind, register_reminder_provider
from samtrygg.notifications.services import municipality_language, notification_send

ACTION_ASSIGNED = register_kind(
    "actionplan.action_assigned",
    label=gettext_lazy("A commitment or intervention assigned to your organisation"),
    audience=has_any_role(),
)
ACTION_DUE = register_kind(
    "actionplan.action_due",
    label=gettext_lazy("A commitment of your organisation is due soon or overdue"),
    description=gettext_lazy(
        "A week before a commitment's due date and when it has passed; an intervention still "
        "running after its end date."
    ),
    audience=has_any_role(),
)


def _day(value: dt.date) -> str:
    return date_format(value, "j F Y")


def commitment_assigned(commitment: Any) -> None:
    with municipality_language():
        due = _("Due %(day)s.") % {"day": _day(commitment.due_date)} if commitment.due_date else ""
        notification_send(
            kind=ACTION_ASSIGNED.code,
            recipients=members_of([commitment.owner_id]),
            title=_("Commitment for your organisation: %(title)s") % {"title": commitment.title},
            body=f"{commitment.agreement.title}. {due}".strip(),
            url=reverse("actionplan:agreement_detail", args=[commitment.agreement_id]),
            key=f"commitment-assigned:{commitment.pk}:{commitment.owner_id}",
        )


def intervention_assigned(intervention: Any) -> None:
    if intervention.owner_id is None:
        return
    with municipality_language():
        notification_send(
            kind=ACTION_ASSIGNED.code,
            recipients=members_of([intervention.owner_id]),
            title=_("Intervention led by your organisation: %(title)s")
            % {"title": intervention.title},
            url=reverse("actionplan:intervention_detail", args=[intervention.pk]),
            key=f"intervention-assigned:{intervention.pk}:{intervention.owner_id}",
        )


@register_reminder_provider
def action_reminders(today: dt.date) -> Iterator[Reminder]:
    soon = today + dt.timedelta(days=7)
    for c in Commitment.objects.filter(
        status__in=OPEN_COMMITMENT_STATUSES, due_date__isnull=False, due_date__lte=soon
    ).select_related("agreement"):
        due = c.due_date
        assert due is not None  # filtered above
        overdue = due < today
        with municipality_language():
            template = (
                _("Overdue since %(day)s: %(title)s") if overdue else _("Due %(day)s: %(title)s")
            )
            title = template % {"day": _day(due), "title": c.title}
        yield Reminder(
            kind=ACTION_DUE.code,
            recipients=members_of([c.owner_id]),
            title=title,
            body=c.agreement.title,
            url=reverse("actionplan:agreement_detail", args=[c.agreement_id]),
            key=f"commitment-{'overdue' if overdue else 'due'}:{c.pk}:{due.isoformat()}",
        )
    for i in Intervention.objects.filter(
        status=InterventionStatus.RUNNING, end_date__lt=today, owner__isnull=False
    ):
        end = i.end_date
        assert end is not None  # filtered above
        with municipality_language():
            title = _("Still running after its end date %(day)s: %(title)s") % {
                "day": _day(end),
                "title": i.title,
            }
        yield Reminder(
            kind=ACTION_DUE.code,
            recipients=members_of([i.owner_id]),
            title=title,
            url=reverse("actionplan:intervention_detail", args=[i.pk]),
            key=f"intervention-ended:{i.pk}:{end.isoformat()}",
        )
