"""Reads of case coordination (each read of case data is logged)."""

from samtrygg.cases.selectors.cases import (
    CASE_OBJECT_TYPE,
    case_access_log,
    case_find,
    case_list,
    case_open,
    case_overview,
    case_persons,
    expiring_consents,
    identity_number_error,
    log_case_read,
    overdue_actions,
    person_identity,
    status_counts,
)
from samtrygg.cases.selectors.work import (
    attachment_download,
    case_consents,
    case_disclosures,
    case_notes,
    case_plan,
    case_risks,
    legal_bases,
)

__all__ = [
    "CASE_OBJECT_TYPE",
    "attachment_download",
    "case_access_log",
    "case_consents",
    "case_disclosures",
    "case_find",
    "case_list",
    "case_notes",
    "case_open",
    "case_overview",
    "case_persons",
    "case_plan",
    "case_risks",
    "expiring_consents",
    "identity_number_error",
    "legal_bases",
    "log_case_read",
    "overdue_actions",
    "person_identity",
    "status_counts",
]
