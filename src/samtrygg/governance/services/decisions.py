"""Writes for decisions: record, edit, follow up, and carry forward until closed.

Carry-forward: an open decision (``open`` or ``in_progress``) is put on the agenda of the
next planned meeting of its council after the meeting where it was taken, as a
``follow_up`` agenda item; when that meeting has been held and the decision is still
open, it goes onto the next one, and so on until it is closed (``done`` or
``cancelled``). Follow-up items already on an agenda stay there when the decision is
closed, so the council hears that it was closed.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.accounts.models import Organisation
from samtrygg.core.permissions import (
    Actor,
    require_capability,
    require_change,
    require_view,
    system_service,
)
from samtrygg.governance import notifications
from samtrygg.governance.models import (
    OPEN_DECISION_STATUSES,
    AgendaItem,
    AgendaItemKind,
    Council,
    Decision,
    DecisionNote,
    DecisionStatus,
    Meeting,
    MeetingStatus,
)

CLOSED_STATUSES = (DecisionStatus.DONE, DecisionStatus.CANCELLED)


def _validate_owner_and_due(
    *,
    meeting: Meeting,
    owner_organisation: Organisation | None,
    owner_user: Any | None,
    due_date: date | None,
) -> None:
    errors: dict[str, str] = {}
    if owner_organisation is None and owner_user is None:
        errors["owner_organisation"] = _(
            "Name the responsible organisation, the responsible person, or both."
        )
    if due_date is not None and due_date < timezone.localdate(meeting.starts_at):
        errors["due_date"] = _("The due date cannot be before the meeting.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def decision_create(
    *,
    actor: Actor,
    meeting: Meeting,
    title: str,
    text: str,
    rationale: str = "",
    owner_organisation: Organisation | None = None,
    owner_user: Any | None = None,
    due_date: date | None = None,
    agenda_item: AgendaItem | None = None,
) -> Decision:
    """Record a decision at ``meeting`` (numbered § 1, § 2, … within the meeting)."""
    require_view(actor, meeting.council)
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("A cancelled meeting takes no decisions."))
    if meeting.status == MeetingStatus.MINUTES_APPROVED:
        raise ValidationError(_("Approved minutes are locked; reopen them to make changes."))
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("The agenda item belongs to another meeting.")})
    _validate_owner_and_due(
        meeting=meeting,
        owner_organisation=owner_organisation,
        owner_user=owner_user,
        due_date=due_date,
    )
    last = Decision.objects.filter(meeting=meeting).aggregate(m=Max("number"))["m"] or 0
    decision = Decision(
        meeting=meeting,
        agenda_item=agenda_item,
        number=last + 1,
        title=title.strip(),
        text=text.strip(),
        rationale=rationale.strip(),
        owner_organisation=owner_organisation,
        owner_user=owner_user,
        due_date=due_date,
    )
    decision.full_clean()
    decision.save()
    decision_carry_forward(council=meeting.council)
    notifications.decision_assigned(decision)
    return decision


@transaction.atomic
def decision_update(
    *,
    actor: Actor,
    decision: Decision,
    title: str,
    text: str,
    rationale: str,
    owner_organisation: Organisation | None,
    owner_user: Any | None,
    due_date: date | None,
) -> Decision:
    """Correct a decision's wording, owner or due date (its status moves by follow-up)."""
    require_capability(actor, "governance.manage")
    _validate_owner_and_due(
        meeting=decision.meeting,
        owner_organisation=owner_organisation,
        owner_user=owner_user,
        due_date=due_date,
    )
    decision.title = title.strip()
    decision.text = text.strip()
    decision.rationale = rationale.strip()
    decision.owner_organisation = owner_organisation
    decision.owner_user = owner_user
    decision.due_date = due_date
    decision.full_clean()
    decision.save()
    notifications.decision_assigned(decision)  # keyed by owner: only a new owner is told
    return decision


@transaction.atomic
def decision_follow_up(
    *,
    decision: Decision,
    text: str,
    status: str | None = None,
    actor: Actor,
    meeting: Meeting | None = None,
    at: datetime | None = None,
) -> DecisionNote:
    """Write a follow-up note, optionally moving the decision to ``status``.

    Closing (``done``/``cancelled``) sets ``closed_on``; reopening clears it. Closed
    decisions are no longer carried forward.
    """
    require_change(actor, decision)
    at = at or timezone.now()
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write what has happened.")})
    if status is not None and status not in DecisionStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    if meeting is not None and meeting.council_id != decision.meeting.council_id:
        raise ValidationError({"meeting": _("The meeting belongs to another council.")})
    before = decision.status
    after = status or before
    note = DecisionNote(
        decision=decision,
        created_at=at,
        author=actor,
        text=text,
        status_from=before,
        status_to=after,
        meeting=meeting,
    )
    note.full_clean()
    note.save()
    if after != before:
        decision.status = after
        decision.closed_on = timezone.localdate(at) if after in CLOSED_STATUSES else None
        decision.save(update_fields=["status", "closed_on", "updated_at"])
        decision_carry_forward(council=decision.meeting.council)
    return note


@system_service("derived data: after a change, open decisions go on the next meeting's agenda")
def decision_carry_forward(*, council: Council) -> int:
    """Put every open decision on the next planned meeting's agenda; idempotent.

    Returns the number of follow-up items created.
    """
    planned = list(
        Meeting.objects.filter(council=council, status=MeetingStatus.PLANNED)
        .order_by("starts_at", "pk")
        .only("pk", "starts_at")
    )
    if not planned:
        return 0
    decisions = list(
        Decision.objects.filter(meeting__council=council, status__in=OPEN_DECISION_STATUSES)
        .select_related("meeting")
        .order_by("meeting__starts_at", "number")
    )
    existing = set(
        AgendaItem.objects.filter(meeting__in=planned, follow_up_of__in=decisions).values_list(
            "meeting_id", "follow_up_of_id"
        )
    )
    created = 0
    next_order: dict[int, int] = {}
    for decision in decisions:
        target = next((m for m in planned if m.starts_at > decision.meeting.starts_at), None)
        if target is None or (target.pk, decision.pk) in existing:
            continue
        if target.pk not in next_order:
            last = AgendaItem.objects.filter(meeting=target).aggregate(m=Max("order"))["m"]
            next_order[target.pk] = (last or 0) + 1
        AgendaItem.objects.create(
            meeting=target,
            order=next_order[target.pk],
            kind=AgendaItemKind.FOLLOW_UP,
            title=decision.title,
            follow_up_of=decision,
        )
        next_order[target.pk] += 1
        existing.add((target.pk, decision.pk))
        created += 1
    return created
