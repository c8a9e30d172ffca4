"""Figures from apps above the lägesbild, cited in its "other relevant information" section.

An app higher in the layers (case coordination: anonymous case counts) registers a provider
at start-up; the lägesbild never imports that app. When a report's sections are drafted,
every provider is asked for a table of its figures for the report's period and the tables
are written into the section as cited text, in the municipality's language. From there they
are ordinary section text: the analyst may edit them, and the published version (and its
PDF) freezes them with the rest of the text, so a later recount changes nothing already
published.

A provider returns only figures its app has already protected for publication (a
suppressed value is ``None`` and printed as "–" with the table's reason), and decides
itself whether the actor drafting the report may have them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import override

from samtrygg.core.numbers import number

DASH = "–"


@dataclass(frozen=True)
class CitedRow:
    label: str
    cells: tuple[int | None, ...]  # ``None``: withheld by the source


@dataclass(frozen=True)
class CitedTable:
    """A table of counts with where it comes from and why a cell may be withheld."""

    title: str
    source: str
    columns: tuple[str, ...]
    rows: tuple[CitedRow, ...]
    #: Why a "–" is a "–" (printed under the table when any cell is withheld).
    withheld_reason: str = ""


#: ``(actor, period start, period end)`` → a table, or ``None`` when the source has nothing
#: for the period or the actor may not have it.
Provider = Callable[[Any, dt.date, dt.date], CitedTable | None]

_providers: dict[str, Provider] = {}


def register_cited_source(code: str, provider: Provider) -> None:
    _providers[code] = provider


def cited_tables(*, actor: Any, start: dt.date, end: dt.date) -> list[CitedTable]:
    """Every registered source's table for the period, in the order of their codes."""
    with override(settings.LANGUAGE_CODE):
        tables = [_providers[code](actor, start, end) for code in sorted(_providers)]
    return [t for t in tables if t is not None]


def _cell(value: int | None) -> str:
    return DASH if value is None else number(value)


def table_text(table: CitedTable) -> str:
    """The table as plain section text: a heading with its source, one line per row."""
    with override(settings.LANGUAGE_CODE):
        lines = [
            _("%(title)s (source: %(source)s):") % {"title": table.title, "source": table.source}
        ]
        for row in table.rows:
            cells = ", ".join(
                f"{column} {_cell(value)}"
                for column, value in zip(table.columns, row.cells, strict=True)
            )
            lines.append(f"{DASH} {row.label}: {cells}.")
        if table.withheld_reason and any(v is None for r in table.rows for v in r.cells):
            lines.append(f"{DASH} = {table.withheld_reason}.")
        return "\n".join(lines)


def cited_text(*, actor: Any, start: dt.date, end: dt.date) -> str:
    """All the sources' tables for the period as section text ("" when there are none)."""
    return "\n\n".join(table_text(t) for t in cited_tables(actor=actor, start=start, end=end))
