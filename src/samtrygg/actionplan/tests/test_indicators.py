"""Indicators: values computed from incidents against hand counts, the survey import (bad
rows refused and named, all or nothing), hand-entered values, status against targets."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from samtrygg.actionplan import selectors, services
from samtrygg.actionplan.models import IndicatorValue, SurveyImport
from samtrygg.actionplan.tests import factories as f
from samtrygg.areas.models import AreaPopulation
from samtrygg.incidents.models import Category
from samtrygg.testing.actors import member
from samtrygg.testing.matrix import login

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 15)


@pytest.fixture
def setup(world, incidents):  # type: ignore[no-untyped-def]
    areas = f.three_areas()
    goal = f.goal()
    treated, other = areas["treated"], areas["control"]
    # 2024: 7 vandalism + 3 graffiti in treated; 4 vandalism in the other area; 2 assaults.
    incidents(area=treated, day=dt.date(2024, 1, 1), n=4, hour=0)  # the first hour of the year
    incidents(area=treated, day=dt.date(2024, 6, 1), n=3)
    incidents(area=treated, day=dt.date(2024, 12, 31), n=3, category="klotter", hour=23)
    incidents(area=other, day=dt.date(2024, 5, 5), n=4)
    incidents(area=treated, day=dt.date(2024, 5, 5), n=2, category="vald")
    # 2025: 5 vandalism in treated, one of them police-only; 2023: 1 (on New Year's Eve).
    incidents(area=treated, day=dt.date(2025, 2, 2), n=4)
    incidents(area=treated, day=dt.date(2025, 2, 3), n=1, classification="restricted")
    incidents(area=treated, day=dt.date(2023, 12, 31), n=1, hour=23)
    # 2026 so far: 2.
    incidents(area=treated, day=dt.date(2026, 1, 10), n=2)
    return {"areas": areas, "goal": goal, "world": world}


def _values(view):  # type: ignore[no-untyped-def]
    return {p.year: (p.value, p.count, p.partial) for p in view.series[0].points}


def test_computed_count_matches_hand_counts(setup) -> None:  # type: ignore[no-untyped-def]
    treated = setup["areas"]["treated"]
    indicator = f.indicator(
        setup["goal"],
        code="skadegorelse",
        kind="computed",
        measure="count",
        direction="decrease",
        first_year=2023,
        categories=Category.objects.filter(code__in=["skadegorelse", "klotter"]),
        areas=[treated],
    )
    analyst = setup["world"].user("analyst")  # internal and open, not police-only
    view = selectors.indicator_view(indicator, user=analyst, today=TODAY)
    assert _values(view) == {
        2023: (1.0, 1, False),
        2024: (10.0, 10, False),  # 4 + 3 + 3 graffiti; not the assaults, not the other area
        2025: (4.0, 4, False),  # the police-only incident is outside the analyst's scope
        2026: (2.0, 2, True),
    }
    # Without a target the status is the movement of the last complete year (2025) from
    # the first one (2023), read in the indicator's direction: up is worse here.
    assert view.status.latest.year == 2025  # type: ignore[union-attr]
    assert (view.status.baseline, view.status.baseline_year) == (1.0, 2023)
    assert view.status.code == "worsening"


def test_computed_rate_uses_the_populations_per_year(setup) -> None:  # type: ignore[no-untyped-def]
    treated, other = setup["areas"]["treated"], setup["areas"]["control"]
    AreaPopulation.objects.update_or_create(area=treated, year=2025, defaults={"population": 4000})
    indicator = f.indicator(
        setup["goal"],
        code="rate",
        kind="computed",
        measure="rate",
        direction="decrease",
        first_year=2024,
        categories=Category.objects.filter(code="skadegorelse"),
        areas=[treated, other],
        target_value=0.3,
        target_year=2027,
    )
    view = selectors.indicator_view(indicator, user=setup["world"].user("coordinator"), today=TODAY)
    values = _values(view)
    # 2024: (4 + 3) treated + 4 other = 11 per (5000 + 5000) inhabitants.
    assert values[2024][0] == pytest.approx(11 / 10_000 * 1000)
    assert view.series[0].points[0].population == 10_000
    # 2025: 4 per (4000 + 5000 from the latest earlier year).
    assert values[2025][0] == pytest.approx(4 / 9000 * 1000)
    assert view.status.code == "improving"


def test_council_member_counts_open_incidents_only(setup, incidents) -> None:  # type: ignore[no-untyped-def]
    treated = setup["areas"]["treated"]
    incidents(area=treated, day=dt.date(2025, 3, 3), n=2, classification="open")
    indicator = f.indicator(
        setup["goal"],
        code="open-only",
        kind="computed",
        measure="count",
        direction="decrease",
        first_year=2025,
        areas=[treated],
    )
    world = setup["world"]
    member = selectors.indicator_view(indicator, user=world.user("council_member"), today=TODAY)
    police = selectors.indicator_view(indicator, user=world.user("police"), today=TODAY)
    assert _values(member)[2025][1] == 2
    assert _values(police)[2025][1] == 2 + 4 + 1  # open, internal and police-only


def test_computed_values_follow_new_incidents_and_edits(setup, incidents) -> None:  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    treated = setup["areas"]["treated"]
    indicator = f.indicator(
        setup["goal"],
        code="cached",
        kind="computed",
        measure="count",
        direction="decrease",
        first_year=2025,
        areas=[treated],
    )
    user = setup["world"].user("coordinator")
    assert _values(selectors.indicator_view(indicator, user=user, today=TODAY))[2025][1] == 4
    incidents(area=treated, day=dt.date(2025, 8, 8), n=3)
    # Cached for a while …
    assert _values(selectors.indicator_view(indicator, user=user, today=TODAY))[2025][1] == 4
    # … recomputed when the cache entry expires (simulated) or the indicator changes.
    cache.clear()
    assert _values(selectors.indicator_view(indicator, user=user, today=TODAY))[2025][1] == 7
    services.indicator_update(
        actor=member("coordinator"),
        indicator=indicator,
        goal=setup["goal"],
        code="cached",
        name="Ändrad",
        measure="count",
        direction="decrease",
        first_year=2025,
        areas=[setup["areas"]["control"]],
    )
    indicator.refresh_from_db()
    assert _values(selectors.indicator_view(indicator, user=user, today=TODAY))[2025][1] == 0


def test_indicator_definitions_are_checked(setup) -> None:  # type: ignore[no-untyped-def]
    goal = setup["goal"]
    with pytest.raises(ValidationError) as exc:
        f.indicator(goal, code="bad", kind="computed", measure="percent")
    assert "measure" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        f.indicator(goal, code="bad", kind="computed", measure="rate", areas=[])
    assert "areas" in exc.value.message_dict
    no_population = f.area("empty", f.X0, f.Y0 + 9000, population=None)
    with pytest.raises(ValidationError) as exc:
        f.indicator(goal, code="bad", kind="computed", measure="rate", areas=[no_population])
    assert "Empty" in str(exc.value.message_dict["areas"])
    with pytest.raises(ValidationError) as exc:
        f.indicator(goal, code="bad", target_value=70)
    assert "target_year" in exc.value.message_dict


def test_manual_values_and_status(setup) -> None:  # type: ignore[no-untyped-def]
    indicator = f.indicator(
        setup["goal"], target_value=90, target_year=2027, baseline_value=40, baseline_year=2023
    )
    user = setup["world"].user("coordinator")
    services.indicator_value_set(
        actor=member("coordinator"), indicator=indicator, year=2024, value=55
    )
    view = selectors.indicator_view(indicator, user=user, today=TODAY)
    assert view.status.code == "improving"
    services.indicator_value_set(
        actor=member("coordinator"), indicator=indicator, year=2025, value=35
    )
    assert selectors.indicator_view(indicator, user=user, today=TODAY).status.code == "worsening"
    services.indicator_value_set(
        actor=member("coordinator"), indicator=indicator, year=2025, value=91
    )  # corrected
    assert IndicatorValue.objects.filter(indicator=indicator).count() == 2
    assert selectors.indicator_view(indicator, user=user, today=TODAY).status.code == "met"
    with pytest.raises(ValidationError) as exc:
        services.indicator_value_set(
            actor=member("coordinator"), indicator=indicator, year=2025, value=120
        )
    assert "value" in exc.value.message_dict


# --- survey import ---------------------------------------------------------------------


@pytest.fixture
def survey(setup):  # type: ignore[no-untyped-def]
    return f.indicator(setup["goal"], code="ntu-trygg", kind="survey", measure="percent")


def test_survey_import_stores_values_per_area_and_year(setup, survey) -> None:  # type: ignore[no-untyped-def]
    csv = (
        "area code;indicator;year;value;n;source\n"
        "treated;ntu-trygg;2023;61,5;180;NTU 2024\n"
        "treated;ntu-trygg;2024;64,0;175;NTU 2025\n"
        ";ntu-trygg;2024;66,2;1400;NTU 2025\n"
    ).encode("cp1252")
    result = services.survey_import(actor=member("coordinator"), data=csv, file_name="ntu.csv")
    assert (result.created, result.updated) == (3, 0)
    view = selectors.indicator_view(survey, user=setup["world"].user("coordinator"))
    series = {s.key: [(p.year, p.value, p.n) for p in s.points] for s in view.series}
    assert series == {
        "": [(2024, 66.2, 1400)],
        "treated": [(2023, 61.5, 180), (2024, 64.0, 175)],
    }
    # The same values again correct the stored ones.
    again = services.survey_import(
        actor=member("coordinator"), data=csv.replace(b"64,0", b"64,5"), file_name="ntu.csv"
    )
    assert (again.created, again.updated) == (0, 3)
    assert (
        IndicatorValue.objects.get(indicator=survey, area__code="treated", year=2024).value == 64.5
    )


def test_survey_import_refuses_the_file_and_names_every_bad_row(setup, survey) -> None:  # type: ignore[no-untyped-def]
    f.indicator(setup["goal"], code="manuell", kind="manual")
    csv = (
        b"area code,indicator,year,value,n,source\n"
        b"treated,ntu-trygg,2023,61.5,180,NTU\n"  # good
        b"nowhere,ntu-trygg,2023,61.5,180,NTU\n"  # 3: unknown area
        b"treated,okand,2023,61.5,180,NTU\n"  # 4: unknown indicator
        b"treated,manuell,2023,61.5,180,NTU\n"  # 5: not a survey indicator
        b"treated,ntu-trygg,tjugo,61.5,180,NTU\n"  # 6: year
        b"treated,ntu-trygg,2024,mycket,180,NTU\n"  # 7: value
        b"treated,ntu-trygg,2024,140,180,NTU\n"  # 8: percentage above 100
        b"treated,ntu-trygg,2024,60,-3,NTU\n"  # 9: n
        b"treated,ntu-trygg,2023,62,180,NTU\n"  # 10: duplicate of row 2
        b"\n"
    )
    with pytest.raises(services.SurveyImportRefused) as exc:
        services.survey_import(actor=member("coordinator"), data=csv, file_name="ntu.csv")
    problems = [(e.row, e.field) for e in exc.value.errors]
    assert problems == [
        (3, "area code"),
        (4, "indicator"),
        (5, "indicator"),
        (6, "year"),
        (7, "value"),
        (8, "value"),
        (9, "n"),
        (10, "year"),
    ]
    messages = {e.row: e.message for e in exc.value.errors}
    assert "nowhere" in messages[3] and "okand" in messages[4]
    assert messages[6] == "”tjugo” är inte ett år mellan 1990 och 2100"  # not 'tjugo'
    assert "2" in messages[10]  # names the row it repeats
    # All or nothing: not even the good row was saved.
    assert not IndicatorValue.objects.exists()
    assert not SurveyImport.objects.exists()


def test_survey_import_refuses_missing_columns(setup, survey) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(services.SurveyImportRefused) as exc:
        services.survey_import(
            actor=member("coordinator"), data=b"area,indicator,value\nx,ntu-trygg,3\n"
        )
    assert [(e.row, e.field) for e in exc.value.errors] == [(1, "year")]
    with pytest.raises(services.SurveyImportRefused):
        services.survey_import(actor=member("coordinator"), data=b"")


def test_survey_import_page_lists_the_problems(setup, survey, client) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    login(client, setup["world"].user("analyst"))
    upload = SimpleUploadedFile(
        "ntu.csv", b"area code,indicator,year,value,n,source\ntreated,ntu-trygg,1800,5,,\n"
    )
    response = client.post(reverse("actionplan:survey_import"), {"file": upload})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Inget importerades" in text
    assert "<td>2</td><td>year</td>" in text.replace("\n", "")
    assert not IndicatorValue.objects.exists()
