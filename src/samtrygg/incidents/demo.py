"""Demo incidents for Västerås: two years of synthetic reports ending today, and the real
police events of the test samples.

The synthetic data has what a lägesbild should find: a weekday and hour rhythm that
differs by kind of incident (nights in the centre, evenings at the suburban centres,
daytime reports of litter and graffiti), seasons (dark months bring lighting complaints
and burglaries, summer brings fires, litter and groups), stable hotspots (the centre in
the evening, Bäckby and Råby centres, the Erikslund shopping area), near-repeat burglary
chains (more burglaries within about 200 m and 14 days), and a visible drop in Bäckby
after the intervention date, with part of it displaced to the ring around Bäckby.

Deterministic for a seed and a date (the data ends today). Idempotent: once the demo rows
exist, a second run returns at once.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from django.db import transaction
from django.utils import timezone

from samtrygg.accounts.models import Organisation, User
from samtrygg.areas.models import Area, Place
from samtrygg.areas.spatial import AreaIndex, to_4326
from samtrygg.core.demo_support import DemoContext
from samtrygg.incidents.assignment import current_area_index
from samtrygg.incidents.bulk import IncidentColumns, IncidentWriter
from samtrygg.incidents.feedstore import PoliceEventsReader
from samtrygg.incidents.importer import import_chunks
from samtrygg.incidents.models import Category, FeedItem, FeedSource, Incident, SourceSystem
from samtrygg.incidents.taxonomy import install_defaults
from samtrygg.incidents.validation import local_to_utc

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

POLICE_EVENTS = Path(__file__).parent / "demo_data" / "polisen_events_vasteras_2024-01.json"

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


def _choice(rng: np.random.Generator, weights: dict[str, float], n: int) -> np.ndarray:
    keys = list(weights)
    p = np.array([weights[k] for k in keys], dtype=float)
    return np.array(keys, dtype=object)[rng.choice(len(keys), size=n, p=p / p.sum())]


def _local_times(
    rng: np.random.Generator, n: int, start: dt.date, hours: str, weekdays: str, season: str
) -> np.ndarray:
    """``n`` local wall-clock times in the ``DAYS`` days from ``start``, with the rhythm."""
    days = np.datetime64(start) + np.arange(DAYS).astype("timedelta64[D]")
    weekday = (days.astype(np.int64) + 3) % 7
    month = days.astype("datetime64[M]").astype(np.int64) % 12
    weight = WEEKDAYS[weekdays][weekday] * SEASONS[season][month]
    day = rng.choice(DAYS, size=n, p=weight / weight.sum())
    hour_weights = HOURS[hours].astype(float)
    hour = rng.choice(24, size=n, p=hour_weights / hour_weights.sum())
    minute = rng.integers(0, 60, size=n)
    return (
        days[day].astype("datetime64[m]")
        + hour.astype("timedelta64[h]")
        + minute.astype("timedelta64[m]")
    )


@dataclass
class Rows:
    x: np.ndarray
    y: np.ndarray
    local: np.ndarray
    category: np.ndarray
    source: np.ndarray

    def __len__(self) -> int:
        return len(self.x)

    @staticmethod
    def concat(parts: list[Rows]) -> Rows:
        return Rows(
            *(
                np.concatenate([getattr(p, f) for p in parts])
                for f in ("x", "y", "local", "category", "source")
            )
        )

    def take(self, mask: np.ndarray) -> Rows:
        return Rows(
            self.x[mask], self.y[mask], self.local[mask], self.category[mask], self.source[mask]
        )


def _inside(index: AreaIndex, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    inside = np.zeros(len(x), dtype=bool)
    points, _areas = index.pairs(x, y)
    inside[points] = True
    return inside


def _district_points(
    rng: np.random.Generator, n: int, districts: list[Area], index: AreaIndex
) -> tuple[np.ndarray, np.ndarray]:
    """Points in the districts, more where more people live."""
    population = np.array([a.population or 500 for a in districts], dtype=float) ** 0.9
    centres = [shapely.from_wkb(bytes(a.geometry_3006)) for a in districts]
    x = np.empty(0)
    y = np.empty(0)
    while len(x) < n:
        want = int((n - len(x)) * 1.3) + 10
        pick = rng.choice(len(districts), size=want, p=population / population.sum())
        cx = np.array([centres[i].centroid.x for i in pick])
        cy = np.array([centres[i].centroid.y for i in pick])
        spread = np.array(
            [min(max(np.sqrt(districts[i].area_km2) * 280.0, 250.0), 1500.0) for i in pick]
        )
        px = cx + rng.normal(0, 1, want) * spread
        py = cy + rng.normal(0, 1, want) * spread
        keep = _inside(index, px, py)
        x = np.concatenate([x, px[keep]])
        y = np.concatenate([y, py[keep]])
    return x[:n], y[:n]


def generate(
    rng: np.random.Generator,
    n: int,
    start: dt.date,
    districts: list[Area],
    places: dict[str, tuple[float, float]],
    backby: shapely.Geometry | None,
    intervention: dt.date,
) -> Rows:
    """The synthetic incidents (local times, EPSG:3006 points, category and source codes)."""
    index = AreaIndex.build((a.pk, bytes(a.geometry_3006)) for a in districts)
    parts: list[Rows] = []
    for profile in PROFILES:
        m = round(n * profile.share)
        if profile.places:
            names = [p for p in profile.places if p in places]
            if not names:
                continue
            chosen = _choice(rng, {k: profile.places[k] for k in names}, m)
            x = np.array([places[c][0] for c in chosen]) + rng.normal(0, profile.spread_m, m)
            y = np.array([places[c][1] for c in chosen]) + rng.normal(0, profile.spread_m, m)
        else:
            x, y = _district_points(rng, m, districts, index)
        parts.append(
            Rows(
                x,
                y,
                _local_times(rng, m, start, profile.hours, profile.weekdays, profile.season),
                _choice(rng, profile.categories, m),
                _choice(rng, profile.sources, m),
            )
        )
    parts.append(_burglary_chains(rng, round(n * BURGLARY_SHARE), start, districts, index))
    rows = Rows.concat(parts)
    if backby is not None:
        rows = _intervention(rng, rows, backby, intervention, index)
    order = np.argsort(rows.local, kind="stable")
    return rows.take(order)


def _burglary_chains(
    rng: np.random.Generator, seeds: int, start: dt.date, districts: list[Area], index: AreaIndex
) -> Rows:
    residential = [a for a in districts if (a.population or 0) >= 2000]
    x, y = _district_points(rng, seeds, residential, index)
    local = _local_times(rng, seeds, start, "burglary", "plain", "dark")
    category = _choice(rng, BURGLARY_CATEGORIES, seeds)
    follow = rng.poisson(1.3, seeds)
    parent = np.repeat(np.arange(seeds), follow)
    k = len(parent)
    distance = 200.0 * np.sqrt(rng.random(k)) * rng.choice([1.0, 0.6], size=k)
    angle = rng.uniform(0, 2 * np.pi, k)
    delay_minutes = np.minimum(rng.exponential(4.0, k), 14.0) * 24 * 60
    chain = Rows(
        x[parent] + distance * np.cos(angle),
        y[parent] + distance * np.sin(angle),
        local[parent] + delay_minutes.astype("timedelta64[m]"),
        category[parent],
        _choice(rng, BURGLARY_SOURCES, k),
    )
    end = np.datetime64(start) + np.timedelta64(DAYS, "D")
    seeds_rows = Rows(x, y, local, category, _choice(rng, BURGLARY_SOURCES, seeds))
    chained = Rows.concat([seeds_rows, chain])
    return chained.take(chained.local < end)


def _intervention(
    rng: np.random.Generator,
    rows: Rows,
    backby: shapely.Geometry,
    intervention: dt.date,
    index: AreaIndex,
) -> Rows:
    """After the intervention: half of Bäckby's incidents gone, 30 % of those displaced."""
    shapely.prepare(backby)
    after = rows.local >= np.datetime64(intervention)
    in_backby = shapely.contains_xy(backby, rows.x, rows.y)
    affected = np.flatnonzero(after & in_backby)
    removed = affected[rng.random(len(affected)) < DEMO_INTERVENTION["drop"]]
    displaced = removed[rng.random(len(removed)) < DEMO_INTERVENTION["displaced_share"]]
    ring = shapely.difference(backby.buffer(DEMO_INTERVENTION["buffer_m"]), backby)
    shapely.prepare(ring)
    min_x, min_y, max_x, max_y = ring.bounds
    new_x: list[float] = []
    new_y: list[float] = []
    while len(new_x) < len(displaced):
        px = rng.uniform(min_x, max_x, 200)
        py = rng.uniform(min_y, max_y, 200)
        ok = shapely.contains_xy(ring, px, py) & _inside(index, px, py)
        new_x.extend(px[ok].tolist())
        new_y.extend(py[ok].tolist())
    moved = rows.take(displaced)
    moved.x = np.array(new_x[: len(displaced)])
    moved.y = np.array(new_y[: len(displaced)])
    keep = np.ones(len(rows), dtype=bool)
    keep[removed] = False
    return Rows.concat([rows.take(keep), moved])


