"""Action-plan writes, named ``<entity>_<verb>``, keyword-only. Each checks that its ``actor``
may act (the resolver).

Split by subject; everything is importable from ``samtrygg.actionplan.services``.
"""

from samtrygg.actionplan.services.agreements import (
    agreement_create,
    agreement_update,
    commitment_create,
    commitment_follow_up,
    commitment_update,
    promise_activity_add,
    promise_activity_set_status,
    promise_create,
    promise_follow_up_add,
    promise_update,
)
from samtrygg.actionplan.services.compliance import coordination_function_save, decision_basis_set
from samtrygg.actionplan.services.evaluations import (
    AreaChoice,
    evaluation_attach_to_meeting,
    evaluation_run,
    role_label,
)
from samtrygg.actionplan.services.indicators import (
    indicator_create,
    indicator_update,
    indicator_value_set,
)
from samtrygg.actionplan.services.interventions import (
    InterventionData,
    intervention_create,
    intervention_decisions_add,
    intervention_note_add,
    intervention_update,
    method_create,
    method_update,
    process_evaluation_record,
)
from samtrygg.actionplan.services.plans import (
    action_plan_create,
    action_plan_update,
    action_plan_version_create,
)
from samtrygg.actionplan.services.surveys import (
    SurveyImportRefused,
    SurveyImportResult,
    survey_import,
)

__all__ = [
    "AreaChoice",
    "InterventionData",
    "SurveyImportRefused",
    "SurveyImportResult",
    "action_plan_create",
    "action_plan_update",
    "action_plan_version_create",
    "agreement_create",
    "agreement_update",
    "commitment_create",
    "commitment_follow_up",
    "commitment_update",
    "coordination_function_save",
    "decision_basis_set",
    "evaluation_attach_to_meeting",
    "evaluation_run",
    "indicator_create",
    "indicator_update",
    "indicator_value_set",
    "intervention_create",
    "intervention_decisions_add",
    "intervention_note_add",
    "intervention_update",
    "method_create",
    "method_update",
    "process_evaluation_record",
    "promise_activity_add",
    "promise_activity_set_status",
    "promise_create",
    "promise_follow_up_add",
    "promise_update",
    "role_label",
    "survey_import",
]
