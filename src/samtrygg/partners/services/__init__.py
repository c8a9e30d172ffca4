"""Writes of the partner register and the dialogue forum. Every service takes ``actor`` and
asks the permission resolver itself."""

from samtrygg.partners.services.citing import citation_text, contributions_cite_in_report
from samtrygg.partners.services.dialogue import (
    ContributionInput,
    MeetingInput,
    contribution_create,
    contribution_update,
    dialogue_meeting_create,
    dialogue_meeting_update,
    recommendation_create,
    recommendation_respond,
    recommendation_update,
)
from samtrygg.partners.services.partners import (
    ContactInput,
    PartnerInput,
    contact_person_add,
    contact_person_erase,
    contact_person_update,
    partner_create,
    partner_update,
)

__all__ = [
    "ContactInput",
    "ContributionInput",
    "MeetingInput",
    "PartnerInput",
    "citation_text",
    "contact_person_add",
    "contact_person_erase",
    "contact_person_update",
    "contribution_create",
    "contribution_update",
    "contributions_cite_in_report",
    "dialogue_meeting_create",
    "dialogue_meeting_update",
    "partner_create",
    "partner_update",
    "recommendation_create",
    "recommendation_respond",
    "recommendation_update",
]
