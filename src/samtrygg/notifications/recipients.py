"""Finding the users to tell: by role, by organisation."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from samtrygg.core.permissions import permissions_for
from samtrygg.core.roles import Role


def users_with_roles(*roles: Role) -> QuerySet[Any]:
    """Active users holding any of ``roles`` in an active organisation."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__role__in=roles,
            memberships__organisation__is_active=True,
        )
        .distinct()
        .order_by("pk")
    )


def members_of(organisation_ids: Iterable[int | None]) -> QuerySet[Any]:
    """Active users with any role in one of the organisations."""
    ids = [i for i in organisation_ids if i is not None]
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__organisation_id__in=ids,
            memberships__organisation__is_active=True,
        )
        .distinct()
        .order_by("pk")
    )


def has_any_role(*roles: Role) -> Any:
    """An ``audience`` for ``register_kind``: users holding one of ``roles`` (any role when
    none are given)."""

    def audience(user: Any) -> bool:
        held = permissions_for(user).roles
        return bool(held) if not roles else bool(held & set(roles))

    return audience
