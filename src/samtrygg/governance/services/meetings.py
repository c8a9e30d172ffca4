"""Writes for meetings, attendance, agenda items and attachments.

Every change to a meeting that a calendar shows (title, time, place, public flag,
status, cancellation note) raises its ``sequence``, so subscribed calendars replace the
old event; the ``uid`` never changes.
"""

from __future__ import annotations

import mimetypes
import uuid
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.core.permissions import (
    Actor,
    require_capability,
)
from samtrygg.governance import notifications
from samtrygg.governance.models import (
    AgendaAttachment,
    AgendaItem,
    AgendaItemKind,
    AttachmentKind,
    Attendance,
    AttendanceStatus,
    Council,
    CouncilSeat,
    Meeting,
    MeetingStatus,
)
from samtrygg.governance.services.decisions import decision_carry_forward

S = MeetingStatus

#: Allowed status changes of a meeting.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.PLANNED: frozenset({S.HELD, S.CANCELLED}),
    S.HELD: frozenset({S.MINUTES_APPROVED, S.PLANNED}),
    S.MINUTES_APPROVED: frozenset({S.HELD}),
    S.CANCELLED: frozenset({S.PLANNED}),
}

#: Calendar-visible fields: a change to any of them raises the sequence.
CALENDAR_FIELDS = (
    "title",
    "starts_at",
    "ends_at",
    "all_day",
    "location",
    "is_public",
    "status",
    "cancellation_note",
)

ATTACHMENT_EXTENSIONS = frozenset(
    {"pdf", "docx", "doc", "xlsx", "xls", "pptx", "odt", "ods", "odp", "txt", "csv", "png", "jpg"}
)
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024


def all_day_span(first_day: date, last_day: date | None = None) -> tuple[datetime, datetime]:
    """Local midnight of ``first_day`` and of the day after ``last_day`` (inclusive)."""
    last_day = last_day or first_day
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(first_day, time()), tz)
    end = timezone.make_aware(datetime.combine(last_day + timedelta(days=1), time()), tz)
    return start, end


def _is_local_midnight(moment: datetime) -> bool:
    local = timezone.localtime(moment)
    return local.time() == time()


def _validate_meeting(meeting: Meeting) -> None:
    errors: dict[str, str] = {}
    if meeting.ends_at <= meeting.starts_at:
        errors["ends_at"] = _("The meeting must end after it starts.")
    elif meeting.all_day and not (
        _is_local_midnight(meeting.starts_at) and _is_local_midnight(meeting.ends_at)
    ):
        errors["all_day"] = _("An all-day meeting runs from midnight to midnight.")
    elif not meeting.all_day and meeting.ends_at - meeting.starts_at > timedelta(days=3):
        errors["ends_at"] = _("A timed meeting cannot last more than three days.")
    if errors:
        raise ValidationError(errors)
    meeting.full_clean(exclude=["uid", "council"])


@transaction.atomic
def meeting_create(
    *,
    actor: Actor,
    council: Council,
    starts_at: datetime,
    ends_at: datetime,
    all_day: bool = False,
    title: str = "",
    location: str = "",
    is_public: bool | None = None,
    uid: uuid.UUID | None = None,
) -> Meeting:
    """A planned meeting; open decisions of the council are carried onto its agenda."""
    require_capability(actor, "governance.manage")

    if not council.is_active:
        raise ValidationError(_("This council is no longer active."))
    meeting = Meeting(
        council=council,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        all_day=all_day,
        location=location.strip(),
        is_public=council.meetings_public_by_default if is_public is None else is_public,
    )
    if uid is not None:
        meeting.uid = uid
    _validate_meeting(meeting)
    meeting.save()
    decision_carry_forward(council=council)
    notifications.meeting_changed(meeting)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    actor: Actor,
    meeting: Meeting,
    starts_at: datetime,
    ends_at: datetime,
    all_day: bool,
    title: str,
    location: str,
    is_public: bool,
) -> Meeting:
    require_capability(actor, "governance.manage")

    if meeting.status in (S.MINUTES_APPROVED, S.CANCELLED):
        raise ValidationError(
            _("A meeting with approved minutes or a cancelled meeting cannot be changed.")
        )
    before = {name: getattr(meeting, name) for name in CALENDAR_FIELDS}
    meeting.starts_at = starts_at
    meeting.ends_at = ends_at
    meeting.all_day = all_day
    meeting.title = title.strip()
    meeting.location = location.strip()
    meeting.is_public = is_public
    _validate_meeting(meeting)
    if any(getattr(meeting, name) != value for name, value in before.items()):
        meeting.sequence += 1
        meeting.save()
        if before["starts_at"] != meeting.starts_at:
            decision_carry_forward(council=meeting.council)
        notifications.meeting_changed(meeting)
    return meeting


