"""The lägesbild document: a working report, its review, signatures and frozen versions.

A ``SituationReport`` is the working document (draft → review → published). Publishing
freezes a ``SituationVersion``: the computed figures, the parameters, the written sections,
the signatures and the rendered images (``VersionAsset``), numbered per report. A version
never changes: the application refuses updates and deletes (model and queryset), and the
database refuses updates (a trigger on SQLite and PostgreSQL, see the migrations). Later
edits of the report lead to a new version. Withdrawing a version from the public picture
adds a ``VersionWithdrawal`` row; the version itself stays as it was.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any, ClassVar

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samtrygg.core.exceptions import AppendOnlyError
from samtrygg.core.models import TimeStampedModel
from samtrygg.picture.snapshots import read_picture
from samtrygg.picture.types import Picture


class PeriodKind(models.TextChoices):
    WEEK = "week", _("Week")
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")
    CUSTOM = "custom", _("Custom period")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


class SectionKind(models.TextChoices):
    """The parts of a lägesbild (SFS 2023:196 § 4 and Brå's guidance), in order."""

    SUMMARY = "summary", pgettext_lazy("lägesbild section", "Summary")
    SURVEY = (
        "survey",
        pgettext_lazy("lägesbild section", "Survey of crime: extent and consequences"),
    )
    OTHER = "other", pgettext_lazy("lägesbild section", "Other relevant information")
    ANALYSIS = "analysis", pgettext_lazy("lägesbild section", "Analysis")
    PROBLEMS = (
        "problems",
        pgettext_lazy("lägesbild section", "Prioritised problems and cause analysis"),
    )
    SOURCES = "sources", pgettext_lazy("lägesbild section", "Sources and source critique")


#: Sections that must have text before a report goes to review.
REQUIRED_SECTIONS = (
    SectionKind.SURVEY,
    SectionKind.ANALYSIS,
    SectionKind.PROBLEMS,
    SectionKind.SOURCES,
)


class SignatureSide(models.TextChoices):
    MUNICIPALITY = "municipality", pgettext_lazy("signing side", "Municipality")
    POLICE = "police", pgettext_lazy("signing side", "Police")


class SituationReport(TimeStampedModel):
    title = models.CharField(_("title"), max_length=200)
    period_kind = models.CharField(
        _("period"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.YEAR
    )
    period_start = models.DateField(_("first day"))
    period_end = models.DateField(_("last day"))
    #: The areas the report covers; none means the whole municipality.
    areas = models.ManyToManyField(
        "areas.Area", verbose_name=_("areas"), blank=True, related_name="situation_reports"
    )
    #: Codes of the incident categories covered; empty means every category.
    category_codes = models.JSONField(_("categories"), default=list, blank=True)
    #: Police-only (restricted) incidents enter the figures only when a user entitled to
    #: police data switched this on; that user is recorded.
    include_restricted = models.BooleanField(_("include police-only data"), default=False)
    restricted_released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("police-only data included by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ReportStatus.choices,
        default=ReportStatus.DRAFT,
        db_index=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: The figures frozen when the report went to review (what the signatories sign).
    figures = models.JSONField(_("figures"), null=True, blank=True)
    #: The public figures (open and internal incidents, suppressed), frozen with them.
    public_figures = models.JSONField(_("public figures"), null=True, blank=True)
    figures_computed_at = models.DateTimeField(_("figures computed"), null=True, blank=True)
    #: Whose data scope the frozen figures were computed with.
    figures_scope = models.JSONField(_("data scope"), null=True, blank=True)
    #: SHA-256 of the parameters, sections and frozen figures; signatures carry it.
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True)

    class Meta:
        ordering = ["-period_end", "-id"]
        verbose_name = _("situational picture")
        verbose_name_plural = _("situational pictures")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("situation:report_detail", args=[self.pk])

    def frozen_picture(self) -> Picture | None:
        """The figures frozen for review (``None`` while none are)."""
        return None if self.figures is None else read_picture(self.figures)


class ReportSection(models.Model):
    report = models.ForeignKey(SituationReport, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(_("section"), max_length=12, choices=SectionKind.choices)
    body = models.TextField(_("text"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["report", "kind"], name="situation_section_unique")
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.get_kind_display()}"


class ReviewComment(TimeStampedModel):
    report = models.ForeignKey(SituationReport, on_delete=models.CASCADE, related_name="comments")
    #: The section commented on; blank for the report as a whole.
    section = models.CharField(_("section"), max_length=12, choices=SectionKind.choices, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT
    )
    body = models.TextField(_("comment"))
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:40]}"


class Signature(models.Model):
    """One signatory's approval of the report's content as it was (``content_hash``)."""

    report = models.ForeignKey(SituationReport, on_delete=models.CASCADE, related_name="signatures")
    side = models.CharField(_("signs for"), max_length=12, choices=SignatureSide.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("signed by"), on_delete=models.PROTECT
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT
    )
    role = models.CharField(_("role"), max_length=20)
    signed_at = models.DateTimeField(_("signed"), auto_now_add=True)
    content_hash = models.CharField(_("content hash"), max_length=64)
    #: Set when the content changed after signing; the signature then no longer counts.
    invalidated_at = models.DateTimeField(_("no longer valid since"), null=True, blank=True)
    invalidated_reason = models.CharField(_("why"), max_length=200, blank=True)
    #: The version this signature was published with.
    version = models.ForeignKey(
        "SituationVersion",
        verbose_name=_("version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["signed_at", "id"]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")

    def __str__(self) -> str:
        return f"{self.report}: {self.user} ({self.get_side_display()})"


class ImmutableQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError(f"{self.model.__name__} is frozen; rows cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{self.model.__name__} is frozen; rows cannot be deleted")

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> int:
        raise AppendOnlyError(f"{self.model.__name__} is frozen; rows cannot be changed")


class ImmutableModel(models.Model):
    """Rows are written once and never changed or deleted (application guard; the
    migrations add a database trigger that refuses updates)."""

    objects: ClassVar[ImmutableQuerySet] = ImmutableQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} is frozen and cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{type(self).__name__} is frozen and cannot be deleted")


class SituationVersion(ImmutableModel):
    """A published, numbered, frozen lägesbild. Council meetings cite these."""

    report = models.ForeignKey(SituationReport, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published"), auto_now_add=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    period_kind = models.CharField(_("period"), max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField(_("first day"))
    period_end = models.DateField(_("last day"))
    #: What was computed: period, areas, categories, method settings.
    parameters = models.JSONField(_("parameters"))
    #: The computed picture as the signatories saw it (see ``picture.compute``).
    figures = models.JSONField(_("figures"))
    #: The public picture: open and internal incidents only, small counts suppressed.
    public = models.JSONField(_("public figures"))
    #: The written sections: ``{kind: text}``.
    sections = models.JSONField(_("sections"))
    #: Who signed, for whom, when.
    signatures = models.JSONField(_("signatures"))
    #: Whose data scope the figures were computed with (classifications and who chose).
    data_scope = models.JSONField(_("data scope"))
    content_hash = models.CharField(_("content hash"), max_length=64)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "number"], name="situation_version_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title}, version {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("situation:version_detail", args=[self.pk])

    @property
    def label(self) -> str:
        return f"{self.title} (v{self.number})"

    @cached_property
    def picture(self) -> Picture:
        """The frozen figures, typed (snapshots of earlier schemas are read as they were)."""
        return read_picture(self.figures)


class VersionAsset(ImmutableModel):
    """An image rendered at publication (maps and charts), frozen with its version."""

    version = models.ForeignKey(SituationVersion, on_delete=models.PROTECT, related_name="assets")
    name = models.CharField(_("name"), max_length=60)
    content_type = models.CharField(_("content type"), max_length=40)
    data = models.BinaryField(_("data"))

    class Meta:
        verbose_name = _("version image")
        verbose_name_plural = _("version images")
        constraints = [
            models.UniqueConstraint(fields=["version", "name"], name="situation_asset_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.version}: {self.name}"


class VersionWithdrawal(ImmutableModel):
    """A published version taken out of the public picture (the version is unchanged)."""

    version = models.OneToOneField(
        SituationVersion, on_delete=models.PROTECT, related_name="withdrawal"
    )
    at = models.DateTimeField(_("withdrawn"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=500)

    class Meta:
        verbose_name = _("withdrawal")
        verbose_name_plural = _("withdrawals")

    def __str__(self) -> str:
        return f"{self.version} withdrawn"


class ReportAction(models.TextChoices):
    CREATE = "create", pgettext_lazy("lägesbild event", "Created")
    EDIT = "edit", pgettext_lazy("lägesbild event", "Edited")
    SUBMIT = "submit", pgettext_lazy("lägesbild event", "Sent to review")
    RETURN = "return", pgettext_lazy("lägesbild event", "Returned to draft")
    REFRESH = "refresh", pgettext_lazy("lägesbild event", "Figures recomputed")
    SIGN = "sign", pgettext_lazy("lägesbild event", "Signed")
    PUBLISH = "publish", _("Published")
    WITHDRAW = "withdraw", pgettext_lazy("lägesbild event", "Withdrawn from the public picture")
    REOPEN = "reopen", pgettext_lazy("lägesbild event", "Reopened for a new version")


class EventOutcome(models.TextChoices):
    DONE = "done", pgettext_lazy("lägesbild event", "Done")
    REFUSED = "refused", pgettext_lazy("lägesbild event", "Refused")


class ReportEvent(ImmutableModel):
    """What was done to a report, or tried and refused. Part of the audit trail."""

    report = models.ForeignKey(SituationReport, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    username = models.CharField(_("user name"), max_length=150)
    action = models.CharField(_("action"), max_length=12, choices=ReportAction.choices)
    outcome = models.CharField(_("outcome"), max_length=8, choices=EventOutcome.choices)
    message = models.CharField(_("message"), max_length=500, blank=True)
    version_number = models.PositiveIntegerField(_("version"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("report event")
        verbose_name_plural = _("report events")

    def __str__(self) -> str:
        return f"{self.report}: {self.action} {self.outcome}"


class WeeklyNote(TimeStampedModel):
    """The EST meeting's short note for one ISO week."""

    week_start = models.DateField(_("week (Monday)"), unique=True)
    body = models.TextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), on_delete=models.PROTECT
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-week_start"]
        verbose_name = _("weekly meeting note")
        verbose_name_plural = _("weekly meeting notes")

    def __str__(self) -> str:
        return f"EST {self.week_start:%G-W%V}"


auditlog.register(
    SituationReport, m2m_fields={"areas"}, exclude_fields=["figures", "public_figures"]
)
auditlog.register(ReportSection)
auditlog.register(ReviewComment)
auditlog.register(Signature)
auditlog.register(SituationVersion, exclude_fields=["figures", "public"])
auditlog.register(VersionWithdrawal)
auditlog.register(ReportEvent)
auditlog.register(WeeklyNote)
