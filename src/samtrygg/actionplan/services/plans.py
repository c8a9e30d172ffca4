"""Writes for action plans and their adopted versions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.accounts.models import Organisation, OrganisationKind
from samtrygg.actionplan.models import ActionPlan, ActionPlanVersion
from samtrygg.actionplan.services.common import check_document, check_period, clean_text
from samtrygg.core.permissions import (
    Actor,
    require_capability,
)
from samtrygg.governance.models import FocusArea
from samtrygg.situation.models import SituationVersion


@transaction.atomic
def action_plan_create(
    *,
    title: str,
    period_start: date,
    period_end: date,
    focus_areas: Iterable[FocusArea] = (),
    description: str = "",
    next_review: date | None = None,
    actor: Actor,
) -> ActionPlan:
    require_capability(actor, "actionplan.manage")
    check_period(period_start, period_end)
    plan = ActionPlan(
        title=clean_text(title),
        period_start=period_start,
        period_end=period_end,
        description=clean_text(description),
        next_review=next_review,
        created_by=actor,
    )
    plan.full_clean()
    plan.save()
    plan.focus_areas.set(list(focus_areas))
    return plan


@transaction.atomic
def action_plan_update(
    *,
    actor: Actor,
    plan: ActionPlan,
    title: str,
    period_start: date,
    period_end: date,
    focus_areas: Iterable[FocusArea],
    description: str = "",
    next_review: date | None = None,
) -> ActionPlan:
    require_capability(actor, "actionplan.manage")
    check_period(period_start, period_end)
    plan.title = clean_text(title)
    plan.period_start = period_start
    plan.period_end = period_end
    plan.description = clean_text(description)
    plan.next_review = next_review
    plan.full_clean()
    plan.save()
    plan.focus_areas.set(list(focus_areas))
    return plan


@transaction.atomic
def action_plan_version_create(
    *,
    actor: Actor,
    plan: ActionPlan,
    adopted_by: Organisation,
    adoption_date: date,
    based_on: SituationVersion | None = None,
    decision_reference: str = "",
    changes: str = "",
    document: UploadedFile | None = None,
) -> ActionPlanVersion:
    """Record an adoption of the plan (the next version number)."""
    require_capability(actor, "actionplan.manage")
    if adopted_by.kind != OrganisationKind.POLITICAL_BODY:
        raise ValidationError(
            {"adopted_by": _("A plan is adopted by a political body (a board or committee).")}
        )
    if based_on is not None and timezone.localdate(based_on.published_at) > adoption_date:
        raise ValidationError(
            {"based_on": _("This lägesbild was published after the adoption date.")}
        )
    check_document(document)
    # Lock the plan row so that two adoptions cannot take the same number.
    ActionPlan.objects.select_for_update().filter(pk=plan.pk).first()
    number = (plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = ActionPlanVersion(
        plan=plan,
        number=number,
        adopted_by=adopted_by,
        adoption_date=adoption_date,
        based_on=based_on,
        decision_reference=clean_text(decision_reference),
        changes=clean_text(changes),
    )
    if document is not None:
        version.document.save(document.name or "document", document, save=False)
    try:
        version.full_clean()
        version.save()
    except Exception:
        if version.document:
            version.document.storage.delete(version.document.name or "")
        raise
    return version
