"""Generated documents (meeting packs, reports to the executive board), kept as versions."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samtrygg.governance.models.councils import Council
from samtrygg.governance.models.meetings import Meeting


class DocumentKind(models.TextChoices):
    MEETING_PACK = "meeting_pack", _("Meeting pack")
    BOARD_REPORT = "board_report", _("Report to the executive board")


class GeneratedDocument(models.Model):
    """One rendered version of a document; never changed after it is written.

    ``subject`` identifies what the document is about (a meeting, or a council and a
    period); versions count up per kind and subject.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=DocumentKind.choices)
    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="documents"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period to"), null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=100, editable=False)
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=300)
    pdf = models.BinaryField(_("PDF"))
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")
        constraints = [
            models.UniqueConstraint(fields=["subject", "version"], name="document_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def file_name(self) -> str:
        stem = self.subject.replace(":", "-")
        return f"{self.kind.replace('_', '-')}-{stem}-v{self.version}.pdf"


auditlog.register(GeneratedDocument, exclude_fields=["pdf"])
