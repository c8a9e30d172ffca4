"""The lägesbild drafts itself: a new report's sections are written from its figures
(``situation.drafts``); ``report_section_redraft`` writes one again after a recompute while
the others keep the analyst's edits. The "other relevant information" section also cites the
figures other apps register for the period (``situation.cited_sources``: the anonymous
case counts)."""

from __future__ import annotations

from typing import Any

from samtrygg.picture.service import picture_for_scope
from samtrygg.picture.types import Picture
from samtrygg.situation.cited_sources import cited_text
from samtrygg.situation.drafts import draft_section, sections_from_figures, spoken_period
from samtrygg.situation.models import SectionKind, SituationReport
from samtrygg.situation.services.common import report_params, report_scope


def report_period_words(report: SituationReport) -> str:
    return spoken_period(report.period_kind, report.period_start, report.period_end)


def report_drafts(report: SituationReport, *, actor: Any) -> dict[str, str]:
    """Drafts of every section from the report's live figures (its data scope)."""
    drafts = sections_from_figures(
        report_live_picture(report, actor=actor), report_period_words(report)
    )
    other = SectionKind.OTHER.value
    drafts[other] = _with_citations(drafts[other], report, actor=actor)
    return drafts


def report_draft_section(
    report: SituationReport, kind: str, figures: Picture, *, actor: Any
) -> str:
    """The draft of one section (with the cited figures for "other relevant information")."""
    body = draft_section(kind, figures, report_period_words(report))
    if kind == SectionKind.OTHER.value:
        body = _with_citations(body, report, actor=actor)
    return body


def _with_citations(body: str, report: SituationReport, *, actor: Any) -> str:
    cited = cited_text(actor=actor, start=report.period_start, end=report.period_end)
    return "\n\n".join(part for part in (body, cited) if part)


def report_live_picture(report: SituationReport, *, actor: Any) -> Picture:
    """The report's figures as they stand now (not the frozen ones)."""
    return picture_for_scope(
        params=report_params(report), scope=report_scope(report, acting_user=actor)
    )
