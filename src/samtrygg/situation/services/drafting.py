"""The lägesbild drafts itself: a new report's sections are written from its figures
(``situation.drafts``); ``report_section_redraft`` writes one again after a recompute while
the others keep the analyst's edits."""

from __future__ import annotations

from typing import Any

from samtrygg.picture.service import picture_for_scope
from samtrygg.picture.types import Picture
from samtrygg.situation.drafts import sections_from_figures, spoken_period
from samtrygg.situation.models import SituationReport
from samtrygg.situation.services.common import report_params, report_scope


def report_period_words(report: SituationReport) -> str:
    return spoken_period(report.period_kind, report.period_start, report.period_end)


def report_drafts(report: SituationReport, *, actor: Any) -> dict[str, str]:
    """Drafts of every section from the report's live figures (its data scope)."""
    return sections_from_figures(
        report_live_picture(report, actor=actor), report_period_words(report)
    )


def report_live_picture(report: SituationReport, *, actor: Any) -> Picture:
    """The report's figures as they stand now (not the frozen ones)."""
    return picture_for_scope(
        params=report_params(report), scope=report_scope(report, acting_user=actor)
    )
