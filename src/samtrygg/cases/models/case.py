"""The case, its data key, its team and the programme leads."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samtrygg.cases.models.choices import (
    AgeBandChoice,
    Agency,
    CaseStatus,
    IntakeReason,
    Outcome,
    Programme,
)
from samtrygg.core.models import Classification, TimeStampedModel


class Case(TimeStampedModel):
    """One person's case in a programme. Outside its team only ``reference`` is ever
    shown (and only to those who may know the case exists)."""

    reference = models.CharField(_("reference"), max_length=24, unique=True)
    programme = models.CharField(_("programme"), max_length=20, choices=Programme.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.INTAKE
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    agency = models.CharField(
        _("agency of the responsible organisation"),
        max_length=20,
        choices=Agency.choices,
        default=Agency.SOCIAL_SERVICES,
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    intake_reason = models.CharField(
        _("reason for intake"), max_length=40, choices=IntakeReason.choices
    )
    opened_on = models.DateField(_("opened"))
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    age_band = models.CharField(
        _("age band at intake"),
        max_length=8,
        choices=AgeBandChoice.choices,
        default=AgeBandChoice.UNKNOWN,
    )
    plan_started_on = models.DateField(_("plan started"), null=True, blank=True)
    legal_hold = models.BooleanField(
        _("legal hold"),
        default=False,
        help_text=_("A case under legal hold is not deleted when its retention period ends."),
    )
    legal_hold_since = models.DateField(_("legal hold since"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_on", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=CaseStatus.CLOSED) | Q(closed_on__isnull=False),
                name="cases_case_closed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("cases:detail", args=[self.pk])

    @property
    def classification(self) -> str:
        return Classification.RESTRICTED

    @property
    def is_open(self) -> bool:
        return self.status != CaseStatus.CLOSED


class CaseKey(models.Model):
    """The case's own data key, stored only wrapped by a master key (``crypto``)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="data_key")
    key_id = models.CharField(max_length=32, unique=True)
    master_key_id = models.CharField(max_length=16, db_index=True)
    wrapped = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("case key")
        verbose_name_plural = _("case keys")

    def __str__(self) -> str:
        return f"{self.key_id} ({self.master_key_id})"


class ReferenceCounter(models.Model):
    """The last number given in a programme's year (SSPF-2026-014 is number 14)."""

    programme = models.CharField(max_length=20, choices=Programme.choices)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="cases_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.year}: {self.last}"


class RemovalReason(models.TextChoices):
    REMOVED = "removed", _("Removed from the team")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent withdrawn")


class CaseTeamMember(models.Model):
    """A named user on the case team, for one organisation and agency."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    agency = models.CharField(_("agency"), max_length=20, choices=Agency.choices)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)
    removed_reason = models.CharField(
        _("why removed"), max_length=20, choices=RemovalReason.choices, blank=True
    )
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("team member")
        verbose_name_plural = _("case team")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user"],
                condition=Q(removed_at__isnull=True),
                name="cases_team_one_active_membership",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case.reference} · {self.user.username}"

    @property
    def is_active(self) -> bool:
        return self.removed_at is None


class ProgrammeLead(models.Model):
    """A case worker who leads a programme in an organisation: reads all its cases there,
    sees the programme overview, and manages its cases and legal bases."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    programme = models.CharField(_("programme"), max_length=20, choices=Programme.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    since = models.DateField(_("since"), auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "programme"]
        verbose_name = _("programme lead")
        verbose_name_plural = _("programme leads")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "programme", "user"], name="cases_lead_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_programme_display()} · {self.organisation} · {self.user.username}"


# The audit trail keeps who changed what and when, never case content: the fields
# recorded are listed, everything else (reasons, outcomes, texts) stays out of it.
auditlog.register(
    Case,
    include_fields=[
        "reference",
        "programme",
        "status",
        "organisation",
        "coordinator",
        "opened_on",
        "closed_on",
        "legal_hold",
    ],
)
auditlog.register(
    CaseTeamMember,
    include_fields=["case", "user", "organisation", "agency", "removed_at", "removed_reason"],
)
auditlog.register(ProgrammeLead, include_fields=["organisation", "programme", "user"])
