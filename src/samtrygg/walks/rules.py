"""Who sees and does what with safety walks (docs/partners.md, "Safety walks").

* Coordinators plan and record walks and findings, give findings to owners, approve photos
  for the public protocol and publish it (``walks.manage``).
* Analysts, the police and council members read walks and findings (``walks.view``).
* A finding's **owner** — the members of the organisation behind a ``FindingOwner`` — sees
  the findings given to it (and no other) and acts on them: accept, report progress, close,
  decline with a reason or transfer. An owner without a log-in does the same through a
  signed, expiring e-mail link (``tokens.py``), which opens that owner's findings only.
* A partner's logins see, on their partner's page, the walks the partner took part in and
  those walks' findings (they were there): not the walk's notes, not a finding's history,
  and a private owner unnamed, as in the public protocol (``may_see_partner_walks``).
* Everyone reads a published protocol (no personal data, approved photos only).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from samtrygg.core.permissions import Permissions, register_capability, register_object_rules
from samtrygg.core.roles import Role
from samtrygg.partners.models import Partner
from samtrygg.partners.rules import own_partner_ids
from samtrygg.walks.models import Finding, FindingOwner, FindingPhoto, SafetyWalk

register_capability("walks.manage", roles={Role.COORDINATOR})
register_capability(
    "walks.view", roles={Role.COORDINATOR, Role.ANALYST, Role.POLICE, Role.COUNCIL_MEMBER}
)


def owned_owner_ids(perms: Permissions) -> set[int]:
    """The finding owners the user acts for: those of the organisations they belong to."""
    orgs = perms.organisation_ids()
    if not orgs:
        return set()
    return set(FindingOwner.objects.filter(organisation_id__in=orgs).values_list("pk", flat=True))


def is_owner_of(perms: Permissions, finding: Finding) -> bool:
    return finding.owner_id in owned_owner_ids(perms)


def may_see_partner_walks(perms: Permissions, partner: Partner) -> bool:
    """The walks ``partner`` took part in, with their findings, on the partner's page: for
    those who read walks, and for the partner's own logins."""
    return perms.can("walks.view") or partner.pk in own_partner_ids(perms)


def _walk_view(perms: Permissions, walk: Any) -> bool:
    return perms.can("walks.view")


def _walk_change(perms: Permissions, walk: Any) -> bool:
    return perms.can("walks.manage")


def _walk_queryset(perms: Permissions, qs: QuerySet) -> QuerySet:
    return qs if perms.can("walks.view") else qs.none()


def _finding_view(perms: Permissions, finding: Any) -> bool:
    return perms.can("walks.view") or is_owner_of(perms, finding)


def _finding_change(perms: Permissions, finding: Any) -> bool:
    """May act on the finding's status: its owner, or a coordinator on the owner's behalf
    (an owner who answered at the follow-up meeting)."""
    return perms.can("walks.manage") or is_owner_of(perms, finding)


def _finding_queryset(perms: Permissions, qs: QuerySet) -> QuerySet:
    if perms.can("walks.view"):
        return qs
    owners = owned_owner_ids(perms)
    return qs.filter(Q(owner_id__in=owners)) if owners else qs.none()


register_object_rules(SafetyWalk, view=_walk_view, change=_walk_change, queryset=_walk_queryset)
register_object_rules(
    Finding, view=_finding_view, change=_finding_change, queryset=_finding_queryset
)
register_object_rules(
    FindingOwner,
    view=lambda perms, _owner: perms.can("walks.view"),
    change=lambda perms, _owner: perms.can("walks.manage"),
    queryset=_walk_queryset,
)


def _photo_queryset(perms: Permissions, qs: QuerySet) -> QuerySet:
    return qs.filter(finding__in=_finding_queryset(perms, Finding.objects.all()))


register_object_rules(
    FindingPhoto,
    view=lambda perms, photo: _finding_view(perms, photo.finding),
    change=lambda perms, photo: perms.can("walks.manage"),
    queryset=_photo_queryset,
)
