"""Action-plan models: plans, indicators, interventions, evaluations, agreements, promises."""

from samtrygg.actionplan.models.agreements import (
    OPEN_COMMITMENT_STATUSES,
    ActivityStatus,
    Agreement,
    CitizenPromise,
    Commitment,
    CommitmentStatus,
    PromiseActivity,
    PromiseFollowUp,
    PromiseStatus,
)
from samtrygg.actionplan.models.compliance import (
    SINGLETON_KEY,
    CoordinationFunction,
    DecisionBasis,
)
from samtrygg.actionplan.models.evaluations import EvaluationPresentation, EvaluationRun
from samtrygg.actionplan.models.indicators import (
    Direction,
    Indicator,
    IndicatorKind,
    IndicatorValue,
    Measure,
    SurveyImport,
)
from samtrygg.actionplan.models.interventions import (
    PROCESS_CHECKLIST,
    CheckAnswer,
    Intervention,
    InterventionNote,
    InterventionStatus,
    Method,
    ProcessEvaluation,
)
from samtrygg.actionplan.models.plans import ActionPlan, ActionPlanVersion

__all__ = [
    "OPEN_COMMITMENT_STATUSES",
    "PROCESS_CHECKLIST",
    "SINGLETON_KEY",
    "ActionPlan",
    "ActionPlanVersion",
    "ActivityStatus",
    "Agreement",
    "CheckAnswer",
    "CitizenPromise",
    "Commitment",
    "CommitmentStatus",
    "CoordinationFunction",
    "DecisionBasis",
    "Direction",
    "EvaluationPresentation",
    "EvaluationRun",
    "Indicator",
    "IndicatorKind",
    "IndicatorValue",
    "Intervention",
    "InterventionNote",
    "InterventionStatus",
    "Measure",
    "Method",
    "ProcessEvaluation",
    "PromiseActivity",
    "PromiseFollowUp",
    "PromiseStatus",
    "SurveyImport",
]
