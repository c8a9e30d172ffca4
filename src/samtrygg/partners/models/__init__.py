from samtrygg.partners.models.dialogue import (
    Contribution,
    ContributionKind,
    ContributionSource,
    DialogueMeeting,
    DialogueMeetingStatus,
    DialogueTheme,
    Recommendation,
    ResponseKind,
)
from samtrygg.partners.models.partners import ContactErasure, ContactPerson, Partner, PartnerKind

__all__ = [
    "ContactErasure",
    "ContactPerson",
    "Contribution",
    "ContributionKind",
    "ContributionSource",
    "DialogueMeeting",
    "DialogueMeetingStatus",
    "DialogueTheme",
    "Partner",
    "PartnerKind",
    "Recommendation",
    "ResponseKind",
]
