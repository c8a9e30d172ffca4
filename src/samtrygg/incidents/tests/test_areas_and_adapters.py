"""Area assignment when areas change, and the arrays handed to the analysis library."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from samtrygg.areas.hooks import notify_area_changed
from samtrygg.incidents.adapters import incident_arrays, incident_count
from samtrygg.incidents.importer import incidents_import
from samtrygg.incidents.models import Category, Incident, IncidentArea
from samtrygg.testing.matrix import World

from .conftest import make_area, set_area_bounds

pytestmark = pytest.mark.django_db


def _import(path, organisation):  # type: ignore[no-untyped-def]
    return incidents_import(path=path, format="csv", source=organisation, classification="internal")


def test_incidents_follow_area_changes(
    areas, source, write_csv, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    rows = [
        {
            "external_id": "W",
            "occurred_from": "2025-05-01 10:00",
            "category": "brand",
            "lon": "16.52",
            "lat": "59.61",
        },
        {
            "external_id": "E",
            "occurred_from": "2025-05-01 10:00",
            "category": "brand",
            "lon": "16.58",
            "lat": "59.61",
        },
        {
            "external_id": "M",
            "occurred_from": "2025-05-01 10:00",
            "category": "brand",
            "precision": "municipality",
            "lon": "16.58",
            "lat": "59.61",
        },
    ]
    _import(write_csv(rows), source)
    west, east = areas["west"], areas["east"]

    def codes(external_id: str) -> list[str]:
        return sorted(
            Incident.objects.get(external_id=external_id).areas.values_list("code", flat=True)
        )

    assert codes("W") == ["test-west"] and codes("E") == ["test-east"] and codes("M") == []
    # The western area grows over the eastern one; a new area covers everything.
    with django_capture_on_commit_callbacks(execute=True):
        set_area_bounds(west, (16.50, 59.60, 16.60, 59.62))
        big = make_area("test-big", (16.40, 59.55, 16.70, 59.70), kind="police_area")
        notify_area_changed([west.pk, big.pk])
    assert codes("W") == ["test-big", "test-west"]
    assert codes("E") == ["test-big", "test-east", "test-west"]
    assert codes("M") == []  # a municipality centroid is never assigned by point
    # The eastern area shrinks away from its incident.
    with django_capture_on_commit_callbacks(execute=True):
        set_area_bounds(east, (16.59, 59.60, 16.60, 59.62))
        notify_area_changed([east.pk])
    assert codes("E") == ["test-big", "test-west"]
    # A deleted area loses its links.
    big.delete()
    assert not IncidentArea.objects.filter(area_id=big.pk).exists()


def test_area_precision_keeps_its_area_when_the_area_changes(
    areas, source, write_csv, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    rows = [
        {
            "external_id": "A",
            "occurred_from": "2025-05-01",
            "category": "brand",
            "precision": "area",
            "area": "test-east",
        }
    ]
    _import(write_csv(rows), source)
    with django_capture_on_commit_callbacks(execute=True):
        set_area_bounds(areas["east"], (16.58, 59.60, 16.60, 59.62))
        notify_area_changed([areas["east"].pk])
    assert list(Incident.objects.get().areas.values_list("code", flat=True)) == ["test-east"]


def test_incident_arrays(world: World, areas, write_csv) -> None:  # type: ignore[no-untyped-def]
    housing = world.organisations["housing"]
    rows = [
        {
            "external_id": "1",
            "occurred_from": "2025-05-01 10:00",
            "category": "brand",
            "lon": "16.52",
            "lat": "59.61",
            "classification": "internal",
        },
        {
            "external_id": "2",
            "occurred_from": "2025-05-03 22:30",
            "category": "inbrott-bostad",
            "lon": "16.58",
            "lat": "59.61",
            "classification": "open",
        },
        {
            "external_id": "3",
            "occurred_from": "2025-05-02 00:00",
            "category": "brand",
            "precision": "municipality",
            "lon": "16.54",
            "lat": "59.61",
            "classification": "open",
        },
        {
            "external_id": "4",
            "occurred_from": "2025-05-02 00:00",
            "category": "brand",
            "lon": "16.52",
            "lat": "59.61",
            "classification": "restricted",
        },
    ]
    _import(write_csv(rows), housing)
    start = dt.datetime(2025, 5, 1, tzinfo=dt.UTC)
    arrays = incident_arrays(user=world.user("analyst"), start=start)
    # Analysts without police data: no restricted row; mappable only by default.
    assert len(arrays) == 2
    assert arrays.t[0] == pytest.approx(8 / 24)  # 10:00 CEST = 08:00 UTC
    assert np.isfinite(arrays.x).all() and arrays.mappable.all()
    assert arrays.hour.tolist() == [10, 22] and arrays.weekday.tolist() == [3, 5]
    brand = Category.objects.get(code="brand")
    assert arrays.harm_weight[0] == brand.harm_weight
    assert arrays.category_codes[int(arrays.category_id[1])] == "inbrott-bostad"
    assert sorted(arrays.pair_area.tolist()) == sorted([areas["west"].pk, areas["east"].pk])
    everything = incident_arrays(user=world.user("police"), mappable_only=False)
    assert len(everything) == 4 and np.isnan(everything.x).sum() == 1
    assert everything.mappable.tolist().count(False) == 1
    council = incident_arrays(user=world.user("council_member"), mappable_only=False)
    assert len(council) == 2  # open rows only
    assert len(incident_arrays(user=world.user("case_worker"))) == 0
    burglary = incident_arrays(user=world.user("police"), near_repeat_only=True)
    assert len(burglary) == 1
    in_west = incident_arrays(user=world.user("police"), areas=[areas["west"].pk])
    assert len(in_west) == 2
    assert incident_count(user=world.user("police"), areas=[areas["west"].pk]) == 2
    empty = incident_arrays(user=world.user("police"), start=dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    assert len(empty) == 0 and empty.x.shape == (0,)
