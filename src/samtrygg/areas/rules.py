"""Areas and places are reference data: every member may read them; coordinators and
analysts maintain them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from samtrygg.areas.models import Area, AreaPopulation, Place
from samtrygg.core.permissions import Permissions, register_capability, register_object_rules
from samtrygg.core.roles import ALL_ROLES, Role

register_capability("areas.view", roles=ALL_ROLES)
register_capability("areas.manage", roles={Role.COORDINATOR, Role.ANALYST})


def _view(perms: Permissions, obj: Any) -> bool:
    return perms.can("areas.view")


def _change(perms: Permissions, obj: Any) -> bool:
    return perms.can("areas.manage")


def _queryset(perms: Permissions, qs: QuerySet) -> QuerySet:
    return qs if perms.can("areas.view") else qs.none()


for _model in (Area, AreaPopulation, Place):
    register_object_rules(_model, view=_view, change=_change, queryset=_queryset)
