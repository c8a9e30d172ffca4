"""Safety walks in the menu: walks and findings for staff, the owner's findings for the
members of an owner, the owners for coordinators, the protocols for everyone."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from samtrygg.core.nav import NavItem
from samtrygg.core.permissions import permissions_for
from samtrygg.walks.rules import owned_owner_ids


@dataclass(frozen=True)
class OwnerNavItem(NavItem):
    def visible_to(self, request: HttpRequest) -> bool:
        return bool(owned_owner_ids(permissions_for(request.user)))


NAV_ITEMS = [
    NavItem(
        label=_("Safety walks"),
        url_name="walks:list",
        capability="walks.view",
        section="work",
        order=50,
    ),
    NavItem(
        label=_("Findings of safety walks"),
        url_name="walks:findings",
        capability="walks.view",
        section="work",
        order=55,
    ),
    OwnerNavItem(
        label=_("Findings for us to fix"), url_name="walks:mine", section="work", order=56
    ),
    NavItem(
        label=_("Finding owners"),
        url_name="walks:owners",
        capability="walks.manage",
        section="admin",
        order=70,
    ),
    NavItem(
        label=_("Safety-walk protocols"),
        url_name="walks:protocols",
        section="public",
        public=True,
        order=60,
    ),
]