@transaction.atomic
def meeting_set_status(
    *,
    actor: Actor,
    meeting: Meeting,
    status: str,
    note: str = "",
    approved_on: date | None = None,
    now: datetime | None = None,
) -> Meeting:
    """Mark a meeting held, approve its minutes, cancel it, or undo one of those."""
    require_capability(actor, "governance.manage")

    now = now or timezone.now()
    if status not in TRANSITIONS.get(meeting.status, frozenset()):
        raise ValidationError(
            {
                "status": _("A meeting that is %(current)s cannot become %(new)s.")
                % {
                    "current": meeting.get_status_display().lower(),
                    "new": str(S(status).label).lower() if status in S.values else status,
                }
            }
        )
    if status == S.HELD and meeting.status == S.PLANNED and meeting.starts_at > now:
        raise ValidationError({"status": _("A meeting cannot be marked held before it starts.")})
    if status == S.MINUTES_APPROVED and not meeting.minutes.strip():
        raise ValidationError({"status": _("Write the minutes before approving them.")})
    if status == S.PLANNED and meeting.status == S.HELD and meeting.decisions.exists():
        raise ValidationError(
            {"status": _("The meeting has recorded decisions; it cannot become planned.")}
        )
    meeting.status = status
    if status == S.MINUTES_APPROVED:
        meeting.minutes_approved_on = approved_on or timezone.localdate(now)
    elif status == S.HELD:
        meeting.minutes_approved_on = None
    if status == S.CANCELLED:
        meeting.cancellation_note = note.strip()[:300]
    elif status == S.PLANNED:
        meeting.cancellation_note = ""
    meeting.sequence += 1
    meeting.full_clean(exclude=["uid", "council"])
    meeting.save()
    decision_carry_forward(council=meeting.council)
    notifications.meeting_changed(meeting)
    return meeting


@transaction.atomic
def meeting_minutes_update(
    *, actor: Actor, meeting: Meeting, minutes: str, minutes_public: bool, other_attendees: str
) -> Meeting:
    require_capability(actor, "governance.manage")
    if meeting.status == S.MINUTES_APPROVED:
        raise ValidationError(_("Approved minutes are locked; reopen them to make changes."))
    if meeting.status == S.CANCELLED:
        raise ValidationError(_("A cancelled meeting has no minutes."))
    meeting.minutes = minutes.strip()
    meeting.minutes_public = minutes_public
    meeting.other_attendees = other_attendees.strip()
    meeting.save(update_fields=["minutes", "minutes_public", "other_attendees", "updated_at"])
    return meeting


@transaction.atomic
def meeting_attendance_record(
    *, actor: Actor, meeting: Meeting, entries: Mapping[int, tuple[str, str]]
) -> list[Attendance]:
    """Record who attended: ``{seat id: (status, note)}``; an empty status clears it.

    New rows are inserted in one statement (the first recording of a meeting's
    attendance); corrections are saved row by row, so the audit trail shows them.
    """
    require_capability(actor, "governance.manage")
    if meeting.status == S.CANCELLED:
        raise ValidationError(_("A cancelled meeting has no attendance."))
    seats = set(
        CouncilSeat.objects.filter(council_id=meeting.council_id).values_list("pk", flat=True)
    )
    current = {a.seat_id: a for a in Attendance.objects.filter(meeting=meeting)}
    new: list[Attendance] = []
    rows: list[Attendance] = []
    for seat_id, (status, note) in entries.items():
        if seat_id not in seats:
            raise ValidationError(_("Seat %(id)s is not on this council.") % {"id": seat_id})
        if status and status not in AttendanceStatus.values:
            raise ValidationError(_("Unknown attendance status %(s)s.") % {"s": status})
        row = current.get(seat_id)
        note = note.strip()[:200]
        if not status:
            if row is not None:
                row.delete()
            continue
        if row is None:
            new.append(Attendance(meeting=meeting, seat_id=seat_id, status=status, note=note))
        elif (row.status, row.note) != (status, note):
            row.status, row.note = status, note
            row.save(update_fields=["status", "note"])
            rows.append(row)
        else:
            rows.append(row)
    rows.extend(Attendance.objects.bulk_create(new))
    return rows


def _agenda_editable(meeting: Meeting) -> None:
    if meeting.status in (S.MINUTES_APPROVED, S.CANCELLED):
        raise ValidationError(
            _("The agenda of a cancelled meeting or of approved minutes cannot be changed.")
        )


def _next_order(meeting: Meeting) -> int:
    current = AgendaItem.objects.filter(meeting=meeting).aggregate(m=Max("order"))["m"]
    return (current or 0) + 1


