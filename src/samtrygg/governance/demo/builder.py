"""The governance demo builder: ``build(ctx)`` builds each council once."""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from samtrygg.accounts.models import Organisation, User
from samtrygg.core.demo_support import DemoContext
from samtrygg.core.roles import Role
from samtrygg.governance import services
from samtrygg.governance.demo.data import (
    FOLLOW_UP_TEXT,
    LINKS,
    OUTCOMES,
    POSITION_TITLES,
    PRESIDIA,
    PROGRESS_TEXT,
    SPECS,
    TR,
    TR_DECISIONS,
    TR_DECISIONS_FROM_VARNA,
    TR_GOALS,
    TR_TOPICS,
    VARNA,
    VARNA_GOALS,
    VARNA_SEATS,
    VARNA_TOPICS,
    B,
    CouncilSpec,
)
from samtrygg.governance.models import (
    AgendaItem,
    AttendanceStatus,
    Council,
    CouncilSeat,
    DecisionStatus,
    FocusArea,
    GeneratedDocument,
    Meeting,
    MeetingStatus,
    SeatRole,
)


def _mandate_start(year: int) -> date:
    """Swedish municipal terms start on 1 January after an election (2023, 2027, …)."""
    return date(2023 + 4 * ((year - 2023) // 4), 1, 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int = 2) -> date:
    first = date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + timedelta(days=offset + 7 * (n - 1))


def build(ctx: DemoContext) -> None:
    orgs = {o.code: o for o in Organisation.objects.all()}
    if "ks-vasteras" not in orgs:
        ctx.note("governance: the accounts demo is missing; no councils built.")
        return
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["samordnare", "polis", "ledamot", "rapportor"])
    }
    with translation.override(settings.LANGUAGE_CODE):
        builder = _Builder(ctx, orgs, users)
        for slug in (TR, VARNA):
            builder.council(SPECS[slug])


