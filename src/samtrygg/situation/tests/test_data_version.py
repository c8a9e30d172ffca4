"""The picture follows every kind of write to what it reads, at once: its cache key is the
data version, which database triggers bump (incidents/tests/test_data_version.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samtrygg.areas.models import Area, AreaPopulation
from samtrygg.incidents.models import Category, Incident, IncidentArea
from samtrygg.incidents.services import category_update
from samtrygg.picture.params import PictureParams
from samtrygg.picture.service import picture_for_user
from samtrygg.picture.types import Picture
from samtrygg.testing.matrix import login

pytestmark = pytest.mark.django_db
MARCH = PictureParams.for_period("month", dt.date(2026, 3, 15))


def _march(town: Any) -> Picture:
    return picture_for_user(user=town.world.user("analyst"), params=MARCH)


def _area(picture: Picture, code: str) -> Any:
    return next(a for a in picture.by_area if a.code == code)


def test_the_report_form_changes_the_picture(town) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    now = PictureParams.for_period("month", today)
    analyst = town.world.user("analyst")
    before = picture_for_user(user=analyst, params=now).totals.incidents
    reporter = login(Client(), town.world.user("reporter"))
    when = timezone.localtime() - dt.timedelta(minutes=30)
    response = reporter.post(
        reverse("incidents:report"),
        {
            "category": Category.objects.get(code="klotter").pk,
            "occurred_from": when.strftime("%Y-%m-%dT%H:%M"),
            "lon": "16.52",
            "lat": "59.61",
            "description": "Klotter på fasaden",
            "classification": "internal",
        },
    )
    assert response.status_code == 302
    assert picture_for_user(user=analyst, params=now).totals.incidents == before + 1


def test_edits_and_deletes_change_the_picture(town) -> None:  # type: ignore[no-untyped-def]
    first = _march(town)
    burglaries = Incident.objects.filter(category__code="inbrott-bostad", areas=town.areas["t10"])
    assert burglaries.count() == 2
    # An in-place edit (no new row, no new id).
    burglaries.filter(pk=burglaries.first().pk).update(  # type: ignore[union-attr]
        category=Category.objects.get(code="skadegorelse")
    )
    edited = _march(town)
    assert edited.totals.incidents == first.totals.incidents
    assert _area(edited, "t10").by_category != _area(first, "t10").by_category
    Incident.objects.filter(category__code="inbrott-bostad", areas=town.areas["t10"]).delete()
    assert _march(town).totals.incidents == first.totals.incidents - 1


def test_area_links_populations_and_categories_change_the_picture(town) -> None:  # type: ignore[no-untyped-def]
    first = _march(town)
    t00 = town.areas["t00"]
    assert _area(first, "t00").count > 0
    IncidentArea.objects.filter(area=t00).delete()
    assert _area(_march(town), "t00").count == 0
    AreaPopulation.objects.update_or_create(area=t00, year=2026, defaults={"population": 4321})
    assert _area(_march(town), "t00").population == 4321
    category = Category.objects.get(code="skadegorelse")
    category_update(actor=town.world.user("coordinator"), category=category, name_sv="Åverkan")
    names = {c.code: c.name for c in _march(town).by_category}
    assert names["skadegorelse"] == "Åverkan"


def test_the_filters_follow_renamed_areas_and_categories(town) -> None:  # type: ignore[no-untyped-def]
    analyst = login(Client(), town.world.user("analyst"))
    page = analyst.get(reverse("situation:dashboard")).content.decode()
    assert "Åverkan" not in page and "Norra T00" not in page
    category = Category.objects.get(code="skadegorelse")
    category_update(actor=town.world.user("coordinator"), category=category, name_sv="Åverkan")
    Area.objects.filter(pk=town.areas["t00"].pk).update(name="Norra T00")
    page = analyst.get(reverse("situation:dashboard")).content.decode()
    assert "Åverkan" in page and "Norra T00" in page
