"""Governance models: councils, seats, meetings, decisions, goals, generated documents."""

from samtrygg.governance.models.councils import (
    MEMBER_SEAT_ROLES,
    SEAT_ROLE_RANK,
    BodyPosition,
    Council,
    CouncilKind,
    CouncilSeat,
    SeatRole,
)
from samtrygg.governance.models.decisions import (
    OPEN_DECISION_STATUSES,
    Decision,
    DecisionNote,
    DecisionStatus,
)
from samtrygg.governance.models.documents import DocumentKind, GeneratedDocument
from samtrygg.governance.models.goals import (
    FocusArea,
    Goal,
    GoalProgressNote,
    GoalStatus,
    ProgressAssessment,
)
from samtrygg.governance.models.meetings import (
    HELD_STATUSES,
    AgendaAttachment,
    AgendaItem,
    AgendaItemKind,
    AttachmentKind,
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingStatus,
)

__all__ = [
    "HELD_STATUSES",
    "MEMBER_SEAT_ROLES",
    "OPEN_DECISION_STATUSES",
    "SEAT_ROLE_RANK",
    "AgendaAttachment",
    "AgendaItem",
    "AgendaItemKind",
    "AttachmentKind",
    "Attendance",
    "AttendanceStatus",
    "BodyPosition",
    "Council",
    "CouncilKind",
    "CouncilSeat",
    "Decision",
    "DecisionNote",
    "DecisionStatus",
    "DocumentKind",
    "FocusArea",
    "GeneratedDocument",
    "Goal",
    "GoalProgressNote",
    "GoalStatus",
    "Meeting",
    "MeetingStatus",
    "ProgressAssessment",
    "SeatRole",
]
