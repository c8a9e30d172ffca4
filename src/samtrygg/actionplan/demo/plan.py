"""The action plan, its versions (the second adopted from the lägesbild), the coordination
function, and the council decision resting on today's lägesbild.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from samtrygg.actionplan import services
from samtrygg.actionplan.demo.base import BuilderBase
from samtrygg.actionplan.demo.data import NEW_DECISION_INTERVENTIONS, NEW_DECISION_TITLE
from samtrygg.actionplan.models import ActionPlan, CoordinationFunction, Intervention
from samtrygg.actionplan.selectors.tracker import current_situation
from samtrygg.core.roles import Role
from samtrygg.governance import services as governance_services
from samtrygg.governance.models import Decision, FocusArea, MeetingStatus


class PlanBuilder(BuilderBase):
    """The plan and its versions, the coordination function, the decision on the lägesbild."""

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
            actor=self.users["samordnare"],
        )
        services.action_plan_version_create(
            actor=self.ctx.actor(Role.COORDINATOR),
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
            actor=self.ctx.actor(Role.COORDINATOR),
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
            actor=self.users["samordnare"],
        )
        self.ctx.count("coordination function")

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
            actor=self.ctx.actor(Role.COORDINATOR),
            council=self.council,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=2),
            title="Extra sammanträde: den nya lägesbilden",
            location="Stadshuset, sammanträdesrum Mälaren",
        )
        item = governance_services.agenda_item_create(
            actor=self.ctx.actor(Role.COORDINATOR),
            meeting=meeting,
            title="Den gemensamma lägesbilden och förslag till nya insatser",
            presenter="Trygghetsanalytiker och kommunpolis",
        )
        decision = governance_services.decision_create(
            actor=self.ctx.actor(Role.COORDINATOR),
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
        governance_services.meeting_set_status(
            actor=self.ctx.actor(Role.COORDINATOR), meeting=meeting, status=MeetingStatus.HELD
        )
        services.decision_basis_set(
            decision=decision,
            version=current,
            note="Lägesbilden för helåret, kapitlet om centrum.",
            actor=self.users["samordnare"],
        )
        for title in NEW_DECISION_INTERVENTIONS:
            intervention = interventions.get(title)
            if intervention is not None:
                services.intervention_decisions_add(
                    actor=self.ctx.actor(Role.COORDINATOR),
                    intervention=intervention,
                    decisions=[decision],
                )
        self.ctx.count("decisions resting on a lägesbild")
