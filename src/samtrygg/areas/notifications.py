"""What can be followed about areas: a district (public pages tag their changes with it)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from samtrygg.areas.models import Area, AreaKind
from samtrygg.notifications.registry import register_topic_type


def _districts() -> list[tuple[str, str]]:
    return [
        (str(pk), name)
        for pk, name in Area.objects.filter(kind=AreaKind.DISTRICT)
        .order_by("name")
        .values_list("pk", "name")
    ]


register_topic_type("area", label=_("District"), choices=_districts)
