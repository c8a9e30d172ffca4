"""The demo incidents: the size, the Bäckby drop, burglary chains, sources; idempotent."""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pytest
from django.utils import timezone
from scipy.spatial import cKDTree

from samtrygg.accounts import demo as accounts_demo
from samtrygg.areas import demo as areas_demo
from samtrygg.core.demo_support import DemoContext
from samtrygg.incidents import demo
from samtrygg.incidents.models import FeedItem, Incident, IncidentArea

pytestmark = pytest.mark.django_db


def test_demo_incidents() -> None:
    ctx = DemoContext(out=io.StringIO(), quick=True)
    accounts_demo.build(ctx)
    areas_demo.build(ctx)
    demo.build(ctx)
    created = ctx.created["incidents"]
    assert 1_600 < created < 2_400
    assert Incident.objects.count() == created
    assert set(FeedItem.objects.values_list("police_id", flat=True)) == {483827, 484084, 484566}
    # Every incident is in a district (and the municipality); the reporter has reports.
    assert IncidentArea.objects.filter(area__code__startswith="district-").count() == created
    assert Incident.objects.filter(created_by__username="rapportor").count() == 40
    restricted = Incident.objects.filter(classification="restricted")
    assert restricted.exists()
    assert set(restricted.values_list("source_organisation__code", flat=True)) == {"lpo-vasteras"}
    assert Incident.objects.filter(occurred_from__gt=timezone.now()).count() == 0

    # A visible drop in Bäckby after the intervention.
    cut = dt.datetime.combine(demo.DEMO_INTERVENTION["date"], dt.time(), tzinfo=dt.UTC)
    start = timezone.now() - dt.timedelta(days=demo.DAYS)
    backby = Incident.objects.filter(incidentarea__area__code=demo.BACKBY)
    before = backby.filter(occurred_from__lt=cut).count() / (cut - start).days
    after = backby.filter(occurred_from__gte=cut).count() / (timezone.now() - cut).days
    assert after < 0.7 * before

    # Burglaries come in chains: many have another within 200 m and 14 days.
    burglary = Incident.objects.filter(category__near_repeat=True).values_list(
        "x", "y", "occurred_from"
    )
    xy = np.array([(x, y) for x, y, _ in burglary])
    days = np.array([t.timestamp() / 86400 for _x, _y, t in burglary])
    pairs = cKDTree(xy).query_pairs(200.0, output_type="ndarray")
    close_in_time = np.abs(days[pairs[:, 0]] - days[pairs[:, 1]]) <= 14
    assert close_in_time.sum() > 0.3 * len(xy)

    # A second run changes nothing.
    again = DemoContext(out=io.StringIO(), quick=True)
    demo.build(again)
    assert again.created == {} and Incident.objects.count() == created
