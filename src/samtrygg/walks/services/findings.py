"""Writing services for findings: record one (on a walk, or from an incident report about a
fault in the environment), give it to an owner, and follow it through its statuses.

The workflow (docs/partners.md, "Safety walks"): ``reported → accepted → in progress →
fixed``; the owner may instead decline it with a reason that is published, or transfer it
to another owner (never "not our responsibility"). No status is skipped. A later walk in the
area re-checks a fixed finding: confirmed fixed, or reopened (back to accepted).

Owners act as a logged-in member of the owner's organisation, or through the owner's
e-mail link (``OwnerLink``): either may act on that owner's findings only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.accounts.models import Organisation
from samtrygg.actionplan.models import Intervention
from samtrygg.areas.models import Area
from samtrygg.core.permissions import Actor, require_capability, require_change, require_view
from samtrygg.incidents.models import Incident
from samtrygg.walks.imaging import clean_photo
from samtrygg.walks.models import (
    Finding,
    FindingCategory,
    FindingEvent,
    FindingOwner,
    FindingPhoto,
    FindingStatus,
    Recheck,
    SafetyWalk,
    WalkStep,
)
from samtrygg.walks.notifications import tell_owner_assigned
from samtrygg.walks.services.walks import in_sweden
from samtrygg.walks.tokens import OwnerLink

S = FindingStatus
#: Where each status may go next by the owner's hand. ``fixed`` → ``accepted`` happens only
#: by a re-check (reopened); ``transferred`` is also what a new owner starts from.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.REPORTED: frozenset({S.ACCEPTED, S.DECLINED, S.TRANSFERRED}),
    S.TRANSFERRED: frozenset({S.ACCEPTED, S.DECLINED, S.TRANSFERRED}),
    S.ACCEPTED: frozenset({S.IN_PROGRESS, S.DECLINED, S.TRANSFERRED}),
    S.IN_PROGRESS: frozenset({S.FIXED, S.TRANSFERRED}),
    S.FIXED: frozenset(),
    S.DECLINED: frozenset(),
}
MAX_PHOTOS = 6

#: Incident categories (by code) that describe a fault in the environment, and the
#: finding category each becomes.
INCIDENT_CATEGORIES = {
    "otrygg-belysning": FindingCategory.LIGHTING,
    "otrygg-sikt": FindingCategory.VEGETATION,
    "otrygg-ode": FindingCategory.DESIGN,
    "klotter": FindingCategory.LITTERING,
    "nedskrapning": FindingCategory.LITTERING,
    "skadegorelse": FindingCategory.DAMAGE,
}
INCIDENT_GROUPS = frozenset({"damage", "littering", "unsafe_place"})


@dataclass(frozen=True)
class FindingInput:
    area: Area
    category: str
    cause: str
    owner: FindingOwner
    proposal: str = ""
    lon: float | None = None
    lat: float | None = None
    address: str = ""
    due_date: dt.date | None = None


def _validate(data: FindingInput) -> None:
    errors: dict[str, str] = {}
    if data.category not in FindingCategory.values:
        errors["category"] = _("Choose a category.")
    if not data.cause.strip():
        errors["cause"] = _("Describe the concrete physical cause.")
    if (data.lon is None) != (data.lat is None):
        errors["lon"] = _("Give both longitude and latitude, or neither.")
    elif data.lon is not None and data.lat is not None and not in_sweden(data.lon, data.lat):
        errors["lon"] = _("The point lies outside Sweden.")
    elif data.lon is None and not data.address.strip():
        errors["address"] = _("Place the finding on the map or give an address.")
    if not data.owner.is_active:
        errors["owner"] = _("This owner is no longer active.")
    if errors:
        raise ValidationError(errors)


def _event(
    finding: Finding,
    *,
    actor: Any,
    to_status: str,
    from_status: str = "",
    from_owner: FindingOwner | None = None,
    note: str = "",
    on: dt.date | None = None,
) -> None:
    now = timezone.now()
    at = now if on is None or on == timezone.localdate() else _noon(on)
    FindingEvent.objects.create(
        finding=finding,
        at=at,
        from_status=from_status,
        to_status=to_status,
        from_owner=from_owner,
        to_owner=finding.owner if from_owner is not None or not from_status else None,
        note=note.strip(),
        actor=None if isinstance(actor, OwnerLink) else actor,
        by_link=isinstance(actor, OwnerLink),
    )


def _noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


def _day(finding: Finding, on: dt.date | None) -> dt.date:
    """The day a step happened: today, or an earlier day the owner reported it for (at the
    follow-up meeting), never before the finding was reported nor in the future."""
    today = timezone.localdate()
    if on is None:
        return today
    if on > today or on < finding.reported_on:
        raise ValidationError(
            {"on": _("The date lies between the day the finding was reported and today.")}
        )
    return on


def _fill(finding: Finding, data: FindingInput) -> None:
    finding.area = data.area
    finding.category = data.category
    finding.cause = data.cause.strip()
    finding.proposal = data.proposal.strip()
    finding.lon = None if data.lon is None else round(data.lon, 6)
    finding.lat = None if data.lat is None else round(data.lat, 6)
    finding.address = data.address.strip()
    finding.due_date = data.due_date


def _create(
    *, actor: Actor, data: FindingInput, reported_on: dt.date | None = None, **links: Any
) -> Finding:
    _validate(data)
    finding = Finding(
        owner=data.owner,
        reported_on=reported_on or timezone.localdate(),
        created_by=actor,
        **links,
    )
    _fill(finding, data)
    finding.save()
    _event(finding, actor=actor, to_status=S.REPORTED, on=finding.reported_on)
    tell_owner_assigned(finding)
    return finding


@transaction.atomic
def finding_create(*, actor: Actor, walk: SafetyWalk, data: FindingInput) -> Finding:
    """A finding made on ``walk`` (recorded during or after it)."""
    require_change(actor, walk)
    if walk.step == WalkStep.PLANNED:
        raise ValidationError({"walk": _("Record the preparation meeting first.")})
    # A finding made on the walk is reported on the walk's day (recorded then or after).
    return _create(
        actor=actor, data=data, reported_on=min(walk.walk_date, timezone.localdate()), walk=walk
    )


@transaction.atomic
def finding_create_from_incident(
    *,
    actor: Actor,
    incident: Incident,
    owner: FindingOwner,
    area: Area,
    due_date: dt.date | None = None,
) -> Finding:
    """A finding from an incident report about a fault in the environment (lighting, sight
    lines, damage, littering): its place and category come from the report; the report's
    description stays in the report (it may name people)."""
    require_capability(actor, "walks.manage")
    require_view(actor, incident)
    category = incident.category
    if category.group not in INCIDENT_GROUPS:
        raise ValidationError(
            {"incident": _("Only reports of a fault in the environment become findings.")}
        )
    if incident.findings.exists():
        raise ValidationError({"incident": _("This report already has a finding.")})
    data = FindingInput(
        area=area,
        category=INCIDENT_CATEGORIES.get(category.code, FindingCategory.OTHER),
        cause=category.name_sv,
        owner=owner,
        lon=incident.lon,
        lat=incident.lat,
        address=incident.address,
        due_date=due_date,
    )
    return _create(actor=actor, data=data, incident=incident)


@transaction.atomic
def finding_update(*, actor: Actor, finding: Finding, data: FindingInput) -> Finding:
    """Correct what was recorded (coordinators). A new owner goes through
    ``finding_transfer``, so that the history shows it and the owner is told."""
    require_capability(actor, "walks.manage")
    require_change(actor, finding)
    if data.owner.pk != finding.owner_id:
        raise ValidationError({"owner": _("Transfer the finding to give it to another owner.")})
    _validate(data)
    _fill(finding, data)
    finding.save()
    return finding


def _require_owner_action(actor: Actor | OwnerLink, finding: Finding) -> None:
    """The finding's owner (a member, or its e-mail link), or a coordinator."""
    if isinstance(actor, OwnerLink):
        if not actor.owner.is_active or actor.owner.pk != finding.owner_id:
            raise PermissionDenied("not this owner's finding")
        return
    require_change(actor, finding)


