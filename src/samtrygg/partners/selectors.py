"""Reads of the partner register, filtered by the resolver."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from samtrygg.core.permissions import permissions_for
from samtrygg.governance.models import Council, CouncilKind
from samtrygg.partners.models import (
    ContactErasure,
    ContactPerson,
    Contribution,
    DialogueMeeting,
    Partner,
    Recommendation,
)
from samtrygg.partners.rules import own_partner_ids


def partner_list(
    *,
    user: Any,
    kind: str = "",
    area_id: int | None = None,
    focus_area_id: int | None = None,
    active_only: bool = False,
) -> QuerySet[Partner]:
    qs = permissions_for(user).filter_viewable(Partner.objects.all())
    if kind:
        qs = qs.filter(kind=kind)
    if area_id:
        qs = qs.filter(areas__pk=area_id)
    if focus_area_id:
        qs = qs.filter(focus_areas__pk=focus_area_id)
    if active_only:
        qs = qs.filter(is_active=True)
    return qs.select_related("organisation").prefetch_related("areas", "focus_areas").distinct()


def partners_of_user(*, user: Any) -> QuerySet[Partner]:
    """The partners the user logs in for (usually one)."""
    return Partner.objects.filter(pk__in=own_partner_ids(permissions_for(user)))


def contact_list(*, user: Any, partner: Partner) -> QuerySet[ContactPerson]:
    return permissions_for(user).filter_viewable(ContactPerson.objects.filter(partner=partner))


def erasure_list(*, user: Any, partner: Partner) -> QuerySet[ContactErasure]:
    return permissions_for(user).filter_viewable(ContactErasure.objects.filter(partner=partner))


# --- The dialogue ---------------------------------------------------------------------


def dialogue_forums() -> QuerySet[Council]:
    return Council.objects.filter(kind=CouncilKind.DIALOGUE_FORUM, is_active=True)


def deciding_councils() -> QuerySet[Council]:
    return Council.objects.filter(kind=CouncilKind.DECISION_COUNCIL, is_active=True)


def _count(qs: QuerySet[Any], field: str = "meeting") -> Coalesce:
    """The number of ``qs`` rows whose ``field`` is the outer meeting (0 for none)."""
    counted = Subquery(
        qs.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")[:1],
        output_field=IntegerField(),
    )
    return Coalesce(counted, 0)


def dialogue_meeting_list(
    *, user: Any, year: int | None = None, partner: Partner | None = None
) -> QuerySet[DialogueMeeting]:
    qs = permissions_for(user).filter_viewable(DialogueMeeting.objects.all())
    if year:
        qs = qs.filter(held_on__year=year)
    if partner is not None:
        qs = qs.filter(participants=partner)
    return (
        qs.select_related("forum")
        # One subquery per count: joining the three relations at once multiplies the rows
        # (participants × contributions × recommendations per meeting).
        .annotate(
            n_contributions=_count(Contribution.objects.all()),
            n_recommendations=_count(Recommendation.objects.all()),
            n_participants=_count(
                DialogueMeeting.participants.through.objects.all(), "dialoguemeeting"
            ),
        )
        .order_by("-held_on", "-pk")
    )


def dialogue_years(*, user: Any) -> list[int]:
    qs = permissions_for(user).filter_viewable(DialogueMeeting.objects.all())
    return sorted({d.year for d in qs.values_list("held_on", flat=True)}, reverse=True)


@dataclass(frozen=True)
class ContributionFilter:
    """What a list of contributions is narrowed to (empty fields do not narrow)."""

    area_id: int | None = None
    focus_area_id: int | None = None
    kind: str = ""
    source: str = ""
    given_from: date | None = None
    given_to: date | None = None

    def lookups(self) -> dict[str, Any]:
        pairs = {
            "area_id": self.area_id,
            "focus_area_id": self.focus_area_id,
            "kind": self.kind,
            "source": self.source,
            "given_on__gte": self.given_from,
            "given_on__lte": self.given_to,
        }
        return {k: v for k, v in pairs.items() if v}


def contribution_list(
    *,
    user: Any,
    partner: Partner | None = None,
    meeting: DialogueMeeting | None = None,
    where: ContributionFilter | None = None,
) -> QuerySet[Contribution]:
    qs = permissions_for(user).filter_viewable(Contribution.objects.all())
    if partner is not None:
        qs = qs.filter(partner=partner)
    if meeting is not None:
        qs = qs.filter(meeting=meeting)
    if where is not None:
        qs = qs.filter(**where.lookups())
    return qs.select_related("partner", "meeting", "theme", "area", "focus_area").order_by(
        "-given_on", "-pk"
    )


def recommendation_list(
    *,
    user: Any,
    response: str = "",
    meeting: DialogueMeeting | None = None,
    partner: Partner | None = None,
) -> QuerySet[Recommendation]:
    qs = permissions_for(user).filter_viewable(Recommendation.objects.all())
    if response:
        qs = qs.filter(response=response)
    if meeting is not None:
        qs = qs.filter(meeting=meeting)
    if partner is not None:
        qs = qs.filter(
            Q(meeting__participants=partner) | Q(contributions__partner=partner)
        ).distinct()
    return qs.select_related(
        "meeting", "to_council", "decision", "decision__meeting", "agenda_item__meeting"
    ).order_by("-meeting__held_on", "-pk")


def response_counts(*, user: Any) -> dict[str, int]:
    """How many of the visible recommendations got which response."""
    qs = permissions_for(user).filter_viewable(Recommendation.objects.all())
    return dict(qs.values_list("response").annotate(n=Count("pk")).order_by())
