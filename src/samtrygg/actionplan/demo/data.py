"""The demo action plan's interventions, and the titles the other parts look for."""

from __future__ import annotations

from dataclasses import dataclass

from samtrygg.actionplan.models import InterventionStatus

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