def _check_transition(finding: Finding, to_status: str) -> None:
    if to_status not in TRANSITIONS.get(finding.status, frozenset()):
        raise ValidationError(
            {
                "status": _("A finding that is “%(now)s” cannot become “%(to)s”.")
                % {
                    "now": finding.get_status_display(),
                    "to": FindingStatus(to_status).label,
                }
            }
        )


@transaction.atomic
def finding_status_change(
    *,
    actor: Actor | OwnerLink,
    finding: Finding,
    status: str,
    note: str = "",
    declined_reason: str = "",
    due_date: dt.date | None = None,
    on: dt.date | None = None,
) -> Finding:
    """Accept, start, fix or decline a finding. Declining needs a reason (it is
    published); accepting may set the date the owner promises. ``on``: the day it happened
    when recorded later (an owner's answer at the follow-up meeting)."""
    _require_owner_action(actor, finding)
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    day = _day(finding, on)
    if status == S.TRANSFERRED:
        raise ValidationError({"status": _("Choose the owner to transfer the finding to.")})
    _check_transition(finding, status)
    if status == S.DECLINED:
        if not declined_reason.strip():
            raise ValidationError({"declined_reason": _("Say why the finding is declined.")})
        finding.declined_reason = declined_reason.strip()
    if status == S.FIXED:
        finding.fixed_on = day
    if due_date is not None and status == S.ACCEPTED:
        finding.due_date = due_date
    before = finding.status
    finding.status = status
    finding.save()
    _event(
        finding,
        actor=actor,
        from_status=before,
        to_status=status,
        note=declined_reason if status == S.DECLINED else note,
        on=day,
    )
    return finding


