"""Navigation and start-page cards for the action plan.

The plan pages are listed for the roles that read the plan (``actionplan.view``); the
interventions list also for partners whose organisation runs or joins an intervention;
the tracker for those who may read it (``rules.can_view_tracker``); the public page of
citizen promises for everyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samtrygg.core.nav import HomeCard, NavItem
from samtrygg.core.permissions import permissions_for


@dataclass(frozen=True)
class TrackerNavItem(NavItem):
    def visible_to(self, request: HttpRequest) -> bool:
        from samtrygg.actionplan.rules import can_view_tracker

        return can_view_tracker(permissions_for(request.user))


def _partner_interventions(request: HttpRequest) -> bool:
    from samtrygg.actionplan.selectors import intervention_list

    perms = permissions_for(request.user)
    if not perms.roles:
        return False
    cached = perms.__dict__.get("_actionplan_partner")
    if cached is None:
        cached = intervention_list(user=request.user).exists()
        perms.__dict__["_actionplan_partner"] = cached
    return bool(cached)


@dataclass(frozen=True)
class InterventionNavItem(NavItem):
    def visible_to(self, request: HttpRequest) -> bool:
        perms = permissions_for(request.user)
        return perms.can("actionplan.view") or _partner_interventions(request)


NAV_ITEMS = [
    NavItem(
        label=_("Action plan"),
        url_name="actionplan:plan_list",
        capability="actionplan.view",
        section="plan",
        order=40,
    ),
    InterventionNavItem(
        label=_("Interventions"),
        url_name="actionplan:intervention_list",
        section="plan",
        order=45,
    ),
    NavItem(
        label=_("Indicators"),
        url_name="actionplan:indicator_list",
        capability="actionplan.view",
        section="plan",
        order=50,
    ),
    TrackerNavItem(
        label=_("Law-compliance tracker"),
        url_name="actionplan:tracker",
        section="plan",
        order=60,
    ),
    NavItem(
        label=_("Citizen promises"),
        url_name="actionplan:public_promises",
        section="public",
        order=30,
        public=True,
    ),
]


def home_cards(request: HttpRequest) -> list[HomeCard]:
    from samtrygg.actionplan.models import InterventionStatus
    from samtrygg.actionplan.rules import can_view_tracker
    from samtrygg.actionplan.selectors import compliance_status, intervention_list, plan_current

    perms = permissions_for(request.user)
    cards: list[HomeCard] = []
    today = timezone.localdate()
    if perms.can("actionplan.view"):
        visible: Any = intervention_list(user=request.user)
        cards.append(
            HomeCard(
                title=_("Action plan"),
                template="actionplan/cards/plan.html",
                context={
                    "plan": plan_current(today=today),
                    "running": visible.filter(status=InterventionStatus.RUNNING).count(),
                    "overdue": visible.filter(
                        status__in=[InterventionStatus.PLANNED, InterventionStatus.RUNNING],
                        end_date__lt=today,
                    ).count(),
                },
                order=40,
            )
        )
    if can_view_tracker(perms):
        status = compliance_status(today=today)
        cards.append(
            HomeCard(
                title=_("SFS 2023:196"),
                template="actionplan/cards/tracker.html",
                context={"status": status},
                order=45,
            )
        )
    return cards
