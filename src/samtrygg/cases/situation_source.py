"""The anonymous case counts cited in a lägesbild (registered with
``samtrygg.situation.cited_sources`` at start-up; the lägesbild never imports this app).

The table is read from the same protected figures as the case figures page
(``statistics.figures.case_figures`` as of today): the complete quarters of the figures'
window that lie inside the report's period, per programme and for all programmes together.
Nothing is counted here, so the lägesbild shows exactly the page's numbers and its
suppression: a count from 1 to 4, or one that would give one away, is "–".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override, pgettext

from samtrygg.cases.models import Programme
from samtrygg.cases.statistics.figures import ALL, CaseFigures, Quarter, case_figures
from samtrygg.core.permissions import permissions_for
from samtrygg.situation.cited_sources import CitedRow, CitedTable, register_cited_source

#: The three flows of a quarter, in the order printed.
MEASURES = ("opened", "closed", "active")


def _programme_label(code: str) -> str:
    return _("All programmes") if code == ALL else str(Programme(code).label)


def quarters_in_period(figures: CaseFigures, start: dt.date, end: dt.date) -> list[Quarter]:
    """The figures' complete quarters that lie wholly inside the period."""
    return [q for q in figures.quarters if start <= q.start and q.end <= end]


def case_table(figures: CaseFigures, start: dt.date, end: dt.date) -> CitedTable | None:
    """The published counts per quarter of the period, in the municipality's language."""
    quarters = quarters_in_period(figures, start, end)
    if not quarters:
        return None
    with override(settings.LANGUAGE_CODE):
        columns = (
            pgettext("cases in a quarter", "opened"),
            pgettext("cases in a quarter", "closed"),
            pgettext("cases in a quarter", "open at the end of the quarter"),
        )
        rows = tuple(
            CitedRow(
                label=f"{q.label}, {_programme_label(p)}",
                cells=tuple(getattr(figures, m).get((p, q)) for m in MEASURES),
            )
            for q in quarters
            for p in [*figures.programmes, ALL]
        )
        return CitedTable(
            title=_("Cases in SSPF, support to crime victims and the exit programme per quarter"),
            source=_(
                "case coordination in Samtrygg, anonymous counts up to %(until)s, the same "
                "figures as the case figures page"
            )
            % {"until": quarters[-1].end.isoformat()},
            columns=columns,
            rows=rows,
            withheld_reason=_(
                "a count from 1 to %(largest)d, or a figure that would give one away, is not shown"
            )
            % {"largest": figures.threshold - 1},
        )


def lagesbild_case_table(actor: Any, start: dt.date, end: dt.date) -> CitedTable | None:
    """The table for a report drafted by ``actor``: only for those who may read the case
    figures page (the same capability)."""
    if not permissions_for(actor).can("cases.statistics"):
        return None
    return case_table(case_figures(timezone.localdate()), start, end)


def register() -> None:
    register_cited_source("cases", lagesbild_case_table)


register()
