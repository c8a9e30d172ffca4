"""Helpers shared by the case services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.cases.identity import IdentityNumber, parse_identity_number
from samtrygg.cases.models import Case, CaseStatus
from samtrygg.cases.rules import can_manage_case
from samtrygg.core.permissions import Permissions, permissions_for, require_change

PHONE_CHARS = set("0123456789 +-()")
PHONE_MAX = 30
ADDRESS_MAX = 300
NAME_MAX = 200
TEXT_MAX = 10_000


def today() -> dt.date:
    return timezone.localdate()


def clean_text(value: Any, *, field: str, required: bool = False, limit: int = TEXT_MAX) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ValidationError({field: _("This field is required.")})
    if len(text) > limit:
        raise ValidationError(
            {
                field: _("At most %(n)s characters (this is %(len)s).")
                % {"n": limit, "len": len(text)}
            }
        )
    return text


def gather(errors: dict[str, Any], check: Any, *args: Any, **kwargs: Any) -> Any:
    """Run one check; its ``ValidationError`` joins ``errors`` (so every field is named at
    once) and the result is ``None``."""
    try:
        return check(*args, **kwargs)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            errors.update(exc.error_dict)
        else:
            errors.setdefault("__all__", []).extend(exc.messages)
        return None


def require_case_change(actor: Any, case: Case, *, open_only: bool = True) -> Permissions:
    """Refuse unless ``actor`` may work on the case (and, by default, it is open)."""
    perms = require_change(actor, case)
    if open_only and case.status == CaseStatus.CLOSED:
        raise ValidationError(_("The case is closed; reopen it to make changes."))
    return perms


def require_case_manage(actor: Any, case: Case) -> Permissions:
    """Refuse unless ``actor`` is the case's coordinator or leads its programme. Someone who
    cannot even read the case learns nothing more than from a 404."""
    perms = require_change(actor, case)
    if not can_manage_case(perms, case):
        raise PermissionDenied("manage case")
    return perms


def require_past_or_today(day: dt.date | None, *, field: str) -> None:
    if day is not None and day > today():
        raise ValidationError({field: _("The date cannot be in the future.")})


@dataclass(frozen=True)
class PersonInput:
    """What a form, the API or the demo gives for one person (plain text, never stored)."""

    role: str
    name: str
    identity_number: str = ""
    birth_date: dt.date | None = None
    phone: str = ""
    email: str = ""
    address: str = ""


@dataclass(frozen=True)
class CleanPerson:
    role: str
    name: str
    identity: IdentityNumber | None
    birth_date: dt.date | None
    phone: str
    email: str
    address: str

    def sealed_values(self) -> dict[str, str]:
        return {
            "name": self.name,
            "identity_number": self.identity.digits if self.identity else "",
            "birth_date": self.birth_date.isoformat() if self.birth_date else "",
            "phone": self.phone,
            "email": self.email,
            "address": self.address,
        }


def _check_name(name: str) -> str | None:
    if not name:
        return _("Give the person's name.")
    if len(name) > NAME_MAX:
        return _("At most %(n)s characters.") % {"n": NAME_MAX}
    return None


def _check_contact(data: PersonInput) -> dict[str, str]:
    errors = {}
    phone = str(data.phone or "").strip()
    if phone and (len(phone) > PHONE_MAX or not set(phone) <= PHONE_CHARS):
        errors["phone"] = _("Use digits, spaces and + - ( ) only, at most 30 characters.")
    email = str(data.email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Enter a valid e-mail address.")
    if len(str(data.address or "").strip()) > ADDRESS_MAX:
        errors["address"] = _("At most %(n)s characters.") % {"n": ADDRESS_MAX}
    return errors


def _identity_and_birth(
    data: PersonInput, errors: dict[str, Any], *, require_birth: bool
) -> tuple[IdentityNumber | None, dt.date | None]:
    identity = None
    if str(data.identity_number or "").strip():
        try:
            identity = parse_identity_number(data.identity_number, today=today())
        except ValidationError as exc:
            errors["identity_number"] = exc.messages
    born = data.birth_date
    if born is not None and born > today():
        errors["birth_date"] = _("The date of birth cannot be in the future.")
    if identity is not None and born is not None and identity.birth_date != born:
        errors["birth_date"] = _("The date of birth does not match the identity number.")
    if identity is not None:
        born = identity.birth_date
    if require_birth and born is None and "identity_number" not in errors:
        errors["identity_number"] = _(
            "Give the identity number or the date of birth of the person the case is about."
        )
    return identity, born


def clean_person(data: PersonInput, *, require_birth: bool) -> CleanPerson:
    """The one validator of a person (form, API, demo). Errors name the field and never
    repeat the value."""
    errors: dict[str, Any] = {}
    name = str(data.name or "").strip()
    problem = _check_name(name)
    if problem:
        errors["name"] = problem
    identity, born = _identity_and_birth(data, errors, require_birth=require_birth)
    errors.update(_check_contact(data))
    if errors:
        raise ValidationError(errors)
    return CleanPerson(
        role=data.role,
        name=name,
        identity=identity,
        birth_date=born,
        phone=str(data.phone or "").strip(),
        email=str(data.email or "").strip(),
        address=str(data.address or "").strip(),
    )


def perms_of(actor: Any) -> Permissions:
    return permissions_for(actor)
