"""Builds the partners demo through the services, as the demo's coordinator."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.utils import timezone

from samtrygg.accounts import services as accounts_services
from samtrygg.accounts.demo import demo_password
from samtrygg.accounts.models import Organisation, User
from samtrygg.areas.models import Area
from samtrygg.core.demo_support import DemoContext, DemoLogin
from samtrygg.core.roles import Role
from samtrygg.governance.models import Council, Decision, FocusArea, Meeting, MeetingStatus
from samtrygg.partners import services
from samtrygg.partners.checks import luhn_valid
from samtrygg.partners.demo.data import (
    CITIZEN_DIALOGUES,
    CONTACTS,
    CONTRIBUTIONS,
    PARTNER_LOGINS,
    PARTNERS,
    RECOMMENDATIONS,
    THEMES,
    PartnerSpec,
)
from samtrygg.partners.models import (
    DialogueMeeting,
    DialogueMeetingStatus,
    Partner,
    Recommendation,
)

VARNA = "varna-vasteras"
TR = "trygghetsradet"
#: Days after the forum's meeting that the council's response is recorded.
RESPONSE_AFTER_DAYS = 45
HELD = (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED)
_STATUS: dict[str, str] = {
    MeetingStatus.CANCELLED: DialogueMeetingStatus.CANCELLED,
    MeetingStatus.HELD: DialogueMeetingStatus.HELD,
    MeetingStatus.MINUTES_APPROVED: DialogueMeetingStatus.HELD,
}


def with_check_digit(base: str) -> str:
    """``base`` (nine digits) with the Luhn digit that makes it a valid number."""
    digit = next(d for d in "0123456789" if luhn_valid(base + d))
    return f"{base[:6]}-{base[6:]}{digit}"


class _Builder:
    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        self.actor = ctx.actor(Role.COORDINATOR)
        self.rng = random.Random(ctx.seed + 13)
        self.today = timezone.localdate()
        self.areas = {a.code: a for a in Area.objects.filter(code__startswith="district-")}
        self.focus = {f.code: f for f in FocusArea.objects.all()}
        self.partners: dict[str, Partner] = {}

    def partners_and_contacts(self) -> None:
        for spec in PARTNERS:
            self.partners[spec.name] = self._partner(spec)
        for name, person, role, email, phone in CONTACTS:
            services.contact_person_add(
                actor=self.actor,
                partner=self.partners[name],
                data=services.ContactInput(
                    name=person,
                    role=role,
                    email=email,
                    phone=phone,
                    consent_given_on=self.today - timedelta(days=self.rng.randint(30, 600)),
                    consent_how="Undertecknad samtyckesblankett, diarieförd",
                ),
            )
            self.ctx.count("partner contacts")
        # One contact person asked to be deleted: only the erasure entry stays.
        former = services.contact_person_add(
            actor=self.actor,
            partner=self.partners["Hyresgästföreningen Västerås"],
            data=services.ContactInput(
                name="Tidigare kontaktperson",
                email="tidigare@example.org",
                consent_given_on=self.today - timedelta(days=400),
                consent_how="E-post, diarieförd",
            ),
        )
        services.contact_person_erase(
            actor=self.actor, contact=former, requested_on=self.today - timedelta(days=20)
        )

    def _partner(self, spec: PartnerSpec) -> Partner:
        organisation = (
            Organisation.objects.filter(code=spec.organisation).first()
            if spec.organisation
            else None
        )
        partner = services.partner_create(
            actor=self.actor,
            organisation=organisation,
            data=services.PartnerInput(
                name=spec.name,
                kind=spec.kind,
                organisation_number=with_check_digit(spec.orgnr_base) if spec.orgnr_base else "",
                description=spec.description,
                areas=[
                    self.areas[f"district-{d}"]
                    for d in spec.districts
                    if f"district-{d}" in self.areas
                ],
                focus_areas=[self.focus[f] for f in spec.focus if f in self.focus],
                takes_part_in_dialogue=spec.in_dialogue,
            ),
        )
        self.ctx.count("partners")
        return partner

    def logins(self) -> None:
        for username, first, last, title, partner_name in PARTNER_LOGINS:
            if not User.objects.filter(username=username).exists():
                accounts_services.user_create(
                    actor=self.actor,
                    username=username,
                    password=demo_password(username),
                    first_name=first,
                    last_name=last,
                    title=title,
                    organisation=self.partners[partner_name].organisation,
                    role=Role.PARTNER,
                )
                self.ctx.count("users")
            self.ctx.logins.append(
                DemoLogin(
                    role=Role.PARTNER,
                    username=username,
                    password=demo_password(username),
                    title=f"{title}, {partner_name}",
                )
            )

    def dialogue(self, forum: Council) -> None:
        in_dialogue = [p for p in self.partners.values() if p.takes_part_in_dialogue]
        always = [self.partners[name] for *_, name in PARTNER_LOGINS]
        pool = list(CONTRIBUTIONS)
        recommendations = list(RECOMMENDATIONS)
        calendar = list(Meeting.objects.filter(council=forum).order_by("starts_at"))
        held = [m for m in calendar if m.status in HELD]
        for index, cal in enumerate(calendar):
            meeting = self._meeting(forum, cal, index, in_dialogue, always)
            if cal.status not in HELD:
                continue
            made = [self._contribution(meeting, pool) for _ in range(3) if pool]
            # One or two recommendations per held meeting; the last takes what is left.
            take = len(recommendations) if cal == held[-1] else 1 + (index % 2)
            for _ in range(min(take, len(recommendations))):
                self._recommendation(meeting, made, recommendations.pop(0))
        self._outside_meetings()

    def _meeting(
        self,
        forum: Council,
        cal: Meeting,
        index: int,
        in_dialogue: list[Partner],
        always: list[Partner],
    ) -> DialogueMeeting:
        themes = [THEMES[(2 * index) % len(THEMES)], THEMES[(2 * index + 1) % len(THEMES)]]
        status = _STATUS.get(cal.status, DialogueMeetingStatus.PLANNED)
        others = [p for p in in_dialogue if p not in always]
        participants = always + self.rng.sample(others, k=min(len(others), 8 + index % 5))
        meeting = services.dialogue_meeting_create(
            actor=self.actor,
            forum=forum,
            data=services.MeetingInput(
                title=f"Värna dialogmöte: {themes[0].lower()}",
                held_on=cal.first_day,
                status=status,
                place=cal.location,
                participants=participants,
                themes=themes,
                council_meeting=cal,
                summary=(
                    "Parterna delade sina iakttagelser om temana och enades om "
                    "rekommendationer till Trygghetsrådet."
                    if status == DialogueMeetingStatus.HELD
                    else ""
                ),
            ),
        )
        self.ctx.count("dialogue meetings")
        return meeting

    def _contribution(self, meeting: DialogueMeeting, pool: list[Any]) -> Any:
        kind, title, text, district, focus = pool.pop(0)
        participants = list(meeting.participants.all())
        themes = list(meeting.themes.all())
        contribution = services.contribution_create(
            actor=self.actor,
            data=services.ContributionInput(
                kind=kind,
                title=title,
                text=text,
                given_on=meeting.held_on,
                partner=self.rng.choice(participants),
                meeting=meeting,
                theme=self.rng.choice(themes) if themes else None,
                area=self.areas.get(f"district-{district}") if district else None,
                focus_area=self.focus.get(focus) if focus else None,
            ),
        )
        self.ctx.count("contributions")
        return contribution

    def _recommendation(
        self, meeting: DialogueMeeting, made: list[Any], spec: tuple[str, str, str, str]
    ) -> None:
        title, text, response, reason = spec
        council = Council.objects.get(slug=TR)
        recommendation = services.recommendation_create(
            actor=self.actor,
            meeting=meeting,
            to_council=council,
            title=title,
            text=text,
            contributions=made[:2],
        )
        self.ctx.count("recommendations")
        self._respond(recommendation, council, response, reason)

    def _respond(
        self, recommendation: Recommendation, council: Council, response: str, reason: str
    ) -> None:
        day = min(recommendation.meeting.held_on + timedelta(days=RESPONSE_AFTER_DAYS), self.today)
        if response == "decision":
            decision = Decision.objects.filter(meeting__council=council, title=recommendation.title)
            found = decision.select_related("meeting").first()
            if found is not None:
                services.recommendation_respond(
                    actor=self.actor,
                    recommendation=recommendation,
                    response="accepted",
                    decision=found,
                    responded_on=max(
                        min(found.meeting.first_day, self.today), recommendation.meeting.held_on
                    ),
                )
                return
            response, reason = "noted", "Rådet tar upp frågan vid ett kommande möte."
        if response == "agenda":
            upcoming = (
                Meeting.objects.filter(
                    council=council, status=MeetingStatus.PLANNED, starts_at__gt=timezone.now()
                )
                .order_by("starts_at")
                .first()
            )
            if upcoming is None:
                return
            services.recommendation_respond(
                actor=self.actor,
                recommendation=recommendation,
                response="accepted",
                agenda_meeting=upcoming,
                responded_on=day,
            )
            return
        if response in ("noted", "declined"):
            services.recommendation_respond(
                actor=self.actor,
                recommendation=recommendation,
                response=response,
                reason=reason,
                responded_on=day,
            )

    def _outside_meetings(self) -> None:
        nattvandrarna = self.partners["Nattvandrarna Västerås"]
        services.contribution_create(
            actor=User.objects.get(username=PARTNER_LOGINS[0][0]),
            data=services.ContributionInput(
                kind="observation",
                title="Stökigt vid resecentrum efter matcher",
                text="Efter hemmamatcherna samlas större grupper vid resecentrum till sent.",
                given_on=self.today - timedelta(days=6),
                partner=nattvandrarna,
                area=self.areas.get("district-centrum"),
                focus_area=self.focus.get("youth"),
            ),
        )
        self.ctx.count("contributions")
        for offset, (title, text, district, focus) in enumerate(CITIZEN_DIALOGUES):
            services.contribution_create(
                actor=self.actor,
                data=services.ContributionInput(
                    source="citizen_dialogue",
                    kind="observation",
                    title=title,
                    text=text,
                    given_on=self.today - timedelta(days=60 + 150 * offset),
                    area=self.areas.get(f"district-{district}"),
                    focus_area=self.focus.get(focus),
                ),
            )
            self.ctx.count("contributions")


def build(ctx: DemoContext) -> None:
    if Role.COORDINATOR not in ctx.users:
        ctx.note("partners: the accounts demo is missing; no partners built.")
        return
    if Partner.objects.filter(name=PARTNERS[0].name).exists():
        # Built before; only the logins are listed again.
        ctx.logins.extend(_logins_again())
        return
    builder = _Builder(ctx)
    builder.partners_and_contacts()
    builder.logins()
    forum = Council.objects.filter(slug=VARNA).first()
    if forum is None:
        ctx.note("partners: the governance demo is missing; no dialogue built.")
        return
    builder.dialogue(forum)


def _logins_again() -> list[DemoLogin]:
    return [
        DemoLogin(
            role=Role.PARTNER,
            username=username,
            password=demo_password(username),
            title=f"{title}, {partner}",
        )
        for username, _first, _last, title, partner in PARTNER_LOGINS
    ]
