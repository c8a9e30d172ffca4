"""Writes for the persons of a case (identities are sealed before they are stored)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samtrygg.cases.crypto import lookup_hash
from samtrygg.cases.keys import cipher_for
from samtrygg.cases.models import Case, CasePerson, PersonRole
from samtrygg.cases.services.cases import add_person_sealed
from samtrygg.cases.services.common import PersonInput, clean_person, require_case_change


@transaction.atomic
def case_person_add(*, actor: Any, case: Case, person: PersonInput) -> CasePerson:
    """Add a guardian or another contact (the person of the case came with the intake)."""
    require_case_change(actor, case)
    if person.role not in (PersonRole.GUARDIAN, PersonRole.CONTACT):
        raise ValidationError({"role": _("Add a guardian or another contact.")})
    return add_person_sealed(case, clean_person(person, require_birth=False))


@transaction.atomic
def case_person_update(*, actor: Any, person: CasePerson, data: PersonInput) -> CasePerson:
    """Correct a person's identity and contact details (all fields are replaced)."""
    require_case_change(actor, person.case)
    clean = clean_person(
        PersonInput(**{**data.__dict__, "role": person.role}),
        require_birth=person.role == PersonRole.SUBJECT,
    )
    person.seal(cipher_for(person.case), **clean.sealed_values())
    person.identity_hash = lookup_hash(clean.identity.digits) if clean.identity else ""
    person.save()
    return person
