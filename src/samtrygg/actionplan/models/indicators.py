"""Indicators on a goal (``governance.Goal``): computed, survey-based or entered by hand.

* ``computed``: incidents of some categories in some areas per calendar year, as a count
  or a rate per 1,000 inhabitants; computed from the incidents on demand (see
  ``selectors.indicators``), never stored.
* ``survey``: values per area and year from a survey (NTU, the police's
  trygghetsmätning), imported from CSV (``IndicatorValue`` rows).
* ``manual``: values entered by hand, per year (``IndicatorValue`` rows).
* ``registered``: values counted by another part of Samtrygg per year (a source registered
  in ``indicator_sources``, such as the anonymous case counts), never stored.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samtrygg.core.models import TimeStampedModel


class IndicatorKind(models.TextChoices):
    COMPUTED = "computed", _("Computed from incidents")
    SURVEY = "survey", _("Survey")
    MANUAL = "manual", _("Entered by hand")
    REGISTERED = "registered", _("Counted by Samtrygg (anonymous)")


class Measure(models.TextChoices):
    COUNT = "count", pgettext_lazy("count", "Number")
    RATE = "rate", _("Rate per 1,000 inhabitants")
    PERCENT = "percent", _("Per cent")
    VALUE = "value", _("Value")


class Direction(models.TextChoices):
    DECREASE = "decrease", _("Lower is better")
    INCREASE = "increase", _("Higher is better")


class Indicator(TimeStampedModel):
    goal = models.ForeignKey(
        "governance.Goal",
        verbose_name=_("goal"),
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    code = models.SlugField(
        _("code"),
        max_length=60,
        unique=True,
        help_text=_("Short unique code; survey files name the indicator by it."),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=IndicatorKind.choices)
    measure = models.CharField(_("measure"), max_length=10, choices=Measure.choices)
    categories = models.ManyToManyField(
        "incidents.Category",
        verbose_name=_("incident categories"),
        blank=True,
        related_name="+",
        help_text=_("Computed indicators: none chosen means every category."),
    )
    areas = models.ManyToManyField(
        "areas.Area",
        verbose_name=_("areas"),
        blank=True,
        related_name="+",
        help_text=_(
            "Computed indicators: incidents in any of these areas (none: everywhere). "
            "Survey indicators: the areas shown (none: every area in the data)."
        ),
    )
    first_year = models.PositiveSmallIntegerField(
        _("first year"), help_text=_("Computed indicators: the first year computed.")
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    registered_source = models.CharField(
        _("counted from"),
        max_length=60,
        blank=True,
        help_text=_("For indicators counted by Samtrygg: which count (see indicator_sources)."),
    )
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    baseline_value = models.FloatField(_("baseline value"), null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    target_value = models.FloatField(_("target value"), null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["goal__focus_area__order", "goal_id", "order", "name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("actionplan:indicator_detail", args=[self.pk])

    @property
    def is_computed(self) -> bool:
        return self.kind == IndicatorKind.COMPUTED

    @property
    def is_registered(self) -> bool:
        return self.kind == IndicatorKind.REGISTERED


class SurveyImport(models.Model):
    """One survey CSV imported (all rows or none)."""

    at = models.DateTimeField(_("imported"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    file_name = models.CharField(_("file name"), max_length=255)
    rows = models.PositiveIntegerField(_("rows"))
    created_count = models.PositiveIntegerField(_("new values"))
    updated_count = models.PositiveIntegerField(_("corrected values"))

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("survey import")
        verbose_name_plural = _("survey imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.at:%Y-%m-%d})"


class IndicatorValue(TimeStampedModel):
    """A survey or hand-entered value of an indicator for one year (and area)."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values"
    )
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("value"))
    n = models.PositiveIntegerField(_("respondents (n)"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    survey_import = models.ForeignKey(
        SurveyImport,
        verbose_name=_("import"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="values",
    )

    class Meta:
        ordering = ["indicator", "area__name", "year"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "year"], name="actionplan_value_unique_area_year"
            ),
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=models.Q(area__isnull=True),
                name="actionplan_value_unique_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"


auditlog.register(Indicator, m2m_fields={"categories", "areas"})
auditlog.register(IndicatorValue)
