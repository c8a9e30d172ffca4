"""Partners (samverkansparter) and their contact persons."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samtrygg.core.models import TimeStampedModel
from samtrygg.partners.checks import validate_organisation_number


class PartnerKind(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    BUSINESS = "business", _("Business")
    HOUSING_COMPANY = "housing_company", _("Housing company")
    FAITH_COMMUNITY = "faith_community", _("Faith community")
    SCHOOL = "school", _("School")
    SPORTS_CLUB = "sports_club", _("Sports club")
    TRADE_BODY = "trade_body", _("Trade body")
    PUBLIC_AGENCY = "public_agency", _("Public agency")


class Partner(TimeStampedModel):
    """An organisation outside the city's own units that takes part in the safety work.

    ``organisation`` is the accounts organisation whose members with the ``partner`` role
    are this partner's logins: they see this partner's dialogue, commitments and findings.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=PartnerKind.choices)
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=11,
        blank=True,
        validators=[validate_organisation_number],
        help_text=_("NNNNNN-NNNN, as registered with Bolagsverket or Skatteverket."),
    )
    organisation = models.OneToOneField(
        "accounts.Organisation",
        verbose_name=_("organisation (logins)"),
        on_delete=models.PROTECT,
        related_name="partner",
    )
    description = models.TextField(_("description"), blank=True)
    areas = models.ManyToManyField(
        "areas.Area", verbose_name=_("areas where it works"), blank=True, related_name="partners"
    )
    focus_areas = models.ManyToManyField(
        "governance.FocusArea",
        verbose_name=_("focus areas"),
        blank=True,
        related_name="partners",
    )
    takes_part_in_dialogue = models.BooleanField(
        _("takes part in the dialogue forum"), default=True
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation_number"],
                condition=~Q(organisation_number=""),
                name="partners_partner_orgnr_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ContactPerson(TimeStampedModel):
    """A named contact at a partner, kept only with the person's recorded consent.

    Deleted on request (``contact_person_erase``): the row goes and an ``ContactErasure``
    records that it happened, by whom and when, without any of the values. The audit trail
    never records the personal fields either (see ``admin``/``auditlog`` registration).
    """

    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    consent_given_on = models.DateField(_("consent given on"))
    consent_how = models.CharField(
        _("how consent was given"),
        max_length=200,
        help_text=_("E.g. a signed form, an e-mail kept in the registry."),
    )
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consent recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        ordering = ["partner", "pk"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self) -> str:
        # Never the name: this string reaches audit entries and logs.
        return f"{_('contact person')} {self.pk}"


class ContactErasure(models.Model):
    """That a contact person was deleted on request: no name, role, address or number."""

    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="erasures"
    )
    erased_at = models.DateTimeField(_("erased at"), auto_now_add=True)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("erased by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    requested_on = models.DateField(_("requested on"))

    class Meta:
        ordering = ["-erased_at"]
        verbose_name = _("erasure of a contact person")
        verbose_name_plural = _("erasures of contact persons")

    def __str__(self) -> str:
        return f"{self.partner} {self.requested_on}"


auditlog.register(Partner, m2m_fields={"areas", "focus_areas"})
# The personal fields are never written to the audit trail, so that a contact person
# deleted on request leaves no trace of their values there either.
auditlog.register(ContactPerson, exclude_fields=["name", "role", "email", "phone"])
auditlog.register(ContactErasure)
