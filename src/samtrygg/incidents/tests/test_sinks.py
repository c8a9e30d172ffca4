"""The fast incident sink (``bulk.IncidentWriter``, executemany) leaves the same database
as the reference sink (``ormsink.OrmIncidentSink``, one model instance at a time): the
same incidents with the same fields, the same area links, the same audit entries — for
any rows, new or re-imported, on whichever database the tests run (CI: SQLite and
PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest
from auditlog.models import LogEntry
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samtrygg.areas.spatial import to_3006
from samtrygg.core.models import Classification
from samtrygg.incidents.assignment import current_area_index
from samtrygg.incidents.bulk import IncidentColumns, IncidentWriter
from samtrygg.incidents.models import Category, Incident, IncidentArea, Precision
from samtrygg.incidents.ormsink import OrmIncidentSink

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 4, 12, 30, 15, 654_321, tzinfo=dt.UTC)
EPOCH_2024 = int(dt.datetime(2024, 1, 1, tzinfo=dt.UTC).timestamp())
TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\x00"),
    max_size=20,
)


@st.composite
def row(draw: st.DrawFn) -> dict[str, Any]:
    start = EPOCH_2024 + draw(st.integers(0, 2 * 365 * 86_400))
    point = draw(
        st.one_of(
            st.none(),
            # around the two test areas (16.50–16.60, 59.60–59.62): inside, between, outside
            st.tuples(st.floats(16.45, 16.65), st.floats(59.59, 59.63)),
            st.sampled_from([(16.55, 59.61), (16.50, 59.60)]),  # on a shared edge, a corner
        )
    )
    return {
        "external_id": draw(st.one_of(st.none(), st.sampled_from(["E1", "E2", "E3", "E4"]))),
        "start": start,
        "end": start + draw(st.integers(0, 3 * 86_400)),
        "reported": start + draw(st.integers(0, 86_400)),
        "category": draw(st.integers(0, 1_000)),
        "point": point,
        "precision": draw(st.sampled_from(Precision.values)),
        "area": draw(st.one_of(st.none(), st.sampled_from(["west", "east"]))),
        "address": draw(TEXT),
        "description": draw(TEXT),
        "classification": draw(st.sampled_from(Classification.values)),
    }


def _unique_external_ids(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One batch names an external id at most once (a file that repeats one is refused
    before it reaches a sink); a later batch may name it again."""
    seen: set[str] = set()
    out = []
    for r in rows:
        if r["external_id"] in seen:
            r = r | {"external_id": None}
        if r["external_id"] is not None:
            seen.add(r["external_id"])
        out.append(r)
    return out


batches = st.lists(
    st.lists(row(), max_size=12).map(_unique_external_ids),
    min_size=1,
    max_size=3,
)


def _columns(
    rows: list[dict[str, Any]], categories: list[int], areas: dict[str, Any], with_reported: bool
) -> IncidentColumns:
    lon = np.array([r["point"][0] if r["point"] else np.nan for r in rows], dtype=float)
    lat = np.array([r["point"][1] if r["point"] else np.nan for r in rows], dtype=float)
    x, y = to_3006(np.nan_to_num(lon, nan=16.5), np.nan_to_num(lat, nan=59.6))
    x = np.where(np.isnan(lon), np.nan, x)
    y = np.where(np.isnan(lat), np.nan, y)

    def seconds(key: str) -> np.ndarray:
        return np.array([r[key] for r in rows], dtype="int64").astype("datetime64[s]")

    return IncidentColumns(
        occurred_from=seconds("start"),
        occurred_to=seconds("end"),
        reported_at=seconds("reported") if with_reported else None,
        category_id=np.array([categories[r["category"] % len(categories)] for r in rows]),
        lon=lon,
        lat=lat,
        x=x,
        y=y,
        precision=[r["precision"] for r in rows],
        address=[r["address"] for r in rows],
        description=[r["description"] for r in rows],
        external_id=[r["external_id"] for r in rows],
        classification=[r["classification"] for r in rows],
        # A row names an area only when it has no mappable point (the validator's rule).
        area_id=[
            areas[r["area"]].pk if r["area"] and r["precision"] == Precision.AREA else None
            for r in rows
        ],
    )


