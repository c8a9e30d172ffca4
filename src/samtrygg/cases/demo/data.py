"""The demo's cases. Every personal identity number is one of Skatteverket's published test
numbers (testpersonnummer, the 2000–2009 series and 1985-01-01), never a real person's;
the names are made up. Dates are days before the day the demo is built."""

from __future__ import annotations

from dataclasses import dataclass, field

#: The demo's second case worker, on the exit programme's cases.
EXIT_WORKER = ("avhopp", "avhopparsamordnare")
#: The exit programme's worker's name (first, last).
EXIT_WORKER_NAME = ("Nadia", "Rahimi")
CASE_ORGANISATION = "iff-forvaltning"
POLICE_ORGANISATION = "lpo-vasteras"


@dataclass(frozen=True)
class Person:
    name: str
    identity_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""


@dataclass(frozen=True)
class ConsentSpec:
    agencies: tuple[str, ...]
    given_days_ago: int
    valid_days: int
    purpose: str
    withdrawn_days_ago: int | None = None
    signed_form: bool = False


@dataclass(frozen=True)
class CaseSpec:
    key: str
    programme: str
    coordinator: str  # "handlaggare" or "avhopp"
    reason: str
    status: str
    opened_days_ago: int
    subject: Person
    guardians: tuple[Person, ...] = ()
    consents: tuple[ConsentSpec, ...] = ()
    police_on_team: bool = False
    closed: tuple[int, str] | None = None  # (days ago, outcome)
    closed_on: str = ""  # an ISO date, for cases long past (retention)
    legal_hold: bool = False
    plan_days_after_opening: int | None = None
    goals: tuple[str, ...] = ()
    actions: tuple[tuple[str, int], ...] = ()  # (what, due: days from today; < 0 is past)
    meeting: str = ""
    notes: tuple[str, ...] = ()
    risk: dict[str, str] = field(default_factory=dict)
    risk_summary: str = ""
    threat: tuple[str, str, bool, bool, bool] | None = None  # level, text, conditions
    disclosures: tuple[tuple[str, str, str, str], ...] = ()  # agency, basis, what, why


S, V, E = "sspf", "victim_support", "exit_programme"

