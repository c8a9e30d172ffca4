"""Comparisons against incompletely covered periods: exposure-adjusted or withheld, the same
in the picture, its JSON, the page and the PDF.

The fixture: a housing company (source A) reports twice a day from 1 January to 30 April
2026 but nothing from 1 to 14 February; the municipality (source B) reports twice a day
from 10 March to 30 April. So March is covered from the 10th (22 of 31 days), February on
its last 14 days, and nothing before 2026.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from django.test import Client
from django.urls import reverse

from samtrygg.picture.coverage import find_gaps, gap_length
from samtrygg.picture.data import scope_for_user
from samtrygg.picture.params import PictureParams
from samtrygg.picture.service import picture_for_user
from samtrygg.picture.sources import source_records
from samtrygg.picture.types import Picture
from samtrygg.situation import services
from samtrygg.situation.pdf import version_pdf
from samtrygg.situation.tests.factories import SECTIONS
from samtrygg.situation.tests.helpers import A, B, Row, grid_areas, write_incidents
from samtrygg.situation.tests.test_pdf import pdftotext
from samtrygg.testing.matrix import World, login

pytestmark = pytest.mark.django_db

APRIL = PictureParams.for_period("month", dt.date(2026, 4, 15))
MARCH = PictureParams.for_period("month", dt.date(2026, 3, 15))
FEBRUARY = PictureParams.for_period("month", dt.date(2026, 2, 15))


def _days(first: str, last: str) -> list[dt.date]:
    a, b = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    return [a + dt.timedelta(days=k) for k in range((b - a).days + 1)]


@pytest.fixture
def sources(world: World) -> World:
    grid_areas()
    gap = set(_days("2026-02-01", "2026-02-14"))
    a_rows = [
        Row(dt.datetime.combine(d, dt.time(h)), "skadegorelse", A)
        for d in _days("2026-01-01", "2026-04-30")
        if d not in gap
        for h in (10, 20)
    ]
    b_rows = [
        Row(dt.datetime.combine(d, dt.time(h)), "klotter", B)
        for d in _days("2026-03-10", "2026-04-30")
        for h in (9, 21)
    ]
    write_incidents(a_rows, organisation=world.organisations["housing"], prefix="a")
    write_incidents(b_rows, organisation=world.organisations["municipality"], prefix="b")
    return world


def test_reference_covered_on_most_days_is_compared_per_covered_day(sources) -> None:  # type: ignore[no-untyped-def]
    fig = picture_for_user(user=sources.user("analyst"), params=APRIL)
    prev = fig.totals.previous
    # March is covered from the 10th: 22 days with 2 + 2 a day = 88 incidents, against
    # April's 30 days × 4 = 120: the same rate. Counting all of March (62 + 44 = 106 over
    # 31 days) would show a spurious rise of 17 %.
    assert (prev.count, prev.covered_days, prev.reference, prev.reference_covered_days) == (
        120,
        30,
        88,
        22,
    )
    assert prev.partial and not prev.withheld
    assert prev.rate_ratio == 1.0 and prev.change_pct == 0.0 and not prev.significant
    # April 2025: nothing on record
    year = fig.totals.year_before
    assert year.withheld and year.reference_covered_days == 0
    assert (year.change_pct, year.rate_ratio, year.p_value, year.significant) == (
        None,
        None,
        None,
        False,
    )
    for c in fig.by_category:
        assert c.year_before.withheld and not c.year_before.significant


def test_reference_covered_on_less_than_half_is_withheld(sources) -> None:  # type: ignore[no-untyped-def]
    fig = picture_for_user(user=sources.user("analyst"), params=MARCH)
    prev = fig.totals.previous
    # source B begins on 10 March: February is not covered at all, March on 22 days
    assert (prev.covered_days, prev.reference_covered_days) == (22, 0)
    assert prev.withheld and not prev.significant
    assert prev.change_pct is None and prev.rate_ratio is None and prev.p_value is None
    assert all(c.previous.withheld for c in fig.by_category)
    assert {s.name for s in fig.coverage.on_record} == {"Bostadsbolaget", "Stadsledningskontoret"}


def test_a_gap_in_a_source_is_uncovered(sources) -> None:  # type: ignore[no-untyped-def]
    fig = picture_for_user(user=sources.user("analyst"), params=FEBRUARY)
    prev = fig.totals.previous
    # A reported nothing 1–14 February: half of February is covered (not less than half)
    assert (prev.count, prev.covered_days, prev.reference, prev.reference_covered_days) == (
        28,
        14,
        62,
        31,
    )
    assert not prev.withheld and prev.rate_ratio == 1.0
    housing = next(s for s in fig.coverage.on_record if s.name == "Bostadsbolaget")
    assert (housing.gaps[0].start, housing.gaps[0].end) == (
        dt.date(2026, 2, 1),
        dt.date(2026, 2, 14),
    )


def test_json_api_carries_coverage_and_nulls(sources) -> None:  # type: ignore[no-untyped-def]
    client = login(Client(), sources.user("analyst"))
    data = client.get(
        reverse("api:v1:situation-picture"), {"period": "month", "at": "2026-03-15"}
    ).json()
    assert data["schema"] == 2
    comparisons = [data["totals"]["previous"], data["totals"]["year_before"]]
    for row in data["by_category"]:
        comparisons += [row["previous"], row["year_before"]]
    for c in comparisons:
        assert {"covered_days", "reference_covered_days", "withheld"} <= set(c)
    prev = data["totals"]["previous"]
    assert prev["withheld"] is True and prev["significant"] is False
    assert (prev["change_pct"], prev["rate_ratio"], prev["p_value"]) == (None, None, None)
    assert (prev["covered_days"], prev["reference_covered_days"]) == (22, 0)
    # the same figures read back from their JSON (a frozen snapshot) are the same picture
    assert Picture.from_json(data).to_json() == data


def test_page_shows_a_dash_and_the_reason(sources) -> None:  # type: ignore[no-untyped-def]
    client = login(Client(), sources.user("analyst"))
    page = client.get(
        reverse("situation:dashboard"), {"period": "month", "at": "2026-03-15"}
    ).content.decode()
    card = page.split('data-comparison="previous"')[1].split("</div>")[0]
    assert 'class="big">–<' in card
    assert "inte jämfört: underlaget täcker bara 0 dagar av den periodens 28" in card
    assert "signifikant" not in card


def test_pdf_shows_a_dash_and_the_reason(sources, tmp_path) -> None:  # type: ignore[no-untyped-def]
    w = sources
    report = services.report_create(
        actor=w.user("analyst"),
        title="Lägesbild mars 2026",
        period_kind="month",
        period_start=MARCH.start,
        period_end=MARCH.end,
        sections={k.value: v for k, v in SECTIONS.items()},
    )
    services.report_submit(actor=w.user("analyst"), report=report)
    services.report_sign(actor=w.user("coordinator"), report=report, side="municipality")
    services.report_sign(actor=w.user("police"), report=report, side="police")
    version = services.report_publish(actor=w.user("coordinator"), report=report)
    assert version.figures["totals"]["previous"]["withheld"] is True
    out = tmp_path / "v.pdf"
    out.write_bytes(version_pdf(version))
    flat = " ".join(pdftotext(out).split())
    assert "Jämfört med föregående period (– händelser): – (inte jämfört: underlaget" in flat
    assert "täcker bara 0 dagar av den periodens 28)" in flat
    assert "Bostadsbolaget" in flat and "2026-02-01–2026-02-14" in flat


def test_sources_with_few_active_days_get_no_gaps() -> None:
    assert gap_length(29, 365) is None
    assert gap_length(365, 365) == 7
    # a source active on a third of its days: a run of empty days must be long enough that
    # it would happen less than once in a thousand times
    length = gap_length(100, 300)
    assert length is not None and (2 / 3) ** length < 1e-3 <= (2 / 3) ** (length - 1)
    days = np.array(
        [np.datetime64("2026-01-01") + k for k in [*range(40), *range(60, 100)]],
        dtype="datetime64[D]",
    )
    today = dt.date(2026, 4, 15)  # five quiet days since the last report: not yet a gap
    assert find_gaps(days, today) == ((dt.date(2026, 2, 10), dt.date(2026, 3, 1)),)
    # silent for longer than a gap since the last report: the days since are a gap too
    assert find_gaps(days, dt.date(2026, 4, 30))[-1] == (
        dt.date(2026, 4, 11),
        dt.date(2026, 4, 30),
    )


def test_scope_is_part_of_the_records(sources) -> None:  # type: ignore[no-untyped-def]
    council = source_records(scope_for_user(sources.user("council_member")), today=APRIL.end)
    # council members read open incidents only: the fixture's are internal
    assert council == {}
