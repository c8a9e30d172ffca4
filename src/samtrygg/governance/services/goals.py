"""Writes for goals (målformuleringar) and their progress notes."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.core.permissions import (
    Actor,
    require_capability,
    require_change,
)
from samtrygg.governance.models import (
    Council,
    FocusArea,
    Goal,
    GoalProgressNote,
    GoalStatus,
    ProgressAssessment,
)


def _validate_goal(goal: Goal) -> None:
    if not goal.focus_area.is_active and goal._state.adding:
        raise ValidationError({"focus_area": _("This focus area is no longer in use.")})
    goal.full_clean()


@transaction.atomic
def goal_create(
    *,
    actor: Actor,
    council: Council,
    focus_area: FocusArea,
    statement: str,
    target: str,
    baseline: str = "",
    target_date: date | None = None,
) -> Goal:
    require_capability(actor, "governance.manage")
    goal = Goal(
        council=council,
        focus_area=focus_area,
        statement=statement.strip(),
        baseline=baseline.strip(),
        target=target.strip(),
        target_date=target_date,
    )
    _validate_goal(goal)
    goal.save()
    return goal


@transaction.atomic
def goal_update(
    *,
    actor: Actor,
    goal: Goal,
    council: Council,
    focus_area: FocusArea,
    statement: str,
    target: str,
    baseline: str,
    target_date: date | None,
    status: str,
) -> Goal:
    require_capability(actor, "governance.manage")
    goal.council = council
    goal.focus_area = focus_area
    goal.statement = statement.strip()
    goal.baseline = baseline.strip()
    goal.target = target.strip()
    goal.target_date = target_date
    goal.status = status
    _validate_goal(goal)
    goal.save()
    return goal


@transaction.atomic
def goal_progress_add(
    *,
    goal: Goal,
    assessment: str,
    text: str,
    recorded_on: date | None = None,
    actor: Actor,
) -> GoalProgressNote:
    require_change(actor, goal)
    recorded_on = recorded_on or timezone.localdate()
    if recorded_on > timezone.localdate():
        raise ValidationError({"recorded_on": _("Progress cannot be recorded in the future.")})
    if goal.status != GoalStatus.ACTIVE:
        raise ValidationError(_("Progress is recorded on active goals only."))
    note = GoalProgressNote(
        goal=goal,
        assessment=assessment,
        text=text.strip(),
        recorded_on=recorded_on,
        author=actor,
    )
    note.full_clean()
    note.save()
    if assessment == ProgressAssessment.ACHIEVED:
        goal.status = GoalStatus.ACHIEVED
        goal.save(update_fields=["status", "updated_at"])
    return note
