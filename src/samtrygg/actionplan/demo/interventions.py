"""The interventions of the plan, and the stored evaluation of the Bäckby intervention."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import shapely
from django.utils import timezone

from samtrygg.actionplan import services
from samtrygg.actionplan.demo.base import BuilderBase
from samtrygg.actionplan.demo.data import (
    CONTROL_CANDIDATES,
    COUNCIL,
    EVALUATED_TITLE,
    INTERVENTIONS,
)
from samtrygg.actionplan.models import (
    ActionPlan,
    EvaluationRun,
    Intervention,
    InterventionStatus,
    Method,
)
from samtrygg.actionplan.services import AreaChoice
from samtrygg.areas.models import Area, Place
from samtrygg.governance.models import Decision, FocusArea, Meeting, MeetingStatus
from samtrygg.incidents.demo.data import DAYS as DEMO_DAYS
from samtrygg.incidents.demo.data import DEMO_INTERVENTION

S = InterventionStatus


class InterventionBuilder(BuilderBase):
    """The plan's interventions and the evaluation of the Bäckby one."""

    def interventions(self, plan: ActionPlan) -> dict[str, Intervention]:
        existing = {i.title: i for i in Intervention.objects.filter(plan=plan)}
        if len(existing) >= len(INTERVENTIONS):
            return existing
        methods = {m.code: m for m in Method.objects.all()}
        focus = {f.code: f for f in FocusArea.objects.all()}
        areas = {a.code: a for a in Area.objects.filter(code__startswith="district-")}
        places = {p.name: p for p in Place.objects.all()}
        decisions = {d.title: d for d in Decision.objects.all()}
        goals = {code: self._goal(code) for code in ("strategic", "youth", "victims", "exit")}
        demo_date: dt.date = DEMO_INTERVENTION["date"]
        for n, spec in enumerate(INTERVENTIONS):
            if spec.title in existing:
                continue
            start = (
                demo_date
                if spec.title == EVALUATED_TITLE
                else (self.today + dt.timedelta(days=spec.start_days))
                if spec.start_days is not None
                else None
            )
            end = (
                start + dt.timedelta(days=spec.length_days) if start and spec.length_days else None
            )
            data = services.InterventionData(
                title=spec.title,
                plan=plan,
                owner=self.orgs[spec.owner],
                focus_areas=[focus[f] for f in spec.focus if f in focus],
                method=methods.get(spec.method),
                description=spec.description or spec.mechanism,
                problem=spec.problem,
                mechanism=spec.mechanism,
                expected_outcome=spec.outcome,
                partners=[self.orgs[c] for c in spec.partners if c in self.orgs],
                areas=[areas[c] for c in spec.areas if c in areas],
                places=[places[p] for p in spec.places if p in places],
                start_date=start,
                end_date=end,
                status=S.PLANNED,
                budget=Decimal(spec.budget) if spec.budget is not None else None,
                decisions=[decisions[t] for t in spec.decisions if t in decisions],
                goals=[g for g in (goals.get(f) for f in spec.focus) if g is not None],
            )
            intervention = services.intervention_create(data=data, actor=self.users["samordnare"])
            if spec.status != S.PLANNED and start is not None:
                services.intervention_note_add(
                    intervention=intervention,
                    text="Insatsen har startat enligt plan.",
                    status=S.RUNNING,
                    recorded_on=min(start, self.today),
                    actor=self.users["samordnare"],
                )
                if spec.status == S.COMPLETED and end is not None:
                    services.intervention_note_add(
                        intervention=intervention,
                        text="Genomförd. Erfarenheterna redovisas för Trygghetsrådet.",
                        status=S.COMPLETED,
                        recorded_on=min(end, self.today),
                        actor=self.users["samordnare"],
                    )
                elif n % 3 == 0:
                    services.intervention_note_add(
                        intervention=intervention,
                        text="Löper enligt plan; avstämning vid veckans EST-möte.",
                        recorded_on=self.today - dt.timedelta(days=14),
                        actor=self.users["samordnare"],
                    )
            existing[spec.title] = intervention
            self.ctx.count("interventions")
        return existing

    # --- the evaluated intervention --------------------------------------------------------

    def evaluation(self, intervention: Intervention | None) -> None:
        if intervention is None or EvaluationRun.objects.filter(intervention=intervention).exists():
            return
        backby = Area.objects.filter(code=DEMO_INTERVENTION["district_code"]).first()
        if backby is None:
            return
        control = self._control(backby, int(DEMO_INTERVENTION["buffer_m"]))
        if control is None:
            self.ctx.note("actionplan: no control district found; the evaluation is skipped.")
            return
        start: dt.date = DEMO_INTERVENTION["date"]
        yesterday = self.today - dt.timedelta(days=1)
        # Windows of equal length, at most a year, inside the demo's data (which ends today).
        data_start = self.today - dt.timedelta(days=DEMO_DAYS - 1)
        days = min(365, (yesterday - start).days + 1, (start - data_start).days)
        if days < 30:
            return
        run = services.evaluation_run(
            intervention=intervention,
            actor=self.users["analytiker"],
            title=f"Bäckby: {days} dagar före och efter {start.isoformat()}",
            treated=backby,
            buffer=AreaChoice(ring_metres=int(DEMO_INTERVENTION["buffer_m"])),
            control=control,
            before_start=start - dt.timedelta(days=days),
            before_end=start - dt.timedelta(days=1),
            after_start=start,
            after_end=start + dt.timedelta(days=days - 1),
            today=self.today,
        )
        self.ctx.count("evaluations")
        services.process_evaluation_record(
            intervention=intervention,
            answers={
                "as_planned": {"answer": "partly", "comment": "Färre pass under semesterveckorna."},
                "target_group": {"answer": "yes", "comment": ""},
                "dose": {"answer": "partly", "comment": "Cirka 80 % av de planerade passen."},
                "timing": {"answer": "yes", "comment": ""},
                "partners": {"answer": "yes", "comment": "Mimer och fältassistenterna deltog."},
                "resources": {"answer": "yes", "comment": ""},
                "documented": {"answer": "yes", "comment": "Passen loggas vid EST-mötet."},
                "mechanism": {"answer": "unknown", "comment": "Ingen observationsstudie gjord."},
            },
            deviations="Sommarveckorna hade färre pass än planerat.",
            lessons="Samordningen vid veckomötet gjorde det lätt att flytta pass till rätt tider.",
            recorded_on=self.today - dt.timedelta(days=7),
            actor=self.users["analytiker"],
        )
        upcoming = (
            Meeting.objects.filter(
                council__slug=COUNCIL, status=MeetingStatus.PLANNED, starts_at__gte=timezone.now()
            )
            .order_by("starts_at")
            .first()
        )
        if upcoming is not None:
            services.evaluation_attach_to_meeting(
                evaluation=run, meeting=upcoming, actor=self.users["samordnare"]
            )

    def _control(self, treated: Area, ring_m: int) -> Area | None:
        core = shapely.from_wkb(bytes(treated.geometry_3006))
        ring = core.buffer(ring_m + 50)
        for code in CONTROL_CANDIDATES:
            area = Area.objects.filter(code=code).first()
            if area is None:
                continue
            if shapely.intersection(ring, shapely.from_wkb(bytes(area.geometry_3006))).area <= 0:
                return area
        return None
