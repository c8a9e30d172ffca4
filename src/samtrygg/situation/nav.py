from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from samtrygg.core.nav import HomeCard, NavItem
from samtrygg.core.permissions import permissions_for

NAV_ITEMS = [
    NavItem(
        label=_("Situation dashboard"),
        url_name="situation:dashboard",
        capability="situation.dashboard",
        section="analysis",
        order=10,
    ),
    NavItem(
        label=_("Weekly EST"),
        url_name="situation:est",
        capability="situation.dashboard",
        section="analysis",
        order=20,
    ),
    NavItem(
        label=_("Lägesbild reports"),
        url_name="situation:report_list",
        capability="situation.read",
        section="analysis",
        order=30,
    ),
]


def home_cards(request: HttpRequest) -> list[HomeCard]:
    perms = permissions_for(request.user)
    if not perms.can("situation.read") and not perms.can("situation.review"):
        return []
    from samtrygg.situation import selectors

    context: dict[str, Any] = {
        "versions": list(selectors.version_list(user=request.user)[:3]),
        "in_review": selectors.reports_in_review_count(user=request.user)
        if perms.can("situation.review")
        else 0,
    }
    return [
        HomeCard(
            title=_("Lägesbild"),
            template="situation/cards/home.html",
            context=context,
            order=20,
        )
    ]
