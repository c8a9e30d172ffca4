"""Demo action plan of a Västerås-like municipality.

The plan for four years around today with the four focus areas, indicators on the
Trygghetsrådet goals (computed from the demo incidents, NTU-like survey values imported
through the survey import, hand-entered values), thirteen interventions across the focus
areas started by the demo councils' decisions, the collaboration agreement with the
police (signed June 2023) and its commitments, three citizen promises (two public), the
coordination function, and one evaluated intervention: place-based presence in Bäckby,
from the date when the incidents demo lets Bäckby's incidents drop and part of them move
to the ring around it (``incidents.demo.DEMO_INTERVENTION``). Its stored evaluation shows
the drop against a control district and the buffer's rise.

When the lägesbild demo has published a yearly picture, the plan's second version is
adopted from it, and a council meeting held today decides new interventions resting on
it (decision traceability from the lägesbild onwards).

Deterministic (relative to today's date), idempotent: each part is built once; a second
run finds them and returns after a few queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import shapely
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from samtrygg.accounts.models import Organisation, User
from samtrygg.actionplan import services
from samtrygg.actionplan.models import (
    ActionPlan,
    Agreement,
    CitizenPromise,
    CoordinationFunction,
    EvaluationRun,
    Indicator,
    Intervention,
    InterventionStatus,
    Method,
)
from samtrygg.actionplan.selectors.tracker import current_situation
from samtrygg.actionplan.services.evaluations import AreaChoice
from samtrygg.areas.models import Area, Place
from samtrygg.core.demo_support import DemoContext
from samtrygg.governance import services as governance_services
from samtrygg.governance.models import (
    Council,
    Decision,
    FocusArea,
    Goal,
    Meeting,
    MeetingStatus,
)
from samtrygg.incidents.demo import DAYS as DEMO_DAYS
from samtrygg.incidents.demo import DEMO_INTERVENTION
from samtrygg.incidents.models import Category

EVALUATED_TITLE = "Platsbaserad närvaro i Bäckby centrum"
#: Control districts for the Bäckby evaluation, in order of preference: similar in size and
#: mix, away from Bäckby (the first one that does not touch the buffer ring is used).
CONTROL_CANDIDATES = ("district-viksang", "district-skiljebo", "district-pettersberg")
COUNCIL = "trygghetsradet"


@dataclass(frozen=True)
class InterventionSpec:
    title: str
    focus: tuple[str, ...]
    method: str
    owner: str
    partners: tuple[str, ...]
    areas: tuple[str, ...]
    places: tuple[str, ...]
    start_days: int | None  # relative to today; None = not started
    length_days: int | None
    status: str
    budget: int | None
    decisions: tuple[str, ...]
    problem: str
    mechanism: str
    outcome: str
    description: str = ""


S = InterventionStatus
INTERVENTIONS: tuple[InterventionSpec, ...] = (
    InterventionSpec(
        "Trygghetsvandringar i Bäckby och Skallberget",
        ("strategic",),
        "safety-walk",
        "slk-vasteras",
        ("mimer", "stadsdelsfast", "lpo-vasteras", "nattvandrarna"),
        ("district-backby", "district-skallberget"),
        ("Bäckby centrum", "Skallbergstorget"),
        -420,
        60,
        S.COMPLETED,
        40_000,
        ("Trygghetsvandringar varje höst",),
        "Boende i Bäckby och Skallberget upplever sina centrum som otrygga kvällstid.",
        "Boende och fastighetsägare pekar ut brister i miljön som sedan åtgärdas.",
        "Åtgärdade brister och högre upplevd trygghet i trygghetsmätningen.",
    ),
    InterventionSpec(
        "Belysning i gångtunnlar vid Bäckby centrum",
        ("strategic",),
        "lighting",
        "mimer",
        ("stadsdelsfast", "slk-vasteras"),
        ("district-backby",),
        ("Bäckby centrum",),
        -330,
        90,
        S.COMPLETED,
        850_000,
        ("Belysning i gångtunnlar",),
        "Mörka gångtunnlar pekas ut som otrygga vid trygghetsvandringarna.",
        "Bättre belysning ökar synligheten och den naturliga övervakningen.",
        "Färre anmälningar om otrygga platser och högre upplevd trygghet.",
    ),
    InterventionSpec(
        EVALUATED_TITLE,
        ("strategic", "youth"),
        "place-based-policing",
        "lpo-vasteras",
        ("slk-vasteras", "mimer", "fritid-vasteras"),
        ("district-backby",),
        ("Bäckby centrum", "Bäckbyskolans skolgård"),
        0,  # the DEMO_INTERVENTION date (set below)
        None,
        S.RUNNING,
        1_200_000,
        ("Utökad fältverksamhet i Bäckby",),
        "Lägesbilden visar att skadegörelse, ordningsstörningar och otrygga grupperingar "
        "koncentreras till Bäckby centrum kvällar och helger.",
        "Synlig närvaro av polis och fältassistenter på de tider och platser där händelserna "
        "sker minskar tillfällena och ökar den sociala kontrollen.",
        "Färre rapporterade händelser i Bäckby utan att de flyttar till omgivningen.",
        "Polis och fältassistenter finns på plats i och kring Bäckby centrum fredagar och "
        "lördagar 18–02, samordnat vid EST-mötet varje vecka.",
    ),
    InterventionSpec(
        "Fältassistenter kvällar och helger",
        ("youth",),
        "field-workers",
        "fritid-vasteras",
        ("lpo-vasteras", "backby-if"),
        ("district-backby", "district-raby"),
        (),
        -500,
        None,
        S.RUNNING,
        2_400_000,
        ("Utökad fältverksamhet i Bäckby",),
        "Unga samlas kvällstid på platser där vuxna saknas.",
        "Vuxna som möter unga tidigt kan lotsa dem till aktiviteter och stöd.",
        "Fler unga i meningsfulla aktiviteter och färre rapporter om otrygga grupperingar.",
    ),
    InterventionSpec(
        "SSPF – samverkan skola, socialtjänst, polis och fritid",
        ("youth",),
        "sspf",
        "iff-forvaltning",
        ("lpo-vasteras", "fritid-vasteras"),
        (),
        (),
        -600,
        None,
        S.RUNNING,
        None,
        ("Uppföljning av SSPF",),
        "Unga i riskzon uppmärksammas sent och av en aktör i taget.",
        "Gemensam bedömning och en samordnad plan runt den unge.",
        "Färre unga som misstänks för brott; insatser inom två veckor från orosanmälan.",
    ),
    InterventionSpec(
        "Lovaktiviteter med föreningslivet",
        ("youth",),
        "other",
        "fritid-vasteras",
        ("backby-if", "nattvandrarna"),
        ("district-backby", "district-skallberget"),
        (),
        -200,
        70,
        S.COMPLETED,
        300_000,
        ("Lovaktiviteter för unga",),
        "Under skolloven saknar många unga sysselsättning kvällstid.",
        "Öppna hallar och aktiviteter ger en trygg plats och vuxna förebilder.",
        "Fler deltagare i lovaktiviteter, färre ordningsstörningar under loven.",
    ),
    InterventionSpec(
        "Nattvandring helgkvällar",
        ("youth", "strategic"),
        "night-walks",
        "nattvandrarna",
        ("slk-vasteras",),
        ("district-centrum", "district-backby"),
        ("Stora torget",),
        -380,
        None,
        S.RUNNING,
        60_000,
        ("Fler nattvandrare under helger",),
        "Få vuxna är ute på helgnätterna där unga samlas.",
        "Vuxna i rörelse ökar tryggheten och kan ingripa tidigt.",
        "Nattvandring varje fredag och lördag i centrum och Bäckby.",
    ),
    InterventionSpec(
        "Klottersanering inom 48 timmar",
        ("strategic",),
        "situational",
        "stadsdelsfast",
        ("mimer",),
        (),
        (),
        -450,
        None,
        S.RUNNING,
        500_000,
        ("Klotter saneras inom 48 timmar",),
        "Klotter som blir kvar signalerar att ingen bryr sig och drar till sig mer.",
        "Snabb sanering tar bort belöningen och signalen om förfall.",
        "Mindre klotter totalt och sanering inom 48 timmar i nio fall av tio.",
    ),
    InterventionSpec(
        "Grannsamverkan i villaområdena",
        ("strategic",),
        "neighbourhood-watch",
        "lpo-vasteras",
        ("slk-vasteras",),
        ("district-hammarby", "district-skalby"),
        (),
        -700,
        None,
        S.RUNNING,
        None,
        (),
        "Bostadsinbrott återkommer i samma villaområden (near repeat).",
        "Grannar som håller uppsikt och varnar varandra efter ett inbrott.",
        "Färre upprepade inbrott i närheten av ett första inbrott.",
    ),
    InterventionSpec(
        "Kameraövervakning vid Västerås resecentrum",
        ("strategic",),
        "camera",
        "slk-vasteras",
        ("lpo-vasteras",),
        ("district-centrum",),
        ("Västerås resecentrum",),
        60,
        365,
        S.PLANNED,
        1_500_000,
        ("Kameraövervakning vid resecentrum",),
        "Rån och misshandel kring resecentrum kvällar och nätter.",
        "Kameror ökar risken att upptäckas och ger underlag för polisens utredningar.",
        "Färre våldsbrott vid resecentrum; fler klarade brott.",
    ),
    InterventionSpec(
        "Stöd till särskilt utsatta brottsoffer",
        ("victims",),
        "victim-support",
        "brottsofferjouren",
        ("iff-forvaltning", "lpo-vasteras"),
        (),
        (),
        -300,
        None,
        S.RUNNING,
        450_000,
        ("Stöd till brottsofferjouren",),
        "Särskilt utsatta brottsoffer får stöd sent eller inte alls.",
        "Polisen förmedlar kontakt direkt; ett samordnat erbjudande inom en vecka.",
        "Nio av tio erbjuds stöd inom sju dagar.",
    ),
    InterventionSpec(
        "Avhopparverksamhet med samordnad rutin",
        ("exit",),
        "exit-support",
        "iff-forvaltning",
        ("lpo-vasteras",),
        (),
        (),
        -250,
        None,
        S.RUNNING,
        900_000,
        ("Rutin för stöd till avhoppare",),
        "Den som vill lämna ett kriminellt nätverk vet inte vart den ska vända sig.",
        "En kontaktväg, en samordnad bedömning och stöd med boende, skydd och sysselsättning.",
        "Alla som vill lämna erbjuds stöd inom 14 dagar.",
    ),
    InterventionSpec(
        "Trygghetsvandring och skötselplan för Vasaparken",
        ("strategic",),
        "safety-walk",
        "slk-vasteras",
        ("city-vasteras", "lpo-vasteras"),
        ("district-centrum",),
        ("Vasaparken",),
        30,
        120,
        S.PLANNED,
        150_000,
        (),
        "Lägesbilden visar fler ordningsstörningar och otrygga grupperingar i Vasaparken.",
        "Bättre skötsel, belysning och närvaro gör parken tryggare att vistas i.",
        "Färre rapporter från Vasaparken och högre upplevd trygghet i centrum.",
    ),
)

NEW_DECISION_TITLE = "Nya insatser utifrån lägesbilden"
NEW_DECISION_INTERVENTIONS = (
    "Trygghetsvandring och skötselplan för Vasaparken",
    "Kameraövervakning vid Västerås resecentrum",
)


def build(ctx: DemoContext) -> None:
    orgs = {o.code: o for o in Organisation.objects.all()}
    users = {u.username: u for u in User.objects.filter(username__in=["samordnare", "analytiker"])}
    if "slk-vasteras" not in orgs or len(users) < 2:
        ctx.note("actionplan: the accounts demo is missing; no action plan built.")
        return
    today = timezone.localdate()
    with translation.override("sv"):
        builder = _Builder(ctx, orgs, users, today)
        plan = builder.plan()
        builder.coordination()
        builder.indicators()
        interventions = builder.interventions(plan)
        builder.evaluation(interventions.get(EVALUATED_TITLE))
        builder.agreement()
        builder.promises()
        builder.new_decision(interventions)
        builder.second_version(plan)


class _Builder:
    def __init__(
        self, ctx: DemoContext, orgs: dict[str, Organisation], users: dict[str, Any], today: dt.date
    ) -> None:
        self.ctx = ctx
        self.orgs = orgs
        self.users = users
        self.today = today
        self.year = today.year
        self.council = Council.objects.filter(slug=COUNCIL).first()

    # --- the plan ------------------------------------------------------------------------

    @property
    def plan_title(self) -> str:
        return (
            "Handlingsplan för trygghetsskapande och brottsförebyggande arbete "
            f"{self.year - 1}–{self.year + 2}"
        )

    def plan(self) -> ActionPlan:
        plan = ActionPlan.objects.filter(title=self.plan_title).first()
        if plan is not None:
            return plan
        plan = services.action_plan_create(
            title=self.plan_title,
            period_start=dt.date(self.year - 1, 1, 1),
            period_end=dt.date(self.year + 2, 12, 31),
            focus_areas=FocusArea.objects.filter(is_active=True),
            description=(
                "Västerås stads och lokalpolisområdets gemensamma plan för det trygghetsskapande "
                "och brottsförebyggande arbetet, beslutad utifrån den gemensamma lägesbilden. "
                "Samverkan med civilsamhället och näringslivet ska utvecklas."
            ),
            next_review=dt.date(self.year, 11, 30),
            created_by=self.users["samordnare"],
        )
        services.action_plan_version_create(
            plan=plan,
            adopted_by=self.orgs["ks-vasteras"],
            adoption_date=dt.date(self.year - 1, 3, 12),
            decision_reference=f"KS {self.year - 1}-03-12 § 45",
            changes="Första versionen.",
            document=SimpleUploadedFile(
                f"handlingsplan-{self.year - 1}.txt",
                (
                    f"{self.plan_title}\n\nAntagen av kommunstyrelsen {self.year - 1}-03-12.\n"
                ).encode(),
                content_type="text/plain",
            ),
        )
        self.ctx.count("action plans")
        return plan

    def second_version(self, plan: ActionPlan) -> None:
        """Adopt version 2 from the current lägesbild (when the lägesbild demo made one)."""
        current = current_situation(today=self.today)
        if current is None or plan.versions.filter(based_on__isnull=False).exists():
            return
        decision = Decision.objects.filter(title=NEW_DECISION_TITLE).first()
        services.action_plan_version_create(
            plan=plan,
            adopted_by=self.orgs["ks-vasteras"],
            adoption_date=self.today,
            based_on=current,
            decision_reference=decision.reference if decision else "",
            changes="Reviderad utifrån den nya gemensamma lägesbilden: nya insatser i "
            "centrum och fortsatt fokus på Bäckby.",
        )
        self.ctx.count("action plan versions")

    def coordination(self) -> None:
        if CoordinationFunction.objects.exists():
            return
        services.coordination_function_save(
            organisation=self.orgs["slk-vasteras"],
            unit="Enheten för trygghet och säkerhet",
            contact_title="Brottsförebyggande samordnare",
            contact_name="",
            email="trygghet@vasteras.example",
            phone="021-00 00 00",
            web_address="https://www.vasteras.example/trygghet",
            postal_address="Stadsledningskontoret\nVästerås stad",
            executive_board=self.orgs["ks-vasteras"],
            updated_by=self.users["samordnare"],
        )
        self.ctx.count("coordination function")

    # --- indicators ----------------------------------------------------------------------

    def _goal(self, focus: str) -> Goal | None:
        return (
            Goal.objects.filter(council__slug=COUNCIL, focus_area__code=focus)
            .order_by("pk")
            .first()
        )

    def indicators(self) -> None:
        if Indicator.objects.filter(code__startswith="demo-").exists():
            return
        areas = {
            a.code: a for a in Area.objects.filter(code__in=["district-backby", "district-centrum"])
        }
        cats = {c.code: c for c in Category.objects.all()}
        y = self.year
        strategic, youth = self._goal("strategic"), self._goal("youth")
        victims, exit_goal = self._goal("victims"), self._goal("exit")
        if strategic is None:
            self.ctx.note("actionplan: the governance demo's goals are missing; no indicators.")
            return
        created = []
        created.append(
            services.indicator_create(
                goal=strategic,
                code="demo-trygg-kvall",
                name="Andel som känner sig trygga utomhus en sen kväll",
                kind="survey",
                measure="percent",
                direction="increase",
                first_year=y - 5,
                areas=[
                    a for a in (areas.get("district-backby"), areas.get("district-centrum")) if a
                ],
                source="NTU (Brå), kommunens urval",
                baseline_value=64.0,
                baseline_year=y - 3,
                target_value=70.0,
                target_year=y + 1,
            )
        )
        created.append(
            services.indicator_create(
                goal=strategic,
                code="demo-oro-brott",
                name="Andel som oroar sig mycket för brottsligheten i samhället",
                kind="survey",
                measure="percent",
                direction="decrease",
                first_year=y - 5,
                source="Polisens trygghetsmätning",
                target_value=25.0,
                target_year=y + 2,
            )
        )
        created.append(
            services.indicator_create(
                goal=strategic,
                code="demo-skadegorelse",
                name="Skadegörelse och klotter i hela kommunen",
                kind="computed",
                measure="count",
                direction="decrease",
                first_year=y - 1,
                categories=[cats[c] for c in ("skadegorelse", "klotter") if c in cats],
                target_value=None,
                target_year=None,
            )
        )
        if "district-backby" in areas:
            created.append(
                services.indicator_create(
                    goal=youth or strategic,
                    code="demo-backby-ordning",
                    name="Ordningsstörningar och otrygga grupperingar i Bäckby per 1 000 invånare",
                    kind="computed",
                    measure="rate",
                    direction="decrease",
                    first_year=y - 1,
                    categories=[
                        cats[c] for c in ("ordningsstorning", "otrygga-grupperingar") if c in cats
                    ],
                    areas=[areas["district-backby"]],
                    target_value=20.0,
                    target_year=y + 1,
                )
            )
        if victims is not None:
            ind = services.indicator_create(
                goal=victims,
                code="demo-stod-7-dagar",
                name="Andel särskilt utsatta brottsoffer som erbjuds stöd inom sju dagar",
                kind="manual",
                measure="percent",
                direction="increase",
                first_year=y - 3,
                source="Brottsofferjouren och individ- och familjeförvaltningen",
                baseline_value=41.0,
                baseline_year=y - 3,
                target_value=90.0,
                target_year=y + 1,
            )
            for year, value in ((y - 3, 41.0), (y - 2, 63.0), (y - 1, 78.0)):
                services.indicator_value_set(
                    indicator=ind, year=year, value=value, source=ind.source
                )
            created.append(ind)
        if exit_goal is not None:
            ind = services.indicator_create(
                goal=exit_goal,
                code="demo-avhoppare",
                name="Personer som fått samordnat stöd för att lämna ett kriminellt nätverk",
                kind="manual",
                measure="count",
                direction="increase",
                first_year=y - 3,
                source="Individ- och familjeförvaltningen",
            )
            for year, value in ((y - 3, 2.0), (y - 2, 4.0), (y - 1, 7.0)):
                services.indicator_value_set(
                    indicator=ind, year=year, value=value, source=ind.source
                )
            created.append(ind)
        self._survey(areas)
        self.ctx.count("indicators", len(created))

    def _survey(self, areas: dict[str, Area]) -> None:
        """NTU-like and trygghetsmätning-like values, through the survey import."""
        y = self.year
        # The whole municipality's values have no area code.
        rows = ["area code,indicator,year,value,n,source"]
        series = {
            "": [62.1, 63.0, 61.8, 64.0, 65.2],
            "district-backby": [48.5, 47.9, 50.2, 52.0, 55.1],
            "district-centrum": [57.3, 58.8, 56.9, 58.1, 60.4],
        }
        sizes = {"district-backby": 180, "district-centrum": 240}
        for code, values in series.items():
            if code and code not in areas:
                continue
            for k, value in enumerate(values):
                year = y - 5 + k
                rows.append(
                    f"{code},demo-trygg-kvall,{year},{value},{sizes.get(code, 1400)},NTU {year + 1}"
                )
        worry = [29.0, 28.5, 30.1, 29.4, 27.8]
        for k, value in enumerate(worry):
            year = y - 5 + k
            rows.append(f",demo-oro-brott,{year},{value},2100,Polisens trygghetsmätning {year}")
        result = services.survey_import(
            data="\n".join(rows).encode(), file_name="ntu-och-trygghetsmatning.csv"
        )
        self.ctx.count("survey values", result.created)

    # --- interventions -------------------------------------------------------------------

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
            intervention = services.intervention_create(
                data=data, created_by=self.users["samordnare"]
            )
            if spec.status != S.PLANNED and start is not None:
                services.intervention_note_add(
                    intervention=intervention,
                    text="Insatsen har startat enligt plan.",
                    status=S.RUNNING,
                    recorded_on=min(start, self.today),
                    author=self.users["samordnare"],
                )
                if spec.status == S.COMPLETED and end is not None:
                    services.intervention_note_add(
                        intervention=intervention,
                        text="Genomförd. Erfarenheterna redovisas för Trygghetsrådet.",
                        status=S.COMPLETED,
                        recorded_on=min(end, self.today),
                        author=self.users["samordnare"],
                    )
                elif n % 3 == 0:
                    services.intervention_note_add(
                        intervention=intervention,
                        text="Löper enligt plan; avstämning vid veckans EST-möte.",
                        recorded_on=self.today - dt.timedelta(days=14),
                        author=self.users["samordnare"],
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
            user=self.users["analytiker"],
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
            author=self.users["analytiker"],
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
                evaluation=run, meeting=upcoming, added_by=self.users["samordnare"]
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

    # --- agreement and promises ----------------------------------------------------------

    def agreement(self) -> None:
        if Agreement.objects.exists():
            return
        agreement = services.agreement_create(
            title="Samverkansöverenskommelse mellan Västerås stad och lokalpolisområde Västerås",
            parties=[self.orgs[c] for c in ("ks-vasteras", "slk-vasteras", "lpo-vasteras")],
            period_start=dt.date(2023, 7, 1),
            period_end=dt.date(2027, 6, 30),
            signed_date=dt.date(2023, 6, 15),
            signatories=["Kommunstyrelsens ordförande", "Lokalpolisområdeschef"],
            description=(
                "Kommunen och polisen arbetar tillsammans utifrån en gemensam lägesbild och en "
                "handlingsplan. Samverkan med civilsamhället och näringslivet ska utvecklas."
            ),
            document=SimpleUploadedFile(
                "samverkansoverenskommelse-2023.txt",
                "Samverkansöverenskommelse mellan Västerås stad och lokalpolisområde Västerås, "
                "undertecknad 2023-06-15.\n".encode(),
                content_type="text/plain",
            ),
        )
        t = self.today
        commitments = [
            (
                "Ta fram en gemensam lägesbild varje år",
                "slk-vasteras",
                t + dt.timedelta(days=120),
                "in_progress",
            ),
            ("Gemensamma veckomöten enligt EST", "lpo-vasteras", None, "done"),
            (
                "Genomföra trygghetsvandringar i de prioriterade stadsdelarna varje höst",
                "slk-vasteras",
                dt.date(t.year, 10, 31),
                "in_progress",
            ),
            (
                "Medborgarlöften tas fram tillsammans varje år",
                "lpo-vasteras",
                dt.date(t.year, 3, 31),
                "done",
            ),
            (
                "Utveckla samverkan med näringslivet i centrum",
                "slk-vasteras",
                t - dt.timedelta(days=45),
                "in_progress",
            ),
            (
                "Gemensam uppföljning till kommunstyrelsen två gånger om året",
                "slk-vasteras",
                t + dt.timedelta(days=60),
                "not_started",
            ),
        ]
        for title, owner, due, status in commitments:
            services.commitment_create(
                agreement=agreement,
                title=title,
                owner=self.orgs[owner],
                due_date=due,
                status=status,
            )
        self.ctx.count("agreements")
        self.ctx.count("commitments", len(commitments))

    def promises(self) -> None:
        if CitizenPromise.objects.exists():
            return
        areas = {
            a.code: a for a in Area.objects.filter(code__in=["district-centrum", "district-backby"])
        }
        issuers = [self.orgs["slk-vasteras"], self.orgs["lpo-vasteras"]]
        y = self.year
        specs = [
            (
                "Trygg centrummiljö kvällstid",
                "Polisen och Västerås stad lovar att öka närvaron i centrum fredag och lördag "
                "kväll och att åtgärda otrygga platser som invånarna pekar ut.",
                "district-centrum",
                True,
                "ongoing",
                [
                    ("Polisen patrullerar till fots i centrum fredag och lördag kväll", "ongoing"),
                    ("Trygghetsvandring i centrum med handlare och boende", "done"),
                    ("Förbättrad belysning i Vasaparken", "planned"),
                ],
                "Trygghetsvandringen genomfördes i oktober med ett fyrtiotal deltagare. "
                "Fotpatrullering pågår varje helg.",
            ),
            (
                "Tryggare Bäckby centrum",
                "Vi lovar att finnas på plats i Bäckby centrum kvällar och helger och att "
                "skadegörelse och klotter tas bort inom 48 timmar.",
                "district-backby",
                True,
                "ongoing",
                [
                    ("Fältassistenter och polis på plats fredag och lördag kväll", "ongoing"),
                    ("Klotter saneras inom 48 timmar", "ongoing"),
                    ("Ny belysning i gångtunnlarna", "done"),
                ],
                "Belysningen i gångtunnlarna är klar. Rapporterade händelser i Bäckby har "
                "minskat sedan närvaron ökade.",
            ),
            (
                "Ökad trygghet vid resecentrum",
                "Polisen och kommunen lovar att arbeta för ökad trygghet vid resecentrum, "
                "bland annat genom kameraövervakning och fler vuxna på plats.",
                "district-centrum",
                False,
                "planned",
                [
                    ("Ansökan om kameraövervakning", "planned"),
                    ("Samverkan med bevakningsbolagen vid resecentrum", "planned"),
                ],
                "",
            ),
        ]
        for title, text, area, public, status, activities, follow_up in specs:
            promise = services.promise_create(
                title=title,
                text=text,
                area=areas.get(area),
                period_start=dt.date(y, 1, 1),
                period_end=dt.date(y, 12, 31),
                status=status,
                is_public=public,
                issuers=issuers,
                internal_note="Ansvarig hos polisen: kommunpolisen. Internt underlag i ärendet.",
                activities=[a for a, _s in activities],
            )
            for activity, (_text, activity_status) in zip(
                promise.activities.order_by("order"), activities, strict=True
            ):
                if activity_status != "planned":
                    services.promise_activity_set_status(activity=activity, status=activity_status)
            if follow_up:
                services.promise_follow_up_add(
                    promise=promise,
                    text=follow_up,
                    recorded_on=self.today - dt.timedelta(days=20),
                    author=self.users["samordnare"],
                )
            self.ctx.count("citizen promises")

    # --- a decision resting on today's lägesbild ---------------------------------------------

    def new_decision(self, interventions: dict[str, Intervention]) -> None:
        """A council meeting held today decides new interventions from the lägesbild that was
        published today (the demo's lägesbild is published when the demo is built)."""
        current = current_situation(today=self.today)
        if current is None or self.council is None:
            return
        if Decision.objects.filter(title=NEW_DECISION_TITLE).exists():
            return
        now = timezone.now()
        midnight = timezone.make_aware(dt.datetime.combine(self.today, dt.time()))
        starts = max(midnight, now - dt.timedelta(hours=2))
        meeting = governance_services.meeting_create(
            council=self.council,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=2),
            title="Extra sammanträde: den nya lägesbilden",
            location="Stadshuset, sammanträdesrum Mälaren",
        )
        item = governance_services.agenda_item_create(
            meeting=meeting,
            title="Den gemensamma lägesbilden och förslag till nya insatser",
            presenter="Trygghetsanalytiker och kommunpolis",
        )
        decision = governance_services.decision_create(
            meeting=meeting,
            agenda_item=item,
            title=NEW_DECISION_TITLE,
            text="Rådet beslutar om trygghetsvandring och skötselplan för Vasaparken och om "
            "att förbereda kameraövervakning vid resecentrum, utifrån den gemensamma lägesbilden.",
            rationale="Lägesbilden visar fler händelser i centrum kvällar och nätter.",
            owner_organisation=self.orgs["slk-vasteras"],
            owner_user=self.users["samordnare"],
            due_date=self.today + dt.timedelta(days=180),
        )
        governance_services.meeting_set_status(meeting=meeting, status=MeetingStatus.HELD)
        services.decision_basis_set(
            decision=decision,
            version=current,
            note="Lägesbilden för helåret, kapitlet om centrum.",
            recorded_by=self.users["samordnare"],
        )
        for title in NEW_DECISION_INTERVENTIONS:
            intervention = interventions.get(title)
            if intervention is not None:
                services.intervention_decisions_add(intervention=intervention, decisions=[decision])
        self.ctx.count("decisions resting on a lägesbild")
