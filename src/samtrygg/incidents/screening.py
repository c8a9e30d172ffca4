"""Personal-data screening of free text: incidents are about places, not people.

Pure functions, no Django models. ``screen_text(text, today=…)`` returns the findings in one
text; ``screen_texts(texts, today=…)`` screens many at once (one regular-expression pass over
the joined texts, for imports). A finding says what kind of personal data was found, where, and a
masked form safe to show and log; it never carries the matched text itself.

Detected:

* Swedish personal identity numbers (personnummer) and coordination numbers
  (samordningsnummer: day of birth + 60), 10 or 12 digits, with or without ``-``/``+``
  separator (a space is accepted too), with the Luhn check digit verified on the
  10-digit form and a plausible date of birth: a real day, not after the day screened on
  (``today``: the Swedish local day, which the caller passes). The 10-digit form's century
  is inferred as Skatteverket writes it (``core.identitynumbers``);
* phone numbers in Swedish formats: ``070-123 45 67``, ``0701234567``, ``021-10 10 00``,
  ``08-123 456 78``, ``(021) 10 10 00``, ``+46 70 123 45 67``, ``0046 21 101000``;
* e-mail addresses.

Care is taken not to flag dates (``2025-06-07``, ``07-06-2025``), times and time ranges
(``0800-1700``), amounts, postcodes (``722 15``), organisation numbers (``556677-8899``),
the police's short numbers (``114 14``, ``112``) and police case numbers
(``5000-K123456-25``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samtrygg.core.identitynumbers import COORDINATION_DAY_OFFSET, birth_date

PERSONAL_IDENTITY_NUMBER = "personal_identity_number"
COORDINATION_NUMBER = "coordination_number"
PHONE_NUMBER = "phone_number"
EMAIL = "email"
KINDS = (PERSONAL_IDENTITY_NUMBER, COORDINATION_NUMBER, PHONE_NUMBER, EMAIL)


@dataclass(frozen=True)
class Finding:
    kind: str
    #: Character offsets in the screened text: ``text[start:end]`` is the match.
    start: int
    end: int
    #: The match with most digits/letters replaced by ``*`` (safe to show and log).
    masked: str


_PNR = re.compile(
    r"(?<![\d\w+])"
    r"(?P<century>18|19|20)?(?P<yy>\d\d)(?P<mm>\d\d)(?P<dd>\d\d)"
    r"(?P<sep>[-+ ]?)(?P<serial>\d{3})(?P<check>\d)"
    r"(?![\d\w]|[-+.,/]\d)"
)
_PHONE = re.compile(
    r"(?<![\d\w+\-./])"
    r"(?:"
    r"(?:\+|00)46[ \-]?(?:\(0\)[ \-]?)?[1-9]"  # international: +46 7…, 0046 21…
    r"|\(0[1-9]\d{0,2}\)[ \-]?\d"  # (021) 10 10 00
    r"|0[1-9]"  # national: 070…, 021…, 08…
    r")"
    r"(?:[ \-]?\d){5,8}"
    r"(?![\d\w]|[-.,/]\d)"
)
_EMAIL = re.compile(
    r"(?<![\w.+\-])[\w.+\-]{1,64}@[\w\-]{1,63}(?:\.[\w\-]{1,63})*\.[^\W\d_]{2,24}(?![\w\-])"
)
_DATE_LIKE = re.compile(r"\d\d[-./]\d\d[-./]\d{4}|\d{4}[-./]\d\d[-./]\d\d")
#: The shape of an identity number (a phone number is grouped differently): not a phone.
_ID_SHAPED = re.compile(r"(?:\d\d)?\d{6}[-+]\d{4}")
_TIME_RANGE = re.compile(r"([01]\d|2[0-3])[0-5]\d ?- ?([01]\d|2[0-3])[0-5]\d")


def luhn_valid(digits: str) -> bool:
    """The Luhn check over a string of digits (the last one is the check digit)."""
    total = 0
    for i, char in enumerate(reversed(digits)):
        d = ord(char) - 48
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _plausible_date(century: str | None, yymmdd: str, sep: str, today: dt.date) -> str | None:
    """The kind of number the date part makes plausible, or ``None``."""
    born = birth_date(century=century, yymmdd=yymmdd, plus=sep == "+", today=today)
    if born is None or born > today:
        return None
    if int(yymmdd[4:6]) > COORDINATION_DAY_OFFSET:
        return COORDINATION_NUMBER
    return PERSONAL_IDENTITY_NUMBER


def _mask(text: str, keep_start: int, keep_end: int = 0) -> str:
    head, body = text[:keep_start], text[keep_start:]
    tail = ""
    if keep_end:
        body, tail = body[:-keep_end], body[-keep_end:]
    return head + re.sub(r"[0-9A-Za-z]", "*", body) + tail


def _identity_numbers(text: str, today: dt.date) -> list[Finding]:
    findings = []
    for m in _PNR.finditer(text):
        century, yy, mm, dd, sep = m.group("century", "yy", "mm", "dd", "sep")
        kind = _plausible_date(century, yy + mm + dd, sep, today)
        if kind is None:
            continue
        ten = yy + mm + dd + m.group("serial") + m.group("check")
        if not luhn_valid(ten):
            continue
        findings.append(Finding(kind, m.start(), m.end(), _mask(m.group(0), 2)))
    return findings


def _phone_numbers(text: str) -> list[Finding]:
    findings = []
    for m in _PHONE.finditer(text):
        s = m.group(0)
        if _DATE_LIKE.fullmatch(s) or _TIME_RANGE.fullmatch(s) or _ID_SHAPED.fullmatch(s):
            continue
        findings.append(Finding(PHONE_NUMBER, m.start(), m.end(), _mask(s, 3, 2)))
    return findings


def _emails(text: str) -> list[Finding]:
    if "@" not in text:
        return []
    findings = []
    for m in _EMAIL.finditer(text):
        s = m.group(0)
        local, _, domain = s.partition("@")
        findings.append(Finding(EMAIL, m.start(), m.end(), f"{local[:1]}***@{domain}"))
    return findings


def screen_text(text: str | None, *, today: dt.date) -> list[Finding]:
    """Every piece of personal data found in ``text``, in order of position; ``today``
    is the day a date of birth may not be after.

    Where matches overlap (a 10-digit number can look like a phone number and a
    personnummer), the identity number wins.
    """
    if not text:
        return []
    found = _identity_numbers(text, today)
    taken = [(f.start, f.end) for f in found]
    for finding in _phone_numbers(text):
        if not any(finding.start < end and start < finding.end for start, end in taken):
            found.append(finding)
    found.extend(_emails(text))
    return sorted(found, key=lambda f: f.start)


#: A finding has at least 8 digits within 16 characters (see ``_candidate_texts``).
_WINDOW = 16
_MIN_DIGITS = 7
_SEPARATOR = "\x00"


def _candidate_texts(joined: str, starts: np.ndarray) -> set[int]:
    """Indexes of the texts that may hold a finding: ones with an ``@``, or with at least
    ``_MIN_DIGITS`` digits in some ``_WINDOW`` characters starting inside them. Every
    identity number (10–12 digits in at most 13 characters) and phone number (8–10
    digits, at most 15 characters with separators) passes, so this is a safe sieve."""
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    digit = (codes >= 48) & (codes <= 57)
    counts = np.concatenate(([0], np.cumsum(digit, dtype=np.int64)))
    padded = np.concatenate((counts, np.full(_WINDOW, counts[-1], dtype=np.int64)))
    window = padded[_WINDOW : _WINDOW + len(codes)] - padded[: len(codes)]
    positions = np.flatnonzero((window >= _MIN_DIGITS) | (codes == 64))
    if not len(positions):
        return set()
    return set(np.unique(np.searchsorted(starts, positions, side="right") - 1).tolist())


def screen_texts(texts: Sequence[str | None], *, today: dt.date) -> dict[int, list[Finding]]:
    """Screen many texts: ``{index: findings}`` for the texts with findings only.

    A vectorised sieve over all texts joined (``_candidate_texts``) picks the few that
    need the full screening.
    """
    parts = [t or "" for t in texts]
    if not parts:
        return {}
    joined = _SEPARATOR.join(parts)
    lengths = np.fromiter(map(len, parts), np.int64, len(parts)) + 1
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    result: dict[int, list[Finding]] = {}
    for index in sorted(_candidate_texts(joined, starts)):
        findings = screen_text(parts[index], today=today)
        if findings:
            result[index] = findings
    return result


KIND_LABELS = {
    PERSONAL_IDENTITY_NUMBER: gettext_lazy("a personal identity number"),
    COORDINATION_NUMBER: gettext_lazy("a coordination number"),
    PHONE_NUMBER: gettext_lazy("a phone number"),
    EMAIL: gettext_lazy("an e-mail address"),
}


def describe_findings(findings: Sequence[Finding]) -> str:
    """A message for the user: what was found (masked), where, and why it is refused."""
    found = "; ".join(
        _("%(kind)s (%(masked)s) at character %(position)d")
        % {"kind": KIND_LABELS[f.kind], "masked": f.masked, "position": f.start + 1}
        for f in findings
    )
    return _(
        "Personal data found: %(found)s. Incidents describe places, not people: "
        "remove names, personal identity numbers, phone numbers and e-mail addresses."
    ) % {"found": found}