@transaction.atomic
def agenda_item_create(
    *,
    actor: Actor,
    meeting: Meeting,
    title: str,
    presenter: str = "",
    description: str = "",
    order: int | None = None,
) -> AgendaItem:
    """Add an item; with ``order`` it is put at that place and later items move down."""
    require_capability(actor, "governance.manage")
    _agenda_editable(meeting)
    last = _next_order(meeting)
    if order is None or order >= last:
        order = last
    elif order < 1:
        raise ValidationError({"order": _("Numbers start at 1.")})
    else:
        AgendaItem.objects.filter(meeting=meeting, order__gte=order).update(order=F("order") + 1)
    item = AgendaItem(
        meeting=meeting,
        order=order,
        title=title.strip(),
        presenter=presenter.strip(),
        description=description.strip(),
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def agenda_item_update(
    *,
    actor: Actor,
    item: AgendaItem,
    title: str,
    presenter: str,
    description: str,
    notes: str,
    order: int | None = None,
) -> AgendaItem:
    require_capability(actor, "governance.manage")
    meeting = item.meeting
    if meeting.status == S.CANCELLED:
        raise ValidationError(_("The agenda of a cancelled meeting cannot be changed."))
    if meeting.status == S.MINUTES_APPROVED:
        raise ValidationError(_("Approved minutes are locked; reopen them to make changes."))
    if item.kind == AgendaItemKind.ITEM:
        item.title = title.strip()
    item.presenter = presenter.strip()
    item.description = description.strip()
    item.notes = notes.strip()
    item.full_clean()
    item.save()
    if order is not None and order != item.order:
        _move(item, order)
    return item


def _move(item: AgendaItem, order: int) -> None:
    items = list(AgendaItem.objects.filter(meeting_id=item.meeting_id).order_by("order", "pk"))
    items = [i for i in items if i.pk != item.pk]
    position = max(0, min(order - 1, len(items)))
    items.insert(position, item)
    _renumber(items)


def _renumber(items: list[AgendaItem]) -> None:
    changed = []
    for number, agenda_item in enumerate(items, start=1):
        if agenda_item.order != number:
            agenda_item.order = number
            changed.append(agenda_item)
    if changed:
        AgendaItem.objects.bulk_update(changed, ["order"])


@transaction.atomic
def agenda_item_delete(*, actor: Actor, item: AgendaItem) -> None:
    require_capability(actor, "governance.manage")
    _agenda_editable(item.meeting)
    if item.kind == AgendaItemKind.FOLLOW_UP:
        raise ValidationError(
            _("A decision's follow-up stays on the agenda; close the decision instead.")
        )
    if item.decisions.exists():
        raise ValidationError(_("Decisions were recorded under this item; it cannot be removed."))
    for attachment in item.attachments.all():
        attachment_delete(actor=actor, attachment=attachment)
    meeting_id = item.meeting_id
    item.delete()
    _renumber(list(AgendaItem.objects.filter(meeting_id=meeting_id).order_by("order", "pk")))


def _check_editable_attachment(item: AgendaItem) -> None:
    if item.meeting.status == S.CANCELLED:
        raise ValidationError(_("A cancelled meeting takes no attachments."))


@transaction.atomic
def attachment_add_file(
    *, actor: Actor, item: AgendaItem, title: str, upload: UploadedFile, added_by: Any | None = None
) -> AgendaAttachment:
    require_capability(actor, "governance.manage")
    _check_editable_attachment(item)
    name = PurePath(upload.name or "").name
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ATTACHMENT_EXTENSIONS:
        raise ValidationError(
            {
                "file": _("Files of type %(ext)s are not accepted. Accepted: %(list)s.")
                % {"ext": extension or "?", "list": ", ".join(sorted(ATTACHMENT_EXTENSIONS))}
            }
        )
    size = upload.size or 0
    if size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            {"file": _("The file is larger than %(mb)s MB.") % {"mb": ATTACHMENT_MAX_BYTES >> 20}}
        )
    if size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    attachment = AgendaAttachment(
        agenda_item=item,
        kind=AttachmentKind.FILE,
        title=(title.strip() or name)[:200],
        content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
        size=size,
        added_by=added_by,
    )
    attachment.file.save(name, upload, save=False)
    stored = attachment.file.name or ""
    try:
        attachment.full_clean()
        attachment.save()
    except Exception:
        attachment.file.storage.delete(stored)
        raise
    return attachment


def validate_link(url: str) -> str:
    url = url.strip()
    if url.startswith("/") and not url.startswith("//"):
        if any(c.isspace() for c in url):
            raise ValidationError({"url": _("A site address cannot contain spaces.")})
        return url
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError(
            {"url": _("Give a full address starting with https:// or a path on this site.")}
        ) from None
    return url


@transaction.atomic
def attachment_add_link(
    *, actor: Actor, item: AgendaItem, title: str, url: str, added_by: Any | None = None
) -> AgendaAttachment:
    require_capability(actor, "governance.manage")
    _check_editable_attachment(item)
    attachment = AgendaAttachment(
        agenda_item=item,
        kind=AttachmentKind.LINK,
        title=title.strip(),
        url=validate_link(url),
        added_by=added_by,
    )
    attachment.full_clean()
    attachment.save()
    return attachment


@transaction.atomic
def attachment_delete(*, actor: Actor, attachment: AgendaAttachment) -> None:
    require_capability(actor, "governance.manage")
    stored = attachment.file.name if attachment.file else ""
    storage = attachment.file.storage if attachment.file else None
    attachment.delete()
    if stored and storage is not None:
        transaction.on_commit(lambda: storage.delete(stored))
