"""Case coordination: cases, persons (encrypted), consent, disclosures, the work on a case,
and what retention leaves behind."""

from samtrygg.cases.models.case import (
    Case,
    CaseKey,
    CaseTeamMember,
    ProgrammeLead,
    ReferenceCounter,
    RemovalReason,
)
from samtrygg.cases.models.choices import (
    INTAKE_REASONS,
    LEVEL_ORDER,
    OPEN_STATUSES,
    REFERENCE_PREFIX,
    RISK_FACTORS,
    AgeBandChoice,
    Agency,
    CaseStatus,
    ConsentGiver,
    IntakeReason,
    Level,
    Outcome,
    PersonRole,
    Programme,
    RiskFactor,
)
from samtrygg.cases.models.consent import Consent, ConsentScope, Disclosure, LegalBasis
from samtrygg.cases.models.persons import CaseAttachment, CasePerson
from samtrygg.cases.models.retention import (
    CaseStub,
    RetentionRun,
    RetentionRunItem,
    RetentionSchedule,
)
from samtrygg.cases.models.work import (
    CaseNote,
    FollowUpMeeting,
    PlanAction,
    PlanGoal,
    RiskAssessment,
    RiskFactorLevel,
)

#: Every model with encrypted fields (key rotation walks them all).
SEALED_MODELS = (
    CasePerson,
    CaseAttachment,
    Consent,
    Disclosure,
    RiskAssessment,
    PlanGoal,
    PlanAction,
    FollowUpMeeting,
    CaseNote,
)

__all__ = [
    "INTAKE_REASONS",
    "LEVEL_ORDER",
    "OPEN_STATUSES",
    "REFERENCE_PREFIX",
    "RISK_FACTORS",
    "SEALED_MODELS",
    "AgeBandChoice",
    "Agency",
    "Case",
    "CaseAttachment",
    "CaseKey",
    "CaseNote",
    "CasePerson",
    "CaseStatus",
    "CaseStub",
    "CaseTeamMember",
    "Consent",
    "ConsentGiver",
    "ConsentScope",
    "Disclosure",
    "FollowUpMeeting",
    "IntakeReason",
    "LegalBasis",
    "Level",
    "Outcome",
    "PersonRole",
    "PlanAction",
    "PlanGoal",
    "Programme",
    "ProgrammeLead",
    "ReferenceCounter",
    "RemovalReason",
    "RetentionRun",
    "RetentionRunItem",
    "RetentionSchedule",
    "RiskAssessment",
    "RiskFactor",
    "RiskFactorLevel",
]
