from django.urls import path

from samtrygg.actionplan.views import (
    agreements,
    evaluations,
    indicators,
    interventions,
    plans,
    public,
    trace,
    tracker,
)

app_name = "actionplan"

urlpatterns = [
    # The plan
    path("", plans.plan_list_view, name="plan_list"),
    path("plans/new/", plans.plan_create_view, name="plan_create"),
    path("plans/<int:pk>/", plans.plan_detail_view, name="plan_detail"),
    path("plans/<int:pk>/edit/", plans.plan_update_view, name="plan_update"),
    path("plans/<int:pk>/adopt/", plans.plan_version_create_view, name="plan_version_create"),
    path("plans/<int:pk>/follow-up.pdf", plans.plan_followup_pdf_view, name="plan_followup_pdf"),
    path(
        "versions/<int:pk>/document/",
        plans.plan_version_document_view,
        name="plan_version_document",
    ),
    # Indicators
    path("indicators/", indicators.indicator_list_view, name="indicator_list"),
    path("indicators/new/", indicators.indicator_create_view, name="indicator_create"),
    path("indicators/import/", indicators.survey_import_view, name="survey_import"),
    path("indicators/<int:pk>/", indicators.indicator_detail_view, name="indicator_detail"),
    path("indicators/<int:pk>/edit/", indicators.indicator_update_view, name="indicator_update"),
    # Interventions and their evaluation
    path("interventions/", interventions.intervention_list_view, name="intervention_list"),
    path("interventions/new/", interventions.intervention_create_view, name="intervention_create"),
    path(
        "interventions/<int:pk>/",
        interventions.intervention_detail_view,
        name="intervention_detail",
    ),
    path(
        "interventions/<int:pk>/edit/",
        interventions.intervention_update_view,
        name="intervention_update",
    ),
    path(
        "interventions/<int:pk>/notes/",
        interventions.intervention_note_view,
        name="intervention_note",
    ),
    path(
        "interventions/<int:pk>/process/",
        interventions.process_evaluation_view,
        name="process_evaluation",
    ),
    path(
        "interventions/<int:pk>/evaluate/",
        evaluations.evaluation_create_view,
        name="evaluation_create",
    ),
    path(
        "interventions/<int:pk>/trace/",
        trace.trace_intervention_view,
        name="trace_intervention",
    ),
    path("evaluations/<int:pk>/", evaluations.evaluation_detail_view, name="evaluation_detail"),
    path(
        "evaluations/<int:pk>/attach/",
        evaluations.evaluation_attach_view,
        name="evaluation_attach",
    ),
    path("methods/", interventions.method_list_view, name="method_list"),
    path("methods/new/", interventions.method_create_view, name="method_create"),
    path("methods/<int:pk>/edit/", interventions.method_update_view, name="method_update"),
    # Agreement and commitments
    path("agreements/", agreements.agreement_list_view, name="agreement_list"),
    path("agreements/new/", agreements.agreement_create_view, name="agreement_create"),
    path("agreements/<int:pk>/", agreements.agreement_detail_view, name="agreement_detail"),
    path("agreements/<int:pk>/edit/", agreements.agreement_update_view, name="agreement_update"),
    path(
        "agreements/<int:pk>/document/",
        agreements.agreement_document_view,
        name="agreement_document",
    ),
    path(
        "agreements/<int:pk>/commitments/new/",
        agreements.commitment_create_view,
        name="commitment_create",
    ),
    path("commitments/<int:pk>/", agreements.commitment_update_view, name="commitment_update"),
    # Citizen promises
    path("promises/", agreements.promise_list_view, name="promise_list"),
    path("promises/new/", agreements.promise_create_view, name="promise_create"),
    path("promises/<int:pk>/", agreements.promise_detail_view, name="promise_detail"),
    path("promises/<int:pk>/edit/", agreements.promise_update_view, name="promise_update"),
    path(
        "promises/<int:pk>/activities/",
        agreements.promise_activity_add_view,
        name="promise_activity_add",
    ),
    path(
        "activities/<int:pk>/status/",
        agreements.promise_activity_status_view,
        name="promise_activity_status",
    ),
    path(
        "promises/<int:pk>/follow-up/",
        agreements.promise_follow_up_view,
        name="promise_follow_up",
    ),
    path("public/promises/", public.public_promise_list_view, name="public_promises"),
    path(
        "public/promises/<int:pk>/",
        public.public_promise_detail_view,
        name="public_promise_detail",
    ),
    # The law-compliance tracker and traceability
    path("tracker/", tracker.tracker_view, name="tracker"),
    path("tracker/coordination/", tracker.coordination_update_view, name="coordination_update"),
    path("trace/", trace.trace_list_view, name="trace_list"),
    path("trace/decisions/<int:pk>/", trace.trace_decision_view, name="trace_decision"),
    path("trace/decisions/<int:pk>/basis/", trace.decision_basis_view, name="decision_basis"),
]
