"""The action plan (handlingsplan / åtgärdsplan) and its adopted versions.

An ``ActionPlan`` is the plan as a piece of work: its title, period, focus areas and the
interventions under it. Each time a political body adopts it (first adoption, revisions)
an ``ActionPlanVersion`` records who adopted it, when, the adopted document and the
lägesbild version it was decided from (SFS 2023:196 asks for a plan decided from the
lägesbild).
"""

from __future__ import annotations

import uuid
from pathlib import PurePath
from typing import Any

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samtrygg.core.models import TimeStampedModel


def document_upload_to(instance: Any, filename: str) -> str:
    # A random directory keeps the original name without collisions or guessing.
    return f"actionplan/documents/{uuid.uuid4().hex}/{PurePath(filename).name}"


class ActionPlan(TimeStampedModel):
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    description = models.TextField(_("description"), blank=True)
    focus_areas = models.ManyToManyField(
        "governance.FocusArea",
        verbose_name=_("focus areas"),
        blank=True,
        related_name="action_plans",
    )
    next_review = models.DateField(
        _("next review"),
        null=True,
        blank=True,
        help_text=_("When the plan is next to be followed up or revised."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-period_start", "-pk"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="actionplan_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("actionplan:plan_detail", args=[self.pk])

    @property
    def period_label(self) -> str:
        if self.period_start.year == self.period_end.year:
            return str(self.period_start.year)
        return f"{self.period_start.year}–{self.period_end.year}"


class ActionPlanVersion(TimeStampedModel):
    """One adoption of the plan by a political body."""

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    adopted_by = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("adopted by"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "political_body"},
    )
    adoption_date = models.DateField(_("adoption date"))
    decision_reference = models.CharField(
        _("decision reference"),
        max_length=200,
        blank=True,
        help_text=_("How the minutes cite the decision, e.g. KS 2024-03-12 § 45."),
    )
    based_on = models.ForeignKey(
        "situation.SituationVersion",
        verbose_name=_("based on the lägesbild"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_plan_versions",
    )
    document = models.FileField(
        _("adopted document"), upload_to=document_upload_to, blank=True, max_length=300
    )
    changes = models.TextField(_("what changed"), blank=True)

    class Meta:
        ordering = ["plan", "-number"]
        verbose_name = _("adopted version")
        verbose_name_plural = _("adopted versions")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="actionplan_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.plan}, version {self.number}"

    @property
    def document_name(self) -> str:
        return PurePath(self.document.name or "").name if self.document else ""


auditlog.register(ActionPlan, m2m_fields={"focus_areas"})
auditlog.register(ActionPlanVersion)
