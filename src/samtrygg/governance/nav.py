"""Navigation and start-page cards for councils, decisions and goals.

The internal pages are listed for the coordinator and for users with a seat on a
council (whatever their role); "My decisions" also for anyone whose organisation owns an
open decision. The public meetings page is listed for everyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samtrygg.core.nav import HomeCard, NavItem
from samtrygg.core.permissions import permissions_for
from samtrygg.governance.rules import can_manage, owned_decisions_q, seated_council_ids


def _member_of_any_council(request: HttpRequest) -> bool:
    perms = permissions_for(request.user)
    return bool(perms.roles) and (can_manage(perms) or bool(seated_council_ids(perms)))


def _owns_open_decisions(request: HttpRequest) -> bool:
    from samtrygg.governance.models import OPEN_DECISION_STATUSES, Decision

    perms = permissions_for(request.user)
    if not perms.roles:
        return False
    cached = perms.__dict__.get("_governance_owns_open")
    if cached is None:
        cached = Decision.objects.filter(
            owned_decisions_q(perms), status__in=OPEN_DECISION_STATUSES
        ).exists()
        perms.__dict__["_governance_owns_open"] = cached
    return bool(cached)


@dataclass(frozen=True)
class CouncilNavItem(NavItem):
    """Shown to the coordinator and council members (by seat)."""

    def visible_to(self, request: HttpRequest) -> bool:
        return _member_of_any_council(request)


@dataclass(frozen=True)
class OwnerNavItem(NavItem):
    """Shown to council members and to owners of open decisions."""

    def visible_to(self, request: HttpRequest) -> bool:
        return _member_of_any_council(request) or _owns_open_decisions(request)


NAV_ITEMS = [
    CouncilNavItem(
        label=_("Councils"), url_name="governance:council_list", section="governance", order=10
    ),
    CouncilNavItem(
        label=_("Decisions"), url_name="governance:decision_list", section="governance", order=20
    ),
    OwnerNavItem(
        label=_("My decisions"), url_name="governance:decision_mine", section="governance", order=25
    ),
    CouncilNavItem(
        label=_("Goals"), url_name="governance:goal_list", section="governance", order=30
    ),
    NavItem(
        label=_("Council meetings"),
        url_name="governance:public_meetings",
        section="public",
        order=20,
        public=True,
    ),
]


def home_cards(request: HttpRequest) -> list[HomeCard]:
    from samtrygg.governance import selectors

    cards: list[HomeCard] = []
    if _member_of_any_council(request):
        upcoming = list(selectors.meeting_list(user=request.user, upcoming=True)[:4])
        overdue = selectors.decision_list_overdue(user=request.user).count()
        cards.append(
            HomeCard(
                title=_("Council meetings"),
                template="governance/cards/meetings.html",
                context={"meetings": upcoming, "overdue": overdue},
                order=20,
            )
        )
    if _owns_open_decisions(request):
        mine: Any = selectors.decision_list_owned(user=request.user)
        cards.append(
            HomeCard(
                title=_("Decisions to carry out"),
                template="governance/cards/my_decisions.html",
                context={
                    "decisions": list(mine[:5]),
                    "count": mine.count(),
                    "today": timezone.localdate(),
                },
                order=25,
            )
        )
    return cards
