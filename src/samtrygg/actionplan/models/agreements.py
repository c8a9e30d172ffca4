"""The collaboration agreement with its commitments, and citizen promises."""

from __future__ import annotations

from datetime import date

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samtrygg.actionplan.models.plans import document_upload_to
from samtrygg.core.models import TimeStampedModel


class Agreement(TimeStampedModel):
    """A collaboration agreement (samverkansöverenskommelse), usually police–municipality."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    parties = models.ManyToManyField(
        "accounts.Organisation", verbose_name=_("parties"), related_name="agreements"
    )
    #: Who signed, by title (``["Kommunstyrelsens ordförande", "Lokalpolisområdeschef"]``).
    signatories = models.JSONField(_("signatories"), default=list, blank=True)
    signed_date = models.DateField(_("signed"), null=True, blank=True)
    period_start = models.DateField(_("valid from"))
    period_end = models.DateField(_("valid until"), null=True, blank=True)
    document = models.FileField(
        _("signed document"), upload_to=document_upload_to, blank=True, max_length=300
    )

    class Meta:
        ordering = ["-period_start", "-pk"]
        verbose_name = _("collaboration agreement")
        verbose_name_plural = _("collaboration agreements")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("actionplan:agreement_detail", args=[self.pk])


class CommitmentStatus(models.TextChoices):
    NOT_STARTED = "not_started", pgettext_lazy("commitment status", "Not started")
    IN_PROGRESS = "in_progress", pgettext_lazy("commitment status", "In progress")
    DONE = "done", pgettext_lazy("commitment status", "Done")
    CANCELLED = "cancelled", pgettext_lazy("commitment status", "Cancelled")


OPEN_COMMITMENT_STATUSES = (CommitmentStatus.NOT_STARTED, CommitmentStatus.IN_PROGRESS)


class Commitment(TimeStampedModel):
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="commitments",
    )
    title = models.CharField(_("commitment"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.NOT_STARTED,
    )
    progress = models.TextField(_("follow-up"), blank=True)

    class Meta:
        ordering = ["agreement", "due_date", "pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return (
            self.status in OPEN_COMMITMENT_STATUSES
            and self.due_date is not None
            and self.due_date < today
        )


class PromiseStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("promise status", "Not started")
    ONGOING = "ongoing", pgettext_lazy("promise status", "Ongoing")
    FULFILLED = "fulfilled", pgettext_lazy("promise status", "Fulfilled")
    PARTLY = "partly", pgettext_lazy("promise status", "Partly fulfilled")
    NOT_FULFILLED = "not_fulfilled", pgettext_lazy("promise status", "Not fulfilled")


class CitizenPromise(TimeStampedModel):
    """A citizen promise (medborgarlöfte) of the police and the municipality."""

    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("the promise"))
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    status = models.CharField(
        _("status"), max_length=14, choices=PromiseStatus.choices, default=PromiseStatus.PLANNED
    )
    is_public = models.BooleanField(
        _("show on the public follow-up page"),
        default=False,
        help_text=_(
            "The title, promise, area, period, status, activities and public follow-ups "
            "appear on the public page. The internal note never does."
        ),
    )
    issuers = models.ManyToManyField(
        "accounts.Organisation", verbose_name=_("given by"), blank=True, related_name="+"
    )
    internal_note = models.TextField(_("internal note"), blank=True)

    class Meta:
        ordering = ["-period_start", "title", "pk"]
        verbose_name = _("citizen promise")
        verbose_name_plural = _("citizen promises")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="actionplan_promise_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("actionplan:promise_detail", args=[self.pk])


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("activity status", "Planned")
    ONGOING = "ongoing", pgettext_lazy("activity status", "Ongoing")
    DONE = "done", pgettext_lazy("activity status", "Done")
    CANCELLED = "cancelled", pgettext_lazy("activity status", "Cancelled")


class PromiseActivity(models.Model):
    promise = models.ForeignKey(
        CitizenPromise,
        verbose_name=_("citizen promise"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    text = models.CharField(_("activity"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["promise", "order", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.text


class PromiseFollowUp(models.Model):
    """A follow-up of a promise, written for residents (shown on the public page)."""

    promise = models.ForeignKey(
        CitizenPromise,
        verbose_name=_("citizen promise"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    recorded_on = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("follow-up"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["promise", "-recorded_on", "-pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return f"{self.promise} {self.recorded_on}"


auditlog.register(Agreement, m2m_fields={"parties"})
auditlog.register(Commitment)
auditlog.register(CitizenPromise, m2m_fields={"issuers"})
auditlog.register(PromiseActivity)
auditlog.register(PromiseFollowUp)
