"""Writes of case coordination. Every service that a user reaches takes ``actor`` and asks
the permission resolver itself; retention and key rotation are system services."""

from samtrygg.cases.services.cases import (
    case_close,
    case_intake,
    case_legal_hold_set,
    case_reopen,
    case_status_set,
    programme_lead_assign,
    programme_lead_remove,
    team_member_add,
    team_member_remove,
)
from samtrygg.cases.services.common import PersonInput
from samtrygg.cases.services.consent import (
    Document,
    consent_record,
    consent_withdraw,
    disclosure_record,
    legal_basis_create,
    legal_basis_set_active,
)
from samtrygg.cases.services.keys import RotationReport, case_keys_rotate, master_keys_in_use
from samtrygg.cases.services.persons import case_person_add, case_person_update
from samtrygg.cases.services.retention import (
    case_retention_run,
    retention_due_on,
    retention_plan,
)
from samtrygg.cases.services.work import (
    case_note_add,
    follow_up_meeting_record,
    plan_action_add,
    plan_action_done,
    plan_goal_achieved,
    plan_goal_add,
    risk_assessment_record,
)

__all__ = [
    "Document",
    "PersonInput",
    "RotationReport",
    "case_close",
    "case_intake",
    "case_keys_rotate",
    "case_legal_hold_set",
    "case_note_add",
    "case_person_add",
    "case_person_update",
    "case_reopen",
    "case_retention_run",
    "case_status_set",
    "consent_record",
    "consent_withdraw",
    "disclosure_record",
    "follow_up_meeting_record",
    "legal_basis_create",
    "legal_basis_set_active",
    "master_keys_in_use",
    "plan_action_add",
    "plan_action_done",
    "plan_goal_achieved",
    "plan_goal_add",
    "programme_lead_assign",
    "programme_lead_remove",
    "retention_due_on",
    "retention_plan",
    "risk_assessment_record",
    "team_member_add",
    "team_member_remove",
]
