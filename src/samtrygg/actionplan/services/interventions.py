"""Writes for the method catalogue, interventions, progress notes and process evaluation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.accounts.models import Organisation
from samtrygg.actionplan import notifications
from samtrygg.actionplan.models import (
    PROCESS_CHECKLIST,
    ActionPlan,
    CheckAnswer,
    Intervention,
    InterventionNote,
    InterventionStatus,
    Method,
    ProcessEvaluation,
)
from samtrygg.actionplan.services.common import check_period, clean_text, require_progress_writer
from samtrygg.areas.models import Area, Place
from samtrygg.core.permissions import (
    Actor,
    require_capability,
)
from samtrygg.governance.models import Decision, FocusArea, Goal


@transaction.atomic
def method_create(
    *,
    actor: Actor,
    code: str,
    name_sv: str,
    name_en: str = "",
    description: str = "",
    order: int = 100,
) -> Method:
    require_capability(actor, "actionplan.manage")
    method = Method(
        code=clean_text(code),
        name_sv=clean_text(name_sv),
        name_en=clean_text(name_en) or clean_text(name_sv),
        description=clean_text(description),
        order=order,
    )
    method.full_clean()
    method.save()
    return method


@transaction.atomic
def method_update(
    *,
    actor: Actor,
    method: Method,
    name_sv: str,
    name_en: str = "",
    description: str = "",
    order: int = 100,
    is_active: bool = True,
) -> Method:
    require_capability(actor, "actionplan.manage")
    method.name_sv = clean_text(name_sv)
    method.name_en = clean_text(name_en) or method.name_sv
    method.description = clean_text(description)
    method.order = order
    method.is_active = is_active
    method.full_clean()
    method.save()
    return method


@dataclass
class InterventionData:
    """The fields of an intervention as a form delivers them."""

    title: str
    owner: Organisation
    focus_areas: list[FocusArea]
    plan: ActionPlan | None = None
    description: str = ""
    method: Method | None = None
    problem: str = ""
    mechanism: str = ""
    expected_outcome: str = ""
    partners: list[Organisation] = field(default_factory=list)
    areas: list[Area] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    start_date: date | None = None
    end_date: date | None = None
    status: str = InterventionStatus.PLANNED
    budget: Decimal | None = None
    decisions: list[Decision] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> InterventionData:
        names = cls.__dataclass_fields__
        values = {k: v for k, v in data.items() if k in names}
        for many in ("focus_areas", "partners", "areas", "places", "decisions", "goals"):
            if many in values:
                values[many] = list(values[many] or [])
        return cls(**values)


def _check(data: InterventionData) -> None:
    errors: dict[str, Any] = {}
    if not data.focus_areas:
        errors["focus_areas"] = _("Choose at least one focus area.")
    if data.owner in data.partners:
        errors["partners"] = _("The responsible organisation is not also a partner.")
    if data.budget is not None and data.budget < 0:
        errors["budget"] = _("A budget cannot be negative.")
    if data.method is not None and not data.method.is_active:
        errors["method"] = _("This method is no longer in the catalogue.")
    if data.status in (InterventionStatus.RUNNING, InterventionStatus.COMPLETED) and (
        data.start_date is None
    ):
        errors["start_date"] = _("A running or completed intervention has a start date.")
    if errors:
        raise ValidationError(errors)
    check_period(data.start_date, data.end_date, end_field="end_date")


def _apply(intervention: Intervention, data: InterventionData) -> None:
    intervention.plan = data.plan
    intervention.title = clean_text(data.title)
    intervention.description = clean_text(data.description)
    intervention.method = data.method
    intervention.problem = clean_text(data.problem)
    intervention.mechanism = clean_text(data.mechanism)
    intervention.expected_outcome = clean_text(data.expected_outcome)
    intervention.owner = data.owner
    intervention.start_date = data.start_date
    intervention.end_date = data.end_date
    intervention.budget = data.budget
    intervention.full_clean()
    intervention.save()
    intervention.focus_areas.set(data.focus_areas)
    intervention.partners.set(data.partners)
    intervention.areas.set(data.areas)
    intervention.places.set(data.places)
    intervention.decisions.set(data.decisions)
    intervention.goals.set(data.goals)


@transaction.atomic
def intervention_create(*, data: InterventionData, actor: Actor) -> Intervention:
    require_capability(actor, "actionplan.manage")
    _check(data)
    intervention = Intervention(status=data.status, created_by=actor)
    _apply(intervention, data)
    notifications.intervention_assigned(intervention)
    return intervention


@transaction.atomic
def intervention_update(
    *, intervention: Intervention, data: InterventionData, actor: Actor
) -> Intervention:
    """Change an intervention; a change of status is also written as a progress note."""
    require_capability(actor, "actionplan.manage")
    _check(data)
    previous = intervention.status
    intervention.status = data.status
    _apply(intervention, data)
    if previous != data.status:
        InterventionNote.objects.create(
            intervention=intervention,
            text=_("Status changed."),
            author=actor,
            status_from=previous,
            status_to=data.status,
        )
    notifications.intervention_assigned(intervention)  # keyed by owner
    return intervention


@transaction.atomic
def intervention_note_add(
    *,
    intervention: Intervention,
    text: str,
    actor: Actor,
    status: str | None = None,
    recorded_on: date | None = None,
) -> InterventionNote:
    """A progress note, optionally changing the status (recorded on the note)."""
    require_progress_writer(actor, intervention)
    text = clean_text(text)
    if not text:
        raise ValidationError({"text": _("Write what has happened.")})
    recorded_on = recorded_on or timezone.localdate()
    if recorded_on > timezone.localdate():
        raise ValidationError({"recorded_on": _("A progress note cannot be dated in the future.")})
    previous = intervention.status
    new = status if status and status != previous else ""
    if new:
        if new not in InterventionStatus.values:
            raise ValidationError({"status": _("Unknown status.")})
        if new in (InterventionStatus.RUNNING, InterventionStatus.COMPLETED) and not (
            intervention.start_date
        ):
            intervention.start_date = recorded_on
        intervention.status = new
        intervention.save(update_fields=["status", "start_date", "updated_at"])
    return InterventionNote.objects.create(
        intervention=intervention,
        recorded_on=recorded_on,
        text=text,
        author=actor,
        status_from=previous if new else "",
        status_to=new,
    )


@transaction.atomic
def process_evaluation_record(
    *,
    intervention: Intervention,
    answers: Mapping[str, Mapping[str, str]],
    deviations: str = "",
    lessons: str = "",
    recorded_on: date | None = None,
    actor: Actor,
) -> ProcessEvaluation:
    """File the process-evaluation checklist; every question needs an answer."""
    require_capability(actor, "actionplan.evaluate")
    errors: dict[str, Any] = {}
    clean: dict[str, dict[str, str]] = {}
    for key, _question in PROCESS_CHECKLIST:
        entry = answers.get(key) or {}
        answer = entry.get("answer", "")
        if answer not in CheckAnswer.values:
            errors[f"{key}_answer"] = _("Choose an answer.")
            continue
        clean[key] = {"answer": answer, "comment": clean_text(entry.get("comment", ""))[:500]}
    if errors:
        raise ValidationError(errors)
    evaluation = ProcessEvaluation(
        intervention=intervention,
        recorded_on=recorded_on or timezone.localdate(),
        answers=clean,
        deviations=clean_text(deviations),
        lessons=clean_text(lessons),
        author=actor,
    )
    evaluation.full_clean()
    evaluation.save()
    return evaluation


@transaction.atomic
def intervention_decisions_add(
    *, actor: Actor, intervention: Intervention, decisions: list[Decision]
) -> None:
    """Record further decisions that started (or extended) the intervention."""
    require_capability(actor, "actionplan.manage")
    intervention.decisions.add(*decisions)
