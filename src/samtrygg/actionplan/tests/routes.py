"""Every action-plan page and endpoint in the permission matrix.

The matrix's objects: a plan with an adopted version (with its document), an indicator on
a goal, an intervention run by the housing company (so its ``reporter`` sees that
intervention, its evaluation and writes progress notes on it — and nothing else of the
plan), an evaluation of it, an agreement whose commitment the housing company owns, a
public citizen promise, a decision owned by the police (so the ``police`` user sees its
trace), and the coordination function naming the board as the executive board (so its
``council_member`` reads the tracker).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from samtrygg.testing.actors import member
from samtrygg.testing.matrix import EVERYONE, MEMBERS, Route, World, allow

COORDINATOR = allow("coordinator")
EVALUATORS = allow("coordinator", "analyst")
READERS = allow("coordinator", "analyst", "police", "council_member")
#: The plan's readers and the housing company (the intervention's owner).
INTERVENTION = READERS | allow("reporter")
PROGRESS = EVALUATORS | allow("reporter")
TRACKER = allow("coordinator", "council_member")
DECISION = allow("coordinator", "police")


def objects(w: World) -> dict[str, Any]:
    """The matrix's objects (once per world; cheap ones made on first use by ``_get``)."""
    if "actionplan" in w.extra:
        return w.extra["actionplan"]
    w.extra["actionplan"] = {}
    return w.extra["actionplan"]


def _get(w: World, key: str) -> Any:
    from samtrygg.actionplan import services
    from samtrygg.actionplan.models import PromiseActivity
    from samtrygg.actionplan.tests import factories as f

    store = objects(w)
    if key in store:
        return store[key]
    orgs = w.organisations
    obj: Any
    if key == "plan":
        obj = f.plan()
    elif key == "version":
        obj = services.action_plan_version_create(
            actor=member("coordinator"),
            plan=_get(w, "plan"),
            adopted_by=orgs["board"],
            adoption_date=timezone.localdate(),
            document=SimpleUploadedFile("plan.txt", b"Handlingsplan", content_type="text/plain"),
        )
    elif key == "goal":
        obj = f.goal()
    elif key == "indicator":
        obj = f.indicator(_get(w, "goal"))
    elif key == "survey_indicator":
        obj = f.indicator(_get(w, "goal"), code="ntu", kind="survey")
    elif key == "areas":
        obj = f.three_areas()
    elif key == "intervention":
        obj = f.intervention(orgs["housing"], plan=_get(w, "plan"))
    elif key == "evaluation":
        obj = f.evaluation(_get(w, "intervention"), w.user("analyst"), _get(w, "areas"))
    elif key == "method":
        from samtrygg.actionplan.models import Method

        obj = Method.objects.get(code="lighting")
    elif key == "agreement":
        obj = f.agreement([orgs["municipality"], orgs["police"]], with_document=True)
    elif key == "commitment":
        obj = services.commitment_create(
            actor=member("coordinator"),
            agreement=_get(w, "agreement"),
            title="Trygghetsvandringar",
            owner=orgs["housing"],
        )
    elif key == "promise":
        obj = f.promise(public=True)
    elif key == "activity":
        obj = PromiseActivity.objects.filter(promise=_get(w, "promise")).first()
    elif key == "decision":
        obj = f.decision(orgs["police"])
    elif key == "meeting":
        obj = f.planned_meeting()
    elif key == "coordination":
        obj = services.coordination_function_save(
            actor=member("coordinator"),
            organisation=orgs["municipality"],
            executive_board=orgs["board"],
        )
    else:
        raise KeyError(key)
    store[key] = obj
    return obj


def _pk(key: str) -> Any:
    return lambda w: {"pk": _get(w, key).pk}


def _tracker(w: World) -> dict[str, Any]:
    _get(w, "coordination")
    return {}


