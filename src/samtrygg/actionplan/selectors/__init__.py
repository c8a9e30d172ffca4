"""Action-plan reads. Functions taking ``user=`` filter through the permission resolver.

Split by subject: ``plans`` (plans, interventions, evaluations, agreements, promises and
the public promises), ``indicators`` (values and status), ``tracker`` (the
law-compliance tracker), ``trace`` (decision traceability).
"""

from samtrygg.actionplan.selectors.indicators import (
    IndicatorView,
    indicator_change,
    indicator_list,
    indicator_status,
    indicator_view,
)
from samtrygg.actionplan.selectors.plans import (
    agreement_list,
    commitment_list,
    evaluation_list,
    intervention_list,
    latest_version,
    method_list,
    plan_current,
    plan_list,
    promise_list,
    public_promise_get,
    public_promises,
)
from samtrygg.actionplan.selectors.trace import (
    Chain,
    decision_chain,
    intervention_chain,
    traced_decisions,
)
from samtrygg.actionplan.selectors.tracker import ComplianceStatus, compliance_status

__all__ = [
    "Chain",
    "ComplianceStatus",
    "IndicatorView",
    "agreement_list",
    "commitment_list",
    "compliance_status",
    "decision_chain",
    "evaluation_list",
    "indicator_change",
    "indicator_list",
    "indicator_status",
    "indicator_view",
    "intervention_chain",
    "intervention_list",
    "latest_version",
    "method_list",
    "plan_current",
    "plan_list",
    "promise_list",
    "public_promise_get",
    "public_promises",
    "traced_decisions",
]
