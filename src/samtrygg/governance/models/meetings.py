"""Meetings, their attendance, agenda items and the items' attachments."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import PurePath
from typing import Any

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samtrygg.core.models import TimeStampedModel
from samtrygg.governance.models.councils import Council, CouncilSeat


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("meeting status", "Planned")
    HELD = "held", pgettext_lazy("meeting status", "Held")
    MINUTES_APPROVED = "minutes_approved", pgettext_lazy("meeting status", "Minutes approved")
    CANCELLED = "cancelled", pgettext_lazy("meeting status", "Cancelled")


#: Statuses of a meeting that took place (it counts towards the yearly target).
HELD_STATUSES = (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED)


class Meeting(TimeStampedModel):
    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    #: For an all-day meeting: local midnight of the first day and of the day after the last.
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    all_day = models.BooleanField(_("all day"), default=False)
    location = models.CharField(_("place"), max_length=200, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MeetingStatus.choices,
        default=MeetingStatus.PLANNED,
        db_index=True,
    )
    is_public = models.BooleanField(
        _("public meeting date"),
        default=True,
        help_text=_("The date, time and place appear on the public page and the public feed."),
    )
    #: The iCalendar UID: never changes, whatever else does.
    uid = models.UUIDField(_("calendar identifier"), default=uuid.uuid4, unique=True)
    #: The iCalendar SEQUENCE: raised by every change to the meeting.
    sequence = models.PositiveIntegerField(_("revision"), default=0)
    cancellation_note = models.CharField(_("reason for cancellation"), max_length=300, blank=True)
    other_attendees = models.TextField(
        _("other participants"), blank=True, help_text=_("Presenters, guests and officials.")
    )
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_public = models.BooleanField(
        _("minutes may be published"),
        default=False,
        help_text=_("Approved minutes of a public meeting are then shown on the public page."),
    )
    minutes_approved_on = models.DateField(_("minutes approved on"), null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["council", "starts_at"], name="gov_meeting_council_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.council} {self.starts_at:%Y-%m-%d}"

    @property
    def display_title(self) -> str:
        return self.title or str(_("Meeting"))

    @property
    def first_day(self) -> date:
        return timezone.localtime(self.starts_at).date()

    @property
    def last_day(self) -> date:
        """The last local day the meeting runs on (an all-day end is exclusive)."""
        end = timezone.localtime(self.ends_at)
        return (end - timedelta(days=1)).date() if self.all_day else end.date()

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    @property
    def took_place(self) -> bool:
        return self.status in HELD_STATUSES

    @property
    def public_minutes_available(self) -> bool:
        return (
            self.is_public
            and self.minutes_public
            and self.status == MeetingStatus.MINUTES_APPROVED
            and bool(self.minutes.strip())
        )


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    EXCUSED = "excused", _("Sent apologies")
    ABSENT = "absent", _("Absent")


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendance"
    )
    seat = models.ForeignKey(
        CouncilSeat, verbose_name=_("seat"), on_delete=models.CASCADE, related_name="attendance"
    )
    status = models.CharField(_("attendance"), max_length=10, choices=AttendanceStatus.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["meeting", "seat"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "seat"], name="attendance_unique_seat")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.seat.title} · {self.get_status_display()}"


class AgendaItemKind(models.TextChoices):
    ITEM = "item", _("Agenda item")
    FOLLOW_UP = "follow_up", _("Follow-up of a decision")


class AgendaItem(TimeStampedModel):
    """One item of a meeting's agenda.

    ``kind=follow_up`` items are put on the agenda by the carry-forward of open decisions
    (``services.decision_carry_forward``) and point at the decision they follow up.
    """

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(
        _("kind"), max_length=12, choices=AgendaItemKind.choices, default=AgendaItemKind.ITEM
    )
    title = models.CharField(_("title"), max_length=300)
    presenter = models.CharField(_("presenter"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    notes = models.TextField(_("notes for the minutes"), blank=True)
    follow_up_of = models.ForeignKey(
        "governance.Decision",
        verbose_name=_("decision followed up"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follow_up_items",
    )

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "follow_up_of"],
                condition=models.Q(follow_up_of__isnull=False),
                name="agenda_item_one_follow_up_per_decision",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="item", follow_up_of__isnull=True)
                | models.Q(kind="follow_up", follow_up_of__isnull=False),
                name="agenda_item_follow_up_has_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class AttachmentKind(models.TextChoices):
    FILE = "file", _("File")
    LINK = "link", _("Link")


def attachment_upload_to(instance: Any, filename: str) -> str:
    # A random directory keeps the original file name without collisions or guessing.
    return f"governance/attachments/{uuid.uuid4().hex}/{PurePath(filename).name}"


class AgendaAttachment(TimeStampedModel):
    """A file or a link attached to an agenda item (the meeting pack lists them)."""

    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    kind = models.CharField(_("kind"), max_length=8, choices=AttachmentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_upload_to, blank=True, max_length=300)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), null=True, blank=True)
    #: An absolute http(s) address, or a path on this site (``/…``).
    url = models.CharField(_("address"), max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["agenda_item", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="file") & ~models.Q(file=""))
                | (models.Q(kind="link") & ~models.Q(url="")),
                name="agenda_attachment_file_or_link",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def file_name(self) -> str:
        return PurePath(self.file.name or "").name if self.file else ""


auditlog.register(Meeting)
auditlog.register(Attendance)
auditlog.register(AgendaItem)
auditlog.register(AgendaAttachment)
