"""Small display filters for figures (Swedish number formats through Django's l10n)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samtrygg.core import numbers
from samtrygg.situation.presenters import comparison_text, p_text, signed_percent

register = template.Library()


@register.filter
def signed_pct(value: Any) -> str:
    """+12,5 % / −3,0 % / ±0,0 % / – for None."""
    return signed_percent(value)


@register.filter
def words(comparison: Any) -> Any:
    """A comparison in words (``presenters.comparison_text``): change, p, verdict, note."""
    return comparison_text(comparison) if comparison is not None else None


@register.filter
def pvalue(value: Any) -> str:
    return numbers.p_value(value)


@register.filter
def num(value: Any, digits: int = 0) -> str:
    return numbers.number(value, int(digits))


@register.filter
def share_pct(value: Any) -> str:
    if numbers.is_nothing(value):
        return numbers.NOTHING
    return numbers.percent(float(value) * 100, 1)


@register.filter
def get(mapping: Any, key: Any) -> Any:
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return None


@register.filter
def classification_label(value: str) -> str:
    return {"open": _("open"), "internal": _("internal"), "restricted": _("restricted")}.get(
        value, value
    )


@register.filter
def source_label(value: str) -> str:
    from samtrygg.incidents.models import SourceSystem

    try:
        return str(SourceSystem(value).label)
    except ValueError:
        return value


@register.filter
def p_clause(value: Any) -> str:
    """p < 0,001 / p = 0,023."""
    return p_text(value)


@register.filter
def local_time(value: Any) -> str:
    """An ISO timestamp from stored figures, in the site's time zone and date format."""
    if not value:
        return ""
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, dt.UTC)
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
