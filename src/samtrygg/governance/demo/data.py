"""The demo councils: seats, agenda topics, decisions and their outcomes, goals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from samtrygg.governance.models import (
    BodyPosition,
    CouncilKind,
    DecisionStatus,
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
#: Recommendations of Värna that Trygghetsrådet accepted and took as its own decisions
#: (Värna is a dialogue forum and decides nothing; its recommendations, contributions and
#: the council's responses are built by the partners demo).
TR_DECISIONS_FROM_VARNA = [
    (
        "Klotter saneras inom 48 timmar",
        "Fastighetsägarna sanerar anmält klotter inom 48 timmar (på rekommendation från "
        "Värna Västerås).",
        "stadsdelsfast",
        None,
        90,
    ),
    (
        "Fler nattvandrare under helger",
        "Nattvandrarna värvar fler vuxna till helgkvällarna med stöd av kommunen (på "
        "rekommendation från Värna Västerås).",
        "nattvandrarna",
        None,
        150,
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
