"""The meeting pack and the report to the executive board: data from selectors, layout in
typst (``governance/templates/governance/*.typ``), stored as numbered versions.

Both documents are Swedish whatever the reader's language: labels are rendered with
Swedish active.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samtrygg.core.permissions import (
    Actor,
    require_capability,
)
from samtrygg.documents.rendering import render_pdf
from samtrygg.governance import selectors
from samtrygg.governance.models import (
    HELD_STATUSES,
    OPEN_DECISION_STATUSES,
    AttachmentKind,
    Council,
    Decision,
    DecisionStatus,
    DocumentKind,
    GeneratedDocument,
    Meeting,
    MeetingStatus,
)

# Documents go to the council and the board: the municipality's language, not the reader's.
DOCUMENT_LANGUAGE = settings.LANGUAGE_CODE


def _d(value: date | None) -> str:
    return value.isoformat() if value else ""


def _when(meeting: Meeting) -> str:
    start = timezone.localtime(meeting.starts_at)
    end = timezone.localtime(meeting.ends_at)
    day = date_format(start.date(), "j F Y")
    if meeting.all_day:
        last = (end - timedelta(days=1)).date()
        if last == start.date():
            return f"{day}, {_('all day')}"
        return f"{day} – {date_format(last, 'j F Y')}"
    return f"{day}, {start:%H.%M}–{end:%H.%M}"


def _decision_row(decision: Decision, today: date) -> dict[str, Any]:
    notes = list(decision.notes.all())
    latest = notes[-1] if notes else None
    return {
        "reference": decision.reference,
        "title": decision.title,
        "text": decision.text,
        "owner": decision.owner_display,
        "due": _d(decision.due_date),
        "status": decision.get_status_display(),
        "overdue": decision.is_overdue(today),
        "closed": _d(decision.closed_on),
        "latest_note": latest.text if latest else "",
        "latest_note_date": _d(timezone.localdate(latest.created_at)) if latest else "",
    }


def meeting_pack_data(*, meeting: Meeting, today: date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    council = meeting.council
    with translation.override(DOCUMENT_LANGUAGE):
        items = selectors.agenda(meeting=meeting)
        agenda = []
        attachments = []
        for item in items:
            item_attachments = []
            for attachment in item.attachments.all():
                detail = (
                    attachment.file_name
                    if attachment.kind == AttachmentKind.FILE
                    else (attachment.url)
                )
                row = {
                    "item": str(item.order),
                    "title": attachment.title,
                    "kind": attachment.get_kind_display(),
                    "detail": detail,
                }
                item_attachments.append(row)
                attachments.append(row)
            agenda.append(
                {
                    "order": item.order,
                    "title": item.title,
                    "presenter": item.presenter,
                    "description": item.description,
                    "follow_up": item.follow_up_of_id is not None,
                    "attachments": item_attachments,
                }
            )
        status_day = selectors.decision_status_day(meeting=meeting, today=today)
        open_decisions = [
            _decision_row(d, status_day) for d in selectors.open_decisions_at(meeting=meeting)
        ]
        seats = [
            {
                "title": line.seat.title,
                "role": line.seat.get_role_display(),
                "organisation": line.seat.organisation.name if line.seat.organisation else "",
                "holder": "" if line.vacant else line.seat.holder,
                "vacant": line.vacant,
                "ended": _d(line.seat.term_end) if line.vacant else "",
            }
            for line in selectors.seat_roster(meeting=meeting, today=today)
        ]
        return {
            "council": council.name,
            "meeting_title": meeting.display_title,
            "when": _when(meeting),
            "location": meeting.location,
            "status": meeting.get_status_display(),
            "cancelled": meeting.status == MeetingStatus.CANCELLED,
            "agenda": agenda,
            "attachments": attachments,
            "open_decisions": open_decisions,
            "seats": seats,
            "today": date_format(today, "j F Y"),
            "status_day": date_format(status_day, "j F Y"),
        }


def board_report_data(
    *, council: Council, period_start: date, period_end: date, today: date | None = None
) -> dict[str, Any]:
    today = today or timezone.localdate()
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(period_start, datetime.min.time()), tz)
    end = timezone.make_aware(
        datetime.combine(period_end + timedelta(days=1), datetime.min.time()), tz
    )
    with translation.override(DOCUMENT_LANGUAGE):
        meetings = list(
            Meeting.objects.filter(council=council, starts_at__gte=start, starts_at__lt=end)
            .order_by("starts_at")
            .prefetch_related("decisions")
        )
        held = [m for m in meetings if m.status in HELD_STATUSES]
        decisions = list(
            Decision.objects.filter(meeting__council=council)
            .filter(
                Q(meeting__starts_at__gte=start, meeting__starts_at__lt=end)
                | Q(meeting__starts_at__lt=start, status__in=OPEN_DECISION_STATUSES)
                | Q(meeting__starts_at__lt=start, closed_on__gte=period_start)
            )
            .select_related("meeting__council", "owner_organisation", "owner_user")
            .prefetch_related("notes")
            .order_by("meeting__starts_at", "number")
        )
        in_period = [d for d in decisions if start <= d.meeting.starts_at < end]
        earlier = [d for d in decisions if d.meeting.starts_at < start]
        status_counts = {
            str(label): sum(1 for d in decisions if d.status == value)
            for value, label in DecisionStatus.choices
        }
        goals = []
        for goal in selectors.goals_for_report(council=council):
            notes = [n for n in goal.progress_notes.all() if n.recorded_on <= period_end]
            latest = notes[0] if notes else None
            goals.append(
                {
                    "focus_area": goal.focus_area.name,
                    "statement": goal.statement,
                    "baseline": goal.baseline,
                    "target": goal.target,
                    "target_date": _d(goal.target_date),
                    "status": goal.get_status_display(),
                    "assessment": latest.get_assessment_display() if latest else "",
                    "progress": latest.text if latest else "",
                    "progress_date": _d(latest.recorded_on) if latest else "",
                }
            )
        years = [
            selectors.council_year(council=council, year=y)
            for y in range(period_start.year, period_end.year + 1)
        ]
        return {
            "council": council.name,
            "purpose": council.purpose,
            "period": f"{period_start.isoformat()} – {period_end.isoformat()}",
            "today": date_format(today, "j F Y"),
            "target": f"{council.meetings_per_year_min}–{council.meetings_per_year_max}",
            "years": [
                {"year": y.year, "held": y.held, "planned": y.planned, "cancelled": y.cancelled}
                for y in years
            ],
            "meetings": [
                {
                    "when": _when(m),
                    "title": m.display_title,
                    "status": m.get_status_display(),
                    "decisions": len(m.decisions.all()),
                }
                for m in meetings
            ],
            "held_count": len(held),
            "decisions": [_decision_row(d, today) for d in in_period],
            "earlier_decisions": [_decision_row(d, today) for d in earlier],
            "status_counts": [{"status": k, "count": v} for k, v in status_counts.items()],
            "overdue_count": sum(1 for d in decisions if d.is_overdue(today)),
            "goals": goals,
        }


def _next_version(subject: str) -> int:
    # Lock the subject's versions (PostgreSQL) so two renders cannot take the same number.
    rows = list(
        GeneratedDocument.objects.select_for_update()
        .filter(subject=subject)
        .values_list("version", flat=True)
    )
    return max(rows, default=0) + 1


def _store(
    *,
    kind: str,
    council: Council,
    subject: str,
    version: int,
    title: str,
    pdf: bytes,
    created_by: Any | None,
    meeting: Meeting | None = None,
    period_start: date | None = None,
    period_end: date | None = None,
) -> GeneratedDocument:
    return GeneratedDocument.objects.create(
        kind=kind,
        council=council,
        meeting=meeting,
        period_start=period_start,
        period_end=period_end,
        subject=subject,
        version=version,
        title=title,
        pdf=pdf,
        size=len(pdf),
        sha256=hashlib.sha256(pdf).hexdigest(),
        created_by=created_by,
    )


@transaction.atomic
def meeting_pack_generate(*, meeting: Meeting, actor: Actor) -> GeneratedDocument:
    """Render the meeting pack and store it as the meeting's next version."""
    require_capability(actor, "governance.manage")
    subject = f"meeting:{meeting.pk}"
    data = meeting_pack_data(meeting=meeting)
    version = _next_version(subject)
    data["version"] = version
    pdf = render_pdf(template="governance/meeting_pack.typ", data=data)
    with translation.override(DOCUMENT_LANGUAGE):
        title = _("Meeting pack: %(council)s, %(when)s") % {
            "council": meeting.council.name,
            "when": data["when"],
        }
    return _store(
        kind=DocumentKind.MEETING_PACK,
        council=meeting.council,
        meeting=meeting,
        subject=subject,
        version=version,
        title=title[:300],
        pdf=pdf,
        created_by=actor,
    )


@transaction.atomic
def board_report_generate(
    *,
    council: Council,
    period_start: date,
    period_end: date,
    actor: Actor,
) -> GeneratedDocument:
    """Render the report to the executive board for a period and store it as a version."""
    require_capability(actor, "governance.manage")
    if period_end < period_start:
        raise ValidationError({"period_end": _("The period cannot end before it starts.")})
    if (period_end - period_start).days > 5 * 366:
        raise ValidationError({"period_end": _("Choose a period of at most five years.")})
    subject = f"board:{council.pk}:{period_start.isoformat()}:{period_end.isoformat()}"
    data = board_report_data(council=council, period_start=period_start, period_end=period_end)
    version = _next_version(subject)
    data["version"] = version
    pdf = render_pdf(template="governance/board_report.typ", data=data)
    with translation.override(DOCUMENT_LANGUAGE):
        title = _("Report to the executive board: %(council)s, %(period)s") % {
            "council": council.name,
            "period": data["period"],
        }
    return _store(
        kind=DocumentKind.BOARD_REPORT,
        council=council,
        subject=subject,
        version=version,
        title=title[:300],
        pdf=pdf,
        created_by=actor,
        period_start=period_start,
        period_end=period_end,
    )