CASES: tuple[CaseSpec, ...] = (
    CaseSpec(
        key="sspf-1",
        programme=S,
        coordinator="handlaggare",
        reason="truancy",
        status="active",
        opened_days_ago=360,
        subject=Person("Noah Lindqvist", "200812202398", "070-010 20 01"),
        guardians=(
            Person("Sara Lindqvist", "198501012382", "070-010 20 02", "sara.l@example.se"),
            Person("Johan Lindqvist", "198501012390", "070-010 20 03"),
        ),
        consents=(
            ConsentSpec(
                ("school", "social_services", "leisure", "police"),
                given_days_ago=351,
                valid_days=365,
                purpose="Samverkan inom SSPF kring skolgång, fritid och oro för brott.",
                signed_form=True,
            ),
        ),
        police_on_team=True,
        plan_days_after_opening=18,
        goals=("Närvaro i skolan minst 80 procent", "En meningsfull fritidsaktivitet varje vecka"),
        actions=(
            ("Möte med mentor och elevhälsa", -9),
            ("Prova på boxning med fältassistent", 12),
        ),
        meeting="Närvaron har ökat. Fortsatt kontakt med elevhälsan.",
        notes=(
            "Första samtalet med familjen. Vårdnadshavarna positiva till SSPF.",
            "Skolan rapporterar bättre närvaro de senaste två veckorna.",
        ),
        risk={"school_absence": "high", "criminal_peers": "medium", "no_leisure": "medium"},
        risk_summary="Hög frånvaro sedan hösten; nya kamrater med koppling till brott.",
        disclosures=(
            (
                "school",
                "consent",
                "Uppgift om insatser från socialtjänsten",
                "Samordna stöd i skolan",
            ),
            ("police", "osl-10-18a", "Oro för att den unge ska begå brott", "Förhindra brott"),
        ),
    ),
    CaseSpec(
        key="sspf-2",
        programme=S,
        coordinator="handlaggare",
        reason="drug_signs",
        status="assessment",
        opened_days_ago=30,
        subject=Person("Alva Berg", "200901142380"),
        guardians=(Person("Maria Berg", phone="070-010 20 11"),),
        consents=(
            ConsentSpec(("school", "leisure"), 25, 365, "Samverkan kring skola och fritid."),
        ),
        notes=("Skolsköterskan har uppmärksammat tecken på droganvändning.",),
        risk={"substance_use": "medium", "mental_health": "medium"},
    ),
    CaseSpec(
        key="sspf-3",
        programme=S,
        coordinator="handlaggare",
        reason="criminal_peers",
        status="active",
        opened_days_ago=200,
        subject=Person("Omar Haddad", "200812212397"),
        consents=(
            ConsentSpec(
                ("school", "police"),
                given_days_ago=190,
                valid_days=365,
                purpose="Samverkan med skola och polis.",
                withdrawn_days_ago=20,
            ),
            ConsentSpec(("school",), 19, 365, "Samverkan med skolan."),
        ),
        police_on_team=True,
        plan_days_after_opening=40,
        goals=("Bryta kontakten med den kriminella kretsen",),
        actions=(("Motiverande samtal varannan vecka", 5),),
        notes=("Samtycket för polisen återkallat efter samtal med familjen.",),
        risk={"criminal_peers": "high", "violence": "medium"},
    ),
    CaseSpec(
        key="sspf-4",
        programme=S,
        coordinator="handlaggare",
        reason="police_notification",
        status="intake",
        opened_days_ago=5,
        subject=Person("Wilma Sjöberg", "200903152395"),
    ),
    CaseSpec(
        key="sspf-5",
        programme=S,
        coordinator="handlaggare",
        reason="truancy",
        status="active",
        opened_days_ago=400,
        subject=Person("Lucas Ekström", "200812232387"),
        consents=(ConsentSpec(("school",), 398, 365, "Samverkan kring skolgång."),),
        plan_days_after_opening=21,
        goals=("Gå ut nian med godkända betyg",),
        closed=(60, "goals_met"),
    ),
    CaseSpec(
        key="sspf-6",
        programme=S,
        coordinator="handlaggare",
        reason="suspected_offence",
        status="paused",
        opened_days_ago=250,
        subject=Person("Ella Nyström", "200902062389"),
        consents=(ConsentSpec(("school", "leisure"), 245, 365, "Samverkan."),),
        plan_days_after_opening=35,
        goals=("Stöd från fältassistent",),
    ),
    CaseSpec(
        key="victim-1",
        programme=V,
        coordinator="handlaggare",
        reason="close_relationship_violence",
        status="active",
        opened_days_ago=90,
        subject=Person("Amira Hassan", "200003152394", address="Skyddad adress"),
        consents=(ConsentSpec(("health_care", "housing"), 88, 365, "Stöd i boende och vård."),),
        plan_days_after_opening=10,
        goals=("Tryggt boende",),
        actions=(("Ansökan om skyddat boende följs upp", -2),),
        risk={"perpetrator_threat": "high", "children_in_household": "medium"},
        risk_summary="Hot från tidigare partner; kontaktförbud sökt.",
        disclosures=(("housing", "consent", "Behov av nytt boende", "Trygg bostad snabbt"),),
    ),
    CaseSpec(
        key="victim-2",
        programme=V,
        coordinator="handlaggare",
        reason="threats",
        status="assessment",
        opened_days_ago=14,
        subject=Person("Linnea Holm", "200106152390"),
        risk={"repeat_victimisation": "medium", "isolation": "low"},
    ),
    CaseSpec(
        key="victim-3",
        programme=V,
        coordinator="handlaggare",
        reason="hate_crime",
        status="active",
        opened_days_ago=300,
        subject=Person("Peter Strand", "200010202380"),
        closed=(100, "partly_met"),
    ),
    CaseSpec(
        key="exit-1",
        programme=E,
        coordinator="avhopp",
        reason="own_request",
        status="active",
        opened_days_ago=150,
        subject=Person("Dennis Kaya", "200005232392", "070-010 20 21"),
        consents=(
            ConsentSpec(
                ("exit_partners", "housing", "police"), 140, 365, "Stöd för att lämna nätverket."
            ),
        ),
        police_on_team=True,
        plan_days_after_opening=20,
        goals=("Eget boende i annan kommun", "Sysselsättning"),
        actions=(("Kontakt med Arbetsförmedlingen", 10),),
        risk={"network_threat": "high", "debts": "medium", "housing": "high"},
        threat=("high", "Hot från tidigare nätverk bedöms som konkret.", True, True, True),
        disclosures=(("police", "consent", "Uppgift om flytt", "Polisens hotbedömning"),),
    ),
    CaseSpec(
        key="exit-2",
        programme=E,
        coordinator="avhopp",
        reason="referral_prison_probation",
        status="assessment",
        opened_days_ago=40,
        subject=Person("Robin Aho", "200007082381"),
        risk={"substance_use": "high", "income": "medium"},
        threat=("medium", "Oklar hotbild.", True, False, False),
    ),
    CaseSpec(
        key="exit-3",
        programme=E,
        coordinator="avhopp",
        reason="referral_police",
        status="active",
        opened_days_ago=0,
        subject=Person("Jonas Virtanen", "200103012381"),
        closed_on="2020-03-01",
        legal_hold=True,
    ),
    CaseSpec(
        key="exit-old",
        programme=E,
        coordinator="avhopp",
        reason="own_request",
        status="active",
        opened_days_ago=0,
        subject=Person("Mikael Öberg", "200001012384"),
        closed_on="2019-06-10",
    ),
)
