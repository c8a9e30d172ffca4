"""Numbers as people read them: one rounding and one format for every page, PDF and text.

Django's ``number_format`` cuts a float's decimals off instead of rounding (0,5196 prints as
"0,51") while the ``floatformat`` filter rounds (0,52), so one ratio printed by both disagreed
between the evaluation page and the intervention page; and a small negative change cut to no
decimals printed as "−0 %". Everything that prints a figure goes through here: the value is
rounded once, half away from zero on its decimal value, and a value that rounds to zero has no
sign.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils import formats

#: What is printed where there is no figure.
NOTHING = "–"
MINUS = "\u2212"
NBSP = "\u00a0"
#: Below this a p-value is printed as "< 0,001".
SMALLEST_P = 0.001


def rounded(value: Any, digits: int = 0) -> Decimal:
    """``value`` rounded half away from zero to ``digits`` decimals; never negative zero."""
    try:
        exact = Decimal(str(value))
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {value!r}") from exc
    result = exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return abs(result) if result.is_zero() else result


def is_nothing(value: Any) -> bool:
    return value is None or value == ""


def number(value: Any, digits: int = 0) -> str:
    """A number in the active language's format (grouped, decimal comma in Swedish);
    "–" for nothing."""
    if is_nothing(value):
        return NOTHING
    digits = int(digits)
    text = formats.number_format(rounded(value, digits), digits, use_l10n=True, force_grouping=True)
    return text.replace("-", MINUS)


def signed_number(value: Any, digits: int = 0) -> str:
    """+0,52 / −0,30 / ±0,00; "–" for nothing."""
    if is_nothing(value):
        return NOTHING
    r = rounded(value, int(digits))
    sign = "+" if r > 0 else (MINUS if r < 0 else "±")
    return f"{sign}{number(abs(r), digits)}"


def signed_percent(value: Any, digits: int = 1) -> str:
    """+12,5 % / −3,0 % / ±0,0 %; "–" for nothing. Never "−0"."""
    if is_nothing(value):
        return NOTHING
    return f"{signed_number(value, digits)}{NBSP}%"


def percent(value: Any, digits: int = 0) -> str:
    """12 % / 3,5 %; "–" for nothing."""
    if is_nothing(value):
        return NOTHING
    return f"{number(value, digits)}{NBSP}%"


def p_value(value: Any) -> str:
    """0,023 / < 0,001; "–" for nothing."""
    if is_nothing(value):
        return NOTHING
    v = float(value)
    return f"<{NBSP}{number(SMALLEST_P, 3)}" if v < SMALLEST_P else number(v, 3)