def _plan_form(w: World) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "title": "Ny handlingsplan",
        "period_start": dt.date(today.year, 1, 1).isoformat(),
        "period_end": dt.date(today.year + 3, 12, 31).isoformat(),
    }


def _intervention_form(w: World) -> dict[str, Any]:
    from samtrygg.governance.models import FocusArea

    return {
        "title": "Belysning",
        "focus_areas": [FocusArea.objects.get(code="strategic").pk],
        "owner": w.organisations["municipality"].pk,
        "status": "planned",
    }


def _indicator_form(w: World) -> dict[str, Any]:
    return {
        "goal": _get(w, "goal").pk,
        "code": "ny-indikator",
        "name": "Ny indikator",
        "kind": "manual",
        "measure": "value",
        "direction": "increase",
        "first_year": 2022,
        "order": 100,
    }


def _evaluation_form(w: World) -> dict[str, Any]:
    areas = _get(w, "areas")
    today = timezone.localdate()
    return {
        "treated": areas["treated"].pk,
        "control": areas["control"].pk,
        "before_start": (today - dt.timedelta(days=60)).isoformat(),
        "before_end": (today - dt.timedelta(days=31)).isoformat(),
        "after_start": (today - dt.timedelta(days=30)).isoformat(),
        "after_end": (today - dt.timedelta(days=1)).isoformat(),
    }


def _survey_file(w: World) -> dict[str, Any]:
    _get(w, "survey_indicator")
    return {
        "file": SimpleUploadedFile(
            "enkat.csv",
            b"area code,indicator,year,value,n,source\n,ntu,2023,61.5,1200,NTU 2024\n",
            content_type="text/csv",
        )
    }


def _promise_form(w: World) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "title": "Nytt löfte",
        "text": "Vi lovar.",
        "period_start": today.isoformat(),
        "period_end": (today + dt.timedelta(days=90)).isoformat(),
        "status": "planned",
    }


def _agreement_form(w: World) -> dict[str, Any]:
    return {
        "title": "Överenskommelse",
        "parties": [w.organisations["municipality"].pk, w.organisations["police"].pk],
        "period_start": "2024-01-01",
    }


def _process_form(w: World) -> dict[str, Any]:
    from samtrygg.actionplan.models import PROCESS_CHECKLIST

    data: dict[str, Any] = {"recorded_on": timezone.localdate().isoformat()}
    for key, _question in PROCESS_CHECKLIST:
        data[f"{key}_answer"] = "yes"
    return data


TODAY = lambda w: timezone.localdate().isoformat()  # noqa: E731