@transaction.atomic
def finding_transfer(
    *,
    actor: Actor | OwnerLink,
    finding: Finding,
    to_owner: FindingOwner,
    note: str,
    on: dt.date | None = None,
) -> Finding:
    """Give the finding to the owner who can fix it; the new owner is told."""
    _require_owner_action(actor, finding)
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    day = _day(finding, on)
    _check_transition(finding, S.TRANSFERRED)
    if to_owner.pk == finding.owner_id or not to_owner.is_active:
        raise ValidationError({"to_owner": _("Choose another, active owner.")})
    if not note.strip():
        raise ValidationError({"note": _("Say why the other owner is responsible.")})
    before, previous_owner = finding.status, finding.owner
    finding.status, finding.owner = S.TRANSFERRED, to_owner
    finding.save()
    _event(
        finding,
        actor=actor,
        from_status=before,
        to_status=S.TRANSFERRED,
        from_owner=previous_owner,
        note=note,
        on=day,
    )
    tell_owner_assigned(finding)
    return finding


@transaction.atomic
def finding_recheck(
    *, actor: Actor, finding: Finding, walk: SafetyWalk, result: str, note: str = ""
) -> Finding:
    """At a later walk: is the fixed finding still fixed? Reopened sends it back to the
    owner as accepted (they had taken it on)."""
    require_change(actor, walk)
    require_change(actor, finding)
    if result not in Recheck.values:
        raise ValidationError({"result": _("Choose confirmed fixed or reopened.")})
    if finding.status != S.FIXED:
        raise ValidationError({"result": _("Only a fixed finding is re-checked.")})
    if finding.walk is not None and (
        finding.walk_id == walk.pk or walk.walk_date <= finding.walk.walk_date
    ):
        raise ValidationError({"walk": _("A finding is re-checked at a later walk.")})
    if walk.step in (WalkStep.PLANNED, WalkStep.PREPARED):
        raise ValidationError({"walk": _("Re-check at a walk that has taken place.")})
    finding.recheck, finding.rechecked_at_walk = result, walk
    if result == Recheck.REOPENED:
        finding.status, finding.fixed_on = S.ACCEPTED, None
        _event(
            finding,
            actor=actor,
            from_status=S.FIXED,
            to_status=S.ACCEPTED,
            note=note or str(Recheck.REOPENED.label),
        )
    finding.save()
    return finding


@transaction.atomic
def finding_intervention_link(
    *, actor: Actor, finding: Finding, intervention: Intervention | None
) -> Finding:
    require_capability(actor, "walks.manage")
    require_change(actor, finding)
    if intervention is not None:
        require_view(actor, intervention)
    finding.intervention = intervention
    finding.save(update_fields=["intervention", "updated_at"])
    return finding


@transaction.atomic
def finding_photo_add(
    *, actor: Actor | OwnerLink, finding: Finding, content: bytes
) -> FindingPhoto:
    """Store a photo without its metadata (position, camera), at most 1600 pixels a side.
    Not public until a coordinator approves it."""
    _require_owner_action(actor, finding)
    if finding.photos.count() >= MAX_PHOTOS:
        raise ValidationError(
            {"photo": _("A finding has at most %(n)s photos.") % {"n": MAX_PHOTOS}}
        )
    photo = clean_photo(content)
    return FindingPhoto.objects.create(
        finding=finding, image=photo.content, width=photo.width, height=photo.height
    )


@transaction.atomic
def finding_photo_approve(*, actor: Actor, photo: FindingPhoto, public: bool) -> FindingPhoto:
    """The coordinator decides which photos the public protocol shows (no faces, no
    number plates, nothing that identifies anyone)."""
    require_capability(actor, "walks.manage")
    require_change(actor, photo.finding)
    photo.public = public
    photo.save(update_fields=["public"])
    return photo


@transaction.atomic
def owner_create(
    *,
    actor: Actor,
    name: str,
    organisation: Organisation | None = None,
    email: str = "",
    private: bool = False,
) -> FindingOwner:
    require_capability(actor, "walks.manage")
    if not name.strip():
        raise ValidationError({"name": _("Give the owner's name.")})
    if organisation is not None and FindingOwner.objects.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("This organisation is already an owner.")})
    if organisation is None and not email.strip():
        raise ValidationError({"email": _("A private owner needs an e-mail address.")})
    if private and organisation is not None:
        raise ValidationError({"private": _("An organisation with logins is not a private owner.")})
    return FindingOwner.objects.create(
        name=name.strip(), organisation=organisation, email=email.strip(), private=private
    )


@transaction.atomic
def owner_link_revoke(*, actor: Actor, owner: FindingOwner) -> FindingOwner:
    """Make every e-mail link sent to the owner stop working."""
    require_change(actor, owner)
    owner.link_secret = FindingOwner._meta.get_field("link_secret").get_default()
    owner.save(update_fields=["link_secret", "updated_at"])
    return owner
