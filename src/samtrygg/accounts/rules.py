"""Who may manage organisations, users and memberships."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Q, QuerySet

from samtrygg.accounts.models import ApiToken, Membership, Organisation, User
from samtrygg.core.directory import Directory, register_directory
from samtrygg.core.permissions import (
    Grant,
    Permissions,
    register_capability,
    register_grant_provider,
    register_object_rules,
)
from samtrygg.core.roles import Role
from samtrygg.core.trail import register_named_model

register_capability("accounts.manage", roles={Role.COORDINATOR})


def membership_grants(user: Any) -> Iterator[Grant]:
    """The resolver's grants: one per membership in an active organisation."""
    rows = Membership.objects.filter(user_id=user.pk, organisation__is_active=True)
    for m in rows:
        yield Grant(organisation_id=m.organisation_id, role=Role(m.role), police_data=m.police_data)


register_grant_provider(membership_grants)


def _organisations() -> list[tuple[int, str]]:
    return list(Organisation.objects.order_by("name").values_list("pk", "name"))


def _member_ids(organisation_id: int) -> list[int]:
    return list(
        Membership.objects.filter(organisation_id=organisation_id)
        .values_list("user_id", flat=True)
        .distinct()
    )


# The auditor's pages (in core) filter by organisation through this.
register_directory(Directory(organisations=_organisations, member_ids=_member_ids))
# The logs name organisations (as they name users) to readers who may not open them.
register_named_model(Organisation)


def _org_view(perms: Permissions, obj: Organisation) -> bool:
    return perms.can("accounts.manage") or obj.pk in perms.organisation_ids()


def _org_queryset(perms: Permissions, qs: QuerySet) -> QuerySet:
    if perms.can("accounts.manage"):
        return qs
    return qs.filter(pk__in=perms.organisation_ids())


def _user_view(perms: Permissions, obj: User) -> bool:
    return perms.can("accounts.manage") or obj.pk == getattr(perms.user, "pk", None)


def _user_queryset(perms: Permissions, qs: QuerySet) -> QuerySet:
    if perms.can("accounts.manage"):
        return qs
    return qs.filter(pk=getattr(perms.user, "pk", None))


def _manage(perms: Permissions, obj: Any) -> bool:
    return perms.can("accounts.manage")


def _membership_queryset(perms: Permissions, qs: QuerySet) -> QuerySet:
    if perms.can("accounts.manage"):
        return qs
    return qs.filter(Q(user_id=getattr(perms.user, "pk", None)))


register_object_rules(Organisation, view=_org_view, change=_manage, queryset=_org_queryset)
register_object_rules(User, view=_user_view, change=_manage, queryset=_user_queryset)
register_object_rules(
    Membership,
    view=lambda perms, m: perms.can("accounts.manage") or m.user_id == perms.user.pk,
    change=_manage,
    queryset=_membership_queryset,
)


def _token_visible(perms: Permissions, qs: QuerySet) -> QuerySet:
    """Own tokens; a coordinator also sees those of the members of their organisations."""
    mine = Q(user_id=getattr(perms.user, "pk", None))
    coordinated = perms.organisation_ids(Role.COORDINATOR)
    if not coordinated:
        return qs.filter(mine)
    return qs.filter(mine | Q(user__memberships__organisation_id__in=coordinated)).distinct()


def _token_view(perms: Permissions, token: ApiToken) -> bool:
    return _token_visible(perms, ApiToken.objects.filter(pk=token.pk)).exists()


register_object_rules(ApiToken, view=_token_view, change=_token_view, queryset=_token_visible)
