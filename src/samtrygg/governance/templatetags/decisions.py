"""The decision status a page prints, from the one rule (``Decision.is_overdue``) on the one
day (``selectors.decision_status_day``), so a page and its PDF cannot disagree."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template

register = template.Library()


@register.filter
def overdue_on(decision: Any, day: date | None = None) -> bool:
    """Whether ``decision`` is overdue on ``day`` (today when no day is given)."""
    return bool(decision.is_overdue(day or None))
