"""The anonymous case counts as indicator sources the action plan can follow (registered
with ``samtrygg.actionplan.indicator_sources`` at start-up; the action plan never imports
this app). Every value comes from the protected figures (``statistics.figures``): a small
count, or one that would give one away, is ``None``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from samtrygg.actionplan.indicator_sources import (
    IndicatorSource,
    SourceValue,
    register_indicator_source,
)
from samtrygg.actionplan.models import Measure
from samtrygg.cases.models import Programme
from samtrygg.cases.statistics.figures import CaseFigures, case_figures


def _yearly(
    read: Callable[[CaseFigures, int], float | None],
) -> Callable[[int, dt.date], list[SourceValue]]:
    def values(first_year: int, today: dt.date) -> list[SourceValue]:
        figures = case_figures(today)
        return [
            SourceValue(
                year=year,
                value=read(figures, year) if year in figures.years else 0.0,
                partial=year == today.year,
            )
            for year in range(first_year, today.year + 1)
        ]

    return values


def _count(table: str, programme: str) -> Callable[[CaseFigures, int], float | None]:
    def read(figures: CaseFigures, year: int) -> float | None:
        value = getattr(figures, table).get((programme, year))
        return None if value is None else float(value)

    return read


def _plan_share(figures: CaseFigures, year: int) -> float | None:
    return figures.plan_share(year)


NOTE = _("Counted up to the end of the last complete quarter; small counts are not shown.")


def register() -> None:
    for programme in Programme:
        register_indicator_source(
            IndicatorSource(
                code=f"cases-opened-{programme.value}",
                label=format_lazy(_("Cases opened: {programme}"), programme=programme.label),
                measure=Measure.COUNT,
                values=_yearly(_count("opened_year", programme.value)),
                note=NOTE,
            )
        )
        register_indicator_source(
            IndicatorSource(
                code=f"cases-closed-{programme.value}",
                label=format_lazy(_("Cases closed: {programme}"), programme=programme.label),
                measure=Measure.COUNT,
                values=_yearly(_count("closed_year", programme.value)),
                note=NOTE,
            )
        )
    register_indicator_source(
        IndicatorSource(
            code="cases-sspf-plan-within-4-weeks",
            label=_("SSPF cases with a plan within four weeks (per cent)"),
            measure=Measure.PERCENT,
            values=_yearly(_plan_share),
            note=NOTE,
        )
    )


register()
