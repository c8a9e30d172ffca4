"""The partner register and the dialogue forum in the menu: for those who see the register
(coordinator, analysts, council members, the police) and for partners' logins (who see
their own organisation's page instead of the register)."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from samtrygg.core.nav import NavItem
from samtrygg.core.permissions import permissions_for
from samtrygg.partners.rules import own_partner_ids


@dataclass(frozen=True)
class RegisterNavItem(NavItem):
    def visible_to(self, request: HttpRequest) -> bool:
        return permissions_for(request.user).can("partners.view")


@dataclass(frozen=True)
class OwnPartnerNavItem(NavItem):
    def visible_to(self, request: HttpRequest) -> bool:
        perms = permissions_for(request.user)
        return bool(perms.roles) and bool(own_partner_ids(perms))


@dataclass(frozen=True)
class DialogueNavItem(NavItem):
    def visible_to(self, request: HttpRequest) -> bool:
        perms = permissions_for(request.user)
        return perms.can("partners.view") or bool(perms.roles and own_partner_ids(perms))


NAV_ITEMS = [
    RegisterNavItem(
        label=_("Partners"), url_name="partners:partner_list", section="governance", order=60
    ),
    OwnPartnerNavItem(
        label=_("My organisation"), url_name="partners:partner_mine", section="governance", order=60
    ),
    DialogueNavItem(
        label=_("Dialogue forum"), url_name="partners:meeting_list", section="governance", order=61
    ),
]
