"""Retention (gallring): deleting closed cases whose retention period has ended.

A closed case is due on the anniversary of its closing date after its programme's period
(``CASES_RETENTION_YEARS_*``; a case closed on 29 February is due on 1 March). Everything
of a due case is deleted — persons, consents and their attachments, disclosures, risk
assessments, the plan, notes, the team and the case's data key — and an anonymous stub
(programme, organisation, opened and closed year, outcome) is kept. A case under legal hold
is skipped and named in the report. Every run leaves a report (``RetentionRun``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from samtrygg.cases.models import (
    Case,
    CaseStatus,
    CaseStub,
    Programme,
    RetentionRun,
    RetentionRunItem,
)
from samtrygg.core.permissions import system_service


def retention_years(programme: str) -> int:
    return int(settings.CASES_RETENTION_YEARS[programme])


def retention_due_on(closed_on: dt.date, years: int) -> dt.date:
    """The day a case closed on ``closed_on`` is deleted (29 February → 1 March)."""
    try:
        return closed_on.replace(year=closed_on.year + years)
    except ValueError:
        return dt.date(closed_on.year + years, 3, 1)


def _latest_due_closing(day: dt.date, years: int) -> dt.date:
    """Cases closed on or before this date are due on ``day``."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return dt.date(day.year - years, 2, 28)


def due_cases(day: dt.date) -> list[Case]:
    due: list[Case] = []
    for programme in Programme.values:
        cutoff = _latest_due_closing(day, retention_years(programme))
        due.extend(
            Case.objects.filter(
                programme=programme, status=CaseStatus.CLOSED, closed_on__lte=cutoff
            ).order_by("closed_on", "pk")
        )
    return due


@dataclass
class RetentionPlan:
    """What a run would delete (``--dry-run``)."""

    day: dt.date
    due: list[Case] = field(default_factory=list)

    @property
    def to_delete(self) -> list[Case]:
        return [c for c in self.due if not c.legal_hold]

    @property
    def on_hold(self) -> list[Case]:
        return [c for c in self.due if c.legal_hold]


def retention_plan(*, day: dt.date | None = None) -> RetentionPlan:
    day = day or timezone.localdate()
    return RetentionPlan(day=day, due=due_cases(day))


def _counts(case: Case) -> dict[str, int]:
    other = (
        case.consents.count()
        + case.disclosures.count()
        + case.risk_assessments.count()
        + case.goals.count()
        + case.actions.count()
        + case.meetings.count()
        + case.team.count()
    )
    return {
        "persons": case.persons.count(),
        "notes": case.notes.count(),
        "attachments": case.attachments.count(),
        "other_rows": other,
    }


@system_service("the daily retention task and `samtrygg case-retention`; no user acts")
@transaction.atomic
def case_retention_run(*, day: dt.date | None = None, trigger: str = "task") -> RetentionRun:
    """Delete every case due on ``day`` (today) that is not under legal hold; keep stubs
    and a report."""
    day = day or timezone.localdate()
    run = RetentionRun.objects.create(run_date=day, trigger=trigger[:20])
    for case in due_cases(day):
        assert case.closed_on is not None
        item = RetentionRunItem(
            run=run,
            programme=case.programme,
            organisation_id=case.organisation_id,
            reference=case.reference,
            closed_on=case.closed_on,
        )
        if case.legal_hold:
            item.skipped = True
            item.save()
            run.skipped_cases += 1
            continue
        for name, value in _counts(case).items():
            setattr(item, name, value)
        CaseStub.objects.create(
            programme=case.programme,
            organisation_id=case.organisation_id,
            opened_year=case.opened_on.year,
            closed_year=case.closed_on.year,
            outcome=case.outcome,
            deleted_on=day,
        )
        case.delete()
        item.save()
        run.deleted_cases += 1
    run.save(update_fields=["deleted_cases", "skipped_cases"])
    return run
