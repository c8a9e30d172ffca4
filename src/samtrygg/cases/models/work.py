"""The work on a case: risk assessments, the plan (goals, actions, follow-up meetings) and
notes."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samtrygg.cases.models.base import Sealed, sealed_field
from samtrygg.cases.models.case import Case
from samtrygg.cases.models.choices import Agency, Level, RiskFactor
from samtrygg.core.models import Classification


class RiskAssessment(Sealed):
    """A structured, repeatable assessment: factors with levels; for the exit programme also
    the threat assessment and the conditions for support."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="risk_assessments")
    assessed_on = models.DateField(_("date"))
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessor"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    overall = models.CharField(_("overall level"), max_length=8, choices=Level.choices)
    threat_level = models.CharField(
        _("threat level"), max_length=8, choices=Level.choices, blank=True
    )
    motivated = models.BooleanField(_("motivated to leave"), null=True, blank=True)
    not_a_witness = models.BooleanField(_("not a witness in an open case"), null=True, blank=True)
    support_decided = models.BooleanField(
        _("social services have decided on support"), null=True, blank=True
    )
    summary_enc = sealed_field()
    threat_assessment_enc = sealed_field()

    ENCRYPTED_FIELDS = ("summary", "threat_assessment")

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        verbose_name = _("risk assessment")
        verbose_name_plural = _("risk assessments")

    def __str__(self) -> str:
        return f"{self.case.reference} · {_('risk assessment')} {self.assessed_on:%Y-%m-%d}"

    @property
    def conditions_met(self) -> bool:
        return bool(self.motivated and self.not_a_witness and self.support_decided)


class RiskFactorLevel(models.Model):
    assessment = models.ForeignKey(RiskAssessment, on_delete=models.CASCADE, related_name="factors")
    factor = models.CharField(_("factor"), max_length=30, choices=RiskFactor.choices)
    level = models.CharField(_("level"), max_length=8, choices=Level.choices)

    class Meta:
        ordering = ["assessment", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "factor"], name="cases_factor_unique")
        ]

    def __str__(self) -> str:
        return f"{self.factor}: {self.level}"


class PlanGoal(Sealed):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="goals")
    number = models.PositiveSmallIntegerField(pgettext_lazy("ordinal", "number"))
    achieved_on = models.DateField(_("achieved"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    text_enc = sealed_field()

    ENCRYPTED_FIELDS = ("text",)

    class Meta:
        ordering = ["case", "number"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return f"{self.case.reference} · {_('goal')} {self.number}"


class PlanAction(Sealed):
    """Who does what by when."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actions")
    goal = models.ForeignKey(
        PlanGoal, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    responsible_agency = models.CharField(
        _("responsible agency"), max_length=20, choices=Agency.choices, blank=True
    )
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    description_enc = sealed_field()

    ENCRYPTED_FIELDS = ("description",)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return f"{self.case.reference} · {_('action')} {self.due_on:%Y-%m-%d}"


class FollowUpMeeting(Sealed):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("held"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    minutes_enc = sealed_field()

    ENCRYPTED_FIELDS = ("minutes",)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("follow-up meeting")
        verbose_name_plural = _("follow-up meetings")

    def __str__(self) -> str:
        return f"{self.case.reference} · {_('follow-up meeting')} {self.held_on:%Y-%m-%d}"


class CaseNote(Sealed):
    """A dated entry by a team member. Always classified restricted."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    written_at = models.DateTimeField(_("written"), auto_now_add=True)
    text_enc = sealed_field()

    ENCRYPTED_FIELDS = ("text",)

    class Meta:
        ordering = ["-written_at", "-pk"]
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")

    def __str__(self) -> str:
        return f"{self.case.reference} · {_('note')} {self.pk}"

    @property
    def classification(self) -> str:
        return Classification.RESTRICTED


auditlog.register(RiskAssessment, include_fields=["case", "assessed_on", "assessor"])
auditlog.register(PlanGoal, include_fields=["case", "number", "achieved_on"])
auditlog.register(PlanAction, include_fields=["case", "goal", "due_on", "done_on"])
auditlog.register(FollowUpMeeting, include_fields=["case", "held_on"])
auditlog.register(CaseNote, include_fields=["case", "author"])
