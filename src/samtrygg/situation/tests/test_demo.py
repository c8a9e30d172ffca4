"""The demo builder: two published versions and one in review, idempotent."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone

from samtrygg.accounts import demo as accounts_demo
from samtrygg.accounts.models import Organisation
from samtrygg.core.demo_support import DemoContext
from samtrygg.picture.params import last_full_period
from samtrygg.situation import demo
from samtrygg.situation.models import ReportStatus, SituationReport, SituationVersion, WeeklyNote
from samtrygg.situation.tests.helpers import X0, Y0, Row, write_incidents

pytestmark = pytest.mark.django_db


def test_demo_builds_versions_and_a_review_once() -> None:
    ctx = DemoContext(out=io.StringIO(), quick=True)
    accounts_demo.build(ctx)
    today = timezone.localdate()
    year_start, _ = last_full_period("year", today)
    quarter_start, _ = last_full_period("quarter", today)
    rows = [
        Row(
            dt.datetime.combine(year_start + dt.timedelta(days=d), dt.time(21)),
            "skadegorelse",
            (X0 + 10 * d, Y0),
        )
        for d in range(0, 300, 10)
    ] + [
        Row(
            dt.datetime.combine(quarter_start + dt.timedelta(days=d), dt.time(2)),
            "inbrott-bostad",
            (X0, Y0 + 5 * d),
        )
        for d in range(0, 80, 4)
    ]
    write_incidents(rows, organisation=Organisation.objects.get(code="mimer"))
    demo.build(ctx)
    versions = SituationVersion.objects.order_by("period_start")
    assert [v.period_kind for v in versions] == ["year", "quarter"]
    year = versions[0]
    assert year.period_start == year_start
    assert {s["username"] for s in year.signatures} == {"samordnare", "polis"}
    assert "registrerades 30 händelser" in year.sections["summary"]
    assert all(year.sections[k] for k in ("survey", "other", "analysis", "problems", "sources"))
    review = SituationReport.objects.get(status=ReportStatus.REVIEW)
    assert review.period_kind == "month" and review.comments.count() == 1
    assert [s.user.username for s in review.signatures.all()] == ["polis"]
    assert WeeklyNote.objects.count() == 1
    assert ctx.created["published lägesbild versions"] == 2
    again = DemoContext(out=io.StringIO(), quick=True)
    demo.build(again)
    assert again.created == {}
    assert SituationVersion.objects.count() == 2


def _comparisons(value: object) -> list[dict]:  # type: ignore[type-arg]
    """Every comparison in a picture's JSON (the dicts that carry ``withheld``)."""
    found = []
    if isinstance(value, dict):
        if "withheld" in value and "reference_days" in value:
            found.append(value)
        for v in value.values():
            found += _comparisons(v)
    elif isinstance(value, list):
        for v in value:
            found += _comparisons(v)
    return found


def test_published_demo_pictures_compare_nothing_against_uncovered_data() -> None:
    """The demo's data begin with the year it publishes: its comparison with the year
    before is withheld in the figures and the text says why, never a percentage."""
    ctx = DemoContext(out=io.StringIO(), quick=True)
    accounts_demo.build(ctx)
    today = timezone.localdate()
    year_start, _ = last_full_period("year", today)
    rows = [
        Row(
            dt.datetime.combine(year_start + dt.timedelta(days=d), dt.time(21)),
            "skadegorelse",
            (X0 + 10 * d, Y0),
        )
        for d in range(0, 360, 3)
    ]
    write_incidents(rows, organisation=Organisation.objects.get(code="mimer"))
    demo.build(ctx)
    versions = list(SituationVersion.objects.all())
    assert versions
    for version in versions:
        comparisons = _comparisons(version.figures)
        assert comparisons, version.period_kind
        for c in comparisons:
            if c["withheld"]:
                assert c["change_pct"] is None and not c["significant"]
            else:
                # compared only against a period the data cover at least half of
                assert 2 * (c["reference_covered_days"] or 0) >= c["reference_days"], c
    year = next(v for v in versions if v.period_kind == "year")
    assert year.figures["totals"]["year_before"]["withheld"] is True
    text = "\n".join(year.sections.values())
    assert "går det inte att jämföra" in text
    assert "jämfört med året innan)" not in text