# --- writing ------------------------------------------------------------------------------------


def _already_built() -> bool:
    return Incident.objects.filter(
        source_system=SourceSystem.IMPORT, external_id__startswith=DEMO_PREFIX
    ).exists()


def build(ctx: DemoContext) -> None:
    # The demo needs the whole default taxonomy (a flushed test database has none).
    ctx.count("categories", install_defaults())
    _police_samples(ctx)
    if _already_built():
        return
    from samtrygg.areas.demo import DEMO_DISTRICTS

    districts = list(
        Area.objects.filter(code__in=[d.code for d in DEMO_DISTRICTS]).order_by("code")
    )
    if not districts:
        ctx.note("incidents: no demo districts found; no demo incidents built.")
        return
    backby = next((a for a in districts if a.code == BACKBY), None)
    backby_geometry = shapely.from_wkb(bytes(backby.geometry_3006)) if backby else None
    places = {}
    for place in Place.objects.all():
        places[place.name] = (place.x, place.y)
    today = timezone.localdate()
    start = today - dt.timedelta(days=DAYS)
    rng = np.random.default_rng(ctx.seed)
    n = QUICK_SIZE if ctx.quick else FULL_SIZE
    rows = generate(rng, n, start, districts, places, backby_geometry, DEMO_INTERVENTION["date"])
    # Reports dated after now (today, later hours) would be reports of the future.
    now_local = np.datetime64(timezone.localtime().replace(tzinfo=None), "m")
    rows = rows.take(rows.local <= now_local)
    created = _write(ctx, rng, rows)
    ctx.count("incidents", created)


