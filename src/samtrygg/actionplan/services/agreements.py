"""Writes for the collaboration agreement, its commitments and citizen promises."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.accounts.models import Organisation
from samtrygg.actionplan import notifications
from samtrygg.actionplan.models import (
    ActivityStatus,
    Agreement,
    CitizenPromise,
    Commitment,
    CommitmentStatus,
    PromiseActivity,
    PromiseFollowUp,
    PromiseStatus,
)
from samtrygg.actionplan.services.common import check_document, check_period, clean_text
from samtrygg.areas.models import Area
from samtrygg.core.permissions import (
    Actor,
    require_capability,
    require_change,
)


def _signatories(lines: Iterable[str]) -> list[str]:
    titles = [clean_text(line)[:200] for line in lines]
    return [t for t in titles if t]


def _agreement_checks(
    parties: list[Organisation], period_start: date, period_end: date | None
) -> None:
    if len(parties) < 2:
        raise ValidationError({"parties": _("An agreement has at least two parties.")})
    check_period(period_start, period_end)


def _save_document(agreement: Agreement, document: UploadedFile | None) -> None:
    if document is not None:
        agreement.document.save(document.name or "document", document, save=False)


@transaction.atomic
def agreement_create(
    *,
    actor: Actor,
    title: str,
    parties: Iterable[Organisation],
    period_start: date,
    period_end: date | None = None,
    signed_date: date | None = None,
    signatories: Iterable[str] = (),
    description: str = "",
    document: UploadedFile | None = None,
) -> Agreement:
    require_capability(actor, "actionplan.manage")
    parties = list(parties)
    _agreement_checks(parties, period_start, period_end)
    check_document(document)
    agreement = Agreement(
        title=clean_text(title),
        description=clean_text(description),
        period_start=period_start,
        period_end=period_end,
        signed_date=signed_date,
        signatories=_signatories(signatories),
    )
    _save_document(agreement, document)
    agreement.full_clean()
    agreement.save()
    agreement.parties.set(parties)
    return agreement


@transaction.atomic
def agreement_update(
    *,
    actor: Actor,
    agreement: Agreement,
    title: str,
    parties: Iterable[Organisation],
    period_start: date,
    period_end: date | None = None,
    signed_date: date | None = None,
    signatories: Iterable[str] = (),
    description: str = "",
    document: UploadedFile | None = None,
) -> Agreement:
    """Change the agreement; a new document replaces the old one (kept in the audit trail
    by name)."""
    require_capability(actor, "actionplan.manage")
    parties = list(parties)
    _agreement_checks(parties, period_start, period_end)
    check_document(document)
    agreement.title = clean_text(title)
    agreement.description = clean_text(description)
    agreement.period_start = period_start
    agreement.period_end = period_end
    agreement.signed_date = signed_date
    agreement.signatories = _signatories(signatories)
    _save_document(agreement, document)
    agreement.full_clean()
    agreement.save()
    agreement.parties.set(parties)
    return agreement


@transaction.atomic
def commitment_create(
    *,
    actor: Actor,
    agreement: Agreement,
    title: str,
    owner: Organisation,
    due_date: date | None = None,
    description: str = "",
    status: str = CommitmentStatus.NOT_STARTED,
) -> Commitment:
    require_capability(actor, "actionplan.manage")
    commitment = Commitment(
        agreement=agreement,
        title=clean_text(title),
        description=clean_text(description),
        owner=owner,
        due_date=due_date,
        status=status,
    )
    commitment.full_clean()
    commitment.save()
    notifications.commitment_assigned(commitment)
    return commitment


@transaction.atomic
def commitment_update(
    *,
    actor: Actor,
    commitment: Commitment,
    title: str,
    owner: Organisation,
    due_date: date | None,
    description: str,
    status: str,
    progress: str,
) -> Commitment:
    require_capability(actor, "actionplan.manage")
    commitment.title = clean_text(title)
    commitment.owner = owner
    commitment.due_date = due_date
    commitment.description = clean_text(description)
    commitment.status = status
    commitment.progress = clean_text(progress)
    commitment.full_clean()
    commitment.save()
    notifications.commitment_assigned(commitment)  # keyed by owner: only a new owner is told
    return commitment


@transaction.atomic
def commitment_follow_up(
    *, actor: Actor, commitment: Commitment, status: str, progress: str
) -> Commitment:
    """The responsible organisation reports: status and a follow-up text."""
    require_change(actor, commitment)
    if status not in CommitmentStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    commitment.status = status
    commitment.progress = clean_text(progress)
    commitment.full_clean()
    commitment.save(update_fields=["status", "progress", "updated_at"])
    return commitment


# --- citizen promises ------------------------------------------------------------------


@transaction.atomic
def promise_create(
    *,
    actor: Actor,
    title: str,
    text: str,
    period_start: date,
    period_end: date,
    area: Area | None = None,
    status: str = PromiseStatus.PLANNED,
    is_public: bool = False,
    issuers: Iterable[Organisation] = (),
    internal_note: str = "",
    activities: Iterable[str] = (),
) -> CitizenPromise:
    require_capability(actor, "actionplan.manage")
    check_period(period_start, period_end)
    promise = CitizenPromise(
        title=clean_text(title),
        text=clean_text(text),
        area=area,
        period_start=period_start,
        period_end=period_end,
        status=status,
        is_public=is_public,
        internal_note=clean_text(internal_note),
    )
    promise.full_clean()
    promise.save()
    promise.issuers.set(list(issuers))
    for order, line in enumerate(a for a in (clean_text(x) for x in activities) if a):
        PromiseActivity.objects.create(promise=promise, text=line[:300], order=order)
    return promise


@transaction.atomic
def promise_update(
    *,
    actor: Actor,
    promise: CitizenPromise,
    title: str,
    text: str,
    period_start: date,
    period_end: date,
    area: Area | None,
    status: str,
    is_public: bool,
    issuers: Iterable[Organisation],
    internal_note: str = "",
) -> CitizenPromise:
    require_capability(actor, "actionplan.manage")
    check_period(period_start, period_end)
    promise.title = clean_text(title)
    promise.text = clean_text(text)
    promise.area = area
    promise.period_start = period_start
    promise.period_end = period_end
    promise.status = status
    promise.is_public = is_public
    promise.internal_note = clean_text(internal_note)
    promise.full_clean()
    promise.save()
    promise.issuers.set(list(issuers))
    return promise


@transaction.atomic
def promise_activity_add(*, actor: Actor, promise: CitizenPromise, text: str) -> PromiseActivity:
    require_capability(actor, "actionplan.manage")
    text = clean_text(text)
    if not text:
        raise ValidationError({"text": _("Describe the activity.")})
    order = (promise.activities.aggregate(m=Max("order"))["m"] or 0) + 1
    activity = PromiseActivity(promise=promise, text=text[:300], order=order)
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def promise_activity_set_status(
    *, actor: Actor, activity: PromiseActivity, status: str
) -> PromiseActivity:
    require_capability(actor, "actionplan.manage")
    if status not in ActivityStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    activity.status = status
    activity.save(update_fields=["status"])
    return activity


@transaction.atomic
def promise_follow_up_add(
    *,
    promise: CitizenPromise,
    text: str,
    recorded_on: date | None = None,
    status: str | None = None,
    actor: Actor,
) -> PromiseFollowUp:
    """A follow-up written for residents (it appears on the public page of a public
    promise); optionally a new status of the promise."""
    require_capability(actor, "actionplan.manage")
    text = clean_text(text)
    if not text:
        raise ValidationError({"text": _("Write the follow-up.")})
    recorded_on = recorded_on or timezone.localdate()
    if recorded_on > timezone.localdate():
        raise ValidationError({"recorded_on": _("A follow-up cannot be dated in the future.")})
    if status:
        if status not in PromiseStatus.values:
            raise ValidationError({"status": _("Unknown status.")})
        promise.status = status
        promise.save(update_fields=["status", "updated_at"])
    return PromiseFollowUp.objects.create(
        promise=promise, text=text, recorded_on=recorded_on, author=actor
    )
