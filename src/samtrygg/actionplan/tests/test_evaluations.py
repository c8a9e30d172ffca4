"""Evaluations: counts in the user's scope, the analysis library's result stored unchanged,
immutability through every path, areas drawn or as a ring, the plain-language reading,
attaching a result to a meeting."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError
from django.test import RequestFactory
from django.urls import reverse

from samtrygg.actionplan import services
from samtrygg.actionplan.adapters import area_window_counts, day_span
from samtrygg.actionplan.explain import read
from samtrygg.actionplan.models import EvaluationPresentation, EvaluationRun
from samtrygg.actionplan.services import AreaChoice
from samtrygg.actionplan.tests import factories as f
from samtrygg.analysis.evaluation import AreaCounts, evaluate_intervention
from samtrygg.areas.models import Area
from samtrygg.core import numbers
from samtrygg.core.exceptions import AppendOnlyError
from samtrygg.governance.models import AgendaAttachment
from samtrygg.incidents.adapters import incident_count
from samtrygg.incidents.models import Category
from samtrygg.testing.actors import member
from samtrygg.testing.matrix import login

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 1)
BEFORE = (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
AFTER = (dt.date(2025, 7, 1), dt.date(2025, 12, 28))


@pytest.fixture
def town(world, incidents):  # type: ignore[no-untyped-def]
    areas = f.three_areas()
    t, b, c = areas["treated"], areas["buffer"], areas["control"]
    # Treated: 30 before (25 vandalism, 5 assaults), 12 after; one police-only before.
    incidents(area=t, day=dt.date(2025, 2, 1), n=25)
    incidents(area=t, day=dt.date(2025, 3, 1), n=5, category="vald")
    incidents(area=t, day=dt.date(2025, 3, 2), n=1, classification="restricted")
    incidents(area=t, day=dt.date(2025, 8, 1), n=12)
    # Buffer: 10 → 16. Control: 20 → 18.
    incidents(area=b, day=dt.date(2025, 4, 1), n=10)
    incidents(area=b, day=dt.date(2025, 9, 1), n=16)
    incidents(area=c, day=dt.date(2025, 5, 1), n=20)
    incidents(area=c, day=dt.date(2025, 10, 1), n=18)
    # Outside the windows: the window before the before window, and after the after one.
    incidents(area=t, day=dt.date(2024, 10, 1), n=7)
    # Outside every window: shows that the data reach back before the earlier window.
    incidents(area=c, day=dt.date(2024, 6, 1), n=1)
    incidents(area=t, day=dt.date(2025, 12, 30), n=9)
    intervention = f.intervention(world.organisations["housing"], areas=[t])
    return {"areas": areas, "intervention": intervention, "world": world}


def _run(town, user=None, **kwargs):  # type: ignore[no-untyped-def]
    areas = town["areas"]
    params = {
        "intervention": town["intervention"],
        "actor": user or town["world"].user("analyst"),
        "treated": areas["treated"],
        "buffer": areas["buffer"],
        "control": areas["control"],
        "before_start": BEFORE[0],
        "before_end": BEFORE[1],
        "after_start": AFTER[0],
        "after_end": AFTER[1],
        "today": TODAY,
    }
    params.update(kwargs)
    return services.evaluation_run(**params)


def test_cells_equal_the_incidents_adapter_counts(town) -> None:  # type: ignore[no-untyped-def]
    user = town["world"].user("police")  # reads police-only incidents too
    areas = town["areas"]
    windows = {"before": day_span(*BEFORE), "after": day_span(*AFTER)}
    cells = area_window_counts(user=user, area_ids=[a.pk for a in areas.values()], windows=windows)
    for area in areas.values():
        for name, (start, end) in windows.items():
            expected = incident_count(
                user=user, start=start, end=end, areas=[area.pk], mappable_only=False
            )
            assert cells.count(area.pk, name) == expected
    assert cells.count(areas["treated"].pk, "before") == 31


def test_stored_result_equals_the_analysis_library(town) -> None:  # type: ignore[no-untyped-def]
    run = _run(town)
    weights = dict(Category.objects.values_list("code", "harm_weight"))
    # Hand counts (the analyst does not read the police-only incident).
    treated, buffer, control = AreaCounts(30, 12), AreaCounts(10, 16), AreaCounts(20, 18)
    harm = {
        "treated_before": 25 * weights["skadegorelse"] + 5 * weights["vald"],
        "treated_after": 12 * weights["skadegorelse"],
        "buffer_before": 10 * weights["skadegorelse"],
        "buffer_after": 16 * weights["skadegorelse"],
        "control_before": 20 * weights["skadegorelse"],
        "control_after": 18 * weights["skadegorelse"],
    }
    expected = evaluate_intervention(
        treated,
        control,
        buffer=buffer,
        before_days=181,
        after_days=181,
        harm=harm,
        confidence=0.95,
    )
    stored = dict(run.result)
    extra = stored.pop("extra")
    # What was stored is the library's result, field for field (JSON round trip).
    assert stored == json.loads(json.dumps(dataclasses.asdict(expected)))
    assert stored["did"]["ratio"] == pytest.approx((12 / 30) / (18 / 20))
    assert stored["wdq"]["wdq"] == pytest.approx(expected.wdq.wdq)  # type: ignore[union-attr]
    assert extra["pre_counts"] == {"treated": 7, "control": 0}
    assert extra["by_category"]["treated"]["before"] == {"skadegorelse": 25, "vald": 5}
    assert run.parameters["areas"]["buffer"]["code"] == "buffer"
    assert run.data_scope["classifications"] == ["open", "internal"]
    # The same data through the scope of an analyst named by the police (with police-only
    # data asked for) differ.
    police_run = _run(town, user=member("analyst", police_data=True), include_restricted=True)
    assert police_run.result["treated"] == {"before": 31, "after": 12}


def test_categories_restrict_the_counts(town) -> None:  # type: ignore[no-untyped-def]
    run = _run(town, categories=Category.objects.filter(code="vald"))
    assert run.result["treated"] == {"before": 5, "after": 0}
    assert run.parameters["categories"][0]["code"] == "vald"


def test_police_only_data_needs_the_right(town) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        _run(town, include_restricted=True)  # the analyst of the world has no police data
    assert "include_restricted" in exc.value.message_dict


@pytest.mark.parametrize(
    "windows, field",
    [
        ({"before_end": dt.date(2024, 12, 1)}, "before_end"),
        ({"after_start": dt.date(2025, 6, 1)}, "after_start"),
        ({"after_end": TODAY}, "after_end"),
    ],
)
def test_windows_are_checked(town, windows, field) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        _run(town, **windows)
    assert field in exc.value.message_dict
    assert not EvaluationRun.objects.exists()


def test_overlapping_areas_are_refused(town) -> None:  # type: ignore[no-untyped-def]
    big = f.area("big", f.X0 - 500, f.Y0 - 500, size=3000)
    with pytest.raises(ValidationError) as exc:
        _run(town, buffer=big)
    assert "buffer" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        _run(town, control=town["areas"]["treated"])
    assert "control" in exc.value.message_dict
    with pytest.raises(ValidationError):
        _run(town, buffer=None, displacement_control=town["areas"]["buffer"])


def test_buffer_as_a_ring_and_a_drawn_control(town, incidents) -> None:  # type: ignore[no-untyped-def]
    treated = town["areas"]["treated"]
    # Incidents just outside the treated square (inside a 200 m ring), not linked to any
    # area: the ring's incidents are assigned when the ring is made.
    incidents(area=None, day=dt.date(2025, 9, 9), n=4, xy=(f.X0 + 1100, f.Y0 + 500), link=False)
    x, y = f.X0 + 5000, f.Y0
    drawn = {
        "type": "Polygon",
        "coordinates": [
            [
                list(p)
                for p in _to_lonlat(
                    [(x, y), (x + 1000, y), (x + 1000, y + 1000), (x, y + 1000), (x, y)]
                )
            ]
        ],
    }
    run = _run(
        town,
        buffer=AreaChoice(ring_metres=200),
        control=AreaChoice(drawn=drawn, name="Ritat kontrollområde"),
    )
    ring = Area.objects.get(code=run.parameters["areas"]["buffer"]["code"])
    assert ring.kind == "custom" and "200 m" in ring.name
    assert 0.92 < ring.area_km2 < 0.93  # 4 × 1 × 0.2 + π × 0.2² km² around the square
    assert run.result["buffer"] == {"before": 0, "after": 4}
    control = Area.objects.get(code=run.parameters["areas"]["control"]["code"])
    assert control.name == "Ritat kontrollområde"
    # The drawn square lies over the control square: its incidents count there too.
    assert run.result["control"] == {"before": 20, "after": 18}
    assert treated.pk == run.parameters["areas"]["treated"]["id"]
    with pytest.raises(ValidationError):
        _run(town, buffer=AreaChoice(ring_metres=10))


def _to_lonlat(points):  # type: ignore[no-untyped-def]
    from samtrygg.areas.spatial import to_4326

    lon, lat = to_4326([p[0] for p in points], [p[1] for p in points])
    return [(round(float(a), 7), round(float(b), 7)) for a, b in zip(lon, lat, strict=True)]


# --- immutability -----------------------------------------------------------------------


def test_stored_results_cannot_be_changed_or_deleted(town) -> None:  # type: ignore[no-untyped-def]
    run = _run(town)
    original = dict(run.result)
    run.title = "Ändrad"
    with pytest.raises(AppendOnlyError):
        run.save()
    with pytest.raises(AppendOnlyError):
        run.delete()
    with pytest.raises(AppendOnlyError):
        EvaluationRun.objects.filter(pk=run.pk).update(title="Ändrad")
    with pytest.raises(AppendOnlyError):
        EvaluationRun.objects.filter(pk=run.pk).delete()
    with pytest.raises(AppendOnlyError):
        EvaluationRun.objects.bulk_update([run], ["title"])
    # The database refuses too, whatever code runs.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE actionplan_evaluationrun SET title = %s WHERE id = %s", ["Ändrad", run.pk]
        )
    # The intervention it belongs to cannot be deleted from under it.
    with pytest.raises(ProtectedError):
        town["intervention"].delete()
    # The admin offers neither change nor delete.
    admin = site._registry[EvaluationRun]
    request = RequestFactory().get("/")
    request.user = town["world"].user("coordinator")
    assert not admin.has_change_permission(request, run)
    assert not admin.has_delete_permission(request, run)
    stored = EvaluationRun.objects.get(pk=run.pk)
    assert stored.result == original
    assert stored.title != "Ändrad"


def test_the_api_is_read_only(town, client_for) -> None:  # type: ignore[no-untyped-def]
    run = _run(town)
    client = client_for("coordinator")
    url = reverse("api:v1:actionplan-evaluation-detail", kwargs={"pk": run.pk})
    assert client.get(url).json()["result"]["treated"] == {"before": 30, "after": 12}
    assert client.delete(url).status_code == 405
    assert client.patch(url, {"title": "x"}, content_type="application/json").status_code == 405
    assert EvaluationRun.objects.filter(pk=run.pk).exists()


# --- reading ---------------------------------------------------------------------------


def test_reading_says_what_the_numbers_mean_and_cannot_show(town) -> None:  # type: ignore[no-untyped-def]
    reading = read(_run(town))
    assert reading.verdict in {"decrease", "inconclusive"}
    assert "30" in reading.headline and "12" in reading.headline
    codes = {c.code for c in reading.cautions}
    # The control area had no incidents in the window before the before window, the
    # treated area 7 against 30: a peak, so regression to the mean is flagged.
    assert "regression_to_mean" in codes
    assert {"displacement", "reporting", "other_causes"} <= codes
    assert "too_few" not in codes
    assert any("WDQ" in p for p in reading.displacement)


def test_regression_to_the_mean_unchecked_when_data_start_late(town) -> None:  # type: ignore[no-untyped-def]
    # Without incidents before the before window the data do not cover the earlier window:
    # the reading must not compare the before window with an empty, uncovered period.
    from samtrygg.incidents.models import Incident

    Incident.objects.filter(occurred_from__date__lt=BEFORE[0]).delete()
    run = _run(town)
    assert run.result["extra"]["pre_covered"] is False
    reading = read(run)
    caution = next(c for c in reading.cautions if c.code.startswith("regression_to_mean"))
    assert caution.code == "regression_to_mean_unchecked"
    assert run.result["extra"]["first_incident"] in caution.text


def test_reading_warns_about_too_few_events(town) -> None:  # type: ignore[no-untyped-def]
    run = _run(town, categories=Category.objects.filter(code="vald"))
    reading = read(run)
    assert reading.verdict == "inconclusive"
    assert reading.has("too_few")
    too_few = next(c for c in reading.cautions if c.code == "too_few")
    assert "5" in too_few.text  # the treated area's 5 events


def test_evaluation_page_explains_the_result(town, client_for) -> None:  # type: ignore[no-untyped-def]
    run = _run(town)
    response = client_for("council_member").get(
        reverse("actionplan:evaluation_detail", kwargs={"pk": run.pk})
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Vad siffrorna inte kan visa" in text
    assert "Återgång mot medelvärdet" in text
    assert "Förflyttning till andra platser" in text


# --- the form and the meeting -------------------------------------------------------------


def test_evaluation_form_runs_and_stores(town, client) -> None:  # type: ignore[no-untyped-def]
    login(client, town["world"].user("analyst"))
    areas = town["areas"]
    url = reverse("actionplan:evaluation_create", kwargs={"pk": town["intervention"].pk})
    data = {
        "treated": areas["treated"].pk,
        "buffer_ring": "",
        "buffer": areas["buffer"].pk,
        "control": areas["control"].pk,
        "before_start": BEFORE[0].isoformat(),
        "before_end": BEFORE[1].isoformat(),
        "after_start": AFTER[0].isoformat(),
        "after_end": AFTER[1].isoformat(),
    }
    response = client.post(url, data)
    run = EvaluationRun.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/evaluations/{run.pk}/")
    assert run.result["treated"] == {"before": 30, "after": 12}
    # Two ways to give one area: refused, nothing stored.
    response = client.post(url, {**data, "buffer_ring": "300"})
    assert response.status_code == 400
    assert EvaluationRun.objects.count() == 1


def test_attach_a_result_to_a_council_meeting(town) -> None:  # type: ignore[no-untyped-def]
    run = _run(town)
    meeting = f.planned_meeting()
    presentation = services.evaluation_attach_to_meeting(
        actor=member("coordinator"), evaluation=run, meeting=meeting
    )
    attachment = presentation.attachment
    assert attachment.kind == "link" and attachment.url == run.get_absolute_url()
    assert attachment.agenda_item.meeting == meeting
    assert attachment.agenda_item.title.startswith("Utvärdering") or "Evaluation" in (
        attachment.agenda_item.title
    )
    with pytest.raises(ValidationError):
        services.evaluation_attach_to_meeting(
            actor=member("coordinator"), evaluation=run, meeting=meeting
        )
    # A second result of the same intervention goes under the same agenda item.
    second = _run(town)
    services.evaluation_attach_to_meeting(
        actor=member("coordinator"), evaluation=second, meeting=meeting
    )
    assert AgendaAttachment.objects.filter(agenda_item=attachment.agenda_item).count() == 2
    assert EvaluationPresentation.objects.count() == 2


def test_evaluation_form_with_a_drawn_control(town, client) -> None:  # type: ignore[no-untyped-def]
    login(client, town["world"].user("coordinator"))
    areas = town["areas"]
    x, y = f.X0 + 5000, f.Y0
    ring = _to_lonlat([(x, y), (x + 1000, y), (x + 1000, y + 1000), (x, y + 1000), (x, y)])
    data = {
        "treated": areas["treated"].pk,
        "drawn_role": "control",
        "drawn_name": "Ritad kontroll",
        "drawn_geometry": json.dumps({"type": "Polygon", "coordinates": [ring]}),
        "before_start": BEFORE[0].isoformat(),
        "before_end": BEFORE[1].isoformat(),
        "after_start": AFTER[0].isoformat(),
        "after_end": AFTER[1].isoformat(),
    }
    url = reverse("actionplan:evaluation_create", kwargs={"pk": town["intervention"].pk})
    response = client.post(url, data)
    assert response.status_code == 302
    run = EvaluationRun.objects.get()
    assert run.parameters["areas"]["control"]["name"] == "Ritad kontroll"
    assert run.result["control"] == {"before": 20, "after": 18}
    assert "buffer" not in run.parameters["areas"]
    # A drawn outline that is not a polygon is refused on the form, and nothing is made.
    bad = {**data, "drawn_geometry": json.dumps({"type": "Polygon", "coordinates": [ring[:2]]})}
    response = client.post(url, bad)
    assert response.status_code == 400
    assert EvaluationRun.objects.count() == 1
    assert Area.objects.filter(name="Ritad kontroll").count() == 1


def test_evaluation_and_intervention_pages_print_the_same_factor(town, client_for) -> None:  # type: ignore[no-untyped-def]
    """One rounding for the ratio: the evaluation page's reading, its table and the
    intervention page's list print the same factor and interval (they once said 0,51 and
    0,52 for one result, Django's number format cutting decimals off where the other
    rounded)."""
    run = _run(town)
    did = run.result["did"]
    expected = [numbers.number(did[k], 2) for k in ("ratio", "ratio_ci_low", "ratio_ci_high")]
    client = client_for("council_member")
    evaluation = client.get(reverse("actionplan:evaluation_detail", kwargs={"pk": run.pk}))
    intervention = client.get(
        reverse("actionplan:intervention_detail", kwargs={"pk": town["intervention"].pk})
    )
    reading = re.search(
        r"faktorn ([\d,]+) \(95 % konfidensintervall ([\d,]+) till ([\d,]+)\)",
        evaluation.content.decode(),
    )
    listed = re.search(
        rf'{re.escape(run.title)}</a>.*?<td class="num">([\d,]+) \(([\d,]+)–([\d,]+)\)</td></tr>',
        intervention.content.decode(),
        re.S,
    )
    assert reading is not None and listed is not None
    assert list(reading.groups()) == list(listed.groups()) == expected


def test_no_figure_prints_minus_zero(town, client_for) -> None:  # type: ignore[no-untyped-def]
    run = _run(town)
    text = client_for("council_member").get(
        reverse("actionplan:evaluation_detail", kwargs={"pk": run.pk})
    )
    assert not re.search(r"[−-]0(,0+)?\s?%", text.content.decode())
