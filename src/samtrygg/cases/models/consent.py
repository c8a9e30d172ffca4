"""Consent and disclosures with their legal basis."""

from __future__ import annotations

import datetime as dt

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samtrygg.cases.models.base import Sealed, sealed_field
from samtrygg.cases.models.case import Case
from samtrygg.cases.models.choices import Agency, ConsentGiver


class Consent(Sealed):
    """A consent: who gave it, which agencies it covers, from when to when."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    given_by = models.CharField(_("given by"), max_length=24, choices=ConsentGiver.choices)
    given_on = models.DateField(_("given"))
    expires_on = models.DateField(_("expires"))
    withdrawn_on = models.DateField(pgettext_lazy("consent", "withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    purpose_enc = sealed_field()
    note_enc = sealed_field()

    ENCRYPTED_FIELDS = ("purpose", "note")

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.case.reference} · {_('consent')} {self.given_on:%Y-%m-%d}"

    def is_valid_on(self, day: dt.date) -> bool:
        return self.given_on <= day <= self.expires_on and (
            self.withdrawn_on is None or self.withdrawn_on > day
        )

    @property
    def agencies(self) -> list[str]:
        return [scope.agency for scope in self.scopes.all()]


class ConsentScope(models.Model):
    """One agency a consent covers."""

    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="scopes")
    agency = models.CharField(_("agency"), max_length=20, choices=Agency.choices)

    class Meta:
        ordering = ["consent", "agency"]
        constraints = [
            models.UniqueConstraint(fields=["consent", "agency"], name="cases_scope_unique")
        ]

    def __str__(self) -> str:
        return f"{self.consent} · {self.agency}"


class LegalBasis(models.Model):
    """A legal basis for disclosing case information; programme leads extend the list."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    law_reference = models.CharField(_("law reference"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)
    requires_consent = models.BooleanField(
        _("rests on consent"),
        default=False,
        help_text=_("A disclosure on this basis needs a valid consent covering the recipient."),
    )
    is_active = models.BooleanField(_("in use"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")

    def __str__(self) -> str:
        return self.name


class Disclosure(Sealed):
    """One sharing of case information with another agency, and its legal basis."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="disclosures")
    recipient_agency = models.CharField(_("recipient"), max_length=20, choices=Agency.choices)
    recipient_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("recipient organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    disclosed_on = models.DateField(_("date"))
    basis = models.ForeignKey(
        LegalBasis, verbose_name=_("legal basis"), on_delete=models.PROTECT, related_name="+"
    )
    access_until = models.DateField(
        _("recipient's team members may open the case until"), null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    content_enc = sealed_field()
    justification_enc = sealed_field()

    ENCRYPTED_FIELDS = ("content", "justification")

    class Meta:
        ordering = ["-disclosed_on", "-pk"]
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")

    def __str__(self) -> str:
        return f"{self.case.reference} · {_('disclosure')} {self.disclosed_on:%Y-%m-%d}"


auditlog.register(
    Consent, include_fields=["case", "given_by", "given_on", "expires_on", "withdrawn_on"]
)
auditlog.register(LegalBasis, include_fields=["code", "name", "requires_consent", "is_active"])
auditlog.register(
    Disclosure,
    include_fields=["case", "recipient_agency", "disclosed_on", "basis", "access_until"],
)
