"""Case coordination in the menu: my cases and intake for case workers (and the police,
who see the cases that consent or a disclosure lets them open), the programme overview for
programme leads, naming leads for administrators, the anonymous figures for staff."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from samtrygg.cases.rules import lead_scopes
from samtrygg.core.nav import NavItem
from samtrygg.core.permissions import permissions_for


@dataclass(frozen=True)
class LeadNavItem(NavItem):
    def visible_to(self, request: HttpRequest) -> bool:
        perms = permissions_for(request.user)
        return perms.can("cases.use") and bool(lead_scopes(perms))


NAV_ITEMS = [
    NavItem(
        label=_("My cases"),
        url_name="cases:mine",
        capability="cases.use",
        section="cases",
        order=10,
    ),
    NavItem(
        label=_("New case"),
        url_name="cases:intake",
        capability="cases.intake",
        section="cases",
        order=20,
    ),
    LeadNavItem(
        label=_("Programme overview"), url_name="cases:overview", section="cases", order=30
    ),
    LeadNavItem(label=_("Legal bases"), url_name="cases:legal_bases", section="cases", order=40),
    NavItem(
        label=_("Case figures"),
        url_name="cases:statistics",
        capability="cases.statistics",
        section="cases",
        order=50,
    ),
    NavItem(
        label=_("Programme leads"),
        url_name="cases:leads",
        capability="accounts.manage",
        section="admin",
        order=60,
    ),
]
