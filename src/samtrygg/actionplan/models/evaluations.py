"""Evaluation runs of an intervention: immutable results.

Each run stores its parameters (areas, windows, categories, data scope) and the result of
``samtrygg.analysis.evaluation.evaluate_intervention`` as it was computed. A run is never
changed or deleted: the application refuses (model and queryset, as for
``core.AccessLogEntry``) and the database refuses updates (a trigger, see migration 0002).
The areas are kept as a snapshot in ``parameters`` (id, code, name), not as foreign keys,
so that changing or removing an area later cannot touch a stored result.
"""

from __future__ import annotations

from typing import Any, ClassVar

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samtrygg.core.exceptions import AppendOnlyError
from samtrygg.core.models import AppendOnlyQuerySet


class EvaluationRun(models.Model):
    intervention = models.ForeignKey(
        "actionplan.Intervention",
        verbose_name=_("intervention"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    title = models.CharField(_("title"), max_length=200)
    created_at = models.DateTimeField(_("run"), auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("run by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    before_start = models.DateField(_("before: from"))
    before_end = models.DateField(_("before: until"))
    after_start = models.DateField(_("after: from"))
    after_end = models.DateField(_("after: until"))
    #: Areas per role (``{"treated": {"id", "code", "name"}, …}``), categories, confidence.
    parameters = models.JSONField(_("parameters"))
    #: The library's result: counts, rate ratios, DiD, WDQ, WDD, harm, notes.
    result = models.JSONField(_("result"))
    #: Whose data scope the counts come from (classifications, police data or not).
    data_scope = models.JSONField(_("data scope"))

    objects: ClassVar[AppendOnlyQuerySet] = AppendOnlyQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("a stored evaluation result cannot be changed; run a new one")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("actionplan:evaluation_detail", args=[self.pk])

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("a stored evaluation result cannot be deleted")


class EvaluationPresentation(models.Model):
    """An evaluation result attached to a council meeting's agenda (as a link)."""

    evaluation = models.ForeignKey(
        EvaluationRun,
        verbose_name=_("evaluation"),
        on_delete=models.PROTECT,
        related_name="presentations",
    )
    attachment = models.OneToOneField(
        "governance.AgendaAttachment",
        verbose_name=_("agenda attachment"),
        on_delete=models.CASCADE,
        related_name="evaluation_presentation",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("evaluation at a meeting")
        verbose_name_plural = _("evaluations at meetings")

    def __str__(self) -> str:
        return f"{self.evaluation} → {self.attachment.agenda_item}"


auditlog.register(EvaluationRun, exclude_fields=["result"])
auditlog.register(EvaluationPresentation)
