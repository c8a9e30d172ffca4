"""The incidents demo builder: ``build(ctx)`` writes the synthetic incidents and the police
samples once.
"""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import shapely
from django.db import transaction
from django.utils import timezone

from samtrygg.accounts.models import Organisation, User
from samtrygg.areas.models import Area, Place
from samtrygg.areas.spatial import to_4326
from samtrygg.core.demo_support import DemoContext
from samtrygg.incidents.assignment import current_area_index
from samtrygg.incidents.bulk import IncidentColumns, IncidentWriter
from samtrygg.incidents.demo.data import (
    BACKBY,
    DAYS,
    DEMO_INTERVENTION,
    DEMO_PREFIX,
    DESCRIPTIONS,
    FEEDBACK,
    FULL_SIZE,
    POLICE_CATEGORIES,
    POLICE_EVENTS,
    QUICK_SIZE,
    STREETS,
)
from samtrygg.incidents.demo.synthetic import Rows, generate
from samtrygg.incidents.feedstore import PoliceEventsReader
from samtrygg.incidents.importer import import_chunks
from samtrygg.incidents.models import Category, FeedItem, FeedSource, Incident, SourceSystem
from samtrygg.incidents.parsing import local_to_utc
from samtrygg.incidents.taxonomy import install_defaults

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
