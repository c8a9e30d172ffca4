"""A signature is shown on the Swedish local day and time (Europe/Stockholm), not the UTC
one: signed at 00:30 in Västerås on 6 December is 23:30 UTC on 5 December, and the version
page, its PDF and the summary for meeting packs all say 6 December."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from samtrygg.situation import services
from samtrygg.situation.models import Signature
from samtrygg.situation.pdf import version_pdf_data
from samtrygg.situation.selectors import version_summary
from samtrygg.situation.tests.factories import ReportFactory
from samtrygg.testing.matrix import World, login

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _published_signed_at(world: World, local: dt.datetime) -> Any:
    report = ReportFactory.create_signed(world)
    Signature.objects.filter(report=report).update(signed_at=local)
    # The version is frozen once written: it is published at that instant.
    with mock.patch("django.utils.timezone.now", return_value=local.astimezone(dt.UTC)):
        return services.report_publish(actor=world.user("coordinator"), report=report)


@pytest.mark.parametrize(
    ("local", "shown", "not_shown"),
    [
        # Past midnight in Sweden, still the day before in UTC.
        (dt.datetime(2026, 12, 6, 0, 30, tzinfo=STOCKHOLM), "2026-12-06 00:30", "2026-12-05"),
        # Half past eleven at night in Sweden (22:30 UTC): the same day either way.
        (dt.datetime(2026, 12, 5, 23, 30, tzinfo=STOCKHOLM), "2026-12-05 23:30", "2026-12-06"),
        # Summer time (UTC+2): 01:30 local is 23:30 UTC the day before.
        (dt.datetime(2026, 6, 6, 1, 30, tzinfo=STOCKHOLM), "2026-06-06 01:30", "2026-06-05"),
    ],
)
def test_the_signature_is_shown_on_the_local_day(
    world: World, local: dt.datetime, shown: str, not_shown: str
) -> None:
    version = _published_signed_at(world, local)
    stored = version.signatures[0]["signed_at"]
    assert dt.datetime.fromisoformat(stored) == local  # frozen as the instant it was

    page = login(Client(), world.user("analyst")).get(f"/situation/versioner/{version.pk}/")
    assert page.status_code == 200
    signed = page.content.decode().split("<dt>Signerad</dt><dd>")[1].split("</dd>")[0]
    assert signed.count(shown) == 2 and not_shown not in signed

    pdf_rows = version_pdf_data(version)["signatures"]
    assert [row[-1] for row in pdf_rows] == [shown, shown]

    assert version_summary(version)["published_at"].startswith(shown.replace(" ", "T"))
