"""The coordination function (SFS 2023:196) and the evidence behind decisions."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samtrygg.core.models import TimeStampedModel

SINGLETON_KEY = "municipality"


class CoordinationFunction(TimeStampedModel):
    """Who holds the municipality's coordination function and how to reach it (one row).

    ``executive_board`` names the political body whose council members (role
    ``council_member`` in that organisation) may read the law-compliance tracker.
    """

    key = models.CharField(max_length=20, unique=True, default=SINGLETON_KEY, editable=False)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation holding the function"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    unit = models.CharField(_("unit"), max_length=200, blank=True)
    contact_title = models.CharField(_("contact person's title"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    web_address = models.URLField(_("web page for residents"), blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    executive_board = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("executive board"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "political_body"},
        help_text=_("Its council members may read the law-compliance tracker."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("coordination function")
        verbose_name_plural = _("coordination function")

    def __str__(self) -> str:
        return self.unit or (self.organisation.name if self.organisation else "")


class DecisionBasis(TimeStampedModel):
    """The published lägesbild version a council decision rests on."""

    decision = models.OneToOneField(
        "governance.Decision",
        verbose_name=_("decision"),
        on_delete=models.CASCADE,
        related_name="situation_basis",
    )
    version = models.ForeignKey(
        "situation.SituationVersion",
        verbose_name=_("lägesbild version"),
        on_delete=models.PROTECT,
        related_name="decision_bases",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("basis of a decision")
        verbose_name_plural = _("bases of decisions")

    def __str__(self) -> str:
        return f"{self.decision} ← {self.version}"


# The singleton key is fixed; the trail keeps who holds the function.
auditlog.register(CoordinationFunction, exclude_fields=["key"])
auditlog.register(DecisionBasis)
