"""Swedish personal identity numbers (personnummer) and coordination numbers
(samordningsnummer): parsing, the Luhn check digit, and age bands.

Accepted forms: ``ÅÅÅÅMMDD-NNNK``, ``ÅÅÅÅMMDDNNNK``, ``ÅÅMMDD-NNNK``, ``ÅÅMMDD+NNNK`` (100 years
or older) and ``ÅÅMMDDNNNK``. A coordination number carries the day of birth plus 60. The
normal form stored and hashed is the twelve digits ``ÅÅÅÅMMDDNNNK``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samtrygg.core.identitynumbers import COORDINATION_DAY_OFFSET, birth_date

#: From this age a young person consents too (with the guardians); adults alone.
OWN_CONSENT_AGE = 15
ADULT_AGE = 18

_PATTERN = re.compile(r"^(?P<century>\d{2})?(?P<date>\d{6})(?P<sep>[-+]?)(?P<serial>\d{4})$")


def luhn_check_digit(nine_digits: str) -> int:
    """The check digit of ``ÅÅMMDDNNN`` (weights 2, 1, 2, …; digits of products summed)."""
    total = 0
    for position, char in enumerate(nine_digits):
        product = int(char) * (2 if position % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10


@dataclass(frozen=True)
class IdentityNumber:
    """A checked personnummer or samordningsnummer in its twelve-digit form."""

    digits: str

    @property
    def is_coordination_number(self) -> bool:
        return int(self.digits[6:8]) > COORDINATION_DAY_OFFSET

    @property
    def birth_date(self) -> dt.date:
        day = int(self.digits[6:8])
        if day > COORDINATION_DAY_OFFSET:
            day -= COORDINATION_DAY_OFFSET
        return dt.date(int(self.digits[:4]), int(self.digits[4:6]), day)

    def formatted(self) -> str:
        return f"{self.digits[:8]}-{self.digits[8:]}"

    def __str__(self) -> str:
        return self.formatted()


def parse_identity_number(raw: str, *, today: dt.date | None = None) -> IdentityNumber:
    """Parse and check ``raw``; a ``ValidationError`` says what is wrong (never echoing it)."""
    today = today or timezone.localdate()
    text = re.sub(r"\s", "", raw or "")
    match = _PATTERN.match(text)
    if match is None:
        raise ValidationError(
            _("Write the number as ÅÅÅÅMMDD-NNNN (twelve digits) or ÅÅMMDD-NNNN."),
            code="format",
        )
    date_part, serial = match["date"], match["serial"]
    if match["century"] and match["sep"] == "+":
        raise ValidationError(
            _("With the century written out, use a hyphen, not a plus sign."), code="format"
        )
    born = birth_date(
        century=match["century"], yymmdd=date_part, plus=match["sep"] == "+", today=today
    )
    if born is None:
        raise ValidationError(_("The date of birth in the number does not exist."), code="date")
    if luhn_check_digit(date_part + serial[:3]) != int(serial[3]):
        raise ValidationError(
            _("The check digit is wrong: check the number for a typing error."), code="luhn"
        )
    if born > today:
        raise ValidationError(_("The date of birth in the number is in the future."), code="date")
    return IdentityNumber(digits=f"{born.year:04d}{date_part[2:]}{serial}")


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


#: Age bands of the anonymous statistics: (code, lowest age, highest age).
AGE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("0-11", 0, 11),
    ("12-14", 12, 14),
    ("15-17", 15, 17),
    ("18-20", 18, 20),
    ("21-25", 21, 25),
    ("26-", 26, 200),
)
UNKNOWN_AGE_BAND = "unknown"


def age_band(born: dt.date | None, day: dt.date) -> str:
    if born is None:
        return UNKNOWN_AGE_BAND
    age = age_on(born, day)
    for code, low, high in AGE_BANDS:
        if low <= age <= high:
            return code
    return UNKNOWN_AGE_BAND
