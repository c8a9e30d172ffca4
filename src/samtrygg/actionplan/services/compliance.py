"""Writes for the coordination function and for the lägesbild a decision rests on."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.accounts.models import Organisation, OrganisationKind
from samtrygg.actionplan.models import SINGLETON_KEY, CoordinationFunction, DecisionBasis
from samtrygg.actionplan.services.common import clean_text
from samtrygg.core.permissions import (
    Actor,
    require_capability,
)
from samtrygg.governance.models import Decision
from samtrygg.situation.models import SituationVersion


@transaction.atomic
def coordination_function_save(
    *,
    organisation: Organisation | None,
    unit: str = "",
    contact_title: str = "",
    contact_name: str = "",
    email: str = "",
    phone: str = "",
    web_address: str = "",
    postal_address: str = "",
    executive_board: Organisation | None = None,
    actor: Actor,
) -> CoordinationFunction:
    """Create or change the one record of the coordination function."""
    require_capability(actor, "actionplan.manage")
    if executive_board is not None and executive_board.kind != OrganisationKind.POLITICAL_BODY:
        raise ValidationError({"executive_board": _("The executive board is a political body.")})
    record = CoordinationFunction.objects.select_for_update().filter(key=SINGLETON_KEY).first()
    record = record or CoordinationFunction(key=SINGLETON_KEY)
    record.organisation = organisation
    record.unit = clean_text(unit)
    record.contact_title = clean_text(contact_title)
    record.contact_name = clean_text(contact_name)
    record.email = clean_text(email)
    record.phone = clean_text(phone)
    record.web_address = clean_text(web_address)
    record.postal_address = clean_text(postal_address)
    record.executive_board = executive_board
    record.updated_by = actor
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def decision_basis_set(
    *,
    decision: Decision,
    version: SituationVersion | None,
    note: str = "",
    actor: Actor,
) -> DecisionBasis | None:
    """Record (or change, or with ``version=None`` remove) the published lägesbild
    version a decision rests on. A decision cannot rest on a picture published after it."""
    require_capability(actor, "actionplan.manage")
    if version is None:
        DecisionBasis.objects.filter(decision=decision).delete()
        return None
    decided = timezone.localtime(decision.meeting.starts_at).date()
    if timezone.localtime(version.published_at).date() > decided:
        raise ValidationError(
            {"version": _("This lägesbild was published after the decision was taken.")}
        )
    basis, _created = DecisionBasis.objects.update_or_create(
        decision=decision,
        defaults={"version": version, "note": clean_text(note), "recorded_by": actor},
    )
    return basis
