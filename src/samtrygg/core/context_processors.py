from typing import Any

from django.conf import settings
from django.http import HttpRequest

from samtrygg.core.nav import nav_sections_for
from samtrygg.core.permissions import permissions_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    if not hasattr(request, "user"):
        return {"source_url": settings.SAMTRYGG_SOURCE_URL}
    perms = permissions_for(request.user)
    sections = nav_sections_for(request)
    return {
        "nav_sections": sections,
        "nav_items": [item for section in sections for item in section["items"]],
        "user_roles": sorted(perms.roles),
        "municipality": settings.SAMTRYGG_MUNICIPALITY,
        "source_url": settings.SAMTRYGG_SOURCE_URL,
    }
