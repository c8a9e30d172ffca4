"""The one rule set for a partner's fields, shared by the form, the API and the demo."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_ORGNR = re.compile(r"^(\d{6})-?(\d{4})$")
#: In an organisation number the third digit is 2 or more (a legal person's "month"); a
#: number whose third digit is 0 or 1 is a personal identity number (a sole trader's), which
#: is personal data and is not kept in the partner register.
_MIN_THIRD_DIGIT = 2
#: Doubling a digit gives at most 18; Luhn adds the digits of the product (18 → 1 + 8).
_LARGEST_DIGIT = 9


def luhn_valid(digits: str) -> bool:
    """The Luhn check (modulus 10) over all ten digits, as Skatteverket computes it."""
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - _LARGEST_DIGIT if value > _LARGEST_DIGIT else value
    return total % 10 == 0


def parse_organisation_number(value: str) -> str:
    """``value`` as ``NNNNNN-NNNN`` (spaces ignored, the hyphen optional), or a
    ``ValidationError`` that says what is wrong. An empty value stays empty."""
    text = (value or "").replace(" ", "").strip()
    if not text:
        return ""
    match = _ORGNR.match(text)
    if match is None:
        raise ValidationError(
            _("Write the organisation number as NNNNNN-NNNN (ten digits)."), code="format"
        )
    digits = match.group(1) + match.group(2)
    if int(digits[2]) < _MIN_THIRD_DIGIT:
        raise ValidationError(
            _(
                "This is a personal identity number, not an organisation number; "
                "it is not stored in the partner register."
            ),
            code="personal",
        )
    if not luhn_valid(digits):
        raise ValidationError(
            _("The organisation number's check digit is wrong; check it for typing errors."),
            code="checksum",
        )
    return f"{match.group(1)}-{match.group(2)}"


def validate_organisation_number(value: str) -> None:
    """Model-field validator: only the normalised form ``NNNNNN-NNNN`` is stored."""
    if value and parse_organisation_number(value) != value:
        raise ValidationError(_("Write the organisation number as NNNNNN-NNNN (ten digits)."))