ROUTES = [
    # The plan
    Route("actionplan:plan_list", READERS),
    Route("actionplan:plan_create", COORDINATOR),
    Route("actionplan:plan_create", COORDINATOR, method="post", data=_plan_form, label="create"),
    Route("actionplan:plan_detail", READERS, kwargs=_pk("plan")),
    Route("actionplan:plan_update", COORDINATOR, kwargs=_pk("plan")),
    Route(
        "actionplan:plan_update",
        COORDINATOR,
        kwargs=_pk("plan"),
        method="post",
        data=_plan_form,
        label="save",
    ),
    Route("actionplan:plan_version_create", COORDINATOR, kwargs=_pk("plan")),
    Route(
        "actionplan:plan_version_create",
        COORDINATOR,
        kwargs=_pk("plan"),
        method="post",
        data=lambda w: {"adopted_by": w.organisations["board"].pk, "adoption_date": TODAY(w)},
        label="adopt",
    ),
    Route("actionplan:plan_version_document", READERS, kwargs=_pk("version")),
    Route(
        "actionplan:plan_followup_pdf",
        READERS,
        kwargs=_pk("plan"),
        query=f"year={dt.date.today().year - 1}",
    ),
    # Indicators
    Route("actionplan:indicator_list", READERS),
    Route("actionplan:indicator_create", COORDINATOR),
    Route(
        "actionplan:indicator_create",
        COORDINATOR,
        method="post",
        data=_indicator_form,
        label="create",
    ),
    Route("actionplan:indicator_detail", READERS, kwargs=_pk("indicator")),
    Route(
        "actionplan:indicator_detail",
        EVALUATORS,
        kwargs=_pk("indicator"),
        method="post",
        data=lambda w: {"year": 2023, "value": 61.5},
        label="value",
    ),
    Route("actionplan:indicator_update", COORDINATOR, kwargs=_pk("indicator")),
    Route(
        "actionplan:indicator_update",
        COORDINATOR,
        kwargs=_pk("indicator"),
        method="post",
        data=lambda w: {**_indicator_form(w), "code": "trygghet", "measure": "percent"},
        label="save",
    ),
    Route("actionplan:survey_import", EVALUATORS),
    Route("actionplan:survey_import", EVALUATORS, method="post", data=_survey_file, label="import"),
    # Interventions
    Route("actionplan:intervention_list", MEMBERS),
    Route("actionplan:intervention_create", COORDINATOR),
    Route(
        "actionplan:intervention_create",
        COORDINATOR,
        method="post",
        data=_intervention_form,
        label="create",
    ),
    Route("actionplan:intervention_detail", INTERVENTION, kwargs=_pk("intervention")),
    Route("actionplan:intervention_update", COORDINATOR, kwargs=_pk("intervention")),
    Route(
        "actionplan:intervention_update",
        COORDINATOR,
        kwargs=_pk("intervention"),
        method="post",
        data=_intervention_form,
        label="save",
    ),
    Route(
        "actionplan:intervention_note",
        PROGRESS,
        kwargs=_pk("intervention"),
        method="post",
        data=lambda w: {"text": "Pågår.", "recorded_on": TODAY(w)},
    ),
    Route("actionplan:process_evaluation", EVALUATORS, kwargs=_pk("intervention")),
    Route(
        "actionplan:process_evaluation",
        EVALUATORS,
        kwargs=_pk("intervention"),
        method="post",
        data=_process_form,
        label="save",
    ),
    Route("actionplan:trace_intervention", INTERVENTION, kwargs=_pk("intervention")),
    # Evaluation
    Route("actionplan:evaluation_create", EVALUATORS, kwargs=_pk("intervention")),
    Route(
        "actionplan:evaluation_create",
        EVALUATORS,
        kwargs=_pk("intervention"),
        method="post",
        data=_evaluation_form,
        label="run",
    ),
    Route("actionplan:evaluation_detail", INTERVENTION, kwargs=_pk("evaluation")),
    Route(
        "actionplan:evaluation_attach",
        COORDINATOR,
        kwargs=_pk("evaluation"),
        method="post",
        data=lambda w: {"meeting": _get(w, "meeting").pk},
    ),
    # Methods
    Route("actionplan:method_list", READERS),
    Route("actionplan:method_create", COORDINATOR),
    Route(
        "actionplan:method_create",
        COORDINATOR,
        method="post",
        data=lambda w: {"code": "ny-metod", "name_sv": "Ny metod", "order": 5},
        label="create",
    ),
    Route("actionplan:method_update", COORDINATOR, kwargs=_pk("method")),
    Route(
        "actionplan:method_update",
        COORDINATOR,
        kwargs=_pk("method"),
        method="post",
        data=lambda w: {"name_sv": "Belysning", "order": 20, "is_active": "on"},
        label="save",
    ),
    # Agreement and commitments
    Route("actionplan:agreement_list", READERS),
    Route("actionplan:agreement_create", COORDINATOR),
    Route(
        "actionplan:agreement_create",
        COORDINATOR,
        method="post",
        data=_agreement_form,
        label="create",
    ),
    Route("actionplan:agreement_detail", READERS, kwargs=_pk("agreement")),
    Route("actionplan:agreement_update", COORDINATOR, kwargs=_pk("agreement")),
    Route(
        "actionplan:agreement_update",
        COORDINATOR,
        kwargs=_pk("agreement"),
        method="post",
        data=_agreement_form,
        label="save",
    ),
    Route("actionplan:agreement_document", READERS, kwargs=_pk("agreement")),
    Route("actionplan:commitment_create", COORDINATOR, kwargs=_pk("agreement")),
    Route(
        "actionplan:commitment_create",
        COORDINATOR,
        kwargs=_pk("agreement"),
        method="post",
        data=lambda w: {
            "title": "Åtagande",
            "owner": w.organisations["police"].pk,
            "status": "not_started",
        },
        label="create",
    ),
    # The responsible organisation (the housing company) reports on its commitment.
    Route(
        "actionplan:commitment_update", allow("coordinator", "reporter"), kwargs=_pk("commitment")
    ),
    Route(
        "actionplan:commitment_update",
        allow("coordinator", "reporter"),
        kwargs=_pk("commitment"),
        method="post",
        data=lambda w: {
            "title": "Trygghetsvandringar",
            "owner": w.organisations["housing"].pk,
            "status": "in_progress",
            "progress": "Två av fyra genomförda.",
        },
        label="save",
    ),
    # Citizen promises
    Route("actionplan:promise_list", READERS),
    Route("actionplan:promise_create", COORDINATOR),
    Route(
        "actionplan:promise_create",
        COORDINATOR,
        method="post",
        data=_promise_form,
        label="create",
    ),
    Route("actionplan:promise_detail", READERS, kwargs=_pk("promise")),
    Route("actionplan:promise_update", COORDINATOR, kwargs=_pk("promise")),
    Route(
        "actionplan:promise_update",
        COORDINATOR,
        kwargs=_pk("promise"),
        method="post",
        data=_promise_form,
        label="save",
    ),
    Route(
        "actionplan:promise_activity_add",
        COORDINATOR,
        kwargs=_pk("promise"),
        method="post",
        data=lambda w: {"text": "Trygghetsvandring"},
    ),
    Route(
        "actionplan:promise_activity_status",
        COORDINATOR,
        kwargs=_pk("activity"),
        method="post",
        data=lambda w: {"status": "done"},
    ),
    Route(
        "actionplan:promise_follow_up",
        COORDINATOR,
        kwargs=_pk("promise"),
        method="post",
        data=lambda w: {"text": "Klart.", "recorded_on": TODAY(w)},
    ),
    Route("actionplan:public_promises", EVERYONE),
    Route("actionplan:public_promise_detail", EVERYONE, kwargs=_pk("promise")),
    # Tracker and traceability
    Route("actionplan:tracker", TRACKER, kwargs=_tracker),
    Route("actionplan:coordination_update", COORDINATOR),
    Route(
        "actionplan:coordination_update",
        COORDINATOR,
        method="post",
        data=lambda w: {
            "organisation": w.organisations["municipality"].pk,
            "email": "samordning@example.se",
            "executive_board": w.organisations["board"].pk,
        },
        label="save",
    ),
    Route("actionplan:trace_list", READERS),
    Route("actionplan:trace_decision", DECISION, kwargs=_pk("decision")),
    Route(
        "actionplan:decision_basis",
        COORDINATOR,
        kwargs=_pk("decision"),
        method="post",
        data=lambda w: {"version": "", "note": ""},
    ),
    # API
    Route("api:v1:actionplan-intervention-list", MEMBERS),
    Route("api:v1:actionplan-intervention-detail", INTERVENTION, kwargs=_pk("intervention")),
    Route("api:v1:actionplan-indicator-list", MEMBERS),
    Route("api:v1:actionplan-indicator-detail", READERS, kwargs=_pk("indicator")),
    Route("api:v1:actionplan-evaluation-list", MEMBERS),
    Route("api:v1:actionplan-evaluation-detail", INTERVENTION, kwargs=_pk("evaluation")),
]
