"""Who may see and change partners and the dialogue.

* The coordinator (``partners.manage``) manages partners, their contact persons and the
  dialogue forum.
* Analysts, council members and the police (``partners.view``) see the partner register
  (without contact persons): who works where on what.
* A partner's login (a member of the partner's organisation with the ``partner`` role)
  sees its own partner, its contact persons, and the dialogue it takes part in: the forum's
  meetings it took part in with what was said there, its own contributions wherever they
  were given, and the recommendations from those meetings or built on its contributions
  with the council's response. It writes its own partner's contributions. Nothing of
  other partners beyond that.
* Those who see the register (``partners.view``) see the whole dialogue.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from samtrygg.core.permissions import Permissions, register_capability, register_object_rules
from samtrygg.core.roles import Role
from samtrygg.partners.models import (
    ContactErasure,
    ContactPerson,
    Contribution,
    DialogueMeeting,
    DialogueTheme,
    Partner,
    Recommendation,
)

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


# --- The dialogue ---------------------------------------------------------------------


def sees_all_dialogue(perms: Permissions) -> bool:
    return perms.can("partners.view")


def _meeting_queryset(perms: Permissions, qs: QuerySet) -> QuerySet:
    if sees_all_dialogue(perms):
        return qs
    own = own_partner_ids(perms)
    if not own:
        return qs.none()
    return qs.filter(pk__in=DialogueMeeting.objects.filter(participants__in=own).values("pk"))


def _meeting_view(perms: Permissions, obj: DialogueMeeting) -> bool:
    if sees_all_dialogue(perms):
        return True
    own = own_partner_ids(perms)
    return bool(own) and obj.participants.filter(pk__in=own).exists()


register_object_rules(
    DialogueMeeting,
    view=_meeting_view,
    change=lambda perms, obj: can_manage(perms),
    queryset=_meeting_queryset,
)
register_object_rules(
    DialogueTheme,
    view=lambda perms, obj: _meeting_view(perms, obj.meeting),
    change=lambda perms, obj: can_manage(perms),
    queryset=lambda perms, qs: qs.filter(
        meeting__in=_meeting_queryset(perms, DialogueMeeting.objects.all())
    ),
)


def _contribution_queryset(perms: Permissions, qs: QuerySet) -> QuerySet:
    if sees_all_dialogue(perms):
        return qs
    own = own_partner_ids(perms)
    if not own:
        return qs.none()
    meetings = DialogueMeeting.objects.filter(participants__in=own).values("pk")
    return qs.filter(Q(partner_id__in=own) | Q(meeting_id__in=meetings))


def _contribution_view(perms: Permissions, obj: Contribution) -> bool:
    if sees_all_dialogue(perms) or obj.partner_id in own_partner_ids(perms):
        return True
    return obj.meeting is not None and _meeting_view(perms, obj.meeting)


def can_change_contribution(perms: Permissions, obj: Contribution) -> bool:
    """The coordinator, or a login of the partner that gave it."""
    return can_manage(perms) or (
        obj.partner_id is not None and obj.partner_id in own_partner_ids(perms)
    )


register_object_rules(
    Contribution,
    view=_contribution_view,
    change=can_change_contribution,
    queryset=_contribution_queryset,
)


def _recommendation_queryset(perms: Permissions, qs: QuerySet) -> QuerySet:
    if sees_all_dialogue(perms):
        return qs
    own = own_partner_ids(perms)
    if not own:
        return qs.none()
    meetings = DialogueMeeting.objects.filter(participants__in=own).values("pk")
    cited = Recommendation.objects.filter(contributions__partner_id__in=own).values("pk")
    return qs.filter(Q(meeting_id__in=meetings) | Q(pk__in=cited))


register_object_rules(
    Recommendation,
    view=lambda perms, obj: _recommendation_queryset(
        perms, Recommendation.objects.filter(pk=obj.pk)
    ).exists(),
    change=lambda perms, obj: can_manage(perms),
    queryset=_recommendation_queryset,
)