def _database() -> dict[str, Any]:
    """What a sink leaves: every incident field but the id, with its areas by code."""
    fields = [f.attname for f in Incident._meta.concrete_fields if f.attname != "id"]
    links: dict[int, list[str]] = {}
    for incident_id, code in IncidentArea.objects.values_list("incident_id", "area__code"):
        links.setdefault(incident_id, []).append(code)
    incidents = sorted(
        (
            tuple(repr(values[f]) for f in fields),
            tuple(sorted(links.get(values["id"], []))),
        )
        for values in Incident.objects.values("id", *fields)
    )
    return {
        "incidents": incidents,
        "incident_count": Incident.objects.count(),
        "link_count": IncidentArea.objects.count(),
        "audit_entries": LogEntry.objects.count(),
    }


def _run(sink_class: type, batches: list[IncidentColumns], source: Any) -> tuple[Any, list[Any]]:
    with transaction.atomic():
        sink = sink_class(
            source_organisation_id=source.pk,
            source_system="import",
            area_index=current_area_index(),
            now=NOW,
        )
        results = [sink.write(cols) for cols in batches]
        state = _database()
        transaction.set_rollback(True)
    counts = [(r.created, r.updated, r.area_links, len(r.ids)) for r in results]
    return state, counts


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw_batches=batches, with_reported=st.booleans())
def test_the_fast_sink_leaves_what_the_reference_leaves(  # type: ignore[no-untyped-def]
    areas, source, raw_batches, with_reported
) -> None:
    categories = sorted(Category.objects.values_list("pk", flat=True))
    assert categories  # the default taxonomy (a migration) is there
    columns = [_columns(b, categories, areas, with_reported) for b in raw_batches]
    fast, fast_counts = _run(IncidentWriter, columns, source)
    reference, reference_counts = _run(OrmIncidentSink, columns, source)
    assert fast == reference
    assert fast_counts == reference_counts


def test_a_re_import_in_a_later_batch_updates_and_keeps_status(areas, source) -> None:  # type: ignore[no-untyped-def]
    """The fast sink created E1 in the first batch and updates it from the second (it
    once inserted it again and hit the unique constraint); status and feedback stay."""
    categories = sorted(Category.objects.values_list("pk", flat=True))
    first = {
        "external_id": "E1",
        "start": EPOCH_2024,
        "end": EPOCH_2024,
        "reported": EPOCH_2024,
        "category": 0,
        "point": (16.52, 59.61),
        "precision": Precision.EXACT,
        "area": None,
        "address": "Storgatan 1",
        "description": "",
        "classification": Classification.INTERNAL,
    }
    second = first | {"point": (16.57, 59.61), "description": "flyttad"}
    writer = IncidentWriter(
        source_organisation_id=source.pk,
        source_system="import",
        area_index=current_area_index(),
        now=NOW,
    )
    created = writer.write(_columns([first], categories, areas, True))
    Incident.objects.filter(pk=created.ids[0]).update(status="action_taken", feedback="Åtgärdat")
    updated = writer.write(_columns([second], categories, areas, True))
    assert (created.created, updated.created, updated.updated) == (1, 0, 1)
    incident = Incident.objects.get()
    assert (incident.description, incident.status, incident.feedback) == (
        "flyttad",
        "action_taken",
        "Åtgärdat",
    )
    assert list(incident.areas.values_list("code", flat=True)) == ["test-east"]
    assert incident.updated_at == NOW.replace(microsecond=0)


@pytest.mark.parametrize("sink", [IncidentWriter, OrmIncidentSink])
def test_a_re_import_keeps_reported_at_unless_the_file_gives_it(areas, source, sink) -> None:  # type: ignore[no-untyped-def]
    """Without a reported_at column the import's time stands for it; a later import of the
    same row keeps the first import's time, and a file that gives the time sets it."""
    categories = sorted(Category.objects.values_list("pk", flat=True))
    row = {
        "external_id": "R1",
        "start": EPOCH_2024,
        "end": EPOCH_2024,
        "reported": EPOCH_2024 + 3600,
        "category": 0,
        "point": (16.52, 59.61),
        "precision": Precision.EXACT,
        "area": None,
        "address": "",
        "description": "",
        "classification": Classification.INTERNAL,
    }

    def write(at: dt.datetime, *, with_reported: bool) -> dt.datetime:
        sink(
            source_organisation_id=source.pk,
            source_system="import",
            area_index=current_area_index(),
            now=at,
        ).write(_columns([row], categories, areas, with_reported))
        return Incident.objects.get().reported_at

    first = write(NOW, with_reported=False)
    assert first == NOW.replace(microsecond=0)
    assert write(NOW + dt.timedelta(days=1), with_reported=False) == first
    given = write(NOW + dt.timedelta(days=2), with_reported=True)
    assert given == dt.datetime.fromtimestamp(EPOCH_2024 + 3600, tz=dt.UTC)
