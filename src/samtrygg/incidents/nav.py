from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from samtrygg.core.nav import HomeCard, NavItem
from samtrygg.core.permissions import permissions_for

NAV_ITEMS = [
    NavItem(
        label=_("Report an incident"),
        url_name="incidents:report",
        capability="incidents.report",
        section="work",
        order=10,
    ),
    NavItem(
        label=_("My reports"),
        url_name="incidents:my_reports",
        capability="incidents.report",
        section="work",
        order=15,
    ),
    NavItem(
        label=_("Incidents"),
        url_name="incidents:incident_list",
        capability="incidents.view",
        section="analysis",
        order=20,
    ),
    NavItem(
        label=_("Import incidents"),
        url_name="incidents:import_list",
        capability="incidents.import",
        section="admin",
        order=40,
    ),
    NavItem(
        label=_("Police events feed"),
        url_name="incidents:feed",
        capability="incidents.feed",
        section="admin",
        order=45,
    ),
    NavItem(
        label=_("Categories"),
        url_name="incidents:category_list",
        capability="incidents.categories",
        section="admin",
        order=50,
    ),
]


def home_cards(request: HttpRequest) -> list[HomeCard]:
    perms = permissions_for(request.user)
    if not perms.can("incidents.report"):
        return []
    from samtrygg.incidents.selectors import my_report_list

    reports: Any = my_report_list(user=request.user)[:5]
    return [
        HomeCard(
            title=_("Your latest reports"),
            template="incidents/_home_card.html",
            context={"reports": list(reports)},
            order=20,
        )
    ]
