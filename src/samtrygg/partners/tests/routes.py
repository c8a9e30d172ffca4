"""Every partners page in the permission matrix.

The matrix's ``partner`` user logs in for the partner "Föreningen Trygga grannar" (its
organisation), which took part in the dialogue meeting; the register is seen by the
coordinator, analysts, council members and the police; everything written by the
coordinator. The reporter, the case workers, the auditor and the outsider see nothing.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from samtrygg.governance.services import council_create
from samtrygg.partners import services
from samtrygg.partners.models import PartnerKind
from samtrygg.partners.tests.factories import contact_input, make_partner
from samtrygg.testing.actors import member
from samtrygg.testing.matrix import MEMBERS, Route, World, allow

COORDINATOR = allow("coordinator")
VIEWERS = allow("coordinator", "analyst", "council_member", "police")
TAKING_PART = VIEWERS | allow("partner")
CONTRIBUTORS = allow("coordinator", "partner")


def partners_world(w: World) -> dict[str, Any]:
    if "partners" in w.extra:
        return w.extra["partners"]
    coordinator = member("coordinator")
    own = make_partner("Föreningen Trygga grannar", organisation=w.organisations["partner"])
    other = make_partner("Annan förening", kind=PartnerKind.SPORTS_CLUB)
    forum = council_create(
        actor=coordinator, name="Värna (test)", slug="varna-test", kind="dialogue_forum"
    )
    council = council_create(
        actor=coordinator, name="Rådet (test)", slug="radet-test", kind="decision_council"
    )
    day = timezone.localdate() - timedelta(days=30)
    meeting = services.dialogue_meeting_create(
        actor=coordinator,
        forum=forum,
        data=services.MeetingInput(
            title="Dialogmöte",
            held_on=day,
            status="held",
            participants=[own, other],
            themes=["Belysning"],
        ),
    )
    contribution = services.contribution_create(
        actor=coordinator,
        data=services.ContributionInput(
            kind="observation",
            title="Mörk gångväg",
            text="Det är mörkt.",
            given_on=day,
            partner=own,
            meeting=meeting,
        ),
    )
    recommendation = services.recommendation_create(
        actor=coordinator,
        meeting=meeting,
        to_council=council,
        title="Mer ljus",
        text="Belys gångvägen.",
        contributions=[contribution],
    )
    contact = services.contact_person_add(actor=coordinator, partner=own, data=contact_input())
    w.extra["partners"] = {
        "own": own,
        "other": other,
        "meeting": meeting,
        "contribution": contribution,
        "recommendation": recommendation,
        "contact": contact,
        "forum": forum,
        "council": council,
    }
    return w.extra["partners"]


def _built(w: World) -> dict[str, Any]:
    """No URL arguments, but the page needs the partners' world."""
    partners_world(w)
    return {}


def _pk(key: str) -> Any:
    return lambda w: {"pk": partners_world(w)[key].pk}


ROUTES = [
    # A partner's login is sent on to its own page (a redirect counts as allowed).
    Route("partners:partner_list", TAKING_PART, kwargs=_built),
    Route("partners:partner_create", COORDINATOR, kwargs=_built),
    Route(
        "partners:partner_create",
        COORDINATOR,
        method="post",
        data=lambda w: {"name": "Ny partner", "kind": "school"},
        label="save",
    ),
    # Anyone with a role gets a redirect or 404; only a partner's login has a page.
    Route("partners:partner_mine", allow("partner"), kwargs=_built),
    Route("partners:partner_detail", TAKING_PART, kwargs=_pk("own"), label="own"),
    Route("partners:partner_detail", VIEWERS, kwargs=_pk("other"), label="other"),
    Route("partners:partner_update", COORDINATOR, kwargs=_pk("own")),
    Route("partners:contact_create", COORDINATOR, kwargs=_pk("own")),
    Route("partners:contact_update", COORDINATOR, kwargs=_pk("contact")),
    Route("partners:contact_erase", COORDINATOR, kwargs=_pk("contact")),
    Route("partners:meeting_list", TAKING_PART, kwargs=_built),
    Route("partners:meeting_create", COORDINATOR, kwargs=_built),
    Route("partners:meeting_detail", TAKING_PART, kwargs=_pk("meeting")),
    Route("partners:meeting_update", COORDINATOR, kwargs=_pk("meeting")),
    Route("partners:recommendation_create", COORDINATOR, kwargs=_pk("meeting")),
    Route("partners:contribution_list", TAKING_PART, kwargs=_built),
    Route("partners:contribution_create", CONTRIBUTORS, kwargs=_built),
    Route("partners:contribution_update", CONTRIBUTORS, kwargs=_pk("contribution")),
    # Citing in a lägesbild: those who edit it (situation.edit) and see the dialogue.
    Route("partners:contribution_cite", allow("coordinator", "analyst"), kwargs=_built),
    Route("partners:recommendation_list", TAKING_PART, kwargs=_built),
    Route("partners:recommendation_detail", TAKING_PART, kwargs=_pk("recommendation")),
    Route("partners:recommendation_update", COORDINATOR, kwargs=_pk("recommendation")),
    Route("partners:recommendation_respond", COORDINATOR, kwargs=_pk("recommendation")),
    # The API: lists answer every member, filtered (empty for those who see nothing).
    Route("api:v1:partners-partner-list", MEMBERS, kwargs=_built),
    Route("api:v1:partners-partner-detail", TAKING_PART, kwargs=_pk("own"), label="own"),
    Route("api:v1:partners-partner-detail", VIEWERS, kwargs=_pk("other"), label="other"),
    Route("api:v1:partners-contribution-list", MEMBERS, kwargs=_built),
    Route("api:v1:partners-contribution-detail", TAKING_PART, kwargs=_pk("contribution")),
    Route("api:v1:partners-recommendation-list", MEMBERS, kwargs=_built),
    Route("api:v1:partners-recommendation-detail", TAKING_PART, kwargs=_pk("recommendation")),
]
