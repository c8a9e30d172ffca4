"""Decisions of a council and their follow-up until closed."""

from __future__ import annotations

from datetime import date

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samtrygg.core.models import TimeStampedModel
from samtrygg.core.text import shorten
from samtrygg.governance.models.meetings import AgendaItem, Meeting


class DecisionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("decision status", "Open")
    IN_PROGRESS = "in_progress", pgettext_lazy("decision status", "In progress")
    DONE = "done", pgettext_lazy("decision status", "Done")
    CANCELLED = "cancelled", pgettext_lazy("decision status", "Cancelled")


#: A decision in one of these statuses is followed up at every meeting until closed.
OPEN_DECISION_STATUSES = (DecisionStatus.OPEN, DecisionStatus.IN_PROGRESS)


class Decision(TimeStampedModel):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="decisions"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )
    #: The decision's paragraph number within its meeting (§ 1, § 2, …).
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("decision"))
    rationale = models.TextField(_("rationale"), blank=True)
    owner_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="governance_decisions",
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="governance_decisions",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=DecisionStatus.choices,
        default=DecisionStatus.OPEN,
        db_index=True,
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        ordering = ["meeting__starts_at", "number"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="decision_unique_number"),
            models.CheckConstraint(
                condition=models.Q(owner_organisation__isnull=False)
                | models.Q(owner_user__isnull=False),
                name="decision_has_owner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def reference(self) -> str:
        """``§ n, <council> YYYY-MM-DD`` — how the minutes cite the decision."""
        local = timezone.localtime(self.meeting.starts_at)
        return f"§ {self.number}, {self.meeting.council.name} {local:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_DECISION_STATUSES

    def is_overdue(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_date is not None and self.due_date < today

    @property
    def owner_display(self) -> str:
        parts = []
        if self.owner_organisation_id is not None and self.owner_organisation is not None:
            parts.append(self.owner_organisation.name)
        if self.owner_user_id is not None and self.owner_user is not None:
            user = self.owner_user
            name = user.get_full_name() or user.username
            parts.append(f"{name}, {user.title}" if user.title else name)
        return " · ".join(parts)


class DecisionNote(models.Model):
    """A follow-up note on a decision; a status change is recorded with its note."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="notes"
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("note"))
    status_from = models.CharField(
        _("status before"), max_length=12, choices=DecisionStatus.choices, blank=True
    )
    status_to = models.CharField(
        _("status after"), max_length=12, choices=DecisionStatus.choices, blank=True
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("reported at meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decision_notes",
    )

    class Meta:
        ordering = ["decision", "created_at", "pk"]
        verbose_name = _("follow-up note")
        verbose_name_plural = _("follow-up notes")

    def __str__(self) -> str:
        return f"{self.decision.reference}: {shorten(self.text, 60)}"

    @property
    def changed_status(self) -> bool:
        return bool(self.status_to) and self.status_to != self.status_from


auditlog.register(Decision)
auditlog.register(DecisionNote)
