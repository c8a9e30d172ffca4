"""Builders for action-plan tests (named, explicit, through the services where they exist)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from samtrygg.accounts.models import Organisation
from samtrygg.actionplan import services
from samtrygg.actionplan.models import (
    ActionPlan,
    Agreement,
    CitizenPromise,
    EvaluationRun,
    Indicator,
    Intervention,
)
from samtrygg.areas import services as area_services
from samtrygg.areas.models import Area
from samtrygg.governance import services as governance_services
from samtrygg.governance.models import Council, Decision, FocusArea, Goal, Meeting
from samtrygg.testing.actors import member

X0, Y0 = 586_000.0, 6_610_000.0  # SWEREF 99 TM, in Västerås


def square(x: float, y: float, size: float) -> dict[str, Any]:
    return {
        "type": "Polygon",
        "coordinates": [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]],
    }


def area(
    code: str, x: float, y: float, size: float = 1000.0, population: int | None = 5000
) -> Area:
    return area_services.area_create(
        actor=member("coordinator"),
        name=code.title(),
        code=code,
        kind="district",
        geometry=square(x, y, size),
        crs="EPSG:3006",
        population=population,
        population_year=2024 if population else None,
    )


def three_areas() -> dict[str, Area]:
    """Treated (1 km square), a buffer beside it, and a control 5 km away."""
    return {
        "treated": area("treated", X0, Y0),
        "buffer": area("buffer", X0 + 1000, Y0),
        "control": area("control", X0 + 5000, Y0),
    }


def council(slug: str = "radet") -> Council:
    existing = Council.objects.filter(slug=slug).first()
    return existing or governance_services.council_create(
        actor=member("coordinator"), name=f"Rådet {slug}", slug=slug, kind="decision_council"
    )


def held_meeting(council_: Council | None = None, days_ago: int = 10) -> Meeting:
    """A meeting held ``days_ago`` days ago (with 0: it started a few seconds ago, so that
    it falls on today's date whatever the hour)."""
    council_ = council_ or council()
    now = timezone.now()
    starts = (
        now - dt.timedelta(days=days_ago, hours=2) if days_ago else now - dt.timedelta(seconds=5)
    )
    meeting = governance_services.meeting_create(
        actor=member("coordinator"),
        council=council_,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
    )
    governance_services.meeting_set_status(
        actor=member("coordinator"), meeting=meeting, status="held"
    )
    return meeting


def planned_meeting(council_: Council | None = None) -> Meeting:
    now = timezone.now()
    return governance_services.meeting_create(
        actor=member("coordinator"),
        council=council_ or council(),
        starts_at=now + dt.timedelta(days=20),
        ends_at=now + dt.timedelta(days=20, hours=2),
    )


def decision(
    owner: Organisation, meeting: Meeting | None = None, title: str = "Beslut"
) -> Decision:
    return governance_services.decision_create(
        actor=member("coordinator"),
        meeting=meeting or held_meeting(),
        title=title,
        text="Rådet beslutar.",
        owner_organisation=owner,
        due_date=timezone.localdate() + dt.timedelta(days=60),
    )


def goal(focus: str = "strategic", council_: Council | None = None) -> Goal:
    return governance_services.goal_create(
        actor=member("coordinator"),
        council=council_ or council(),
        focus_area=FocusArea.objects.get(code=focus),
        statement="Tryggheten ska öka.",
        target="Minst 70 procent.",
    )


def plan(**kwargs: Any) -> ActionPlan:
    today = timezone.localdate()
    defaults: dict[str, Any] = {
        "title": "Handlingsplan",
        "period_start": dt.date(today.year - 1, 1, 1),
        "period_end": dt.date(today.year + 2, 12, 31),
        "focus_areas": FocusArea.objects.all(),
    }
    defaults.update(kwargs)
    return services.action_plan_create(actor=member("coordinator"), **defaults)


def intervention(owner: Organisation, **kwargs: Any) -> Intervention:
    data: dict[str, Any] = {
        "title": "Trygghetsvandring",
        "owner": owner,
        "focus_areas": [FocusArea.objects.get(code="strategic")],
    }
    data.update(kwargs)
    return services.intervention_create(
        actor=member("coordinator"), data=services.InterventionData(**data)
    )


def indicator(goal_: Goal, **kwargs: Any) -> Indicator:
    defaults: dict[str, Any] = {
        "code": "trygghet",
        "name": "Andel trygga",
        "kind": "manual",
        "measure": "percent",
        "direction": "increase",
        "first_year": 2021,
    }
    defaults.update(kwargs)
    return services.indicator_create(actor=member("coordinator"), goal=goal_, **defaults)


def evaluation(
    intervention_: Intervention, user: Any, areas: dict[str, Area] | None = None
) -> EvaluationRun:
    areas = areas or three_areas()
    today = timezone.localdate()
    return services.evaluation_run(
        intervention=intervention_,
        actor=user,
        treated=areas["treated"],
        buffer=areas.get("buffer"),
        control=areas["control"],
        before_start=today - dt.timedelta(days=200),
        before_end=today - dt.timedelta(days=101),
        after_start=today - dt.timedelta(days=100),
        after_end=today - dt.timedelta(days=1),
    )


def agreement(parties: list[Organisation], with_document: bool = False) -> Agreement:
    return services.agreement_create(
        actor=member("coordinator"),
        title="Samverkansöverenskommelse",
        parties=parties,
        period_start=dt.date(2023, 7, 1),
        signed_date=dt.date(2023, 6, 15),
        signatories=["Kommunstyrelsens ordförande", "Lokalpolisområdeschef"],
        document=SimpleUploadedFile("avtal.txt", b"Avtal", content_type="text/plain")
        if with_document
        else None,
    )


def promise(public: bool = True, **kwargs: Any) -> CitizenPromise:
    today = timezone.localdate()
    defaults: dict[str, Any] = {
        "title": "Trygg centrummiljö",
        "text": "Vi lovar fler vuxna i centrum.",
        "period_start": dt.date(today.year, 1, 1),
        "period_end": dt.date(today.year, 12, 31),
        "is_public": public,
        "internal_note": "HEMLIG INTERN ANTECKNING",
        "activities": ["Fotpatrullering"],
    }
    defaults.update(kwargs)
    return services.promise_create(actor=member("coordinator"), **defaults)


def situation_version(user: Any, *, published_on: dt.date | None = None, days: int = 365) -> Any:
    """A published lägesbild version written directly (the situation workflow is tested in
    its app). ``published_at`` is set by the database at creation: now."""
    from samtrygg.situation.models import SituationReport, SituationVersion

    end = timezone.localdate() - dt.timedelta(days=1)
    start = end - dt.timedelta(days=days - 1)
    report = SituationReport.objects.create(
        title=f"Lägesbild {start.year}",
        period_kind="year" if days >= 360 else "quarter",
        period_start=start,
        period_end=end,
        status="published",
        created_by=user,
    )
    number = SituationVersion.objects.filter(report=report).count() + 1
    return SituationVersion.objects.create(
        report=report,
        number=number,
        published_by=user,
        title=report.title,
        period_kind=report.period_kind,
        period_start=start,
        period_end=end,
        parameters={},
        figures={},
        public={},
        sections={},
        signatures=[],
        data_scope={},
        content_hash="0" * 64,
    )
