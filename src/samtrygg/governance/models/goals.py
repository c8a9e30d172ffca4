"""Focus areas and goals (målformuleringar) with their progress notes.

The action-plan app adds indicators to a goal (``Indicator.goal``); a goal here holds
what the council wrote down: the statement, baseline, target and progress.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samtrygg.core.models import TimeStampedModel
from samtrygg.core.text import shorten
from samtrygg.governance.models.councils import Council


class FocusArea(TimeStampedModel):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self) -> str:
        return self.name


class GoalStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("goal status", "Active")
    ACHIEVED = "achieved", pgettext_lazy("goal status", "Achieved")
    DROPPED = "dropped", pgettext_lazy("goal status", "Dropped")


class Goal(TimeStampedModel):
    council = models.ForeignKey(
        Council, verbose_name=_("owning council"), on_delete=models.PROTECT, related_name="goals"
    )
    focus_area = models.ForeignKey(
        FocusArea, verbose_name=_("focus area"), on_delete=models.PROTECT, related_name="goals"
    )
    statement = models.TextField(_("goal statement"))
    baseline = models.TextField(
        pgettext_lazy("goal", "baseline"), blank=True, help_text=_("Where we start from.")
    )
    target = models.TextField(_("target"))
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.ACTIVE
    )

    class Meta:
        ordering = ["focus_area__order", "council__name", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return shorten(self.statement, 80)


class ProgressAssessment(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")
    ACHIEVED = "achieved", _("Achieved")


class GoalProgressNote(models.Model):
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="progress_notes"
    )
    recorded_on = models.DateField(_("date"), default=timezone.localdate)
    assessment = models.CharField(
        _("assessment"), max_length=10, choices=ProgressAssessment.choices
    )
    text = models.TextField(_("progress"))
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
        ordering = ["goal", "recorded_on", "pk"]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")

    def __str__(self) -> str:
        return f"{self.recorded_on} {self.get_assessment_display()}"


auditlog.register(FocusArea)
auditlog.register(Goal)
auditlog.register(GoalProgressNote)
