"""Notifications of the partners app: the council's response to a recommendation of the
dialogue forum, to the partners it concerns (the meeting's participants and the partners
whose contributions it builds on)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samtrygg.core.roles import Role
from samtrygg.notifications.recipients import has_any_role
from samtrygg.notifications.registry import register_kind
from samtrygg.notifications.services import municipality_language, notification_send

RECOMMENDATION_ANSWERED = register_kind(
    "partners.recommendation_answered",
    label=gettext_lazy("The council's response to a recommendation of the dialogue forum"),
    description=gettext_lazy(
        "When Trygghetsrådet accepts, notes or declines a recommendation your organisation "
        "took part in."
    ),
    audience=has_any_role(Role.PARTNER),
)


def partner_logins(partner_ids: set[int]) -> QuerySet[Any]:
    """Active users with the partner role in the partners' organisations."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__role=Role.PARTNER,
            memberships__organisation__is_active=True,
            memberships__organisation__partner__pk__in=partner_ids,
        )
        .distinct()
        .order_by("pk")
    )


def recommendation_answered(recommendation: Any) -> None:
    concerned = set(recommendation.meeting.participants.values_list("pk", flat=True))
    concerned |= {
        pk
        for pk in recommendation.contributions.values_list("partner_id", flat=True)
        if pk is not None
    }
    if not concerned:
        return
    with municipality_language():
        notification_send(
            kind=RECOMMENDATION_ANSWERED.code,
            recipients=partner_logins(concerned),
            title=_("%(council)s: %(response)s — %(title)s")
            % {
                "council": recommendation.to_council.name,
                "response": recommendation.get_response_display(),
                "title": recommendation.title,
            },
            body=recommendation.reason,
            url=reverse("partners:recommendation_detail", args=[recommendation.pk]),
            key=f"recommendation-answered:{recommendation.pk}:{recommendation.response}",
        )
