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
