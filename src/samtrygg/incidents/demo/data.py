"""What the synthetic incidents are made of: rhythms, profiles of what happens where,
descriptions, and the demo's intervention in Bäckby.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

DEMO_PREFIX = "demo-"
DAYS = 730
FULL_SIZE = 30_000
QUICK_SIZE = 2_000
BACKBY = "district-backby"


def _intervention_date(today: dt.date) -> dt.date:
    year_before = today - dt.timedelta(days=365)
    return year_before.replace(day=1)


#: The demo's intervention (reused by the action plan's demo): from this date on, incidents
#: in Bäckby drop by about half, and a part of them moves to the ring around Bäckby. The
#: date is the first day of the month one year before the demo's last day (today).
DEMO_INTERVENTION: dict[str, Any] = {
    "district_code": BACKBY,
    "date": _intervention_date(dt.date.today()),
    "drop": 0.5,
    "displaced_share": 0.3,
    "buffer_m": 700,
}

POLICE_EVENTS = Path(__file__).parent.parent / "demo_data" / "polisen_events_vasteras_2024-01.json"

# --- rhythms ----------------------------------------------------------------------------------
_H = np.array
HOURS = {
    "day": _H([1, 1, 1, 1, 1, 2, 4, 7, 10, 11, 11, 11, 10, 10, 10, 9, 8, 6, 5, 4, 3, 2, 2, 1]),
    "evening": _H([4, 3, 2, 1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 6, 7, 9, 11, 13, 14, 14, 12, 9, 6]),
    "night": _H([12, 11, 9, 6, 3, 2, 1, 1, 1, 1, 2, 2, 3, 3, 3, 3, 4, 5, 6, 7, 9, 11, 13, 14]),
    "burglary": _H([5, 5, 5, 4, 3, 2, 2, 3, 5, 7, 8, 8, 8, 8, 8, 7, 6, 5, 4, 4, 4, 4, 4, 5]),
    "shopping": _H(
        [1, 1, 1, 1, 1, 1, 1, 2, 4, 7, 10, 12, 12, 12, 12, 12, 12, 11, 9, 7, 4, 2, 1, 1]
    ),
}
WEEKDAYS = {  # Monday … Sunday
    "plain": _H([1.0, 1.0, 1.0, 1.05, 1.2, 1.3, 1.0]),
    "nightlife": _H([0.5, 0.5, 0.6, 0.9, 1.7, 2.1, 0.9]),
    "shopping": _H([0.9, 0.9, 0.9, 1.0, 1.2, 1.6, 1.1]),
}
SEASONS = {  # January … December
    "plain": _H([0.9, 0.85, 0.95, 1.0, 1.1, 1.15, 1.2, 1.15, 1.05, 1.0, 0.95, 0.9]),
    "summer": _H([0.6, 0.6, 0.8, 1.0, 1.3, 1.5, 1.6, 1.5, 1.1, 0.9, 0.7, 0.6]),
    "dark": _H([1.2, 1.1, 1.0, 0.9, 0.85, 0.8, 0.85, 0.9, 0.95, 1.1, 1.2, 1.3]),
}

# --- what happens where -----------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    name: str
    share: float
    categories: dict[str, float]
    hours: str
    weekdays: str
    season: str
    #: Place names with weights (hotspots), or empty for districts by population.
    places: dict[str, float]
    spread_m: float
    sources: dict[str, float]


PROFILES = (
    Profile(
        "residential",
        0.46,
        {
            "skadegorelse": 0.18,
            "klotter": 0.15,
            "nedskrapning": 0.14,
            "ordningsstorning": 0.07,
            "stold": 0.11,
            "fordon": 0.1,
            "brand": 0.04,
            "hot": 0.03,
            "vald": 0.02,
            "otrygg-sikt": 0.05,
            "otrygg-ode": 0.04,
            "otrygg-belysning": 0.07,
        },
        "day",
        "plain",
        "plain",
        {},
        0.0,
        {
            "mimer": 0.42,
            "stadsdelsfast": 0.25,
            "bevakning-malardalen": 0.12,
            "fritid-vasteras": 0.08,
            "lpo-vasteras": 0.13,
        },
    ),
    Profile(
        "centre-evenings",
        0.13,
        {
            "ordningsstorning": 0.28,
            "vald": 0.18,
            "hot": 0.1,
            "narkotika": 0.1,
            "stold": 0.16,
            "skadegorelse": 0.1,
            "otrygga-grupperingar": 0.05,
            "ran": 0.03,
        },
        "night",
        "nightlife",
        "plain",
        {"Stora torget": 0.45, "Västerås resecentrum": 0.35, "Vasaparken": 0.2},
        130.0,
        {"city-vasteras": 0.35, "bevakning-malardalen": 0.3, "lpo-vasteras": 0.35},
    ),
    Profile(
        "suburban-centres",
        0.17,
        {
            "otrygga-grupperingar": 0.24,
            "skadegorelse": 0.14,
            "brand": 0.12,
            "narkotika": 0.12,
            "hot": 0.08,
            "vald": 0.06,
            "klotter": 0.1,
            "nedskrapning": 0.08,
            "ran": 0.04,
            "skjutning-sprangning": 0.02,
        },
        "evening",
        "plain",
        "summer",
        {
            "Bäckby centrum": 0.42,
            "Bäckbyskolans skolgård": 0.14,
            "Råby centrum": 0.24,
            "Skallbergstorget": 0.1,
            "Pettersbergs centrum": 0.1,
        },
        140.0,
        {"mimer": 0.3, "stadsdelsfast": 0.15, "fritid-vasteras": 0.3, "lpo-vasteras": 0.25},
    ),
    Profile(
        "shopping",
        0.05,
        {"stold": 0.45, "fordon": 0.3, "skadegorelse": 0.1, "ordningsstorning": 0.1, "ran": 0.05},
        "shopping",
        "shopping",
        "plain",
        {"Erikslund shopping": 1.0},
        260.0,
        {"bevakning-malardalen": 0.6, "lpo-vasteras": 0.4},
    ),
    Profile(
        "summer-nights",
        0.05,
        {
            "nedskrapning": 0.35,
            "brand": 0.25,
            "ordningsstorning": 0.25,
            "otrygga-grupperingar": 0.15,
        },
        "evening",
        "nightlife",
        "summer",
        {"Lögarängen": 0.6, "Vasaparken": 0.4},
        150.0,
        {"fritid-vasteras": 0.5, "city-vasteras": 0.2, "lpo-vasteras": 0.3},
    ),
)
#: Burglary chains: this share of the rows are first burglaries; each brings more nearby.
BURGLARY_SHARE = 0.06
BURGLARY_CATEGORIES = {"inbrott-bostad": 0.55, "inbrott-forrad": 0.35, "inbrott-lokal": 0.1}
BURGLARY_SOURCES = {"mimer": 0.45, "stadsdelsfast": 0.25, "lpo-vasteras": 0.3}
POLICE_CATEGORIES = {"vald", "hot", "ran", "narkotika", "skjutning-sprangning", "dodligt-vald"}

DESCRIPTIONS = {
    "skadegorelse": [
        "Krossad ruta i trapphuset.",
        "Sönderslagen parkbänk.",
        "Uppbruten dörr till soprum.",
    ],
    "klotter": [
        "Klotter på fasaden vid entrén.",
        "Nya taggar på elskåpet.",
        "Klotter i gångtunneln.",
    ],
    "brand": [
        "Brand i papperskorg, släckt.",
        "Brand i container på gården.",
        "Bilbrand på parkeringen.",
    ],
    "nedskrapning": [
        "Mycket skräp vid återvinningsstationen.",
        "Nedskräpat efter helgen.",
        "Dumpade möbler vid vägen.",
    ],
    "ordningsstorning": [
        "Högljudd grupp, störde de boende.",
        "Bråk utanför krogen.",
        "Fyrverkerier mot fasaden.",
    ],
    "otrygga-grupperingar": [
        "Grupp ungdomar samlas kvällstid, de boende känner oro.",
        "Grupp i trapphuset.",
        "Samling vid busshållplatsen sent på kvällen.",
    ],
    "hot": ["Hot mot personal i butiken.", "Hotfull stämning vid torget."],
    "vald": ["Misshandel utanför restaurangen.", "Slagsmål vid busshållplatsen."],
    "ran": ["Rån vid gångtunneln.", "Personrån vid cykelbanan."],
    "skjutning-sprangning": ["Smällar som liknade skott.", "Detonation vid entrén."],
    "inbrott-bostad": ["Inbrott i lägenhet, dörren uppbruten.", "Inbrottsförsök i radhus."],
    "inbrott-forrad": ["Inbrott i källarförråd.", "Flera förråd uppbrutna."],
    "inbrott-lokal": ["Inbrott i föreningslokalen.", "Inbrott i butik nattetid."],
    "stold": ["Cykelstöld från cykelstället.", "Stöld ur butik."],
    "fordon": ["Inbrott i bil, ruta krossad.", "Stulen moped."],
    "narkotika": ["Misstänkt narkotikaförsäljning.", "Sprutor hittade vid lekplatsen."],
    "otrygg-belysning": ["Trasig belysning på gångvägen.", "Mörk passage, lamporna ur funktion."],
    "otrygg-sikt": ["Buskage skymmer sikten vid gångvägen.", "Igenvuxen stig."],
    "otrygg-ode": ["Öde gångtunnel kvällstid.", "Avskild parkering utan folk."],
}
STREETS = [
    "Stora gatan",
    "Vasagatan",
    "Kopparbergsvägen",
    "Bäckbyvägen",
    "Råbyvägen",
    "Skultunavägen",
    "Malmabergsgatan",
    "Pettersbergsgatan",
]
FEEDBACK = [
    "Tack! Fastighetsskötaren har åtgärdat det.",
    "Vi har lagt in en arbetsorder.",
    "Lampan är utbytt.",
    "Klottret är sanerat.",
    "Tas upp på veckans EST-möte.",
    "Polisen och fältgruppen har fått informationen.",
]
