"""Who may see and change councils, meetings, decisions, goals and their documents.

* The coordinator (``governance.manage``) manages everything.
* A member of a council is a user with an active seat on it in any role but ``guest``;
  members see the council's internal pages and documents (meetings, agendas,
  attachments, draft minutes, decisions, goals, meeting packs, board reports), record
  decisions at its meetings, and write follow-up notes on its decisions and goals.
  The role of the membership does not matter: a council_member, police officer, analyst
  or a partner's reporter sees a council because of a seat on it, and not otherwise.
* The owner of a decision (the responsible person, or anyone in the responsible
  organisation) sees that decision and writes its follow-up notes, without a seat.
* Everyone, logged in or not, sees public meeting dates and approved public minutes
  through the public pages (their own selectors, not these rules).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from samtrygg.core.permissions import Permissions, register_capability, register_object_rules
from samtrygg.core.roles import Role
from samtrygg.governance.models import (
    MEMBER_SEAT_ROLES,
    AgendaAttachment,
    AgendaItem,
    Attendance,
    Council,
    CouncilSeat,
    Decision,
    DecisionNote,
    FocusArea,
    GeneratedDocument,
    Goal,
    GoalProgressNote,
    Meeting,
)

register_capability("governance.manage", roles={Role.COORDINATOR})

_CACHE = "_governance_council_ids"


def can_manage(perms: Permissions) -> bool:
    return perms.can("governance.manage")


def seated_council_ids(perms: Permissions) -> frozenset[int]:
    """Councils on which the user holds an active member seat (cached per request)."""
    cached = perms.__dict__.get(_CACHE)
    if cached is not None:
        return cached
    user = perms.user
    ids: frozenset[int] = frozenset()
    if perms.roles and getattr(user, "pk", None) is not None:
        today = timezone.localdate()
        ids = frozenset(
            CouncilSeat.objects.filter(
                user_id=user.pk, role__in=MEMBER_SEAT_ROLES, term_start__lte=today
            )
            .filter(Q(term_end__isnull=True) | Q(term_end__gte=today))
            .values_list("council_id", flat=True)
        )
    perms.__dict__[_CACHE] = ids
    return ids


def is_council_member(perms: Permissions, council_id: int) -> bool:
    return can_manage(perms) or council_id in seated_council_ids(perms)


def can_record_decision(perms: Permissions, council: Council) -> bool:
    return is_council_member(perms, council.pk)


def owns_decision(perms: Permissions, decision: Decision) -> bool:
    user_id = getattr(perms.user, "pk", None)
    if not perms.roles or user_id is None:
        return False
    return decision.owner_user_id == user_id or (
        decision.owner_organisation_id is not None
        and decision.owner_organisation_id in perms.organisation_ids()
    )


def owned_decisions_q(perms: Permissions, prefix: str = "") -> Q:
    """Decisions the user owns, as a filter (``prefix`` e.g. ``"decision__"``)."""
    user_id = getattr(perms.user, "pk", None)
    if not perms.roles or user_id is None:
        return Q(pk__in=[])
    return Q(**{f"{prefix}owner_user_id": user_id}) | Q(
        **{f"{prefix}owner_organisation_id__in": perms.organisation_ids()}
    )


def _by_council(council_of: Any, path: str) -> tuple[Any, Any, Any]:
    """Rules for a model whose council is ``council_of(obj)`` (an id), ``path`` in queries."""

    def view(perms: Permissions, obj: Any) -> bool:
        return is_council_member(perms, council_of(obj))

    def change(perms: Permissions, obj: Any) -> bool:
        return can_manage(perms)

    def queryset(perms: Permissions, qs: QuerySet) -> QuerySet:
        if can_manage(perms):
            return qs
        return qs.filter(**{f"{path}__in": seated_council_ids(perms)})

    return view, change, queryset


for _model, _council_of, _path in [
    (Council, lambda o: o.pk, "pk"),
    (CouncilSeat, lambda o: o.council_id, "council_id"),
    (Meeting, lambda o: o.council_id, "council_id"),
    (Attendance, lambda o: o.meeting.council_id, "meeting__council_id"),
    (AgendaItem, lambda o: o.meeting.council_id, "meeting__council_id"),
    (
        AgendaAttachment,
        lambda o: o.agenda_item.meeting.council_id,
        "agenda_item__meeting__council_id",
    ),
    (GeneratedDocument, lambda o: o.council_id, "council_id"),
]:
    _view, _change, _queryset = _by_council(_council_of, _path)
    register_object_rules(_model, view=_view, change=_change, queryset=_queryset)


def _decision_view(perms: Permissions, obj: Decision) -> bool:
    return is_council_member(perms, obj.meeting.council_id) or owns_decision(perms, obj)


def _decision_queryset(perms: Permissions, qs: QuerySet) -> QuerySet:
    if can_manage(perms):
        return qs
    return qs.filter(
        Q(meeting__council_id__in=seated_council_ids(perms)) | owned_decisions_q(perms)
    )


# Changing a decision here means following it up (notes, status); editing its wording
# is the coordinator's (views check ``governance.manage`` for that).
register_object_rules(
    Decision, view=_decision_view, change=_decision_view, queryset=_decision_queryset
)
register_object_rules(
    DecisionNote,
    view=lambda perms, note: _decision_view(perms, note.decision),
    change=lambda perms, note: can_manage(perms),
    queryset=lambda perms, qs: qs.filter(
        decision__in=_decision_queryset(perms, Decision.objects.all())
    ),
)


def _goal_view(perms: Permissions, obj: Goal) -> bool:
    return is_council_member(perms, obj.council_id)


def _goal_queryset(perms: Permissions, qs: QuerySet) -> QuerySet:
    if can_manage(perms):
        return qs
    return qs.filter(council_id__in=seated_council_ids(perms))


# Changing a goal means writing progress notes (members); editing the goal itself is
# the coordinator's.
register_object_rules(Goal, view=_goal_view, change=_goal_view, queryset=_goal_queryset)
register_object_rules(
    GoalProgressNote,
    view=lambda perms, note: _goal_view(perms, note.goal),
    change=lambda perms, note: can_manage(perms),
    queryset=lambda perms, qs: qs.filter(goal__in=_goal_queryset(perms, Goal.objects.all())),
)
register_object_rules(
    FocusArea,
    view=lambda perms, obj: bool(perms.roles),
    change=lambda perms, obj: can_manage(perms),
    queryset=lambda perms, qs: qs if perms.roles else qs.none(),
)
