"""Reads of the partner register, filtered by the resolver."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from samtrygg.core.permissions import permissions_for
from samtrygg.partners.models import ContactErasure, ContactPerson, Partner
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
