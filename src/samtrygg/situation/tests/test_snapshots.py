"""The typed picture at its edges: JSON written and read back unchanged, and frozen
versions of the first schema (stored before comparisons carried their coverage) still
readable — on the page, in the API and in the PDF."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from samtrygg.picture.params import PictureParams
from samtrygg.picture.service import picture_for_user
from samtrygg.picture.snapshots import read_picture
from samtrygg.picture.types import Picture, SnapshotError
from samtrygg.situation.models import SituationVersion
from samtrygg.situation.pdf import version_pdf
from samtrygg.situation.tests.factories import MARCH, ReportFactory
from samtrygg.situation.tests.test_pdf import pdftotext
from samtrygg.testing.matrix import login

SCHEMA_1 = Path(__file__).parent / "data" / "figures_schema1.json"

pytestmark = pytest.mark.django_db


def schema_1() -> dict:  # type: ignore[type-arg]
    """The year-2025 figures of a demo version frozen with schema 1 (lists shortened):
    data on record from 2024-12-05, "+1 539,9 %, significant" against 2024."""
    return json.loads(SCHEMA_1.read_text(encoding="utf-8"))


def test_json_round_trip(town) -> None:  # type: ignore[no-untyped-def]
    fig = picture_for_user(user=town.world.user("analyst"), params=PictureParams("month", *MARCH))
    data = json.loads(json.dumps(fig.to_json()))
    again = Picture.from_json(data)
    assert again.to_json() == data
    assert again.totals == fig.totals and again.hotspots == fig.hotspots


def test_schema_1_is_read_with_its_coverage() -> None:
    old = schema_1()
    assert old["totals"]["year_before"]["significant"] is True  # as it was frozen
    fig = read_picture(old)
    assert fig.schema == 2 and fig.coverage.data_start == dt.date(2024, 12, 5)
    year = fig.totals.year_before
    # 2024 lies after the first day on record on 27 of its 366 days: withheld
    assert (year.reference_days, year.reference_covered_days) == (366, 27)
    assert year.withheld and not year.significant and year.change_pct is None
    assert all(c.year_before.withheld and not c.year_before.significant for c in fig.by_category)
    # what the snapshot implies is filled in: where the hot-spot cells are
    cell = fig.hotspots.gi_cells[0]
    assert cell.where.cell.startswith("E") and cell.where.lat is not None
    assert fig.data_through == fig.parameters.end and fig.complete
    # the stored JSON is not touched
    assert old == schema_1()


def test_a_bad_snapshot_says_where() -> None:
    old = schema_1()
    old["totals"]["incidents"] = "many"
    with pytest.raises(SnapshotError, match=r"totals\.incidents"):
        read_picture(old)
    with pytest.raises(SnapshotError, match="newer"):
        read_picture(schema_1() | {"schema": 99})


@pytest.fixture
def old_version(world):  # type: ignore[no-untyped-def]
    report = ReportFactory.create_draft(world, title="Lägesbild år 2025")
    figures = schema_1()
    return SituationVersion.objects.create(
        report=report,
        number=1,
        published_by=world.user("analyst"),
        title=report.title,
        period_kind="year",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        parameters=figures["parameters"] | {"areas": []},
        figures=figures,
        public={},
        sections={"summary": "Sammanfattning."},
        signatures=[],
        data_scope=figures["scope"],
        content_hash="0" * 64,
    )


def test_schema_1_version_on_page_api_and_pdf(world, old_version, tmp_path) -> None:  # type: ignore[no-untyped-def]
    client = login(Client(), world.user("council_member"))
    page = client.get(reverse("situation:version_detail", args=[old_version.pk])).content.decode()
    card = page.split('data-comparison="year_before"')[1].split("</div>")[0]
    assert "+1" not in card and "signifikant" not in card
    assert "inte jämfört: underlaget täcker bara 27 dagar av den periodens 366" in card
    api = login(Client(), world.user("analyst")).get(
        reverse("api:v1:situation-report-detail", args=[old_version.pk])
    )
    year = api.json()["figures"]["totals"]["year_before"]
    assert year["withheld"] is True and year["change_pct"] is None
    out = tmp_path / "old.pdf"
    out.write_bytes(version_pdf(old_version))
    flat = " ".join(pdftotext(out).split())
    assert "1 539,9" not in flat and "täcker bara 27 dagar av den periodens 366" in flat
