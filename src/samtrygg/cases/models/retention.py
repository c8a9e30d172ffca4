"""What is left after retention (gallring): anonymous stubs and the reports of each run."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from samtrygg.cases.models.choices import Outcome, Programme


class CaseStub(models.Model):
    """All that is kept of a deleted case: programme, organisation, years and outcome."""

    programme = models.CharField(_("programme"), max_length=20, choices=Programme.choices)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    opened_year = models.PositiveSmallIntegerField(_("opened"))
    closed_year = models.PositiveSmallIntegerField(_("closed"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    deleted_on = models.DateField(_("deleted"))

    class Meta:
        ordering = ["-deleted_on", "pk"]
        verbose_name = _("deleted case")
        verbose_name_plural = _("deleted cases")

    def __str__(self) -> str:
        return f"{self.programme} {self.opened_year}–{self.closed_year}"


class RetentionRun(models.Model):
    """One run of the retention task: when, by what, and what it deleted or skipped."""

    ran_at = models.DateTimeField(_("ran"), auto_now_add=True)
    run_date = models.DateField(_("date"))
    trigger = models.CharField(_("started by"), max_length=20)
    deleted_cases = models.PositiveIntegerField(_("cases deleted"), default=0)
    skipped_cases = models.PositiveIntegerField(_("cases on legal hold"), default=0)

    class Meta:
        ordering = ["-ran_at", "-pk"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")

    def __str__(self) -> str:
        return f"{self.run_date:%Y-%m-%d} ({self.trigger})"


class RetentionRunItem(models.Model):
    """One case in a run's report (references are pseudonyms; nothing else is kept)."""

    run = models.ForeignKey(RetentionRun, on_delete=models.CASCADE, related_name="items")
    programme = models.CharField(_("programme"), max_length=20, choices=Programme.choices)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    reference = models.CharField(_("reference"), max_length=24)
    closed_on = models.DateField(_("closed"))
    skipped = models.BooleanField(_("skipped: legal hold"), default=False)
    persons = models.PositiveIntegerField(_("persons"), default=0)
    notes = models.PositiveIntegerField(_("notes"), default=0)
    attachments = models.PositiveIntegerField(_("attachments"), default=0)
    other_rows = models.PositiveIntegerField(_("other records"), default=0)

    class Meta:
        ordering = ["run", "reference"]

    def __str__(self) -> str:
        return self.reference


class RetentionSchedule(models.Model):
    """The one queued daily retention run that may continue the chain (see ``tasks``)."""

    task_id = models.CharField(max_length=64, blank=True)
    next_run_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.next_run_at}"
