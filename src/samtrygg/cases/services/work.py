"""Writes for the work on a case: risk assessments, the plan and notes (team members)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samtrygg.cases.keys import cipher_for
from samtrygg.cases.models import (
    LEVEL_ORDER,
    RISK_FACTORS,
    Agency,
    Case,
    CaseNote,
    FollowUpMeeting,
    Level,
    PlanAction,
    PlanGoal,
    Programme,
    RiskAssessment,
    RiskFactorLevel,
)
from samtrygg.cases.services.common import clean_text, gather, require_case_change, today


@transaction.atomic
def risk_assessment_record(
    *,
    actor: Any,
    case: Case,
    assessed_on: dt.date,
    factors: dict[str, str],
    summary: str = "",
    threat_level: str = "",
    threat_assessment: str = "",
    motivated: bool | None = None,
    not_a_witness: bool | None = None,
    support_decided: bool | None = None,
) -> RiskAssessment:
    """Record an assessment: a level for some of the programme's factors; for the exit
    programme also the threat assessment and the three conditions for support."""
    require_case_change(actor, case)
    errors: dict[str, Any] = {}
    allowed = set(RISK_FACTORS[case.programme])
    levels = {f: lvl for f, lvl in factors.items() if lvl}
    if not levels:
        errors["factors"] = _("Give a level for at least one factor.")
    elif not set(levels) <= allowed or not set(levels.values()) <= set(Level.values):
        errors["factors"] = _("Use the programme's factors and the levels low, medium, high.")
    if assessed_on > today():
        errors["assessed_on"] = _("The date cannot be in the future.")
    exit_programme = case.programme == Programme.EXIT_PROGRAMME
    if exit_programme:
        if threat_level not in Level.values:
            errors["threat_level"] = _("The exit programme assesses the threat: give its level.")
        if None in (motivated, not_a_witness, support_decided):
            errors["motivated"] = _("Answer the three conditions for support.")
    elif (
        threat_level
        or threat_assessment
        or (motivated, not_a_witness, support_decided)
        != (
            None,
            None,
            None,
        )
    ):
        errors["threat_level"] = _("The threat assessment belongs to the exit programme.")
    summary = gather(errors, clean_text, summary, field="summary", limit=5000)
    threat_assessment = gather(
        errors, clean_text, threat_assessment, field="threat_assessment", limit=5000
    )
    if errors:
        raise ValidationError(errors)
    overall = max(
        list(levels.values()) + ([threat_level] if threat_level else []),
        key=lambda lvl: LEVEL_ORDER[Level(lvl)],
    )
    assessment = RiskAssessment(
        case=case,
        assessed_on=assessed_on,
        assessor=actor,
        overall=overall,
        threat_level=threat_level,
        motivated=motivated,
        not_a_witness=not_a_witness,
        support_decided=support_decided,
    )
    assessment.seal(cipher_for(case), summary=summary, threat_assessment=threat_assessment)
    assessment.save()
    RiskFactorLevel.objects.bulk_create(
        [
            RiskFactorLevel(assessment=assessment, factor=f, level=lvl)
            for f, lvl in sorted(
                levels.items(), key=lambda kv: RISK_FACTORS[case.programme].index(kv[0])
            )
        ]
    )
    return assessment


@transaction.atomic
def plan_goal_add(*, actor: Any, case: Case, text: str) -> PlanGoal:
    """Add a goal; the first one starts the plan (its date is what the action plan's
    indicator "a plan within four weeks" counts)."""
    require_case_change(actor, case)
    text = clean_text(text, field="text", required=True, limit=1000)
    number = (case.goals.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    goal = PlanGoal(case=case, number=number)
    goal.seal(cipher_for(case), text=text)
    goal.save()
    if case.plan_started_on is None:
        case.plan_started_on = today()
        case.save(update_fields=["plan_started_on", "updated_at"])
    return goal


@transaction.atomic
def plan_goal_achieved(*, actor: Any, goal: PlanGoal, achieved_on: dt.date | None) -> PlanGoal:
    require_case_change(actor, goal.case)
    if achieved_on is not None and achieved_on > today():
        raise ValidationError({"achieved_on": _("The date cannot be in the future.")})
    goal.achieved_on = achieved_on
    goal.save(update_fields=["achieved_on"])
    return goal


@transaction.atomic
def plan_action_add(
    *,
    actor: Any,
    case: Case,
    description: str,
    due_on: dt.date,
    goal: PlanGoal | None = None,
    responsible_user: Any | None = None,
    responsible_agency: str = "",
) -> PlanAction:
    """Who does what by when: a team member, or an agency of the team."""
    require_case_change(actor, case)
    errors: dict[str, Any] = {}
    if goal is not None and goal.case_id != case.pk:
        errors["goal"] = _("The goal belongs to another case.")
    if responsible_user is None and not responsible_agency:
        errors["responsible_user"] = _("Name who is responsible: a team member or an agency.")
    if (
        responsible_user is not None
        and not case.team.filter(user=responsible_user, removed_at__isnull=True).exists()
    ):
        errors["responsible_user"] = _("The responsible person must be on the case team.")
    if responsible_agency and responsible_agency not in Agency.values:
        errors["responsible_agency"] = _("Choose an agency.")
    description = gather(
        errors, clean_text, description, field="description", required=True, limit=1000
    )
    if errors:
        raise ValidationError(errors)
    action = PlanAction(
        case=case,
        goal=goal,
        responsible_user=responsible_user,
        responsible_agency=responsible_agency,
        due_on=due_on,
    )
    action.seal(cipher_for(case), description=description)
    action.save()
    return action


@transaction.atomic
def plan_action_done(*, actor: Any, action: PlanAction, done_on: dt.date) -> PlanAction:
    require_case_change(actor, action.case)
    if done_on > today():
        raise ValidationError({"done_on": _("The date cannot be in the future.")})
    action.done_on = done_on
    action.save(update_fields=["done_on"])
    return action


@transaction.atomic
def follow_up_meeting_record(
    *, actor: Any, case: Case, held_on: dt.date, minutes: str
) -> FollowUpMeeting:
    require_case_change(actor, case)
    if held_on > today():
        raise ValidationError({"held_on": _("Record a meeting after it was held.")})
    minutes = clean_text(minutes, field="minutes", required=True, limit=5000)
    meeting = FollowUpMeeting(case=case, held_on=held_on, recorded_by=actor)
    meeting.seal(cipher_for(case), minutes=minutes)
    meeting.save()
    return meeting


@transaction.atomic
def case_note_add(*, actor: Any, case: Case, text: str) -> CaseNote:
    """A dated entry by a team member (always classified restricted)."""
    require_case_change(actor, case)
    text = clean_text(text, field="text", required=True)
    note = CaseNote(case=case, author=actor)
    note.seal(cipher_for(case), text=text)
    note.save()
    return note
