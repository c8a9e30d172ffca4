"""Governance writes, named ``<entity>_<verb>``, keyword-only. Each checks that its ``actor``
may act (the resolver).

Split by subject; everything is importable from ``samtrygg.governance.services``.
"""

from samtrygg.governance.services.councils import (
    RESERVED_SLUGS,
    council_create,
    council_feed_token_rotate,
    council_update,
    seat_create,
    seat_update,
)
from samtrygg.governance.services.decisions import (
    decision_carry_forward,
    decision_create,
    decision_follow_up,
    decision_update,
)
from samtrygg.governance.services.documents import (
    board_report_data,
    board_report_generate,
    meeting_pack_data,
    meeting_pack_generate,
)
from samtrygg.governance.services.goals import goal_create, goal_progress_add, goal_update
from samtrygg.governance.services.meetings import (
    TRANSITIONS,
    agenda_item_create,
    agenda_item_delete,
    agenda_item_update,
    all_day_span,
    attachment_add_file,
    attachment_add_link,
    attachment_delete,
    meeting_attendance_record,
    meeting_create,
    meeting_minutes_update,
    meeting_set_status,
    meeting_update,
)

__all__ = [
    "RESERVED_SLUGS",
    "TRANSITIONS",
    "agenda_item_create",
    "agenda_item_delete",
    "agenda_item_update",
    "all_day_span",
    "attachment_add_file",
    "attachment_add_link",
    "attachment_delete",
    "board_report_data",
    "board_report_generate",
    "council_create",
    "council_feed_token_rotate",
    "council_update",
    "decision_carry_forward",
    "decision_create",
    "decision_follow_up",
    "decision_update",
    "goal_create",
    "goal_progress_add",
    "goal_update",
    "meeting_attendance_record",
    "meeting_create",
    "meeting_minutes_update",
    "meeting_pack_data",
    "meeting_pack_generate",
    "meeting_set_status",
    "meeting_update",
    "seat_create",
    "seat_update",
]
