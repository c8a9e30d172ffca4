"""The demo's safety walks: four walks (one repeating another), about forty findings in
every status, owners who log in and owners reached by e-mail; built once."""

from __future__ import annotations

import io
from collections import Counter

import pytest

from samtrygg.accounts import demo as accounts_demo
from samtrygg.areas import demo as areas_demo
from samtrygg.core.demo_support import DemoContext
from samtrygg.walks import demo
from samtrygg.walks.indicators import fixed_within_share
from samtrygg.walks.models import Finding, FindingStatus, SafetyWalk

pytestmark = pytest.mark.django_db


def test_demo_walks() -> None:
    ctx = DemoContext(out=io.StringIO(), quick=True)
    accounts_demo.build(ctx)
    areas_demo.build(ctx)
    demo.build(ctx)
    assert SafetyWalk.objects.count() == 4
    repeat = SafetyWalk.objects.get(predecessor__isnull=False)
    first = repeat.predecessor
    assert first is not None and repeat.area == first.area
    assert SafetyWalk.objects.filter(protocol_published_at__isnull=False).count() == 3
    statuses = Counter(Finding.objects.values_list("status", flat=True))
    assert 35 <= sum(statuses.values()) <= 45
    assert set(statuses) == set(FindingStatus.values)
    assert Finding.objects.filter(recheck="confirmed").exists()
    assert Finding.objects.filter(recheck="reopened", status="accepted").exists()
    assert Finding.objects.filter(owner__organisation__code="stadsmiljo-vasteras").exists()
    assert Finding.objects.filter(owner__organisation__isnull=True).exists()
    assert any(login.username == "gatapark" for login in ctx.logins)
    # The indicator sees a share fixed within six months for the first walk's year.
    first_year = first.walk_date.year
    values = {v.year: v.value for v in fixed_within_share(first_year, repeat.walk_date)}
    share = values[first_year]
    assert share is not None and share > 0

    again = DemoContext(out=io.StringIO(), quick=True, users=ctx.users)
    demo.build(again)
    assert SafetyWalk.objects.count() == 4
    assert any(login.username == "gatapark" for login in again.logins)
