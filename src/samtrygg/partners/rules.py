"""Who may see and change partners and the dialogue.

* The coordinator (``partners.manage``) manages partners, their contact persons and the
  dialogue forum.
* Analysts, council members and the police (``partners.view``) see the partner register
  (without contact persons): who works where on what.
* A partner's login (a member of the partner's organisation with the ``partner`` role)
  sees its own partner, its contact persons, and the dialogue it takes part in; nothing of
  other partners.
"""

from __future__ import annotations

from django.db.models import QuerySet

from samtrygg.core.permissions import Permissions, register_capability, register_object_rules
from samtrygg.core.roles import Role
from samtrygg.partners.models import ContactErasure, ContactPerson, Partner

register_capability("partners.manage", roles={Role.COORDINATOR})
register_capability(
    "partners.view",
    roles={Role.COORDINATOR, Role.ANALYST, Role.COUNCIL_MEMBER, Role.POLICE},
)

_CACHE = "_partners_own_ids"


def can_manage(perms: Permissions) -> bool:
    return perms.can("partners.manage")


def own_partner_ids(perms: Permissions) -> frozenset[int]:
    """The partners the user logs in for (``partner`` role in their organisation)."""
    cached = perms.__dict__.get(_CACHE)
    if cached is not None:
        return cached
    orgs = perms.organisation_ids(Role.PARTNER)
    ids = (
        frozenset(Partner.objects.filter(organisation_id__in=orgs).values_list("pk", flat=True))
        if orgs
        else frozenset()
    )
    perms.__dict__[_CACHE] = ids
    return ids


def _partner_view(perms: Permissions, obj: Partner) -> bool:
    return perms.can("partners.view") or obj.pk in own_partner_ids(perms)


def _partner_queryset(perms: Permissions, qs: QuerySet) -> QuerySet:
    if perms.can("partners.view"):
        return qs
    return qs.filter(pk__in=own_partner_ids(perms))


register_object_rules(
    Partner,
    view=_partner_view,
    change=lambda perms, obj: can_manage(perms),
    queryset=_partner_queryset,
)


def _contact_view(perms: Permissions, obj: ContactPerson) -> bool:
    return can_manage(perms) or obj.partner_id in own_partner_ids(perms)


def _contact_queryset(perms: Permissions, qs: QuerySet) -> QuerySet:
    if can_manage(perms):
        return qs
    return qs.filter(partner_id__in=own_partner_ids(perms))


register_object_rules(
    ContactPerson,
    view=_contact_view,
    change=lambda perms, obj: can_manage(perms),
    queryset=_contact_queryset,
)
register_object_rules(
    ContactErasure,
    view=lambda perms, obj: can_manage(perms),
    change=lambda perms, obj: False,
    queryset=lambda perms, qs: qs if can_manage(perms) else qs.none(),
)
