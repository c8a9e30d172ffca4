"""Demo councils of a Västerås-like municipality: Trygghetsrådet and Värna Västerås.

Seats as the seed describes them (titles, not names): Trygghetsrådet co-chaired by the
chair of the executive board (demo user ``ledamot``) and the local police area chief
(``polis``), with the presidia of the executive board and of the compulsory-school, the
sport-leisure-prevention and the individual-and-family committees, and the coordinator
(``samordnare``) as secretary. Värna Västerås seats the demo's civil-society
organisations and businesses. About two years of meetings up to today and a couple
beyond, agendas with attachments, attendance, minutes, decisions in every status (some
overdue) followed up from meeting to meeting, and goals per focus area with progress.

Deterministic from ``ctx.seed`` (relative to today's date), idempotent: a second run
finds the councils built and returns after a few queries.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from samtrygg.accounts.models import Organisation, User
from samtrygg.core.demo_support import DemoContext
from samtrygg.governance import services
from samtrygg.governance.models import (
    AgendaItem,
    AttendanceStatus,
    BodyPosition,
    Council,
    CouncilKind,
    CouncilSeat,
    DecisionStatus,
    FocusArea,
    GeneratedDocument,
    Meeting,
    MeetingStatus,
    ProgressAssessment,
    SeatRole,
)

TR = "trygghetsradet"
VARNA = "varna-vasteras"
B = BodyPosition

# (code, genitive name used in titles)
PRESIDIA = [
    ("ks-vasteras", "Kommunstyrelsens"),
    ("gsn-vasteras", "Grundskolenämndens"),
    ("iff-vasteras", "Idrotts-, fritids- och förebyggandenämndens"),
    ("ifn-vasteras", "Individ- och familjenämndens"),
]
POSITION_TITLES = {
    B.CHAIR: "ordförande",
    B.FIRST_VICE_CHAIR: "1:e vice ordförande",
    B.SECOND_VICE_CHAIR: "2:e vice ordförande",
}

# Värna: (role, title, organisation code, user or None)
VARNA_SEATS: list[tuple[str, str, str, str | None]] = [
    (SeatRole.CHAIR, "Biträdande stadsdirektör", "slk-vasteras", None),
    (SeatRole.SECRETARY, "Brottsförebyggande samordnare", "slk-vasteras", "samordnare"),
    (SeatRole.MEMBER, "Kommunpolis", "lpo-vasteras", "polis"),
    (SeatRole.MEMBER, "Verksamhetsledare, Västerås Citysamverkan", "city-vasteras", None),
    (SeatRole.MEMBER, "Centrumchef, Erikslunds köpcentrum", "erikslund-kc", None),
    (SeatRole.MEMBER, "Regionchef, Bevakningsbolaget Mälardalen", "bevakning-malardalen", None),
    (SeatRole.MEMBER, "Områdesvärd, Bostads AB Mimer", "mimer", "rapportor"),
    (SeatRole.MEMBER, "Fastighetschef, Stadsdelsfastigheter", "stadsdelsfast", None),
    (SeatRole.MEMBER, "Ordförande, Nattvandrarna Västerås", "nattvandrarna", None),
    (
        SeatRole.MEMBER,
        "Verksamhetsledare, Brottsofferjouren Västmanland",
        "brottsofferjouren",
        None,
    ),
    (SeatRole.MEMBER, "Ordförande, Bäckby idrottsförening", "backby-if", None),
]

# Agenda topics: (title, presenter, description)
TR_TOPICS = [
    (
        "Skolans trygghetsarbete och frånvaro",
        "Grundskolechef",
        "Hur skolorna arbetar med trygghet och tidiga signaler om frånvaro.",
    ),
    (
        "Avhopparverksamheten – lägesrapport",
        "Samordnare för avhopparverksamheten",
        "Antal ärenden, samverkan med polisen och behov framåt.",
    ),
    (
        "Sommarinsatser för unga",
        "Fritidschef",
        "Fältverksamhet, fritidsgårdarnas öppettider och sommarjobb.",
    ),
    (
        "Brottsofferstödet i kommunen",
        "Enhetschef, individ- och familjeförvaltningen",
        "Hur stödet till särskilt utsatta brottsoffer är organiserat.",
    ),
    (
        "Samverkansöverenskommelsen med polisen – uppföljning",
        "Brottsförebyggande samordnare",
        "Genomgång av åtagandena i överenskommelsen från juni 2023.",
    ),
    (
        "Medborgarlöften för kommande år",
        "Kommunpolis",
        "Förslag till medborgarlöften tillsammans med polisen.",
    ),
    (
        "Trygghetsvandringar i Bäckby och Skallberget",
        "Brottsförebyggande samordnare",
        "Iakttagelser och åtgärder efter höstens trygghetsvandringar.",
    ),
    (
        "SSPF – samverkan skola, socialtjänst, polis, fritid",
        "SSPF-samordnare",
        "Arbetssätt och resultat för unga i riskzon.",
    ),
]
VARNA_TOPICS = [
    (
        "Trygghet i centrum under kvällstid",
        "Verksamhetsledare, Västerås Citysamverkan",
        "Erfarenheter från handeln och bevakningen.",
    ),
    (
        "Nattvandring i stadsdelarna",
        "Ordförande, Nattvandrarna Västerås",
        "Var och när nattvandrarna rör sig, och behov av fler vuxna.",
    ),
    (
        "Belysning och skötsel av utemiljöer",
        "Fastighetschef, Stadsdelsfastigheter",
        "Fastighetsägarnas åtgärder efter trygghetsvandringarna.",
    ),
    (
        "Föreningslivet som trygg plats för unga",
        "Ordförande, Bäckby idrottsförening",
        "Lovaktiviteter och samarbete med fritidsgårdarna.",
    ),
]

# Decisions: (title, text, owner organisation code, owner user or None, due in days)
TR_DECISIONS = [
    (
        "Gemensam lägesbild varje år",
        "Stadsledningskontoret och lokalpolisområdet tar fram en gemensam lägesbild varje år "
        "som underlag för rådets beslut.",
        "slk-vasteras",
        "samordnare",
        240,
    ),
    (
        "Utökad fältverksamhet i Bäckby",
        "Fältverksamheten utökas med kvällspass fredag och lördag i Bäckby under ett år.",
        "fritid-vasteras",
        None,
        120,
    ),
    (
        "Rutin för stöd till avhoppare",
        "Individ- och familjeförvaltningen tar fram en rutin för samordnat stöd till personer "
        "som vill lämna kriminella nätverk.",
        "iff-forvaltning",
        None,
        150,
    ),
    (
        "Belysning i gångtunnlar",
        "Stadsdelsfastigheter och Mimer förbättrar belysningen i gångtunnlarna vid Bäckby centrum.",
        "mimer",
        None,
        90,
    ),
    (
        "Medborgarlöfte om trygg centrummiljö",
        "Kommunen och polisen tar fram ett medborgarlöfte om trygghet i centrum.",
        "lpo-vasteras",
        "polis",
        180,
    ),
    (
        "Uppföljning av SSPF",
        "Individ- och familjeförvaltningen redovisar resultaten av SSPF-arbetet till rådet.",
        "iff-forvaltning",
        None,
        120,
    ),
    (
        "Kameraövervakning vid resecentrum",
        "Stadsledningskontoret utreder behovet av kameraövervakning vid resecentrum.",
        "slk-vasteras",
        None,
        150,
    ),
    (
        "Stöd till brottsofferjouren",
        "Kommunen undersöker ett idéburet offentligt partnerskap med Brottsofferjouren.",
        "slk-vasteras",
        "samordnare",
        200,
    ),
    (
        "Trygghetsvandringar varje höst",
        "Trygghetsvandringar genomförs varje höst i de prioriterade stadsdelarna.",
        "slk-vasteras",
        None,
        120,
    ),
    (
        "Lovaktiviteter för unga",
        "Fritidsverksamheten samordnar lovaktiviteter med föreningslivet.",
        "fritid-vasteras",
        None,
        100,
    ),
    (
        "Informationsdelning skola–socialtjänst",
        "Grundskoleförvaltningen och socialtjänsten tar fram en rutin för informationsdelning.",
        "iff-forvaltning",
        None,
        90,
    ),
    (
        "Redovisning till kommunstyrelsen",
        "Rådet rapporterar sitt arbete till kommunstyrelsen två gånger om året.",
        "slk-vasteras",
        "samordnare",
        60,
    ),
    (
        "Samverkan med bevakningsbolagen",
        "Polisen och kommunen bjuder in bevakningsbolagen till gemensamma veckomöten.",
        "lpo-vasteras",
        None,
        120,
    ),
    (
        "Föräldravandringar i skolområden",
        "Grundskolorna uppmuntrar föräldravandringar i samarbete med Nattvandrarna.",
        "nattvandrarna",
        None,
        150,
    ),
]
VARNA_DECISIONS = [
    (
        "Gemensamt kontaktnät i centrum",
        "Citysamverkan och polisen upprättar ett kontaktnät för handlare i centrum.",
        "city-vasteras",
        None,
        120,
    ),
    (
        "Klotter saneras inom 48 timmar",
        "Fastighetsägarna sanerar anmält klotter inom 48 timmar.",
        "stadsdelsfast",
        None,
        90,
    ),
    (
        "Fler nattvandrare under helger",
        "Nattvandrarna värvar fler vuxna till helgkvällarna med stöd av kommunen.",
        "nattvandrarna",
        None,
        150,
    ),
    (
        "Trygga mötesplatser i föreningslivet",
        "Bäckby IF håller öppen hall fredagskvällar under skolloven.",
        "backby-if",
        None,
        120,
    ),
    (
        "Information om brottsofferstöd",
        "Brottsofferjouren och kommunen tar fram gemensam information om stöd.",
        "brottsofferjouren",
        None,
        100,
    ),
]
#: What becomes of the n-th decision (in order taken): closes after how many follow-ups.
OUTCOMES: list[tuple[str, int]] = [
    (DecisionStatus.DONE, 1),
    (DecisionStatus.IN_PROGRESS, 1),
    (DecisionStatus.DONE, 2),
    (DecisionStatus.OPEN, 0),
    (DecisionStatus.CANCELLED, 1),
    (DecisionStatus.DONE, 1),
    (DecisionStatus.IN_PROGRESS, 2),
]

FOLLOW_UP_TEXT: dict[str, str] = {
    DecisionStatus.IN_PROGRESS: "Arbetet har påbörjats och redovisades för rådet.",
    DecisionStatus.DONE: "Genomfört. Rådet noterade redovisningen och avslutade beslutet.",
    DecisionStatus.CANCELLED: "Avslutas utan åtgärd: frågan hanteras i ordinarie budgetarbete.",
    DecisionStatus.OPEN: "Inte påbörjat; ansvarig återkommer till nästa sammanträde.",
}

LINKS = [
    ("Brå: Lokalt brottsförebyggande arbete", "https://bra.se/forebygga-brott.html"),
    (
        "Polisen: händelser i Västmanlands län",
        "https://polisen.se/aktuellt/handelser/vastmanlands-lan/",
    ),
    (
        "Lag (2023:196) om kommuners ansvar för brottsförebyggande arbete",
        "https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/"
        "lag-2023196-om-kommuners-ansvar-for_sfs-2023-196/",
    ),
]


@dataclass(frozen=True)
class CouncilSpec:
    slug: str
    name: str
    kind: str
    purpose: str
    target: tuple[int, int]
    months: tuple[int, ...]
    weekday: int  # Monday = 0
    hours: tuple[time, time]
    location: str
    all_day_month: int | None = None


SPECS = {
    TR: CouncilSpec(
        slug=TR,
        name="Trygghetsrådet",
        kind=CouncilKind.DECISION_COUNCIL,
        purpose=(
            "Strategiskt råd för trygghetsskapande och brottsförebyggande arbete. Rådet "
            "formulerar mål för arbetet, beslutar om gemensamma insatser utifrån den "
            "gemensamma lägesbilden och håller kommunstyrelsen informerad."
        ),
        target=(3, 4),
        months=(2, 5, 9, 11),
        weekday=3,
        hours=(time(13, 0), time(15, 0)),
        location="Stadshuset, sammanträdesrum Mälaren",
    ),
    VARNA: CouncilSpec(
        slug=VARNA,
        name="Värna Västerås",
        kind=CouncilKind.DIALOGUE_FORUM,
        purpose=(
            "Dialog om trygghet och brottslighet med civilsamhällets organisationer och "
            "näringslivet, som ett komplement till Trygghetsrådet."
        ),
        target=(2, 3),
        months=(3, 10),
        weekday=1,
        hours=(time(17, 30), time(19, 30)),
        location="Västerås Kongresscentrum",
        all_day_month=6,
    ),
}


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
    with translation.override("sv"):
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
        self.term_end = date(_mandate_start(self.today.year).year + 4, 1, 1) - timedelta(days=1)
        self.focus = {f.code: f for f in FocusArea.objects.all()}

    # --- council and seats -----------------------------------------------------------

    def council(self, spec: CouncilSpec) -> None:
        council = Council.objects.filter(slug=spec.slug).first()
        if council is None:
            council = services.council_create(
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
        seat = services.seat_create(council=council, **kwargs)
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
        pool = list(TR_DECISIONS if spec.slug == TR else VARNA_DECISIONS)
        plans: dict[int, tuple[str, int, int]] = {}  # decision id -> (outcome, after, seen)
        taken = 0
        for index, (start, end, all_day) in enumerate(slots):
            title = "Trygghetsdag" if all_day else ""
            meeting = services.meeting_create(
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
            services.meeting_set_status(meeting=meeting, status=MeetingStatus.HELD)
            self._attendance(meeting, rng)
            self._minutes(meeting, last=all(s[1] > now for s in past[index + 1 :]))

    def _agenda(
        self, meeting: Meeting, topics: list[tuple[str, str, str]], index: int, rng: random.Random
    ) -> None:
        first = services.agenda_item_create(
            meeting=meeting,
            order=1,
            title="Mötets öppnande och val av justerare",
            presenter="Ordförande",
        )
        situation = services.agenda_item_create(
            meeting=meeting,
            order=2,
            title="Lägesbild: brottsutvecklingen och tryggheten i Västerås",
            presenter="Trygghetsanalytiker och kommunpolis",
            description="Aktuell lägesbild från kommunen och polisen.",
        )
        services.attachment_add_link(item=situation, title=LINKS[1][0], url=LINKS[1][1])
        for offset in range(2):
            title, presenter, description = topics[(index * 2 + offset) % len(topics)]
            item = services.agenda_item_create(
                meeting=meeting, title=title, presenter=presenter, description=description
            )
            if offset == 0:
                link_title, url = LINKS[(index + offset) % len(LINKS)]
                services.attachment_add_link(item=item, title=link_title, url=url)
            if offset == 1 and index % 2 == 0:
                body = (
                    f"Tjänsteskrivelse: {title}\n\n{description}\n\n"
                    "Förslag till beslut: rådet noterar informationen.\n"
                ).encode()
                services.attachment_add_file(
                    item=item,
                    title=f"Tjänsteskrivelse – {title}",
                    upload=SimpleUploadedFile(
                        f"tjansteskrivelse-{meeting.first_day:%Y%m%d}.txt",
                        body,
                        content_type="text/plain",
                    ),
                )
        services.agenda_item_create(meeting=meeting, title="Övriga frågor")
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
        services.meeting_attendance_record(meeting=meeting, entries=entries)

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
            meeting=meeting,
            minutes="\n".join(lines),
            minutes_public=True,
            other_attendees="Trygghetsanalytiker, stadsledningskontoret (föredragande)",
        )
        if not last:
            services.meeting_set_status(
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
            services.meeting_pack_generate(meeting=upcoming)
            self.ctx.count("meeting packs")
        if council.slug == TR:
            last_year = self.today.year - 1
            services.board_report_generate(
                council=council,
                period_start=date(last_year, 1, 1),
                period_end=date(last_year, 12, 31),
            )
            self.ctx.count("board reports")


PROGRESS_TEXT = {
    ProgressAssessment.ON_TRACK: "Utvecklingen går åt rätt håll enligt senaste uppföljningen.",
    ProgressAssessment.AT_RISK: "Utvecklingen har stannat av; rådet följer frågan särskilt.",
    ProgressAssessment.OFF_TRACK: "Målet nås inte med nuvarande insatser; nya åtgärder behövs.",
    ProgressAssessment.ACHIEVED: "Målet är uppnått.",
}
P = ProgressAssessment
# (focus area, statement, baseline, target, years ahead, progress assessments in order)
TR_GOALS = [
    (
        "strategic",
        "Andelen invånare som känner sig trygga utomhus en sen kväll i sitt bostadsområde ska öka.",
        "64 procent (kommunens trygghetsmätning 2023).",
        "Minst 70 procent.",
        1,
        [P.ON_TRACK, P.AT_RISK, P.ON_TRACK],
    ),
    (
        "strategic",
        "Rådets beslut om nya insatser ska grunda sig på en gemensam lägesbild med polisen.",
        "Ingen gemensam lägesbild 2023.",
        "En gemensam lägesbild varje år.",
        0,
        [P.ON_TRACK, P.ON_TRACK],
    ),
    (
        "youth",
        "Färre unga ska dras in i kriminalitet.",
        "112 unga 15–20 år misstänkta för våldsbrott 2023 (polisens statistik).",
        "Minska med 20 procent.",
        1,
        [P.AT_RISK, P.OFF_TRACK, P.AT_RISK],
    ),
    (
        "victims",
        "Särskilt utsatta brottsoffer ska erbjudas stöd inom en vecka.",
        "I genomsnitt 19 dagar till första stödsamtal 2023.",
        "Nio av tio erbjuds stöd inom sju dagar.",
        1,
        [P.ON_TRACK, P.ON_TRACK],
    ),
    (
        "exit",
        "Den som vill lämna ett kriminellt nätverk ska erbjudas samordnat stöd inom 14 dagar.",
        "Ingen samordnad rutin 2023.",
        "Rutin på plats och alla erbjuds stöd inom 14 dagar.",
        0,
        [P.AT_RISK, P.ON_TRACK],
    ),
]
VARNA_GOALS = [
    (
        "strategic",
        "Civilsamhället och näringslivet ska delta i trygghetsarbetet i alla prioriterade "
        "stadsdelar.",
        "Deltagande i två av sex stadsdelar 2023.",
        "Deltagande i alla sex.",
        1,
        [P.ON_TRACK],
    ),
    (
        "youth",
        "Fler unga ska ha en trygg mötesplats på helgkvällar.",
        "Tre öppna verksamheter fredagskvällar 2023.",
        "Minst sex öppna verksamheter.",
        1,
        [P.AT_RISK],
    ),
]
