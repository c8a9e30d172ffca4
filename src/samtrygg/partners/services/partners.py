"""Writes of the partner register. Each takes ``actor`` and asks the resolver itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samtrygg.accounts.models import Organisation, OrganisationKind
from samtrygg.accounts.services import organisation_create
from samtrygg.areas.models import Area
from samtrygg.core.permissions import Actor, require_capability, require_change
from samtrygg.governance.models import FocusArea
from samtrygg.partners.checks import parse_organisation_number
from samtrygg.partners.models import ContactErasure, ContactPerson, Partner, PartnerKind

_ORGANISATION_KIND = {
    PartnerKind.HOUSING_COMPANY: OrganisationKind.HOUSING_COMPANY,
    PartnerKind.BUSINESS: OrganisationKind.BUSINESS,
    PartnerKind.ASSOCIATION: OrganisationKind.ASSOCIATION,
    PartnerKind.SPORTS_CLUB: OrganisationKind.ASSOCIATION,
    PartnerKind.FAITH_COMMUNITY: OrganisationKind.ASSOCIATION,
}
_CODE_MAX = 40


@dataclass
class PartnerInput:
    """A partner's fields as the form, the API and the demo parse them."""

    name: str
    kind: str
    organisation_number: str = ""
    description: str = ""
    areas: list[Area] = field(default_factory=list)
    focus_areas: list[FocusArea] = field(default_factory=list)
    takes_part_in_dialogue: bool = True
    is_active: bool = True


@dataclass
class ContactInput:
    name: str
    consent_given_on: date
    consent_how: str
    role: str = ""
    email: str = ""
    phone: str = ""


def _apply(partner: Partner, data: PartnerInput) -> None:
    errors: dict[str, list[str]] = {}
    partner.name = data.name.strip()
    partner.kind = data.kind
    partner.description = data.description.strip()
    partner.takes_part_in_dialogue = data.takes_part_in_dialogue
    partner.is_active = data.is_active
    try:
        partner.organisation_number = parse_organisation_number(data.organisation_number)
    except ValidationError as exc:
        errors["organisation_number"] = exc.messages
    if (
        partner.organisation_number
        and Partner.objects.filter(organisation_number=partner.organisation_number)
        .exclude(pk=partner.pk)
        .exists()
    ):
        errors["organisation_number"] = [_("Another partner already has this organisation number.")]
    if Partner.objects.filter(name__iexact=partner.name).exclude(pk=partner.pk).exists():
        errors["name"] = [_("Another partner already has this name.")]
    if errors:
        raise ValidationError(errors)


def _unique_code(name: str) -> str:
    base = (slugify(name) or "partner")[: _CODE_MAX - 4].strip("-") or "partner"
    code, n = base, 2
    while Organisation.objects.filter(code=code).exists():
        code, n = f"{base}-{n}", n + 1
    return code


@transaction.atomic
def partner_create(
    *, actor: Actor, data: PartnerInput, organisation: Organisation | None = None
) -> Partner:
    """Add a partner. Without ``organisation`` one is created under the same name, so the
    partner's logins can be given the ``partner`` role there."""
    require_capability(actor, "partners.manage")
    partner = Partner()
    _apply(partner, data)
    if organisation is None:
        existing = Organisation.objects.filter(name__iexact=partner.name).first()
        if existing is not None and not Partner.objects.filter(organisation=existing).exists():
            organisation = existing
        else:
            organisation = organisation_create(
                actor=actor,
                name=partner.name,
                code=_unique_code(partner.name),
                kind=_ORGANISATION_KIND.get(PartnerKind(partner.kind), OrganisationKind.OTHER),
            )
    elif Partner.objects.filter(organisation=organisation).exists():
        raise ValidationError(
            {"organisation": [_("This organisation already belongs to another partner.")]}
        )
    partner.organisation = organisation
    partner.full_clean(exclude=["organisation_number", "name"])
    partner.save()
    partner.areas.set(data.areas)
    partner.focus_areas.set(data.focus_areas)
    return partner


@transaction.atomic
def partner_update(*, actor: Actor, partner: Partner, data: PartnerInput) -> Partner:
    require_change(actor, partner)
    _apply(partner, data)
    partner.full_clean(exclude=["organisation_number", "name"])
    partner.save()
    partner.areas.set(data.areas)
    partner.focus_areas.set(data.focus_areas)
    return partner


def _apply_contact(contact: ContactPerson, data: ContactInput) -> None:
    contact.name = data.name.strip()
    contact.role = data.role.strip()
    contact.email = data.email.strip()
    contact.phone = data.phone.strip()
    contact.consent_given_on = data.consent_given_on
    contact.consent_how = data.consent_how.strip()
    errors: dict[str, list[str]] = {}
    if not contact.consent_how:
        errors["consent_how"] = [
            _("A contact person is kept only with their consent: say how it was given.")
        ]
    if data.consent_given_on is None or data.consent_given_on > timezone.localdate():
        errors["consent_given_on"] = [_("Give the day the consent was given (not in the future).")]
    if not (contact.email or contact.phone):
        errors["email"] = [_("Give an e-mail address or a phone number.")]
    if errors:
        raise ValidationError(errors)
    contact.full_clean()


@transaction.atomic
def contact_person_add(*, actor: Actor, partner: Partner, data: ContactInput) -> ContactPerson:
    """Record a contact person, only together with their consent."""
    require_change(actor, partner)
    contact = ContactPerson(partner=partner, consent_recorded_by=actor)
    _apply_contact(contact, data)
    contact.save()
    return contact


@transaction.atomic
def contact_person_update(
    *, actor: Actor, contact: ContactPerson, data: ContactInput
) -> ContactPerson:
    require_change(actor, contact)
    _apply_contact(contact, data)
    contact.save()
    return contact


@transaction.atomic
def contact_person_erase(
    *, actor: Actor, contact: ContactPerson, requested_on: date
) -> ContactErasure:
    """Delete a contact person on their request (or when consent is withdrawn).

    The row goes; an erasure entry keeps the partner, the day of the request, who erased
    and when, and none of the values (the audit trail never recorded them)."""
    require_change(actor, contact)
    if requested_on > timezone.localdate():
        raise ValidationError({"requested_on": [_("The request cannot be in the future.")]})
    erasure = ContactErasure.objects.create(
        partner=contact.partner, erased_by=actor, requested_on=requested_on
    )
    contact.delete()
    return erasure
