"""The persons of a case and the encrypted attachments (scans of signed consent forms)."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samtrygg.cases.models.base import Sealed, sealed_field
from samtrygg.cases.models.case import Case
from samtrygg.cases.models.choices import PersonRole


class CasePerson(Sealed):
    """The person of the case, a guardian or another contact. Every identity field is
    encrypted; ``identity_hash`` (an HMAC) finds a personnummer without storing it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="persons")
    role = models.CharField(_("role"), max_length=12, choices=PersonRole.choices)
    number = models.PositiveSmallIntegerField(pgettext_lazy("ordinal", "number"))
    identity_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    name_enc = sealed_field()
    identity_number_enc = sealed_field()
    birth_date_enc = sealed_field()
    phone_enc = sealed_field()
    email_enc = sealed_field()
    address_enc = sealed_field()
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    ENCRYPTED_FIELDS = ("name", "identity_number", "birth_date", "phone", "email", "address")

    class Meta:
        ordering = ["case", "number"]
        verbose_name = _("case person")
        verbose_name_plural = _("case persons")
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="cases_person_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.case.reference} · {self.get_role_display()} {self.number}"


class CaseAttachment(Sealed):
    """A file kept encrypted in the database (its name too)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    consent = models.ForeignKey(
        "cases.Consent",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
    )
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    name_enc = sealed_field()
    content_enc = sealed_field()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    ENCRYPTED_FIELDS = ("name", "content")

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return f"{self.case.reference} · {_('attachment')} {self.pk}"


auditlog.register(CasePerson, include_fields=["case", "role", "number"])
auditlog.register(CaseAttachment, include_fields=["case", "consent", "size"])
