"""Fixtures: the small town of the situation tests, published through the services."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from samtrygg.situation import services
from samtrygg.situation.models import SituationVersion
from samtrygg.situation.tests.factories import ReportFactory
from samtrygg.situation.tests.helpers import build_town
from samtrygg.testing.matrix import World

SECRET_TEXT = "INTERN-ANALYS-SOM-INTE-FAR-SYNAS"


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


def publish_town(world: World, *, include_restricted: bool = False) -> SituationVersion:
    build_town(world)
    report = ReportFactory.create_draft(world, title="Lägesbild mars 2026")
    services.report_section_update(
        actor=world.user("analyst"), report=report, kind="analysis", body=SECRET_TEXT
    )
    if include_restricted:
        from samtrygg.accounts.models import Membership

        Membership.objects.filter(user=world.user("analyst")).update(police_data=True)
        analyst = type(world.user("analyst")).objects.get(pk=world.user("analyst").pk)
        report.refresh_from_db()
        services.report_update(
            actor=analyst,
            report=report,
            title=report.title,
            period_kind=report.period_kind,
            period_start=report.period_start,
            period_end=report.period_end,
            include_restricted=True,
        )
    report.refresh_from_db()
    services.report_submit(actor=world.user("analyst"), report=report)
    services.report_sign(actor=world.user("coordinator"), report=report, side="municipality")
    services.report_sign(actor=world.user("police"), report=report, side="police")
    return services.report_publish(actor=world.user("coordinator"), report=report)


@pytest.fixture
def published(world: World) -> Any:
    return publish_town(world, include_restricted=True)


#: Incidents per district (T00 … T31, column-major from the south-west) in March 2026: one
#: busy district, and T21's 3 is hidden (and T01's 6 with it, so it cannot be worked out).
SPREAD_COUNTS = [400, 6, 12, 0, 25, 3, 8, 30]


@pytest.fixture
def spread(world: World) -> SituationVersion:
    """A published version of eight districts with ``SPREAD_COUNTS`` vandalism reports."""
    from samtrygg.situation.tests.factories import make_version
    from samtrygg.situation.tests.helpers import X0, Y0, Row, at, grid_areas, write_incidents

    grid_areas(nx=4, ny=2)
    rows = []
    for k, n in enumerate(SPREAD_COUNTS):
        x, y = X0 + 1000.0 * (k // 2) + 100.0, Y0 + 1000.0 * (k % 2) + 100.0
        spot = [(x + m % 40, y + m // 40) for m in range(n)]
        rows += [Row(at("2026-03-10", 12), "skadegorelse", xy) for xy in spot]
    write_incidents(rows, organisation=world.organisations["housing"])
    return make_version(world)
