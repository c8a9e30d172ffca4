"""Reads for organisations, users and memberships, filtered by the permission resolver."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from samtrygg.accounts.models import ApiToken, Membership, Organisation, User
from samtrygg.core.permissions import permissions_for


def organisation_list(*, user: Any, search: str = "", kind: str = "") -> QuerySet[Organisation]:
    qs = Organisation.objects.select_related("parent").annotate(
        member_count=Count("memberships__user", distinct=True)
    )
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(code__icontains=search))
    if kind:
        qs = qs.filter(kind=kind)
    return permissions_for(user).filter_viewable(qs)


def user_list(*, user: Any, search: str = "", role: str = "") -> QuerySet[User]:
    qs = User.objects.prefetch_related("memberships__organisation")
    if search:
        qs = qs.filter(
            Q(username__icontains=search)
            | Q(first_name__icontains=search)
            | Q(last_name__icontains=search)
            | Q(title__icontains=search)
            | Q(email__icontains=search)
        )
    if role:
        qs = qs.filter(memberships__role=role).distinct()
    return permissions_for(user).filter_viewable(qs)


def membership_list(*, user: Any, of_user: User | None = None) -> QuerySet[Membership]:
    qs = Membership.objects.select_related("user", "organisation")
    if of_user is not None:
        qs = qs.filter(user=of_user)
    return permissions_for(user).filter_viewable(qs)


def api_token_list(*, user: Any, of_user: User | None = None) -> QuerySet[ApiToken]:
    """Tokens the user may see: their own, and for a coordinator those of their
    organisations' members (``of_user`` narrows to one owner)."""
    qs = ApiToken.objects.select_related("user", "revoked_by")
    if of_user is not None:
        qs = qs.filter(user=of_user)
    return permissions_for(user).filter_viewable(qs)


def organisation_get_by_code(*, code: str) -> Organisation | None:
    """For commands and imports (run by operators), not for request handling."""
    return Organisation.objects.filter(code=code).first()
