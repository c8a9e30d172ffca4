"""Partners made through the services, as the coordinator."""

from __future__ import annotations

from datetime import date
from typing import Any

from samtrygg.partners.models import Partner, PartnerKind
from samtrygg.partners.services import ContactInput, PartnerInput, partner_create
from samtrygg.testing.actors import member


def make_partner(
    name: str = "Föreningen Test", *, organisation: Any = None, orgnr: str = "", **fields: Any
) -> Partner:
    data = PartnerInput(
        name=name,
        kind=fields.pop("kind", PartnerKind.ASSOCIATION),
        organisation_number=orgnr,
        **fields,
    )
    return partner_create(actor=member("coordinator"), data=data, organisation=organisation)


def contact_input(**fields: Any) -> ContactInput:
    values: dict[str, Any] = {
        "name": "Karin Lind",
        "role": "Ordförande",
        "email": "karin.lind@example.org",
        "phone": "070-123 45 67",
        "consent_given_on": date(2026, 1, 15),
        "consent_how": "Undertecknad blankett",
    }
    values.update(fields)
    return ContactInput(**values)
