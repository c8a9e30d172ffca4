"""Forms parse and validate input; the services do the writes."""

from samtrygg.actionplan.forms.agreements import (
    ActivityStatusForm,
    AgreementForm,
    AttachEvaluationForm,
    CommitmentFollowUpForm,
    CommitmentForm,
    CoordinationForm,
    DecisionBasisForm,
    PromiseActivityForm,
    PromiseFollowUpForm,
    PromiseForm,
)
from samtrygg.actionplan.forms.interventions import (
    EvaluationForm,
    InterventionForm,
    InterventionNoteForm,
    MethodForm,
    ProcessEvaluationForm,
)
from samtrygg.actionplan.forms.plans import (
    ActionPlanForm,
    IndicatorForm,
    IndicatorValueForm,
    PlanVersionForm,
    SurveyImportForm,
)

__all__ = [
    "ActionPlanForm",
    "ActivityStatusForm",
    "AgreementForm",
    "AttachEvaluationForm",
    "CommitmentFollowUpForm",
    "CommitmentForm",
    "CoordinationForm",
    "DecisionBasisForm",
    "EvaluationForm",
    "IndicatorForm",
    "IndicatorValueForm",
    "InterventionForm",
    "InterventionNoteForm",
    "MethodForm",
    "PlanVersionForm",
    "ProcessEvaluationForm",
    "PromiseActivityForm",
    "PromiseFollowUpForm",
    "PromiseForm",
    "SurveyImportForm",
]
