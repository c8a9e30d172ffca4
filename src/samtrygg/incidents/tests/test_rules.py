"""One rule set for an incident, whichever way it comes in: the report form and the API
(through ``services.incident_create``) and the import (through the bulk validator) refuse
the same things, and the service checks who may file what itself."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from samtrygg.core.models import Classification
from samtrygg.incidents import checks, services
from samtrygg.incidents.importer import incidents_import
from samtrygg.incidents.models import Category, Incident
from samtrygg.testing.matrix import World


def report(world: World, **changes: Any) -> services.IncidentInput:
    values: dict[str, Any] = {
        "source_organisation": world.organisations["housing"],
        "category": Category.objects.get(code="klotter"),
        "occurred_from": timezone.now() - dt.timedelta(hours=1),
        "lon": 16.52,
        "lat": 59.61,
    }
    return services.IncidentInput(**(values | changes))


def import_row(source: Any, write_csv: Any, **changes: str) -> Any:
    row = {
        "occurred_from": "2025-06-07 18:50",
        "category": "klotter",
        "lon": "16.52",
        "lat": "59.61",
    } | changes
    return incidents_import(
        path=write_csv([row]), source=source, format="csv", classification="internal"
    )


def refused_fields(exc: pytest.ExceptionInfo[ValidationError]) -> set[str]:
    return set(exc.value.message_dict)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"description": "x" * (checks.DESCRIPTION_MAX + 1)}, "description"),
        ({"occurred_from": timezone.now() + dt.timedelta(hours=2)}, "occurred_from"),
        ({"lon": 30.0, "lat": 60.0}, "lon"),  # east of Sweden: lon is the field out
    ],
)
def test_the_service_and_the_import_refuse_the_same_rows(
    world: World, source: Any, write_csv: Any, changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        services.incident_create(actor=world.user("reporter"), data=report(world, **changes))
    assert field in refused_fields(exc)
    as_text = {
        k: v.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        if isinstance(v, dt.datetime)
        else str(v)
        for k, v in changes.items()
    }
    result = import_row(source, write_csv, **as_text)
    assert result.rejected == 1 and {e.field for e in result.errors} == {field}
    assert Incident.objects.count() == 0


def test_the_longest_description_allowed_is_the_same_everywhere(
    world: World, source: Any, write_csv: Any
) -> None:
    longest = "x" * checks.DESCRIPTION_MAX
    services.incident_create(actor=world.user("reporter"), data=report(world, description=longest))
    assert import_row(source, write_csv, description=longest).created == 1


def test_an_inactive_category_is_refused_by_the_form_and_the_import(
    world: World, source: Any, write_csv: Any
) -> None:
    Category.objects.filter(code="klotter").update(is_active=False)
    with pytest.raises(ValidationError) as exc:
        services.incident_create(actor=world.user("reporter"), data=report(world))
    assert refused_fields(exc) == {"category"}
    result = import_row(source, write_csv)
    assert result.rejected == 1 and result.errors[0].field == "category"
    assert result.errors[0].message == str(checks.INACTIVE_CATEGORY)


def test_only_the_police_file_restricted_reports(world: World) -> None:
    restricted = report(
        world,
        source_organisation=world.organisations["municipality"],
        classification=Classification.RESTRICTED,
    )
    with pytest.raises(ValidationError) as exc:
        services.incident_create(actor=world.user("coordinator"), data=restricted)
    assert refused_fields(exc) == {"classification"}
    police = report(
        world,
        source_organisation=world.organisations["police"],
        classification=Classification.RESTRICTED,
    )
    incident = services.incident_create(actor=world.user("police"), data=police)
    assert incident.classification == Classification.RESTRICTED


def test_the_import_of_restricted_rows_follows_the_same_rule(
    world: World, source: Any, write_csv: Any
) -> None:
    result = incidents_import(
        path=write_csv(
            [
                {
                    "occurred_from": "2025-06-07 18:50",
                    "category": "klotter",
                    "address": "Torget",
                    "classification": "restricted",
                }
            ]
        ),
        source=source,
        format="csv",
        classification="internal",
        allow_restricted=checks.may_file_restricted(world.user("analyst")),
    )
    assert result.rejected == 1
    assert result.errors[0].message == str(checks.RESTRICTED_REFUSED)


def test_the_service_refuses_who_may_not_report_or_not_for_that_organisation(
    world: World,
) -> None:
    with pytest.raises(PermissionDenied):
        services.incident_create(actor=world.user("auditor"), data=report(world))
    with pytest.raises(ValidationError) as exc:
        services.incident_create(
            actor=world.user("reporter"),
            data=report(world, source_organisation=world.organisations["outsider"]),
        )
    assert refused_fields(exc) == {"source_organisation"}
    assert Incident.objects.count() == 0


def test_feedback_is_for_those_who_may_handle_the_incident(world: World) -> None:
    incident = services.incident_create(actor=world.user("reporter"), data=report(world))
    with pytest.raises(PermissionDenied):
        services.incident_feedback_set(
            actor=world.user("police"), incident=incident, status="closed", feedback=""
        )
    services.incident_feedback_set(
        actor=world.user("analyst"), incident=incident, status="closed", feedback="Klart."
    )
    incident.refresh_from_db()
    assert incident.status == "closed" and incident.feedback_by == world.user("analyst")


def test_the_api_refuses_an_organisation_the_reporter_does_not_belong_to(
    world: World, client_for: Any
) -> None:
    response = client_for("reporter").post(
        reverse("api:v1:incident-list"),
        {
            "category": "klotter",
            "lon": 16.52,
            "lat": 59.61,
            "source": world.organisations["outsider"].code,
        },
        content_type="application/json",
    )
    assert response.status_code == 400 and "source" in response.json()
    assert Incident.objects.count() == 0


def test_import_jobs_only_for_organisations_the_actor_may_import_for(world: World) -> None:
    upload = SimpleUploadedFile("in.csv", b"occurred_from,category,address\n")
    with pytest.raises(ValidationError) as exc:
        services.import_job_create(
            actor=world.user("police"),
            source=world.organisations["housing"],
            format="csv",
            classification="internal",
            upload=upload,
        )
    assert refused_fields(exc) == {"source"}
    with pytest.raises(PermissionDenied):
        services.import_job_create(
            actor=world.user("reporter"),
            source=world.organisations["housing"],
            format="csv",
            classification="internal",
            upload=upload,
        )
