"""Interventions (insatser), their method catalogue, progress notes and process evaluation."""

from __future__ import annotations

from datetime import date
from typing import Any

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from samtrygg.core.models import TimeStampedModel


class Method(TimeStampedModel):
    """A kind of intervention (safety walk, lighting, SSPF, …): an editable catalogue."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("method")
        verbose_name_plural = _("methods")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "sv").split("-")[0]
        return self.name_en if language == "en" and self.name_en else self.name_sv


class InterventionStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("intervention status", "Planned")
    RUNNING = "running", pgettext_lazy("intervention status", "Running")
    COMPLETED = "completed", pgettext_lazy("intervention status", "Completed")
    STOPPED = "stopped", pgettext_lazy("intervention status", "Stopped")


class Intervention(TimeStampedModel):
    plan = models.ForeignKey(
        "actionplan.ActionPlan",
        verbose_name=_("action plan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interventions",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    focus_areas = models.ManyToManyField(
        "governance.FocusArea", verbose_name=_("focus areas"), related_name="interventions"
    )
    method = models.ForeignKey(
        Method,
        verbose_name=_("method"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interventions",
    )
    # The logic model: problem → mechanism → expected outcome.
    problem = models.TextField(_("problem"), blank=True)
    mechanism = models.TextField(
        _("mechanism"), blank=True, help_text=_("Why the intervention should work.")
    )
    expected_outcome = models.TextField(_("expected outcome"), blank=True)
    owner = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        related_name="owned_interventions",
    )
    partners = models.ManyToManyField(
        "accounts.Organisation",
        verbose_name=_("partners"),
        blank=True,
        related_name="partner_interventions",
    )
    areas = models.ManyToManyField(
        "areas.Area", verbose_name=_("areas"), blank=True, related_name="interventions"
    )
    places = models.ManyToManyField(
        "areas.Place", verbose_name=_("places"), blank=True, related_name="interventions"
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InterventionStatus.choices,
        default=InterventionStatus.PLANNED,
        db_index=True,
    )
    budget = models.DecimalField(
        _("budget (SEK)"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    decisions = models.ManyToManyField(
        "governance.Decision",
        verbose_name=_("decisions that started it"),
        blank=True,
        related_name="interventions",
    )
    goals = models.ManyToManyField(
        "governance.Goal",
        verbose_name=_("goals it contributes to"),
        blank=True,
        related_name="interventions",
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
        ordering = ["title", "pk"]
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="actionplan_intervention_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("actionplan:intervention_detail", args=[self.pk])

    def is_overdue(self, today: date | None = None) -> bool:
        """Still marked as planned or running after its end date."""
        today = today or timezone.localdate()
        return (
            self.status in (InterventionStatus.PLANNED, InterventionStatus.RUNNING)
            and self.end_date is not None
            and self.end_date < today
        )


class InterventionNote(models.Model):
    """A progress note; a status change is recorded with its note."""

    intervention = models.ForeignKey(
        Intervention, verbose_name=_("intervention"), on_delete=models.CASCADE, related_name="notes"
    )
    recorded_on = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(pgettext_lazy("intervention", "progress"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status_from = models.CharField(
        _("status before"), max_length=10, choices=InterventionStatus.choices, blank=True
    )
    status_to = models.CharField(
        _("status after"), max_length=10, choices=InterventionStatus.choices, blank=True
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["intervention", "-recorded_on", "-pk"]
        verbose_name = pgettext_lazy("intervention", "progress note")
        verbose_name_plural = pgettext_lazy("intervention", "progress notes")

    def __str__(self) -> str:
        return f"{self.intervention}: {self.text[:60]}"

    @property
    def changed_status(self) -> bool:
        return bool(self.status_to) and self.status_to != self.status_from


class CheckAnswer(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Don't know")


#: The process-evaluation checklist: was the intervention carried out as planned?
#: (key, question). Answers are kept per key, so questions can be added later.
PROCESS_CHECKLIST: tuple[tuple[str, Any], ...] = (
    ("as_planned", _("Was the intervention carried out as planned?")),
    ("target_group", _("Did it reach the intended places or people?")),
    ("dose", _("Was it carried out as often and as long as planned (dose)?")),
    ("timing", _("Did it start and end when planned?")),
    ("partners", _("Did the partners take part as agreed?")),
    ("resources", _("Were staff and budget as planned?")),
    ("documented", _("Is what was done documented (dates, places, numbers)?")),
    ("mechanism", _("Are there signs that the expected mechanism was at work?")),
)


class ProcessEvaluation(models.Model):
    """One filled-in process-evaluation checklist (the latest counts)."""

    intervention = models.ForeignKey(
        Intervention,
        verbose_name=_("intervention"),
        on_delete=models.CASCADE,
        related_name="process_evaluations",
    )
    recorded_on = models.DateField(_("date"), default=timezone.localdate)
    #: ``{key: {"answer": "yes"|"partly"|"no"|"unknown", "comment": "…"}}``
    answers = models.JSONField(_("answers"), default=dict)
    deviations = models.TextField(_("deviations from the plan"), blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)
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
        ordering = ["intervention", "-recorded_on", "-pk"]
        verbose_name = _("process evaluation")
        verbose_name_plural = _("process evaluations")

    def __str__(self) -> str:
        return f"{self.intervention} {self.recorded_on}"


auditlog.register(Method)
auditlog.register(
    Intervention, m2m_fields={"focus_areas", "partners", "areas", "places", "decisions", "goals"}
)
auditlog.register(InterventionNote)
auditlog.register(ProcessEvaluation)
