"""Demo lägesbild: the last full year and the latest full quarter published (written by
``analytiker``, signed by ``samordnare`` for the municipality and ``polis`` for the
police), the latest full month in review, and a note for last week's EST meeting.

Texts are written from the computed figures (``drafts``, as for any new report).
Idempotent: reports are found by title, so a second run creates nothing (and computes
nothing).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from samtrygg.accounts.models import User
from samtrygg.core.demo_support import DemoContext
from samtrygg.picture.data import OPEN_AND_INTERNAL, DataScope
from samtrygg.picture.params import PictureParams, last_full_period
from samtrygg.picture.service import picture_for_scope
from samtrygg.situation import services
from samtrygg.situation.checklist import problem_gaps
from samtrygg.situation.drafts import sections_from_figures, spoken_period
from samtrygg.situation.models import ReviewComment, SituationReport, WeeklyNote


def _title(kind: str, start: dt.date, end: dt.date) -> str:
    return f"Lägesbild {spoken_period(kind, start, end)}"


#: What the demo's analyst adds to each drafted problem: the victim's and the offender's
#: perspective are not in the incident figures, so the drafts leave them to the analyst.
PERSPECTIVE_TEXT = {
    "Brottsoffer:": (
        "De som drabbas är främst boende, butiker och bostadsbolagen i området; "
        "brottsofferjourens och trygghetsmätningens bild behövs för att se följderna."
    ),
    "Gärningsperson:": (
        "Polisens bild är att en mindre grupp unga står för en stor del av händelserna; "
        "underlaget här säger inget om vilka de är."
    ),
}


#: The demo analyst's problem where the figures of a short period point out none.
OWN_PROBLEM = (
    "1. Otrygghet kvällstid kring resecentrum.\n"
    "Situation och plats: Trygghetsvandringen pekade ut mörka passager och få vuxna "
    "kvällstid.\n"
    "Brottsoffer: Resenärer och personal i butikerna.\n"
    "Gärningsperson: Polisen ser enstaka grupper som samlas; underlaget här säger inget "
    "om vilka de är."
)


def _with_perspectives(text: str) -> str:
    """The drafted problems with the analyst's lines for the empty perspectives (and the
    analyst's own problem where the figures point out none)."""
    if problem_gaps(text)[0] == 0:
        return OWN_PROBLEM
    lines = []
    for line in text.splitlines():
        label = line.strip()
        lines.append(f"{label} {PERSPECTIVE_TEXT[label]}" if label in PERSPECTIVE_TEXT else line)
    return "\n".join(lines)


def _draft(kind: str, today: dt.date, analyst: User) -> SituationReport | None:
    start, end = last_full_period(kind, today)
    title = _title(kind, start, end)
    if SituationReport.objects.filter(title=title).exists():
        return None
    params = PictureParams(kind, start, end)
    figures = picture_for_scope(
        params=params,
        scope=DataScope(user=analyst, classifications=OPEN_AND_INTERNAL, label="report"),
    )
    sections = sections_from_figures(figures, spoken_period(kind, start, end))
    sections["problems"] = _with_perspectives(sections["problems"])
    return services.report_create(
        actor=analyst,
        title=title,
        period_kind=kind,
        period_start=start,
        period_end=end,
        sections=sections,
    )


def build(ctx: DemoContext) -> None:
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["analytiker", "samordnare", "polis"])
    }
    if len(users) < 3:
        ctx.note("situation: demo users missing; run the accounts demo first")
        return
    analyst, coordinator, police = users["analytiker"], users["samordnare"], users["polis"]
    today = timezone.localdate()
    for kind in ("year", "quarter"):
        report = _draft(kind, today, analyst)
        if report is None:
            continue
        services.report_submit(actor=analyst, report=report)
        services.report_sign(actor=coordinator, report=report, side="municipality")
        services.report_sign(actor=police, report=report, side="police")
        services.report_publish(actor=coordinator, report=report)
        ctx.count("published lägesbild versions")
    review = _draft("month", today, analyst)
    if review is not None:
        services.report_submit(actor=analyst, report=review)
        services.report_sign(actor=police, report=review, side="police")
        ReviewComment.objects.create(
            report=review,
            section="analysis",
            author=police,
            body=(
                "Lägg gärna till att polisen ser samma mönster i sina egna ärenden kring "
                "resecentrum, så blir analysen tydligare för rådet."
            ),
        )
        ctx.count("lägesbild reports in review")
    monday = today - dt.timedelta(days=today.weekday() + 7)
    if not WeeklyNote.objects.filter(week_start=monday).exists():
        services.weekly_note_save(
            actor=analyst,
            week_start=monday,
            body=(
                "Fokus kommande vecka: kvällsnärvaro vid resecentrum och Bäckby centrum "
                "(hot spots två veckor i rad). Bostadsbolaget informerar grannar i kvarteren "
                "med varning för upprepade inbrott. Fältgruppen rapporterar torsdag."
            ),
        )
        ctx.count("EST notes")
