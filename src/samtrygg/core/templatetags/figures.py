"""Template filters for figures: the formats of ``samtrygg.core.numbers``, so a page prints
a number exactly as its PDF and every other page does (``{% load figures %}``)."""

from __future__ import annotations

from typing import Any

from django import template

from samtrygg.core import numbers

register = template.Library()


@register.filter
def num(value: Any, digits: int = 0) -> str:
    return numbers.number(value, int(digits))


@register.filter
def signed_num(value: Any, digits: int = 0) -> str:
    return numbers.signed_number(value, int(digits))


@register.filter
def signed_pct(value: Any, digits: int = 1) -> str:
    return numbers.signed_percent(value, int(digits))


@register.filter
def pct(value: Any, digits: int = 0) -> str:
    return numbers.percent(value, int(digits))


@register.filter
def pvalue(value: Any) -> str:
    return numbers.p_value(value)
