"""Findings of safety walks as indicator sources the action plan can follow (registered
with ``samtrygg.actionplan.indicator_sources`` at start-up; the action plan never imports
this app): the number of findings per category and year, and the share of a year's
findings fixed within six months of being reported. Findings hold no personal data, so no
count is withheld."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Callable

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from samtrygg.actionplan.indicator_sources import (
    IndicatorSource,
    SourceValue,
    register_indicator_source,
)
from samtrygg.actionplan.models import Measure
from samtrygg.walks.models import Finding, FindingCategory

#: "Fixed within six months" (the follow-up the method recommends before the next walk).
FIX_MONTHS = 6
PERCENT = 100.0


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months, on the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def category_counts(first_year: int, today: dt.date, category: str | None) -> list[SourceValue]:
    rows = Finding.objects.filter(reported_on__year__gte=first_year, reported_on__lte=today)
    if category is not None:
        rows = rows.filter(category=category)
    per_year = Counter(day.year for day in rows.values_list("reported_on", flat=True))
    return [
        SourceValue(year=year, value=float(per_year[year]), partial=year == today.year)
        for year in range(first_year, today.year + 1)
    ]


def fixed_within_share(first_year: int, today: dt.date) -> list[SourceValue]:
    """Per year of reporting: the per cent of findings fixed within six months. A year is
    partial while some of its findings are younger than six months."""
    rows = Finding.objects.filter(
        reported_on__year__gte=first_year, reported_on__lte=today
    ).values_list("reported_on", "fixed_on")
    reported: Counter[int] = Counter()
    fixed: Counter[int] = Counter()
    for reported_on, fixed_on in rows:
        reported[reported_on.year] += 1
        if fixed_on is not None and fixed_on <= add_months(reported_on, FIX_MONTHS):
            fixed[reported_on.year] += 1
    settled_until = add_months(today, -FIX_MONTHS)
    return [
        SourceValue(
            year=year,
            value=round(PERCENT * fixed[year] / reported[year], 1) if reported[year] else None,
            partial=dt.date(year, 12, 31) > settled_until,
        )
        for year in range(first_year, today.year + 1)
    ]


def _counter(category: str | None) -> Callable[[int, dt.date], list[SourceValue]]:
    def values(first_year: int, today: dt.date) -> list[SourceValue]:
        return category_counts(first_year, today, category)

    return values


def register() -> None:
    register_indicator_source(
        IndicatorSource(
            code="walks-findings",
            label=_("Findings of safety walks"),
            measure=Measure.COUNT,
            values=_counter(None),
        )
    )
    for category in FindingCategory:
        register_indicator_source(
            IndicatorSource(
                code=f"walks-findings-{category.value}",
                label=format_lazy(
                    _("Findings of safety walks: {category}"), category=category.label
                ),
                measure=Measure.COUNT,
                values=_counter(category.value),
            )
        )
    register_indicator_source(
        IndicatorSource(
            code="walks-fixed-within-6-months",
            label=_("Findings fixed within six months (per cent)"),
            measure=Measure.PERCENT,
            values=fixed_within_share,
            note=_(
                "By the year the finding was reported; a year is partial until six months "
                "after its end."
            ),
        )
    )


register()
