"""The case demo: about a dozen cases over the three programmes, built through the services
as the demo's case workers (``handlaggare`` on SSPF and victim support, ``avhopp`` on the
exit programme), then one retention run that deletes a long-closed case and keeps one under
legal hold. Built once: a second run changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from samtrygg.accounts import services as accounts_services
from samtrygg.accounts.demo import demo_password
from samtrygg.accounts.models import Organisation, User
from samtrygg.actionplan import services as actionplan_services
from samtrygg.actionplan.models import Indicator
from samtrygg.cases import services
from samtrygg.cases.demo.data import (
    CASE_ORGANISATION,
    CASES,
    EXIT_WORKER,
    EXIT_WORKER_NAME,
    POLICE_ORGANISATION,
    CaseSpec,
    ConsentSpec,
)
from samtrygg.cases.identity import ADULT_AGE, OWN_CONSENT_AGE, age_on
from samtrygg.cases.keys import subject_birth_date
from samtrygg.cases.models import Case, CaseNote, CaseStub, LegalBasis
from samtrygg.core.demo_support import DemoContext, DemoLogin
from samtrygg.core.roles import Role
from samtrygg.governance.models import Goal

#: How long before its closing a long-closed demo case was opened.
OLD_CASE_DAYS = 300
SIGNED_FORM = b"%PDF-1.4\n% Demo: undertecknad samtyckesblankett (skannad)\n"


def _exit_worker(ctx: DemoContext, organisation: Organisation) -> User:
    username, title = EXIT_WORKER
    user = User.objects.filter(username=username).first()
    if user is None:
        user = accounts_services.user_create(
            actor=ctx.actor(Role.COORDINATOR),
            username=username,
            password=demo_password(username),
            first_name=EXIT_WORKER_NAME[0],
            last_name=EXIT_WORKER_NAME[1],
            title=title,
            organisation=organisation,
            role=Role.CASE_WORKER,
        )
        ctx.count("users")
    ctx.logins.append(
        DemoLogin(
            role=Role.CASE_WORKER, username=username, password=demo_password(username), title=title
        )
    )
    return user


def _giver(case: Case, day: dt.date) -> str:
    born = subject_birth_date(case)
    age = age_on(born, day) if born else ADULT_AGE
    if age < OWN_CONSENT_AGE:
        return "guardians"
    return "person_and_guardians" if age < ADULT_AGE else "person"


class CaseDemo:
    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        self.today = timezone.localdate()
        self.organisation = Organisation.objects.get(code=CASE_ORGANISATION)
        self.police_org = Organisation.objects.get(code=POLICE_ORGANISATION)
        self.workers = {
            "handlaggare": ctx.actor(Role.CASE_WORKER),
            "avhopp": _exit_worker(ctx, self.organisation),
        }
        self.police = ctx.actor(Role.POLICE)

    def ago(self, days: int) -> dt.date:
        return self.today - dt.timedelta(days=days)

    def leads(self) -> None:
        coordinator = self.ctx.actor(Role.COORDINATOR)
        for user, programme in (
            (self.workers["handlaggare"], "sspf"),
            (self.workers["avhopp"], "exit_programme"),
        ):
            services.programme_lead_assign(
                actor=coordinator, organisation=self.organisation, programme=programme, user=user
            )

    def build_case(self, spec: CaseSpec) -> Case:
        actor = self.workers[spec.coordinator]
        closed_long_ago = dt.date.fromisoformat(spec.closed_on) if spec.closed_on else None
        opened = (
            closed_long_ago - dt.timedelta(days=OLD_CASE_DAYS)
            if closed_long_ago
            else self.ago(spec.opened_days_ago)
        )
        case = services.case_intake(
            actor=actor,
            programme=spec.programme,
            organisation=self.organisation,
            intake_reason=spec.reason,
            opened_on=opened,
            subject=services.PersonInput(role="subject", **spec.subject.__dict__),
        )
        for guardian in spec.guardians:
            services.case_person_add(
                actor=actor,
                case=case,
                person=services.PersonInput(role="guardian", **guardian.__dict__),
            )
        for consent in spec.consents:
            self.consent(case, actor, consent, police=spec.police_on_team)
        self.work(case, actor, spec)
        if spec.status in ("assessment", "active", "paused"):
            services.case_status_set(actor=actor, case=case, status="assessment")
            if spec.status != "assessment":
                services.case_status_set(actor=actor, case=case, status="active")
            if spec.status == "paused":
                services.case_status_set(actor=actor, case=case, status="paused")
        if spec.closed or closed_long_ago:
            closed_on = closed_long_ago or self.ago(spec.closed[0] if spec.closed else 0)
            outcome = spec.closed[1] if spec.closed else "goals_met"
            services.case_close(actor=actor, case=case, closed_on=closed_on, outcome=outcome)
        if spec.legal_hold:
            services.case_legal_hold_set(actor=actor, case=case, hold=True)
        return case

    def consent(self, case: Case, actor: Any, spec: ConsentSpec, *, police: bool) -> None:
        given = self.ago(spec.given_days_ago)
        consent = services.consent_record(
            actor=actor,
            case=case,
            given_by=_giver(case, given),
            given_on=given,
            expires_on=given + dt.timedelta(days=spec.valid_days),
            agencies=spec.agencies,
            purpose=spec.purpose,
            note="Blanketten undertecknad vid möte." if spec.signed_form else "",
            document=services.Document(
                name="samtycke.pdf", content_type="application/pdf", content=SIGNED_FORM
            )
            if spec.signed_form
            else None,
        )
        if police and "police" in spec.agencies and not case.team.filter(user=self.police).exists():
            services.team_member_add(
                actor=actor,
                case=case,
                user=self.police,
                organisation=self.police_org,
                agency="police",
            )
        if spec.withdrawn_days_ago is not None:
            services.consent_withdraw(
                actor=actor, consent=consent, withdrawn_on=self.ago(spec.withdrawn_days_ago)
            )

    def work(self, case: Case, actor: Any, spec: CaseSpec) -> None:
        """Risk, disclosures, plan and notes, dated as the story goes."""
        if spec.risk:
            threat = spec.threat
            services.risk_assessment_record(
                actor=actor,
                case=case,
                assessed_on=case.opened_on + dt.timedelta(days=min(7, spec.opened_days_ago)),
                factors=spec.risk,
                summary=spec.risk_summary,
                threat_level=threat[0] if threat else "",
                threat_assessment=threat[1] if threat else "",
                motivated=threat[2] if threat else None,
                not_a_witness=threat[3] if threat else None,
                support_decided=threat[4] if threat else None,
            )
        for agency, basis, content, why in spec.disclosures:
            services.disclosure_record(
                actor=actor,
                case=case,
                recipient_agency=agency,
                disclosed_on=self.ago(max(spec.opened_days_ago - 30, 1)),
                basis=LegalBasis.objects.get(code=basis),
                content=content,
                justification=why,
            )
        for text in spec.goals:
            services.plan_goal_add(actor=actor, case=case, text=text)
        for what, due in spec.actions:
            services.plan_action_add(
                actor=actor,
                case=case,
                description=what,
                due_on=self.today + dt.timedelta(days=due),
                responsible_user=actor,
            )
        if spec.meeting:
            services.follow_up_meeting_record(
                actor=actor, case=case, held_on=self.ago(10), minutes=spec.meeting
            )
        if spec.plan_days_after_opening is not None and spec.goals:
            # The demo's history: the plan began some days after opening, not today.
            Case.objects.filter(pk=case.pk).update(
                plan_started_on=case.opened_on + dt.timedelta(days=spec.plan_days_after_opening)
            )
        for days, text in enumerate(reversed(spec.notes)):
            note = services.case_note_add(actor=actor, case=case, text=text)
            written = timezone.now() - dt.timedelta(days=3 + 20 * days)
            CaseNote.objects.filter(pk=note.pk).update(written_at=written)


#: The action plan's indicators that follow the anonymous case counts (focus area, code,
#: name, registered source, measure, direction).
INDICATORS = (
    (
        "youth",
        "demo-sspf-plan-4v",
        "Andel SSPF-ärenden med plan inom fyra veckor",
        "cases-sspf-plan-within-4-weeks",
        "percent",
        "increase",
    ),
    (
        "exit",
        "demo-avhopp-oppnade",
        "Nya ärenden i avhopparverksamheten",
        "cases-opened-exit_programme",
        "count",
        "increase",
    ),
)


def _indicators(ctx: DemoContext) -> None:
    """Indicators on the council's goals that count cases (anonymously)."""
    today = timezone.localdate()
    for focus, code, name, source, measure, direction in INDICATORS:
        if Indicator.objects.filter(code=code).exists():
            continue
        goal = Goal.objects.filter(focus_area__code=focus).order_by("pk").first()
        if goal is None:
            ctx.note("cases: the action plan's goals are missing; no case indicators.")
            return
        actionplan_services.indicator_create(
            actor=ctx.actor(Role.COORDINATOR),
            goal=goal,
            code=code,
            name=name,
            kind="registered",
            registered_source=source,
            measure=measure,
            direction=direction,
            first_year=today.year - 2,
            source="Samtrygg, ärendesamordning (anonyma antal)",
        )
        ctx.count("case indicators")


def build(ctx: DemoContext) -> None:
    _indicators(ctx)
    if Case.objects.exists() or CaseStub.objects.exists():
        # Built before (or real cases exist): the demo never adds to them. The exit
        # programme's worker still gets a login line.
        username, title = EXIT_WORKER
        if User.objects.filter(username=username).exists():
            ctx.logins.append(DemoLogin(Role.CASE_WORKER, username, demo_password(username), title))
        return
    demo = CaseDemo(ctx)
    demo.leads()
    for spec in CASES:
        demo.build_case(spec)
    ctx.count("cases", len(CASES))
    run = services.case_retention_run(trigger="demo")
    ctx.note(
        f"Cases: {len(CASES)} built; retention deleted {run.deleted_cases}, kept "
        f"{run.skipped_cases} under legal hold."
    )