class _Builder:
    def __init__(
        self, ctx: DemoContext, orgs: dict[str, Organisation], users: dict[str, Any]
    ) -> None:
        self.ctx = ctx
        self.orgs = orgs
        self.users = users
        self.today = timezone.localdate()
        self.term_start = _mandate_start(self.today.year - 2)
        # Through the next term: the demo's meetings run into it, and a council listing two
        # of its fourteen members at its first meeting of the term misleads.
        self.term_end = date(_mandate_start(self.today.year).year + 8, 1, 1) - timedelta(days=1)
        self.focus = {f.code: f for f in FocusArea.objects.all()}

    # --- council and seats -----------------------------------------------------------

    def council(self, spec: CouncilSpec) -> None:
        council = Council.objects.filter(slug=spec.slug).first()
        if council is None:
            council = services.council_create(
                actor=self.ctx.actor(Role.COORDINATOR),
                name=spec.name,
                slug=spec.slug,
                kind=spec.kind,
                purpose=spec.purpose,
                meetings_per_year_min=spec.target[0],
                meetings_per_year_max=spec.target[1],
            )
            self.ctx.count("councils")
        if not council.seats.exists():
            if spec.slug == TR:
                self._tr_seats(council)
            else:
                self._varna_seats(council)
        rng = random.Random(f"{self.ctx.seed}:{spec.slug}")
        if not council.meetings.exists():
            self._history(council, spec, rng)
        if not council.goals.exists():
            self._goals(council, spec, rng)
        if not self.ctx.quick and not GeneratedDocument.objects.filter(council=council).exists():
            self._documents(council)

    def _seat(self, council: Council, **kwargs: Any) -> CouncilSeat:
        seat = services.seat_create(
            actor=self.ctx.actor(Role.COORDINATOR), council=council, **kwargs
        )
        self.ctx.count("council seats")
        return seat

    def _tr_seats(self, council: Council) -> None:
        ks = self.orgs["ks-vasteras"]
        self._seat(
            council,
            role=SeatRole.CO_CHAIR,
            title="Kommunstyrelsens ordförande",
            organisation=ks,
            body_position=B.CHAIR,
            user=self.users.get("ledamot"),
            term_start=self.term_start,
            term_end=self.term_end,
        )
        self._seat(
            council,
            role=SeatRole.CO_CHAIR,
            title="Lokalpolisområdeschef",
            organisation=self.orgs["lpo-vasteras"],
            user=self.users.get("polis"),
            term_start=self.term_start,
        )
        for code, genitive in PRESIDIA:
            for position, label in POSITION_TITLES.items():
                if code == "ks-vasteras" and position == B.CHAIR:
                    continue  # the co-chair
                self._seat(
                    council,
                    role=SeatRole.MEMBER,
                    title=f"{genitive} {label}",
                    organisation=self.orgs[code],
                    body_position=position,
                    term_start=self.term_start,
                    term_end=self.term_end,
                )
        self._seat(
            council,
            role=SeatRole.SECRETARY,
            title="Brottsförebyggande samordnare, stadsledningskontoret",
            organisation=self.orgs["slk-vasteras"],
            user=self.users.get("samordnare"),
            term_start=self.term_start,
        )

    def _varna_seats(self, council: Council) -> None:
        for role, title, code, username in VARNA_SEATS:
            self._seat(
                council,
                role=role,
                title=title,
                organisation=self.orgs[code],
                user=self.users.get(username) if username else None,
                term_start=self.term_start,
            )

    # --- meetings, agendas, decisions --------------------------------------------------

    def _schedule(self, spec: CouncilSpec) -> list[tuple[datetime, datetime, bool]]:
        tz = timezone.get_current_timezone()
        window_start = self.today - timedelta(days=730)
        window_end = self.today + timedelta(days=200)
        slots = []
        for year in range(window_start.year, window_end.year + 1):
            months = sorted({*spec.months, *([spec.all_day_month] if spec.all_day_month else [])})
            for month in months:
                day = _nth_weekday(year, month, spec.weekday)
                if not window_start <= day <= window_end:
                    continue
                if month == spec.all_day_month:
                    start, end = services.all_day_span(day)
                    slots.append((start, end, True))
                else:
                    slots.append(
                        (
                            timezone.make_aware(datetime.combine(day, spec.hours[0]), tz),
                            timezone.make_aware(datetime.combine(day, spec.hours[1]), tz),
                            False,
                        )
                    )
        return slots

    def _history(self, council: Council, spec: CouncilSpec, rng: random.Random) -> None:
        now = timezone.now()
        slots = self._schedule(spec)
        past = [s for s in slots if s[1] <= now]
        cancel_index = len(past) // 2 if spec.slug == TR else None
        topics = TR_TOPICS if spec.slug == TR else VARNA_TOPICS
        # Värna decides nothing; two of its recommendations became the council's decisions.
        tr_pool = [*TR_DECISIONS[:12], *TR_DECISIONS_FROM_VARNA, *TR_DECISIONS[12:]]
        pool = tr_pool if spec.slug == TR else []
        plans: dict[int, tuple[str, int, int]] = {}  # decision id -> (outcome, after, seen)
        taken = 0
        for index, (start, end, all_day) in enumerate(slots):
            title = "Trygghetsdag" if all_day else ""
            meeting = services.meeting_create(
                actor=self.ctx.actor(Role.COORDINATOR),
                council=council,
                starts_at=start,
                ends_at=end,
                all_day=all_day,
                title=title,
                location=spec.location,
                uid=uuid.UUID(int=rng.getrandbits(128), version=4),
            )
            self.ctx.count("meetings")
            self._agenda(meeting, topics, index, rng)
            if end > now:
                continue
            if index == cancel_index:
                services.meeting_set_status(
                    actor=self.ctx.actor(Role.COORDINATOR),
                    meeting=meeting,
                    status=MeetingStatus.CANCELLED,
                    note="Inställt: för få ledamöter kunde delta.",
                )
                continue
            self._follow_ups(meeting, plans)
            per_meeting = 2 if spec.slug == TR else 1
            for _ in range(per_meeting):
                if not pool:
                    break
                title_, text, org_code, username, due_days = pool.pop(0)
                items = [i for i in meeting.agenda_items.all() if i.kind == "item"]
                decision = services.decision_create(
                    actor=self.ctx.actor(Role.COORDINATOR),
                    meeting=meeting,
                    agenda_item=items[min(2, len(items) - 1)] if items else None,
                    title=title_,
                    text=text,
                    rationale="Utifrån den gemensamma lägesbilden och rådets mål.",
                    owner_organisation=self.orgs.get(org_code),
                    owner_user=self.users.get(username) if username else None,
                    due_date=timezone.localdate(start) + timedelta(days=due_days),
                )
                outcome, after = OUTCOMES[taken % len(OUTCOMES)]
                plans[decision.pk] = (outcome, after, 0)
                taken += 1
                self.ctx.count("decisions")
            services.meeting_set_status(
                actor=self.ctx.actor(Role.COORDINATOR), meeting=meeting, status=MeetingStatus.HELD
            )
            self._attendance(meeting, rng)
            self._minutes(meeting, last=all(s[1] > now for s in past[index + 1 :]))

    def _agenda(
        self, meeting: Meeting, topics: list[tuple[str, str, str]], index: int, rng: random.Random
    ) -> None:
        first = services.agenda_item_create(
            actor=self.ctx.actor(Role.COORDINATOR),
            meeting=meeting,
            order=1,
            title="Mötets öppnande och val av justerare",
            presenter="Ordförande",
        )
        situation = services.agenda_item_create(
            actor=self.ctx.actor(Role.COORDINATOR),
            meeting=meeting,
            order=2,
            title="Lägesbild: brottsutvecklingen och tryggheten i Västerås",
            presenter="Trygghetsanalytiker och kommunpolis",
            description="Aktuell lägesbild från kommunen och polisen.",
        )
        services.attachment_add_link(
            actor=self.ctx.actor(Role.COORDINATOR),
            item=situation,
            title=LINKS[1][0],
            url=LINKS[1][1],
        )
        for offset in range(2):
            title, presenter, description = topics[(index * 2 + offset) % len(topics)]
            item = services.agenda_item_create(
                actor=self.ctx.actor(Role.COORDINATOR),
                meeting=meeting,
                title=title,
                presenter=presenter,
                description=description,
            )
            if offset == 0:
                link_title, url = LINKS[(index + offset) % len(LINKS)]
                services.attachment_add_link(
                    actor=self.ctx.actor(Role.COORDINATOR), item=item, title=link_title, url=url
                )
            if offset == 1 and index % 2 == 0:
                body = (
                    f"Tjänsteskrivelse: {title}\n\n{description}\n\n"
                    "Förslag till beslut: rådet noterar informationen.\n"
                ).encode()
                services.attachment_add_file(
                    actor=self.ctx.actor(Role.COORDINATOR),
                    item=item,
                    title=f"Tjänsteskrivelse – {title}",
                    upload=SimpleUploadedFile(
                        f"tjansteskrivelse-{meeting.first_day:%Y%m%d}.txt",
                        body,
                        content_type="text/plain",
                    ),
                )
        services.agenda_item_create(
            actor=self.ctx.actor(Role.COORDINATOR), meeting=meeting, title="Övriga frågor"
        )
        del first, rng

    def _follow_ups(self, meeting: Meeting, plans: dict[int, tuple[str, int, int]]) -> None:
        at = meeting.ends_at
        for item in AgendaItem.objects.filter(
            meeting=meeting, follow_up_of__isnull=False
        ).select_related("follow_up_of"):
            decision = item.follow_up_of
            assert decision is not None
            outcome, after, seen = plans.get(decision.pk, (DecisionStatus.OPEN, 0, 0))
            seen += 1
            plans[decision.pk] = (outcome, after, seen)
            if outcome == DecisionStatus.OPEN:
                status = None
            elif seen >= after:
                status = outcome
            else:
                status = DecisionStatus.IN_PROGRESS
            new = status if status and status != decision.status else None
            services.decision_follow_up(
                actor=self.ctx.actor(Role.COORDINATOR),
                decision=decision,
                text=FOLLOW_UP_TEXT[status or DecisionStatus.OPEN],
                status=new,
                meeting=meeting,
                at=at,
            )
            self.ctx.count("decision follow-ups")

    def _attendance(self, meeting: Meeting, rng: random.Random) -> None:
        day = meeting.first_day
        entries = {}
        for seat in CouncilSeat.objects.filter(council=meeting.council).order_by("pk"):
            if not seat.is_active_on(day):
                continue
            roll = rng.random()
            status = (
                AttendanceStatus.PRESENT
                if roll < 0.85
                else AttendanceStatus.EXCUSED
                if roll < 0.95
                else AttendanceStatus.ABSENT
            )
            entries[seat.pk] = (status, "")
        services.meeting_attendance_record(
            actor=self.ctx.actor(Role.COORDINATOR), meeting=meeting, entries=entries
        )

    def _minutes(self, meeting: Meeting, *, last: bool) -> None:
        lines = [
            f"Protokoll från {meeting.council.name}s sammanträde {meeting.first_day:%Y-%m-%d}.",
            "",
            "Närvarande: enligt närvarolistan.",
            "",
        ]
        for item in meeting.agenda_items.order_by("order"):
            lines.append(f"{item.order}. {item.title}")
            if item.follow_up_of_id:
                decision = item.follow_up_of
                assert decision is not None
                lines.append(f"   Status: {decision.get_status_display()}.")
            for decision in item.decisions.order_by("number"):
                lines.append(f"   Beslut § {decision.number}: {decision.text}")
        lines += ["", "Vid protokollet: brottsförebyggande samordnare."]
        services.meeting_minutes_update(
            actor=self.ctx.actor(Role.COORDINATOR),
            meeting=meeting,
            minutes="\n".join(lines),
            minutes_public=True,
            other_attendees="Trygghetsanalytiker, stadsledningskontoret (föredragande)",
        )
        if not last:
            services.meeting_set_status(
                actor=self.ctx.actor(Role.COORDINATOR),
                meeting=meeting,
                status=MeetingStatus.MINUTES_APPROVED,
                approved_on=meeting.first_day + timedelta(days=14),
            )

    # --- goals and documents -----------------------------------------------------------

    def _goals(self, council: Council, spec: CouncilSpec, rng: random.Random) -> None:
        year = self.today.year
        goals = TR_GOALS if spec.slug == TR else VARNA_GOALS
        held = list(
            Meeting.objects.filter(
                council=council, status__in=[MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED]
            ).order_by("starts_at")
        )
        for n, (focus, statement, baseline, target, years_ahead, assessments) in enumerate(goals):
            area = self.focus.get(focus)
            if area is None:
                continue
            goal = services.goal_create(
                actor=self.ctx.actor(Role.COORDINATOR),
                council=council,
                focus_area=area,
                statement=statement,
                baseline=baseline,
                target=target,
                target_date=date(year + years_ahead, 12, 31),
            )
            self.ctx.count("goals")
            for k, assessment in enumerate(assessments):
                if not held:
                    break
                meeting = held[min(len(held) - 1, (k + 1) * max(1, len(held) // 3) - 1)]
                services.goal_progress_add(
                    actor=self.ctx.actor(Role.COORDINATOR),
                    goal=goal,
                    assessment=assessment,
                    recorded_on=meeting.first_day,
                    text=PROGRESS_TEXT[assessment],
                )
                self.ctx.count("goal progress notes")
            del n
        del rng

    def _documents(self, council: Council) -> None:
        upcoming = (
            Meeting.objects.filter(
                council=council, status=MeetingStatus.PLANNED, starts_at__gte=timezone.now()
            )
            .order_by("starts_at")
            .first()
        )
        if upcoming is not None:
            services.meeting_pack_generate(actor=self.ctx.actor(Role.COORDINATOR), meeting=upcoming)
            self.ctx.count("meeting packs")
        if council.slug == TR:
            last_year = self.today.year - 1
            services.board_report_generate(
                actor=self.ctx.actor(Role.COORDINATOR),
                council=council,
                period_start=date(last_year, 1, 1),
                period_end=date(last_year, 12, 31),
            )
            self.ctx.count("board reports")