def _write(ctx: DemoContext, rng: np.random.Generator, rows: Rows) -> int:
    organisations = {o.code: o for o in Organisation.objects.all()}
    categories = dict(Category.objects.values_list("code", "pk"))
    tz = timezone.get_current_timezone()
    utc = local_to_utc(rows.local.astype("datetime64[s]"), tz)
    lon, lat = to_4326(rows.x, rows.y)
    n = len(rows)
    police = (rows.source == "lpo-vasteras") & np.isin(rows.category, list(POLICE_CATEGORIES))
    classification = np.where(rng.random(n) < 0.2, "open", "internal").astype(object)
    classification[police & (rng.random(n) < 0.4)] = "restricted"
    precision = np.where(rng.random(n) < 0.15, "address", "exact").astype(object)
    pick = rng.integers(0, 1000, n)
    description = np.array(
        [
            DESCRIPTIONS[c][int(i) % len(DESCRIPTIONS[c])]
            for c, i in zip(rows.category, pick, strict=True)
        ],
        dtype=object,
    )
    streets = rng.integers(0, len(STREETS), n)
    numbers = rng.integers(1, 60, n)
    address = np.array(
        [
            f"{STREETS[s]} {k}" if p == "address" else ""
            for p, s, k in zip(precision, streets, numbers, strict=True)
        ],
        dtype=object,
    )
    # About a quarter of the reports have a duration ("during the night").
    spans = np.where(rng.random(n) < 0.25, rng.integers(10, 8 * 60, n), 0).astype("timedelta64[m]")
    external = np.array([f"{DEMO_PREFIX}{i + 1:06d}" for i in range(n)], dtype=object)
    # The demo reporter (rapportor, Mimer) filed the latest 40 of Mimer's reports by hand.
    reporter = User.objects.filter(username="rapportor").first()
    by_form = np.zeros(n, dtype=bool)
    if reporter is not None:
        mimer_rows = np.flatnonzero(rows.source == "mimer")
        by_form[mimer_rows[-40:]] = True
    index = current_area_index()
    total = 0
    with transaction.atomic():
        for code in sorted(set(rows.source.tolist())):
            organisation = organisations.get(code)
            if organisation is None:
                continue
            for form in (False, True):
                mask = (rows.source == code) & (by_form == form)
                if not mask.any():
                    continue
                writer = IncidentWriter(
                    source_organisation_id=organisation.pk,
                    source_system=SourceSystem.FORM if form else SourceSystem.IMPORT,
                    area_index=index,
                    created_by_id=reporter.pk if form and reporter else None,
                )
                picked = np.flatnonzero(mask)
                for part in np.array_split(picked, max(1, len(picked) // 10_000 + 1)):
                    result = writer.write(
                        IncidentColumns(
                            occurred_from=utc[part],
                            occurred_to=utc[part] + spans[part].astype("timedelta64[s]"),
                            reported_at=utc[part] + np.timedelta64(3, "h"),
                            category_id=np.array([categories[c] for c in rows.category[part]]),
                            lon=lon[part],
                            lat=lat[part],
                            x=rows.x[part],
                            y=rows.y[part],
                            precision=precision[part].tolist(),
                            address=address[part].tolist(),
                            description=description[part].tolist(),
                            external_id=[None] * len(part) if form else external[part].tolist(),
                            classification=classification[part].tolist(),
                        )
                    )
                    total += result.created
        _statuses(rng)
    return total


def _statuses(rng: np.random.Generator) -> None:
    """Handle the older reports (status and feedback) as the municipality would have."""
    cutoff = timezone.now() - dt.timedelta(days=14)
    rows = list(
        Incident.objects.exclude(source_system=SourceSystem.POLICE_FEED)
        .exclude(source_organisation__code="lpo-vasteras")
        .values_list("pk", "occurred_from")
    )
    groups: dict[tuple[str, str], list[int]] = {}
    draws = rng.random(len(rows))
    answers = rng.integers(0, len(FEEDBACK), len(rows))
    for (pk, occurred), draw, answer in zip(rows, draws.tolist(), answers.tolist(), strict=True):
        if occurred < cutoff:
            status = "action_taken" if draw < 0.5 else "closed" if draw < 0.8 else "seen"
        else:
            status = "new" if draw < 0.6 else "seen"
        feedback = FEEDBACK[answer] if status in ("action_taken", "closed") else ""
        groups.setdefault((status, feedback), []).append(pk)
    now = timezone.now()
    for (status, feedback), pks in groups.items():
        for start in range(0, len(pks), 900):
            Incident.objects.filter(pk__in=pks[start : start + 900]).update(
                status=status, feedback=feedback, feedback_at=now if feedback else None
            )


def _police_samples(ctx: DemoContext) -> None:
    """The real Västerås police events of the samples (kept raw; none is an incident about
    the safety of a place), and a feed source for Västerås (not pulled until activated)."""
    police = Organisation.objects.filter(code="lpo-vasteras").first()
    if police is None:
        return
    if not FeedSource.objects.filter(location="Västerås").exists():
        FeedSource.objects.create(location="Västerås", organisation=police)
        ctx.count("police feed sources")
    events = json.loads(POLICE_EVENTS.read_text(encoding="utf-8"))
    ids = [int(e["event_id"]) for e in events]
    if FeedItem.objects.filter(police_id__in=ids).count() == len(ids):
        return
    reader = PoliceEventsReader(data=POLICE_EVENTS.read_bytes(), location="Västerås")
    report = import_chunks(
        chunks=reader.chunks(),
        total=reader.total,
        header=["item", "json"],
        source=police,
        source_system=SourceSystem.POLICE_FEED.value,
        classification="open",
        skip_invalid=True,
        feed=reader,
    )
    ctx.count("police events", reader.total)
    ctx.count("incidents", report.created)
